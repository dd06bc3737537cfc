"""Issue #12, finding 4 (bodies): public posts may not cost what the staff upload may.

Before, every route accepted the 50 MB upload limit. Measured on gunicorn: a 45 MB percent-encoded
comment body without a form token took 34 s and 3.8 GB of worker memory to refuse (0.8 s and
+140 MB for plain ASCII), and token-less posts never counted toward the rate limit. Now every
request may carry MAX_BODY_KB (64 KB) unless it is the staff upload of a logged-in publisher; a
larger declared body is refused before it is read, after the rate limiter has counted it.
"""
import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from community_support import create_staff, csrf_token, login
from small_publication import make_app

ROOT = Path(__file__).resolve().parent.parent
FAST = {"SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": False}
COMMENTS = "/projects/P1/comments"


@pytest.fixture()
def app(tmp_path):
    app, _pub = make_app(tmp_path, {**FAST, "RATELIMIT_WRITE": "3 per minute"})
    return app


def big_form(size):
    return b"rating=3&body=" + b"%E6%98%8E" * (size // 9)


def post(client, body, content_type="application/x-www-form-urlencoded", path=COMMENTS, **kwargs):
    return client.post(path, data=body, content_type=content_type, **kwargs)


def test_oversized_posts_count_toward_the_write_limit(app):
    client = app.test_client()
    for _ in range(3):  # no token and far too large: refused, and counted
        response = post(client, big_form(1 << 20))
        assert response.status_code == 413 and "提交的内容过大（上限 64 KB）" in response.get_data(as_text=True)
    token = csrf_token(client, COMMENTS)
    valid = client.post(COMMENTS, data={"rating": "4", "body": "第四条，正常的评议", "csrf_token": token})
    assert valid.status_code == 429  # the budget is spent


def test_posts_refused_for_csrf_count_toward_the_write_limit(app):
    client = app.test_client()
    for _ in range(3):
        assert client.post(COMMENTS, data={"rating": "4", "body": "没有令牌"}).status_code == 400
    token = csrf_token(client, COMMENTS)
    assert client.post(COMMENTS, data={"rating": "4", "body": "有令牌", "csrf_token": token}).status_code == 429
    other = app.test_client()  # another client keeps its own budget
    response = other.post(COMMENTS, environ_base={"REMOTE_ADDR": "10.1.2.3"},
                          data={"rating": "4", "body": "另一位市民", "csrf_token": csrf_token(other, COMMENTS)})
    assert response.status_code == 303


def test_json_and_other_posts_are_bounded_too(app):
    client = app.test_client()
    body = b'{"rating": 3, "body": "' + b"x" * (100 << 10) + b'"}'
    response = post(client, body, "application/json", headers={"Accept": "application/json"})
    assert response.status_code == 413 and response.get_json()["error"]["code"] == "body_too_large"
    assert post(client, big_form(100 << 10), path="/admin/login").status_code == 413
    # just under the limit: read, then refused for what it says (no token), not for its size
    assert post(app.test_client(), big_form(60 << 10)).status_code == 400


def test_only_a_logged_in_publisher_may_send_an_upload_sized_body(app, tmp_path):
    create_staff(app, "pete", "publisher")
    create_staff(app, "mona", "moderator")
    csv_body = ("凭证号,支付日期,金额（元）,收款人,收款人类型\n" + "P1,2024-01-01,1,甲公司,单位\n" * 8000).encode()
    assert len(csv_body) > 64 << 10

    def upload(client, token_page="/admin/"):
        data = {"csrf_token": csrf_token(client, token_page), "files": [(io.BytesIO(csv_body), "payments.csv")]}
        return client.post("/admin/upload", data=data, content_type="multipart/form-data")

    assert upload(app.test_client(), "/admin/login").status_code == 413  # nobody logged in: never parsed
    moderator = app.test_client()
    login(moderator, "mona")
    assert upload(moderator).status_code == 413
    publisher = app.test_client()
    login(publisher, "pete")
    response = upload(publisher)
    assert response.status_code == 422, response.status_code  # read and checked (the rows name no project)
    assert "导入失败" in response.get_data(as_text=True)


# ---- on gunicorn: time and worker memory ------------------------------------------------------------------

def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _memory_mb(pid):
    """(resident, peak resident) of a process in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """One gunicorn worker over the small publication; yields (port, worker pid)."""
    tmp = tmp_path_factory.mktemp("body-limits")
    make_app(tmp, FAST)[0].extensions["mingzhang.engine"].dispose()
    port = _free_port()
    env = {**os.environ, "MINGZHANG_INSTANCE": str(tmp), "DATABASE_URL": f"sqlite:///{tmp / 'small.db'}",
           "SEARCH_INDEX_PATH": str(tmp / "search.db"), "SECRET_KEY": "test-secret",
           "PSEUDONYM_KEY": "test-pseudonym-key", "SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": "0",
           "WEB_CONCURRENCY": "1", "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
                                "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "wsgi:app"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        worker = None
        for _ in range(300):
            children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
            if children and _answers(port):
                worker = int(children[0])
                break
            time.sleep(0.1)
        assert worker, "gunicorn did not start"
        yield port, worker
    finally:
        process.terminate()
        process.wait(timeout=30)


def _answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
            return sock.recv(12).startswith(b"HTTP/1.")
    except OSError:
        return False


def send_large_post(port, size, content_type):
    """POST ``size`` bytes of a percent-encoded comment body (no token), streamed from a 1 MB block.

    Returns (status line, seconds until the answer). The server may answer and close before the
    body is all sent; that is the point.
    """
    head = b"rating=3&body="
    block = (b"%E6%98%8E" * ((1 << 20) // 9 + 1))[: 1 << 20]
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        started = time.perf_counter()
        sock.sendall(f"POST {COMMENTS} HTTP/1.1\r\nHost: t\r\nContent-Type: {content_type}\r\n"
                     f"Content-Length: {len(head) + size}\r\n\r\n".encode() + head)
        try:
            for _ in range(size >> 20):
                sock.sendall(block)
        except OSError:  # refused and closed early: stop sending
            pass
        status = sock.recv(100).split(b"\r\n")[0].decode()
        return status, time.perf_counter() - started


def test_a_45_mb_comment_without_token_is_refused_fast_with_bounded_memory(gunicorn):
    port, worker = gunicorn
    _rss, peak_before = _memory_mb(worker)
    for content_type in ("application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json"):
        status, seconds = send_large_post(port, 45 << 20, content_type)
        assert status.startswith("HTTP/1.1 413"), (content_type, status)
        assert seconds < 2, (content_type, seconds)  # was 34 s (urlencoded, percent-encoded Chinese)
    _rss, peak_after = _memory_mb(worker)
    assert peak_after - peak_before < 50, (peak_before, peak_after)  # was +3.7 GB
    assert _answers(port)  # and the worker still serves


def _timed_get(port, path):
    import http.client

    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def test_three_concurrent_large_posts_do_not_slow_other_pages(gunicorn):
    """The issue's third measurement: three 45 MB posts at once slowed every page to seconds. Three clients
    now send them back to back for three seconds while a fourth reads pages: every post is refused unread
    and every page still answers within a second."""
    import threading

    port, _worker = gunicorn
    stop_at = time.monotonic() + 3
    statuses = []

    def attacker():
        while time.monotonic() < stop_at:
            statuses.append(send_large_post(port, 45 << 20, "application/x-www-form-urlencoded")[0])
    attackers = [threading.Thread(target=attacker) for _ in range(3)]
    for thread in attackers:
        thread.start()
    timings = []
    while any(thread.is_alive() for thread in attackers):
        for path in ("/healthz", "/", "/projects/P1"):
            timings.append((path, *_timed_get(port, path)))
    for thread in attackers:
        thread.join()
    # refused unread: too large (413), or over the write budget that refused posts use up (429)
    assert len(statuses) >= 3 and all(status[9:12] in ("413", "429") for status in statuses), statuses
    print(f"\n{len(statuses)} refused 45 MB posts; {len(timings)} page reads, slowest "
          f"{max(seconds for _p, _s, seconds in timings):.2f} s")
    assert len(timings) >= 6
    assert [(path, status, round(seconds, 2)) for path, status, seconds in timings
            if status != 200 or seconds > 1] == []
