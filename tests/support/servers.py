"""Servers on free loopback ports: gunicorn over an instance folder, redis-server, werkzeug in a thread."""
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
GUNICORN_CONF = ROOT / "gunicorn.conf.py"


def free_port():
    """A loopback port nothing listens on (closed again: bind it soon)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, timeout, what):
    """Call ``check`` until it returns true (exceptions count as "not yet"); AssertionError after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def stop(process):
    """Terminate ``process`` (SIGTERM, then SIGKILL after 10 s) and reap it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def portal_env(instance, **settings):
    """The environment of a portal process over ``instance``: test keys, no model downloads, and
    ``settings`` on top (a value of None removes the variable)."""
    env = {**os.environ, "MINGZHANG_INSTANCE": str(instance), "SECRET_KEY": "test-secret",
           "PSEUDONYM_KEY": "test-pseudonym-key", "HF_HUB_OFFLINE": "1"}
    env.update({key: str(value) for key, value in settings.items() if value is not None})
    for key in [key for key, value in settings.items() if value is None]:
        env.pop(key, None)
    return env


@dataclass
class Gunicorn:
    process: subprocess.Popen
    port: int
    error_log: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


def answers_health_check(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status < 500
    finally:
        connection.close()


def _gunicorn_command(port, workers, access_log, access_format, error_log):
    command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "--bind", f"127.0.0.1:{port}",
               "--access-logfile", str(access_log), "--error-logfile", str(error_log)]
    if workers:  # sync workers serve one request at a time, so concurrent requests spread over them
        command += ["-w", str(workers), "-k", "sync"]
    if access_format:
        command += ["--access-logformat", access_format]
    return command + ["wsgi:app"]


@contextmanager
def run_gunicorn(env, *, workers=None, access_log="/dev/null", access_format=None, error_log=None, timeout=60):
    """gunicorn (gunicorn.conf.py) on a free loopback port with ``env`` (see ``portal_env``), until
    /healthz answers; stopped when the block ends. ``workers`` sync workers, or the config's default.
    Its stderr and error log go to ``error_log`` (a temporary file unless given)."""
    logs = None if error_log else tempfile.TemporaryDirectory(prefix="gunicorn-")
    error_log = Path(error_log or Path(logs.name) / "error.log")
    port = free_port()
    with open(error_log, "ab") as stderr:
        process = subprocess.Popen(_gunicorn_command(port, workers, access_log, access_format, error_log),
                                   cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        def healthy():
            assert process.poll() is None, "gunicorn exited: " + error_log.read_text(errors="replace")[-2000:]
            return answers_health_check(port)

        wait_until(healthy, timeout, "gunicorn to answer")
        yield Gunicorn(process, port, error_log)
    finally:
        stop(process)
        if logs:
            logs.cleanup()


class RedisServer:
    """Debian's redis-server on a fixed free loopback port, without persistence; it can be killed
    and started again on the same port."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            import pytest

            pytest.fail("redis-server is not installed: run `bash scripts/ensure-system-deps.sh` "
                        "(installs Debian's redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}"
        self.process = None

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_timeout=1)

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(self.client().ping, 30, "redis-server PING")
        return self

    def kill(self):
        self.process.kill()  # SIGKILL: no goodbye to the clients
        self.process.wait()

    def stop(self):
        if self.process:
            stop(self.process)


@contextmanager
def run_redis():
    """A started RedisServer, stopped when the block ends."""
    server = RedisServer()
    try:
        yield server.start()
    finally:
        server.stop()


@contextmanager
def serve_in_thread(app, host="127.0.0.1", **options):
    """Serve a WSGI ``app`` with werkzeug on a free port from a daemon thread; yields the base URL."""
    from werkzeug.serving import make_server

    server = make_server(host, 0, app, threaded=True, **options)  # port 0: the OS picks a free port
    threading.Thread(target=server.serve_forever, name="live-server", daemon=True).start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
