"""Load test: a closed-loop mix of pages against gunicorn on loopback, at rising concurrency; finds the knee.

    .venv/bin/python bench/load.py [--duration 60] [--levels 1,2,4,8,16,32] [--workers 2] [--threads 8]
                                   [--instance DIR [--skip-import]] [--rate-write "5 per minute"]

1. builds the demo instance with ``mingzhang demo`` into a temporary folder (or copies --instance DIR there,
   so the comments written by the run never touch DIR);
2. serves it with gunicorn (gunicorn.conf.py, WEB_CONCURRENCY=--workers, GUNICORN_THREADS=--threads) on a
   free 127.0.0.1 port, with RATELIMIT_ASK raised so the question box is not throttled (the comment limit
   RATELIMIT_WRITE stays at its production value: its 429s are intended and counted apart);
3. for each concurrency level runs that many client threads for --duration seconds, each one request after
   another on its own keep-alive connection (no think time): home 20 %, search 25 %, ask 20 %,
   project page 25 %, comment POST 10 % (CSRF token and session cookie from the project page's form);
4. prints per level and endpoint: requests, req/s, p50/p95/p99 ms, errors (anything but 2xx/3xx, other
   than the intended 429 on comments), 429s; the CPU used by the server, by this generator (it shares the
   machine's cores) and by the whole machine; and the knee.
"""
import argparse
import http.client
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import ROOT, run_import  # noqa: E402
from support.servers import run_gunicorn  # noqa: E402 — on sys.path through pages

MIX = [("home", 20), ("search", 25), ("ask", 20), ("project", 25), ("comment", 10)]
SEARCH_QUERIES = ["农村公路", "养老院", "学校", "医院", "污水处理", "保障房", "道路改造", "教育", "卫生健康",
                  "农田水利", "老旧小区改造", "公园", "垃圾处理", "供水管网", "体育馆", "幼儿园", "桥梁",
                  "社区服务中心", "灌溉", "路灯"]
QUESTIONS = ["去年修了多少公里农村公路", "去年各区县修了多少公里农村公路", "去年哪个区县修的农村公路最多",
             "去年教育支出最高的三个区县", "去年全市预算比前年增长了多少", "2024年全市教育支出是多少",
             "2024年各部门预算执行率", "2025年市本级预算执行率", "2024年建了多少套保障房",
             "2025年全市项目已拨付资金多少", "2025年支出增速最快的是哪个区县", "今年上半年各区预算执行率",
             "2023年滞后项目有多少个", "2025年卫生健康支出较2022年增长多少", "2024年全市教育预算剩余多少没有花"]
COMMENT_TEXTS = ["施工进度比预期慢，希望公开下一步的时间表。", "路修好了，出行方便多了，感谢。",
                 "建议在项目页面补充验收报告。", "资金拨付情况清楚，点赞。", "希望施工期间注意噪音和扬尘。"]
CSRF_INPUT = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
HOST = "127.0.0.1"
TIMEOUT = 60


# ---- the client ------------------------------------------------------------------------------------

class Client:
    """One simulated user: a keep-alive connection, a cookie jar (session) and a CSRF token."""

    def __init__(self, port, codes, rng):
        self.port, self.codes, self.rng = port, codes, rng
        self.conn = None
        self.cookies = {}
        self.csrf = None

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, headers=None):
        """(status, body bytes); a broken connection is reopened once before giving up."""
        headers = {"Accept-Encoding": "identity", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise
                continue
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            if response.will_close:
                self.close()
            return response.status, data
        raise AssertionError("unreachable")

    def fetch_token(self):
        status, data = self.request("GET", f"/projects/{self.rng.choice(self.codes)}")
        match = CSRF_INPUT.search(data.decode("utf-8", "replace")) if status == 200 else None
        if match is None:
            raise RuntimeError(f"no csrf_token in the project page (HTTP {status})")
        self.csrf = match.group(1)

    def action(self, endpoint, serial):
        """Run one request of the given kind; returns its HTTP status."""
        rng = self.rng
        if endpoint == "home":
            return self.request("GET", "/")[0]
        if endpoint == "search":
            return self.request("GET", "/search?q=" + urllib.parse.quote(rng.choice(SEARCH_QUERIES)))[0]
        if endpoint == "ask":
            return self.request("GET", "/ask?q=" + urllib.parse.quote(rng.choice(QUESTIONS)))[0]
        if endpoint == "project":
            return self.request("GET", f"/projects/{rng.choice(self.codes)}")[0]
        code = rng.choice(self.codes)
        # A unique body: the portal rejects the same text on the same project as a duplicate (409).
        form = {"csrf_token": self.csrf, "return_to": f"/projects/{code}", "rating": str(rng.randint(1, 5)),
                "body": f"{rng.choice(COMMENT_TEXTS)}（压测 {serial}）", "website": ""}
        return self.request("POST", f"/projects/{code}/comments", body=urllib.parse.urlencode(form),
                            headers={"Content-Type": "application/x-www-form-urlencoded",
                                     "Referer": f"http://{HOST}:{self.port}/projects/{code}"})[0]


def run_level(port, codes, concurrency, duration, seed):
    """Closed loop: `concurrency` threads until the deadline; returns {endpoint: [(ms, status|None)]}."""
    results = {name: [] for name, _ in MIX}
    names = [name for name, _ in MIX]
    weights = [weight for _, weight in MIX]
    lock = threading.Lock()
    serial = iter(range(10 ** 12))
    clients = [Client(port, codes, random.Random(f"{seed}-{concurrency}-{i}")) for i in range(concurrency)]
    for client in clients:  # sessions and tokens first, outside the timed window
        client.fetch_token()
    start_barrier = threading.Barrier(concurrency + 1)
    deadline = [0.0]

    def loop(client):
        local = {name: [] for name in names}
        start_barrier.wait()
        while time.perf_counter() < deadline[0]:
            endpoint = client.rng.choices(names, weights)[0]
            with lock:
                number = next(serial)
            started = time.perf_counter()
            try:
                status = client.action(endpoint, f"{seed}-{concurrency}-{number}")
            except (http.client.HTTPException, OSError):
                status = None
            local[endpoint].append(((time.perf_counter() - started) * 1000, status))
            if endpoint == "comment" and status == 400:  # token expired: fetch a new one, like a reload
                client.fetch_token()
        client.close()
        with lock:
            for name in names:
                results[name].extend(local[name])

    threads = [threading.Thread(target=loop, args=(c,), daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + duration
    started = time.perf_counter()
    start_barrier.wait()
    for thread in threads:
        thread.join(timeout=duration + TIMEOUT + 30)  # bounded even if the server hangs
    return results, time.perf_counter() - started


# ---- measuring -------------------------------------------------------------------------------------

def process_tree_cpu(pid):
    """CPU seconds (user + system) of a process and its children, from /proc."""
    total, pending = 0.0, [pid]
    tick = os.sysconf("SC_CLK_TCK")
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pending.extend(int(child) for child in children)
        except (OSError, IndexError, ValueError):
            continue
    return total


def machine_busy():
    """(busy, total) jiffies over all cores, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def percentiles(timings):
    if len(timings) < 2:
        value = timings[0] if timings else float("nan")
        return value, value, value
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return statistics.median(timings), cuts[94], cuts[98]


def summarise(results, elapsed):
    """Rows per endpoint plus an "all" row: requests, rps, p50, p95, p99, errors, 429s."""
    rows = {}
    everything = []
    for name, samples in list(results.items()) + [("all", None)]:
        samples = everything if samples is None else samples
        if name != "all":
            everything.extend((ms, status, name) for ms, status in samples)
        timings = [sample[0] for sample in samples]
        throttled = sum(1 for s in samples if s[1] == 429 and (name == "comment" or s[-1] == "comment"))
        errors = sum(1 for s in samples if s[1] is None or s[1] >= 400) - throttled
        p50, p95, p99 = percentiles(timings)
        rows[name] = {"requests": len(samples), "rps": len(samples) / elapsed, "p50": p50, "p95": p95,
                      "p99": p99, "errors": errors, "429": throttled}
    return rows


def find_knee(levels):
    """The last level before throughput stops rising by > 10 % while p95 grows sharply (> 1.5x)."""
    for (level, row), (_, following) in zip(levels, levels[1:]):
        if following["rps"] < row["rps"] * 1.10 and following["p95"] > row["p95"] * 1.5:
            return level
    return None


# ---- the run ---------------------------------------------------------------------------------------

def project_codes(instance):
    with sqlite3.connect(f"file:{instance / 'mingzhang.db'}?mode=ro", uri=True) as db:
        publication = db.execute("SELECT max(id) FROM publications WHERE status = 'published'").fetchone()[0]
        if publication is None:
            publication = db.execute("SELECT max(id) FROM publications").fetchone()[0]
        codes = [row[0] for row in db.execute(
            "SELECT code FROM projects WHERE publication_id = ? ORDER BY code", (publication,))]
    if not codes:
        raise SystemExit("the instance has no projects")
    return codes


def warm_up(port, codes, connections):
    """Every endpoint once on each of several parallel connections, so every gunicorn worker has loaded
    its indexes and models before timing; non-2xx answers here are reported (they would be errors)."""
    paths = (["/"] + ["/search?q=" + urllib.parse.quote(q) for q in SEARCH_QUERIES]
             + ["/ask?q=" + urllib.parse.quote(q) for q in QUESTIONS] + [f"/projects/{c}" for c in codes[:5]])
    bad = set()

    def one(index):
        client = Client(port, codes, random.Random(index))
        client.fetch_token()
        for path in paths:
            status = client.request("GET", path)[0]
            if status >= 400:
                bad.add(f"{status} {urllib.parse.unquote(path)}")
        client.close()

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    return sorted(bad)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds per concurrency level (default 60)")
    parser.add_argument("--levels", default="1,2,4,8,16,32", help="comma-separated client counts")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("GUNICORN_THREADS", "8")))
    parser.add_argument("--instance", type=Path, help="a published instance folder to copy (default: build one)")
    parser.add_argument("--skip-import", action="store_true", help="use --instance's data as it is")
    parser.add_argument("--rate-write", default="5 per minute", help="RATELIMIT_WRITE for the run")
    parser.add_argument("--rate-ask", default="1000000 per minute", help="RATELIMIT_ASK for the run")
    parser.add_argument("--seed", type=int, default=20261031)
    args = parser.parse_args()
    levels = [int(v) for v in args.levels.split(",") if v.strip()]
    if args.skip_import and not args.instance:
        parser.error("--skip-import needs --instance")

    with tempfile.TemporaryDirectory(prefix="mingzhang-load-") as tmp:
        instance = Path(tmp) / "instance"
        env = {**os.environ, "MINGZHANG_INSTANCE": str(instance), "SECRET_KEY": "bench-secret",
               "PSEUDONYM_KEY": "bench-pseudonym", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT),
               "WEB_CONCURRENCY": str(args.workers), "GUNICORN_THREADS": str(args.threads),
               "RATELIMIT_ASK": args.rate_ask, "RATELIMIT_WRITE": args.rate_write}
        env.pop("DATABASE_URL", None)
        if args.instance and args.skip_import:
            shutil.copytree(args.instance, instance)
        else:
            instance.mkdir()
            print(f"import: mingzhang demo took {run_import(instance, env):.1f} s")
        codes = project_codes(instance)
        with run_gunicorn(env, timeout=120) as gunicorn:
            port, server = gunicorn.port, gunicorn.process
            bad = warm_up(port, codes, 2 * args.workers)
            print(f"server: gunicorn on {HOST}:{port}, {args.workers} workers x {args.threads} threads; "
                  f"RATELIMIT_ASK={args.rate_ask!r} (raised so ask is not throttled), "
                  f"RATELIMIT_WRITE={args.rate_write!r} (comment 429s are intended; memory:// storage is "
                  f"per worker, so up to {args.workers}x that many comments are accepted)")
            print("mix: " + ", ".join(f"{n} {w}%" for n, w in MIX) + f"; {len(codes)} project codes, "
                  f"{len(SEARCH_QUERIES)} search queries, {len(QUESTIONS)} questions; "
                  f"{args.duration:g} s per level, closed loop, keep-alive; load avg before: "
                  + " ".join(f"{v:.2f}" for v in os.getloadavg()))
            if bad:
                print("warm-up non-2xx (these count as errors under load):\n  " + "\n  ".join(bad))
            header = (f"{'clients':>7} {'endpoint':<8} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
                      f"{'p99 ms':>8} {'errors':>6} {'429s':>5}")
            totals = []
            for concurrency in levels:
                cpu_server, cpu_self, busy = process_tree_cpu(server.pid), time.process_time(), machine_busy()
                results, elapsed = run_level(port, codes, concurrency, args.duration, args.seed)
                busy_after = machine_busy()
                server_cpu = (process_tree_cpu(server.pid) - cpu_server) / elapsed * 100
                self_cpu = (time.process_time() - cpu_self) / elapsed * 100
                machine = (busy_after[0] - busy[0]) / max(1, busy_after[1] - busy[1]) * 100
                rows = summarise(results, elapsed)
                totals.append((concurrency, rows["all"]))
                print("\n" + header)
                for name, row in rows.items():
                    print(f"{concurrency:>7} {name:<8} {row['requests']:>8} {row['rps']:>7.1f} {row['p50']:>8.1f} "
                          f"{row['p95']:>8.1f} {row['p99']:>8.1f} {row['errors']:>6} {row['429']:>5}")
                print(f"        cpu: server {server_cpu:.0f}%, generator {self_cpu:.0f}% (100% = one core); "
                      f"machine busy {machine:.0f}% of {os.cpu_count()} cores; "
                      f"load avg {os.getloadavg()[0]:.2f}")
                if server.poll() is not None:
                    raise SystemExit("gunicorn exited during the run")
            print("\nsummary (all endpoints)")
            print(f"{'clients':>7} {'req/s':>7} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}")
            for concurrency, row in totals:
                print(f"{concurrency:>7} {row['rps']:>7.1f} {row['p95']:>8.1f} {row['p99']:>8.1f} {row['errors']:>6}")
            knee = find_knee(totals)
            if knee is None:
                print("knee: none within the levels run (throughput still rising by > 10 % or p95 not growing "
                      "sharply)")
            else:
                print(f"knee: {knee} clients — beyond it throughput rises by < 10 % while p95 grows > 1.5x")
            errors = sum(row["errors"] for _, row in totals)
            print(f"errors other than intended 429s: {errors}")


if __name__ == "__main__":
    main()
