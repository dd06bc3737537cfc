"""预算执行白皮书: a report built from the published data, every figure linked to its source query.

Used three ways:
- ``mingzhang whitepaper --year 2024 [--region CODE] [--out FILE]`` writes a standalone HTML file;
- ``/reports/whitepaper?year=…&region=…`` renders it on demand (print CSS gives an A4 PDF-ready page);
- staff code calls :func:`generate_html` (e.g. to save it as a document).

All generated text goes through ``anonymize.scrub_text`` like every other published text.
"""
import datetime as dt
from pathlib import Path

import click
from flask import current_app, render_template, url_for

from anonymize import scrub_text
from ledger import money, performance, semantics, supervision
from ledger.errors import UserError
from ledger.queries import execution as q_exec
from ledger.queries import performance as q_perf
from ledger.queries import plans, reference, suppliers
from ledger.queries.compare import CompareError, compare, resolve_period
from ledger.queries.execution import Scope
from ledger.schema import projects

DELAYED_STATUS = "滞后"
COMPLETED_STATUS = "已完工"
MAX_LISTED = 15


class WhitepaperError(UserError):
    """Bad year/region; ``message`` is Chinese."""

    def __init__(self, message):
        super().__init__("bad_whitepaper", message)


# ---- source links ---------------------------------------------------------------------------

class Sources:
    """URLs of the queries behind each figure, pinned to the publication (``pub=N``)."""

    def __init__(self, pub_id, period, region, external=False):
        self.pub_id, self.period, self.region, self.external = pub_id, period, region, external
        self.views = current_app.view_functions

    def _url(self, endpoint, **args):
        args = {k: v for k, v in args.items() if v is not None}
        return url_for(endpoint, pub=self.pub_id, _external=self.external, **args)

    def _month(self):
        return self.period.month if self.period.month not in (0, 12) else None

    def records(self, kind, *, class_code=None, region=None, dept=None, whole_year=False):
        region = region or self.region
        month = None if (kind == "budgets" or whole_year) else self._month()
        if "pages.records" in self.views:
            return self._url("pages.records", kind=kind, fmt="json", year=self.period.year, month=month,
                             region=region, dept=dept, **{"class": class_code})
        if isinstance(class_code, tuple):  # several classes (民生支出): the open-data filter takes them joined
            class_code = ",".join(class_code)
        return self._url("opendata.table_data", table=kind, fmt="json", year=self.period.year,
                         month__lte=month, region_code=region, dept_code=dept, class_code__prefix=class_code)

    def projects(self, **filters):
        filters.setdefault("region", self.region)
        if "pages.projects" in self.views:
            # A contractor's projects open as the page (with its filter), other counts as the JSON query.
            fmt = "html" if "contractor" in filters else "json"
            return self._url("pages.projects", fmt=fmt, year=self.period.year, **filters)
        renamed = {("region_code" if k == "region" else k): v for k, v in filters.items()}
        return self._url("opendata.table_data", table="projects", fmt="json", year=self.period.year, **renamed)

    def compare(self):
        return self._url("compare.compare_api", year=self.period.year, month=self.period.month or None)

    def project(self, code):
        if "pages.project" in self.views:
            return self._url("pages.project", code=code)
        return self._url("opendata.table_data", table="projects", fmt="json", code=code)

    def contractor(self, name):
        """The contractor's page (projects, payments, flags), or its projects as open data."""
        if "warnings.contractor" in self.views:
            return self._url("warnings.contractor", name=name)
        return self._url("opendata.table_data", table="projects", fmt="json", contractor=name)

    def warnings(self, **filters):
        if "warnings.warnings_page" not in self.views:
            return None
        month = self.period.month or None
        return self._url("warnings.warnings_page", year=self.period.year, month=month, region=self.region, **filters)

    def performance(self, **filters):
        if "performance.performance_page" not in self.views:
            return None
        return self._url("performance.performance_page", year=self.period.year, region=self.region, **filters)

    def flag_link(self, link):
        from .views.flags import link_url
        return link_url(link, external=self.external, pub=self.pub_id)

    def flag_subject(self, flag):
        from .views.flags import subject_url
        return subject_url(flag, external=self.external, pub=self.pub_id)


# ---- building -----------------------------------------------------------------------------

def _t(text):
    """Every generated string passes the de-identification scrub."""
    return scrub_text(text) if text else text


def _pct(value, digits=1):
    return "—" if value is None else f"{round(value * 100, digits) + 0.0:.{digits}f}%"  # + 0.0: no "-0.0%"


def _figure(label, value, href, note=None, sources=()):
    """A key figure; ``sources`` (label, amount, URL) link the records of each input of a derived figure."""
    return {"label": _t(label), "value": _t(value), "href": href, "note": _t(note) if note else None,
            "sources": [{"label": _t(text), "value": amount, "href": url} for text, amount, url in sources]}


def build(conn, pub, *, year=None, region=None, config=None, external=False):
    """The white paper's content as a dict (strings scrubbed, every figure with ``href``)."""
    pub_id = pub["id"]
    try:
        period = resolve_period(conn, pub_id, year, None)
    except CompareError as exc:
        raise WhitepaperError(exc.message) from exc
    top = reference.city(conn, pub_id)
    region_row = None
    if region:
        region_row = reference.region(conn, pub_id, region)
        if region_row is None:
            raise WhitepaperError(f"未知的地区代码：{region}")
        if region_row["level"] == 0:
            region_row, region = None, None  # the top level means the whole area
    scope_name = region_row["name"] if region_row else (top["name"] if top else current_app.config["CITY_NAME"])
    src = Sources(pub_id, period, region, external)
    scope = Scope(year=period.year, month=period.month if period.month not in (0, 12) else None, region=region)
    minsheng = semantics.minsheng_codes(config)

    totals = q_exec.totals(conn, pub_id, scope)
    execution_rate = q_exec.rate(totals["spent_fen"], totals["budget_fen"])
    pace = period.expected_pace if period.month else None
    names = reference.class_names(conn, pub_id)

    flags = _flags(conn, pub_id, period, region)
    lagging = {(f.subject, f.code) for f in flags if f.kind == "pace"}
    classes = []
    for row in q_exec.breakdown(conn, pub_id, scope, "class"):
        rate = q_exec.rate(row["spent_fen"], row["budget_fen"])
        classes.append({
            "code": row["key"], "name": _t(names.get(row["key"], row["key"])),
            "budget": money.format_amount(row["budget_fen"]) if row["budget_fen"] else "—",
            "spent": money.format_amount(row["spent_fen"]), "spent_fen": row["spent_fen"], "rate": _pct(rate), "rate_value": rate,
            "bar": min(rate or 0, 1) * 100, "minsheng": row["key"] in minsheng,
            "behind": ("class", row["key"]) in lagging,
            "budget_href": src.records("budgets", class_code=row["key"]),
            "spent_href": src.records("expenditures", class_code=row["key"]),
        })
    classes.sort(key=lambda c: -c["spent_fen"])
    minsheng_fen = sum(c["spent_fen"] for c in classes if c["minsheng"])
    minsheng_share = minsheng_fen / totals["spent_fen"] if totals["spent_fen"] else None

    districts = None
    if region is None:
        try:
            districts = compare(conn, pub_id, year=period.year, month=period.month or None, config=config)
        except CompareError:
            districts = None  # fewer than two districts: nothing to compare
    district_rows = []
    if districts:
        for row in districts["regions"]:
            district_rows.append({
                "code": row["code"], "name": _t(row["name"]), "spent": money.format_amount(row["spent_fen"]),
                "budget": money.format_amount(row["budget_fen"]) if row["budget_fen"] else "—",
                "rate": _pct(row["execution_rate"]), "bar": min(row["execution_rate"] or 0, 1) * 100,
                "minsheng_share": _pct(row["minsheng_share"]), "yoy": _pct(row["yoy_growth"]),
                "per_capita": money.format_amount(row["per_capita_fen"], "元") + "/人"
                if row["per_capita_fen"] is not None else "—",
                "behind": row["behind_pace"],
                "spent_href": src.records("expenditures", region=row["code"]),
                "budget_href": src.records("budgets", region=row["code"]),
            })

    project_counts = _project_counts(conn, pub_id, period.year, region)
    delayed = _delayed_projects(conn, pub_id, period.year, region, src)
    supplier = suppliers.concentration(conn, pub_id, year=period.year, region=region)
    noticed = _noticed_contractors(flags)
    supplier_rows = [{
        "name": _t(s["contractor"]), "projects": s["projects"], "categories": s["categories"],
        "departments": s["departments"], "regions": s["regions"],
        "investment": money.format_amount(s["investment_fen"]), "share": _pct(s["share"]),
        "flagged": s["contractor"] in noticed, "href": src.contractor(s["contractor"]),
        "projects_href": src.projects(contractor=s["contractor"]),
    } for s in supplier["contractors"]]
    supervision_groups = _supervision_groups(flags, src)
    perf = _performance(conn, pub_id, period.year, region, src)

    as_of = pub.get("as_of")
    period_text = period.label
    has_budget = totals["budget_fen"] > 0
    if has_budget:
        opening = (f"{period_text}，{scope_name}一般公共预算支出累计 {money.format_amount(totals['spent_fen'])}，"
                   f"为年度预算 {money.format_amount(totals['budget_fen'])} 的 {_pct(execution_rate)}"
                   + (f"，时间进度为 {_pct(pace)}。" if pace else "。"))
    else:
        opening = (f"{period_text}，{scope_name}一般公共预算支出 {money.format_amount(totals['spent_fen'])}"
                   "（本数据没有预算数，不计算执行率）。")
    summary = [_t(opening),
               _t(f"其中{semantics.MINSHENG_LABEL} {money.format_amount(minsheng_fen)}，占支出的 {_pct(minsheng_share)}。")]
    if project_counts["total"]:
        summary.append(_t(f"{period.year} 年安排项目 {project_counts['total']} 个，已完工 "
                          f"{project_counts.get(COMPLETED_STATUS, 0)} 个，进度滞后 {project_counts.get(DELAYED_STATUS, 0)} 个。"))

    key_figures = []
    if has_budget:
        key_figures.append(_figure("年度预算", money.format_amount(totals["budget_fen"]), src.records("budgets")))
    key_figures.append(_figure("累计支出" if has_budget else "支出", money.format_amount(totals["spent_fen"]),
                               src.records("expenditures"), period_text))
    if has_budget:
        key_figures.append(_figure("预算执行率", _pct(execution_rate), src.records("expenditures"),
                                   f"时间进度 {_pct(pace)}" if pace else None,
                                   [("分子：支出", money.format_amount(totals["spent_fen"]), src.records("expenditures")),
                                    ("分母：预算", money.format_amount(totals["budget_fen"]), src.records("budgets"))]))
    # a share links to its numerator's records and its denominator's records
    minsheng_href = src.records("expenditures", class_code=tuple(sorted(c["code"] for c in classes if c["minsheng"])))
    key_figures.append(_figure(
        f"{semantics.MINSHENG_LABEL}占比", _pct(minsheng_share), minsheng_href, None,
        [(f"分子：{semantics.MINSHENG_LABEL}", money.format_amount(minsheng_fen), minsheng_href),
         ("分母：支出", money.format_amount(totals["spent_fen"]), src.records("expenditures"))]))
    if project_counts["total"]:
        key_figures += [
            _figure("项目总数", f"{project_counts['total']} 个", src.projects()),
            _figure("已完工项目", f"{project_counts.get(COMPLETED_STATUS, 0)} 个", src.projects(status=COMPLETED_STATUS)),
            _figure("滞后项目", f"{project_counts.get(DELAYED_STATUS, 0)} 个", src.projects(status=DELAYED_STATUS)),
        ]
    return {
        "title": _t(f"{scope_name}{period.year}年预算执行白皮书"),
        "scope_name": _t(scope_name),
        "year": period.year,
        "region": region,
        "period_label": period_text,
        "as_of": as_of,
        "generated_at": dt.datetime.now().replace(microsecond=0),
        "publication": pub,
        "summary": summary,
        "key_figures": key_figures,
        "classes": classes,
        "pace": pace,
        "has_budget": has_budget,
        "pace_bar": (pace or 0) * 100,
        "minsheng_names": "、".join(names.get(c) or semantics.STANDARD_CLASS_NAMES.get(c, c) for c in minsheng),
        "districts": district_rows,
        "region_label": districts["region_label"] if districts else "地区",
        "compare_href": src.compare() if districts else None,
        "project_counts": project_counts,
        "project_status_links": {status: src.projects(status=status) for status in project_counts if status != "total"},
        "delayed": delayed,
        "supervision": supervision_groups,
        "supervision_as_of": f"{period.year}年{period.month or 12}月末",
        "supervision_href": src.warnings(),
        "rules": [{**r, "rule": _t(r["rule"])} for r in supervision.describe(supervision.load_rules())],
        "suppliers": supplier_rows,
        "performance": perf,
        "supplier_rule": _t(
            f"共有 {supplier['contractors_count']} 家承建方，每家承建方的项目数平均为 {supplier['average_projects']:.1f} 个。"
            "表中按项目数列出前 10 家；有监督提示（短期内跨领域中标，或在某预算单位承建集中度高且居首位）的标注「需关注」，"
            "仅作提示，并不代表存在违规。点击名称查看该承建方的项目、支付和提示。"),
    }


def _project_counts(conn, pub_id, year, region):
    from sqlalchemy import func, select
    conds = [projects.c.publication_id == pub_id, projects.c.year == year]
    if region:
        conds.append(projects.c.region_code == region)
    counts = dict(conn.execute(select(projects.c.status, func.count()).where(*conds).group_by(projects.c.status)).all())
    counts["total"] = sum(counts.values())
    return counts


def _delayed_projects(conn, pub_id, year, region, src):
    from sqlalchemy import select
    conds = [projects.c.publication_id == pub_id, projects.c.year == year, projects.c.status == DELAYED_STATUS]
    if region:
        conds.append(projects.c.region_code == region)
    # 年度计划: the one definition (ledger/queries/plans.py), as on the project page and /projects
    rows = conn.execute(select(*plans.project_columns()).where(*conds)
                        .order_by(plans.year_plan_column().desc(), projects.c.code).limit(MAX_LISTED)).mappings()
    return [{"code": r["code"], "name": _t(r["name"]), "category": _t(r["category"]),
             "contractor": _t(r["contractor"] or "—"), "progress": r["progress_pct"],
             "end_date": r["end_date"], "plan": money.format_amount(r["annual_plan_fen"]),
             "disbursed": money.format_amount(r["disbursed_fen"]), "href": src.project(r["code"])} for r in rows]


def _performance(conn, pub_id, year, region, src):
    """绩效 of the year's finished projects: the same scores, rankings and unit-cost outliers as the 绩效 page
    (ledger.queries.performance)."""
    flt = q_perf.PerformanceFilter(year=year, region=region)
    items = q_perf.scored_projects(conn, pub_id, flt)
    departments = q_perf.department_ranking(conn, pub_id, flt)
    outliers = q_perf.unit_cost_comparison(conn, pub_id, flt)["outliers"]
    average = performance.mean_score([i["score"] for i in items])
    summary = (f"{year} 年安排的项目中已完工并评分的有 {len(items)} 个，平均得分 {average} 分，"
               f"低于 60 分的 {sum(1 for i in items if i['score'] < 60)} 个；单位成本明显偏离同类的 {len(outliers)} 个。"
               if items else f"{year} 年安排的项目中还没有已完工、可评分的项目。")
    return {
        "summary": _t(summary), "href": src.performance(),
        "weights": "、".join(f"{i.label} {i.weight}" for i in performance.INDICATORS),
        "departments": [{"name": _t(d["dept_name"]), "projects": d["projects"], "average": d["average_score"],
                         "below_60": d["below_60"], "href": src.performance(dept=d["dept_code"])}
                        for d in departments[:MAX_LISTED]],
        "outliers": [{"name": _t(f["name"]), "explanation": _t(f["explanation"]), "direction": f["direction"],
                      "href": src.project(f["code"])} for f in outliers[:MAX_LISTED]],
    }


def _flags(conn, pub_id, period, region):
    """The supervision flags at the paper's period end (ledger.supervision: the same flags as every page);
    a district's paper keeps those located in the district."""
    flags = supervision.evaluate(conn, pub_id, period.year, period.month or 12)
    return supervision.select_flags(flags, region=region) if region else flags


def _noticed_contractors(flags):
    names = {f.code for f in flags if f.kind == "supplier_window"}
    return names | {f.figures.get("top_contractor") for f in flags if f.kind == "supplier_share"}


def _supervision_groups(flags, src):
    """Flags by kind for the white paper: each flag's own explanation, its subject page and records."""
    groups = []
    for kind, (title, level, _about) in supervision.KINDS.items():
        these = [f for f in flags if f.kind == kind]
        groups.append({"kind": kind, "title": title, "level": level, "count": len(these),
                       "href": src.warnings(kind=kind), "flags": [{
                           "name": _t(f.name), "period": f.period, "detail": _t(f.detail),
                           "href": src.flag_subject(f), "subject": f.subject_label,
                           "links": [(link.label, src.flag_link(link)) for link in f.links]}
                           for f in these[:MAX_LISTED]]})
    return groups


# ---- rendering ----------------------------------------------------------------------------

def _inline_css():
    static = Path(__file__).resolve().parent / "static"
    screen = (static / "reports.css").read_text(encoding="utf-8")
    printed = (static / "print.css").read_text(encoding="utf-8")
    return screen + "\n@media print {\n" + printed + "\n}\n"


def render(paper, *, standalone=False):
    """HTML of the white paper: a portal page, or a self-contained file (inline CSS, absolute links)."""
    template = "whitepaper_standalone.html" if standalone else "whitepaper.html"
    return render_template(template, paper=paper, inline_css=_inline_css() if standalone else "")


def generate_html(app, year, region=None, *, pub_id=None, base_url=None):
    """A standalone white paper (str) for the CLI or a staff button; links are absolute to ``base_url``."""
    from ledger.db import current_publication, get_publication

    base_url = base_url or app.config.get("PUBLIC_BASE_URL") or "http://localhost:5000"
    engine = app.extensions["mingzhang.engine"]
    with app.test_request_context("/reports/whitepaper", base_url=base_url), engine.connect() as conn:
        pub = get_publication(conn, pub_id) if pub_id else current_publication(conn)
        if pub is None:
            raise WhitepaperError("尚未发布任何数据")
        paper = build(conn, pub, year=year, region=region, config=app.config, external=True)
        return render(paper, standalone=True)


@click.command("whitepaper", help="根据已发布数据生成预算执行白皮书（HTML，可打印为 PDF）")
@click.option("--year", type=int, default=None, help="年度（默认最新年度）")
@click.option("--region", default=None, help="地区代码（默认全市）")
@click.option("--pub", "pub_id", type=int, default=None, help="发布编号（默认当前发布）")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="输出文件（默认 whitepaper-年度[-地区].html）")
@click.option("--base-url", default=None, help="链接使用的网站地址（默认 PUBLIC_BASE_URL 或 http://localhost:5000）")
def whitepaper(year, region, pub_id, out, base_url):
    from . import create_app

    app = create_app()
    try:
        html = generate_html(app, year, region, pub_id=pub_id, base_url=base_url)
    except WhitepaperError as exc:
        raise click.ClickException(exc.message) from None
    if out is None:
        out = Path(f"whitepaper-{year or 'latest'}{'-' + region if region else ''}.html")
    out.write_text(html, encoding="utf-8")
    click.echo(f"已生成白皮书：{out}（{len(html.encode('utf-8')) // 1024} KB）")


commands = [whitepaper]

__all__ = ["build", "render", "generate_html", "WhitepaperError", "commands"]
