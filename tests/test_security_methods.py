"""Issue #12, finding 1: HEAD taken for POST, limits and CSRF by method, lockout per account, bounded audit.

The attack: HEAD /admin/login with a form body was a login attempt the rate limit (POST only) never
counted — 100 guesses, no 429, and the right password gave a working session; HEAD /admin/upload
without a CSRF token published data. Every failed login wrote an audit row.
"""
import io
import re
from pathlib import Path

import pytest
from community_support import create_staff, csrf_token, login, make_portal, write_small_raw
from sqlalchemy import func, select, update

from ledger import schema

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct-horse-battery"


@pytest.fixture()
def app(tmp_path):
    app = make_portal(tmp_path)
    for username, role in [("alice", "admin"), ("pete", "publisher")]:
        create_staff(app, username, role)
    return app


def audit_rows(app, action=None):
    query = select(schema.audit_log)
    if action:
        query = query.where(schema.audit_log.c.action == action)
    with app.extensions["mingzhang.engine"].connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def publication_count(app):
    with app.extensions["mingzhang.engine"].connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.publications)).scalar()


def attempt(app, username, password, address):
    """One login POST from its own client and address (a botnet: no per-client limit ever reached)."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    token = csrf_token(client, "/admin/login")
    return client, client.post("/admin/login", data={"username": username, "password": password,
                                                      "csrf_token": token})


# ---- HEAD ---------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
def test_head_or_options_login_brute_force_logs_nobody_in(app, method):
    client = app.test_client()
    token = csrf_token(client, "/admin/login")
    guesses = [f"guess-{n:03d}-wrong" for n in range(100)] + [PASSWORD]
    for guess in guesses:
        response = client.open("/admin/login", method=method,
                               data={"username": "alice", "password": guess, "csrf_token": token})
        assert response.status_code == 200 and response.get_data() == b""  # never a login attempt
    assert client.get("/admin/").status_code == 302  # the right password gave no session
    assert audit_rows(app, "login") == [] and audit_rows(app, "login_failed") == []


def test_post_brute_force_from_one_client_hits_429(app):
    client = app.test_client()
    token = csrf_token(client, "/admin/login")
    statuses = [client.post("/admin/login", data={"username": "alice", "password": f"guess-{n}-wrong",
                                                  "csrf_token": token}).status_code for n in range(100)]
    assert statuses[:10] == [401] * 10 and set(statuses[10:]) == {429}


def test_head_upload_without_token_publishes_nothing(app, tmp_path):
    client = app.test_client()
    login(client, "pete")
    before = publication_count(app)
    raw = write_small_raw(tmp_path / "raw2")
    files = [(io.BytesIO(path.read_bytes()), path.name) for path in sorted(raw.iterdir())]
    response = client.open("/admin/upload", method="HEAD", data={"files": files},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    assert publication_count(app) == before
    assert not (Path(app.config["INSTANCE_PATH"]) / "uploads").exists()


def test_views_see_head_as_get(app):
    seen = []

    @app.get("/_probe_method")
    def probe():
        from flask import request
        seen.append(request.method)
        return "body"

    response = app.test_client().head("/_probe_method")
    assert seen == ["GET"] and response.status_code == 200 and response.get_data() == b""
    assert response.headers["Content-Length"] == "4"


def test_views_branch_on_post_only():
    """`if request.method == "GET"` / `!= "GET"` sends every other method (HEAD, OPTIONS…) down the
    submission branch; views must ask whether the request is a POST."""
    found = []
    for path in sorted((ROOT / "portal" / "views").rglob("*.py")) + [ROOT / "portal" / "auth.py"]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for method in re.findall(r"if\s+(?:not\s+)?request\.method\s*(?:==|!=|in|not in)\s*\(?\"(\w+)\"", line):
                if method != "POST":
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_every_state_changing_route_needs_a_csrf_token(app):
    """Routes accept only GET/HEAD/OPTIONS/POST, and every POST without a token is refused (400)."""
    client = app.test_client()
    login(client, "alice")
    for rule in app.url_map.iter_rules():
        assert rule.methods <= {"GET", "HEAD", "OPTIONS", "POST"}, rule
        if "POST" not in rule.methods:
            continue
        values = {name: "1" for name in rule.arguments}
        url = rule.build(values, append_unknown=False)[1]
        response = client.post(url, data={"body": "x"})
        assert response.status_code == 400, (rule, response.status_code)


# ---- per-account lockout --------------------------------------------------------------------

def test_account_locks_after_failures_from_many_addresses(app):
    statuses = [attempt(app, "alice", f"wrong-{n}-guess", f"10.0.{n}.1")[1].status_code for n in range(10)]
    assert statuses == [401] * 10  # ten clients, none over its own limit
    client, response = attempt(app, "alice", PASSWORD, "10.9.9.9")  # the right password, a fresh address
    assert response.status_code == 429
    assert "已暂时锁定" in response.get_data(as_text=True) and response.headers["Retry-After"] == "60"
    assert client.get("/admin/").status_code == 302
    assert audit_rows(app, "login") == []


def _unlock_now(app):
    with app.extensions["mingzhang.engine"].begin() as conn:
        conn.execute(update(schema.login_failures).values(
            locked_until=schema.login_failures.c.last_failure_at))


def test_lockout_doubles_with_each_further_failure_and_success_clears_it(app):
    for n in range(10):
        attempt(app, "alice", f"wrong-{n}-guess", f"10.1.{n}.1")
    waits = []
    for n in range(3):
        _unlock_now(app)
        _client, response = attempt(app, "alice", f"again-{n}-wrong", f"10.2.{n}.1")
        assert response.status_code == 401 and "已暂时锁定" in response.get_data(as_text=True)
        _client, response = attempt(app, "alice", PASSWORD, f"10.3.{n}.1")
        waits.append(int(response.headers["Retry-After"]))
    # Retry-After counts down: a slow password check may take a second off each (120 → 119)
    assert all(expected - 2 <= wait <= expected for wait, expected in zip(waits, [120, 240, 480])), waits
    _unlock_now(app)
    client, response = attempt(app, "alice", PASSWORD, "10.4.0.1")
    assert response.status_code == 303 and client.get("/admin/").status_code == 200
    _client, response = attempt(app, "alice", "wrong-after-success", "10.4.0.2")
    assert response.status_code == 401 and "已暂时锁定" not in response.get_data(as_text=True)


def test_lockout_backoff_is_capped():
    from portal.lockout import lock_seconds

    config = {"LOGIN_LOCKOUT_THRESHOLD": 10, "LOGIN_LOCKOUT_SECONDS": 60, "LOGIN_LOCKOUT_MAX_SECONDS": 3600}
    assert [lock_seconds(n, config) for n in (9, 10, 11, 15, 16, 10_000)] == [0, 60, 120, 1920, 3600, 3600]


def test_unknown_names_are_never_locked_and_reveal_nothing_new(app):
    for n in range(15):
        _client, response = attempt(app, f"nobody{n % 3}", "whatever-pass", f"10.5.{n}.1")
        assert response.status_code == 401


# ---- bounded audit ------------------------------------------------------------------------------

def test_failed_logins_write_a_bounded_number_of_audit_rows(app):
    for n in range(15):
        attempt(app, "alice", f"wrong-{n}-guess", f"10.6.{n}.1")
        attempt(app, f"ghost-{n}", "whatever-pass", f"10.7.{n}.1")
    rows = audit_rows(app, "login_failed")
    assert len(rows) == 2  # one per account and hour, not one per attempt
    by_target = {r["target"]: r["detail"] for r in rows}
    assert by_target["alice"]["count"] == 10  # then locked: later attempts are not even checked
    assert "locked_until" in by_target["alice"]
    unknown = by_target["（不存在的用户名）"]
    assert unknown["count"] == 15 and len(unknown["names"]) == 10  # names kept are capped too
