"""Benchmark: what the first visitor after a restart waits for (issue #18 item 5).

    .venv/bin/python bench/cold_start.py [--instance DIR] [--warm-up server,off] [--workers 1]

1. builds the demo instance with ``mingzhang demo`` into a temporary folder (or copies --instance DIR);
2. for each WARM_UP value (``server``: each gunicorn worker loads the models before its first request, the
   default; ``off``: everything loads on first use, as before) starts the real server — gunicorn with
   gunicorn.conf.py on a free 127.0.0.1 port — and takes the time from start until /healthz answers
   (the worker start, warm-up included);
3. then times, on fresh connections, the first /ask (the HTML page with a question), the first /search and
   the first /api/ask (another question), and prints them with what /healthz says is loaded.
Each figure is one request (a first request happens once per restart): run it twice to see the spread.
"""
import argparse
import http.client
import json
import shutil
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import run_import  # noqa: E402
from support.servers import portal_env, run_gunicorn  # noqa: E402 — on sys.path through pages

FIRST_REQUESTS = (
    ("/ask", "/ask?q=" + urllib.parse.quote("2024年全市教育支出是多少")),
    ("/search", "/search?q=" + urllib.parse.quote("农村公路")),
    ("/api/ask", "/api/ask?q=" + urllib.parse.quote("去年各区县修了多少公里农村公路")),
)
TARGET_MS = 500


def timed_get(port, path):
    """(milliseconds, status, body) of one GET on a new connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return (time.perf_counter() - started) * 1000, response.status, body


def cold_start(instance, warm_up, workers):
    """Start gunicorn over ``instance`` with WARM_UP=``warm_up``; the start time and the first requests."""
    env = portal_env(instance, WARM_UP=warm_up, WEB_CONCURRENCY=workers, RATELIMIT_ASK="1000 per minute")
    started = time.perf_counter()
    with run_gunicorn(env, timeout=600) as server:
        ready = time.perf_counter() - started
        _ms, _status, health = timed_get(server.port, "/healthz")
        firsts = [(name, *timed_get(server.port, path)[:2]) for name, path in FIRST_REQUESTS]
    return ready, json.loads(health).get("warm"), firsts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", type=Path, help="an instance folder with a publication (copied)")
    parser.add_argument("--warm-up", default="server,off", help="WARM_UP values to compare, comma-separated")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers (WEB_CONCURRENCY)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cold-start-") as tmp:
        instance = Path(tmp) / "instance"
        if args.instance:
            shutil.copytree(args.instance, instance)
        else:
            instance.mkdir()
            print(f"demo built in {run_import(instance, portal_env(instance)):.0f} s")
        for warm_up in args.warm_up.split(","):
            ready, warm, firsts = cold_start(instance, warm_up.strip(), args.workers)
            print(f"WARM_UP={warm_up}: start → /healthz answers {ready:.1f} s; loaded: {warm}")
            for name, ms, status in firsts:
                verdict = "ok" if ms < TARGET_MS and status == 200 else "SLOW" if status == 200 else f"HTTP {status}"
                print(f"  first {name:<9} {ms:8.0f} ms  {verdict}")
    print(f"(one request each, fresh connections; target < {TARGET_MS} ms. On a shared machine the figures are "
          "inflated by the other load.)")


if __name__ == "__main__":
    main()
