"""Benchmark: the demo city at N times its size — import, then warm page latency per page type (issue #14).

    .venv/bin/python bench/scale.py --scale N [--postgres] [--elasticsearch] [--requests 60]
                                    [--questions 50] [--instance DIR [--skip-import]] [--raw RAW_DIR]

1. starts what the run needs: with ``--postgres`` a throwaway PostgreSQL cluster (tests/support/postgres.py),
   with ``--elasticsearch`` a local Elasticsearch node (scripts/elasticsearch.sh, heap 768m); otherwise the
   database is SQLite and search the embedded FTS5 index, both in the instance folder;
2. runs ``mingzhang demo --scale N`` (generate the raw files, de-identify, publish, index search) and
   records its wall time, CPU seconds and peak RSS; with ``--raw RAW_DIR`` it imports raw files generated
   before (``mingzhang demo … --no-publish --out RAW_DIR``) with ``mingzhang import`` instead, so the
   import can be measured again without generating five million payments again;
3. serves the instance with gunicorn (gunicorn.conf.py), and for every page type requests each of its
   URLs after a warm-up, sequentially over one keep-alive connection, and prints p50 / p95 / max;
   /search over a fixed list of queries and /api/ask over ``--questions`` questions from the evaluation
   sets (tests/eval/sets), each asked once after one warm-up round;
4. times whole-listing CSV downloads (every project; a year's payments), which stream from the database
   cursor, a few times each: their p95 has no target, their memory shows in the workers' peak RSS;
5. prints the peak RSS of the serving workers, and stops everything it started.

What ``--scale N`` makes (ledger/demo): ~2,000×N projects, ~100,000×N payments, ~22,000×N people; from
N ≥ 2 N cities' worth of districts (10×N) and departments (~100×N). ``--payments-factor F`` multiplies the
payments alone (~100,000×N×F). The issue's province (~100 districts, 2,000 departments, 40,000 projects,
5,000,000 payments) is ``--scale 20 --payments-factor 2.5`` (with 200 districts rather than ~100). Figures depend on the machine's load: the script prints them, with the load average, so a
quiet machine can re-run it.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from support.servers import run_gunicorn  # noqa: E402 — the tests' server helpers

SEARCH_QUERIES = ["学校", "道路改造", "医院", "养老", "污水处理", "教育局", "公园", "农村公路", "供水",
                  "幼儿园", "体育", "消防", "水利", "绿化", "住房", "保障性住房", "卫生院", "桥梁",
                  "垃圾", "路灯"]
TARGET_PAGE_MS, TARGET_SEARCH_MS = 100, 50


def pct(values, p):
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def fetch(conn, path):
    conn.request("GET", path, headers={"Accept-Encoding": "identity"})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}: {body[:300]!r}")
    return body


def q(text):
    return urllib.parse.quote(text)


def start_elasticsearch(folder):
    result = subprocess.run(["bash", str(ROOT / "scripts" / "elasticsearch.sh"), "start", "--dir", str(folder),
                             "--heap", "768m"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"Elasticsearch did not start:\n{result.stderr[-3000:]}")
    url = re.findall(r"http://127\.0\.0\.1:\d+", result.stdout + result.stderr)
    if not url:
        raise SystemExit(f"no URL printed by scripts/elasticsearch.sh:\n{result.stdout}\n{result.stderr}")
    return url[-1]


def stop_elasticsearch(folder):
    subprocess.run(["bash", str(ROOT / "scripts" / "elasticsearch.sh"), "stop", "--dir", str(folder)],
                   cwd=ROOT, capture_output=True, timeout=120)


def raw_files(folder):
    """The files ``mingzhang demo --out`` wrote: the city's tables and each payments-N folder's payments."""
    return sorted(p for p in folder.iterdir() if p.is_file()) + sorted(folder.glob("payments-*/*"))


def run_import(env, scale, as_of, payments_factor=1.0, raw=None):
    """``mingzhang demo --scale N [--payments-factor F]`` — or, with ``raw``, ``mingzhang import`` of files a
    demo generated before: wall seconds, CPU seconds (the process and the de-identification workers it waited
    for: the figure a loaded machine does not inflate) and peak RSS (MB)."""
    command = [str(Path(sys.executable).parent / "mingzhang"), "demo", "--scale", f"{scale:g}",
               "--payments-factor", f"{payments_factor:g}", "--as-of", as_of]
    if raw:
        command = [command[0], "import", *map(str, raw_files(raw)), "--dataset", "city",
                   "--title", "示例市预算执行数据（演示）", "--replace", "--yes"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{command[1]} failed ({process.returncode}):\n{output[-3000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


def worker_rss(master_pid):
    """Peak RSS (VmHWM, MB) of each gunicorn worker."""
    peaks = []
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        return peaks
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        found = re.search(r"VmHWM:\s+(\d+) kB", status)
        if found:
            peaks.append(int(found.group(1)) / 1024)
    return peaks


def page_types(conn):
    """(label, [urls]) per page type, taken from the API so the benchmark follows the data."""
    execution = json.loads(fetch(conn, "/api/execution"))
    year = execution["year"]
    districts = [r for r in execution["regions"]["rows"] if r["name"] != "市本级" and r["budget"]]
    district = districts[0]
    region = json.loads(fetch(conn, f"/api/execution/region/{district['code']}?year={year}"))
    depts = [r for r in region["departments"]["rows"] if r["budget"]]
    project = json.loads(fetch(conn, "/api/projects?per_page=1&sort=disbursed"))["projects"]["rows"][0]
    last = json.loads(fetch(conn, "/api/compare"))["month"]  # the last month with data (0: whole years only)
    months = sorted({1, max(1, last // 2), last}) if last else []
    pages = [
        ("home", ["/"]),
        ("/execution (city)", [f"/execution?year={year}"]),
        ("/execution region", [f"/execution/region/{d['code']}?year={year}" for d in districts[:3]]),
        ("/execution department", [f"/execution/region/{district['code']}/dept/{d['code']}?year={year}"
                                   for d in depts[:3]]),
        ("/projects list", ["/projects", "/projects?page=5"]),
        ("/projects sorted", ["/projects?sort=disbursed", "/projects?sort=progress",
                              f"/projects?region={district['code']}&sort=disbursed"]),
        ("project page", [f"/projects/{project['code']}"]),
        ("contractor page", [f"/contractors/{q(project['contractor'])}"] if project.get("contractor") else []),
        ("payments, one year", [f"/records/payments?year={year}", f"/records/payments?year={year}&page=20"]),
        ("expenditures, one year", [f"/records/expenditures?region={district['code']}&year={year}"]),
        ("/compare", ["/compare"]),
        ("/compare, a month", [f"/compare?year={year}&month={m}" for m in months]),
        ("/execution, a month", [f"/execution?year={year}&month={m}" for m in months]),
        ("/performance", ["/performance", "/performance?page=3"]),
        ("/performance filtered", [f"/performance?region={district['code']}", f"/performance?year={year}"]),
        ("JSON /api/execution", [f"/api/execution?year={year}"] + [f"/api/execution?year={year}&month={m}"
                                                                   for m in months[:1]]),
        ("JSON /api/compare", ["/api/compare"]),
        ("JSON /api/projects sorted", ["/api/projects?sort=disbursed", "/api/projects?sort=progress&page=3"]),
        ("JSON /api/performance", ["/api/performance"]),
        ("/search", [f"/search?q={q(text)}" for text in SEARCH_QUERIES]),
        ("/api/search", [f"/api/search?q={q(text)}" for text in SEARCH_QUERIES]),
    ]
    return [(label, urls) for label, urls in pages if urls]


def downloads(conn):
    """(label, [urls]) of whole-listing CSV downloads."""
    year = json.loads(fetch(conn, "/api/execution"))["year"]
    return [("download /projects.csv", ["/projects.csv"]),
            ("download payments, 1 year", [f"/records/payments.csv?year={year}"])]


def questions(count):
    from eval.sets import load_sets

    found = [item.question for eval_set in load_sets() for item in eval_set.items
             if item.dataset == "city" and "{" not in item.question]
    step = max(1, len(found) // count)
    return found[::step][:count]


def measure(port, urls, requests, warmup=3):
    """Latencies (ms) of ``requests`` rounds over ``urls`` (at least one request per URL), after warm-up."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for url in urls:
        for _ in range(warmup):
            fetch(conn, url)
    rounds = max(1, requests // len(urls))
    timings, size = [], 0
    for _ in range(rounds):
        for url in urls:
            started = time.perf_counter()
            size = max(size, len(fetch(conn, url)))
            timings.append((time.perf_counter() - started) * 1000)
    conn.close()
    return timings, size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=2.0)
    parser.add_argument("--payments-factor", type=float, default=1.0,
                        help="payments × F on top of --scale (mingzhang demo --payments-factor; the issue's "
                             "province: --scale 20 --payments-factor 2.5)")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL (a throwaway local cluster)")
    parser.add_argument("--elasticsearch", action="store_true", help="search in a local Elasticsearch node")
    parser.add_argument("--requests", type=int, default=60, help="measured requests per page type")
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--instance", type=Path, help="instance folder, kept (default: a new temporary one); with "
                        "--postgres / --elasticsearch their data is kept in it too, in postgres/ and elasticsearch/")
    parser.add_argument("--skip-import", action="store_true", help="serve and measure an imported --instance again")
    parser.add_argument("--raw", type=Path, help="import the raw files a demo generated before (mingzhang demo --out "
                        "DIR --no-publish, or an instance's raw/city) with mingzhang import instead of generating them")
    parser.add_argument("--ask-only", action="store_true", help="measure /api/ask alone (and list its slowest "
                        "questions): for tracing a slow question without the page types")
    parser.add_argument("--as-of", default="2026-10-31",
                        help="the demo's as-of date (default: the tests' DEMO_AS_OF, so runs compare)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="mingzhang-scale-"))
    instance = args.instance or tmp / "instance"
    instance.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MINGZHANG_INSTANCE": str(instance), "SECRET_KEY": "bench-secret",
           "PSEUDONYM_KEY": "bench-pseudonym", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT),
           "RATELIMIT_ASK": "100000 per minute", "RATELIMIT_DOWNLOAD": "100000 per minute"}
    env.pop("DATABASE_URL", None)
    if args.raw:  # an import is not the demo: it needs a real pseudonym key, which the instance generates
        env.pop("PSEUDONYM_KEY")
    cluster, es_folder = None, None
    try:
        if args.postgres:
            from support.postgres import PostgresCluster

            cluster = PostgresCluster(args.instance / "postgres" if args.instance else None).start()
            env["DATABASE_URL"] = cluster.url()
        if args.elasticsearch:
            es_folder = args.instance / "elasticsearch" if args.instance else tmp / "es"
            if args.instance:  # a non-empty folder is not cleared on stop (scripts/elasticsearch.sh)
                es_folder.mkdir(parents=True, exist_ok=True)
                (es_folder / ".kept").touch()
            env["SEARCH_BACKEND"] = "elasticsearch"
            env["ELASTICSEARCH_URL"] = start_elasticsearch(es_folder)
            env["ELASTICSEARCH_INDEX"] = "mingzhang-scale"
        database = "PostgreSQL" if args.postgres else "SQLite"
        search = "Elasticsearch (heap 768m)" if args.elasticsearch else "embedded FTS5"
        shape = f"raw files {args.raw}" if args.raw else f"scale ×{args.scale:g}, payments ×{args.payments_factor:g}"
        print(f"{shape}; database {database}; search {search}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at start")

        if not args.skip_import:
            seconds, cpu, rss, output = run_import(env, args.scale, args.as_of, args.payments_factor, args.raw)
            counts = re.search(r"已发布 #\d+「[^」]*」：(.*)", output)
            what = (f"mingzhang import {args.raw}/… (de-identify + publish + index)" if args.raw else
                    f"mingzhang demo --scale {args.scale:g} --payments-factor {args.payments_factor:g} "
                    f"--as-of {args.as_of} (generate + de-identify + publish + index)")
            print(f"import: {what}: "
                  f"{seconds:.1f} s wall, {cpu:.1f} CPU s, peak RSS {rss:,.0f} MB")
            if counts:
                print(f"rows: {counts.group(1)}")
            for phase in re.findall(r"^(?:生成原始文件用时|用时：).*$", output, re.M):
                print(f"phases: {phase}")

        with run_gunicorn(env, timeout=300) as server:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
            pages, files = page_types(conn), downloads(conn)
            conn.close()
            print(f"server: gunicorn (gunicorn.conf.py) on 127.0.0.1:{server.port}; per page type "
                  f"~{args.requests} sequential keep-alive requests after 3 warm-up per URL; "
                  f"load average {os.getloadavg()[0]:.1f}")
            rows = []
            for label, urls in ([] if args.ask_only else pages):
                timings, size = measure(server.port, urls, args.requests)
                rows.append((label, timings, size, urls[0]))
            asks = [f"/api/ask?q={q(text)}" for text in questions(args.questions)]
            timings, size = measure(server.port, asks, len(asks), warmup=1)
            rows.append((f"/api/ask ({len(asks)} questions)", timings, size, asks[0]))
            slowest = sorted(zip(timings, asks), reverse=True)[:5]
            print("slowest questions: " + "; ".join(f"{urllib.parse.unquote(url)[9:]} {ms:.0f} ms"
                                                    for ms, url in slowest))
            for label, urls in ([] if args.ask_only else files):
                timings, size = measure(server.port, urls, 5, warmup=1)
                rows.append((label, timings, size, urls[0]))

            print(f"{'page type':<28} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'KiB':>7} "
                  f"{'target':>7}  first url")
            for label, timings, size, url in rows:
                target = None if label.startswith("download") else TARGET_SEARCH_MS if "search" in label else TARGET_PAGE_MS
                p95 = pct(timings, 95)
                verdict = "-" if target is None else f"{'ok' if p95 < target else 'MISS':>4} {target:>3}"
                print(f"{label:<28} {len(timings):>4} {statistics.median(timings):>8.1f} {p95:>8.1f} "
                      f"{max(timings):>8.1f} {size / 1024:>7.1f} {verdict:>8}  {urllib.parse.unquote(url)[:70]}")
            peaks = worker_rss(server.process.pid)
            print(f"serving workers: {len(peaks)}, peak RSS " + ", ".join(f"{p:,.0f}" for p in peaks) + " MB")
        print(f"load average {os.getloadavg()[0]:.1f} at the end (figures are inflated on a busy machine)")
    finally:
        if es_folder:
            stop_elasticsearch(es_folder)
        if cluster:
            cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)  # an --instance folder lies outside it and is kept


if __name__ == "__main__":
    main()
