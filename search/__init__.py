"""Search over published, de-identified data: one interface, two backends.

- ``get_backend(config)``: the embedded SQLite FTS5 backend (default) or Elasticsearch
  (SEARCH_BACKEND=elasticsearch, ELASTICSEARCH_URL). Backends offer ``search(request)``,
  ``count(text, filters)``, ``suggest(prefix)``, ``all_documents()``, ``build(docs, ...)``.
- ``reindex(config, engine, publication)``: called after each publication commits; builds a
  new index from that publication's published tables and swaps it in atomically.

With Elasticsearch configured, every re-index also builds the embedded SQLite index (the
fallback), and ``get_backend`` returns a ``DegradingBackend``: when Elasticsearch cannot be
reached it answers from the embedded index (results flagged ``degraded``, with a notice), or
raises ``SearchUnavailable`` when there is no embedded index either. Never a hang: client
requests time out after ELASTICSEARCH_TIMEOUT seconds (default 2), and after a failure
Elasticsearch is not asked again for ELASTICSEARCH_RETRY_AFTER seconds (default 30).
"""
import logging
import time
from pathlib import Path

from ledger.errors import UserError

from .documents import build_documents, dictionary_words
from .request import BadRequest, SearchRequest

log = logging.getLogger(__name__)

__all__ = ["BadRequest", "SearchRequest", "SearchUnavailable", "get_backend", "reindex"]

FALLBACK_NOTICE = "搜索服务暂时不可用，已改用本地索引"
UNAVAILABLE_MESSAGE = "搜索服务暂时不可用，请稍后再试"


class SearchUnavailable(UserError):
    """The configured search server cannot be reached and there is no embedded index to fall back to."""

    code = "search_unavailable"
    status = 503

    def __init__(self, *args):
        super().__init__(message=UNAVAILABLE_MESSAGE)


def _unreachable_errors():
    from elastic_transport import TransportError  # connection refused, timeouts, TLS failures

    return (TransportError,)


class DegradingBackend:
    """Elasticsearch first; the embedded SQLite index (built at the same publish) when it is down."""

    def __init__(self, primary, config):
        self.primary = primary
        self.config = config
        self.retry_after = float(config.get("ELASTICSEARCH_RETRY_AFTER") or 30)
        self._down_until = 0.0
        self._fallback = None
        self._embed_query = None

    name = property(lambda self: self.primary.name)

    @property
    def embed_query(self):
        return self._embed_query

    @embed_query.setter
    def embed_query(self, value):
        self._embed_query = self.primary.embed_query = value
        if self._fallback is not None:
            self._fallback.embed_query = value

    def __getattr__(self, attr):  # build, drop_all, ... go to Elasticsearch unchanged
        return getattr(self.primary, attr)

    def fallback(self):
        path = self.config.get("SEARCH_INDEX_PATH")
        if not path or not Path(path).exists():
            return None
        if self._fallback is None:
            from .sqlite_backend import SQLiteBackend

            self._fallback = SQLiteBackend(path, self.config)
            self._fallback.embed_query = self._embed_query
        return self._fallback

    def _call(self, ask):
        """``(ask(backend), degraded)``: Elasticsearch, or the fallback when it is unreachable."""
        if time.monotonic() >= self._down_until:
            try:
                return ask(self.primary), False
            except _unreachable_errors() as exc:
                log.warning("Elasticsearch unreachable (%s: %s); using the embedded index", type(exc).__name__, exc)
                self._down_until = time.monotonic() + self.retry_after
        fallback = self.fallback()
        if fallback is None:
            raise SearchUnavailable()
        return ask(fallback), True

    def search(self, *args, **kwargs):
        result, degraded = self._call(lambda b: b.search(*args, **kwargs))
        if degraded:
            result["degraded"] = True
            result["notices"] = [FALLBACK_NOTICE, *result.get("notices", [])]
        return result

    def suggest(self, *args, **kwargs):
        return self._call(lambda b: b.suggest(*args, **kwargs))[0]

    def count(self, *args, **kwargs):
        return self._call(lambda b: b.count(*args, **kwargs))[0]

    def exists(self):
        return self._call(lambda b: b.exists())[0]

    def info(self):
        info, degraded = self._call(lambda b: b.info())
        return {**info, "degraded": True} if degraded else info

    def all_documents(self):
        # Materialised so that an unreachable server is noticed here, not halfway through iteration.
        return self._call(lambda b: list(b.all_documents() or []))[0]


def get_backend(config):
    from .semantic import QueryEmbedder

    kind = (config.get("SEARCH_BACKEND") or "sqlite").lower()
    if kind in ("elasticsearch", "es"):
        from .es_backend import ElasticsearchBackend

        backend = DegradingBackend(ElasticsearchBackend(
            config["ELASTICSEARCH_URL"], config.get("ELASTICSEARCH_INDEX") or "mingzhang", config), config)
    elif kind == "sqlite":
        from .sqlite_backend import SQLiteBackend

        backend = SQLiteBackend(config["SEARCH_INDEX_PATH"], config)
    else:
        raise ValueError(f"unknown SEARCH_BACKEND {kind!r} (use sqlite or elasticsearch)")
    backend.embed_query = QueryEmbedder(config)
    return backend


def reindex(config, engine, publication, backend=None):
    """Index exactly the published rows of ``publication`` into a fresh index, then swap."""
    from . import prefetch
    from .semantic import embed_documents

    docs = build_documents(engine, publication["id"])
    # The passages an import began encoding while it wrote are read from the cache below; those its one thread
    # has not reached yet are encoded here on every core (SEARCH_INDEX_THREADS), faster than waiting for it.
    prefetch.cancel()
    vectors, vector_ids, semantic_off = embed_documents(config, docs)
    built = dict(publication_id=publication["id"], dictionary=dictionary_words(docs), vectors=vectors,
                 vector_ids=vector_ids, semantic_off=semantic_off)
    if backend is None:
        backend = get_backend(config)
        if isinstance(backend, DegradingBackend):
            # The embedded index is the fallback while Elasticsearch is down: build it first.
            from .sqlite_backend import SQLiteBackend

            SQLiteBackend(config["SEARCH_INDEX_PATH"], config).build(docs, **built)
            backend = backend.primary
    report = backend.build(docs, **built)
    log.info("search index rebuilt for publication %s: %s", publication["id"], report)
    return report
