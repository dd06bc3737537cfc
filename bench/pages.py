"""Benchmark: import of the demo data, then page latency under a real WSGI server (gunicorn).

    .venv/bin/python bench/pages.py [--requests 200] [--instance DIR] [--skip-import]

1. times ``mingzhang demo`` (generate the raw demo files, de-identify, publish, index) into a
   temporary instance folder;
2. serves that instance with gunicorn (gunicorn.conf.py; access log off) on a free loopback port;
3. requests each page ``--requests`` times over one keep-alive connection after a warm-up and
   prints p50 / p95 / max latency in milliseconds.
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from support.servers import run_gunicorn  # noqa: E402 — the tests' server helpers


def run_import(instance, env):
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "mingzhang"), "demo"],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def fetch(conn, path):
    conn.request("GET", path, headers={"Accept-Encoding": "identity"})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return body


def pages_to_measure(conn):
    """Concrete URLs taken from the API, so the benchmark follows the data."""
    execution = json.loads(fetch(conn, "/api/execution"))
    year = execution["year"]
    district = next(r for r in execution["regions"]["rows"] if r["name"] != "市本级" and r["budget"])
    region = json.loads(fetch(conn, f"/api/execution/region/{district['code']}?year={year}"))
    dept = next(r for r in region["departments"]["rows"] if r["budget"])
    project = json.loads(fetch(conn, "/api/projects?per_page=1&sort=disbursed"))["projects"]["rows"][0]
    return [
        ("home", "/"),
        ("execution", f"/execution?year={year}"),
        ("drill-down: region", f"/execution/region/{district['code']}?year={year}"),
        ("drill-down: department", f"/execution/region/{district['code']}/dept/{dept['code']}?year={year}"),
        ("projects list", "/projects"),
        ("projects list, filtered", f"/projects?region={district['code']}&sort=progress"),
        ("project page", f"/projects/{project['code']}"),
        ("expenditure records", f"/records/expenditures?region={district['code']}&year={year}"),
        ("JSON /api/execution", f"/api/execution?year={year}"),
        ("JSON /api/projects", "/api/projects"),
    ]


def measure(port, path, requests, warmup=5):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(warmup):
        fetch(conn, path)
    timings, size = [], 0
    for _ in range(requests):
        started = time.perf_counter()
        size = len(fetch(conn, path))
        timings.append((time.perf_counter() - started) * 1000)
    conn.close()
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return {"p50": statistics.median(timings), "p95": cuts[94], "max": max(timings), "bytes": size}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--instance", type=Path, help="instance folder (default: a new temporary one)")
    parser.add_argument("--skip-import", action="store_true", help="reuse the data already in --instance")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mingzhang-bench-") as tmp:
        instance = args.instance or Path(tmp)
        env = {**os.environ, "MINGZHANG_INSTANCE": str(instance), "SECRET_KEY": "bench-secret",
               "PSEUDONYM_KEY": "bench-pseudonym", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
        env.pop("DATABASE_URL", None)
        if not args.skip_import:
            seconds = run_import(instance, env)
            print(f"import: mingzhang demo (generate + de-identify + publish + index) took {seconds:.1f} s")
        with run_gunicorn(env, timeout=120) as server:
            port = server.port
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            pages = pages_to_measure(conn)
            conn.close()
            print(f"server: gunicorn (gunicorn.conf.py) on 127.0.0.1:{port}; "
                  f"{args.requests} sequential keep-alive requests per page after 5 warm-up")
            print(f"{'page':<28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'KiB':>7}  url")
            for label, path in pages:
                result = measure(port, path, args.requests)
                print(f"{label:<28} {result['p50']:>8.1f} {result['p95']:>8.1f} {result['max']:>8.1f} "
                      f"{result['bytes'] / 1024:>7.1f}  {path}")


if __name__ == "__main__":
    main()
