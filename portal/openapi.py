"""OpenAPI 3.1 description of the JSON API (served at /api/openapi.json).

Generated from the declared list ``ENDPOINTS`` below and checked against the app's URL map:
only routes the running app really serves are described, and tests fail when an /api route
exists without a declaration here — keep both in step.
"""
import re

from .datadict import DATASETS

ERROR = {"$ref": "#/components/schemas/Error"}


def _q(name, description, *, type_="string", required=False, enum=None, style=None):
    schema = {"type": type_}
    if enum:
        schema["enum"] = list(enum)
    param = {"name": name, "in": "query", "required": required, "description": description, "schema": schema}
    if style == "array":
        param["schema"] = {"type": "array", "items": {"type": "string"}}
        param["explode"] = True
    return param


def _path(name, description, enum=None):
    schema = {"type": "string"}
    if enum:
        schema["enum"] = list(enum)
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema}


PUB = _q("pub", "发布编号：固定使用某次发布的数据（永久链接）", type_="integer")
YEAR = _q("year", "年度", type_="integer")
MONTH = _q("month", "累计截至月份（1–12）", type_="integer")
PAGE = [_q("page", "页码（从 1 开始）", type_="integer"), _q("per_page", "每页条数（最多 500）", type_="integer")]
REGION = _q("region", "地区代码")
RECORD_KINDS = ("expenditures", "budgets", "payments")


def _search_facets():
    try:
        from search.request import FACETS
    except Exception:  # the search package is optional at import time
        return []
    return [_q(f, f"筛选：{f}（可重复）", style="array") for f in FACETS]


def _table_filters():
    return [_q("<field>", "按字段筛选：field=值、field__in=a,b、field__prefix=205、field__gte=…、field__lte=…（金额字段除外）")]


# (rule as Flask spells it, summary, parameters, tag)
ENDPOINTS = [
    ("/api", "接口索引：全部端点的简要说明", [], "概览"),
    ("/api/openapi.json", "本 OpenAPI 描述", [], "概览"),
    ("/api/summary", "首页概览：最新年度预算、支出、执行率，历年趋势，主要支出领域", [PUB], "预算执行"),
    ("/api/execution", "全市预算执行：按地区、功能分类、月度", [YEAR, MONTH, PUB], "预算执行"),
    ("/api/execution/region/<code>", "某地区预算执行：按预算单位、功能分类",
     [_path("code", "地区代码"), YEAR, MONTH, PUB], "预算执行"),
    ("/api/execution/region/<code>/dept/<dept>", "某预算单位预算执行：按功能分类（类、款）",
     [_path("code", "地区代码"), _path("dept", "单位代码"), YEAR, MONTH, PUB], "预算执行"),
    ("/api/records/<any(expenditures,budgets,payments):kind>", "数字背后的原始记录（支出、预算、支付），可分页，含合计",
     [_path("kind", "记录类型", RECORD_KINDS), YEAR, MONTH, REGION, _q("dept", "单位代码"), _q("class", "科目编码（类或款前缀）"),
      _q("project", "项目编号（支付）"), _q("payee_type", "收款人类型（单位/个人）"), *PAGE, PUB], "预算执行"),
    ("/api/projects", "项目列表：筛选、排序、分页",
     [REGION, _q("class", "科目编码"), _q("category", "项目类别"), _q("status", "项目状态"), YEAR, _q("dept", "单位代码"),
      _q("sort", "排序", enum=("investment", "disbursed", "progress", "name")), *PAGE, PUB], "项目"),
    ("/api/projects/<code>", "单个项目：资金、实物进度、进展记录、支付明细（已脱敏）",
     [_path("code", "项目编号"), _q("page", "支付明细页码", type_="integer"), PUB], "项目"),
    ("/api/projects/<code>/comments", "项目的公众评价（已审核、已脱敏）", [_path("code", "项目编号")], "项目"),
    ("/api/regions", "地区列表（含常住人口）", [PUB], "参考数据"),
    ("/api/departments", "预算单位列表", [REGION, PUB], "参考数据"),
    ("/api/classes", "政府收支分类科目（类、款）", [PUB], "参考数据"),
    ("/api/search", "关键词检索（中文分词、拼音、同义词），含分面筛选",
     [_q("q", "检索词"), _q("sort", "排序", enum=("relevance", "amount", "date")), _q("page", "页码", type_="integer"),
      _q("size", "每页条数", type_="integer"), _q("semantic", "是否启用语义检索（1/0）"), *_search_facets()], "检索与问答"),
    ("/api/suggest", "输入联想（最多 50 个字）", [_q("q", "已输入的前缀", required=True)], "检索与问答"),
    ("/api/ask", "自然语言提问：给出数字、表格和图表（有频率限制）",
     [_q("q", "问题，例如「去年全市修了多少公里农村公路？」"), _q("as_of", "以哪一天为「今天」（YYYY-MM-DD）")], "检索与问答"),
    ("/api/compare", "区县对比：支出总额、民生支出占比、执行率与时间进度、人均支出、同比增长、分类占比、月度累计曲线",
     [YEAR, MONTH, _q("region", "地区代码（可重复；不填为全部）", style="array"), _q("regions", "逗号分隔的地区代码"),
      _q("measure", "指标（可重复）", style="array"),
      _q("sort", "排序", enum=("spent", "budget", "execution_rate", "minsheng_share", "per_capita", "yoy_growth", "code")),
      PUB], "区县对比"),
    ("/api/documents", "报告文档列表", [YEAR, _q("type", "类型，例如 执行情况、决算报告"), REGION, PUB], "报告"),
    ("/api/documents/<slug>", "一篇报告（正文已脱敏）与目录", [_path("slug", "文档编号"), PUB], "报告"),
    ("/api/datasets", "开放数据目录与数据字典（字段、中文名、单位、类型）", [PUB], "开放数据"),
    ("/data/<table>.<any(csv, xlsx, json):fmt>", "下载一张已发布数据表（CSV 为 UTF-8 带 BOM；JSON 含行数与金额合计）",
     [_path("table", "数据表", tuple(DATASETS)), _path("fmt", "格式", ("csv", "xlsx", "json")), *_table_filters(), PUB],
     "开放数据"),
    ("/healthz", "健康检查：数据库与当前发布", [], "概览"),
]


def openapi_path(rule):
    """Flask rule -> OpenAPI path template: ``<any(a,b):kind>`` -> ``{kind}``, ``<code>`` -> ``{code}``."""
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule)


def api_rules(app):
    """Rules that make up the JSON API: everything under /api, the data downloads, /healthz."""
    rules = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api") or rule.rule in ("/healthz",) or rule.endpoint == "opendata.table_data":
            if "GET" in rule.methods:
                rules.add(rule.rule)
    return rules


def undeclared(app):
    declared = {rule for rule, *_ in ENDPOINTS}
    return sorted(api_rules(app) - declared)


def openapi_document(app):
    served = api_rules(app)
    paths = {}
    for rule, summary, params, tag in ENDPOINTS:
        if rule not in served:
            continue  # only describe what this app really serves
        params = [p for p in params if p["name"] != "<field>"]  # free-form filters are described in prose
        operation = {
            "summary": summary,
            "tags": [tag],
            "operationId": re.sub(r"[^A-Za-z0-9]+", "_", rule).strip("_") or "root",
            "parameters": params,
            "responses": {
                "200": {"description": "成功；金额为以元为单位的数字", "content": {"application/json": {
                    "schema": {"type": "object"}}}},
                "400": {"description": "参数有误", "content": {"application/json": {"schema": ERROR}}},
                "404": {"description": "不存在", "content": {"application/json": {"schema": ERROR}}},
            },
        }
        if rule == "/api/ask":
            operation["responses"]["429"] = {"description": "请求过于频繁", "content": {"application/json": {"schema": ERROR}}}
        if rule.startswith("/data/"):
            operation["description"] = ("按字段筛选：field=值、field__in=a,b、field__prefix=205、field__gte=…、field__lte=…"
                                        "（金额字段除外）。")
            operation["responses"]["200"]["content"] = {
                "application/json": {"schema": {"type": "object"}},
                "text/csv": {"schema": {"type": "string"}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                    {"schema": {"type": "string", "format": "binary"}},
            }
        paths[openapi_path(rule)] = {"get": operation}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "明账 Mingzhang 财政预算公开数据接口",
            "version": "1.0",
            "description": "金额均为以元为单位的数字（字段 unit 标明）；比率为小数。每个响应注明数据所属的发布"
                           "（编号、SHA-256），加 pub=N 参数可固定使用某次发布。错误统一为 {\"error\": {\"code\", \"message\"}}。",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "paths": paths,
        "components": {"schemas": {"Error": {
            "type": "object", "required": ["error"],
            "properties": {"error": {"type": "object", "required": ["code", "message"],
                                     "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}},
        }}},
    }
