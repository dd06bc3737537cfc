"""Benchmark: open-data downloads stream (bounded memory), comparison and white paper timings.

    .venv/bin/python bench/opendata.py [--instance DIR]

Uses a published instance (default: the newest cached test demo under .cache/demo-*), then
prints for the largest table (payments) the time and peak traced Python memory of a full
CSV / JSON / XLSX download consumed chunk by chunk (time untraced; memory in a second, traced pass), plus /api/compare and white paper times.
"""
import argparse
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def newest_demo():
    found = sorted((p for p in (ROOT / ".cache").glob("demo-*") if not p.name.endswith(".building")
                    and (p / "mingzhang.db").exists()), key=lambda p: p.stat().st_mtime)
    if not found:
        sys.exit("no cached demo: run the test suite once, or pass --instance")
    return found[-1]


def measure(client, url, trace):
    """(seconds, peak traced bytes or None, bytes out) of one download consumed chunk by chunk."""
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url, buffered=False)
    size = 0
    for chunk in response.response:
        size += len(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
    response.close()
    elapsed = time.perf_counter() - started
    if not trace:
        return elapsed, None, size
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instance", type=Path, default=None)
    args = parser.parse_args()
    instance = args.instance or newest_demo()
    from portal import create_app

    app = create_app({"INSTANCE_PATH": instance, "DATABASE_URL": f"sqlite:///{instance / 'mingzhang.db'}",
                      "SEARCH_INDEX_PATH": instance / "search.db", "SECRET_KEY": "bench", "TESTING": True})
    client = app.test_client()
    rows = next(d["rows"] for d in client.get("/api/datasets").get_json()["datasets"] if d["name"] == "payments")
    print(f"instance {instance}  payments rows {rows}")
    for fmt in ("csv", "json", "xlsx"):
        elapsed, _none, size = measure(client, f"/data/payments.{fmt}", trace=False)
        _slow, peak, _size = measure(client, f"/data/payments.{fmt}", trace=True)  # tracing slows it down
        print(f"payments.{fmt:<5} {elapsed:6.2f} s  {size / 1e6:7.1f} MB out  peak traced Python memory {peak / 1e6:6.1f} MB")
    for label, url in (("/api/compare", "/api/compare"), ("/compare (HTML)", "/compare"),
                       ("/reports/whitepaper", "/reports/whitepaper")):
        client.get(url)  # warm-up
        started = time.perf_counter()
        for _ in range(5):
            assert client.get(url).status_code == 200
        print(f"{label:<22} {(time.perf_counter() - started) / 5 * 1000:7.1f} ms per request (mean of 5)")


if __name__ == "__main__":
    main()
