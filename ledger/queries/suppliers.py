"""Contractors: who wins how many projects across how many fields, and what a contractor was paid.

Plain figures only. Which contractors deserve a second look is decided by the supervision rules
(ledger/supervision/suppliers.py, thresholds in rules.toml), the one place such a rule lives.
"""
from sqlalchemy import extract, func, select

from ..schema import payments, projects
from .paging import Page, clamp


def concentration(conn, pub_id, *, year=None, region=None, limit=10):
    """Top contractors by number of projects, with the spread of their work.

    Returns {"total_projects", "contractors_count", "average_projects", "total_investment_fen",
    "contractors": [{contractor, projects, categories, departments, regions, investment_fen, share}]}.
    """
    conds = [projects.c.publication_id == pub_id, projects.c.contractor.is_not(None), projects.c.contractor != ""]
    if year is not None:
        conds.append(projects.c.year == year)
    if region:
        conds.append(projects.c.region_code == region)
    total_projects, contractors_count, total_investment = conn.execute(
        select(func.count(), func.count(projects.c.contractor.distinct()),
               func.coalesce(func.sum(projects.c.total_investment_fen), 0)).where(*conds)).one()
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
        contractors.append(item)
    return {"total_projects": int(total_projects), "contractors_count": int(contractors_count),
            "average_projects": total_projects / contractors_count if contractors_count else 0,
            "total_investment_fen": int(total_investment), "contractors": contractors}


def contractor_payments(conn, pub_id, name, *, page=1, per_page=20):
    """A Page of the payments made to ``name`` (a company, or a person's pseudonym), newest first, with their
    sum over all of them in ``sums["amount_fen"]``."""
    page, per_page, offset = clamp(page, per_page)
    conds = [payments.c.publication_id == pub_id, payments.c.payee == name]
    rows = conn.execute(select(payments).where(*conds).order_by(payments.c.date.desc(), payments.c.id)
                        .limit(per_page).offset(offset)).mappings()
    count, total = conn.execute(select(func.count(), func.coalesce(func.sum(payments.c.amount_fen), 0))
                                .where(*conds)).one()
    return Page([dict(r) for r in rows], int(count), page, per_page, {"amount_fen": int(total)})


def contractor_payments_by_year(conn, pub_id, name):
    """{year: fen} paid to ``name``, by the year of the payment."""
    year = extract("year", payments.c.date)
    rows = conn.execute(select(year, func.sum(payments.c.amount_fen))
                        .where(payments.c.publication_id == pub_id, payments.c.payee == name).group_by(year))
    return {int(y): int(fen or 0) for y, fen in rows}
