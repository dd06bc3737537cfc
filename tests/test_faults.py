"""Faults a deployment meets: Elasticsearch down, the database full or read-only.

Real parts only: a real loopback address with nothing listening (connection refused), a real
SQLite database that refuses writes (read-only URI; PRAGMA max_page_count = SQLITE_FULL,
exactly what a full disk raises).
"""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from small_publication import make_app, write_raw
from sqlalchemy import event, func, select
from support.servers import free_port

from ledger import schema
from ledger.db import current_publication
from ledger.importer.publish import STORAGE_FAILURE_MESSAGE, StorageFailure, publish
from portal.publishing import publish_files

FALLBACK = "搜索服务暂时不可用，已改用本地索引"
UNAVAILABLE = "搜索服务暂时不可用，请稍后再试"
SEARCH_URLS = ["/search?q=教育", "/search.json?q=教育", "/api/search?q=教育", "/api/suggest?q=东城"]


def dead_es_url():
    return f"http://127.0.0.1:{free_port()}"  # closed again at once, so nothing listens there


def es_config(tmp_path, **extra):
    return {"SEARCH_BACKEND": "elasticsearch", "ELASTICSEARCH_URL": dead_es_url(), "SEARCH_HYBRID": "0",
            "NLQ_EMBEDDINGS": False, **extra}


# A dead server must not hold a page (ELASTICSEARCH_TIMEOUT 2 s, one retry, then the embedded index for
# ELASTICSEARCH_RETRY_AFTER): a hang shows as tens of seconds; 10 s leaves room for a first request's
# jieba start on a busy machine (two test workers and more on two cores).
SLOW = 10


def timed_get(client, url):
    started = time.perf_counter()
    response = client.get(url)
    return response, time.perf_counter() - started


@pytest.fixture(scope="module")
def es_down(tmp_path_factory):
    """The small publication, published again through the normal path with Elasticsearch down."""
    tmp_path = tmp_path_factory.mktemp("es_down")
    app, _ = make_app(tmp_path, es_config(tmp_path))
    with app.app_context():
        started = time.perf_counter()
        publication, errors = publish_files(app, [write_raw(tmp_path / "raw2")], dataset="small", title="再次发布",
                                            created_by="test")
        publish_seconds = time.perf_counter() - started
    return app, publication, errors, publish_seconds


def test_publish_with_elasticsearch_down_still_publishes_and_builds_the_embedded_index(es_down):
    app, publication, errors, seconds = es_down
    assert errors == [] and publication["status"] == "published"
    assert any("搜索索引更新失败" in w for w in publication["warnings"])  # the ES half failed, said so
    # ... and told staff what that means and what to do, in Chinese (portal/hooks.py)
    warning = next(w for w in publication["warnings"] if "搜索索引更新失败" in w)
    assert f"发布 #{publication['id']} 已经上线" in warning and "本地内置索引" in warning
    assert "Elasticsearch 恢复后" in warning and "mingzhang reindex" in warning
    assert Path(app.config["SEARCH_INDEX_PATH"]).exists()  # ... but the fallback index was built
    assert seconds < 30


def test_embedded_index_failure_tells_staff_search_keeps_the_previous_index(tmp_path):
    app, first = make_app(tmp_path, {"SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": False})
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the index folder should be")  # real OS error on build
    app.config["SEARCH_INDEX_PATH"] = blocker / "search.db"
    with app.app_context():
        publication, errors = publish_files(app, [write_raw(tmp_path / "raw2")], dataset="small", title="再次发布",
                                            created_by="test")
    assert errors == [] and publication["status"] == "published" and publication["id"] != first["id"]
    [warning] = publication["warnings"]
    assert warning.startswith("搜索索引更新失败") and f"发布 #{publication['id']} 已经上线" in warning
    assert "上一次的索引" in warning and "mingzhang reindex" in warning and "Elasticsearch" not in warning


@pytest.mark.parametrize("url", SEARCH_URLS)
def test_search_falls_back_to_the_embedded_index(es_down, url):
    app, publication, _, _ = es_down
    client = app.test_client()
    response, seconds = timed_get(client, url)
    assert response.status_code == 200, response.data[:500]
    assert seconds < SLOW, f"{url} took {seconds:.2f} s"
    if url.startswith("/search?"):
        page = response.get_data(as_text=True)
        assert FALLBACK in page
        assert "<mark>教育</mark>" in page  # real, highlighted results from the embedded index
    elif "suggest" in url:
        assert any("东城" in s["text"] for s in response.json["suggestions"])
    else:
        body = response.json
        assert body["degraded"] is True and FALLBACK in body["notices"]
        assert body["total"] > 0 and int(body["publication_id"]) == publication["id"]


def test_home_page_serves_with_elasticsearch_down(es_down):
    response, seconds = timed_get(es_down[0].test_client(), "/")
    assert response.status_code == 200 and seconds < SLOW


def test_without_an_embedded_index_search_says_unavailable_in_chinese(tmp_path):
    app, _ = make_app(tmp_path, es_config(tmp_path, SEARCH_INDEX_PATH=tmp_path / "never-built.db"))
    client = app.test_client()
    for url in SEARCH_URLS:
        response, seconds = timed_get(client, url)
        assert response.status_code == 503, (url, response.status_code)
        assert seconds < SLOW, f"{url} took {seconds:.2f} s"
        if url.startswith("/search?"):
            assert UNAVAILABLE in response.get_data(as_text=True)
        else:
            assert response.json["error"] == {"code": "search_unavailable", "message": UNAVAILABLE}
    assert client.get("/").status_code == 200


def test_with_elasticsearch_not_configured_json_says_not_degraded(tmp_path):
    app, _ = make_app(tmp_path)
    assert app.test_client().get("/search.json?q=教育").json["degraded"] is False


# ---- the database refuses writes ----------------------------------------------------------------

def counts(engine):
    """Rows of every published table, and publications that serve (a "failed" trace may be added)."""
    with engine.connect() as conn:
        rows = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in schema.PUBLISHED_TABLES}
        rows["published"] = conn.execute(select(func.count()).select_from(schema.publications).where(
            schema.publications.c.status != "failed")).scalar_one()
        return rows


def test_disk_full_during_import_publishes_nothing_and_previous_keeps_serving(tmp_path):
    app, first = make_app(tmp_path)
    engine = app.extensions["mingzhang.engine"]
    before = counts(engine)

    @event.listens_for(engine, "connect")
    def _cap_file_size(dbapi_connection, _record):
        # The file may not grow by a single page: SQLite raises SQLITE_FULL, as on a full disk.
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    engine.dispose()
    with pytest.raises(StorageFailure) as caught:
        publish(engine, [write_raw(tmp_path / "raw2")], pseudonym_key="test-pseudonym-key", dataset="small",
                title="磁盘已满")
    assert [e.message for e in caught.value.errors] == [STORAGE_FAILURE_MESSAGE]
    # Through the shared path (CLI and upload page) too: an error list, no exception.
    with app.app_context():
        publication, errors = publish_files(app, [tmp_path / "raw2"], dataset="small", title="磁盘已满",
                                            created_by="test")
    assert publication is None and STORAGE_FAILURE_MESSAGE in str(errors[0])

    event.remove(engine, "connect", _cap_file_size)
    engine.dispose()
    assert counts(engine) == before  # nothing partial
    with engine.connect() as conn:
        assert current_publication(conn)["id"] == first["id"]
    client = app.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/api/search?q=教育").status_code == 200


def test_cli_import_into_a_read_only_database_exits_1_with_a_clear_message(tmp_path):
    app, first = make_app(tmp_path)
    engine = app.extensions["mingzhang.engine"]
    before = counts(engine)
    engine.dispose()
    db = tmp_path / "small.db"
    # Read-only for root too: SQLite itself opens the file read-only.
    env = {**os.environ, "MINGZHANG_INSTANCE": str(tmp_path), "DATABASE_URL": f"sqlite:///file:{db}?mode=ro&uri=true",
           "SEARCH_INDEX_PATH": str(tmp_path / "search.db")}
    cli = Path(sys.executable).with_name("mingzhang")
    result = subprocess.run([str(cli), "import", str(write_raw(tmp_path / "raw2"))], capture_output=True,
                            text=True, env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 1, result.stderr
    assert STORAGE_FAILURE_MESSAGE in result.stderr and "上一次发布继续有效" in result.stderr
    assert "Traceback" not in result.stderr
    assert counts(engine) == before
    with engine.connect() as conn:
        assert current_publication(conn)["id"] == first["id"]
    assert app.test_client().get("/").status_code == 200
