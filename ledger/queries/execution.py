"""Budget execution: annual budget vs. actual expenditure.

Execution rate = sum(expenditures) / sum(budgets). With a ``month`` the spending is
cumulative over months 1..month (month-0 rows, whole-year figures without a monthly
breakdown, only count for the full year). The budget is always the annual budget.

Region semantics: ``region=None`` is the whole city (all regions); a region code
selects the rows booked to that region only (the city's own code = 市本级).
Functional classes: 类 = first 3 digits of the code, 款 = first 5 digits.
"""
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from ..schema import budgets, expenditures
from .cache import per_publication
from .conditions import place_conditions

CLASS_DIGITS = {"class": 3, "subclass": 5}


@dataclass(frozen=True)
class Scope:
    """Which records a figure covers. Every field is optional except the publication."""
    year: int | None = None
    month: int | None = None  # cumulative 1..month; None = the whole year
    region: str | None = None
    dept: str | None = None
    class_code: str | None = None  # a 类 or 款 code: prefix match

    def with_(self, **changes):
        return replace(self, **changes)


def _conditions(table, pub_id, scope, *, is_spending):
    conds = [table.c.publication_id == pub_id]
    if scope.year is not None:
        conds.append(table.c.year == scope.year)
    if is_spending and scope.month:
        conds.append(table.c.month.between(1, scope.month))
    conds += place_conditions(table, region=scope.region, dept=scope.dept, class_code=scope.class_code)
    return conds


def _group_column(table, by):
    if by == "region":
        return table.c.region_code
    if by == "dept":
        return table.c.dept_code
    if by == "year":
        return table.c.year
    if by in CLASS_DIGITS:
        return func.substr(table.c.class_code, 1, CLASS_DIGITS[by])
    raise ValueError(f"unknown grouping {by!r}")


def _sums(conn, table, amount, pub_id, scope, by, *, is_spending):
    conds = _conditions(table, pub_id, scope, is_spending=is_spending)
    if by is None:
        return {None: conn.execute(select(func.coalesce(func.sum(amount), 0)).where(*conds)).scalar()}
    key = _group_column(table, by)
    if by == "subclass":  # only 款-level codes have a 5-digit prefix
        conds.append(func.length(table.c.class_code) >= 5)
    rows = conn.execute(select(key, func.sum(amount)).where(*conds).group_by(key))
    return {k: int(v or 0) for k, v in rows}


@per_publication
def totals(conn, pub_id, scope):
    """{"budget_fen", "spent_fen"} for the scope."""
    budget = _sums(conn, budgets, budgets.c.budget_fen, pub_id, scope, None, is_spending=False)[None]
    spent = _sums(conn, expenditures, expenditures.c.amount_fen, pub_id, scope, None, is_spending=True)[None]
    return {"budget_fen": int(budget or 0), "spent_fen": int(spent or 0)}


@per_publication
def breakdown(conn, pub_id, scope, by):
    """Budget and spending grouped ``by`` region | dept | class (类) | subclass (款) | year.

    Returns [{"key", "budget_fen", "spent_fen"}] ordered by key; a key present on
    either side appears (budget or spending may be 0).
    """
    budget = _sums(conn, budgets, budgets.c.budget_fen, pub_id, scope, by, is_spending=False)
    spent = _sums(conn, expenditures, expenditures.c.amount_fen, pub_id, scope, by, is_spending=True)
    keys = sorted(set(budget) | set(spent), key=lambda k: (k is None, str(k)))
    return [{"key": k, "budget_fen": budget.get(k, 0), "spent_fen": spent.get(k, 0)} for k in keys]


@per_publication
def monthly(conn, pub_id, scope):
    """Spending per month 1..12 of ``scope.year`` with the running (cumulative) total.

    Returns [{"month", "spent_fen", "cumulative_fen"}] for months up to the last with data.
    """
    conds = _conditions(expenditures, pub_id, scope.with_(month=None), is_spending=True)
    rows = dict(conn.execute(select(expenditures.c.month, func.sum(expenditures.c.amount_fen))
                             .where(*conds, expenditures.c.month >= 1).group_by(expenditures.c.month)).all())
    last = min(scope.month or 12, max(rows, default=0))
    out, running = [], 0
    for month in range(1, last + 1):
        running += int(rows.get(month) or 0)
        out.append({"month": month, "spent_fen": int(rows.get(month) or 0), "cumulative_fen": running})
    return out


def rate(spent_fen, budget_fen):
    """Execution rate as a fraction, or None without a budget."""
    return spent_fen / budget_fen if budget_fen else None
