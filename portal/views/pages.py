"""HTML pages: home, budget execution drill-down, projects, and the records behind figures.

Every listing answers in three formats from one Table: HTML, ``.json`` and ``.csv``
(see tables.py). Views stay thin: figures come from ledger.queries.
"""
from collections import defaultdict
from dataclasses import replace
from urllib.parse import quote_plus

from flask import Blueprint, g, render_template, request, url_for
from werkzeug.exceptions import BadRequest, NotFound, ServiceUnavailable

from ledger import semantics, supervision
from ledger.errors import UserError
from ledger.money import fen_to_yuan
from ledger.queries import coverage
from ledger.queries import execution as q_exec
from ledger.queries import projects as q_proj
from ledger.queries import records as q_rec
from ledger.queries import reference as q_ref
from ledger.queries.execution import Scope

from ..args import arg_code, arg_codes, arg_date, arg_int, arg_ints, arg_name, arg_number
from ..context import connection, engine, publication
from ..errors import MESSAGES
from . import charts, performance_parts
from . import flags as fl
from .mapdata import district_map, township_map
from .tables import Column, Table, csv_response, json_response
from .urls import url_builder

bp = Blueprint("pages", __name__)

NO_DATA = "尚未发布数据，请管理员导入"
PROJECT_SORT_LABELS = {"investment": "总投资", "disbursed": "已支付", "progress": "形象进度", "name": "名称"}


# ---- request helpers ---------------------------------------------------------------

def fail(exc_class, message):
    """Abort with a Chinese message shown to the user (HTML page or JSON error)."""
    status = exc_class.code
    raise UserError(MESSAGES[status][0], message, status)


def listing_on(blueprint):
    """A decorator registering ``rule`` on ``blueprint`` as an HTML page plus its .json and .csv twins."""
    def listing(rule, endpoint=None):
        def decorate(view):
            name = endpoint or view.__name__
            blueprint.add_url_rule(rule, name, view, defaults={"fmt": "html"})
            blueprint.add_url_rule(rule + ".<any(json,csv):fmt>", name, view)
            return view
        return decorate
    return listing


listing = listing_on(bp)


@bp.app_context_processor
def format_links():
    def alt_url(fmt, **changes):
        """This page's URL in another format (html/json/csv), keeping the query string."""
        args = {**request.args.to_dict(), **changes}
        return url_for(request.endpoint, **{**(request.view_args or {}), "fmt": fmt}, **args)
    return {"alt_url": alt_url}


def require_pub():
    pub = publication()
    if pub is None:
        fail(ServiceUnavailable, NO_DATA)
    return pub


def arg_year(pub_id, default_latest=True):
    available = q_ref.years(connection(), pub_id)
    year = arg_int("year", low=1900, high=2200, label="年度")
    if year is None:
        return available[-1] if (available and default_latest) else None
    if year not in available:
        fail(NotFound, f"{year} 年没有数据；可选年度：{'、'.join(map(str, available)) or '无'}")
    return year


def respond(fmt, template, context, tables, payload):
    """HTML page, JSON (payload + tables) or CSV (the first table, or ?table=name)."""
    if fmt == "json":
        return json_response({**payload, **{name: t.json() for name, t in tables.items()}})
    if fmt == "csv":
        name = request.args.get("table") or next(iter(tables))
        if name not in tables:
            fail(BadRequest, f"没有名为「{name[:20]}」的表；可选：{'、'.join(tables)}")
        return csv_response(tables[name])
    return render_template(template, tables=tables, **context)


def scope_args(scope):
    """Query-string arguments that reproduce a scope (for links), keeping a ``?pub=`` permalink. A choice of
    several values is a list (the name repeated in the URL); ``month_from`` starts a span of months."""
    args = {"year": _choice(scope.year, scope.years), "month": scope.month,
            "region": _choice(scope.region, scope.regions), "dept": _choice(scope.dept, scope.depts),
            "class": _choice(scope.class_code, scope.class_codes), "pub": request.args.get("pub")}
    if scope.month and scope.month_from and scope.month_from != 1:
        args["month_from"] = scope.month_from
    return {k: v for k, v in args.items() if v is not None}


def _choice(one, many):
    return one if one is not None else (list(many) if many else None)


# werkzeug's own characters left unquoted in a query string (werkzeug.urls._urlencode), so a link built here
# is the very string url_for builds (tests/test_record_links.py checks it).
QUERY_SAFE = "!$'()*,/:;?@"


def records_url(kind, scope, **extra):
    """``url_for("pages.records", kind=kind, **scope_args(scope), **extra)``. The path is built once per
    request and the query string here: a province's comparison page links 3,000 figures to their records,
    and werkzeug's route building was most of that page's time."""
    paths = g.setdefault("records_paths", {})
    if kind not in paths:
        paths[kind] = url_for("pages.records", kind=kind)
    query = "&".join(f"{name}={_query_value(item)}" for name, value in {**scope_args(scope), **extra}.items()
                     if value is not None for item in (value if isinstance(value, (list, tuple)) else (value,)))
    return f"{paths[kind]}?{query}" if query else paths[kind]


def _query_value(value):
    """One value as urlencode(..., safe=QUERY_SAFE) writes it; years, months and codes (ASCII letters and
    digits, nearly every value) need no quoting, and quoting was most of the time left."""
    text = str(value)
    return text if text.isascii() and text.isalnum() else quote_plus(text, safe=QUERY_SAFE)


# ---- tables --------------------------------------------------------------------------

EXEC_COLUMNS = [
    Column("budget_fen", "预算数", "amount"),
    Column("spent_fen", "支出数", "amount"),
    Column("rate", "执行率", "rate", rate_of=("spent_fen", "budget_fen")),
]


def execution_table(name, first_columns, rows, scope, *, drill=None, scope_of=None, caption="", flagged=None):
    """Budget/spent/rate table whose figures link to the records behind them.

    ``scope_of(row)`` narrows the scope to the row; ``drill(row)`` links the row's name; ``flagged(row)``
    gives (badge text, warnings URL) of the row's supervision flags, shown in a 「监督预警」 column.
    """
    def records_link(kind):
        def link(row):
            if row.get("scope"):  # a row summing several keys (「其他 N 类」) carries its own scope
                return records_url(kind, row["scope"])
            return records_url(kind, scope_of(row)) if scope_of and row.get("key") else None
        return link
    links = {"budget_fen": records_link("budgets"), "spent_fen": records_link("expenditures")}
    if drill:
        links[first_columns[-1].key] = drill
    extra = []
    if flagged:
        for row in rows:
            row["flags"], row["flags_url"] = flagged(row)
        extra, links["flags"] = [FLAGS_COLUMN], lambda row: row.get("flags_url")
    totals = {first_columns[-1].key: "合计", "key": None,
              "budget_fen": sum(r["budget_fen"] for r in rows), "spent_fen": sum(r["spent_fen"] for r in rows)}
    total_links = {"budget_fen": records_url("budgets", scope), "spent_fen": records_url("expenditures", scope)}
    return Table(name, first_columns + EXEC_COLUMNS + extra, rows, caption=caption, totals=totals, links=links,
                 total_links=total_links)


FLAGS_COLUMN = Column("flags", "监督预警")


def flag_badges(flags, scope, subject, field):
    """``flagged`` for execution_table: the flags located at a row (by region or department code)."""
    by_key = defaultdict(list)  # one pass over the flags, not one per row: a province has 200 rows
    for flag in flags:
        by_key[getattr(flag, field)].append(flag)

    warnings_url = url_builder("warnings.warnings_page", "region" if field == "region_code" else "dept",
                               year=scope.year, month=scope.month, pub=request.args.get("pub"))

    def flagged(row):
        here = by_key.get(row["key"], []) if row.get("key") else []
        return fl.badge(here, subject, row.get("key")), warnings_url(row["key"]) if here else None
    return flagged


def period_flags(conn, pub_id, scope, **narrow):
    """(AsOf, flags) at the scope's year and month; (None, []) for whole-year data without months."""
    if not q_ref.last_month(conn, pub_id, scope.year):
        return None, []
    return fl.current(pub_id, scope.year, scope.month, **narrow)


def class_rows(conn, pub_id, scope, by="class"):
    names = q_ref.class_names(conn, pub_id)
    rows = q_exec.breakdown(conn, pub_id, scope, by)
    for row in rows:
        row["code"] = row["key"]
        row["name"] = names.get(row["key"], row["key"])
    return rows


def class_table(conn, pub_id, scope, by="class", name="classes"):
    rows = class_rows(conn, pub_id, scope, by)
    rows.sort(key=lambda r: -r["budget_fen"])
    return execution_table(
        name, [Column("code", "科目编码", "code"), Column("name", "功能分类（类）" if by == "class" else "功能分类（款）")],
        rows, scope, scope_of=lambda row: scope.with_(class_code=row["key"]),
        caption="按功能分类")


def top_rows_and_others(rows, shown, scope):
    """The first ``shown`` rows and one 「其他 N 类」 row for the rest, so a 合计 over the rows is what
    the table shows; that row links to the records of its classes (``scope`` with their codes)."""
    rest = rows[shown:]
    if not rest:
        return rows
    others = {"key": None, "code": "", "name": f"其他 {len(rest)} 类",
              "scope": scope.with_(class_codes=tuple(r["key"] for r in rest)),
              "budget_fen": sum(r["budget_fen"] for r in rest), "spent_fen": sum(r["spent_fen"] for r in rest)}
    return rows[:shown] + [others]


def pace_inputs(pace, scope):
    """Links to the records the pace line's derived figures are computed from: this year's spending to date
    and budget (of ``scope``), and for each earlier year the area's spending to the same month and for the
    whole year (「往年同期进度」 and the 预警线), or the scope's own (the 全年预测 uses its own rhythm)."""
    if not pace:
        return []
    year, month = pace["year"], pace["month"]
    now = scope.with_(year=year, month=None, month_from=None)
    links = [(f"{year}年1–{month}月支出", records_url("expenditures", now.with_(month=month))),
             (f"{year}年预算", records_url("budgets", now))]
    own = (pace.get("forecast") or {}).get("profile_years") or []
    for earlier in sorted(set(pace.get("profile_years") or []) | set(own)):
        for label, part in ((f"1–{month}月", month), ("全年", None)):
            if earlier in (pace.get("profile_years") or []):
                links.append((f"{earlier}年{label}全部支出", records_url("expenditures", Scope(year=earlier, month=part))))
            if earlier in own and now != Scope(year=year):
                links.append((f"{earlier}年{label}支出（本页范围）", records_url("expenditures", now.with_(year=earlier,
                                                                                              month=part))))
    return [{"label": label, "href": href} for label, href in links]


def months_label(scope, last_month):
    if scope.month:
        return f"1–{scope.month}月累计"
    return f"1–{last_month}月累计" if 0 < last_month < 12 else "全年"


# ---- home ------------------------------------------------------------------------------

@bp.get("/")
def home():
    pub = publication()
    if pub is None:
        return render_template("home.html", no_data=NO_DATA)
    data = summary_data(pub)
    if "no_data" not in data:
        data.update(supervision_summary(pub["id"]))
    return render_template("home.html", **data)


def supervision_summary(pub_id):
    """The home page's 监督预警 panel: flag counts, the area's pace and forecast, the tile map."""
    as_of, flags = fl.current(pub_id)
    if as_of is None:
        return {}
    return {"sv_as_of": as_of, "sv_counts": supervision.counts(flags), "sv_kinds": supervision.KINDS,
            "sv_pace": (pace := supervision.entity_pace(connection(), pub_id, as_of.year, as_of.month)),
            "sv_pace_inputs": pace_inputs(pace, Scope()),
            "sv_map": district_map(pub_id, as_of.year, as_of.month, default="pace")}


def summary_data(pub):
    """Headline figures for the latest year, the multi-year trend and the top classes."""
    conn, pub_id = connection(), pub["id"]
    year = q_ref.latest_year(conn, pub_id)
    if year is None:
        return {"no_data": NO_DATA}
    scope = Scope(year=year)
    totals = q_exec.totals(conn, pub_id, scope)
    trend = q_exec.breakdown(conn, pub_id, Scope(), "year")
    top = class_table(conn, pub_id, scope)
    top.rows = top_rows_and_others(top.rows, 8, scope)
    named = [r for r in top.rows if r["key"]]  # the chart shows the eight classes, not their remainder
    trend_table = Table("trend", [Column("key", "年度", "int")] + EXEC_COLUMNS, trend, caption="历年预算执行",
                        links={"key": lambda r: url_for("pages.execution", year=r["key"]),
                               "budget_fen": lambda r: records_url("budgets", Scope(year=r["key"])),
                               "spent_fen": lambda r: records_url("expenditures", Scope(year=r["key"]))})
    return {
        "year": year, "last_month": q_ref.last_month(conn, pub_id, year), "totals": totals,
        "trend": trend_table, "top_classes": top,
        "trend_chart": charts.trend([r["key"] for r in trend], [r["budget_fen"] for r in trend],
                                    [r["spent_fen"] for r in trend]),
        "classes_chart": charts.budget_vs_spent([r["name"] for r in named], [r["budget_fen"] for r in named],
                                                [r["spent_fen"] for r in named], horizontal=True),
        "projects": q_proj.list_projects(conn, pub_id, q_proj.ProjectFilter(year=year), page=1, per_page=5),
    }


# ---- budget execution drill-down ---------------------------------------------------------

def exec_scope(pub_id, **fixed):
    year = arg_year(pub_id)
    if year is None:
        fail(ServiceUnavailable, NO_DATA)
    month = arg_int("month", low=1, high=12, label="月份")
    return Scope(year=year, month=month, **fixed)


def exec_context(conn, pub_id, scope, crumbs, title, pace_of=(None, None)):
    """The execution pages' shared context; ``pace_of`` = (level, key) of the scope for the pace rule."""
    last = q_ref.last_month(conn, pub_id, scope.year)
    totals = q_exec.totals(conn, pub_id, scope)
    months = q_exec.monthly(conn, pub_id, scope)
    as_of, flags = period_flags(conn, pub_id, scope)
    return {
        "sv_as_of": as_of, "sv_flags": flags, "link_url": fl.link_url, "subject_url": fl.subject_url,
        "sv_pace": (pace := supervision.entity_pace(conn, pub_id, scope.year, scope.month, level=pace_of[0],
                                                    key=pace_of[1]) if last else None),
        "sv_pace_inputs": pace_inputs(pace, scope),
        "scope": scope, "crumbs": crumbs, "title": title, "totals": totals, "last_month": last,
        "period": months_label(scope, last), "years": q_ref.years(conn, pub_id),
        "monthly_chart": charts.cumulative([m["month"] for m in months], [m["cumulative_fen"] for m in months],
                                           totals["budget_fen"]) if months else None,
        "monthly_table": Table("monthly", [Column("month", "月份", "int"), Column("spent_fen", "当月支出", "amount"),
                                           Column("cumulative_fen", "累计支出", "amount")], months,
                               caption="月度支出"),
        "records": {"budgets": records_url("budgets", scope), "expenditures": records_url("expenditures", scope)},
    }


def payload_for(scope, totals, **extra):
    return {"year": scope.year, "month": scope.month, "region": scope.region, "dept": scope.dept,
            "totals": {"budget": fen_to_yuan(totals["budget_fen"]), "spent": fen_to_yuan(totals["spent_fen"]),
                       "execution_rate_pct": round(totals["spent_fen"] * 100 / totals["budget_fen"], 2)
                       if totals["budget_fen"] else None}, **extra}


@listing("/execution")
def execution(fmt):
    pub = require_pub()
    conn, pub_id = connection(), pub["id"]
    scope = exec_scope(pub_id)
    city = q_ref.city(conn, pub_id)
    names = {r["code"]: r for r in q_ref.all_regions(conn, pub_id)}
    rows = q_exec.breakdown(conn, pub_id, scope, "region")
    for row in rows:
        region = names.get(row["key"], {})
        row["code"] = row["key"]
        row["name"] = semantics.region_label(region) if region else row["key"]
    region_page = url_builder("pages.execution_region", "code", **scope_args(scope))
    regions = execution_table(
        "regions", [Column("code", "地区代码", "code"), Column("name", "地区")], rows, scope,
        drill=lambda r: region_page(r["key"]) if r.get("key") else None,
        scope_of=lambda r: scope.with_(region=r["key"]), caption="按地区（市本级与各区县）",
        flagged=flag_badges(period_flags(conn, pub_id, scope)[1], scope, "region", "region_code"))
    classes = class_table(conn, pub_id, scope)
    title = f"{scope.year}年{city['name'] if city else ''}预算执行情况"
    context = exec_context(conn, pub_id, scope, [("全市", None)], title)
    context["sv_map"] = district_map(pub_id, scope.year, scope.month)
    context["breakdown_chart"], context["breakdown_note"] = charts.budget_vs_spent_rows(rows, "地区")
    context["classes_chart"] = charts.budget_vs_spent(
        [r["name"] for r in classes.rows], [r["budget_fen"] for r in classes.rows],
        [r["spent_fen"] for r in classes.rows], horizontal=True)
    tables = {"regions": regions, "classes": classes, "monthly": context["monthly_table"]}
    return respond(fmt, "execution.html", context, tables, payload_for(scope, context["totals"], level="city"))


def region_or_404(conn, pub_id, code):
    region = q_ref.region(conn, pub_id, code)
    if region is None:
        fail(NotFound, f"没有代码为「{code[:20]}」的地区")
    return region


@listing("/execution/region/<code>")
def execution_region(code, fmt):
    pub = require_pub()
    conn, pub_id = connection(), pub["id"]
    region = region_or_404(conn, pub_id, code)
    scope = exec_scope(pub_id, region=code)
    depts = {d["code"]: d for d in q_ref.all_departments(conn, pub_id)}
    rows = q_exec.breakdown(conn, pub_id, scope, "dept")
    for row in rows:
        row["code"] = row["key"] or ""
        row["name"] = depts.get(row["key"], {}).get("name", row["key"] or "（未分部门）")
    keep = scope_args(scope.with_(region=None))
    label = f"{region['name']}（市本级）" if region["level"] == 0 else region["name"]
    departments = execution_table(
        "departments", [Column("code", "单位代码", "code"), Column("name", "预算单位")], rows, scope,
        drill=lambda r: url_for("pages.execution_dept", code=code, dept=r["key"], **keep) if r.get("key") else None,
        scope_of=lambda r: scope.with_(dept=r["key"]), caption=f"{label}按预算单位",
        flagged=flag_badges(period_flags(conn, pub_id, scope, region=code)[1], scope, "dept", "dept_code"))
    classes = class_table(conn, pub_id, scope)
    crumbs = [("全市", url_for("pages.execution", **keep)), (label, None)]
    context = exec_context(conn, pub_id, scope, crumbs, f"{scope.year}年{label}预算执行情况", ("region", code))
    context["sv_flags"] = supervision.select_flags(context["sv_flags"], region=code)
    context["region"] = region
    context["sv_map"] = township_map(pub_id, code, scope.year, scope.month)  # the map's drill-down level
    context["breakdown_chart"], context["breakdown_note"] = charts.budget_vs_spent_rows(
        rows, "预算单位", horizontal=True)
    context["classes_chart"] = charts.budget_vs_spent(
        [r["name"] for r in classes.rows], [r["budget_fen"] for r in classes.rows],
        [r["spent_fen"] for r in classes.rows], horizontal=True)
    tables = {"departments": departments, "classes": classes, "monthly": context["monthly_table"]}
    return respond(fmt, "execution_region.html", context, tables,
                   payload_for(scope, context["totals"], level="region",
                               region_info={"code": region["code"], "name": region["name"],
                                            "level": region["level"]}))


@listing("/execution/region/<code>/dept/<dept>")
def execution_dept(code, dept, fmt):
    pub = require_pub()
    conn, pub_id = connection(), pub["id"]
    region = region_or_404(conn, pub_id, code)
    department = q_ref.department(conn, pub_id, dept)
    if department is None or department["region_code"] != code:
        fail(NotFound, f"{region['name']}没有代码为「{dept[:20]}」的预算单位")
    scope = exec_scope(pub_id, region=code, dept=dept)
    subclasses = class_table(conn, pub_id, scope, by="subclass", name="subclasses")
    classes = class_table(conn, pub_id, scope)
    keep = scope_args(scope.with_(region=None, dept=None))
    label = f"{region['name']}（市本级）" if region["level"] == 0 else region["name"]
    crumbs = [("全市", url_for("pages.execution", **keep)),
              (label, url_for("pages.execution_region", code=code, **keep)), (department["name"], None)]
    context = exec_context(conn, pub_id, scope, crumbs, f"{scope.year}年{department['name']}预算执行情况",
                           ("dept", dept))
    context["sv_flags"] = supervision.select_flags(context["sv_flags"], dept=dept)
    context.update(region=region, department=department, project_count=q_proj.list_projects(
        conn, pub_id, q_proj.ProjectFilter(dept=dept, year=scope.year), per_page=1).total)
    rows = subclasses.rows
    context["breakdown_chart"] = charts.budget_vs_spent(
        [r["name"] for r in rows], [r["budget_fen"] for r in rows], [r["spent_fen"] for r in rows], horizontal=True)
    tables = {"subclasses": subclasses, "classes": classes, "monthly": context["monthly_table"]}
    from .units import units_table  # 二级预算单位 (portal/views/units.py imports this module)
    units = units_table(conn, pub_id, scope, department, context["totals"])
    if units:
        tables = {"units": units, **tables}
    return respond(fmt, "execution_dept.html", context, tables,
                   payload_for(scope, context["totals"], level="department",
                               department_info={"code": dept, "name": department["name"]}))


# ---- records behind the figures ---------------------------------------------------------

RECORD_KINDS = {"expenditures": "支出明细", "budgets": "预算明细", "payments": "支付明细"}


def record_columns(kind):
    """The columns of /records/<kind> (page, JSON and CSV)."""
    if kind == "payments":
        return [Column("id", "凭证号", "code"), Column("date", "支付日期", "date"), Column("project_code", "项目编号", "code"),
                Column("payee", "收款人"), Column("payee_type", "收款人类型"), Column("purpose", "用途"),
                Column("amount_fen", "金额", "amount")]
    columns = [Column("year", "年度", "int")]
    if kind == "expenditures":
        columns.append(Column("month", "月份", "int"))
    return columns + [
        Column("region_code", "地区代码", "code"), Column("region_name", "地区"), Column("dept_code", "单位代码", "code"),
        Column("dept_name", "预算单位"), Column("class_code", "科目编码", "code"), Column("class_name", "科目名称"),
        Column("budget_fen" if kind == "budgets" else "amount_fen", "预算数" if kind == "budgets" else "支出数", "amount")]


# the payments of more than, at least, or less than an amount (元, a whole number: ?amount_above=1000000)
AMOUNT_BOUNDS = {"amount_above": "单笔金额超过（元）", "amount_from": "单笔金额不低于（元）", "amount_below": "单笔金额低于（元）",
                 "amount_to": "单笔金额不超过（元）"}


def _fen(yuan):
    return None if yuan is None else yuan * 100


def streamed(fetch, *args, each=None, **kwargs):
    """A Table.stream for a download: ``fetch(conn, *args, **kwargs)``'s rows (a ledger generator reading the
    cursor in batches) on a connection of its own, each passed through ``each`` (adds names) if given."""
    def rows():
        with engine().connect() as conn:
            for row in fetch(conn, *args, **kwargs):
                yield each(row) if each else row
    return rows


# A download streams every row (Table.stream); its page is read only for the count shown beside it.
DOWNLOAD_PAGING = {"page": 1, "per_page": 1}


def page_args(default_per_page=50, prefix="", label=""):
    """?page= and ?per_page=; a page with several paged lists gives each a prefix (?dept_page=)."""
    return {"page": arg_int(f"{prefix}page", low=1, high=1_000_000, label=f"{label}页码") or 1,
            "per_page": arg_int(f"{prefix}per_page", low=1, high=500, label=f"{label}每页条数") or default_per_page}


@listing("/records/<any(expenditures,budgets,payments):kind>")
def records(kind, fmt):
    pub = require_pub()
    conn, pub_id = connection(), pub["id"]
    paging = DOWNLOAD_PAGING if fmt == "csv" else page_args()
    names = {"region": None, "dept": None, "class": None}
    if kind == "payments":
        year = arg_int("year", low=1900, high=2200, label="年度")
        month_from, month_to = (arg_int(key, low=1, high=12, label=label) if year is not None else None
                                for key, label in (("month_from", "起始月份"), ("month_to", "截止月份")))
        flt = q_rec.PaymentFilter(project=arg_code("project", "项目编号"), year=year,
                                  payee_type=request.args.get("payee_type") or None, payee=arg_name("payee", "收款人"),
                                  purpose=arg_name("purpose", "用途"), month_from=month_from,
                                  month_to=month_to if month_to is None or month_to >= (month_from or 1) else month_from,
                                  voucher=arg_code("voucher", "凭证号"),
                                  **{key: _fen(arg_int(key, low=0, high=10**12, label=label)) for key, label in AMOUNT_BOUNDS.items()})
        page = q_rec.payment_records(conn, pub_id, flt, **paging)
        stream = streamed(q_rec.payment_rows, pub_id, flt)
        if flt.project:
            project = q_proj.get_project(conn, pub_id, flt.project)
            names["project"] = project["name"] if project else flt.project
        columns = record_columns(kind)
        links = {"project_code": lambda r: url_for("pages.project", code=r["project_code"])
                 if r.get("project_code") else None}
        filters = {"project": flt.project, "year": flt.year, "month_from": flt.month_from, "month_to": flt.month_to,
                   "payee_type": flt.payee_type, "payee": flt.payee, "purpose": flt.purpose, "voucher": flt.voucher,
                   **{key: None if getattr(flt, key) is None else getattr(flt, key) // 100 for key in AMOUNT_BOUNDS}}
    else:
        scope = records_scope()
        coverage.check_scope(conn, pub_id, scope)  # a period or place outside the data is refused, not 0 元
        region, dept, class_code = scope.region, scope.dept, scope.class_code
        if region:
            names["region"] = semantics.region_label(q_ref.region(conn, pub_id, region))
        if dept:
            found = q_ref.department(conn, pub_id, dept)
            names["dept"] = found["name"] if found else dept
        if class_code:
            found = q_ref.func_class(conn, pub_id, class_code)
            names["class"] = found["name"] if found else class_code
        fetch = q_rec.expenditure_records if kind == "expenditures" else q_rec.budget_records
        page = fetch(conn, pub_id, scope, **paging)
        stream = streamed(q_rec.expenditure_rows if kind == "expenditures" else q_rec.budget_rows, pub_id, scope)
        columns = record_columns(kind)
        links = {}
        filters = {k: v for k, v in scope_args(scope).items() if k != "pub"}
    amount_key = "budget_fen" if kind == "budgets" else "amount_fen"
    table = Table(f"{kind}", columns, page.items, caption=RECORD_KINDS[kind], links=links,
                  stream=stream if fmt == "csv" else None)
    context = {"kind": kind, "label": RECORD_KINDS[kind], "page": page, "names": names,
               "filters": {k: v for k, v in filters.items() if v is not None},
               "total_fen": page.sums.get(amount_key, 0)}
    payload = {"kind": kind, "filters": context["filters"], "count": page.total, "page": page.page,
               "per_page": page.per_page, "pages": page.pages, "sum": fen_to_yuan(context["total_fen"])}
    return respond(fmt, "execution_records.html", context, {"records": table}, payload)


def records_scope():
    """The scope of /records/expenditures|budgets. A name given several times means any of its values
    (?region=a&region=b) and ``month_from`` starts the span that ends at ``month``, so that every figure
    the question box answers links to exactly the records it adds up."""
    years = arg_ints("year", low=1900, high=2200, label="年度")
    regions, depts = arg_codes("region", "地区"), arg_codes("dept", "预算单位")
    classes = arg_codes("class", "科目编码")
    return Scope(year=_one(years), month=arg_int("month", low=1, high=12, label="月份"),
                 month_from=arg_int("month_from", low=1, high=12, label="起始月份"),
                 region=_one(regions), dept=_one(depts), class_code=_one(classes),
                 years=_many(years), regions=_many(regions), depts=_many(depts), class_codes=_many(classes))


def _one(values):
    return values[0] if len(values) == 1 else None


def _many(values):
    return tuple(values) if len(values) > 1 else None


# ---- projects ------------------------------------------------------------------------------

def project_filter():
    """The projects' filter: the form's fields, and what a question's answer narrows by (several regions,
    classes or years, a contractor, a project, an output unit, investment and progress bounds, the start
    or completion date) so that its records link lists exactly the projects behind it."""
    years, regions, depts = (arg_ints("year", low=1900, high=2200, label="年度"), arg_codes("region", "地区"),
                             arg_codes("dept", "预算单位"))
    classes, contractors = arg_codes("class", "科目编码"), [c.strip()[:64] for c in request.args.getlist("contractor")
                                                           if c.strip()][:50]
    started = arg_ints("started_year", low=1900, high=2200, label="开工年度")
    months = [arg_int(f"started_month_{end}", low=1, high=12, label="开工月份") for end in ("from", "to")]
    completed = arg_ints("completed_year", low=1900, high=2200, label="完工年份")
    done_months = [arg_int(f"completed_month_{end}", low=1, high=12, label="完工月份") for end in ("from", "to")]
    return q_proj.ProjectFilter(
        region=_one(regions), class_code=_one(classes), regions=_many(regions), class_codes=_many(classes),
        category=request.args.get("category", "").strip()[:32] or None,
        status=request.args.get("status", "").strip()[:16] or None,
        year=_one(years), years=_many(years), dept=_one(depts), depts=_many(depts),
        township=arg_code("township", "乡镇/街道"), located=arg_code("located", "建设地点所在区县"),
        code=arg_code("project", "项目编号"),
        contractor=_one(contractors), contractors=_many(contractors),
        output_unit=request.args.get("output_unit", "").strip()[:8] or None,
        min_investment_fen=_fen(arg_number("min_investment", low=0, high=1e13, label="总投资下限")),
        max_investment_fen=_fen(arg_number("max_investment", low=0, high=1e13, label="总投资上限")),
        min_progress_pct=arg_number("min_progress", low=0, high=100, label="进度下限"),
        max_progress_pct=arg_number("max_progress", low=0, high=100, label="进度上限"),
        started_years=tuple(started) or None, started_months=tuple(months) if all(months) else None,
        completed_years=tuple(completed) or None, completed_months=tuple(done_months) if all(done_months) else None,
        finished=request.args.get("finished") if request.args.get("finished") in ("late", "on_time", "early") else None,
        overdue_on=arg_date("overdue_on", "逾期判断日期"),
        contractor_kind=request.args.get("contractor_kind") if request.args.get("contractor_kind") in
        q_proj.CONTRACTOR_KINDS else None)


def _fen(yuan):
    return round(yuan * 100) if yuan is not None else None


# What a question's records link narrows by that the form has no field for, in words.
QUESTION_SCOPE = {"project": "项目编号", "output_unit": "产出单位", "min_investment": "总投资不低于（元）",
                  "max_investment": "总投资低于（元）", "min_progress": "进度高于（%）", "max_progress": "进度低于（%）",
                  "started_year": "开工年度", "started_month_from": "开工月份自", "started_month_to": "开工月份至",
                  "completed_year": "完工年份", "completed_month_from": "完工月份自", "completed_month_to": "完工月份至",
                  "finished": "按计划完工日期（late 晚于计划、on_time 按期或提前、early 提前）",
                  "overdue_on": "计划完工日期早于此日仍未完工",
                  "contractor_kind": "承建方（person 个人、none 尚无承建单位、uncontracted 尚无中标合同）"}
SEVERAL = {"region": "地区", "class": "科目", "year": "年度", "dept": "预算单位"}


def question_scope():
    """[(name, label, value)] of the arguments the form cannot show (a question's scope: several regions,
    an investment bound …), kept as hidden fields when the form is sent again and listed above the table."""
    found = [(k, QUESTION_SCOPE[k], v) for k, v in request.args.items(multi=True) if v and k in QUESTION_SCOPE]
    for name, label in SEVERAL.items():
        values = [v for v in request.args.getlist(name) if v]
        if len(values) > 1:
            found += [(name, label, v) for v in values]
    return found


PROJECT_COLUMNS = [
    Column("code", "项目编号", "code"), Column("name", "项目名称"), Column("year", "年度", "int"),
    Column("region_name", "地区"), Column("township_name", "乡镇/街道"), Column("category", "类别"),
    Column("status", "状态"),
    Column("total_investment_fen", "总投资", "amount"),
    # 年度计划 and the payments of the project's own year (ledger/queries/plans.py): the totals add up
    Column("annual_plan_fen", "项目年度计划", "amount"), Column("annual_paid_fen", "项目年度支付", "amount"),
    Column("disbursed_fen", "已支付", "amount"),
    Column("progress_pct", "形象进度", "pct"),
    # the physical output, so that an answer in 公里 or 套 adds up from the download
    Column("output_actual", "实际产出", "number"), Column("output_planned", "计划产出", "number"),
    Column("output_unit", "产出单位"),
]


def with_contractor(columns):
    """The project columns with 承建单位 (linking to the contractor's page) before 状态."""
    at = next((i for i, c in enumerate(columns) if c.key == "status"), len(columns))
    return columns[:at] + [Column("contractor", "承建单位")] + columns[at:]


@listing("/projects")
def projects(fmt):
    pub = require_pub()
    conn, pub_id = connection(), pub["id"]
    flt = project_filter()
    contractor = request.args.get("contractor", "").strip()[:128] or None  # contractor pages link here
    flt = replace(flt, contractor=contractor)
    sort = request.args.get("sort") or q_proj.DEFAULT_SORT
    if sort not in q_proj.SORTS:
        fail(BadRequest, f"不支持的排序方式「{sort[:20]}」；可选：{'、'.join(q_proj.SORTS)}")
    page = q_proj.list_projects(conn, pub_id, flt, sort=sort,
                                **(DOWNLOAD_PAGING if fmt == "csv" else page_args(default_per_page=20)))
    regions = q_ref.all_regions(conn, pub_id)
    region_names = {r["code"]: semantics.region_label(r) for r in regions}
    townships = q_ref.all_townships(conn, pub_id)
    township_names = {t["code"]: t["name"] for t in townships}

    def with_places(row):
        row["region_name"] = region_names.get(row["region_code"], row["region_code"])
        row["township_name"] = township_names.get(row.get("township_code"), row.get("township_code"))
        return row
    for row in page.items:
        with_places(row)
    table = Table("projects", with_contractor(PROJECT_COLUMNS), page.items, caption="项目列表", links={
        "name": lambda r: url_for("pages.project", code=r["code"]),
        "contractor": lambda r: url_for("warnings.contractor", name=r["contractor"]) if r.get("contractor") else None,
        "disbursed_fen": lambda r: url_for("pages.records", kind="payments", project=r["code"]),
    }, stream=streamed(q_proj.project_rows, pub_id, flt, sort=sort, each=with_places) if fmt == "csv" else None)
    context = {"page": page, "filter": flt, "sort": sort, "sorts": PROJECT_SORT_LABELS, "regions": regions,
               "classes": q_ref.top_classes(conn, pub_id), "facets": q_proj.facet_values(conn, pub_id),
               "status_counts": q_proj.status_counts(conn, pub_id, flt),
               "townships": townships, "township_counts": q_proj.township_counts(conn, pub_id, flt),
               "township": township_names.get(flt.township), "question_scope": question_scope()}
    payload = {"filters": {k: v for k, v in flt.__dict__.items() if v is not None}, "sort": sort,
               "count": page.total, "page": page.page, "per_page": page.per_page, "pages": page.pages,
               "sums": {k[:-4]: fen_to_yuan(v) for k, v in page.sums.items()}}
    return respond(fmt, "projects.html", context, {"projects": table}, payload)


def project_supervision(conn, pub_id, code, completed_date=None):
    """A project's plan vs actual by year, progress vs plan by quarter and its flags (ledger.supervision)."""
    as_of = supervision.resolve_as_of(conn, pub_id)
    record = supervision.project_record(conn, pub_id, code, as_of)
    rules = supervision.load_rules()
    judged = {(q["year"], q["quarter"]): q for q in record["quarter_history"]}
    quarters = [{**q, **judged.get((q["year"], q["quarter"]), {})} for q in record["quarters"]]
    return {"sv_as_of": as_of, "sv_flags": record["flags"], "link_url": fl.link_url, "subject_url": fl.subject_url,
            "plan_table": fl.plan_table(record["plans"], rules.plan.tolerance, completed_date)
            if record["plans"] else None,
            "plan_chart": fl.plan_chart(record["plans"]) if record["plans"] else None,
            "quarter_table": fl.quarter_table(quarters, rules.risk.behind_points) if quarters else None,
            "quarter_chart": fl.quarter_chart(quarters) if quarters else None}


@bp.get("/projects/<code>", defaults={"fmt": "html"})
@bp.get("/projects/<code>.<any(json):fmt>")
def project(code, fmt):
    pub = require_pub()
    conn, pub_id = connection(), pub["id"]
    item = q_proj.get_project(conn, pub_id, code)
    if item is None:
        fail(NotFound, f"没有编号为「{code[:32]}」的项目")
    region = q_ref.region(conn, pub_id, item["region_code"]) or {}
    department = q_ref.department(conn, pub_id, item["dept_code"]) or {}
    klass = q_ref.func_class(conn, pub_id, item["class_code"]) or {}
    township = q_ref.township(conn, pub_id, item["township_code"]) if item.get("township_code") else None
    updates = q_proj.updates(conn, pub_id, code)
    award = q_proj.contract(conn, pub_id, code)
    payments = q_rec.payment_records(conn, pub_id, q_rec.PaymentFilter(project=code),
                                     **page_args(default_per_page=20))
    payment_table = Table("payments", [Column("id", "凭证号", "code"), Column("date", "支付日期", "date"),
                                       Column("payee", "收款人"), Column("payee_type", "收款人类型"),
                                       Column("purpose", "用途"), Column("amount_fen", "金额", "amount")],
                          payments.items, caption="支付明细（已脱敏）")
    update_table = Table("updates", [Column("date", "日期", "date"), Column("progress_pct", "形象进度", "pct"),
                                     Column("note", "进展说明")], updates, caption="进展记录")
    money_table = Table("funding", [Column("label", "项目"), Column("amount_fen", "金额", "amount")], [
        {"label": "总投资", "amount_fen": item["total_investment_fen"]},
        {"label": f"{item['year']}年计划", "amount_fen": item["annual_plan_fen"]},
        {"label": f"{item['year']}年支付", "amount_fen": item["annual_paid_fen"]},
        {"label": "已支付（累计）", "amount_fen": item["disbursed_fen"]}], caption="资金安排与支付")
    context = {
        "project": item, "region": region, "department": department, "klass": klass, "township": township,
        "award": award,
        "updates": updates, "payments": payments, "payment_table": payment_table, "update_table": update_table,
        "money_table": money_table,
        "payments_url": url_for("pages.records", kind="payments", project=code),
        "year_payments_url": url_for("pages.records", kind="payments", project=code, year=item["year"]),
        "money_chart": charts.amounts([row["label"] for row in money_table.rows],
                                      [row["amount_fen"] for row in money_table.rows],
                                      ["#2f6db5", "#7aa6d8", "#9bbf6a", "#e07b39"]),
        "progress_chart": charts.progress([u["date"] for u in updates], [u["progress_pct"] for u in updates])
        if updates else None,
        **project_supervision(conn, pub_id, code, item["completed_date"]),
        **performance_parts.project_context(conn, pub_id, code),
    }
    if fmt == "json":
        info = {c.json_key: c.export(item) for c in [
            Column("code", ""), Column("name", ""), Column("year", ""), Column("category", ""),
            Column("status", ""), Column("progress_pct", ""), Column("location", ""), Column("contractor", ""),
            Column("description", ""), Column("start_date", ""), Column("end_date", ""), Column("completed_date", ""),
            Column("total_investment_fen", "", "amount"), Column("annual_plan_fen", "", "amount"),
            Column("annual_paid_fen", "", "amount"), Column("disbursed_fen", "", "amount")]}
        # which year annual_plan / annual_paid are of (ledger/queries/plans.py)
        info["annual_plan_year"] = item["year"]
        info.update(region={"code": item["region_code"], "name": region.get("name")},
                    department={"code": item["dept_code"], "name": department.get("name")},
                    func_class={"code": item["class_code"], "name": klass.get("name")},
                    township={"code": township["code"], "name": township["name"],
                              "region_code": township["region_code"]} if township else None,
                    output={"name": item["output_name"], "unit": item["output_unit"],
                            "planned": item["output_planned"], "actual": item["output_actual"]},
                    payments_url=context["payments_url"], html_url=url_for("pages.project", code=code),
                    contract={"award_date": award["award_date"].isoformat() if award["award_date"] else None,
                              "contract": fen_to_yuan(award["contract_fen"])
                              if award["contract_fen"] is not None else None} if award else None,
                    contractor_url=url_for("warnings.contractor", name=item["contractor"]) if item["contractor"] else None)
        return json_response({"project": info, "updates": update_table.json(),
                              **{key: context[name].json() for key, name in (("plans", "plan_table"),
                                                                             ("quarters", "quarter_table"))
                                 if context[name]},
                              "flags": [fl.flag_json(f) for f in context["sv_flags"]],
                              "performance": context["perf"],
                              "payments": {**payment_table.json(), "count": payments.total,
                                           "page": payments.page, "pages": payments.pages,
                                           "sum": fen_to_yuan(payments.sums.get("amount_fen", 0))}})
    return render_template("project.html", **context)

