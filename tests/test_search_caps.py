"""The embedded backend's bounds at scale, exercised on the small corpus with the caps lowered:
counts labelled when they are lower bounds, every page reachable, ranking from the stored
document frequencies equal to ranking from the live index (older index files)."""
import sqlite3

import pytest

from search import sqlite_backend
from search.ranking import idf, score_rows
from search.request import SearchRequest
from search.sqlite_backend import SQLiteBackend
from tests.search_corpus import CORPUS, DICTIONARY


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    backend = SQLiteBackend(tmp_path_factory.mktemp("caps") / "search.db")
    backend.build(CORPUS, publication_id=1, dictionary=DICTIONARY)
    return backend


def ids(result):
    return [r["id"] for r in result["results"]]


def test_counts_past_the_cap_are_labelled_and_every_page_is_reachable(backend, monkeypatch):
    full = backend.search(SearchRequest(q="城西区", size=50, hybrid=False))
    assert full["total"] == 4 and full["total_exact"]
    monkeypatch.setattr(sqlite_backend, "RANK_CAP", 3)
    monkeypatch.setattr(sqlite_backend, "RANK_TOP", 1)  # page 2 lies past the ranked matches
    capped = backend.search(SearchRequest(q="城西区", size=2, hybrid=False))
    assert capped["total"] == 4 and not capped["total_exact"]
    assert any("超过 3 条" in n for n in capped["notices"])
    assert sum(f["count"] for f in capped["facets"]["type"]) == 4  # facets: the same counted hits
    assert capped["pages"] == 2
    seen = ids(capped) + ids(backend.search(SearchRequest(q="城西区", size=2, page=2, hybrid=False)))
    assert len(seen) == len(set(seen)) == 4 and set(seen) <= set(ids(full))


def test_older_index_files_rank_and_count_the_same(backend, tmp_path):
    """Without the stored vocab, average length and facet codes, the backend derives them."""
    queries = ["农村公路", "城西区 教育", "养老院", "改扩建", '"农村公路建设"']
    before = {q: backend.search(SearchRequest(q=q, hybrid=False)) for q in queries}
    old = tmp_path / "old.db"
    old.write_bytes(backend.path.read_bytes())
    with sqlite3.connect(old) as conn:
        conn.execute("DROP TABLE vocab")
        conn.execute("DELETE FROM meta WHERE key IN ('avg_chars', 'facet_codes')")
    older = SQLiteBackend(old)
    for q in queries:
        after = older.search(SearchRequest(q=q, hybrid=False))
        assert ids(after) == ids(before[q]), q
        assert [r["score"] for r in after["results"]] == pytest.approx([r["score"] for r in before[q]["results"]],
                                                                       rel=1e-3)
        assert after["facets"] == before[q]["facets"] and after["total"] == before[q]["total"]


def test_bm25_prefers_title_short_documents_and_rare_words():
    rows = [(1, "农村公路", "", "养护"), (2, "", "", "农村公路" + "其他" * 40), (3, "", "", "农村公路")]
    scores = score_rows(rows, [("农村公路", idf(1000, 10), True)], avg_chars=40)
    assert scores[1] > scores[3] > scores[2]  # title beats body; a shorter body beats a longer one
    both = [(1, "甲乙", "", "丙丁"), (2, "丙丁", "", "甲乙")]
    scores = score_rows(both, [("甲乙", idf(1000, 5), True), ("丙丁", idf(1000, 900), True)], avg_chars=10)
    assert scores[1] > scores[2]  # the rarer word in the title counts more
    assert idf(1000, 999) == pytest.approx(1e-6)  # a word in nearly every document adds (almost) nothing
