"""CSV downloads of whole listings (/records/<kind>.csv, /projects.csv) stream from the database cursor: the
same bytes as the listing's rows written at once, in memory that does not grow with the rows (issue #14)."""
import datetime as dt
import tracemalloc

import pytest
from sqlalchemy import insert, select

from ledger import schema
from ledger.db import init_schema, make_engine
from ledger.queries import projects as q_proj
from ledger.queries import records as q_rec
from ledger.queries.execution import Scope
from ledger.semantics import CITY_OWN_LABEL, region_label
from portal import create_app
from portal.views.pages import PROJECT_COLUMNS, record_columns, with_contractor
from portal.views.tables import Table, csv_chunks


def _at_once(app, table):
    """The CSV of ``table`` written from a list of every row (what the download sent before it streamed)."""
    with app.test_request_context():
        return "".join(csv_chunks(table))


@pytest.fixture(scope="module")
def latest(demo_app):
    with demo_app.app_context():
        engine = demo_app.extensions["mingzhang.engine"]
        with engine.connect() as conn:
            pub_id = conn.execute(select(schema.publications.c.id).where(schema.publications.c.status == "published")
                                  .order_by(schema.publications.c.id.desc())).scalars().first()
            year = conn.execute(select(schema.expenditures.c.year).where(schema.expenditures.c.publication_id == pub_id)
                                .order_by(schema.expenditures.c.year.desc())).scalars().first()
            region = conn.execute(select(schema.regions.c.code).where(schema.regions.c.publication_id == pub_id,
                                                                     schema.regions.c.level == 1)).scalars().first()
    return pub_id, year, region


@pytest.mark.parametrize("query", ["", "?year={year}", "?year={year}&payee_type=单位"])
def test_payments_download_equals_the_rows_written_at_once(demo_app, client, latest, query):
    pub_id, year, _region = latest
    response = client.get("/records/payments.csv" + query.format(year=year))
    assert response.status_code == 200 and response.is_streamed
    flt = q_rec.PaymentFilter(year=year if query else None, payee_type="单位" if "payee" in query else None)
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        rows = q_rec.payment_records(conn, pub_id, flt, per_page=None).items
    assert len(rows) > 1000
    assert response.get_data(as_text=True) == _at_once(demo_app, Table("payments", record_columns("payments"), rows))


@pytest.mark.parametrize("kind", ["expenditures", "budgets"])
def test_budget_and_spending_downloads_equal_the_rows_written_at_once(demo_app, client, latest, kind):
    pub_id, year, region = latest
    for scope, query in [(Scope(), ""), (Scope(year=year, region=region), f"?year={year}&region={region}")]:
        response = client.get(f"/records/{kind}.csv{query}")
        assert response.status_code == 200 and response.is_streamed
        fetch = q_rec.expenditure_records if kind == "expenditures" else q_rec.budget_records
        with demo_app.extensions["mingzhang.engine"].connect() as conn:
            rows = fetch(conn, pub_id, scope, per_page=None).items
        assert rows
        assert response.get_data(as_text=True) == _at_once(demo_app, Table(kind, record_columns(kind), rows))


@pytest.mark.parametrize("sort", ["investment", "name", "progress"])
def test_projects_download_equals_the_rows_written_at_once(demo_app, client, latest, sort):
    pub_id, _year, _region = latest
    response = client.get(f"/projects.csv?sort={sort}")
    assert response.status_code == 200 and response.is_streamed
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        rows = q_proj.list_projects(conn, pub_id, q_proj.ProjectFilter(), sort=sort, per_page=None).items
        regions = {r.code: region_label(r._mapping) for r in conn.execute(select(schema.regions).where(
            schema.regions.c.publication_id == pub_id))}
        townships = {t.code: t.name for t in conn.execute(select(schema.townships).where(
            schema.townships.c.publication_id == pub_id))}
    for row in rows:
        row["region_name"] = regions.get(row["region_code"], row["region_code"])
        row["township_name"] = townships.get(row["township_code"], row["township_code"])
    assert len(rows) > 1000
    expected = _at_once(demo_app, Table("projects", with_contractor(PROJECT_COLUMNS), rows))
    assert response.get_data(as_text=True) == expected


# ---- memory: a generated publication of two sizes ------------------------------------------------------------

def _generated_app(folder, projects, url=None):
    """A portal over a publication of ``projects`` projects with 5 payments each, written straight into the
    store (the download path does not care how rows got there; the import would take minutes here)."""
    folder.mkdir()
    url = url or f"sqlite:///{folder / 'db.sqlite'}"
    engine = make_engine(url)
    init_schema(engine)
    with engine.begin() as conn:
        pub_id = conn.execute(insert(schema.publications).values(
            created_at=dt.datetime(2026, 1, 1), status="published", dataset="t", title="生成", source_files=[],
            row_counts={}, deid_report={}, data_sha256="0" * 64)).inserted_primary_key[0]
        conn.execute(insert(schema.regions), [{"publication_id": pub_id, "code": "990000", "name": "示例市",
                                               "short_name": "示例市", "level": 0}])
        for start in range(0, projects, 5000):
            batch = range(start, min(projects, start + 5000))
            conn.execute(insert(schema.projects), [{
                "publication_id": pub_id, "code": f"P{n:07d}", "name": f"示例项目第{n}号道路改造工程", "year": 2025,
                "region_code": "990000", "dept_code": "D1", "class_code": "21401", "category": "农村公路",
                "total_investment_fen": 1_000_000 + n * 7, "annual_plan_fen": 500_000, "disbursed_fen": n * 3,
                "status": "在建", "progress_pct": n % 100, "contractor": f"示例建设工程有限公司{n % 50}"} for n in batch])
            conn.execute(insert(schema.payments), [{
                "publication_id": pub_id, "id": f"V{n:07d}{k}", "project_code": f"P{n:07d}",
                "date": dt.date(2025, 1 + k, 1 + n % 28), "amount_fen": 10_000 + n + k, "payee": "示例建设工程有限公司",
                "payee_type": "单位", "purpose": "工程进度款"} for n in batch for k in range(5)])
    engine.dispose()
    return create_app({"DATABASE_URL": url, "INSTANCE_PATH": folder,
                       "SEARCH_INDEX_PATH": folder / "search.db", "SECRET_KEY": "t", "PSEUDONYM_KEY": "k",
                       "TESTING": True})


def _download_peak(app, url):
    """(bytes sent, peak Python memory in bytes while sending) of a download, after one warm-up request."""
    client = app.test_client()
    assert client.get(url).status_code == 200  # warm caches (counts, names) first
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        response = client.get(url, buffered=False)
        sent = sum(len(chunk) for chunk in response.response)
        response.close()
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    return sent, peak


@pytest.fixture(scope="module")
def two_sizes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("streaming")
    return _generated_app(folder / "small", 2_000), _generated_app(folder / "large", 20_000)


@pytest.mark.parametrize("url", ["/projects.csv?sort=name", "/records/payments.csv?year=2025"])
def test_download_memory_does_not_grow_with_the_rows(two_sizes, url):
    small, large = two_sizes
    small_sent, small_peak = _download_peak(small, url)
    large_sent, large_peak = _download_peak(large, url)
    assert large_sent > 9 * small_sent  # ten times the rows …
    assert large_peak < 1.5 * small_peak + 256 * 1024, (small_peak, large_peak)  # … about the same memory
    # Holding the rows at once, as the download did before it streamed, takes several times as much.
    with large.app_context():
        with large.extensions["mingzhang.engine"].connect() as conn:
            tracemalloc.start()
            try:
                kept = _whole_listing(conn, url)
                at_once = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
    assert len(kept) >= 20_000 and at_once > 3 * large_peak, (at_once, large_peak)


def _whole_listing(conn, url):
    pub_id = conn.execute(select(schema.publications.c.id)).scalar()
    if url.startswith("/projects"):
        return q_proj.list_projects(conn, pub_id, q_proj.ProjectFilter(), sort="name", per_page=None).items
    return q_rec.payment_records(conn, pub_id, q_rec.PaymentFilter(year=2025), per_page=None).items


@pytest.mark.parametrize("kind", ["expenditures", "budgets"])
def test_unit_record_downloads_equal_the_rows_written_at_once(demo_app, client, latest, kind):
    from ledger.queries import units as q_units
    from ledger.queries.units import UnitScope

    pub_id, _year, _region = latest
    response = client.get(f"/records/unit/{kind}.csv")
    assert response.status_code == 200 and response.is_streamed
    fetch = q_units.expenditure_records if kind == "expenditures" else q_units.budget_records
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        rows = fetch(conn, pub_id, UnitScope(), per_page=None).items
    assert len(rows) > 100
    header = response.get_data(as_text=True).splitlines()[0]
    assert header.startswith("\ufeff年度")
    lines = response.get_data(as_text=True).count("\r\n")
    assert lines == len(rows) + 1


@pytest.mark.postgres
def test_downloads_stream_from_a_server_side_cursor_on_postgres(pg_cluster, tmp_path):
    app = _generated_app(tmp_path / "pg", 3_000, pg_cluster.new_database("mingzhang_streaming"))
    client = app.test_client()
    try:
        for url in ("/projects.csv?sort=name", "/records/payments.csv?year=2025"):
            response = client.get(url)
            assert response.status_code == 200 and response.is_streamed
            with app.app_context(), app.extensions["mingzhang.engine"].connect() as conn:
                rows = _whole_listing(conn, url)
            if url.startswith("/projects"):
                for row in rows:
                    row["region_name"], row["township_name"] = CITY_OWN_LABEL, None  # the city's own code
                table = Table("projects", with_contractor(PROJECT_COLUMNS), rows)
            else:
                table = Table("payments", record_columns("payments"), rows)
            assert len(rows) >= 3_000
            assert response.get_data(as_text=True) == _at_once(app, table)
    finally:
        app.extensions["mingzhang.engine"].dispose()
