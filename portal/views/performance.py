"""绩效: departments and finished projects ranked by their performance score, and unit cost against peers.

- /performance (.json, .csv; ?table=departments|projects|unit_costs|unit_cost_outliers)  rankings with filters;
  three paged lists: projects ?page=&per_page=, departments ?dept_page=&dept_per_page=, unit-cost outliers
  ?outlier_page=&outlier_per_page= (the JSON twin pages alike; a CSV download has every row)
- /api/performance                       the same as /performance.json
- /api/performance/unit-costs?category=  a category's unit cost by district (ledger.queries.performance)
- /performance.csv?table=indicators&indicator=satisfaction|quality|cost|benefit (&benefit_name=)  each finished
  project's target and actual value of one indicator (the rows the question box's averages and counts read)
- /api/projects/<code>/performance       one project's score, radar against its peers, unit cost
Figures come from ledger.queries.performance; weights and rules from ledger/performance.py.
"""
from flask import Blueprint, request, url_for
from werkzeug.exceptions import BadRequest, NotFound

from ledger import performance as rules
from ledger.queries import performance as q_perf
from ledger.queries import projects as q_proj
from ledger.queries import reference as q_ref
from ledger.queries.paging import Page

from ..args import arg_code, arg_int
from ..context import connection
from .pages import fail, listing_on, page_args, require_pub, respond
from .tables import Column, Table, json_response

bp = Blueprint("performance", __name__)
listing = listing_on(bp)
LIST_PER_PAGE = 20  # rows of each ranking shown at a time (as /projects); all three lists grow with the data

DEPT_COLUMNS = [Column("rank", "名次", "int"), Column("dept_name", "预算单位"), Column("projects", "评分项目数", "int"),
                Column("average_score", "平均得分", "number", unit="分"),
                Column("below_60", "低于 60 分的项目", "int")]
PROJECT_COLUMNS = [Column("rank", "名次", "int"), Column("code", "项目编号", "code"), Column("name", "项目名称"),
                   Column("dept_name", "预算单位"), Column("category", "类别"), Column("year", "年度", "int"),
                   Column("score", "绩效得分", "number", unit="分"), Column("measured", "已评指标")]
GROUP_COLUMNS = [Column("category", "类别"), Column("unit", "产出单位"), Column("projects", "项目数", "int"),
                 Column("median_unit_cost", "单位成本中位数", "number", unit="元"),
                 Column("high", "偏高", "int"), Column("low", "偏低", "int")]
OUTLIER_COLUMNS = [Column("code", "项目编号", "code"), Column("name", "项目名称"), Column("peer_group", "类别"),
                   Column("unit_cost", "单位成本", "number", unit="元"),
                   Column("peer_median", "同类中位数", "number", unit="元"), Column("ratio", "倍数", "number"),
                   Column("explanation", "说明")]


# each project's cost and output on the unit-cost basis: the rows a district's 成本合计 and 产出合计 add up from
COST_COLUMNS = [Column("code", "项目编号", "code"), Column("name", "项目名称"), Column("peer_group", "类别"),
                Column("year", "年度", "int"), Column("region_code", "地区代码", "code"), Column("basis", "成本口径"),
                Column("cost", "成本", "number", unit="元"), Column("quantity", "产出", "number"),
                Column("unit", "产出单位")]


def _filter(conn, pub_id):
    flt = q_perf.PerformanceFilter(year=arg_int("year", low=1900, high=2200, label="年度"),
                                   region=arg_code("region", "地区代码"), dept=arg_code("dept", "单位代码"),
                                   category=request.args.get("category", "").strip()[:32] or None)
    if flt.region and q_ref.region(conn, pub_id, flt.region) is None:
        fail(NotFound, f"没有代码为「{flt.region}」的地区")
    return flt


def _paging(fmt):
    """Each growing list's page: the project ranking (?page=), departments (?dept_page=) and unit-cost
    outliers (?outlier_page=); a CSV download carries every row."""
    if fmt == "csv":
        return dict.fromkeys(("projects", "departments", "outliers"), {"page": 1, "per_page": None})
    return {"projects": page_args(LIST_PER_PAGE), "departments": page_args(LIST_PER_PAGE, "dept_", "预算单位排名"),
            "outliers": page_args(LIST_PER_PAGE, "outlier_", "单位成本偏离")}


def _tables(conn, pub_id, flt, paging):
    items = q_perf.scored_projects(conn, pub_id, flt)
    depts = q_perf.department_ranking(conn, pub_id, flt)
    names = {d["dept_code"]: d["dept_name"] for d in depts}
    dept_page = _numbered(_page(depts, paging["departments"]))
    page = _numbered(_page(items, paging["projects"]))
    for item in page.items:  # only the rows shown are named (a download: all of them)
        measured = [p["label"] for p in item["parts"] if p["achievement"] is not None]
        item.update(dept_name=names.get(item["dept_code"], item["dept_code"]), measured="、".join(measured))
    comparison = q_perf.unit_cost_comparison(conn, pub_id, flt)  # memoised: read, never change
    outlier_page = _page(comparison["outliers"], paging["outliers"])
    project_link = {"name": lambda r: url_for("pages.project", code=r["code"])}
    tables = {
        "departments": Table("performance_departments", DEPT_COLUMNS, dept_page.items, caption="预算单位绩效排名",
                             links={"dept_name": lambda r: url_for("performance.performance_page", dept=r["dept_code"])}),
        "projects": Table("performance_projects", PROJECT_COLUMNS, page.items, caption="项目绩效排名", links=project_link),
        "unit_costs": Table("unit_costs", GROUP_COLUMNS, comparison["groups"], caption="各类项目单位成本中位数"),
        "unit_cost_outliers": Table("unit_cost_outliers", OUTLIER_COLUMNS, outlier_page.items,
                          caption="单位成本偏离同类的项目", links=project_link),
        "unit_cost_projects": Table("unit_cost_projects", COST_COLUMNS, _cost_items(conn, pub_id, flt),
                                    caption="各项目的单位成本口径：成本与产出", links=project_link),
    }
    return tables, {"projects": page, "departments": dept_page, "outliers": outlier_page}, comparison["groups"]


INDICATOR_COLUMNS = [Column("code", "项目编号", "code"), Column("name", "项目名称"), Column("category", "类别"),
                     Column("year", "年度", "int"), Column("region_code", "地区代码", "code"),
                     Column("benefit_name", "效益指标"), Column("target", "目标值", "number"),
                     Column("actual", "实际值", "number"), Column("unit", "单位")]
INDICATORS = ("satisfaction", "quality", "cost", "benefit")


def _indicator_table(conn, pub_id, flt):
    """?table=indicators: one indicator's target and actual value of each finished project in the filter."""
    indicator = request.args.get("indicator", "satisfaction")
    if indicator not in INDICATORS:
        fail(BadRequest, f"indicator 可选：{'、'.join(INDICATORS)}")
    benefit = request.args.get("benefit_name", "").strip()[:64] or None
    rows = q_perf.indicator_values(conn, pub_id, indicator, flt, benefit_name=benefit)
    return Table("performance_indicators", INDICATOR_COLUMNS, rows, caption="各项目绩效指标的目标值与实际值",
                 links={"name": lambda r: url_for("pages.project", code=r["code"])})


def _cost_items(conn, pub_id, flt):
    """The projects of the unit-cost comparison in the filter (and ?output_unit=): cost (决算: 实际单位成本 ×
    实际产出; 计划: 总投资) and output — only once a category is chosen (a list of every project otherwise)."""
    if not flt.category:
        return []
    unit = request.args.get("output_unit", "").strip()[:16] or None
    return [i for i in q_perf.unit_cost_projects(conn, pub_id, flt) if unit is None or i["unit"] == unit]


def _numbered(page):
    """Ranks of the rows shown, counted over the whole list (row 1 of page 2 of 20 is 21st)."""
    for rank, row in enumerate(page.items, (page.page - 1) * (page.per_page or 0) + 1):
        row["rank"] = rank
    return page


def _paged(page):
    return {"count": page.total, "page": page.page, "per_page": page.per_page, "pages": page.pages}


def _page(items, paging):
    """The rows shown, as this request's own dicts (the lists are shared read-only: ledger.queries.performance)."""
    if paging["per_page"] is None:
        return Page([dict(i) for i in items], len(items), 1, None)
    start = (paging["page"] - 1) * paging["per_page"]
    shown = [dict(i) for i in items[start:start + paging["per_page"]]]
    return Page(shown, len(items), paging["page"], paging["per_page"])


@listing("/performance")
def performance_page(fmt):
    pub = require_pub()
    conn, pub_id = connection(), pub["id"]
    flt = _filter(conn, pub_id)
    tables, pages, groups = _tables(conn, pub_id, flt, _paging(fmt))
    if request.args.get("table") == "indicators":  # built only when asked: every finished project
        tables["indicators"] = _indicator_table(conn, pub_id, flt)
    page, outliers = pages["projects"], pages["outliers"]
    payload = {"filters": {k: v for k, v in flt.__dict__.items() if v is not None},
               "weights": [{"key": i.key, "label": i.label, "weight": i.weight,
                            "lower_is_better": i.lower_is_better} for i in rules.INDICATORS],
               **_paged(page), "departments_paging": _paged(pages["departments"]),
               "outliers_paging": _paged(outliers), "groups": groups, "outliers": outliers.items}
    context = {"page": page, "dept_page": pages["departments"], "outlier_page": outliers, "filter": flt,
               "weights": payload["weights"], "regions": q_ref.all_regions(conn, pub_id),
               "categories": q_proj.facet_values(conn, pub_id)["category"], "rules": rules, "groups": groups}
    return respond(fmt, "performance.html", context, tables, payload)


@bp.get("/api/performance")
def performance_api():
    return performance_page("json")


@bp.get("/api/performance/unit-costs")
def unit_costs_api():
    pub = require_pub()
    category = request.args.get("category", "").strip()[:32]
    if not category:
        fail(BadRequest, "请指定项目类别（category），例如「农村公路」")
    year = arg_int("year", low=1900, high=2200, label="年度")
    result = q_perf.unit_cost_by_region(connection(), pub["id"], category, year=year)
    if not result["regions"]:
        fail(NotFound, f"没有「{category}」类、有产出数量的项目")
    return json_response(result)


@bp.get("/api/projects/<code>/performance")
def project_performance_api(code):
    pub = require_pub()
    found = q_perf.project_performance(connection(), pub["id"], code)
    if found is None:
        fail(NotFound, f"没有编号为「{code[:32]}」的项目")
    return json_response({"project_code": code, "performance": found,
                          "html_url": url_for("pages.project", code=code) + "#performance"})
