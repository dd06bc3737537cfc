"""Search benchmark, one run, both backends: the embedded index (SQLite FTS5) and Elasticsearch on the same
synthetic documents and the same queries (issue #14, part 4).

    .venv/bin/python bench/search_backends.py --docs 1000000 [--queries 500] [--concurrency 1,4,8]
                                              [--elasticsearch-url URL] [--heap 768m] [--workdir DIR]

The corpus and the query mix are bench/search.py's (pre-segmented Zipf vocabulary of 20,000 words;
1–3 word queries, some filtered, some sorted by amount, some phrases, some with no match), so the two
runs compare. Without ``--elasticsearch-url`` a local node is started with scripts/elasticsearch.sh
(heap ``--heap``, at most 1g here) and stopped at the end. Both backends are called through the same
interface (``backend.search(SearchRequest)``: hits, total, facets, highlights), in this process, so
the figures include the Python client and result assembly for both.

Prints, per backend: index time, then (after one warm-up pass over the queries) p50 / p95 / p99 of the
queries one at a time, then for each concurrency level (threads in this process, each taking the next query) throughput and p50 / p95.
Figures depend on the machine's load; the load average is printed with them.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.request import SearchRequest  # noqa: E402


def _bench_search():
    """bench/search.py (its corpus and query mix), loaded under another name than the ``search`` package."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_corpus = _bench_search()
mixed_queries, percentile = _corpus.mixed_queries, _corpus.percentile
synthetic_documents, synthetic_vocabulary = _corpus.synthetic_documents, _corpus.synthetic_vocabulary


def load_average():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(backend, request):
    started = time.perf_counter()
    backend.search(request)
    return (time.perf_counter() - started) * 1000


def sequential(backend, queries):
    return [timed(backend, request) for request, _ in queries]


def concurrent(backend, queries, threads):
    lock, position = threading.Lock(), [0]
    timings = []

    def worker():
        while True:
            with lock:
                if position[0] >= len(queries):
                    return
                request = queries[position[0]][0]
                position[0] += 1
            timings.append(timed(backend, request))

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        for _ in range(threads):
            pool.submit(worker)
    return timings, len(queries) / (time.perf_counter() - started)


def start_elasticsearch(folder, heap):
    result = subprocess.run(["bash", str(ROOT / "scripts" / "elasticsearch.sh"), "start", "--dir", str(folder),
                             "--heap", heap], cwd=ROOT, capture_output=True, text=True, timeout=600)
    urls = re.findall(r"http://127\.0\.0\.1:\d+", result.stdout + result.stderr)
    if result.returncode != 0 or not urls:
        raise SystemExit(f"Elasticsearch did not start:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return urls[-1]


def stop_elasticsearch(folder):
    subprocess.run(["bash", str(ROOT / "scripts" / "elasticsearch.sh"), "stop", "--dir", str(folder)],
                   cwd=ROOT, capture_output=True, timeout=120)


def run_backend(label, backend, docs, vocabulary, queries, levels):
    print(f"\n== {label} ==", flush=True)
    started = time.perf_counter()
    report = backend.build(docs, publication_id=0, dictionary=vocabulary)
    seconds = time.perf_counter() - started
    print(f"indexed {report['documents']:,} documents in {seconds:.1f} s; load average {load_average()}")
    for request, _ in queries:  # one warm-up pass (segmenter, facet codes, ES caches and JIT), as a running server
        backend.search(request)
    times = sequential(backend, queries)
    row = {"label": label, "index_s": seconds, "p50": percentile(times, 50), "p95": percentile(times, 95),
           "p99": percentile(times, 99), "levels": {}}
    print(f"1 at a time, {len(queries)} queries: p50 {row['p50']:.1f}  p95 {row['p95']:.1f}  "
          f"p99 {row['p99']:.1f} ms; load average {load_average()}", flush=True)
    for threads in levels:
        timings, rate = concurrent(backend, queries, threads)
        row["levels"][threads] = (rate, percentile(timings, 50), percentile(timings, 95))
        print(f"{threads} concurrent: {rate:.0f} queries/s, p50 {percentile(timings, 50):.1f}  "
              f"p95 {percentile(timings, 95):.1f} ms", flush=True)
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--concurrency", default="4", help="comma-separated thread counts (empty: none)")
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", ""))
    parser.add_argument("--heap", default="768m")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    levels = [int(x) for x in args.concurrency.split(",") if x.strip()]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="mingzhang-bench-backends-"))
    workdir.mkdir(parents=True, exist_ok=True)

    from search.es_backend import ElasticsearchBackend
    from search.sqlite_backend import SQLiteBackend

    rng = random.Random(20240101)
    vocabulary = synthetic_vocabulary(random.Random(1))
    titles = [doc["title"] for doc in synthetic_documents(2000, vocabulary)]
    queries = mixed_queries(rng, vocabulary, args.queries, titles)
    # The same requests for both; hybrid (vector) search off: no model in this benchmark.
    queries = [(SearchRequest(q=r.q, filters=r.filters, sort=r.sort, hybrid=False), p) for r, p in queries]
    print(f"{args.docs:,} synthetic documents, {len(queries)} mixed queries, {os.cpu_count()} CPUs, "
          f"load average {load_average()} at start")

    rows = []
    rows.append(run_backend("embedded (SQLite FTS5)", SQLiteBackend(workdir / f"synthetic-{args.docs}.db"),
                            synthetic_documents(args.docs, vocabulary), vocabulary, queries, levels))
    es_folder = None
    try:
        url = args.elasticsearch_url
        if not url:
            es_folder = workdir / "es"
            url = start_elasticsearch(es_folder, args.heap)
            print(f"\nElasticsearch: local node {url} (scripts/elasticsearch.sh, heap {args.heap})")
        backend = ElasticsearchBackend(url, alias="bench-backends", config={"ELASTICSEARCH_TIMEOUT": 30})
        try:
            rows.append(run_backend("Elasticsearch 8", backend, synthetic_documents(args.docs, vocabulary),
                                    vocabulary, queries, levels))
        finally:
            backend.drop_all()
    finally:
        if es_folder:
            stop_elasticsearch(es_folder)

    print(f"\n{args.docs:,} documents, {len(queries)} queries (ms; queries/s at each concurrency):")
    header = f"{'backend':<24} {'index s':>8} {'p50':>7} {'p95':>7} {'p99':>7}"
    header += "".join(f"  {f'{n} thr q/s, p95':>16}" for n in levels)
    print(header)
    for row in rows:
        line = f"{row['label']:<24} {row['index_s']:>8.0f} {row['p50']:>7.1f} {row['p95']:>7.1f} {row['p99']:>7.1f}"
        line += "".join(f"  {row['levels'][n][0]:>7.0f}, {row['levels'][n][2]:>6.1f}" for n in levels)
        print(line)
    print(f"load average at the end {load_average()} ({os.cpu_count()} CPUs): figures taken on a busy machine "
          "are inflated")


if __name__ == "__main__":
    main()
