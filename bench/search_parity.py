"""Parity of the two search backends on the demo publication: overlap@10 per query and facet agreement.

    .venv/bin/python bench/search_parity.py                     # keyword search (BM25) only
    .venv/bin/python bench/search_parity.py --hybrid            # also hybrid (needs the embedding model)
    .venv/bin/python bench/search_parity.py --es-url http://127.0.0.1:9200 --instance instance/

Indexes the published demo into the embedded SQLite backend and into Elasticsearch (ELASTICSEARCH_URL or
--es-url; otherwise a throwaway node started with scripts/elasticsearch.sh and stopped at the end), then
runs every query of tests/data/relevance.jsonl on both and prints, per query: the totals, overlap@10
(|top 10 of SQLite ∩ top 10 of Elasticsearch| / the longer of the two lists, at most 10), whether the first
result agrees, and the facet agreement (share of facet values, over both backends, counted the same).
The SQLite backend defines the expected behaviour; nothing is asserted: this prints figures.
Not part of the test suite.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.documents import build_documents, dictionary_words  # noqa: E402
from search.request import FACETS, SearchRequest  # noqa: E402

QUERIES = [json.loads(line) for line in (ROOT / "tests" / "data" / "relevance.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]


def demo_instances():
    """Published demos, newest first: the test suite's cache, then instance/."""
    cached = sorted((ROOT / ".cache").glob("demo-*/mingzhang.db"), key=lambda p: -p.stat().st_mtime)
    return [p.parent for p in cached] + ([ROOT / "instance"] if (ROOT / "instance" / "mingzhang.db").exists() else [])


def current(instance):
    from ledger.db import current_publication, make_engine

    engine = make_engine(f"sqlite:///{instance / 'mingzhang.db'}")
    try:
        with engine.connect() as conn:
            return engine, current_publication(conn)
    except Exception:  # noqa: BLE001 - a cache folder still being built
        return engine, None


class Node:
    """ELASTICSEARCH_URL / --es-url, or a throwaway node for this run."""

    def __init__(self, url):
        self.url, self.dir = url, None

    def __enter__(self):
        if not self.url:
            self.dir = tempfile.mkdtemp(prefix="mingzhang-es-parity-")
            script = ROOT / "scripts" / "elasticsearch.sh"
            out = subprocess.run(["bash", str(script), "start", "--dir", self.dir, "--watch-pid", str(os.getpid())],
                                 capture_output=True, text=True, check=True)
            self.url = out.stdout.strip().splitlines()[-1]
            print(f"started a throwaway Elasticsearch node on {self.url}")
        return self.url

    def __exit__(self, *exc):
        if self.dir:
            subprocess.run(["bash", str(ROOT / "scripts" / "elasticsearch.sh"), "stop", "--dir", self.dir],
                           capture_output=True)


def facet_counts(result):
    return {(facet, item["value"]): item["count"] for facet in FACETS for item in result["facets"][facet]}


def compare(sqlite, es, query, hybrid, embed):
    request = SearchRequest(q=query, size=10, hybrid=hybrid)
    a = sqlite.search(request, embed_query=embed)
    b = es.search(request, embed_query=embed)
    top_a, top_b = [r["id"] for r in a["results"]], [r["id"] for r in b["results"]]
    longest = max(len(top_a), len(top_b))
    overlap = len(set(top_a) & set(top_b)) / longest if longest else 1.0
    fa, fb = facet_counts(a), facet_counts(b)
    keys = set(fa) | set(fb)
    agree = sum(1 for k in keys if fa.get(k) == fb.get(k)) / len(keys) if keys else 1.0
    differing = sorted((k for k in keys if fa.get(k) != fb.get(k)), key=lambda k: (k[0], str(k[1])))
    return {"q": query, "total_sqlite": a["total"], "total_es": b["total"], "exact_sqlite": a["total_exact"],
            "overlap": overlap, "top1": bool(top_a and top_b and top_a[0] == top_b[0]) or not (top_a or top_b),
            "facets": agree, "facet_diffs": [(k, fa.get(k), fb.get(k)) for k in differing[:4]],
            "ms_sqlite": a["took_ms"], "ms_es": b["took_ms"]}


def report(rows, label):
    print(f"\n== {label}: {len(rows)} queries ==")
    print(f"{'kind':<13} {'overlap@10':>10} {'top1':>5} {'facets':>7} {'total sqlite/es':>17}  query")
    for row in rows:
        totals = f"{row['total_sqlite']}{'' if row['exact_sqlite'] else '+'}/{row['total_es']}"
        print(f"{row['kind']:<13} {row['overlap']:>10.2f} {'yes' if row['top1'] else 'no':>5} "
              f"{row['facets']:>7.2f} {totals:>17}  {row['q']}")
        for (facet, value), count_a, count_b in row["facet_diffs"]:
            print(f"{'':<13} {'':>10} {'':>5} {'':>7} {'':>17}    {facet}={value}: sqlite {count_a}, es {count_b}")
    by_kind = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
    print(f"\n{'kind':<13} {'queries':>7} {'overlap@10':>10} {'top1 agree':>10} {'facets':>7}")
    for kind, group in sorted(by_kind.items()) + [("ALL", rows)]:
        print(f"{kind:<13} {len(group):>7} {statistics.mean(r['overlap'] for r in group):>10.3f} "
              f"{sum(r['top1'] for r in group) / len(group):>10.3f} {statistics.mean(r['facets'] for r in group):>7.3f}")
    same_total = sum(1 for r in rows if r["total_sqlite"] == r["total_es"])
    print(f"same total: {same_total}/{len(rows)}; facet counts all equal: "
          f"{sum(1 for r in rows if r['facets'] == 1.0)}/{len(rows)}; median took_ms sqlite "
          f"{statistics.median(r['ms_sqlite'] for r in rows):.1f}, es {statistics.median(r['ms_es'] for r in rows):.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--instance", type=Path, default=None, help="instance folder with a published demo")
    parser.add_argument("--es-url", default=os.environ.get("ELASTICSEARCH_URL", ""))
    parser.add_argument("--hybrid", action="store_true", help="embed the documents and compare hybrid search too")
    args = parser.parse_args()
    from search.es_backend import ElasticsearchBackend
    from search.sqlite_backend import SQLiteBackend

    for instance in [args.instance] if args.instance else demo_instances():
        engine, pub = current(instance)
        if pub:
            break
    else:
        sys.exit("no published demo found (run `make test` once, or `mingzhang demo`)")
    docs = build_documents(engine, pub["id"])
    dictionary = dictionary_words(docs)
    print(f"demo: {len(docs):,} documents from publication #{pub['id']} in {instance}")
    vectors, vector_ids, embed = None, None, None
    if args.hybrid:
        from search.semantic import QueryEmbedder, embed_documents

        config = {"SEARCH_HYBRID": "1"}
        vectors, vector_ids, _off = embed_documents(config, docs)
        if vectors is None:
            sys.exit("--hybrid: the embedding model is not available")
        embed = QueryEmbedder(config)
        print(f"embedded {len(vector_ids):,} documents")

    workdir = Path(tempfile.mkdtemp(prefix="mingzhang-parity-"))
    sqlite = SQLiteBackend(workdir / "search.db")
    started = time.perf_counter()
    sqlite.build(docs, publication_id=pub["id"], dictionary=dictionary, vectors=vectors, vector_ids=vector_ids)
    print(f"sqlite: indexed in {time.perf_counter() - started:.1f} s")
    with Node(args.es_url) as url:
        es = ElasticsearchBackend(url, f"mingzhang-parity-{uuid.uuid4().hex[:8]}", {"ELASTICSEARCH_TIMEOUT": 30})
        started = time.perf_counter()
        es.build(docs, publication_id=pub["id"], dictionary=dictionary, vectors=vectors, vector_ids=vector_ids)
        print(f"elasticsearch: indexed in {time.perf_counter() - started:.1f} s ({url})")
        try:
            modes = [("keyword search (BM25)", False)] + ([("hybrid search (BM25 + kNN, RRF)", True)] if args.hybrid
                                                          else [])
            for label, hybrid in modes:
                rows = [{"kind": q["kind"], **compare(sqlite, es, q["q"], hybrid, embed)} for q in QUERIES]
                report(rows, label)
        finally:
            es.drop_all()


if __name__ == "__main__":
    main()
