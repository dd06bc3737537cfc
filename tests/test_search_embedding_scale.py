"""The reindex's embedding step at province scale (issue #14): short, stable passage texts embedded in
streamed batches through the vector cache, and a document limit above which the index is keyword-only
and says so (search page and JSON). Uses the real embedding model; the backends' side is in
tests/test_search_es.py."""
import sqlite3

import numpy as np
import pytest

from search import semantic
from tests.search_corpus import CORPUS, DICTIONARY


def _cached_rows(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM vectors").fetchone()[0]


@pytest.fixture(scope="module")
def model():
    found = semantic.get_model({})
    if found is None:
        pytest.skip("embedding model unavailable")
    return found


def test_passage_text_is_short_and_leaves_out_the_changing_body():
    project = dict(CORPUS[0], body="进度 35%。" + "本月完成路基施工。" * 40)
    text = semantic.passage_text(project)
    assert len(text) <= semantic.PASSAGE_CHARS
    assert text == "城东区农村公路提档升级工程，农村公路，交通运输支出"
    assert semantic.passage_text(dict(project, body="进度 80%。已完成验收。")) == text


def test_streamed_batches_reuse_the_cache_across_publications(model, tmp_path, monkeypatch):
    monkeypatch.setattr(semantic, "EMBED_BATCH", 3)  # several batches out of the small corpus
    cache = tmp_path / "vectors.sqlite"
    config = {"SEARCH_HYBRID": "1", "SEARCH_EMBEDDING_CACHE": str(cache)}
    chosen = [d for d in CORPUS if d["type"] in semantic.EMBEDDED_TYPES]
    matrix, ids, off = semantic.embed_documents(config, CORPUS)
    assert off is None and ids == [d["id"] for d in chosen] and matrix.shape[0] == len(chosen)
    direct = model.encode([semantic.PASSAGE_PROMPT + semantic.passage_text(d) for d in chosen],
                          normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    assert np.allclose(matrix, direct, atol=1e-5)
    assert _cached_rows(cache) == len({semantic.passage_text(d) for d in chosen})

    # The next publication: progress and notes (the body) changed everywhere, one title changed.
    republished = [dict(d, body=d["body"] + "（本月进度更新）") for d in CORPUS]
    republished[0] = dict(republished[0], title="城东区农村公路提档升级二期工程")
    again, _, _ = semantic.embed_documents(config, republished)
    assert _cached_rows(cache) == len({semantic.passage_text(d) for d in chosen}) + 1  # only the new title
    assert np.allclose(again[1:], matrix[1:]) and not np.allclose(again[0], matrix[0])


def test_over_the_limit_nothing_is_embedded_and_the_reason_is_given(tmp_path):
    config = {"SEARCH_HYBRID": "1", "SEARCH_EMBEDDING_CACHE": "off", "SEARCH_HYBRID_MAX_DOCS": "3"}
    embeddable = sum(d["type"] in semantic.EMBEDDED_TYPES for d in CORPUS)
    matrix, ids, off = semantic.embed_documents(config, CORPUS)
    assert matrix is None and ids == []
    assert f"文档数 {embeddable:,} 超过语义检索上限 3" in off
    under = dict(config, SEARCH_HYBRID_MAX_DOCS=str(embeddable))
    assert semantic.semantic_off_reason(under, embeddable) is None


@pytest.fixture()
def keyword_only_app(tmp_path):
    from portal import create_app
    from search.sqlite_backend import SQLiteBackend

    config = {"INSTANCE_PATH": tmp_path, "DATABASE_URL": f"sqlite:///{tmp_path / 'mingzhang.db'}",
              "SEARCH_INDEX_PATH": tmp_path / "search.db", "SECRET_KEY": "test", "TESTING": True,
              "SEARCH_HYBRID": "1", "SEARCH_HYBRID_MAX_DOCS": "3", "SEARCH_EMBEDDING_CACHE": "off"}
    vectors, ids, off = semantic.embed_documents(config, CORPUS)
    SQLiteBackend(tmp_path / "search.db").build(CORPUS, publication_id=1, dictionary=DICTIONARY,
                                                 vectors=vectors, vector_ids=ids, semantic_off=off)
    return create_app(config), off


def test_search_page_and_json_say_the_index_is_keyword_only(keyword_only_app):
    app, off = keyword_only_app
    web = app.test_client()
    html = web.get("/search?q=农村公路").get_data(as_text=True)
    assert "未含语义扩展：" in html and "超过语义检索上限 3" in html
    for url in ("/search.json?q=农村公路", "/api/search?q=农村公路"):
        result = web.get(url).get_json()
        assert result["total"] >= 2  # keyword search still answers
        assert result["semantic"]["used"] is False and result["semantic"]["off_reason"] == off
