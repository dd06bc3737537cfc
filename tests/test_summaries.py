"""Pre-aggregated sums (ledger/summaries.py): the execution and comparison figures read from them are the raw
rows' figures to the fen, and a database made before they (or newer indexes) existed gets them on start-up
— idempotently, on SQLite and on PostgreSQL (issue #14 item 3)."""
import random

import pytest
from small_publication import write_raw
from sqlalchemy import create_engine, delete, func, inspect, select

from ledger import schema, summaries
from ledger.db import init_schema
from ledger.importer.publish import publish
from ledger.queries import cache, reference
from ledger.queries import compare as q_cmp
from ledger.queries import execution as q_exec
from ledger.queries.execution import Scope
from ledger.semantics import minsheng_codes

GROUPINGS = (None, "region", "class", "year", "month")


def _raw(conn, pub_id, scope, by, measure):
    """The figure straight from the raw rows (what the pages read before the sums existed)."""
    if measure == "spent":
        table, amount, spending = schema.expenditures, schema.expenditures.c.amount_fen, True
    else:
        table, amount, spending = schema.budgets, schema.budgets.c.budget_fen, False
    return {k: int(v or 0) for k, v in q_exec._sums(conn, table, amount, pub_id, scope, by, is_spending=spending).items()}


def _scopes(conn, pub_id, count, seed=14):
    """Scopes the question box and the pages ask for: years, months and spans, regions (one or several),
    类 (one, several, or the 民生 set) — drawn at random from the demo's own codes."""
    years = reference.years(conn, pub_id)
    regions = [r["code"] for r in reference.all_regions(conn, pub_id)]
    classes = sorted({c[:3] for c in conn.execute(select(schema.expenditures.c.class_code).distinct()
                                                  .where(schema.expenditures.c.publication_id == pub_id)).scalars()})
    rng = random.Random(seed)
    scopes = [Scope(), *(Scope(year=y) for y in years), *(Scope(year=years[-1], region=r) for r in regions),
              *(Scope(year=years[-1], class_code=c) for c in classes)]
    while len(scopes) < count:
        month = rng.choice([None, 1, 3, 6, 9, 12])
        scopes.append(Scope(
            year=rng.choice([None, *years]), month=month,
            month_from=rng.choice([None, 2, 4]) if month and month > 4 else None,
            region=rng.choice([None, None, *regions]),
            regions=tuple(rng.sample(regions, 3)) if rng.random() < 0.2 else None,
            class_code=rng.choice([None, None, *classes, classes[0][:2]]),
            class_codes=tuple(rng.sample(classes, 2)) if rng.random() < 0.2 else None,
            class_set=tuple(minsheng_codes()) if rng.random() < 0.2 else None,
            years=tuple(rng.sample(years, 2)) if rng.random() < 0.15 else None))
    return scopes


def test_execution_figures_from_the_sums_equal_the_raw_rows_for_many_scopes(demo_app):
    engine = demo_app.extensions["mingzhang.engine"]
    with engine.connect() as conn:
        pub_id = conn.execute(select(func.max(schema.publications.c.id))).scalar()
        assert summaries.ready(conn, pub_id)
        checked = 0
        for scope in _scopes(conn, pub_id, 160):
            for by in GROUPINGS:
                assert summaries.spending_table(conn, pub_id, scope, by) is schema.expenditure_sums
                for measure in ("spent", "budget") if by != "month" else ("spent",):  # budgets are annual
                    fast = q_exec.amounts.uncached(conn, pub_id, scope, by, measure=measure)
                    assert fast == _raw(conn, pub_id, scope, by, measure), (scope, by, measure)
                    checked += bool(fast) and any(fast.values())
            assert q_exec.monthly.uncached(conn, pub_id, scope) == q_exec.monthly_series(
                conn, schema.expenditures, q_exec._conditions(schema.expenditures, pub_id, scope.with_(month=None),
                                                              is_spending=True), scope.month)
        assert checked > 500  # most scopes select money: the comparison is not between empty results


def test_scopes_the_sums_cannot_answer_read_the_raw_rows(demo_app):
    engine = demo_app.extensions["mingzhang.engine"]
    with engine.connect() as conn:
        pub_id = conn.execute(select(func.max(schema.publications.c.id))).scalar()
        dept = conn.execute(select(schema.expenditures.c.dept_code).where(
            schema.expenditures.c.dept_code.is_not(None)).limit(1)).scalar()
        subclass = conn.execute(select(schema.expenditures.c.class_code).where(
            func.length(schema.expenditures.c.class_code) == 5).limit(1)).scalar()
        for scope, by in [(Scope(dept=dept), None), (Scope(depts=(dept,)), "month"), (Scope(class_code=subclass), None),
                          (Scope(class_codes=(subclass[:3], subclass)), "region"), (Scope(), "dept"), (Scope(), "subclass")]:
            assert summaries.spending_table(conn, pub_id, scope, by) is schema.expenditures
            assert summaries.budget_table(conn, pub_id, scope, by) is schema.budgets
            for measure in ("spent", "budget") if by != "month" else ("spent",):
                assert q_exec.amounts.uncached(conn, pub_id, scope, by, measure=measure) == _raw(
                    conn, pub_id, scope, by, measure)


def test_the_comparison_from_the_sums_equals_the_comparison_from_the_raw_rows(demo_app):
    engine = demo_app.extensions["mingzhang.engine"]
    with engine.connect() as conn:
        pub_id = conn.execute(select(func.max(schema.publications.c.id))).scalar()
        assert summaries.ready(conn, pub_id)
        periods = [(year, month) for year in reference.years(conn, pub_id)[-3:] for month in (1, 5, None)]
        fast = [q_cmp.compare(conn, pub_id, year=y, month=m, clamp_month=True) for y, m in periods]
    # The same comparisons with the publication's sums marked missing (rolled back after): the raw rows.
    cache.clear()  # compare() is memoised per publication: compute them again
    with engine.connect() as conn:
        conn.execute(delete(schema.summary_builds).where(schema.summary_builds.c.publication_id == pub_id))
        assert not summaries.ready(conn, pub_id)
        raw = [q_cmp.compare(conn, pub_id, year=y, month=m, clamp_month=True) for y, m in periods]
        conn.rollback()
    with engine.connect() as conn:
        assert summaries.ready(conn, pub_id)
    assert fast == raw
    assert all(row["spent_fen"] for result in fast for row in result["regions"])


# ---- the sums and indexes of a database made by an older version ---------------------------------------

def _make_old(engine):
    """Turn a current database into one of the version before: no sums, no newer indexes."""
    with engine.begin() as conn:
        for table in (*schema.SUMMARY_TABLES, schema.summary_builds):
            conn.exec_driver_sql(f"DROP TABLE {table.name}")
        for name in ("ix_projects_order_progress", "ix_payments_date_amount"):
            conn.exec_driver_sql(f"DROP INDEX {name}")
    assert not inspect(engine).has_table("expenditure_sums")


def _expected_sums(conn, pub_id):
    exp = schema.expenditures
    cls = func.substr(exp.c.class_code, 1, 3)
    return sorted(tuple(r) for r in conn.execute(
        select(exp.c.year, exp.c.month, exp.c.region_code, cls, func.sum(exp.c.amount_fen))
        .where(exp.c.publication_id == pub_id).group_by(exp.c.year, exp.c.month, exp.c.region_code, cls)))


def _stored_sums(conn, pub_id):
    t = schema.expenditure_sums
    return sorted(tuple(r) for r in conn.execute(
        select(t.c.year, t.c.month, t.c.region_code, t.c.class_code, t.c.amount_fen).where(t.c.publication_id == pub_id)))


def _check_upgrade(engine, tmp_path):
    init_schema(engine)
    pub = publish(engine, [write_raw(tmp_path / "raw")], pseudonym_key="k", dataset="t", title="小")
    with engine.connect() as conn:
        assert summaries.ready(conn, pub["id"])  # written with the publication
        expected = _expected_sums(conn, pub["id"])
        assert _stored_sums(conn, pub["id"]) == expected and len(expected) > 10
        before = q_cmp.compare(conn, pub["id"])
    _make_old(engine)
    for _ in range(2):  # a second start changes nothing
        init_schema(engine)
        cache.clear()  # compare() below reads the rebuilt sums, not its memo
        with engine.connect() as conn:
            assert summaries.ready(conn, pub["id"]) and summaries.missing(conn) == []
            assert _stored_sums(conn, pub["id"]) == expected
            assert conn.execute(select(func.count()).select_from(schema.budget_sums)).scalar() == conn.execute(
                select(func.count()).select_from(select(schema.budgets.c.region_code).group_by(
                    schema.budgets.c.year, schema.budgets.c.region_code,
                    func.substr(schema.budgets.c.class_code, 1, 3)).subquery())).scalar()
            assert q_cmp.compare(conn, pub["id"]) == before
        indexes = {i["name"] for i in inspect(engine).get_indexes("projects")} | {
            i["name"] for i in inspect(engine).get_indexes("payments")}
        assert {"ix_projects_order_progress", "ix_payments_date_amount"} <= indexes


def test_an_old_sqlite_database_gets_the_sums_and_indexes_on_start(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    _check_upgrade(engine, tmp_path)


@pytest.mark.postgres
def test_an_old_postgres_database_gets_the_sums_and_indexes_on_start(pg_cluster, tmp_path):
    engine = create_engine(pg_cluster.new_database("mingzhang_summaries"))
    try:
        _check_upgrade(engine, tmp_path)
    finally:
        engine.dispose()


def test_a_discarded_staged_publication_leaves_no_sums(tmp_path):
    from ledger.importer.publish import discard, stage

    engine = create_engine(f"sqlite:///{tmp_path / 'staged.db'}")
    init_schema(engine)
    staged, _plan = stage(engine, [write_raw(tmp_path / "raw")], pseudonym_key="k", dataset="t", title="待审")
    with engine.connect() as conn:
        assert summaries.ready(conn, staged["id"])
    discard(engine, staged["id"])
    with engine.connect() as conn:
        assert not summaries.ready(conn, staged["id"])
        assert conn.execute(select(func.count()).select_from(schema.expenditure_sums)).scalar() == 0
