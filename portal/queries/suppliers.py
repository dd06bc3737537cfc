"""Supplier concentration: contractors winning many projects across unrelated fields.

A contractor is *flagged* when it holds at least ``MIN_PROJECTS`` projects spanning at least
``MIN_FIELDS`` different project categories — a pattern worth a journalist's second look
(it is a signal, not a finding of wrongdoing).
"""
from sqlalchemy import func, select

from ..schema import projects

MIN_PROJECTS = 3
MIN_FIELDS = 2


def concentration(conn, pub_id, *, year=None, region=None, limit=10):
    """Top contractors by number of projects, with the spread of their work.

    Returns {"total_projects", "total_investment_fen", "contractors": [{contractor, projects,
    categories, departments, regions, investment_fen, share, flagged}]}.
    """
    conds = [projects.c.publication_id == pub_id, projects.c.contractor.is_not(None), projects.c.contractor != ""]
    if year is not None:
        conds.append(projects.c.year == year)
    if region:
        conds.append(projects.c.region_code == region)
    total_projects, total_investment = conn.execute(
        select(func.count(), func.coalesce(func.sum(projects.c.total_investment_fen), 0)).where(*conds)).one()
    rows = conn.execute(
        select(projects.c.contractor, func.count().label("projects"),
               func.count(projects.c.category.distinct()).label("categories"),
               func.count(projects.c.dept_code.distinct()).label("departments"),
               func.count(projects.c.region_code.distinct()).label("regions"),
               func.sum(projects.c.total_investment_fen).label("investment_fen"))
        .where(*conds).group_by(projects.c.contractor)
        .order_by(func.count().desc(), func.sum(projects.c.total_investment_fen).desc(), projects.c.contractor)
        .limit(limit)).mappings()
    contractors = []
    for row in rows:
        item = dict(row)
        item["investment_fen"] = int(item["investment_fen"] or 0)
        item["share"] = item["investment_fen"] / total_investment if total_investment else None
        item["flagged"] = item["projects"] >= MIN_PROJECTS and item["categories"] >= MIN_FIELDS
        contractors.append(item)
    return {"total_projects": int(total_projects), "total_investment_fen": int(total_investment),
            "contractors": contractors, "min_projects": MIN_PROJECTS, "min_fields": MIN_FIELDS}
