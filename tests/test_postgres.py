"""The store and import pipeline on a real PostgreSQL server, and the portal over it.

Same raw files as tests/test_import.py; the server is a throwaway cluster (tests/support/postgres.py,
registered in conftest).
"""
import csv
import itertools

import pytest
from sqlalchemy import func, select
from test_import import small_dataset, write_csv

from ledger import schema
from ledger.db import current_publication
from ledger.importer.publish import ImportFailure, publish, record_failure
from ledger.integrity import publication_digest
from portal import create_app

_numbers = itertools.count(1)

# Public pages and API answers that read every published table between them.
COMPARED_API = ["/api/summary", "/api/execution", "/api/execution/region/990101", "/api/regions",
                "/api/departments", "/api/classes", "/api/records/payments", "/api/records/budgets",
                "/api/records/expenditures"]
PAGES = ["/", "/api/summary"]


def _app(tmp_path, url):
    return create_app({"DATABASE_URL": url, "INSTANCE_PATH": tmp_path, "SEARCH_INDEX_PATH": tmp_path / "search.db",
                       "SECRET_KEY": "test-secret", "PSEUDONYM_KEY": "k", "TESTING": True})


@pytest.fixture()
def pg_app(pg_cluster, tmp_path):
    """A portal on its own fresh PostgreSQL database, collated for Chinese (not bytewise like SQLite)."""
    url = pg_cluster.new_database(f"mingzhang_t{next(_numbers)}", icu_locale="zh-Hans")
    app = _app(tmp_path / "pg", url)
    yield app
    app.extensions["mingzhang.engine"].dispose()


@pytest.fixture()
def pg_engine(pg_app):
    engine = pg_app.extensions["mingzhang.engine"]
    assert engine.dialect.name == "postgresql"
    return engine


def test_good_files_publish_on_postgres_with_exact_amounts_pseudonyms_and_digest(pg_engine, tmp_path):
    pub = publish(pg_engine, [small_dataset(tmp_path / "raw")], pseudonym_key="k", dataset="t", title="测试")
    assert pub["status"] == "published" and pub["row_counts"]["payments"] == 6
    with pg_engine.connect() as conn:
        assert conn.execute(select(schema.budgets.c.budget_fen)).scalar_one() == 120000050
        assert conn.execute(select(func.sum(schema.expenditures.c.amount_fen))).scalar_one() == 30000025
        payees = dict(conn.execute(select(schema.payments.c.id, schema.payments.c.payee)).all())
        assert payees["P2"] == "示例建设工程有限公司" and payees["P1"] != "王桂芳"
        dump = "\n".join(str(tuple(r)) for t in schema.PUBLISHED_TABLES
                         for r in conn.execute(select(t).where(t.c.publication_id == pub["id"])))
        assert publication_digest(conn, pub["id"]) == pub["data_sha256"]
    for secret in ("王桂芳", "11010519491231002X", "13812345678", "6222020200112233445", "新华村3组12号"):
        assert secret not in dump


def test_bad_file_leaves_the_previous_publication_serving_on_postgres(pg_engine, tmp_path):
    good = publish(pg_engine, [small_dataset(tmp_path / "good")], pseudonym_key="k", dataset="t", title="好")
    bad = small_dataset(tmp_path / "bad", budget="一百万")
    write_csv(bad / "expenditures.csv", ["年度", "月份", "地区代码", "单位代码", "科目编码", "支出数（元）"],
              [["2025", "1", "990101", "D001", "20502", "100"]])
    with pytest.raises(ImportFailure) as caught:
        publish(pg_engine, [bad], pseudonym_key="k", dataset="t", title="坏")
    record_failure(pg_engine, caught.value, dataset="t", title="坏")
    with pg_engine.connect() as conn:
        assert current_publication(conn)["id"] == good["id"]
        statuses = [r.status for r in conn.execute(select(schema.publications.c.status)
                                                   .order_by(schema.publications.c.id))]
        assert statuses == ["published", "failed"]
        assert conn.execute(select(func.count()).select_from(schema.budgets)).scalar_one() == 1


def test_two_publications_chain_and_keep_their_pseudonyms_on_postgres(pg_engine, tmp_path):
    first = publish(pg_engine, [small_dataset(tmp_path / "a")], pseudonym_key="k", dataset="t", title="一")
    second = publish(pg_engine, [small_dataset(tmp_path / "b", budget="1300000")], pseudonym_key="k",
                     dataset="t", title="二")
    assert second["prev_sha256"] == first["data_sha256"] != second["data_sha256"]
    with pg_engine.connect() as conn:
        assert current_publication(conn)["id"] == second["id"]
        for pub in (first, second):  # each publication's digest is still recomputable
            assert publication_digest(conn, pub["id"]) == pub["data_sha256"]
        names = {conn.execute(select(schema.payments.c.payee).where(
            schema.payments.c.publication_id == p["id"], schema.payments.c.id == "P1")).scalar_one()
            for p in (first, second)}
    assert len(names) == 1


def _published_app(tmp_path, url, raw):
    app = _app(tmp_path, url)
    pub = publish(app.extensions["mingzhang.engine"], [raw], pseudonym_key="k", dataset="t", title="测试")
    return app, pub


def test_portal_over_postgres_answers_like_sqlite_for_the_same_input(pg_app, tmp_path):
    raw = small_dataset(tmp_path / "raw")
    # An id that sorts differently bytewise ("P3" < "p20") and by the zh-Hans collation ("p20" < "P3"):
    # the publication digest must not depend on the database's collation.
    with open(raw / "payments.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["p20", "", "2025-03-01", "1234.56", "东城区第一小学", "单位", "", "", "", "", "办公用品"])
    lite, lite_pub = _published_app(tmp_path / "lite", f"sqlite:///{tmp_path / 'lite' / 'db.sqlite'}", raw)
    pg_pub = publish(pg_app.extensions["mingzhang.engine"], [raw], pseudonym_key="k", dataset="t", title="测试")
    # Same rows, same digest, whichever database stores them.
    assert pg_pub["data_sha256"] == lite_pub["data_sha256"]
    pg_client, lite_client = pg_app.test_client(), lite.test_client()
    for path in PAGES:
        response = pg_client.get(path)
        assert response.status_code == 200, path
    for path in COMPARED_API:
        ours, theirs = pg_client.get(path), lite_client.get(path)
        assert ours.status_code == theirs.status_code == 200, (path, ours.status_code, ours.get_data(as_text=True)[:300])
        assert _stable(ours.get_json()) == _stable(theirs.get_json()), path
    summary = pg_client.get("/api/summary").get_json()
    assert summary["unit"] == "元" and summary["totals"]["budget"] == 1200000.5
    assert summary["totals"]["spent"] == 300000.25
    lite.extensions["mingzhang.engine"].dispose()


def _stable(value):
    """The JSON minus what differs between two imports of the same files (creation time)."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in {"created_at"}}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value
