"""Project risk: a project still under way whose reported progress trails its planned progress by more than
``behind_points`` percentage points at ``consecutive_quarters`` quarter ends running is 高风险
(rules.toml [risk]). Only quarter ends on or before the evaluation date with reported progress count.
"""
import datetime as dt

from sqlalchemy import select

from ..queries.cache import per_publication_shared
from ..schema import project_quarters, projects
from . import fmt
from .model import Flag, link


def quarter_end(year, quarter):
    month = quarter * 3
    return dt.date(year, month, 31 if month in (3, 12) else 30)


@per_publication_shared  # read-only: callers never modify it
def quarter_rows(conn, pub_id):
    """{project code: [{"year", "quarter", "end", "planned", "actual"}]} ordered by quarter."""
    rows = conn.execute(select(project_quarters.c.project_code, project_quarters.c.year, project_quarters.c.quarter,
                               project_quarters.c.planned_pct, project_quarters.c.actual_pct)
                        .where(project_quarters.c.publication_id == pub_id)
                        .order_by(project_quarters.c.project_code, project_quarters.c.year,
                                  project_quarters.c.quarter))
    out = {}
    for code, year, quarter, planned, actual in rows:
        out.setdefault(code, []).append({"year": year, "quarter": quarter, "end": quarter_end(year, quarter),
                                         "planned": planned, "actual": actual})
    return out


def _consecutive(a, b):
    return (b["year"] * 4 + b["quarter"]) - (a["year"] * 4 + a["quarter"]) == 1


def assess(quarters, day, rule):
    """(behind quarters ending at the last reported quarter on or before ``day``, or None) — the rule."""
    reported = [q for q in quarters if q["end"] <= day and q["actual"] is not None]
    last = reported[-rule.consecutive_quarters:]
    if len(last) < rule.consecutive_quarters:
        return None
    if any(not _consecutive(a, b) for a, b in zip(last, last[1:])):
        return None
    if all(q["planned"] - q["actual"] > rule.behind_points for q in last):
        return last
    return None


def history(quarters, day, rule):
    """Every reported quarter up to ``day`` with its gap and whether the rule fired at that quarter end."""
    out = []
    for q in quarters:
        if q["end"] > day or q["actual"] is None:
            continue
        out.append({**q, "gap": q["planned"] - q["actual"], "behind": q["planned"] - q["actual"] > rule.behind_points,
                    "high_risk": assess(quarters, q["end"], rule) is not None})
    return out


def _detail(behind, rule):
    parts = [f"{q['year']}年{fmt.QUARTER_NAMES[q['quarter']]}末实际形象进度 {q['actual']}%，计划 {q['planned']}%"
             f"（落后 {q['planned'] - q['actual']} 个百分点）" for q in behind]
    return "；".join(parts) + f"：连续 {len(behind)} 个季度落后计划超过 {rule.behind_points} 个百分点。"


def _open_projects(conn, pub_id, day):
    rows = conn.execute(select(projects.c.code, projects.c.name, projects.c.region_code, projects.c.dept_code,
                               projects.c.completed_date, projects.c.start_date)
                        .where(projects.c.publication_id == pub_id))
    return {r.code: r for r in rows if (r.completed_date is None or r.completed_date > day)
            and (r.start_date is None or r.start_date <= day)}


def risk_flags(conn, pub_id, as_of, rules):
    day = as_of.date
    open_projects = _open_projects(conn, pub_id, day)
    flags = []
    for code, quarters in quarter_rows(conn, pub_id).items():
        project = open_projects.get(code)
        behind = assess(quarters, day, rules.risk) if project else None
        if not behind:
            continue
        last = behind[-1]
        flags.append(Flag(
            "risk", "project", code, project.name, as_of.year, f"{last['year']}年{fmt.QUARTER_NAMES[last['quarter']]}末",
            _detail(behind, rules.risk), project.region_code, project.dept_code,
            figures={"quarters": history(quarters, day, rules.risk), "gap": last["planned"] - last["actual"],
                     "planned_pct": last["planned"], "actual_pct": last["actual"]},
            links=(link("项目详情（季度计划与实际进度）", "project", code=code),
                   link("支付明细", "records", kind="payments", project=code))))
    return flags
