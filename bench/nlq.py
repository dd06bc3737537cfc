"""Question-box benchmark: parse latency, end-to-end /api/ask latency over real HTTP, memory.

Usage: .venv/bin/python bench/nlq.py [--instance PATH] [--repeat N]
PATH is an instance folder with a published demo (default: the newest cached test demo under
.cache/demo-*). Uses the city questions of every evaluation set tests/eval/sets/*.jsonl (~1,500) with as_of 2026-10-31 and a
warm embedding model. Prints p50/p95 and the process RSS without and with the model loaded.
"""
import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from eval.sets import load_sets  # noqa: E402 — the evaluation sets, as the tests read them
from support.servers import serve_in_thread  # noqa: E402 — the tests' server helpers

AS_OF = dt.date(2026, 10, 31)


def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def find_instance():
    found = [p for p in (ROOT / ".cache").glob("demo-*") if p.is_dir() and not p.name.endswith(".building")
             and (p / "mingzhang.db").exists()]
    if not found:
        sys.exit("no cached demo: run the test suite once, or pass --instance")
    return max(found, key=lambda p: p.stat().st_mtime)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instance", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    source = args.instance or find_instance()
    work = Path(tempfile.mkdtemp(prefix="bench-nlq-"))
    shutil.copytree(source, work, dirs_exist_ok=True)
    # every evaluation set: the template set and the blind/held-out sets (their wordings are the varied ones)
    questions = [item.question for eval_set in load_sets() for item in eval_set.items
                 if item.dataset == "city" and "{" not in item.question]

    from ledger.db import current_publication
    from portal import create_app

    app = create_app({"INSTANCE_PATH": work, "DATABASE_URL": f"sqlite:///{work / 'mingzhang.db'}",
                      "SEARCH_INDEX_PATH": work / "search.db", "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    from portal.extensions import limiter

    limiter.enabled = False
    from ledger import embedding
    from nlq.answer import ask
    from nlq.lexicon import for_publication
    from nlq.parser import parse
    from nlq.text import normalize

    engine = app.extensions["mingzhang.engine"]
    with engine.connect() as conn:
        pub = current_publication(conn)
        lex = for_publication(conn, pub["id"], app.config)
        for q in questions[:20]:
            ask(conn, pub, q, as_of=AS_OF, config=app.config, use_embeddings=False)
    rss_without = rss_mb()
    torch_loaded_before = "torch" in sys.modules
    import torch

    torch.set_num_threads(2)  # the target machine has 2 cores
    t0 = time.perf_counter()
    model = embedding.get_model(app.config)
    model.encode(["warm"], prompt_name="query")
    load_s = time.perf_counter() - t0
    rss_with = rss_mb()

    parse_ms = []
    for _ in range(args.repeat):
        for q in questions:
            t = time.perf_counter()
            parse(normalize(q), lex, AS_OF, matcher=None)
            parse_ms.append((time.perf_counter() - t) * 1000)

    from werkzeug.serving import WSGIRequestHandler

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):
            pass

    with serve_in_thread(app, request_handler=Quiet) as url:
        base = f"{url}/api/ask?"
        for q in questions:  # warm: lexicon embeddings, SQLite page cache
            urllib.request.urlopen(base + urllib.parse.urlencode({"q": q, "as_of": AS_OF.isoformat()})).read()
        e2e_ms = []
        for _ in range(args.repeat):
            for q in questions:
                t = time.perf_counter()
                urllib.request.urlopen(base + urllib.parse.urlencode({"q": q, "as_of": AS_OF.isoformat()})).read()
                e2e_ms.append((time.perf_counter() - t) * 1000)
    shutil.rmtree(work, ignore_errors=True)

    print(f"questions: {len(questions)} × {args.repeat}  (demo: {source.name}, as_of {AS_OF})")
    print(f"parse           p50 {statistics.median(parse_ms):7.2f} ms   p95 {pct(parse_ms, 95):7.2f} ms")
    print(f"/api/ask (HTTP) p50 {statistics.median(e2e_ms):7.2f} ms   p95 {pct(e2e_ms, 95):7.2f} ms   max {max(e2e_ms):.1f} ms")
    print(f"memory (RSS)    portal without model {rss_without:7.1f} MB   with model {rss_with:7.1f} MB"
          f"   (model load {load_s:.1f} s; torch imported before the model: {torch_loaded_before})")


if __name__ == "__main__":
    main()
