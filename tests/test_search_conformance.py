"""Behaviour every search backend must have. Parametrised over backends: the embedded SQLite
backend always runs; Elasticsearch runs against a real server: ELASTICSEARCH_URL when set, otherwise a
throwaway node started for the session (tests/es_support.py, scripts/elasticsearch.sh)."""
import os
import uuid

import pytest

from search.request import SearchRequest
from tests.search_corpus import CORPUS, DICTIONARY

BACKENDS = ["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


def _make_backend(kind, tmp_path_factory):
    if kind == "sqlite":
        from search.sqlite_backend import SQLiteBackend

        return SQLiteBackend(tmp_path_factory.mktemp("idx") / "search.db")
    from search.es_backend import ElasticsearchBackend

    # The elasticsearch_url fixture (tests/es_support.py) has set it, or the caller did. A long request
    # timeout: these tests check behaviour, and a shared machine can be slow (production keeps 2 s).
    return ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"], f"mingzhang-test-{uuid.uuid4().hex[:8]}",
                                {"ELASTICSEARCH_TIMEOUT": 30})


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request, tmp_path_factory):
    if request.param == "elasticsearch":
        request.getfixturevalue("elasticsearch_url")  # a real server for the session
    backend = _make_backend(request.param, tmp_path_factory)
    backend.build(CORPUS, publication_id=1, dictionary=DICTIONARY)
    yield backend
    if request.param == "elasticsearch":
        backend.drop_all()


def search(backend, q="", **kwargs):
    return backend.search(SearchRequest(q=q, **kwargs))


def ids(result):
    return [r["id"] for r in result["results"]]


def test_exact_title_match_beats_body_mention(backend):
    result = search(backend, "某某小学改扩建工程")
    assert ids(result)[0] == "project:P3"
    result = search(backend, "农村公路")
    # Two projects carry 农村公路 in the title; the report only mentions it in the body.
    assert set(ids(result)[:2]) == {"project:P1", "project:P2"}
    assert "report:R1" in ids(result)


def test_multi_word_query_requires_every_word(backend):
    result = search(backend, "农村公路 城西区")
    assert ids(result) == ["project:P2"]
    assert search(backend, "农村公路 小学")["total"] == 0


def test_phrase_query_needs_the_contiguous_text(backend):
    # Both words occur in P6 but not next to each other; the report has the exact phrase.
    assert "project:P6" in ids(search(backend, "修缮 道路"))
    result = search(backend, '"农村公路建设"')
    assert ids(result) == ["report:R1"]
    assert ids(search(backend, "「农村公路建设」")) == ["report:R1"]


def test_facets_count_matching_documents(backend):
    result = search(backend, "农村公路")
    types = {f["value"]: f["count"] for f in result["facets"]["type"]}
    assert types == {"project": 2, "report": 1}
    regions = {f["value"]: (f["label"], f["count"]) for f in result["facets"]["region"]}
    assert regions["330102"] == ("城东区", 1) and regions["330103"] == ("城西区", 1)
    years = {f["value"]: f["count"] for f in result["facets"]["year"]}
    assert years == {"2025": 2, "2024": 1}
    assert result["total"] == 3


def test_filters_narrow_results(backend):
    result = search(backend, "农村公路", filters={"type": ["project"], "year": ["2024"]})
    assert ids(result) == ["project:P2"]
    assert [f["selected"] for f in result["facets"]["type"]] == [True]
    assert ids(search(backend, "农村公路", filters={"region": ["330103"]})) == ["project:P2"]
    assert ids(search(backend, "养老院", filters={"status": ["滞后"]})) == ["project:P4"]
    assert search(backend, "养老院", filters={"class": ["205"]})["total"] == 0
    # Filters alone (no words) browse the index.
    assert set(ids(search(backend, "", filters={"type": ["department"]}, size=10))) == {"department:D1", "department:D2"}


def test_paging_is_stable_and_complete(backend):
    everything = ids(search(backend, "", filters={"type": ["project"]}, size=50))
    assert len(everything) == 6
    pages = [ids(search(backend, "", filters={"type": ["project"]}, size=4, page=p)) for p in (1, 2)]
    assert len(pages[0]) == 4 and len(pages[1]) == 2
    assert sorted(pages[0] + pages[1]) == sorted(everything)
    result = search(backend, "", filters={"type": ["project"]}, size=4, page=2)
    assert result["pages"] == 2 and result["total"] == 6


def test_sort_by_amount_and_date(backend):
    by_amount = search(backend, "", filters={"type": ["project"]}, sort="amount", size=10)["results"]
    amounts = [r["amount_fen"] for r in by_amount]
    assert amounts == sorted(amounts, reverse=True) and amounts[0] == 6_000_000_000
    by_date = search(backend, "农村公路", sort="date")["results"]
    assert [r["id"] for r in by_date][0] == "report:R1"  # 2025-12-20, the newest
    assert by_amount[0]["unit"] == "元" and by_amount[0]["amount"] == 60_000_000


def test_highlights_show_the_original_text(backend):
    result = search(backend, "养老院")
    report = next(r for r in result["results"] if r["id"] == "report:R1")
    hits = [p["text"] for p in report["snippet_highlight"] if p["hit"]]
    assert hits == ["养老院"]
    # Joining the parts gives back the original wording (no segmentation spaces).
    assert "养老院床位新增 900 张" in "".join(p["text"] for p in report["snippet_highlight"])
    title = next(r for r in result["results"] if r["id"] == "project:P4")["title_highlight"]
    assert "".join(p["text"] for p in title) == "城南区中心养老院建设项目"
    assert [p["text"] for p in title if p["hit"]] == ["养老院"]


def test_traditional_characters_match_simplified(backend):
    result = search(backend, "養老院")
    assert {"project:P4", "report:R1"} <= set(ids(result))
    assert ids(search(backend, "農村公路 城西區")) == ["project:P2"]


def test_fiscal_terms_from_the_dictionary(backend):
    assert ids(search(backend, "执行率")) == ["report:R1"]
    assert ids(search(backend, "民生支出")) == ["report:R1"]
    assert ids(search(backend, "一般公共预算")) == ["report:R1"]


@pytest.mark.parametrize("query", [
    "", "   ", "!!!", "。，、；：？！", '"', '""', "*", ":", "()", "NEAR", "AND", "OR NOT",
    'a" * : ( ) NEAR AND', '农村公路" OR "x', "农村公路*", "title:农村公路", "NEAR(农村 公路, 2)",
    "'; DROP TABLE docs; --", "\\", "😀😀", "😀养老院", "x" * 10_000, "养" * 10_000, "\x00", "%_%",
    "{title}:养老院", "^养老院", "-养老院", "养老院~2", "/养老院/", "[养老院]", "养老院 AND NOT 小学",
])
def test_pathological_queries_return_a_clear_result(backend, query):
    result = search(backend, query)
    assert isinstance(result["total"], int) and isinstance(result["results"], list)
    assert isinstance(result["notices"], list)
    if not query.strip() or not any(ch.isalnum() for ch in query):
        assert result["total"] == 0 and result["notices"]
    if len(query) > 200:
        assert any("过长" in n for n in result["notices"])


def test_operators_are_plain_text(backend):
    # FTS/Lucene operators are not interpreted: quoting tricks and prefixes find what the words find.
    assert ids(search(backend, '养老院" OR "小学')) == ids(search(backend, "养老院 小学"))
    assert "project:P4" in ids(search(backend, "😀养老院"))


def test_no_results_offers_suggestions(backend):
    homophone = search(backend, "农村公陆")
    assert homophone["total"] == 0
    assert "农村公路" in [s["q"] for s in homophone["suggestions"]]
    pinyin = search(backend, "yanglaoyuan")
    assert pinyin["total"] == 0
    assert any(s["q"].startswith("养老") or "养老院" in s["q"] for s in pinyin["suggestions"])
    broader = search(backend, "农村公路 小学")
    assert broader["suggestions"] and all(s["count"] > 0 for s in broader["suggestions"])


def test_autocomplete_by_prefix_and_pinyin(backend):
    names = [s["text"] for s in backend.suggest("农村")]
    assert "农村公路" in names
    assert all(n.startswith("农村") for n in names)
    assert "某某小学改扩建工程" in [s["text"] for s in backend.suggest("某某")]
    assert any(s["text"].startswith("城东区") for s in backend.suggest("chengdong"))
    assert backend.suggest("") == [] and backend.suggest("*") == []


def test_all_documents_returns_exactly_what_was_indexed(backend):
    docs = list(backend.all_documents())
    assert sorted(d["id"] for d in docs) == sorted(d["id"] for d in CORPUS)
    by_id = {d["id"]: d for d in docs}
    assert by_id["report:R1"]["body"] == CORPUS[6]["body"]


def test_reindex_swaps_in_a_new_index(backend, tmp_path_factory):
    fresh = _make_backend(backend.name, tmp_path_factory)
    if backend.name == "sqlite":
        fresh = type(backend)(backend.path.with_name("swap.db"))
    fresh.build(CORPUS, publication_id=1, dictionary=DICTIONARY)
    assert search(fresh, "看病")["total"] == 1
    fresh.build([d for d in CORPUS if d["id"] != "project:P5"], publication_id=2, dictionary=DICTIONARY)
    assert search(fresh, "看病")["total"] == 0
    assert fresh.info()["publication_id"] in (2, "2")
    if backend.name == "elasticsearch":
        fresh.drop_all()
