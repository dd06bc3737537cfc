"""Projects' plans and quarters: the 年度用款计划 of a calendar year (project_plans: 「某项目今年的年度用款计划是多少，
实际付了多少」「养老服务设施类项目今年的年度计划合计」「全部项目2026年度用款计划合计」) and the progress at a quarter's end
of many projects (project_quarters: 「三季度末实际进度落后于计划的项目有几个」「三季度计划进度与实际差距最大的项目」).
Figures from ledger.queries.projects (plan_totals, quarter_rows); each answer links to the rows of the published
table it adds up or counts. One named project's quarter is answered by the project kind (answers.progress_at)."""
from urllib.parse import urlencode

from ledger.queries import projects as q_proj

from .. import present
from ..ir import Kind, Measure, Order, Query
from ..timeparse import Period
from ..vocab import found
from .project.answers import _quarter_asked
from .project.rules import choose_project

PLAN, PLAN_ACTUAL = "plan", "plan_actual"  # the plan alone, or the plan and what was paid against it
BEHIND, GAP = "quarter_behind", "quarter_gap"  # projects behind their plan at a quarter's end, or the largest gaps
NOT_OF_PLANS = ("top", "bottom", "limit", "rate", "share", "growth", "trend")


def plans(ctx):
    """「某项目今年的年度用款计划是多少，实际付了多少」「全部项目26年度用款计划合计多少」: the 分年度计划 rows of one year."""
    s, c, text = ctx.slots, ctx.cues, ctx.text
    asked = found("plan_asked", text) or (c.project_subject and not s.projects and found("plan_spending", text)) \
        or (((c.project_subject and not s.projects and found("plan_paid", text)) or (s.projects and found("plan_spending", text)))
            and found("plan_actual", text))  # 「计划付多少、实际付了多少」: the plan beside the payments, never one field
    if not asked or s.contractors or s.units or len(s.projects) > 1 or s.region_each \
            or s.dept_each or any(getattr(c, name) for name in NOT_OF_PLANS):
        return None
    return Query(Kind.PLANS, measure=Measure.PLAN, period=s.period or Period(ctx.as_of.year, ctx.as_of.year),
                 topic=PLAN_ACTUAL if found("plan_actual", text) else PLAN, **_scope(s, ctx.lexicon))


def quarters(ctx):
    """「今年三季度末实际进度落后于计划的项目有几个」「2026年三季度计划进度与实际差距最大的项目」: the projects' rows of
    project_quarters at the end of the quarter named, counted or ranked by planned minus actual progress."""
    s, c, text = ctx.slots, ctx.cues, ctx.text
    if s.projects or s.contractors or s.units or not found("progress", text) or _quarter_asked(s.period) is None \
            or not s.period.explicit or s.region_each:
        return None
    if found("how_many", text) and found("quarter_behind", text):
        return Query(Kind.PLANS, measure=Measure.COUNT, period=s.period, topic=BEHIND, **_scope(s, ctx.lexicon))
    if (c.top or c.limit or ctx.single()) and found("quarter_gap", text):
        return Query(Kind.PLANS, measure=Measure.PROGRESS, period=s.period, topic=GAP, order=Order.DESC,
                     limit=ctx.limit_or_one(), **_scope(s, ctx.lexicon))
    return None


def _scope(s, lexicon):
    """The projects asked about: the one named (its name holds its place), else a category, places, classes."""
    if s.projects:
        return {"project": choose_project(s.projects[0], lexicon, s.regions, s.period)}
    return {"category": s.category, "regions": list(s.regions), "depts": list(s.depts),
            "classes": [] if s.category else list(s.classes)}


def _filter(query):
    return q_proj.ProjectFilter(code=query.project, category=query.category, regions=tuple(query.regions) or None,
                                depts=tuple(query.depts) or None, class_codes=tuple(query.classes) or None)


def _narrowed(query):
    return bool(query.project or query.category or query.regions or query.depts or query.classes)


def run(conn, pub_id, query, lexicon):
    p = query.period
    if p.multi_year:
        return {"kind": "figure", "nothing": "年度用款计划和季度进度只能按一年来问，例如「2026年全部项目的年度用款计划合计」。"}, None
    if query.topic in (BEHIND, GAP):
        return _quarters(conn, pub_id, query, lexicon)
    found_ = q_proj.plan_totals(conn, pub_id, p.year_to, _filter(query))
    if not found_["codes"]:
        return {"kind": "figure", "nothing": f"本站数据中没有{_words(query, lexicon)}{p.year_to}年的分年度用款计划"
                                             "（单年度项目的年度计划见项目页）。"}, None
    plan = present.row("年度用款计划", Measure.PLAN, found_["plan_fen"])
    answer = {"kind": "figure", "value": plan[1], "unit": "元", "display": plan[2], "period": f"{p.year_to}年",
              "projects": len(found_["codes"]), "codes": found_["codes"] if _narrowed(query) else None}
    if query.topic == PLAN_ACTUAL:
        paid = present.row("实际支付", Measure.PAID, found_["actual_fen"])
        answer.update(kind="table", columns=["", "金额（元）", "金额"], rows=[plan, paid], top=plan[0])
        answer.pop("display")
    return answer, None


def _quarters(conn, pub_id, query, lexicon):
    year, quarter = query.period.year_to, _quarter_asked(query.period)
    reported = [r for r in q_proj.quarter_rows(conn, pub_id, year, quarter, _filter(query)) if r["actual"] is not None]
    if not reported:
        return {"kind": "figure", "nothing": f"本站数据中还没有{_words(query, lexicon)}{year}年第{quarter}季度末的实际进度。"}, None
    columns = ["项目", "落后计划（个百分点）", "落后计划", "计划进度（%）", "实际进度（%）"]
    rows = [[r["name"], r["planned"] - r["actual"], f"{r['planned'] - r['actual']} 个百分点", r["planned"], r["actual"]]
            for r in reported]
    codes = [r["code"] for r in reported] if _narrowed(query) else None  # the rows its records link lists
    if query.topic == BEHIND:
        behind = sorted((row for row in rows if row[1] > 0), key=lambda row: (-row[1], row[0]))
        return {"kind": "figure", "value": len(behind), "unit": "个", "display": f"{len(behind)} 个",
                "period": f"{year}年第{quarter}季度末", "quarter": quarter, "reported": len(rows),
                "columns": columns, "rows": behind, "codes": codes}, None
    rows = sorted(rows, key=lambda row: (-row[1], row[0]))[:query.limit]
    return {"kind": "table", "unit": "个百分点", "period": f"{year}年第{quarter}季度末", "quarter": quarter,
            "columns": columns, "rows": rows, "value": rows[0][1], "top": rows[0][0], "codes": codes}, present.rows_chart(
        [row[:3] for row in rows], "个百分点")


def _words(query, lexicon):
    """「澄湖区·养老服务设施类」「某项目」「全部」: the projects asked about."""
    if query.project:
        return lexicon.project_names.get(query.project, query.project)
    place = "、".join([present.region_name(lexicon, r) for r in query.regions]
                     + [lexicon.dept_names.get(d, d) for d in query.depts])
    what = f"{query.category}类" if query.category else \
        "、".join(lexicon.class_names.get(c, c) for c in query.classes) if query.classes else ""
    return f"{place}{what}项目" if place or what else "全部项目"


def restate(query, lexicon, coverage=None):
    year = query.period.year_to
    if query.topic in (BEHIND, GAP):
        quarter = f"{year}年第{_quarter_asked(query.period)}季度末"
        if query.topic == BEHIND:
            return f"{quarter}实际形象进度低于计划进度的{_words(query, lexicon)}个数（按项目季度进度表计）"
        top = f"前{query.limit}个" if query.limit and query.limit > 1 else ""
        return f"{quarter}计划进度与实际进度差距（计划−实际）最大的{top}{_words(query, lexicon)}（按项目季度进度表计）"
    both = "，及当年实际支付" + ("（截至目前）" if coverage else "") if query.topic == PLAN_ACTUAL else ""
    total = "" if query.project else "合计"
    return f"{year}年{_words(query, lexicon)}的年度用款计划{total}（按分年度计划表计）{both}"


def _table_url(table, args, query, answer):
    """/data/project_plans|project_quarters.csv of the year (and quarter), of the projects asked about (their codes
    carried by the answer when the question narrows them)."""
    if _narrowed(query):
        args["project_code__in"] = ",".join(answer.get("codes") or [])
    return f"/data/{table}.csv?" + urlencode(args)


def records(query, lexicon, pub_id, answer):
    """The published rows the figure adds up (年度用款计划, 实际支付) or counts (each project's quarter row)."""
    answer = answer or {}
    if answer.get("value") is None:
        return {}
    year = query.period.year_to
    if query.topic in (BEHIND, GAP):
        return {"records": _table_url("project_quarters", {"year": year, "quarter": _quarter_asked(query.period)},
                                      query, answer)}
    url = _table_url("project_plans", {"year": year}, query, answer)
    out = {"records": url}
    if query.topic == PLAN_ACTUAL:
        out["rows"] = [{"label": row[0], "records": {"plans": url}} for row in answer.get("rows", [])]
    return out


def chips(query, lexicon):
    return []
