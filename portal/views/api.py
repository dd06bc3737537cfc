"""JSON API. Every HTML listing has a twin here (and a ``.json`` suffix on the page itself).

Amounts are numbers in 元 (``"unit": "元"``); every response names the publication
(id, sha256) so a figure can be cited and verified.
"""
from flask import Blueprint, url_for

from ledger.money import fen_to_yuan
from ledger.queries import reference as q_ref

from ..args import arg_code
from ..context import connection
from . import pages
from .tables import json_response

bp = Blueprint("api", __name__, url_prefix="/api")

ENDPOINTS = [
    ("summary", "/api/summary", "首页概览：最新年度预算、支出、执行率，历年趋势，主要支出领域"),
    ("execution", "/api/execution?year=&month=", "全市预算执行：按地区、功能分类、月度（month 为累计截至月份）"),
    ("execution_region", "/api/execution/region/<地区代码>?year=&month=", "某地区预算执行：按预算单位、功能分类"),
    ("execution_dept", "/api/execution/region/<地区代码>/dept/<单位代码>?year=&month=",
     "某预算单位预算执行：按功能分类（类、款）"),
    ("projects", "/api/projects?region=&class=&category=&status=&year=&sort=&page=&per_page=",
     "项目列表：筛选、排序（investment/disbursed/progress/name）、分页"),
    ("project", "/api/projects/<项目编号>?page=", "单个项目：资金、实物进度、进展记录、支付明细（已脱敏）"),
    ("records", "/api/records/<expenditures|budgets|payments>?…", "图表与数字背后的原始记录（支出、预算、支付），可分页"),
    ("regions", "/api/regions", "地区列表（市、区县，含常住人口）"),
    ("departments", "/api/departments?region=", "预算单位列表"),
    ("classes", "/api/classes", "政府收支分类科目（类、款）"),
    ("warnings", "/api/warnings?year=&month=&kind=&subject=&region=&dept=",
     "监督预警：执行进度、年底执行率预测、分年度计划偏差、项目风险、承建方；含规则与逐月变化"),
    ("contractor", "/api/contractors/<承建方名称>?page=", "承建方：承建的项目、收到的支付和监督提示"),
]


@bp.get("")
def index():
    return json_response({
        "description": "明账数据接口：金额均为以元为单位的数字；每个 HTML 列表页加 .json 后缀即得同样数据，加 .csv 后缀可下载。",
        "endpoints": [{"name": n, "url": u, "description": d} for n, u, d in ENDPOINTS],
        "html_twins": ["/execution.json", "/execution/region/<code>.json", "/projects.json",
                       "/projects/<code>.json", "/records/<kind>.json", "/warnings.json", "/contractors/<name>.json"],
    })


@bp.get("/summary")
def summary():
    pub = pages.require_pub()
    data = pages.summary_data(pub)
    if "no_data" in data:
        pages.fail(pages.ServiceUnavailable, pages.NO_DATA)
    totals = data["totals"]
    return json_response({
        "year": data["year"], "last_month": data["last_month"],
        "totals": {"budget": fen_to_yuan(totals["budget_fen"]), "spent": fen_to_yuan(totals["spent_fen"]),
                   "execution_rate_pct": round(totals["spent_fen"] * 100 / totals["budget_fen"], 2)
                   if totals["budget_fen"] else None},
        "trend": data["trend"].json(),
        "top_classes": data["top_classes"].json(),
        "links": {"execution": url_for("pages.execution", year=data["year"]), "api": url_for("api.index")},
    })


@bp.get("/execution")
def execution():
    return pages.execution(fmt="json")


@bp.get("/execution/region/<code>")
def execution_region(code):
    return pages.execution_region(code=code, fmt="json")


@bp.get("/execution/region/<code>/dept/<dept>")
def execution_dept(code, dept):
    return pages.execution_dept(code=code, dept=dept, fmt="json")


@bp.get("/projects")
def projects():
    return pages.projects(fmt="json")


@bp.get("/projects/<code>")
def project(code):
    return pages.project(code=code, fmt="json")


@bp.get("/records/<any(expenditures,budgets,payments):kind>")
def records(kind):
    return pages.records(kind=kind, fmt="json")


@bp.get("/regions")
def regions():
    pub = pages.require_pub()
    rows = q_ref.all_regions(connection(), pub["id"])
    return json_response({"regions": [{k: r[k] for k in ("code", "name", "short_name", "parent_code", "level",
                                                            "population")} for r in rows]})


@bp.get("/departments")
def departments():
    pub = pages.require_pub()
    region = arg_code("region", "地区")
    rows = q_ref.all_departments(connection(), pub["id"], region)
    return json_response({"departments": [{k: r[k] for k in ("code", "name", "region_code")} for r in rows]})


@bp.get("/classes")
def classes():
    pub = pages.require_pub()
    names = q_ref.class_names(connection(), pub["id"])
    return json_response({"classes": [{"code": c, "name": n, "level": 1 if len(c) == 3 else 2,
                                       "parent_code": c[:3] if len(c) > 3 else None}
                                      for c, n in sorted(names.items())]})
