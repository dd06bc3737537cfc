"""Redis dies under a running portal: requests keep being served (no 500), limits fall back to
per-process memory with a logged warning, and the shared Redis budget resumes when Redis returns.

Real parts only: Debian's redis-server on a free loopback port, killed with SIGKILL mid-test and
started again on the same port; gunicorn with two forked sync workers (gunicorn.conf.py,
preload_app=True) over the small publication; real HTTP on fresh connections, including comment
posts with the session cookie and CSRF token a browser would send.
"""
import http.client
import json
import re
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from small_publication import make_app
from support.servers import portal_env, run_gunicorn, run_redis, wait_until

BUDGET = 4
QUESTION = "2024年教育支出是多少"
PROJECT = "P1"
BURST = 16
FALLBACK_WARNING = "falling back to in-memory storage"  # flask-limiter's log line


@pytest.fixture(scope="module")
def redis_server():
    with run_redis() as server:
        yield server


@pytest.fixture(scope="module")
def portal(redis_server, tmp_path_factory):
    """gunicorn (two sync workers) over the small publication, limits in Redis: (port, access log, error log)."""
    folder = tmp_path_factory.mktemp("redis_fallback")
    make_app(folder, {"SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": False})
    access_log, error_log = folder / "access.log", folder / "error.log"
    env = portal_env(folder, DATABASE_URL=f"sqlite:///{folder / 'small.db'}", SEARCH_INDEX_PATH=folder / "search.db",
                     RATELIMIT_STORAGE_URI=redis_server.url, RATELIMIT_ASK=f"{BUDGET} per minute",
                     RATELIMIT_WRITE="20 per minute", SEARCH_HYBRID="0", NLQ_EMBEDDINGS="0")
    # The workers' stderr goes to the error log too: that is where flask-limiter's warning lands.
    with run_gunicorn(env, workers=2, access_log=access_log, access_format="%(p)s %(s)s %(U)s",
                      error_log=error_log) as server:
        yield server.port, access_log, error_log


def request(port, method, path, body=None, headers=None):
    """One request on a fresh connection: (status, Set-Cookie, body text, seconds)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request(method, path, body=body, headers={"Connection": "close", **(headers or {})})
        response = connection.getresponse()
        text = response.read().decode("utf-8")
        return response.status, response.getheader("Set-Cookie") or "", text, time.perf_counter() - started
    finally:
        connection.close()


def ask_path():
    return "/api/ask?q=" + urllib.parse.quote(QUESTION)


def burst(port):
    """BURST concurrent GET /api/ask: list of statuses."""
    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(lambda _: request(port, "GET", ask_path(), headers={"Accept": "application/json"})[0],
                             range(BURST)))


def redis_hits(redis_server):
    """Requests counted in Redis: the sum of flask-limiter's fixed-window counters."""
    client = redis_server.client()
    return sum(int(client.get(key) or 0) for key in client.keys("LIMITS*"))


def workers_in(access_log, skip_lines):
    lines = access_log.read_text().splitlines()[skip_lines:]
    return {line.split(" ", 1)[0] for line in lines if line.endswith("/api/ask")}


def visit_everything(port):
    """Pages, the question API and page, search, and two comment posts (form and JSON): statuses and timings."""
    results = {}
    for path in ["/", f"/projects/{PROJECT}", "/search?q=" + urllib.parse.quote("教育"),
                 "/ask?q=" + urllib.parse.quote(QUESTION), ask_path()]:
        status, _, _, seconds = request(port, "GET", path, headers={"Accept": "text/html"})
        results[path] = (status, seconds)
    status, cookie, html, _ = request(port, "GET", f"/projects/{PROJECT}", headers={"Accept": "text/html"})
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    cookie = cookie.split(";", 1)[0]
    form = urllib.parse.urlencode({"csrf_token": token, "rating": "4", "body": "Redis 停止时提交的评议：路面已修好"})
    status, _, _, seconds = request(port, "POST", f"/projects/{PROJECT}/comments", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie, "Accept": "text/html"})
    results["POST comment (form)"] = (status, seconds)
    payload = json.dumps({"rating": 3, "body": "Redis 停止时用接口提交的评议"}, ensure_ascii=False).encode("utf-8")
    status, _, text, seconds = request(port, "POST", f"/projects/{PROJECT}/comments", body=payload, headers={
        "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token, "Cookie": cookie})
    results["POST comment (json)"] = (status, seconds)
    return results


def test_redis_down_serves_with_per_process_limits_and_shared_limits_resume(redis_server, portal):
    port, access_log, error_log = portal

    # 1. Redis up: one shared budget across both workers, counted in Redis.
    statuses = burst(port)
    assert statuses.count(200) == BUDGET and statuses.count(429) == BURST - BUDGET, statuses
    assert redis_hits(redis_server) >= BURST

    # 2. Redis killed: every kind of request still answers, without 500s and without hanging.
    redis_server.kill()
    results = visit_everything(port)
    print("\nwith Redis down:", {k: (s, round(t, 3)) for k, (s, t) in results.items()})
    for what, (status, seconds) in results.items():
        assert status < 500, f"{what} gave {status} with Redis down"
        assert seconds < 3, f"{what} took {seconds:.2f} s with Redis down"
    assert results["POST comment (form)"][0] == 303 and results["POST comment (json)"][0] == 201
    # Limits still hold, per process: each worker counts in its own memory (at most 2 × BUDGET pass).
    statuses = burst(port)
    assert set(statuses) <= {200, 429}, statuses
    assert 1 <= statuses.count(200) <= 2 * BUDGET, statuses
    wait_until(lambda: FALLBACK_WARNING in error_log.read_text(), 30, "the fallback warning in the log")

    # 3. Redis back (empty, as after a restart): both workers return to the one shared budget.
    redis_server.start()
    deadline = time.monotonic() + 40
    while True:
        # flask-limiter re-checks a dead store with backoff (1, 2, 4 … s) on incoming requests.
        for _ in range(6):
            with ThreadPoolExecutor(4) as pool:
                list(pool.map(lambda _: request(port, "GET", "/healthz"), range(4)))
            time.sleep(0.25)
        redis_server.client().flushall()
        skip = len(access_log.read_text().splitlines())
        statuses = burst(port)
        time.sleep(0.2)  # access log lines are written after the response
        shared = redis_hits(redis_server) == BURST and len(workers_in(access_log, skip)) == 2
        if shared and statuses.count(200) == BUDGET:
            break
        assert time.monotonic() < deadline, f"shared limits did not resume: {statuses}, {redis_hits(redis_server)}"
    assert statuses.count(429) == BURST - BUDGET
