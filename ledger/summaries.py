"""Pre-aggregated budget and spending sums (schema.expenditure_sums, budget_sums): the faster source.

/execution, /compare and the question box add budgets and spending up by region, 类, year and month far
more often than by department or 款. The summary tables hold exactly those sums — departments summed,
the class code cut to its 类 — written with the publication (``build``, in its transaction) and, for a
database made before they existed, on start-up (``ensure``). ledger/queries reads them through
``spending_table`` / ``budget_table``, which fall back to the raw rows for any scope the sums cannot
answer exactly: one that names a department, a class prefix longer than a 类, or groups by department
or 款. The figure functions stay the same; only their source gets smaller.
"""
from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from .schema import budget_sums, budgets, expenditure_sums, expenditures, publications, summary_builds

# Bump when the recipe below changes: every publication's sums are then rebuilt on the next start.
VERSION = 1
CLASS_DIGITS = 3  # the sums keep the 类 (first 3 digits of the class code)
UNSUMMED_GROUPS = ("dept", "subclass")  # groupings the sums no longer hold


def build(conn, pub_id):
    """(Re)write the sums of publication ``pub_id`` in the caller's transaction."""
    clear(conn, pub_id)
    exp_class = func.substr(expenditures.c.class_code, 1, CLASS_DIGITS)
    conn.execute(insert(expenditure_sums).from_select(
        ["publication_id", "year", "month", "region_code", "class_code", "amount_fen"],
        select(expenditures.c.publication_id, expenditures.c.year, expenditures.c.month,
               expenditures.c.region_code, exp_class, func.sum(expenditures.c.amount_fen))
        .where(expenditures.c.publication_id == pub_id)
        .group_by(expenditures.c.publication_id, expenditures.c.year, expenditures.c.month,
                  expenditures.c.region_code, exp_class)))
    budget_class = func.substr(budgets.c.class_code, 1, CLASS_DIGITS)
    conn.execute(insert(budget_sums).from_select(
        ["publication_id", "year", "region_code", "class_code", "budget_fen"],
        select(budgets.c.publication_id, budgets.c.year, budgets.c.region_code, budget_class,
               func.sum(budgets.c.budget_fen))
        .where(budgets.c.publication_id == pub_id)
        .group_by(budgets.c.publication_id, budgets.c.year, budgets.c.region_code, budget_class)))
    conn.execute(insert(summary_builds).values(publication_id=pub_id, version=VERSION))


def clear(conn, pub_id):
    """Delete the sums of ``pub_id`` (a discarded publication, or before a rebuild)."""
    for table in (expenditure_sums, budget_sums, summary_builds):
        conn.execute(delete(table).where(table.c.publication_id == pub_id))


def missing(conn):
    """Ids of publications with data (published or staged) whose sums are absent or of an older recipe."""
    built = select(summary_builds.c.publication_id).where(summary_builds.c.version == VERSION)
    return list(conn.execute(select(publications.c.id)
                             .where(publications.c.status.in_(("published", "staged")),
                                    publications.c.id.not_in(built))
                             .order_by(publications.c.id)).scalars())


def ensure(engine):
    """Build the sums every publication lacks, one transaction each (idempotent; safe when several
    workers start at once: the one that commits second finds the build row present and rolls back)."""
    with engine.connect() as conn:
        todo = missing(conn)
    for pub_id in todo:
        try:
            with engine.begin() as conn:
                build(conn, pub_id)
        except IntegrityError:  # another process built them first
            pass
    return todo


def ready(conn, pub_id):
    """Whether ``pub_id`` has complete sums of the current recipe."""
    return conn.execute(select(summary_builds.c.version)
                        .where(summary_builds.c.publication_id == pub_id)).scalar() == VERSION


def answers(scope, by=None):
    """Whether the sums give exactly the raw rows' result for ``scope`` grouped ``by``: no department
    named or grouped by, no 款 grouping, and every class prefix no longer than a 类 (a prefix of at most
    3 digits matches a code exactly when it matches the code's first 3 digits)."""
    if by in UNSUMMED_GROUPS or scope.dept or scope.depts:
        return False
    prefixes = ([scope.class_code] if scope.class_code else []) + list(scope.class_codes or ())
    return all(len(prefix) <= CLASS_DIGITS for prefix in prefixes)


def spending_table(conn, pub_id, scope, by=None):
    """The table to add ``scope``'s spending up from: expenditure_sums where it answers exactly."""
    return expenditure_sums if answers(scope, by) and ready(conn, pub_id) else expenditures


def budget_table(conn, pub_id, scope, by=None):
    """The table to add ``scope``'s budgets up from: budget_sums where it answers exactly."""
    return budget_sums if answers(scope, by) and ready(conn, pub_id) else budgets
