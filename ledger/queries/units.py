"""Second-level budget units (二级预算单位): their list, budget and spending figures, and the records
behind them (unit_budgets, unit_expenditures).

A unit's rows break down part of its department's rows in budgets/expenditures, which stay the
department's own totals; what the units do not cover is the department's own office (本级).
Figures come in the shapes of queries.execution (totals, breakdown, monthly), so pages and tables
treat a unit like a department.
"""
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from ..schema import departments, func_classes, unit_budgets, unit_expenditures, units
from .cache import per_publication
from .execution import monthly_series
from .paging import Page, clamp, stream

CLASS_DIGITS = {"class": 3, "subclass": 5}


@dataclass(frozen=True)
class UnitScope:
    """Which unit rows a figure counts: one unit, or every unit of a department or of a region's departments
    (of one kind: 学校、医院); one year; months 1..month (or month_from..month)."""
    year: int | None = None
    month: int | None = None  # cumulative up to this month; None = all months
    unit: str | None = None
    dept: str | None = None
    class_code: str | None = None  # 类 or 款 code: prefix match
    region: str | None = None  # the units of the departments of this region (departments.region_code)
    kind: str | None = None  # units.kind as published
    name_suffix: str | None = None  # units whose name ends so (卫生院: the township hospitals among kind 医院)
    month_from: int | None = None  # the first month counted (with ``month``: one month, or a span)

    def with_(self, **changes):
        return replace(self, **changes)


@per_publication
def units_of(conn, pub_id, dept_code):
    """The department's second-level units, by code."""
    rows = conn.execute(select(units).where(units.c.publication_id == pub_id, units.c.dept_code == dept_code)
                        .order_by(units.c.code)).mappings()
    return [dict(r) for r in rows]


def _selected(pub_id, scope):
    """The codes of the units a scope's department, region and kind select."""
    conds = [units.c.publication_id == pub_id]
    if scope.dept:
        conds.append(units.c.dept_code == scope.dept)
    if scope.region:
        conds.append(units.c.dept_code.in_(select(departments.c.code).where(
            departments.c.publication_id == pub_id, departments.c.region_code == scope.region)))
    if scope.kind:
        conds.append(units.c.kind == scope.kind)
    if scope.name_suffix:
        conds.append(units.c.name.endswith(scope.name_suffix, autoescape=True))
    return select(units.c.code).where(*conds)


@per_publication
def listed(conn, pub_id, scope):
    """The units a scope selects (its department, region and kind), by code: [{"code", "name", "dept_code", "kind"}]."""
    rows = conn.execute(select(units).where(units.c.code.in_(_selected(pub_id, scope)), units.c.publication_id == pub_id)
                        .order_by(units.c.code)).mappings()
    return [dict(r) for r in rows]


def unit(conn, pub_id, code):
    row = conn.execute(select(units).where(units.c.publication_id == pub_id, units.c.code == code)).mappings().first()
    return dict(row) if row else None


def _conditions(table, pub_id, scope, *, is_spending):
    conds = [table.c.publication_id == pub_id]
    if scope.year is not None:
        conds.append(table.c.year == scope.year)
    if is_spending and scope.month:
        conds.append(table.c.month.between(scope.month_from or 1, scope.month))
    if scope.unit:
        conds.append(table.c.unit_code == scope.unit)
    if scope.dept or scope.region or scope.kind or scope.name_suffix:
        conds.append(table.c.unit_code.in_(_selected(pub_id, scope)))
    if scope.class_code:
        conds.append(table.c.class_code.startswith(scope.class_code, autoescape=True))
    return conds


def _sums(conn, pub_id, scope, by, *, is_spending):
    table = unit_expenditures if is_spending else unit_budgets
    amount = table.c.amount_fen if is_spending else table.c.budget_fen
    conds = _conditions(table, pub_id, scope, is_spending=is_spending)
    if by is None:
        return {None: int(conn.execute(select(func.sum(amount)).where(*conds)).scalar() or 0)}
    key = table.c.unit_code if by == "unit" else func.substr(table.c.class_code, 1, CLASS_DIGITS[by])
    return {k: int(v or 0) for k, v in conn.execute(select(key, func.sum(amount)).where(*conds).group_by(key))}


@per_publication
def totals(conn, pub_id, scope):
    """{"budget_fen", "spent_fen"} of the unit rows in the scope."""
    return {"budget_fen": _sums(conn, pub_id, scope, None, is_spending=False)[None],
            "spent_fen": _sums(conn, pub_id, scope, None, is_spending=True)[None]}


@per_publication
def breakdown(conn, pub_id, scope, by):
    """Budget and spending grouped ``by`` unit | class (类) | subclass (款): [{"key", "budget_fen", "spent_fen"}]."""
    budget = _sums(conn, pub_id, scope, by, is_spending=False)
    spent = _sums(conn, pub_id, scope, by, is_spending=True)
    return [{"key": k, "budget_fen": budget.get(k, 0), "spent_fen": spent.get(k, 0)}
            for k in sorted(set(budget) | set(spent))]


@per_publication
def monthly(conn, pub_id, scope):
    """[{"month", "spent_fen", "cumulative_fen"}] for months 1.. up to the last with data (or scope.month)."""
    conds = _conditions(unit_expenditures, pub_id, scope.with_(month=None), is_spending=True)
    return monthly_series(conn, unit_expenditures, conds, scope.month)


def _records_query(pub_id, scope, is_spending):
    """(rows with unit and class names in listing order, the scope's conditions) of unit records."""
    table = unit_expenditures if is_spending else unit_budgets
    conds = _conditions(table, pub_id, scope, is_spending=is_spending)
    named = (select(table, units.c.name.label("unit_name"), units.c.dept_code, func_classes.c.name.label("class_name"))
             .select_from(table.outerjoin(units, (units.c.publication_id == pub_id) & (units.c.code == table.c.unit_code))
                          .outerjoin(func_classes, (func_classes.c.publication_id == pub_id)
                                     & (func_classes.c.code == table.c.class_code))).where(*conds))
    order = [table.c.year] + ([table.c.month] if is_spending else []) + [table.c.unit_code, table.c.class_code]
    return named.order_by(*order), conds


def record_rows(conn, pub_id, scope, *, is_spending):
    """Every unit record of the scope, in listing order, streamed from the cursor (downloads)."""
    return stream(conn, _records_query(pub_id, scope, is_spending)[0])


def _records(conn, pub_id, scope, *, is_spending, page, per_page):
    table = unit_expenditures if is_spending else unit_budgets
    amount = table.c.amount_fen if is_spending else table.c.budget_fen
    query, conds = _records_query(pub_id, scope, is_spending)
    page, per_page, offset = clamp(page, per_page)
    rows = conn.execute(query.limit(per_page).offset(offset)).mappings()
    count, total = conn.execute(select(func.count(), func.coalesce(func.sum(amount), 0)).where(*conds)).one()
    return Page([dict(r) for r in rows], count, page, per_page, {amount.name: int(total)})


def expenditure_records(conn, pub_id, scope, *, page=1, per_page=50):
    """Monthly spending rows of units in the scope (months 1..scope.month when given)."""
    return _records(conn, pub_id, scope, is_spending=True, page=page, per_page=per_page)


def budget_records(conn, pub_id, scope, *, page=1, per_page=50):
    """Annual budget lines of units in the scope."""
    return _records(conn, pub_id, scope, is_spending=False, page=page, per_page=per_page)
