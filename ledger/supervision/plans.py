"""Multi-year projects: cumulative actual payments against the cumulative annual plan at each year end.

A project with plans in two or more years is multi-year. At the end of every year that has closed by the
evaluation date, cumulative actual ÷ cumulative plan − 1 is its deviation; beyond ±tolerance
(rules.toml [plan]) the plan is flagged: below — spending slower than planned, above — faster.
"""
from sqlalchemy import select

from ..queries.cache import per_publication_shared
from ..schema import project_plans, projects
from . import fmt
from .model import Flag, link


@per_publication_shared  # read-only: callers never modify it
def plan_rows(conn, pub_id):
    """{project code: [(year, plan fen, actual fen or None)]} ordered by year."""
    rows = conn.execute(select(project_plans.c.project_code, project_plans.c.year, project_plans.c.plan_fen,
                               project_plans.c.actual_fen)
                        .where(project_plans.c.publication_id == pub_id)
                        .order_by(project_plans.c.project_code, project_plans.c.year))
    out = {}
    for code, year, plan, actual in rows:
        out.setdefault(code, []).append((year, int(plan or 0), None if actual is None else int(actual)))
    return out


def year_ends(years, closed_through, rule):
    """Cumulative plan and actual at the end of each year (``closed`` once the year is over), with deviation."""
    out, plan_sum, actual_sum = [], 0, 0
    for year, plan, actual in years:
        plan_sum += plan
        actual_sum += actual or 0
        closed = year <= closed_through
        deviation = actual_sum / plan_sum - 1 if plan_sum and closed else None
        out.append({"year": year, "plan_fen": plan, "actual_fen": actual, "cumulative_plan_fen": plan_sum,
                    "cumulative_actual_fen": actual_sum, "closed": closed, "deviation": deviation,
                    "flagged": deviation is not None and plan_sum >= rule.min_plan_yuan * 100
                    and abs(deviation) > rule.tolerance})
    return out


def _project_info(conn, pub_id, codes):
    rows = conn.execute(select(projects.c.code, projects.c.name, projects.c.region_code, projects.c.dept_code)
                        .where(projects.c.publication_id == pub_id, projects.c.code.in_(list(codes))))
    return {r.code: r for r in rows}


def _detail(end, rule):
    direction = "慢于" if end["deviation"] < 0 else "快于"
    return (f"截至{end['year']}年末累计支付 {fmt.amount(end['cumulative_actual_fen'])}，累计计划 "
            f"{fmt.amount(end['cumulative_plan_fen'])}，偏差 {fmt.signed_pct(end['deviation'])}，超出 ±"
            f"{fmt.pct(rule.tolerance, 0)}（支出{direction}计划）。")


def plan_flags(conn, pub_id, as_of, rules):
    """Flags at the last year end on or before ``as_of`` (December counts as the end of its own year)."""
    closed_through = as_of.year if as_of.month == 12 else as_of.year - 1
    all_plans = {code: years for code, years in plan_rows(conn, pub_id).items() if len(years) >= 2}
    info = _project_info(conn, pub_id, all_plans) if all_plans else {}
    flags = []
    for code, years in all_plans.items():
        ends = year_ends(years, closed_through, rules.plan)
        end = next((e for e in ends if e["year"] == closed_through), None)
        if not end or not end["flagged"] or code not in info:
            continue
        project = info[code]
        flags.append(Flag(
            "plan", "project", code, project.name, as_of.year, f"{closed_through}年末", _detail(end, rules.plan),
            project.region_code, project.dept_code,
            figures={"year_end": closed_through, "deviation": end["deviation"],
                     "cumulative_plan_fen": end["cumulative_plan_fen"],
                     "cumulative_actual_fen": end["cumulative_actual_fen"], "years": ends},
            links=(link("项目详情（分年度计划与实际）", "project", code=code),
                   link(f"{closed_through}年支付明细", "records", kind="payments", project=code, year=closed_through),
                   link("全部支付明细", "records", kind="payments", project=code))))
    return flags
