"""Behind a reverse proxy: X-Forwarded-* are believed only when TRUSTED_PROXY_COUNT says so.

Over real HTTP on loopback (werkzeug server in a thread): the TCP peer is always 127.0.0.1 and
the test plays both the client and the proxy by sending the headers a proxy would add.
- Count 0 (the default): a forged X-Forwarded-For changes nothing, so it buys no fresh rate-limit
  budget and the question log records the real peer; X-Forwarded-Proto: https does not switch on
  HSTS or Secure cookies.
- Count 1 (one nginx): the address the proxy appended (rightmost) is the client, for limits and
  the question log; whatever the client prepended itself is ignored; X-Forwarded-Proto: https
  gives HSTS and a Secure session cookie.
"""
import http.client
import urllib.parse

import pytest
from small_publication import make_app
from sqlalchemy import func, select
from support.servers import serve_in_thread

from ledger.schema import question_log

BUDGET = 3
ASK = "/api/ask?q=" + urllib.parse.quote("2024年教育支出是多少")


def portal(tmp_path_factory, name, proxies):
    app, _ = make_app(tmp_path_factory.mktemp(name), {
        "SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": False, "TRUSTED_PROXY_COUNT": proxies,
        "RATELIMIT_ASK": f"{BUDGET} per minute"})
    return app


@pytest.fixture(scope="module")
def direct(tmp_path_factory):
    app = portal(tmp_path_factory, "no_proxy", 0)
    with serve_in_thread(app) as base_url:
        yield app, urllib.parse.urlsplit(base_url).port


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    app = portal(tmp_path_factory, "one_proxy", 1)
    with serve_in_thread(app) as base_url:
        yield app, urllib.parse.urlsplit(base_url).port


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept": "application/json", **(headers or {})})
        response = connection.getresponse()
        response.read()
        return response
    finally:
        connection.close()


def logged_clients(app):
    with app.extensions["mingzhang.engine"].connect() as conn:
        return conn.execute(select(question_log.c.client_hash, func.count()).group_by(question_log.c.client_hash)
                            ).all()


def test_default_ignores_forged_forwarded_for(direct):
    app, port = direct
    statuses = [get(port, ASK, {"X-Forwarded-For": f"203.0.113.{n}"}).status for n in range(BUDGET + 2)]
    # Every request forged a different address, yet they all shared the peer's one budget.
    assert statuses == [200] * BUDGET + [429, 429], statuses
    # ... and the question log saw one client (the answered questions), not five.
    assert [count for _, count in logged_clients(app)] == [BUDGET]


def test_default_ignores_forwarded_proto(direct):
    _, port = direct
    response = get(port, "/admin/login", {"X-Forwarded-Proto": "https", "Accept": "text/html"})
    assert response.status == 200
    assert "Strict-Transport-Security" not in response.headers
    cookie = response.getheader("Set-Cookie") or ""
    assert cookie and "Secure" not in cookie, cookie


def test_one_proxy_gives_each_client_its_own_budget_and_log_entry(proxied):
    app, port = proxied
    # Two clients behind the proxy: each gets the full budget.
    for client in ("198.51.100.7", "198.51.100.8"):
        statuses = [get(port, ASK, {"X-Forwarded-For": client}).status for _ in range(BUDGET + 1)]
        assert statuses == [200] * BUDGET + [429], (client, statuses)
    # A client that prepends forged addresses is still known by what the proxy appended.
    forged = [get(port, ASK, {"X-Forwarded-For": f"10.0.0.{n}, 198.51.100.7"}).status for n in range(3)]
    assert forged == [429, 429, 429], forged
    assert sorted(count for _, count in logged_clients(app)) == [BUDGET, BUDGET]


def test_one_proxy_https_gives_hsts_and_secure_cookie(proxied):
    _, port = proxied
    secure = get(port, "/admin/login", {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.9",
                                        "Accept": "text/html"})
    assert secure.status == 200
    assert "max-age=" in secure.headers.get("Strict-Transport-Security", "")
    cookie = secure.getheader("Set-Cookie") or ""
    assert "Secure" in cookie and "HttpOnly" in cookie, cookie
    plain = get(port, "/admin/login", {"X-Forwarded-Proto": "http", "Accept": "text/html"})
    assert "Strict-Transport-Security" not in plain.headers
    assert "Secure" not in (plain.getheader("Set-Cookie") or "")
