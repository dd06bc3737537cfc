"""Budget execution: annual budget vs. actual expenditure.

Execution rate = sum(expenditures) / sum(budgets). With a ``month`` the spending is
cumulative over months 1..month (month-0 rows, whole-year figures without a monthly
breakdown, only count for the full year). The budget is always the annual budget.

Region semantics: ``region=None`` is the whole city (all regions); a region code
selects the rows booked to that region only (the city's own code = 市本级).
Functional classes: 类 = first 3 digits of the code, 款 = first 5 digits.

The question box asks for several years, regions, departments or classes at once and for month spans
that do not start in January; the same Scope carries those (``years``, ``regions``, …, ``month_from``),
so a page and an answer count the same rows the same way.
"""
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from .. import summaries
from .cache import per_publication
from .conditions import choice_conditions, class_prefixes, one_or_many, place_conditions

CLASS_DIGITS = {"class": 3, "subclass": 5}


@dataclass(frozen=True)
class Scope:
    """Which records a figure covers. Every field is optional except the publication."""
    year: int | None = None
    month: int | None = None  # cumulative 1..month; None = the whole year
    region: str | None = None
    dept: str | None = None
    class_code: str | None = None  # a 类 or 款 code: prefix match
    # Several at once: rows matching any of the values (None or empty = no condition); they narrow the
    # single fields above when both are given.
    years: tuple | None = None
    month_from: int | None = None  # with ``month``: months month_from..month instead of 1..month
    regions: tuple | None = None
    depts: tuple | None = None
    class_codes: tuple | None = None  # 类 or 款 codes: prefix match, any of them
    class_set: tuple | None = None  # 类 codes of a set such as 民生支出: rows under any of them

    def with_(self, **changes):
        return replace(self, **changes)

    def args(self):
        """The query-string pairs of /records that select the same rows. A name given several times means
        any of its values; a class set is written as its 类 codes (within the classes named, if any).
        A scope has either a single field or its tuple twin here (both would narrow; a URL cannot say so)."""
        pairs = [("year", y) for y in one_or_many(self.year, self.years)]
        if self.month:
            if self.month_from and self.month_from != 1:
                pairs.append(("month_from", self.month_from))
            pairs.append(("month", self.month))
        pairs += [("region", r) for r in one_or_many(self.region, self.regions)]
        pairs += [("dept", d) for d in one_or_many(self.dept, self.depts)]
        pairs += [("class", c) for c in class_prefixes(one_or_many(self.class_code, self.class_codes), self.class_set)]
        return [(name, str(value)) for name, value in pairs]


def _conditions(table, pub_id, scope, *, is_spending):
    conds = [table.c.publication_id == pub_id]
    if scope.year is not None:
        conds.append(table.c.year == scope.year)
    if scope.years:
        conds.append(table.c.year.in_(list(scope.years)))
    if is_spending and scope.month:
        conds.append(table.c.month.between(scope.month_from or 1, scope.month))
    conds += place_conditions(table, region=scope.region, dept=scope.dept, class_code=scope.class_code)
    conds += choice_conditions(table, regions=scope.regions, depts=scope.depts, class_codes=scope.class_codes,
                               class_set=scope.class_set)
    return conds


def _group_column(table, by):
    if by == "region":
        return table.c.region_code
    if by == "dept":
        return table.c.dept_code
    if by == "year":
        return table.c.year
    if by == "month":
        return table.c.month
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


def _spending(conn, pub_id, scope, by=None):
    """Spending sums from the pre-aggregated table where it answers exactly (ledger/summaries.py)."""
    table = summaries.spending_table(conn, pub_id, scope, by)
    return _sums(conn, table, table.c.amount_fen, pub_id, scope, by, is_spending=True)


def _budget(conn, pub_id, scope, by=None):
    table = summaries.budget_table(conn, pub_id, scope, by)
    return _sums(conn, table, table.c.budget_fen, pub_id, scope, by, is_spending=False)


@per_publication
def amounts(conn, pub_id, scope, by=None, *, measure="spent"):
    """{key: fen} of spending (``measure="spent"``) or annual budgets (``"budget"``) in the scope, grouped
    ``by`` region | dept | class (类) | subclass (款) | year | month, or {None: total}. Rows booked to no
    department (or region) sum under the key None."""
    values = _spending(conn, pub_id, scope, by) if measure == "spent" else _budget(conn, pub_id, scope, by)
    return {key: int(value or 0) for key, value in values.items()}


@per_publication
def totals(conn, pub_id, scope):
    """{"budget_fen", "spent_fen"} for the scope."""
    budget = _budget(conn, pub_id, scope)[None]
    spent = _spending(conn, pub_id, scope)[None]
    return {"budget_fen": int(budget or 0), "spent_fen": int(spent or 0)}


@per_publication
def breakdown(conn, pub_id, scope, by):
    """Budget and spending grouped ``by`` region | dept | class (类) | subclass (款) | year.

    Returns [{"key", "budget_fen", "spent_fen"}] ordered by key; a key present on
    either side appears (budget or spending may be 0).
    """
    budget = _budget(conn, pub_id, scope, by)
    spent = _spending(conn, pub_id, scope, by)
    keys = sorted(set(budget) | set(spent), key=lambda k: (k is None, str(k)))
    return [{"key": k, "budget_fen": budget.get(k, 0), "spent_fen": spent.get(k, 0)} for k in keys]


@per_publication
def monthly(conn, pub_id, scope):
    """Spending per month 1..12 of ``scope.year`` with the running (cumulative) total.

    Returns [{"month", "spent_fen", "cumulative_fen"}] for months up to the last with data.
    """
    table = summaries.spending_table(conn, pub_id, scope, "month")
    conds = _conditions(table, pub_id, scope.with_(month=None), is_spending=True)
    return monthly_series(conn, table, conds, scope.month)


def monthly_series(conn, table, conds, up_to_month):
    """Monthly and cumulative spending of ``table`` rows matching ``conds`` (departments' or units')."""
    rows = dict(conn.execute(select(table.c.month, func.sum(table.c.amount_fen))
                             .where(*conds, table.c.month >= 1).group_by(table.c.month)).all())
    last = min(up_to_month or 12, max(rows, default=0))
    out, running = [], 0
    for month in range(1, last + 1):
        running += int(rows.get(month) or 0)
        out.append({"month": month, "spent_fen": int(rows.get(month) or 0), "cumulative_fen": running})
    return out


def rate(spent_fen, budget_fen):
    """Execution rate as a fraction, or None without a budget."""
    return spent_fen / budget_fen if budget_fen else None
