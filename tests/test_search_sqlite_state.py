"""The embedded backend's cached index metadata belongs to the file a connection has open (issue #14)."""
from search_corpus import CORPUS, DICTIONARY

from search.sqlite_backend import SQLiteBackend


def test_state_is_read_from_the_opened_file_not_the_path(tmp_path):
    backend = SQLiteBackend(tmp_path / "search.db")
    backend.build(CORPUS, publication_id=1, dictionary=DICTIONARY)
    old = backend._connect()  # a request opened the old file …
    try:
        backend.build(CORPUS[:3], publication_id=2, dictionary=DICTIONARY)  # … then a new index was swapped in
        backend._state(old)  # the old file's metadata, cached under the old file's key
        assert backend._meta["publication_id"] == "1"
    finally:
        old.close()
    assert backend.info()["publication_id"] == "2"  # the next request sees the new file, not the stale cache
    assert backend.info()["doc_count"] == "3"
