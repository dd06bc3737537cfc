"""Dense vectors for hybrid search (BM25 + embeddings, fused by reciprocal rank).

The model is the project's shared multilingual-e5-small (ledger.embedding.get_model). Only
published, de-identified document text is embedded. When the model cannot be loaded,
hybrid search is off and results say so (``semantic.available`` false) — nothing is faked.
"""
import contextlib
import functools
import logging
import os

import numpy as np

log = logging.getLogger(__name__)
EMBEDDED_TYPES = ("project", "report", "department")  # budget lines are templated text: BM25 suffices
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "


def hybrid_enabled(config):
    value = config.get("SEARCH_HYBRID", "1")
    return str(value).lower() in ("1", "true", "on", "yes")


def get_model(config):
    """The shared sentence-transformers model, or None (logged) when it is unavailable."""
    try:
        from ledger.embedding import get_model as shared_model
    except ImportError:
        log.warning("hybrid search off: ledger.embedding is not available")
        return None
    try:
        return shared_model(config)
    except Exception as exc:  # a missing/corrupt model must not break keyword search
        log.warning("hybrid search off: embedding model failed to load: %s", exc)
        return None


PASSAGE_CHARS = 64  # the cost of embedding grows with the length (~24 tokens on the demo, was ~150)
EMBED_BATCH = 512  # documents per streamed batch: bounded memory, and finished batches stay cached


def passage_text(doc):
    """Title, category (a report's kind, a department's region) and spending class: what a document is
    about, short and stable. Names of places, departments and contractors are left to keyword search,
    and the body to keyword search too: it holds progress, status and the latest notes, which change
    every month and would defeat the vector cache."""
    category = doc["names"].split(" · ")[0] if doc["names"] else ""
    parts = dict.fromkeys(part for part in (doc["title"], category, doc.get("class_name")) if part)
    return "，".join(parts)[:PASSAGE_CHARS]


def max_documents(config):
    return int(config.get("SEARCH_HYBRID_MAX_DOCS") or 0)


def semantic_off_reason(config, count):
    """Why an index of ``count`` embeddable documents gets no vectors (Chinese, shown to users), or None."""
    limit = max_documents(config)
    if limit and count > limit:
        return (f"文档数 {count:,} 超过语义检索上限 {limit:,}（SEARCH_HYBRID_MAX_DOCS），"
                "本索引只按关键词检索")
    return None


def embed_documents(config, docs):
    """(matrix, ids, off_reason) for the documents worth embedding; (None, [], reason) when there are none.

    Streams: the texts are hashed and looked up in the vector cache one batch at a time, only the
    missing ones are encoded, and each batch is cached as soon as it is done — an interrupted reindex
    loses at most one batch. Above SEARCH_HYBRID_MAX_DOCS documents nothing is embedded and the
    returned reason says so (the index records it; search results show it).
    """
    if not hybrid_enabled(config):
        return None, [], None
    chosen = [d for d in docs if d["type"] in EMBEDDED_TYPES]
    reason = semantic_off_reason(config, len(chosen))
    if not chosen or reason:
        if reason:
            log.warning("hybrid search off for this index: %s", reason)
        return None, [], reason
    model = get_model(config)
    if model is None:
        return None, [], None
    cache = VectorCache(config)
    matrix = None
    with torch_threads(batch_threads(config)):
        for start in range(0, len(chosen), EMBED_BATCH):
            batch = _embed_batch(model, cache, [PASSAGE_PROMPT + passage_text(d)
                                                for d in chosen[start:start + EMBED_BATCH]])
            if matrix is None:
                matrix = np.empty((len(chosen), batch.shape[1]), dtype=np.float32)
            matrix[start:start + len(batch)] = batch
    return matrix, [d["id"] for d in chosen], None


def batch_threads(config):
    """Threads for a bulk embedding: SEARCH_INDEX_THREADS (0: every core) in a command-line job (``BATCH_JOB``,
    set by the CLI: nothing else runs in the process then; two threads encode a first province index ~1.6× as
    fast), else None: a web worker keeps EMBEDDING_THREADS, as questions share its process."""
    if not config.get("BATCH_JOB"):
        return None
    return int(config.get("SEARCH_INDEX_THREADS") or 0) or os.cpu_count() or 1


@contextlib.contextmanager
def torch_threads(threads):
    """torch's (process-wide) thread count set to ``threads`` for the block, then restored; None: unchanged."""
    if not threads:
        yield
        return
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _embed_batch(model, cache, texts):
    """Vectors of ``texts`` in order: cached ones read, the others encoded once per distinct text."""
    vectors = cache.get(texts)
    missing = sorted({t for t, v in zip(texts, vectors) if v is None})
    if missing:
        fresh = model.encode(missing, batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
                             show_progress_bar=False).astype(np.float32)
        cache.put(missing, fresh)
        by_text = dict(zip(missing, fresh))
        vectors = [by_text[t] if v is None else v for t, v in zip(texts, vectors)]
    return np.vstack(vectors).astype(np.float32)


class VectorCache:
    """Passage vectors keyed by SHA-256 of (model, text): re-publications re-embed only changed text.

    Holds hashes and vectors only, never text. SEARCH_EMBEDDING_CACHE sets the file
    (default .cache/search-embeddings.sqlite in the project folder; "off" disables it).
    """

    def __init__(self, config):
        from ledger.paths import CACHE_DIR

        location = config.get("SEARCH_EMBEDDING_CACHE") or \
            str(CACHE_DIR / "search-embeddings.sqlite")
        self.path = None if location == "off" else location
        self.model = config.get("EMBEDDING_MODEL") or "e5-small"

    def _key(self, text):
        import hashlib

        return hashlib.sha256(f"{self.model}\0{text}".encode()).hexdigest()

    def _connect(self):
        import sqlite3
        from pathlib import Path

        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        return conn

    def get(self, texts):
        if not self.path:
            return [None] * len(texts)
        try:
            conn = self._connect()
            found = {}
            keys = [self._key(t) for t in texts]
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                for key, blob in conn.execute(
                        f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
            conn.close()
            return [found.get(k) for k in keys]
        except Exception as exc:  # the cache is an optimisation only
            log.warning("embedding cache unavailable: %s", exc)
            return [None] * len(texts)

    def put(self, texts, vectors):
        if not self.path:
            return
        try:
            conn = self._connect()
            with conn:
                conn.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?)",
                                 [(self._key(t), np.asarray(v, dtype=np.float32).tobytes())
                                  for t, v in zip(texts, vectors)])
            conn.close()
        except Exception as exc:
            log.warning("embedding cache not written: %s", exc)


class QueryEmbedder:
    """Callable text -> unit vector, loading the model on first use."""

    def __init__(self, config):
        self.config = config
        self._cached = functools.lru_cache(maxsize=1024)(self._encode)  # per instance: freed with it

    def __call__(self, text):
        return self._cached(text)

    def _encode(self, text):
        model = get_model(self.config)
        if model is None:
            return None
        return model.encode([QUERY_PROMPT + text], normalize_embeddings=True, convert_to_numpy=True,
                            show_progress_bar=False)[0].astype(np.float32)
