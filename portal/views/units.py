"""Second-level budget units (二级预算单位): a department's units, one unit's page and the records behind
their figures. Figures come from ledger.queries.units; every amount links to the rows it adds up.

- /execution/region/<code>/dept/<dept>/unit/<unit>  a unit's budget, spending, 款 and months
- /records/unit/expenditures?unit=…, /records/unit/budgets?unit=…  (or ?dept=… for all of its units)
Each also answers as .json and .csv, like every listing.
"""
from flask import Blueprint, request, url_for
from werkzeug.exceptions import NotFound

from ledger.money import fen_to_yuan
from ledger.queries import reference as q_ref
from ledger.queries import units as q_units
from ledger.queries.units import UnitScope

from ..args import arg_code, arg_int, arg_name
from ..context import connection
from . import charts
from .pages import (
    DOWNLOAD_PAGING,
    EXEC_COLUMNS,
    exec_scope,
    fail,
    months_label,
    page_args,
    payload_for,
    records_url,
    region_or_404,
    require_pub,
    respond,
    streamed,
)
from .tables import Column, Table

bp = Blueprint("units", __name__)
RECORD_LABELS = {"expenditures": "二级单位支出明细", "budgets": "二级单位预算明细"}
OWN_OFFICE = "部门本级（机关及未细分到单位的部分）"


def listing(rule):
    def decorate(view):
        bp.add_url_rule(rule, view.__name__, view, defaults={"fmt": "html"})
        bp.add_url_rule(rule + ".<any(json,csv):fmt>", view.__name__, view)
        return view
    return decorate


def unit_scope_args(scope):
    args = {"year": scope.year, "month_from": scope.month_from, "month": scope.month, "unit": scope.unit,
            "dept": scope.dept, "region": scope.region, "unit_kind": scope.kind,
            "unit_name_suffix": scope.name_suffix, "class": scope.class_code, "pub": request.args.get("pub")}
    return {k: v for k, v in args.items() if v is not None}


def unit_records_url(kind, scope):
    return url_for("units.unit_records", kind=kind, **unit_scope_args(scope))


def units_table(conn, pub_id, scope, department, dept_totals):
    """The department's units with their figures, plus the department's own office (本级): the rows add
    up to the department's totals shown above them, so the 合计 is the department's."""
    names = {u["code"]: u for u in q_units.units_of(conn, pub_id, department["code"])}
    if not names:
        return None
    unit_scope = UnitScope(year=scope.year, month=scope.month, dept=department["code"])
    rows = q_units.breakdown(conn, pub_id, unit_scope, "unit")
    for row in rows:
        row.update(code=row["key"], name=names.get(row["key"], {}).get("name", row["key"]),
                   kind=names.get(row["key"], {}).get("kind") or "")
    own = {"key": None, "code": "", "name": OWN_OFFICE, "kind": "本级",
           "budget_fen": dept_totals["budget_fen"] - sum(r["budget_fen"] for r in rows),
           "spent_fen": dept_totals["spent_fen"] - sum(r["spent_fen"] for r in rows)}
    # 本级 is a difference: it links to both sides (the department's records minus all its units' records)
    dept_scope = scope.with_(region=department["region_code"], dept=department["code"])
    own["inputs"] = {f"{side}_{kind}": url for kind in ("budgets", "expenditures") for side, url in
                     (("dept", records_url(kind, dept_scope)), ("units", unit_records_url(kind, unit_scope)))}
    keep = {k: v for k, v in {"year": scope.year, "month": scope.month, "pub": request.args.get("pub")}.items() if v}

    def record_link(kind):
        return lambda row: unit_records_url(kind, unit_scope.with_(unit=row["key"], dept=None)) if row["key"] else None
    links = {"name": lambda row: url_for("units.unit_page", code=department["region_code"], dept=department["code"],
                                         unit=row["key"], **keep) if row["key"] else "#own-office",
             "budget_fen": record_link("budgets"), "spent_fen": record_link("expenditures")}
    totals = {"name": "合计（部门）", "key": None, **dept_totals}
    return Table("units", [Column("code", "单位代码", "code"), Column("name", "二级预算单位"),
                           Column("kind", "类型")] + EXEC_COLUMNS, rows + [own], caption="按二级预算单位",
                 totals=totals, links=links, total_links={"budget_fen": own["inputs"]["dept_budgets"],
                                                          "spent_fen": own["inputs"]["dept_expenditures"]})


@listing("/execution/region/<code>/dept/<dept>/unit/<unit>")
def unit_page(code, dept, unit, fmt):
    pub = require_pub()
    conn, pub_id = connection(), pub["id"]
    region = region_or_404(conn, pub_id, code)
    department = q_ref.department(conn, pub_id, dept)
    found = q_units.unit(conn, pub_id, unit)
    if department is None or department["region_code"] != code or found is None or found["dept_code"] != dept:
        fail(NotFound, f"{region['name']}没有这个二级预算单位（{unit[:24]}）")
    exec_ = exec_scope(pub_id, region=code, dept=dept)
    scope = UnitScope(year=exec_.year, month=exec_.month, unit=unit)
    totals = q_units.totals(conn, pub_id, scope)
    months = q_units.monthly(conn, pub_id, scope)
    last = q_ref.last_month(conn, pub_id, scope.year)
    names = q_ref.class_names(conn, pub_id)
    rows = q_units.breakdown(conn, pub_id, scope, "subclass")
    for row in rows:
        row.update(code=row["key"], name=names.get(row["key"], row["key"]))
    keep = {k: v for k, v in {"year": scope.year, "month": scope.month, "pub": request.args.get("pub")}.items() if v}
    subclasses = Table("subclasses", [Column("code", "科目编码", "code"), Column("name", "功能分类（款）")] + EXEC_COLUMNS,
                       rows, caption="按功能分类（款）", totals={"name": "合计", "key": None, **totals},
                       links={"budget_fen": lambda r: unit_records_url("budgets", scope.with_(class_code=r["key"])),
                              "spent_fen": lambda r: unit_records_url("expenditures", scope.with_(class_code=r["key"]))})
    monthly_table = Table("monthly", [Column("month", "月份", "int"), Column("spent_fen", "当月支出", "amount"),
                                      Column("cumulative_fen", "累计支出", "amount")], months, caption="月度支出")
    label = f"{region['name']}（市本级）" if region["level"] == 0 else region["name"]
    crumbs = [("全市", url_for("pages.execution", **keep)), (label, url_for("pages.execution_region", code=code, **keep)),
              (department["name"], url_for("pages.execution_dept", code=code, dept=dept, **keep)), (found["name"], None)]
    context = {
        "scope": exec_, "crumbs": crumbs, "title": f"{scope.year}年{found['name']}预算执行情况", "totals": totals,
        "last_month": last, "period": months_label(exec_, last), "years": q_ref.years(conn, pub_id),
        "unit": found, "department": department, "region": region, "monthly_table": monthly_table,
        "monthly_chart": charts.cumulative([m["month"] for m in months], [m["cumulative_fen"] for m in months],
                                           totals["budget_fen"]) if months else None,
        "breakdown_chart": charts.budget_vs_spent([r["name"] for r in rows], [r["budget_fen"] for r in rows],
                                                  [r["spent_fen"] for r in rows], horizontal=True),
        "records": {"budgets": unit_records_url("budgets", scope), "expenditures": unit_records_url("expenditures", scope)},
    }
    tables = {"subclasses": subclasses, "monthly": monthly_table}
    return respond(fmt, "execution_unit.html", context, tables,
                   payload_for(exec_, totals, level="unit", unit_info={"code": unit, "name": found["name"],
                                                                      "kind": found["kind"], "dept": dept}))


@listing("/records/unit/<any(expenditures,budgets):kind>")
def unit_records(kind, fmt):
    pub = require_pub()
    conn, pub_id = connection(), pub["id"]
    paging = DOWNLOAD_PAGING if fmt == "csv" else page_args()
    scope = UnitScope(year=arg_int("year", low=1900, high=2200, label="年度"),
                      month=arg_int("month", low=1, high=12, label="月份"), unit=arg_code("unit", "二级预算单位"),
                      dept=arg_code("dept", "预算单位"), class_code=arg_code("class", "科目编码"),
                      region=arg_code("region", "地区"), kind=arg_name("unit_kind", "单位类型", max_length=16),
                      name_suffix=arg_name("unit_name_suffix", "单位名称结尾", max_length=16),
                      month_from=arg_int("month_from", low=1, high=12, label="起始月份"))
    fetch = q_units.expenditure_records if kind == "expenditures" else q_units.budget_records
    page = fetch(conn, pub_id, scope, **paging)
    amount = "amount_fen" if kind == "expenditures" else "budget_fen"
    columns = [Column("year", "年度", "int")] + ([Column("month", "月份", "int")] if kind == "expenditures" else [])
    columns += [Column("unit_code", "二级单位代码", "code"), Column("unit_name", "二级预算单位"),
                Column("class_code", "科目编码", "code"), Column("class_name", "科目名称"),
                Column(amount, "支出数" if kind == "expenditures" else "预算数", "amount")]
    names = {"unit": (q_units.unit(conn, pub_id, scope.unit) or {}).get("name") if scope.unit else None,
             "dept": (q_ref.department(conn, pub_id, scope.dept) or {}).get("name") if scope.dept else None,
             "class": (q_ref.func_class(conn, pub_id, scope.class_code) or {}).get("name") if scope.class_code else None}
    filters = {k: v for k, v in unit_scope_args(scope).items() if k != "pub"}
    context = {"kind": kind, "label": RECORD_LABELS[kind], "page": page, "names": names, "filters": filters,
               "total_fen": page.sums.get(amount, 0)}
    payload = {"kind": f"unit_{kind}", "filters": filters, "count": page.total, "page": page.page,
               "per_page": page.per_page, "pages": page.pages, "sum": fen_to_yuan(page.sums.get(amount, 0))}
    table = Table(f"unit_{kind}", columns, page.items, caption=RECORD_LABELS[kind],
                  stream=streamed(q_units.record_rows, pub_id, scope, is_spending=kind == "expenditures")
                  if fmt == "csv" else None)
    return respond(fmt, "execution_records.html", context, {"records": table}, payload)
