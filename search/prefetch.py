"""Passage vectors made while an import writes, so the search index that follows finds them cached.

A first import of a province spends about as long embedding ~40,000 passages (single-threaded) as it
spends writing millions of payments, one after the other. The passages only need the published,
de-identified rows, which exist before the write starts: ``start`` hands their passage texts to a
separate process that encodes them into the vector cache (search/semantic.py VectorCache: hashes and
vectors, never text) while the import writes. The reindex stops it (``cancel``) before it embeds: what
it finished is cached batch by batch, and the texts it has not reached are encoded by the reindex on every
core — the import's own work is over by then, and the prefetch has one thread. The index is the same
either way.

Only command-line jobs prefetch (``BATCH_JOB``): a web worker keeps its cores for requests. Only imports
with at least MIN_PASSAGES passages: below that, loading the model in a second process costs more than
the overlap saves (a city's ~2,100 passages take ~20 s to encode).
"""
import logging
import multiprocessing

from .documents import passage_documents
from .semantic import (
    EMBED_BATCH,
    EMBEDDED_TYPES,
    PASSAGE_PROMPT,
    VectorCache,
    _embed_batch,
    get_model,
    hybrid_enabled,
    passage_text,
)

log = logging.getLogger(__name__)
_running = []  # the prefetch processes this process started and has not joined yet
MIN_PASSAGES = 5000
CONFIG_KEYS = ("EMBEDDING_MODEL", "EMBEDDING_THREADS", "SEARCH_EMBEDDING_CACHE", "SEARCH_HYBRID")


def passage_texts(tables):
    """The distinct passage texts (with their prompt) of the published rows' embedded documents."""
    docs = [d for d in passage_documents(tables) if d["type"] in EMBEDDED_TYPES]
    return sorted({PASSAGE_PROMPT + passage_text(d) for d in docs})


def start(config, tables):
    """Encode the passages of ``tables`` (published rows per table) into the vector cache in another
    process; returns it, or None when there is nothing to do."""
    if not config.get("BATCH_JOB") or not hybrid_enabled(config) or config.get("SEARCH_EMBEDDING_CACHE") == "off":
        return None
    texts = passage_texts(tables)
    if len(texts) < max(1, MIN_PASSAGES):
        return None
    settings = {key: config.get(key) for key in CONFIG_KEYS}
    # spawn, not fork: the parent may hold database connections and torch's thread pool
    process = multiprocessing.get_context("spawn").Process(target=_encode, args=(settings, texts), daemon=True,
                                                           name="mingzhang-embedding-prefetch")
    process.start()
    _running.append(process)
    log.info("encoding %d passages while the import writes (pid %s)", len(texts), process.pid)
    return process


def wait():
    """Join the prefetches started here (the reindex calls this before it embeds)."""
    while _running:
        _running.pop().join()


def cancel():
    """Stop the prefetches started here: the reindex takes over, or the import failed. A batch being
    encoded is lost (its transaction in the cache is rolled back); finished batches stay cached."""
    while _running:
        process = _running.pop()
        process.terminate()
        process.join()


def _encode(settings, texts):
    model = get_model(settings)
    if model is None:
        return
    cache = VectorCache(settings)
    for start_at in range(0, len(texts), EMBED_BATCH):
        _embed_batch(model, cache, texts[start_at:start_at + EMBED_BATCH])
