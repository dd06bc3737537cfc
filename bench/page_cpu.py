"""Benchmark: CPU time per warm page, in-process — a figure the machine's other load does not inflate.

    .venv/bin/python bench/page_cpu.py --instance DIR [--requests 10] [URL ...]

Serves the instance through the Flask test client (no HTTP server) and, after two warm-up requests per URL,
prints the median and max CPU time (user + system of this process, ``time.process_time``) and the median wall
time of ``--requests`` requests. On a shared, busy machine wall times swing by a factor of two or more from
run to run (bench/scale.py prints the load average for that reason); the CPU time of the request stays
put, so it is the figure to compare code before and after a change. Default URLs: the page types of
bench/scale.py, taken from the instance's own data.
"""
import argparse
import os
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_urls(client):
    execution = client.get("/api/execution").get_json()
    year = execution["year"]
    district = next(r for r in execution["regions"]["rows"] if r["name"] != "市本级" and r["budget"])["code"]
    project = client.get("/api/projects?per_page=1&sort=disbursed").get_json()["projects"]["rows"][0]
    month = client.get("/api/compare").get_json()["month"]
    urls = ["/", f"/execution?year={year}", f"/execution/region/{district}?year={year}", "/compare",
            "/performance", f"/performance?region={district}", f"/projects/{project['code']}", "/projects",
            "/projects?sort=disbursed", f"/records/payments?year={year}&page=20",
            f"/records/expenditures?region={district}&year={year}", f"/api/execution?year={year}", "/api/compare",
            "/api/performance", "/search?q=" + urllib.parse.quote("学校")]
    if month:
        urls[2:2] = [f"/execution?year={year}&month={month}", f"/compare?year={year}&month={month}"]
    if project.get("contractor"):
        urls.append("/contractors/" + urllib.parse.quote(project["contractor"]))
    return urls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", type=Path, required=True, help="an instance folder with a publication")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("urls", nargs="*")
    args = parser.parse_args()
    os.environ.update(MINGZHANG_INSTANCE=str(args.instance), WARM_UP="off", HF_HUB_OFFLINE="1",
                      RATELIMIT_DEFAULT="1000000 per minute", RATELIMIT_ASK="1000000 per minute",
                      RATELIMIT_DOWNLOAD="1000000 per minute")
    os.environ.setdefault("SECRET_KEY", "bench-secret")
    os.environ.setdefault("PSEUDONYM_KEY", "bench-pseudonym")
    sys.path.insert(0, str(ROOT))
    from portal import create_app

    client = create_app().test_client()
    print(f"{'url':<56} {'cpu p50':>8} {'cpu max':>8} {'wall p50':>9}  (ms; load average {os.getloadavg()[0]:.1f})")
    for url in args.urls or default_urls(client):
        for _ in range(2):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
        cpu, wall = [], []
        for _ in range(args.requests):
            started_cpu, started = time.process_time(), time.perf_counter()
            client.get(url)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
        print(f"{urllib.parse.unquote(url)[:56]:<56} {statistics.median(cpu):>8.1f} {max(cpu):>8.1f} "
              f"{statistics.median(wall):>9.1f}", flush=True)


if __name__ == "__main__":
    main()
