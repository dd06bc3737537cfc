"""Dense vectors for hybrid search (BM25 + embeddings, fused by reciprocal rank).

The model is the project's shared multilingual-e5-small (nlq.embedding.get_model). Only
published, de-identified document text is embedded. When the model cannot be loaded,
hybrid search is off and results say so (``semantic.available`` false) — nothing is faked.
"""
import functools
import logging
import os

import numpy as np

log = logging.getLogger(__name__)
EMBEDDED_TYPES = ("project", "report", "department")  # budget lines are templated text: BM25 suffices
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "


def hybrid_enabled(config):
    value = config.get("SEARCH_HYBRID", os.environ.get("SEARCH_HYBRID", "1"))
    return str(value).lower() in ("1", "true", "on", "yes")


def get_model(config):
    """The shared sentence-transformers model, or None (logged) when it is unavailable."""
    try:
        from nlq.embedding import get_model as shared_model
    except ImportError:
        log.warning("hybrid search off: nlq.embedding is not available")
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
    matrix = model.encode([PASSAGE_PROMPT + passage_text(d) for d in chosen], batch_size=64,
                          normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    return matrix.astype(np.float32), [d["id"] for d in chosen]


class QueryEmbedder:
    """Callable text -> unit vector, loading the model on first use."""

    def __init__(self, config):
        self.config = config

    @functools.lru_cache(maxsize=1024)
    def __call__(self, text):
        model = get_model(self.config)
        if model is None:
            return None
        return model.encode([QUERY_PROMPT + text], normalize_embeddings=True, convert_to_numpy=True,
                            show_progress_bar=False)[0].astype(np.float32)
