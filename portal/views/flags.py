"""Supervision flags as pages show them: links to the records behind each flag, JSON, table rows, badges.

Every page reads flags through here from ledger.supervision.evaluate, so a flag reads the same on the
warnings page, its JSON and CSV, the district, department, project, contractor and comparison pages, the
home page and the white paper.
"""
import datetime as dt

from flask import has_request_context, request, url_for

from ledger import supervision
from ledger.money import fen_to_yuan
from ledger.queries.plans import after_completion

from ..context import connection
from . import charts
from .tables import Column, Table

QUARTER_NAMES = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度"}

# Link targets (ledger.supervision.model.Link) -> endpoint, and which argument is part of the path.
ENDPOINTS = {"records": "pages.records", "execution": "pages.execution", "execution_region": "pages.execution_region",
             "execution_dept": "pages.execution_dept", "project": "pages.project", "projects": "pages.projects",
             "contractor": "warnings.contractor"}


def link_url(link, external=False, pub=None):
    """The URL of a flag's link; ``pub`` pins it to a publication (a permalink's ``?pub=`` is kept)."""
    args = link.arguments()
    pub = pub or (request.args.get("pub") if has_request_context() else None)
    if pub:
        args["pub"] = pub
    return url_for(ENDPOINTS[link.target], _external=external, **args)


def current(pub_id, year=None, month=None, **narrow):
    """(AsOf or None, [Flag]) for the publication; ``narrow`` as in ledger.supervision.select_flags."""
    return supervision.flags(connection(), pub_id, year, month, **narrow)


def _json_value(key, value):
    if isinstance(value, dict):
        return dict(_json_item(k, v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [_json_value(key, v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _json_item(key, value):
    """Amounts leave in 元 (``*_fen`` -> name without the suffix), like every other JSON of the portal."""
    if key.endswith("_fen") and isinstance(value, int):
        return key[:-4], fen_to_yuan(value)
    return key, _json_value(key, value)


def flag_json(flag):
    return {"id": flag.id, "kind": flag.kind, "title": flag.title, "level": flag.level, "subject": flag.subject,
            "subject_label": flag.subject_label, "code": flag.code, "name": flag.name, "year": flag.year,
            "period": flag.period, "detail": flag.detail, "region_code": flag.region_code,
            "dept_code": flag.dept_code, "figures": _json_value("figures", flag.figures),
            "links": [{"label": link.label, "url": link_url(link)} for link in flag.links]}


def subject_url(flag, external=False, pub=None):
    """The page of what a flag is about (a project, a contractor, a region or department)."""
    pinned = {"_external": external, "pub": pub}
    if flag.subject == "project":
        return url_for("pages.project", code=flag.code, **pinned)
    if flag.subject == "contractor":
        return url_for("warnings.contractor", name=flag.code, **pinned)
    if flag.subject == "region":
        return url_for("pages.execution_region", code=flag.code, year=flag.year, **pinned)
    if flag.subject == "dept" and flag.region_code:
        return url_for("pages.execution_dept", code=flag.region_code, dept=flag.code, year=flag.year, **pinned)
    return None


FLAG_COLUMNS = [
    Column("title", "预警类型"), Column("level", "提示级别"), Column("subject_label", "对象类型"),
    Column("code", "编码", "code"), Column("name", "对象"), Column("period", "时点"), Column("detail", "说明"),
    Column("records_url", "背后的记录"),
]


def flag_rows(flags):
    """Rows for a Table of flags (HTML listing, CSV): one per flag, with its first records link."""
    return [{"id": f.id, "title": f.title, "level": f.level, "subject_label": f.subject_label, "code": f.code,
             "name": f.name, "period": f.period, "detail": f.detail, "flag": f,
             "records_url": link_url(f.links[0], external=True) if f.links else None} for f in flags]


def badge(flags, subject=None, code=None):
    """A short label for a table cell: 「进度滞后 · 3 条」 (the row's own entity lags), 「3 条」 or ""."""
    if not flags:
        return ""
    own_pace = any(f.kind == "pace" and f.subject == subject and f.code == code for f in flags)
    return f"{'进度滞后 · ' if own_pace else ''}{len(flags)} 条"


# ---- a project's plan by year and progress by quarter -------------------------------------------------

PLAN_COLUMNS = [Column("label", "年度"), Column("plan_fen", "年度计划", "amount"),
                Column("actual_fen", "实际支付", "amount"), Column("cumulative_plan_fen", "累计计划", "amount"),
                Column("cumulative_actual_fen", "累计支付", "amount"), Column("deviation_pct", "年末累计偏差", "pct"),
                Column("verdict", "判断")]
QUARTER_COLUMNS = [Column("label", "季度"), Column("planned", "计划形象进度", "pct"),
                   Column("actual", "实际形象进度", "pct"), Column("gap", "计划−实际（百分点）", "int"), Column("verdict", "判断")]


def plan_table(rows, tolerance, completed_date=None):
    """The 分年度计划 rows as published; a plan row of a year after completion is shown, and said to be so."""
    for row in rows:
        late = after_completion(row["year"], completed_date)
        row["label"] = f"{row['year']}年（完工后）" if late else f"{row['year']}年"
        row["deviation_pct"] = None if row["deviation"] is None else round(row["deviation"] * 100, 1)
        row["verdict"] = ("超出 ±" + f"{tolerance * 100:g}%" if row["flagged"] else "正常") if row["closed"] else "年度未结束"
        if late:
            row["verdict"] = f"项目已于{completed_date.year}年完工，原始数据仍列此年计划；" + row["verdict"]
    return Table("plans", PLAN_COLUMNS, rows, caption="分年度计划与实际支付（年末比较累计数；各行计划均为原始数据）")


def plan_chart(rows):
    option = charts.budget_vs_spent([f"{r['year']}年" for r in rows], [r["plan_fen"] for r in rows],
                                    [r["actual_fen"] or 0 for r in rows], spent_label="实际支付")
    option["series"][0]["name"] = "年度计划"
    return option


def quarter_table(rows, behind_points):
    for row in rows:
        row["label"] = f"{row['year']}年{QUARTER_NAMES[row['quarter']]}"
        if row["actual"] is None:
            row["verdict"] = "尚未到期"
        else:
            row["verdict"] = "高风险" if row.get("high_risk") else "落后" if row["gap"] > behind_points else "正常"
    return Table("quarters", QUARTER_COLUMNS, rows, caption="各季度末计划与实际形象进度")


def quarter_chart(rows):
    return {"mzUnit": "%", "color": charts.PALETTE, "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
            "grid": {"left": 8, "right": 16, "top": 52, "bottom": 8, "containLabel": True}, "animation": False,
            "xAxis": {"type": "category", "data": [f"{r['year']}Q{r['quarter']}" for r in rows],
                      "axisLabel": {"rotate": 30 if len(rows) > 6 else 0}},
            "yAxis": {"type": "value", "name": "形象进度 %", "max": 100},
            "series": [{"name": "计划形象进度", "type": "line", "data": [r["planned"] for r in rows],
                        "lineStyle": {"type": "dashed"}},
                       {"name": "实际形象进度", "type": "line", "data": [r["actual"] for r in rows]}]}
