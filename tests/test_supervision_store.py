"""Flags are computed once per publication, when it is written, and every page reads those stored flags
(ledger/supervision/store.py): the warnings page, its API, the project page and the white paper."""
import csv

import pytest
from small_publication import write_raw
from sqlalchemy import func, select, update

from ledger import schema, supervision
from ledger.importer.publish import publish
from ledger.queries import cache
from ledger.supervision import store

KEY = "test-pseudonym-key"
MARK = "（存档）"


def _write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *rows])


@pytest.fixture()
def portal(tmp_path):
    """The small publication with a multi-year plan (P2) and a project behind plan (P3), published through
    the importer, and a portal over it."""
    from portal import create_app

    raw = write_raw(tmp_path / "raw")
    _write(raw / "项目分年度计划.csv", ["项目编号", "年度", "年度计划（元）", "年度实际支付（元）"],
           [["P2", 2023, "100000", "90000"], ["P2", 2024, "50000", ""]])
    _write(raw / "季度进度.csv", ["项目编号", "年度", "季度", "计划形象进度（%）", "实际形象进度（%）"],
           [["P3", 2024, 1, 40, 20], ["P3", 2024, 2, 60, 35]])
    app = create_app({"INSTANCE_PATH": tmp_path, "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}",
                      "SEARCH_INDEX_PATH": tmp_path / "search.db", "SECRET_KEY": "s", "PSEUDONYM_KEY": KEY,
                      "TESTING": True})
    engine = app.extensions["mingzhang.engine"]
    publication = publish(engine, [raw], pseudonym_key=KEY, dataset="small", title="存储的预警")
    cache.clear()
    yield app, engine, publication["id"]
    cache.clear()


def test_publishing_stores_the_flags_the_rules_compute(portal):
    _app, engine, pub_id = portal
    with engine.connect() as conn:
        moments = [tuple(r) for r in conn.execute(
            select(schema.supervision_flags.c.year, schema.supervision_flags.c.month)
            .where(schema.supervision_flags.c.publication_id == pub_id)
            .order_by(schema.supervision_flags.c.year, schema.supervision_flags.c.month))]
        # Every month of the latest year, and the last month of the earlier one.
        assert moments == [(2023, 6)] + [(2024, m) for m in range(1, 7)]
        for year, month in moments:
            stored, computed = store.read(conn, pub_id, year, month), supervision.compute(conn, pub_id, year, month)
            assert [(f, f.figures, f.links) for f in stored] == [(f, f.figures, f.links) for f in computed]
        assert {f.kind for f in store.read(conn, pub_id, 2024, 6)} >= {"plan", "risk"}


def test_every_page_reads_the_stored_flags(portal, monkeypatch):
    """Mark the stored text: the pages show the mark (they read what was stored); with the rules or the
    rule code changed (another version), the stored set is ignored and the rules computed afresh."""
    app, engine, pub_id = portal
    flags = schema.supervision_flags
    with engine.begin() as conn:
        conn.execute(update(flags).where(flags.c.publication_id == pub_id)
                     .values(flags=func.replace(flags.c.flags, "个季度落后计划", "个季度落后计划" + MARK)))
    cache.clear()
    client = app.test_client()
    pages = ["/warnings", "/api/warnings", "/projects/P3", "/reports/whitepaper?year=2024"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARK in response.get_data(as_text=True), url
    monkeypatch.setattr(store, "version", lambda: "rules-changed")
    cache.clear()
    for url in pages:
        body = client.get(url).get_data(as_text=True)
        assert MARK not in body and "个季度落后计划" in body, url


def test_start_up_stores_what_an_older_database_lacks(portal):
    from portal import create_app

    app, engine, pub_id = portal
    with engine.begin() as conn:
        store.clear(conn, pub_id)
    create_app(dict(app.config))
    with engine.connect() as conn:
        assert not store.missing(conn, pub_id)


def test_a_failure_to_store_does_not_stop_the_portal(portal, monkeypatch):
    from portal import create_app

    app, engine, pub_id = portal
    with engine.begin() as conn:
        store.clear(conn, pub_id)

    def broken(*args):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(store, "build", broken)
    client = create_app(dict(app.config)).test_client()
    assert client.get("/api/warnings").status_code == 200  # computed on the request, as before
