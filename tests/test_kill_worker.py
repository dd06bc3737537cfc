"""`kill -9` of a gunicorn worker while citizens post comments loses no acknowledged comment.

Real parts only: gunicorn with two sync workers over the small publication (SQLite in WAL mode),
several client threads posting comments over real HTTP on 127.0.0.1, and SIGKILL sent to a
worker process twice while they post; gunicorn's master respawns it. A comment is acknowledged
when the portal answered 201 with its id. Afterwards the comments table is read straight from
the SQLite file: every acknowledged comment must be there with its body. Requests cut off by a
kill (connection errors) were never acknowledged and may or may not have been stored.
"""
import http.client
import json
import os
import re
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from small_publication import make_app
from support.servers import portal_env, run_gunicorn, wait_until

PROJECT = "P1"
CLIENTS = 4
POSTS_PER_CLIENT = 50
KILLS = 2
ACKS_BETWEEN_KILLS = 30  # acknowledged posts before each kill, so kills land mid-run


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kill_worker")
    make_app(folder, {"SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": False})
    return folder


@pytest.fixture()
def gunicorn(instance):
    """(process, port): gunicorn, two sync workers, over the small instance."""
    env = portal_env(instance, DATABASE_URL=f"sqlite:///{instance / 'small.db'}", SEARCH_INDEX_PATH=instance / "search.db",
                     RATELIMIT_WRITE="10000 per minute", COMMENTS_PREMODERATED="1", SEARCH_HYBRID="0",
                     NLQ_EMBEDDINGS="0")
    with run_gunicorn(env, workers=2) as server:
        wait_until(lambda: len(workers(server.process.pid)) == 2, 60, "gunicorn's two workers")
        yield server.process, server.port


def workers(master_pid):
    """Pids of the gunicorn master's child processes (its workers)."""
    children = set()
    for task in Path(f"/proc/{master_pid}/task").iterdir():
        try:
            children.update(int(pid) for pid in (task / "children").read_text().split())
        except FileNotFoundError:  # the thread ended meanwhile
            pass
    return children


def request(port, method, path, body=None, headers=None):
    """One request on a fresh connection: (status, headers, body text). Raises on connection errors."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers={"Connection": "close", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read().decode("utf-8")
    finally:
        connection.close()


def session_and_token(port):
    """GET the project page: the session cookie and the form's CSRF token (retried past a kill)."""
    for _ in range(20):
        try:
            status, cookie, html = request(port, "GET", f"/projects/{PROJECT}", headers={"Accept": "text/html"})
        except (OSError, http.client.HTTPException):
            time.sleep(0.05)
            continue
        assert status == 200, status
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        return cookie.split(";", 1)[0], token
    raise AssertionError("could not load the project page")


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = {}   # id -> body
        self.cut_off = []        # bodies whose request failed at the connection level
        self.other = []          # (status, text) of any other answer
        self.done = threading.Event()

    def add(self, kind, *item):
        with self.lock:
            if kind == "ack":
                self.acknowledged[item[0]] = item[1]
            elif kind == "cut":
                self.cut_off.append(item[0])
            else:
                self.other.append(item)

    def acks(self):
        with self.lock:
            return len(self.acknowledged)


def post_comments(port, client_number, tally):
    cookie, token = session_and_token(port)
    for n in range(POSTS_PER_CLIENT):
        body = f"第{client_number}号评议人的第{n}条意见：工程进度需要公开说明"
        payload = json.dumps({"rating": 1 + n % 5, "body": body}, ensure_ascii=False).encode("utf-8")
        try:
            status, _, text = request(port, "POST", f"/projects/{PROJECT}/comments", body=payload, headers={
                "Content-Type": "application/json", "Accept": "application/json",
                "X-CSRFToken": token, "Cookie": cookie})
        except (OSError, http.client.HTTPException):
            tally.add("cut", body)
            continue
        if status == 201:
            tally.add("ack", json.loads(text)["id"], body)
        else:
            tally.add("other", status, text)


def kill_workers(master_pid, tally, killed):
    """SIGKILL one worker each time ACKS_BETWEEN_KILLS more posts were acknowledged; wait for the respawn."""
    for round_number in range(1, KILLS + 1):
        wait_until(lambda: tally.acks() >= round_number * ACKS_BETWEEN_KILLS or tally.done.is_set(), 60,
                   "acknowledged posts")
        if tally.done.is_set():
            return
        before = workers(master_pid)
        victim = min(before)
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)
        wait_until(lambda: len(workers(master_pid) - before) == 1 and len(workers(master_pid)) == 2, 60,
                   "gunicorn to respawn the killed worker")


def stored_comments(instance):
    with sqlite3.connect(instance / "small.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return dict(db.execute("SELECT id, body FROM comments WHERE project_code = ?", (PROJECT,)).fetchall())


def test_sigkill_of_a_worker_loses_no_acknowledged_comment(gunicorn, instance):
    process, port = gunicorn
    rows_before = len(stored_comments(instance))
    tally, killed = Tally(), []
    killer = threading.Thread(target=kill_workers, args=(process.pid, tally, killed))
    clients = [threading.Thread(target=post_comments, args=(port, number, tally)) for number in range(CLIENTS)]
    killer.start()
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join(30)
    tally.done.set()
    killer.join(20)

    rows = stored_comments(instance)
    new_rows = len(rows) - rows_before
    stored_bodies = set(rows.values())
    cut_off_stored = sum(body in stored_bodies for body in tally.cut_off)
    print(f"\nposted={CLIENTS * POSTS_PER_CLIENT} acknowledged={len(tally.acknowledged)} "
          f"connection_errors={len(tally.cut_off)} (stored anyway: {cut_off_stored}) other={len(tally.other)} "
          f"rows_before={rows_before} rows_after={len(rows)} killed={killed}")

    assert len(killed) == KILLS, "the workers were not killed mid-run"
    assert process.poll() is None, "the gunicorn master died"
    assert tally.other == [], tally.other[:3]
    assert len(tally.acknowledged) + len(tally.cut_off) == CLIENTS * POSTS_PER_CLIENT
    # No acknowledged comment lost: each id is in the table with the body that was posted.
    missing = {cid: body for cid, body in tally.acknowledged.items() if rows.get(cid) != body}
    assert not missing, f"acknowledged comments lost: {missing}"
    # Nothing stored that nobody posted, and no comment stored twice.
    assert new_rows == len(tally.acknowledged) + cut_off_stored
    assert len(stored_bodies) == len(rows)
    # The respawned workers serve: most posts were acknowledged, including after the last kill.
    assert len(tally.acknowledged) >= CLIENTS * POSTS_PER_CLIENT - 2 * KILLS * CLIENTS
