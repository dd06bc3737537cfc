"""Search over published, de-identified data: one interface, two backends.

- ``get_backend(config)``: the embedded SQLite FTS5 backend (default) or Elasticsearch
  (SEARCH_BACKEND=elasticsearch, ELASTICSEARCH_URL). Backends offer ``search(request)``,
  ``count(text, filters)``, ``suggest(prefix)``, ``all_documents()``, ``build(docs, ...)``.
- ``reindex(config, engine, publication)``: called after each publication commits; builds a
  new index from that publication's published tables and swaps it in atomically.
"""
import logging

from .documents import build_documents, dictionary_words
from .request import BadRequest, SearchRequest

log = logging.getLogger(__name__)

__all__ = ["BadRequest", "SearchRequest", "get_backend", "reindex"]


def get_backend(config):
    from .semantic import QueryEmbedder

    kind = (config.get("SEARCH_BACKEND") or "sqlite").lower()
    if kind in ("elasticsearch", "es"):
        from .es_backend import ElasticsearchBackend

        backend = ElasticsearchBackend(config["ELASTICSEARCH_URL"], config.get("ELASTICSEARCH_INDEX") or "mingzhang",
                                       config)
    elif kind == "sqlite":
        from .sqlite_backend import SQLiteBackend

        backend = SQLiteBackend(config["SEARCH_INDEX_PATH"], config)
    else:
        raise ValueError(f"unknown SEARCH_BACKEND {kind!r} (use sqlite or elasticsearch)")
    backend.embed_query = QueryEmbedder(config)
    return backend


def reindex(config, engine, publication, backend=None):
    """Index exactly the published rows of ``publication`` into a fresh index, then swap."""
    from .semantic import embed_documents

    docs = build_documents(engine, publication["id"])
    vectors, vector_ids = embed_documents(config, docs)
    backend = backend or get_backend(config)
    report = backend.build(docs, publication_id=publication["id"], dictionary=dictionary_words(docs),
                           vectors=vectors, vector_ids=vector_ids)
    log.info("search index rebuilt for publication %s: %s", publication["id"], report)
    return report
