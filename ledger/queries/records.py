"""The individual records behind a figure: budget lines, monthly expenditures, payments."""
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, func, select

from ..schema import budgets, departments, expenditures, func_classes, payments, projects, regions
from ..semantics import CITY_OWN_LABEL, CITY_OWN_LEVEL
from .cache import per_publication, per_publication_shared
from .conditions import place_conditions
from .execution import Scope, _conditions
from .paging import Page, clamp, stream


def _named(table, pub_id):
    """Select the table's rows with the region, department and class names joined in (the top level's own
    rows are 市本级: ledger/semantics.py)."""
    region_name = case((regions.c.level == CITY_OWN_LEVEL, CITY_OWN_LABEL), else_=regions.c.name)
    return (select(table, region_name.label("region_name"), departments.c.name.label("dept_name"),
                   func_classes.c.name.label("class_name"))
            .select_from(table
                         .outerjoin(regions, (regions.c.publication_id == pub_id)
                                    & (regions.c.code == table.c.region_code))
                         .outerjoin(departments, (departments.c.publication_id == pub_id)
                                    & (departments.c.code == table.c.dept_code))
                         .outerjoin(func_classes, (func_classes.c.publication_id == pub_id)
                                    & (func_classes.c.code == table.c.class_code))))


def _paged(conn, query, count_conds, table, amount, order, page, per_page, totals=None):
    """``totals``: (count, sum of ``amount``) when the caller has them already (e.g. memoised)."""
    page, per_page, offset = clamp(page, per_page)
    rows = conn.execute(query.order_by(*order).limit(per_page).offset(offset)).mappings()
    if totals is None:
        totals = conn.execute(select(func.count(), func.coalesce(func.sum(amount), 0))
                              .select_from(table).where(*count_conds)).one()
    count, total = totals
    return Page([dict(r) for r in rows], count, page, per_page, {amount.name: int(total)})


def _expenditure_query(pub_id, scope):
    conds = _conditions(expenditures, pub_id, scope, is_spending=True)
    order = [expenditures.c.year, expenditures.c.month, expenditures.c.region_code,
             expenditures.c.dept_code, expenditures.c.class_code]
    return _named(expenditures, pub_id).where(*conds), conds, order


def expenditure_records(conn, pub_id, scope: Scope, *, page=1, per_page=50):
    """Monthly expenditure rows in the scope (cumulative months 1..scope.month when given)."""
    query, conds, order = _expenditure_query(pub_id, scope)
    return _paged(conn, query, conds, expenditures, expenditures.c.amount_fen, order, page, per_page)


def expenditure_rows(conn, pub_id, scope: Scope):
    """Every row of ``expenditure_records``, in its order, streamed from the cursor (downloads)."""
    query, _conds, order = _expenditure_query(pub_id, scope)
    return stream(conn, query.order_by(*order))


def _budget_query(pub_id, scope):
    conds = _conditions(budgets, pub_id, scope, is_spending=False)
    order = [budgets.c.year, budgets.c.region_code, budgets.c.dept_code, budgets.c.class_code]
    return _named(budgets, pub_id).where(*conds), conds, order


def budget_records(conn, pub_id, scope: Scope, *, page=1, per_page=50):
    """Annual budget lines in the scope (the month is ignored: budgets are annual)."""
    query, conds, order = _budget_query(pub_id, scope)
    return _paged(conn, query, conds, budgets, budgets.c.budget_fen, order, page, per_page)


def budget_rows(conn, pub_id, scope: Scope):
    """Every row of ``budget_records``, in its order, streamed from the cursor (downloads)."""
    query, _conds, order = _budget_query(pub_id, scope)
    return stream(conn, query.order_by(*order))


@dataclass(frozen=True)
class PaymentFilter:
    project: str | None = None
    year: int | None = None
    payee_type: str | None = None  # 单位 / 个人
    payee: str | None = None  # one payee by its full name (a company; persons are pseudonyms)
    purpose: str | None = None  # one purpose (用途) as recorded: 高龄津贴, 办公设备采购 …
    month_from: int | None = None  # with ``year``: the payments dated in these months of it (both ends included)
    month_to: int | None = None
    voucher: str | None = None  # one payment by its voucher number (payments.id): the record of a single payment
    # the payments of the projects a department manages, or booked under a 类/款 (prefix): payments themselves
    # carry neither (a subsidy paid to a person has no project)
    project_dept: str | None = None
    project_class: str | None = None
    project_region: str | None = None  # … or booked to a region
    # 「单笔超过100万的」「50万元以上的」「不到1000元的」「1000元以下的」: the payments of more than (strictly), at
    # least, less than (strictly) or at most this many fen
    amount_above: int | None = None
    amount_from: int | None = None
    amount_below: int | None = None
    amount_to: int | None = None


def _payment_conditions(pub_id, flt):
    conds = [payments.c.publication_id == pub_id]
    if flt.voucher:
        conds.append(payments.c.id == flt.voucher)
    if flt.project_dept or flt.project_class or flt.project_region:
        chosen = [projects.c.publication_id == pub_id, *place_conditions(
            projects, region=flt.project_region, dept=flt.project_dept, class_code=flt.project_class)]
        conds.append(payments.c.project_code.in_(select(projects.c.code).where(*chosen)))
    if flt.project:
        conds.append(payments.c.project_code == flt.project)
    if flt.year is not None:
        first, last = flt.month_from or 1, flt.month_to or flt.month_from or 12
        end = dt.date(flt.year, 12, 31) if last == 12 else dt.date(flt.year, last + 1, 1) - dt.timedelta(days=1)
        conds.append(payments.c.date.between(dt.date(flt.year, first, 1), end))
    if flt.payee_type:
        conds.append(payments.c.payee_type == flt.payee_type)
    if flt.payee:
        conds.append(payments.c.payee == flt.payee)
    if flt.purpose:
        conds.append(payments.c.purpose == flt.purpose)
    if flt.amount_above is not None:
        conds.append(payments.c.amount_fen > flt.amount_above)
    if flt.amount_from is not None:
        conds.append(payments.c.amount_fen >= flt.amount_from)
    if flt.amount_below is not None:
        conds.append(payments.c.amount_fen < flt.amount_below)
    if flt.amount_to is not None:
        conds.append(payments.c.amount_fen <= flt.amount_to)
    return conds


@per_publication
def payment_totals(conn, pub_id, flt: PaymentFilter):
    """(count, sum of amount_fen) of the payments ``flt`` selects. Memoised per publication: a year's
    payments at province scale are ~800,000 rows, too many to count on every page of the listing."""
    count, total = conn.execute(select(func.count(), func.coalesce(func.sum(payments.c.amount_fen), 0))
                                .where(*_payment_conditions(pub_id, flt))).one()
    return int(count), int(total)


@per_publication
def payee_count(conn, pub_id, flt: PaymentFilter):
    """How many different payees the payments ``flt`` selects went to (persons are counted by their pseudonyms,
    one pseudonym per person: never named)."""
    return int(conn.execute(select(func.count(payments.c.payee.distinct()))
                            .where(*_payment_conditions(pub_id, flt))).scalar_one())


@per_publication_shared
def payee_ranking(conn, pub_id, flt: PaymentFilter, *, limit=None, smallest_first=False):
    """((payee, number of payments, Σ amount_fen), …) of the payments ``flt`` selects, by payee, the largest
    sum first (or the smallest; ties by name). Persons are pseudonyms: callers rank organisations (``payee_type``
    单位) only. Memoised per publication: a year's payments at province scale are ~1,000,000 rows to group."""
    total = func.sum(payments.c.amount_fen)
    query = (select(payments.c.payee, func.count(), total).where(*_payment_conditions(pub_id, flt))
             .group_by(payments.c.payee)
             .order_by(total.asc() if smallest_first else total.desc(), payments.c.payee))
    if limit:
        query = query.limit(limit)
    return tuple((payee, int(n), int(fen)) for payee, n, fen in conn.execute(query))


# what a single payment is picked by: the largest or smallest amount, the latest or earliest date
SINGLE_ORDERS = {"largest": (payments.c.amount_fen.desc(), payments.c.date.desc()),
                 "smallest": (payments.c.amount_fen.asc(), payments.c.date.asc()),
                 "last": (payments.c.date.desc(), payments.c.amount_fen.desc()),
                 "first": (payments.c.date.asc(), payments.c.amount_fen.desc())}


def single_payment(conn, pub_id, flt: PaymentFilter, pick="largest"):
    """The one payment ``flt`` selects that is the largest, smallest, last or first (ties: the later, then the
    larger, then by voucher number) as a dict (id, date, amount_fen, payee, payee_type, purpose, project_code),
    or None. Persons are pseudonyms: callers never show a person's payee."""
    row = conn.execute(select(payments).where(*_payment_conditions(pub_id, flt))
                       .order_by(*SINGLE_ORDERS[pick], payments.c.id).limit(1)).mappings().first()
    return dict(row) if row else None


def _payment_order(flt):
    newest_first = payments.c.date.desc()
    if flt.project:
        # Without table statistics SQLite would walk the date index over every payment to
        # avoid a sort; sorting one project's few payments via its own index is far cheaper.
        newest_first = func.coalesce(payments.c.date, payments.c.date).desc()
    return [newest_first, payments.c.id]


def payment_records(conn, pub_id, flt: PaymentFilter, *, page=1, per_page=50):
    """De-identified payment vouchers, newest first."""
    conds = _payment_conditions(pub_id, flt)
    query = select(payments).where(*conds)
    return _paged(conn, query, conds, payments, payments.c.amount_fen, _payment_order(flt),
                  page, per_page, totals=payment_totals(conn, pub_id, flt))


def payment_rows(conn, pub_id, flt: PaymentFilter):
    """Every row of ``payment_records``, in its order, streamed from the cursor (downloads)."""
    return stream(conn, select(payments).where(*_payment_conditions(pub_id, flt)).order_by(*_payment_order(flt)))
