"""Benchmark: the search reindex's embedding step (search/semantic.py embed_documents), issue #14.

    .venv/bin/python bench/embed.py --instance DIR [--limit N] [--old-sample 300]

Reads the current publication's search documents from the instance's database, then embeds the
ones hybrid search uses (projects, reports, departments):
1. cold: with an empty vector cache (a temporary file) — every text is encoded;
2. warm: again with the cache the cold run filled — what a re-publication with unchanged titles costs;
3. with ``--old-sample K``: the first K documents with the passage text used before (title, names and
   160 characters of the body), for the per-document cost before/after.
Prints documents/s by CPU time (all threads of this process; the machine is shared, so wall time is
inflated and printed only alongside) and the peak RSS. The model is loaded before the clock starts.
torch runs on ``--threads`` threads (default 1): on a busy machine extra threads spin waiting for
each other, which inflates the CPU time without doing work.
"""
import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(label, work, count):
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<34} {count:>7,} docs  CPU {cpu:8.1f} s ({count / max(cpu, 1e-9):7.1f} docs/CPU-s)  "
          f"wall {wall:7.1f} s  peak RSS {rss:,.0f} MB")
    return cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", type=Path, required=True, help="an instance folder with a publication")
    parser.add_argument("--limit", type=int, default=0, help="embed only the first N documents")
    parser.add_argument("--old-sample", type=int, default=0, help="also time K documents with the old passage text")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)

    from sqlalchemy import create_engine

    from ledger.db import current_publication
    from search.documents import build_documents
    from search.semantic import EMBEDDED_TYPES, PASSAGE_PROMPT, embed_documents, get_model, passage_text

    engine = create_engine(f"sqlite:///{args.instance / 'mingzhang.db'}")
    with engine.connect() as conn:
        publication = current_publication(conn)
    docs = [d for d in build_documents(engine, publication["id"]) if d["type"] in EMBEDDED_TYPES]
    docs = docs[:args.limit] if args.limit else docs
    with tempfile.TemporaryDirectory() as folder:
        config = {"SEARCH_HYBRID": "1", "SEARCH_EMBEDDING_CACHE": str(Path(folder) / "vectors.sqlite"),
                  "SEARCH_HYBRID_MAX_DOCS": "0"}
        measure("load the model", lambda: get_model(config), 0)
        model = get_model(config)
        lengths = [len(passage_text(d)) for d in docs]
        print(f"publication #{publication['id']}: {len(docs):,} documents to embed, passage text "
              f"{sum(lengths) / max(len(lengths), 1):.0f} characters on average")
        measure("cold cache (every text encoded)", lambda: embed_documents(config, docs), len(docs))
        measure("warm cache (re-publication)", lambda: embed_documents(config, docs), len(docs))
        if args.old_sample:
            sample = docs[:args.old_sample]
            old = [f"{PASSAGE_PROMPT}{d['title']}。{d['names'].replace(' · ', '，')}。{d['body'][:160]}" for d in sample]
            new = [PASSAGE_PROMPT + passage_text(d) for d in sample]
            for label, texts in (("old passage text (title+names+body)", old), ("new passage text", new)):
                measure(label, lambda texts=texts: model.encode(texts, batch_size=64, show_progress_bar=False),
                        len(texts))


if __name__ == "__main__":
    main()
