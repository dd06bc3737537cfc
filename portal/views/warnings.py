"""监督预警: the warnings page (filters, history, map, .json and .csv twins) and contractor pages.

Flags come from ledger.supervision (one function, one rule file); this module only shows them. Every
listing answers as HTML, ``.json`` and ``.csv`` from one Table, like the other listings (pages.listing).
"""
from flask import Blueprint, render_template, request, url_for
from werkzeug.exceptions import BadRequest, NotFound

from ledger import supervision
from ledger.money import fen_to_yuan
from ledger.queries import projects as q_proj
from ledger.queries import reference as q_ref
from ledger.queries import suppliers as q_sup
from ledger.queries.paging import Page
from ledger.supervision import suppliers as sv_sup

from ..args import arg_code, arg_int
from ..context import connection
from . import flags as fl
from .mapdata import district_map
from .pages import PROJECT_COLUMNS, fail, listing_on, page_args, require_pub, respond
from .tables import Column, Table, json_response

bp = Blueprint("warnings", __name__)


listing = listing_on(bp)


def _choice(name, allowed, label):
    value = request.args.get(name, "").strip() or None
    if value is not None and value not in allowed:
        fail(BadRequest, f"不支持的{label}「{value[:20]}」；可选：{'、'.join(allowed)}")
    return value


def warning_filters():
    """The filters of the warnings page, checked (year/month are checked against the data later)."""
    return {"year": arg_int("year", low=1900, high=2200, label="年度"),
            "month": arg_int("month", low=1, high=12, label="月份"),
            "kind": _choice("kind", list(supervision.KINDS), "预警类型"),
            "subject": _choice("subject", list(supervision.SUBJECTS), "对象类型"),
            "region": arg_code("region", "地区"), "dept": arg_code("dept", "预算单位")}


def _history_table(history):
    columns = [Column("month", "月份", "int")] + [Column(kind, title, "int")
                                                 for kind, (title, _l, _a) in supervision.KINDS.items()]
    rows = [{"month": h["month"], **h["counts"]} for h in history]
    return Table("history", columns, rows, caption="逐月预警数（条）：每月末按同一规则计算")


def _history_chart(history):
    """Counts per kind per month (a line per kind) for charts.js."""
    return {"mzUnit": "条", "tooltip": {"trigger": "axis"}, "legend": {"top": 0, "type": "scroll"},
            "grid": {"left": 8, "right": 16, "top": 52, "bottom": 8, "containLabel": True}, "animation": False,
            "xAxis": {"type": "category", "data": [f"{h['month']}月" for h in history]},
            "yAxis": {"type": "value", "name": "条", "minInterval": 1},
            "series": [{"name": title, "type": "line", "data": [h["counts"][kind] for h in history]}
                       for kind, (title, _l, _a) in supervision.KINDS.items()]}


def _flag_table(flags):
    return Table("warnings", fl.FLAG_COLUMNS, fl.flag_rows(flags), caption="预警明细", links={
        "name": lambda row: fl.subject_url(row["flag"]), "records_url": lambda row: row["records_url"]})


def _forecast(conn, pub_id, as_of):
    outcome = supervision.year_end_forecast(conn, pub_id, as_of.year, as_of.month) if as_of else None
    if not outcome or outcome["forecast_rate"] is None:
        return None
    return outcome


@listing("/warnings")
def warnings_page(fmt):
    pub = require_pub()
    conn, pub_id = connection(), pub["id"]
    chosen = warning_filters()
    as_of, everything = fl.current(pub_id, chosen["year"], chosen["month"])
    narrow = {k: chosen[k] for k in ("kind", "subject", "region", "dept")}
    flags = supervision.select_flags(everything, **narrow)
    history = supervision.history(conn, pub_id, as_of.year, as_of.month) if as_of else []
    counts = supervision.counts(flags)
    if fmt == "json":  # every flag, with its links: the download twins are not paged
        return json_response({
            "as_of": as_of.key if as_of else None, "filters": {k: v for k, v in chosen.items() if v is not None},
            "counts": counts, "counts_all": supervision.counts(everything),
            "rules": supervision.describe(supervision.load_rules()),
            "history": [{"month": h["month"], **h["counts"]} for h in history],
            "forecast": _forecast_json(_forecast(conn, pub_id, as_of)),
            "flags": [fl.flag_json(f) for f in flags], "warnings": _flag_table(flags).json()})
    if fmt == "csv":
        return respond(fmt, "warnings.html", {}, {"warnings": _flag_table(flags)}, {})
    shown = _flags_page(flags)
    context = {"as_of": as_of, "flags": flags, "shown": shown, "everything": everything, "chosen": chosen,
               "counts": counts, "counts_all": supervision.counts(everything),
               "rules": supervision.describe(supervision.load_rules()),
               "history_table": _history_table(history), "history_chart": _history_chart(history),
               "forecast": _forecast(conn, pub_id, as_of), "years": q_ref.spending_years(conn, pub_id),
               # the month selector offers only months with data (later ones are refused: queries/coverage)
               "last_month": q_ref.last_month(conn, pub_id, as_of.year) if as_of else 0,
               "regions": q_ref.all_regions(conn, pub_id), "kinds": supervision.KINDS,
               "subjects": supervision.SUBJECTS, "link_url": fl.link_url, "subject_url": fl.subject_url,
               "map": district_map(pub_id, as_of.year, as_of.month, default="flags") if as_of else None}
    return render_template("warnings.html", **context)


FLAGS_PER_PAGE = 100  # a province's 2,000 flags, each with its links, on one page took a second to render


def _flags_page(flags):
    """The flags on this page of the list (?page=), in the list's order: grouped by kind, as shown."""
    order = {kind: n for n, kind in enumerate(supervision.KINDS)}
    ordered = sorted(flags, key=lambda f: order.get(f.kind, len(order)))  # stable: each kind keeps its order
    paging = page_args(FLAGS_PER_PAGE)
    start = (paging["page"] - 1) * paging["per_page"]
    return Page(ordered[start:start + paging["per_page"]], len(ordered), paging["page"], paging["per_page"])


def _forecast_json(outcome):
    if not outcome:
        return None
    return {"year": outcome["year"], "month": outcome["month"], "budget": fen_to_yuan(outcome["budget_fen"]),
            "spent": fen_to_yuan(outcome["spent_fen"]), "forecast": fen_to_yuan(outcome["forecast_fen"]),
            "forecast_rate": outcome["forecast_rate"], "share": outcome["share"], "basis": outcome["basis"],
            "profile_years": outcome["profile_years"]}


# ---- contractors ------------------------------------------------------------------------------

CONTRACTOR_PROJECT_KEYS = ("code", "name", "award_date", "year", "region_name", "category", "status",
                           "total_investment_fen", "disbursed_fen", "progress_pct")
CONTRACTOR_PROJECT_COLUMNS = [next((c for c in PROJECT_COLUMNS if c.key == key), None)
                              or Column("award_date", "中标日期", "date") for key in CONTRACTOR_PROJECT_KEYS]


def contractor_flags(everything, name, codes):
    """Flags about the contractor, about departments where it is the leading contractor, and its projects."""
    return [f for f in everything if (f.subject == "contractor" and f.code == name)
            or (f.kind == "supplier_share" and f.figures.get("top_contractor") == name)
            or (f.subject == "project" and f.code in codes)]


def _contractor_projects(conn, pub_id, name):
    page = q_proj.list_projects(conn, pub_id, q_proj.ProjectFilter(contractor=name), per_page=None)
    awards = {a["code"]: a for a in sv_sup.awards(conn, pub_id) if a["contractor"] == name}
    regions = {r["code"]: r["name"] for r in q_ref.all_regions(conn, pub_id)}
    for row in page.items:
        row["region_name"] = regions.get(row["region_code"], row["region_code"])
        row["award_date"] = awards.get(row["code"], {}).get("date")
    return page


@bp.get("/contractors/<name>", defaults={"fmt": "html"})
@bp.get("/contractors/<name>.<any(json):fmt>")
def contractor(name, fmt):
    pub = require_pub()
    conn, pub_id = connection(), pub["id"]
    name = name.strip()[:128]
    projects = _contractor_projects(conn, pub_id, name)
    payments = q_sup.contractor_payments(conn, pub_id, name, **page_args(default_per_page=20))
    if not projects.total and not payments.total:
        fail(NotFound, f"没有名为「{name[:40]}」的承建方或收款单位")
    as_of, everything = fl.current(pub_id)
    flags = contractor_flags(everything, name, {p["code"] for p in projects.items})
    by_year = q_sup.contractor_payments_by_year(conn, pub_id, name)
    project_table = Table("projects", CONTRACTOR_PROJECT_COLUMNS, projects.items, caption="承建的项目", links={
        "name": lambda r: url_for("pages.project", code=r["code"]),
        "disbursed_fen": lambda r: url_for("pages.records", kind="payments", project=r["code"])})
    payment_table = Table("payments", [Column("id", "凭证号", "code"), Column("date", "支付日期", "date"),
                                       Column("project_code", "项目编号", "code"), Column("purpose", "用途"),
                                       Column("amount_fen", "金额", "amount")], payments.items, caption="收到的支付（最新在前）",
                          links={"project_code": lambda r: url_for("pages.project", code=r["project_code"])
                                 if r.get("project_code") else None})
    year_table = Table("payments_by_year", [Column("year", "年度", "int"), Column("amount_fen", "支付金额", "amount")],
                       [{"year": y, "amount_fen": v} for y, v in sorted(by_year.items())], caption="按年度的支付")
    if fmt == "json":
        return json_response({"contractor": name, "as_of": as_of.key if as_of else None,
                              "projects": {**project_table.json(), "count": projects.total,
                                           "sums": {k[:-4]: fen_to_yuan(v) for k, v in projects.sums.items()}},
                              "payments": {**payment_table.json(), "count": payments.total, "page": payments.page,
                                           "pages": payments.pages, "sum": fen_to_yuan(payments.sums["amount_fen"])},
                              "payments_by_year": year_table.json(), "flags": [fl.flag_json(f) for f in flags]})
    return render_template("contractor.html", name=name, projects=projects, payments=payments, flags=flags,
                           as_of=as_of, project_table=project_table, payment_table=payment_table,
                           year_table=year_table, link_url=fl.link_url, subject_url=fl.subject_url)


# ---- the JSON API twins ---------------------------------------------------------------------------

@bp.get("/api/warnings")
def warnings_api():
    return warnings_page(fmt="json")


@bp.get("/api/contractors/<name>")
def contractor_api(name):
    return contractor(name=name, fmt="json")
