"""Rate limits are one budget across gunicorn workers when RATELIMIT_STORAGE_URI points at Redis.

Real parts only: Debian's redis-server on a free loopback port, gunicorn with two forked worker
processes (preload_app=True from gunicorn.conf.py, so the limiter is built before the fork), and
real HTTP requests on fresh connections. The access log records the worker pid (%(p)s) of every
response, so the test can check that both workers really served requests.

Control: the same setup with memory:// storage lets more than the budget through (each worker
counts on its own), which is what makes the Redis assertion meaningful.
"""
import http.client
import itertools
import json
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest
from small_publication import make_app
from support.servers import portal_env, run_gunicorn, run_redis, wait_until

BUDGET = 5
QUESTION = "2024年教育支出是多少"
REQUESTS = 24
CONCURRENCY = 4


@pytest.fixture(scope="module")
def redis_url():
    with run_redis() as server:
        yield server.url


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    folder = tmp_path_factory.mktemp("redis_limits")
    make_app(folder, {"SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": False})
    return folder


@pytest.fixture()
def start_gunicorn(instance, tmp_path):
    """start(storage_uri) -> (port, access_log_path): gunicorn, two workers, over the small instance."""
    numbers = itertools.count(1)
    with ExitStack() as servers:
        def start(storage_uri):
            access_log = tmp_path / f"access-{next(numbers)}.log"
            env = portal_env(instance, DATABASE_URL=f"sqlite:///{instance / 'small.db'}",
                             SEARCH_INDEX_PATH=instance / "search.db", RATELIMIT_STORAGE_URI=storage_uri,
                             RATELIMIT_ASK=f"{BUDGET} per minute", SEARCH_HYBRID="0", NLQ_EMBEDDINGS="0")
            server = servers.enter_context(run_gunicorn(env, workers=2, access_log=access_log,
                                                        access_format="%(p)s %(s)s %(U)s"))
            return server.port, access_log

        yield start


def ask_once(port):
    """One GET /api/ask on a new connection: (status, parsed JSON body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/api/ask?q=" + urllib.parse.quote(QUESTION),
                           headers={"Accept": "application/json", "Connection": "close"})
        response = connection.getresponse()
        return response.status, json.loads(response.read().decode("utf-8"))
    finally:
        connection.close()


def ask_many(port):
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        return list(pool.map(lambda _: ask_once(port), range(REQUESTS)))


def served_by(access_log):
    """{status: set of worker pids} for /api/ask responses, from the access log."""
    by_status = {}
    wait_until(lambda: access_log.read_text().count("/api/ask") >= REQUESTS, 30, "access log lines")
    for line in access_log.read_text().splitlines():
        pid, status, path = line.split(" ", 2)
        if path == "/api/ask":
            by_status.setdefault(int(status), set()).add(pid)
    return by_status


def test_two_workers_share_one_redis_budget(redis_url, start_gunicorn):
    port, access_log = start_gunicorn(redis_url)
    results = ask_many(port)
    allowed = [body for status, body in results if status != 429]
    limited = [body for status, body in results if status == 429]

    assert len(allowed) == BUDGET, [status for status, _ in results]
    assert all("answer" in body for body in allowed), allowed[:1]
    assert len(limited) == REQUESTS - BUDGET
    for body in limited:
        assert body["error"]["code"] == "rate_limited"
        assert body["error"]["message"] == "操作过于频繁，请稍后再试"

    pids = served_by(access_log)
    both = set().union(*pids.values())
    # Both workers served some of the 24 requests, so one of them served at least 12: had each
    # counted alone, at least 5 + 1 would have got through.
    assert len(both) == 2, f"only one worker served the requests: {pids}"
    # The count lives in Redis (flask-limiter's keys start with LIMITS), not in a worker.
    import redis

    assert redis.Redis.from_url(redis_url).keys("LIMITS*"), "no rate-limit counter in Redis"


def test_memory_storage_control_counts_per_worker(start_gunicorn):
    port, access_log = start_gunicorn("memory://")
    results = ask_many(port)
    allowed = [status for status, _ in results if status != 429]

    assert len(served_by(access_log)[200]) == 2
    # Each worker has its own budget of 5: more than 5 get through, at most 10.
    assert BUDGET < len(allowed) <= 2 * BUDGET, [status for status, _ in results]
