"""Dense vectors for hybrid search (BM25 + embeddings, fused by reciprocal rank).

The model is the project's shared multilingual-e5-small (ledger.embedding.get_model). Only
published, de-identified document text is embedded. When the model cannot be loaded,
hybrid search is off and results say so (``semantic.available`` false) — nothing is faked.
"""
import functools
import logging

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


def passage_text(doc):
    return f"{doc['title']}。{doc['names'].replace(' · ', '，')}。{doc['body'][:160]}"


def embed_documents(config, docs):
    """(matrix, ids) for the documents worth embedding, or (None, []) without a model."""
    if not hybrid_enabled(config):
        return None, []
    model = get_model(config)
    if model is None:
        return None, []
    chosen = [d for d in docs if d["type"] in EMBEDDED_TYPES]
    if not chosen:
        return None, []
    texts = [PASSAGE_PROMPT + passage_text(d) for d in chosen]
    cache = VectorCache(config)
    vectors = cache.get(texts)
    missing = [i for i, v in enumerate(vectors) if v is None]
    if missing:
        fresh = model.encode([texts[i] for i in missing], batch_size=64, normalize_embeddings=True,
                             convert_to_numpy=True, show_progress_bar=False).astype(np.float32)
        for i, vector in zip(missing, fresh):
            vectors[i] = vector
        cache.put([texts[i] for i in missing], fresh)
    return np.vstack(vectors).astype(np.float32), [d["id"] for d in chosen]


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
