"""A project's 年度计划: the one definition every page, download and answer uses.

The 年度计划 of a project is its plan for its own year (projects.year, the budget year it is funded in):
- a multi-year project (rows in project_plans): the 分年度计划 row of that year (0 when it has none), so the
  summary card, the project's 分年度计划 table, /projects and /warnings show the same figure;
- a single-year project: the published projects.annual_plan_fen.
The figure it is compared with is what was paid in that same year (payments dated in it), never the payments
of all years: a finished multi-year project is not 「150 % of its annual plan」.
"""
from sqlalchemy import and_, case, extract, func, select

from ..schema import payments, project_plans, projects


def _plan_rows(year=None):
    conds = [project_plans.c.publication_id == projects.c.publication_id,
             project_plans.c.project_code == projects.c.code]
    if year is not None:
        conds.append(project_plans.c.year == year)
    return and_(*conds)


def year_plan_column():
    """SQL expression: the project's 年度计划 for its own year (fen), correlated to ``projects``.

    One scalar subquery, not EXISTS: PostgreSQL plans an EXISTS in a select list as a hashed subplan over
    every plan row of every project (48,839 at province scale, 33 ms) even for a page of 20 projects."""
    of_its_year = func.sum(project_plans.c.plan_fen).filter(project_plans.c.year == projects.c.year)
    multi_year = select(case((func.count() > 0, func.coalesce(of_its_year, 0)))).where(_plan_rows()).scalar_subquery()
    return func.coalesce(multi_year, projects.c.annual_plan_fen)  # NULL: no plan rows, a single-year project


def year_paid_column():
    """SQL expression: payments to the project dated in its own year (fen), correlated to ``projects``."""
    return select(func.coalesce(func.sum(payments.c.amount_fen), 0)).where(
        payments.c.publication_id == projects.c.publication_id, payments.c.project_code == projects.c.code,
        extract("year", payments.c.date) == projects.c.year).scalar_subquery()


def project_columns():
    """``projects`` columns with annual_plan_fen replaced by the definition above, plus annual_paid_fen."""
    own = [c for c in projects.c if c.name != "annual_plan_fen"]
    return [*own, year_plan_column().label("annual_plan_fen"), year_paid_column().label("annual_paid_fen")]


def after_completion(year, completed_date):
    """True when a plan row's year is after the project was completed (the data holds it; pages say so)."""
    return completed_date is not None and year > completed_date.year


def year_plan(conn, pub_id, code, year):
    """A project's 年度计划 for ``year`` (fen) by the definition above: its 分年度计划 row of that year (a
    multi-year project without one: 0), a single-year project's own plan in its own year; None when the
    project is unknown or a single-year project is asked of another year."""
    project = conn.execute(select(projects.c.year, projects.c.annual_plan_fen).where(
        projects.c.publication_id == pub_id, projects.c.code == code)).first()
    if project is None:
        return None
    rows = conn.execute(select(project_plans.c.year, project_plans.c.plan_fen).where(
        project_plans.c.publication_id == pub_id, project_plans.c.project_code == code)).all()
    if rows:
        return sum(plan for row_year, plan in rows if row_year == year)
    return project.annual_plan_fen if project.year == year else None
