"""OpenAPI 3.1 description of the JSON API (served at /api/openapi.json).

Generated from the declared list ``ENDPOINTS`` below and checked against the app's URL map:
only routes the running app really serves are described, and tests fail when an /api route
exists without a declaration here — keep both in step. Parameter bounds and response schemas must
say what the views really accept and return: tests/test_api_schemathesis.py (and bench/fuzz_api.py)
generate requests from this description and check every response against it.
"""
import re

from ledger.datadict import DATASETS
from nlq.decline import REASONS as DECLINE_REASONS

ERROR = {"$ref": "#/components/schemas/Error"}
# What views/pages.arg_code accepts: ASCII letters, digits, - and _, at least one letter or digit, ≤ 32.
CODE_PATTERN = "^[A-Za-z0-9_-]*[A-Za-z0-9][A-Za-z0-9_-]*$"


def _q(name, description, *, type_="string", required=False, enum=None, style=None, items=None, **limits):
    """A query parameter; ``limits`` are JSON Schema keywords (minimum, maximum, pattern, minLength …)."""
    schema = {"type": type_, **limits}
    if enum:
        schema["enum"] = list(enum)
    param = {"name": name, "in": "query", "required": required, "description": description, "schema": schema}
    if not required:
        param["allowEmptyValue"] = True  # an empty field (as a form sends it) counts as not given
    if style == "array":
        param["schema"] = {"type": "array", "items": items or {"type": "string"}}
        param["explode"] = True
    return param


def _path(name, description, enum=None):
    schema = {"type": "string"}
    if enum:
        schema["enum"] = list(enum)
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema}


PUB = _q("pub", "发布编号：固定使用某次发布的数据（永久链接）", type_="integer", minimum=1)
YEAR = _q("year", "年度", type_="integer", minimum=1900, maximum=2200)
MONTH = _q("month", "累计截至月份（1–12）", type_="integer", minimum=1, maximum=12)
PAGE = [_q("page", "页码（从 1 开始）", type_="integer", minimum=1, maximum=1_000_000),
        _q("per_page", "每页条数（最多 500）", type_="integer", minimum=1, maximum=500)]
REGION = _q("region", "地区代码", pattern=CODE_PATTERN, maxLength=32)
DEPT = _q("dept", "单位代码", pattern=CODE_PATTERN, maxLength=32)
CLASS = _q("class", "科目编码（类或款前缀）", pattern=CODE_PATTERN, maxLength=32)
RECORD_KINDS = ("expenditures", "budgets", "payments")


def _search_facets():
    try:
        from search.request import FACETS
    except Exception:  # the search package is optional at import time
        return []
    return [_q(f, f"筛选：{f}（可重复）", style="array",
               items={"type": "string", "pattern": "^[0-9]+$"} if f == "year" else None) for f in FACETS]


def _compare_measures():
    from ledger.queries.compare import MEASURES
    return {"type": "string", "enum": list(MEASURES)}


def _max_question():
    try:
        from nlq.text import MAX_QUESTION_CHARS
    except Exception:  # the nlq package is optional at import time
        return 200
    return MAX_QUESTION_CHARS


def _supervision(name):
    from ledger import supervision
    return list(getattr(supervision, name))


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
     [_path("kind", "记录类型", RECORD_KINDS), YEAR, MONTH, REGION, DEPT, CLASS,
      _q("project", "项目编号（支付）", pattern=CODE_PATTERN, maxLength=32), _q("payee_type", "收款人类型（单位/个人）"), *PAGE, PUB], "预算执行"),
    ("/api/projects", "项目列表：筛选、排序、分页",
     [REGION, CLASS, _q("category", "项目类别"), _q("status", "项目状态"), YEAR, DEPT,
      _q("contractor", "承建单位（名称，完全一致）", maxLength=128),
      _q("sort", "排序", enum=("investment", "disbursed", "progress", "name")), *PAGE, PUB], "项目"),
    ("/api/projects/<code>", "单个项目：资金、实物进度、进展记录、支付明细（已脱敏）",
     [_path("code", "项目编号"), _q("page", "支付明细页码", type_="integer", minimum=1, maximum=1_000_000), PUB], "项目"),
    ("/api/projects/<code>/comments", "项目的公众评价（已审核、已脱敏）", [_path("code", "项目编号")], "项目"),
    ("/api/inquiries", "在线质询：已答复的质询与官方答复（已脱敏，人大代表质询单列），各部门答复用时中位数（工作日）与超期数",
     [], "在线质询"),
    ("/api/performance", "项目绩效：已完工项目的绩效得分排名与预算单位排名（权重见 weights），同类项目（类别、产出单位）"
                         "单位成本中位数，偏离中位数的项目及说明；三个排名各自分页（每页默认 20 条：项目 page，"
                         "单位 dept_page，偏离 outlier_page；页数见 departments_paging、outliers_paging）；与 /performance.json 相同",
     [YEAR, REGION, DEPT, _q("category", "项目类别", maxLength=32), *PAGE,
      _q("dept_page", "预算单位排名页码", type_="integer", minimum=1, maximum=1_000_000),
      _q("dept_per_page", "预算单位排名每页条数（最多 500）", type_="integer", minimum=1, maximum=500),
      _q("outlier_page", "单位成本偏离项目页码", type_="integer", minimum=1, maximum=1_000_000),
      _q("outlier_per_page", "单位成本偏离项目每页条数（最多 500）", type_="integer", minimum=1, maximum=500), PUB], "项目"),
    ("/api/performance/unit-costs", "某类项目各地区的单位成本（成本合计 ÷ 产出合计），从高到低，例如每公里农村公路",
     [_q("category", "项目类别，例如「农村公路」", required=True, pattern=r"\S", maxLength=32), YEAR, PUB], "项目"),
    ("/api/projects/<code>/performance", "单个项目的绩效：各指标目标、实际与完成程度，同类项目中位数，单位成本比较",
     [_path("code", "项目编号"), PUB], "项目"),
    ("/api/regions", "地区列表（含常住人口）", [PUB], "参考数据"),
    ("/api/departments", "预算单位列表", [REGION, PUB], "参考数据"),
    ("/api/classes", "政府收支分类科目（类、款）", [PUB], "参考数据"),
    ("/api/search", "关键词检索（中文分词、拼音、同义词），含分面筛选",
     [_q("q", "检索词"), _q("sort", "排序", enum=("relevance", "amount", "date")),
      _q("page", "页码（page × size 不超过 10000 条）", type_="integer", minimum=1, maximum=10_000),
      _q("size", "每页条数（超过 50 按 50）", type_="integer", minimum=1), _q("semantic", "是否启用语义检索（1/0）"), *_search_facets()], "检索与问答"),
    ("/api/suggest", "输入联想（最多 50 个字）", [_q("q", "已输入的前缀（缺省或为空时返回空列表）", maxLength=50)], "检索与问答"),
    ("/api/ask", "自然语言提问：给出数字、表格和图表（有频率限制）；不能回答时 answer.kind 为 decline，"
                 "decline.reason 为原因代码（" + "；".join(f"{code}：{text}" for code, text in DECLINE_REASONS.items()) +
                 "），decline.message 为中文说明，search_fallback 为关键词搜索结果，不给数字",
     [_q("q", "问题，例如「去年全市修了多少公里农村公路？」", required=True, pattern=r"\S", maxLength=_max_question()),
      _q("as_of", "以哪一天为「今天」（YYYY-MM-DD）", format="date")], "检索与问答"),
    ("/api/compare", "区县对比：支出总额、民生支出占比、执行率与时间进度、人均支出、同比增长、分类占比、月度累计曲线",
     [YEAR, MONTH, _q("region", "地区代码（可重复；不填为全部）", style="array"), _q("regions", "逗号分隔的地区代码"),
      _q("measure", "指标（可重复）", style="array", items=_compare_measures()),
      _q("sort", "排序", enum=("spent", "budget", "execution_rate", "minsheng_share", "per_capita", "yoy_growth", "code")),
      PUB], "区县对比"),
    ("/api/documents", "报告文档列表", [_q("year", "年度", type_="integer", minimum=0, maximum=9999),
                                   _q("type", "类型，例如 执行情况、决算报告"), _q("region", "地区代码"), PUB], "报告"),
    ("/api/documents/<slug>", "一篇报告（正文已脱敏）与目录", [_path("slug", "文档编号"), PUB], "报告"),
    ("/api/datasets", "开放数据目录与数据字典（字段、中文名、单位、类型）", [PUB], "开放数据"),
    ("/data/<table>.<any(csv, xlsx, json):fmt>", "下载一张已发布数据表（CSV 为 UTF-8 带 BOM；JSON 含行数与金额合计）",
     [_path("table", "数据表", tuple(DATASETS)), _path("fmt", "格式", ("csv", "xlsx", "json")), *_table_filters(), PUB],
     "开放数据"),
    ("/api/warnings", "监督预警：执行进度、年底执行率预测、分年度计划偏差、项目风险、承建方（规则见 rules）；含逐月变化",
     [_q("year", "年度（默认最新）", type_="integer", minimum=1900, maximum=2200), MONTH,
      _q("kind", "预警类型", enum=_supervision("KINDS")), _q("subject", "对象类型", enum=_supervision("SUBJECTS")),
      REGION, DEPT, PUB], "监督预警"),
    ("/api/contractors/<name>", "承建方：承建的项目、收到的支付（已脱敏）和监督提示",
     [_path("name", "承建方名称（个人为代号）"), _q("page", "支付明细页码", type_="integer", minimum=1, maximum=1_000_000),
      _q("per_page", "每页条数（最多 500）", type_="integer", minimum=1, maximum=500), PUB], "监督预警"),
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


# ---- response bodies: the fields a client can rely on (more may be present) --------------------------

def _obj(required=None, optional=None):
    """An object with these required (and optional) properties; other properties are allowed."""
    props = {**(required or {}), **(optional or {})}
    schema = {"type": "object", "properties": props}
    if required:
        schema["required"] = list(required)
    return schema


def _array(items):
    return {"type": "array", "items": items}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


INT, NUM, STR, BOOL = {"type": "integer"}, {"type": "number"}, {"type": "string"}, {"type": "boolean"}
NUM_OR_NULL, INT_OR_NULL, STR_OR_NULL = ({"type": ["number", "null"]}, {"type": ["integer", "null"]},
                                         {"type": ["string", "null"]})
UNIT = {"type": "string", "const": "元"}
CITED = {"publication": _ref("Publication"), "unit": UNIT}  # portal JSON: which publication, which unit
TOTALS = _obj({"budget": NUM, "spent": NUM, "execution_rate_pct": NUM_OR_NULL})
PAGED = {"count": INT, "page": INT, "per_page": INT, "pages": INT}
EXECUTION = {**CITED, "year": INT_OR_NULL, "totals": TOTALS, "classes": _ref("Table")}
EXECUTION_OPTIONAL = {"month": INT_OR_NULL, "monthly": _ref("Table")}

COMPONENTS = {
    "Error": _obj({"error": _obj({"code": STR, "message": STR})}),
    "Publication": _obj({"id": INT, "sha256": STR, "title": STR}, {"as_of": STR, "is_demo": BOOL}),
    "Table": _obj({"columns": _array(_obj({"key": STR, "label": STR})), "rows": _array({"type": "object"})}),
    "Flag": _obj({"id": STR, "kind": STR, "title": STR, "level": STR, "subject": STR, "code": STR, "name": STR,
                  "year": INT, "period": STR, "detail": STR, "links": _array(_obj({"label": STR, "url": STR}))},
                 {"region_code": STR_OR_NULL, "dept_code": STR_OR_NULL, "figures": {"type": "object"}}),
}

RESPONSES = {
    "/api": _obj({**CITED, "endpoints": _array(_obj({"name": STR, "url": STR, "description": STR}))}),
    "/api/openapi.json": _obj({"openapi": STR, "info": {"type": "object"}, "paths": {"type": "object"}}),
    "/api/summary": _obj({**CITED, "year": INT, "totals": TOTALS, "trend": _ref("Table"), "top_classes": _ref("Table")}),
    "/api/execution": _obj({**EXECUTION, "regions": _ref("Table")}, EXECUTION_OPTIONAL),
    "/api/execution/region/<code>": _obj({**EXECUTION, "region": STR, "departments": _ref("Table")}, EXECUTION_OPTIONAL),
    "/api/execution/region/<code>/dept/<dept>": _obj({**EXECUTION, "region": STR, "dept": STR}, EXECUTION_OPTIONAL),
    "/api/records/<any(expenditures,budgets,payments):kind>": _obj({
        **CITED, **PAGED, "kind": {"type": "string", "enum": list(RECORD_KINDS)}, "sum": NUM, "filters": {"type": "object"},
        "records": _ref("Table")}),
    "/api/projects": _obj({**CITED, **PAGED, "sort": STR, "sums": {"type": "object"}, "projects": _ref("Table")}),
    "/api/projects/<code>": _obj({**CITED, "project": _obj({"code": STR, "name": STR, "total_investment": NUM,
                                                           "disbursed": NUM}),
                                  "updates": _ref("Table"), "payments": _ref("Table")}),
    "/api/projects/<code>/comments": _obj({"project_code": STR, "rating": _obj({"count": INT, "average": NUM_OR_NULL}),
                                           "comments": _array({"type": "object"})}),
    "/api/performance": _obj({**CITED, **PAGED, "weights": _array(_obj({"key": STR, "label": STR, "weight": INT})),
                              "departments_paging": _obj(PAGED), "outliers_paging": _obj(PAGED),
                              "departments": _ref("Table"), "projects": _ref("Table"), "unit_costs": _ref("Table"),
                              "unit_cost_outliers": _ref("Table"), "groups": _array({"type": "object"}),
                              "outliers": _array(_obj({"code": STR, "name": STR, "ratio": NUM, "direction": STR,
                                                       "explanation": STR}))}),
    "/api/performance/unit-costs": _obj({**CITED, "category": STR, "unit": STR_OR_NULL, "regions": _array(_obj({
        "region_code": STR, "region_name": STR, "level": INT_OR_NULL, "projects": INT, "cost_yuan": NUM, "quantity": NUM,
        "unit_cost_yuan": NUM, "codes": _array(STR)}))}),
    "/api/projects/<code>/performance": _obj({**CITED, "project_code": STR, "performance": _obj({
        "score": NUM_OR_NULL, "complete": BOOL, "parts": _array({"type": "object"}),
        "radar": _array({"type": "object"}), "peers": INT})}),
    "/api/regions": _obj({**CITED, "regions": _array(_obj({"code": STR, "name": STR, "level": INT, "parent_code": STR_OR_NULL,
                                                           "population": INT_OR_NULL}))}),
    "/api/departments": _obj({**CITED, "departments": _array(_obj({"code": STR, "name": STR, "region_code": STR}))}),
    "/api/classes": _obj({**CITED, "classes": _array(_obj({"code": STR, "name": STR, "level": INT,
                                                           "parent_code": STR_OR_NULL}))}),
    "/api/search": _obj({"query": STR, "total": INT, "page": INT, "size": INT, "pages": INT, "sort": STR,
                         "results": _array({"type": "object"}), "facets": {"type": "object"},
                         "notices": _array(STR)}),
    "/api/suggest": _obj({"query": STR, "suggestions": _array({"type": "object"})}),
    "/api/ask": _obj({"question": STR, "understood": STR, "confidence": NUM,
                      "answer": {"type": ["object", "null"]}, "chips": _array({"type": "object"})},
                     {"publication": INT, "as_of": STR,
                      "decline": {"type": ["object", "null"], "description": "不能回答的原因（answer.kind 为 decline 时）",
                                  "properties": {"reason": {"type": "string", "enum": list(DECLINE_REASONS)},
                                                 "message": STR}},
                      "search_fallback": {"type": ["object", "null"]}}),
    "/api/compare": _obj({"publication": _ref("Publication"), "unit": UNIT, "year": INT, "month": INT,
                          "measures": {"type": "object"}, "sort": STR}),
    "/api/documents": _obj({"publication": _ref("Publication"), "count": INT,
                            "documents": _array(_obj({"slug": STR, "title": STR, "doc_type": STR, "year": INT}))}),
    "/api/documents/<slug>": _obj({"publication": _ref("Publication"),
                                   "document": _obj({"slug": STR, "title": STR, "body": STR, "toc": _array({})})}),
    "/api/datasets": _obj({**CITED, "datasets": _array(_obj({
        "name": STR, "label": STR, "rows": INT, "downloads": _obj({"csv": STR, "xlsx": STR, "json": STR}),
        "fields": _array(_obj({"field": STR, "label": STR, "unit": STR_OR_NULL, "type": STR}))}))}),
    "/data/<table>.<any(csv, xlsx, json):fmt>": _obj({**CITED, "table": STR, "count": INT, "totals": {"type": "object"},
                                                     "fields": _array({"type": "object"}),
                                                     "rows": _array({"type": "object"})}),
    "/api/warnings": _obj({**CITED, "as_of": STR_OR_NULL, "counts": {"type": "object"}, "rules": _array(_obj({
        "kind": STR, "title": STR, "level": STR, "rule": STR})), "history": _array({"type": "object"}),
        "flags": _array(_ref("Flag")), "warnings": _ref("Table")}, {"forecast": {"type": ["object", "null"]}}),
    "/api/contractors/<name>": _obj({**CITED, "contractor": STR, "projects": _ref("Table"), "payments": _ref("Table"),
                                     "payments_by_year": _ref("Table"), "flags": _array(_ref("Flag"))}),
    "/api/inquiries": _obj({"statistics": _array(_obj({"department_code": STR_OR_NULL, "total": INT, "answered": INT,
                                                        "median_days": NUM_OR_NULL, "overdue": INT})),
                            "inquiries": _array({"type": "object"}), "delegate_inquiries": _array({"type": "object"})}),
    "/healthz": _obj({"status": {"const": "ok"}, "database": {"const": "ok"},
                      "publication": {"oneOf": [{"type": "null"}, _obj({"id": INT, "sha256": STR})]}},
                     {"warm": _obj({"embedding_model": BOOL, "question_dictionary": BOOL, "lexicon_names": INT,
                                    "search": BOOL})}),
}

NO_PUBLICATION_NEEDED = ("/api/openapi.json",)
RATE_LIMITED = ("/api/ask",)  # RATELIMIT_ASK


def _error(description):
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


def _responses(rule):
    ok = {"application/json": {"schema": RESPONSES.get(rule, {"type": "object"})}}
    if rule.startswith("/data/"):
        ok["text/csv"] = {"schema": {"type": "string"}}
        ok["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = {
            "schema": {"type": "string", "format": "binary"}}
    responses = {"200": {"description": "成功；金额为以元为单位的数字", "content": ok},
                 "400": _error("参数有误"), "404": _error("不存在（或 pub 指向的发布不存在）"),
                 # Answered by gunicorn before the app (limit_request_line), hence no JSON body.
                 "414": {"description": "请求行过长（超过 4094 字节）"}}
    if rule in RATE_LIMITED:
        responses["429"] = _error("请求过于频繁（每个客户端的频率上限见 RATELIMIT_ASK）")
    if rule not in NO_PUBLICATION_NEEDED:
        responses["503"] = _error("尚未发布任何数据，或数据库暂不可用")
    return responses


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
            "responses": _responses(rule),
        }
        if rule.startswith("/data/"):
            operation["description"] = ("按字段筛选：field=值、field__in=a,b、field__prefix=205、field__gte=…、field__lte=…"
                                        "（金额字段除外）。")
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
        "components": {"schemas": COMPONENTS},
    }
