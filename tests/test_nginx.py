"""deploy/nginx/mingzhang.conf in front of gunicorn, on loopback ports (issue #12, finding 4).

The shipped file is used as it is, with only the lines marked SITE rewritten (ports, paths, a
self-signed certificate made here). It proves: request-body limits at nginx (64 KB; 50 MB for the
staff upload), slow clients buffered by nginx (a single gunicorn thread keeps serving while clients
trickle bodies), X-Forwarded-* believed with MINGZHANG_PROXY_COUNT=1 (Secure cookie over HTTPS, a
forged X-Forwarded-For buys no rate-limit budget), static files and downloads sent by nginx, HTTPS
with HSTS (once) and HTTP redirected to HTTPS, an access log without client addresses or query strings.
nginx missing fails the module (it is never skipped): `make test` installs it.
"""
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from small_publication import make_app

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "deploy" / "nginx" / "mingzhang.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ASK = "/api/ask?q=" + urllib.parse.quote("2024年教育支出是多少")


def require_nginx():
    """nginx missing is a failure, not a skip: `make test` installs it (scripts/ensure-system-deps.sh), so
    a run without it would pass while never starting the configuration it ships."""
    if not Path(NGINX).exists() or not shutil.which("openssl"):
        pytest.fail("nginx or openssl is not installed: run `bash scripts/ensure-system-deps.sh` "
                    "(installs Debian's nginx and openssl)")


def test_make_test_installs_nginx_before_running_the_suite():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_prerequisites = re.search(r"^test:(.*)$", makefile, re.M).group(1).split()
    assert "browser-deps" in test_prerequisites
    assert "scripts/ensure-system-deps.sh" in re.search(r"^browser-deps:\n((?:\t.*\n)+)", makefile, re.M).group(1)
    script = (ROOT / "scripts" / "ensure-system-deps.sh").read_text(encoding="utf-8")
    assert "need+=(nginx)" in script and "need+=(openssl)" in script


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, process, log):
    for _ in range(300):
        assert process.poll() is None, Path(log).read_text(errors="replace")[-3000:]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


def site_config(ports, paths):
    """The shipped file with its SITE lines pointed at this test (each must be found exactly once)."""
    text = CONF.read_text(encoding="utf-8")
    rewrites = [
        (r"server 127\.0\.0\.1:8000;", f"server 127.0.0.1:{ports['gunicorn']};"),
        (r"listen 80;", f"listen 127.0.0.1:{ports['http']};"),
        (r"listen 443 ssl http2;", f"listen 127.0.0.1:{ports['https']} ssl http2;"),
        (r"/etc/ssl/mingzhang/fullchain\.pem", str(paths["cert"])),
        (r"/etc/ssl/mingzhang/privkey\.pem", str(paths["key"])),
        (r"/srv/mingzhang/portal/static/", f"{ROOT / 'portal' / 'static'}/"),
        (r"/srv/mingzhang/instance/downloads/", f"{paths['instance'] / 'downloads'}/"),
        (r"/var/log/nginx/mingzhang\.access\.log", str(paths["site_log"]), 2),  # one per server
    ]
    for pattern, value, *times in rewrites:
        text, count = re.subn(pattern, value, text)
        assert count == (times or [1])[0], f"{pattern} found {count} times in {CONF.name}"
    return text


def main_config(folder, site):
    """A minimal nginx.conf around the site file. Like Debian's, it keeps an http-level access log in the
    `combined` format (client address, full request line): the site file must override it."""
    (folder / "site.conf").write_text(site, encoding="utf-8")
    temp = folder / "temp"
    temp.mkdir()
    return f"""
user root;  # the test's folders belong to root; a real install runs workers as www-data
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {folder}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {folder}/site.conf;
}}
"""


def self_signed(folder):
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """nginx (this repository's config) -> gunicorn (one worker, one thread) -> the small publication."""
    require_nginx()
    folder = tmp_path_factory.mktemp("nginx")
    instance = folder / "instance"
    app, _pub = make_app(instance, {"SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": False})
    app.extensions["mingzhang.engine"].dispose()
    cert, key = self_signed(folder)
    ports = {"gunicorn": free_port(), "http": free_port(), "https": free_port()}
    env = {**os.environ, "MINGZHANG_INSTANCE": str(instance), "DATABASE_URL": f"sqlite:///{instance / 'small.db'}",
           "SEARCH_INDEX_PATH": str(instance / "search.db"), "SECRET_KEY": "test-secret",
           "PSEUDONYM_KEY": "test-pseudonym-key", "SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": "0", "HF_HUB_OFFLINE": "1",
           "MINGZHANG_PROXY_COUNT": "1", "DOWNLOADS_ACCEL_REDIRECT": "/_downloads/", "RATELIMIT_ASK": "3 per minute",
           "WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "1"}
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--bind",
         f"127.0.0.1:{ports['gunicorn']}", "--access-logfile", str(folder / "gunicorn-access.log"), "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(folder / "gunicorn.log", "wb"))
    (folder / "nginx.conf").write_text(main_config(folder, site_config(
        ports, {"cert": cert, "key": key, "instance": instance, "site_log": folder / "site-access.log"})),
        encoding="utf-8")
    test = subprocess.run([NGINX, "-t", "-p", str(folder), "-c", str(folder / "nginx.conf")],
                          capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    nginx = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=open(folder / "nginx.log", "wb"))
    try:
        wait_for(ports["gunicorn"], gunicorn, folder / "gunicorn.log")
        wait_for(ports["https"], nginx, folder / "nginx.log")
        context = ssl.create_default_context(cafile=str(cert))
        yield {"ports": ports, "folder": folder, "instance": instance, "tls": context}
    finally:
        for process in (nginx, gunicorn):
            process.terminate()
            process.wait(timeout=30)


def request(stack, method, path, body=None, headers=None, tls=True, port=None):
    """(status, headers, body) over HTTPS (or plain HTTP) through nginx."""
    port = port or stack["ports"]["https" if tls else "http"]
    connection = (http.client.HTTPSConnection("127.0.0.1", port, context=stack["tls"], timeout=30) if tls
                  else http.client.HTTPConnection("127.0.0.1", port, timeout=30))
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def gunicorn_saw(stack, path, wait=3.0):
    """Whether gunicorn's access log names ``path`` (it is written just after the answer: wait a little)."""
    deadline = time.monotonic() + wait
    while True:
        if f" {path} " in (stack["folder"] / "gunicorn-access.log").read_text():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def test_https_with_hsts_once_and_http_redirects(stack):
    status, headers, body = request(stack, "GET", "/")
    assert status == 200 and "示例市" in body.decode()
    assert headers.get_all("Strict-Transport-Security") == ["max-age=31536000; includeSubDomains"]
    status, headers, _ = request(stack, "GET", "/projects/P1", tls=False)
    assert status == 301 and headers["Location"].startswith("https://") and headers["Location"].endswith("/projects/P1")


def test_forwarded_headers_are_believed_with_one_proxy(stack):
    # X-Forwarded-Proto: https reached the portal: its session cookie is Secure (MINGZHANG_ENV is not production)
    status, headers, _ = request(stack, "GET", "/admin/login")
    assert status == 200 and "Secure" in headers["Set-Cookie"]
    # X-Forwarded-For: the client is the address nginx saw; forged addresses buy no fresh budget
    statuses = [request(stack, "GET", ASK, headers={"X-Forwarded-For": f"203.0.113.{n}"})[0] for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429], statuses


def test_request_body_limits_are_enforced_by_nginx(stack):
    big = b"rating=3&body=" + b"A" * (1 << 20)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, body = request(stack, "POST", "/projects/P1/comments", body=big, headers=form)
    assert status == 413 and b"nginx" in body  # refused by nginx: gunicorn never saw it
    assert not gunicorn_saw(stack, "/projects/P1/comments", wait=1)
    # the staff upload may be larger at nginx; the portal then refuses it to anyone not logged in
    status, _, body = request(stack, "POST", "/admin/upload", body=big, headers=form)
    assert status == 413 and "提交的内容过大" in body.decode()
    assert gunicorn_saw(stack, "/admin/upload")


def test_slow_clients_are_buffered_by_nginx(stack):
    """Three clients trickle their bodies; gunicorn's single thread keeps serving everyone else."""
    def slow_client(port, use_tls):
        raw = socket.create_connection(("127.0.0.1", port), timeout=30)
        sock = stack["tls"].wrap_socket(raw, server_hostname="127.0.0.1") if use_tls else raw
        sock.sendall(b"POST /projects/P1/comments HTTP/1.1\r\nHost: t\r\nContent-Type: "
                     b"application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nrating=3&body=")
        return sock  # ... and the other 986 bytes never come

    def timed_home(port, use_tls):
        started = time.perf_counter()
        status = request(stack, "GET", "/healthz", tls=use_tls, port=port)[0]
        return status, time.perf_counter() - started

    slow = [slow_client(stack["ports"]["https"], True) for _ in range(3)]
    try:
        time.sleep(0.5)
        status, seconds = timed_home(stack["ports"]["https"], True)
        assert status == 200 and seconds < 2, seconds
    finally:
        for sock in slow:
            sock.close()
    # The same trick straight at gunicorn holds its only thread: that is what nginx spares it.
    direct = slow_client(stack["ports"]["gunicorn"], False)
    try:
        time.sleep(0.5)
        with pytest.raises(OSError):  # timed out
            connection = http.client.HTTPConnection("127.0.0.1", stack["ports"]["gunicorn"], timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse()
    finally:
        direct.close()


def test_static_files_and_downloads_are_sent_by_nginx(stack):
    status, headers, body = request(stack, "GET", "/static/app.css")
    assert status == 200 and body == (ROOT / "portal" / "static" / "app.css").read_bytes()
    assert headers["Server"].startswith("nginx") and "Content-Security-Policy" not in headers  # not the portal
    assert not gunicorn_saw(stack, "/static/app.css", wait=1)
    status, headers, body = request(stack, "GET", "/data/budgets.csv")
    assert status == 200 and body.decode("utf-8-sig").startswith("year,region_code")
    assert int(headers["Content-Length"]) == len(body) and "budgets-pub" in headers["Content-Disposition"]
    assert headers.get_all("Strict-Transport-Security") == ["max-age=31536000; includeSubDomains"]
    [file] = (stack["instance"] / "downloads").glob("pub*/budgets.csv")
    assert file.read_bytes() == body
    assert request(stack, "GET", "/_downloads/" + file.parent.name + "/budgets.csv")[0] == 404  # internal only


def test_nginx_access_log_keeps_no_ip_and_no_query_string(stack):
    """The shipped log format: no client address and no query string (a question typed into the question
    box, or anything else after ?), whatever the Debian-wide default log would have kept."""
    question = "2024年教育支出是多少"
    paths = ["/api/ask?q=" + urllib.parse.quote(question) + "&secret=s3cr3t", "/search?q=s3cr3t"]
    for path in paths:
        request(stack, "GET", path, headers={"X-Forwarded-For": "198.51.100.7"})
    request(stack, "GET", "/projects/P1?token=s3cr3t", tls=False)  # the plain-HTTP redirect logs too
    log = stack["folder"] / "site-access.log"
    deadline = time.monotonic() + 5
    while " /projects/P1 " not in log.read_text(encoding="utf-8"):  # written just after the answer
        assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.1)
    text = log.read_text(encoding="utf-8")
    assert "GET /api/ask " in text and "GET /search " in text and "GET /projects/P1 " in text, text
    for kept in ("127.0.0.1", "198.51.100.7", "?", "q=", "s3cr3t", "%E6", question, "教育"):
        assert kept not in text, kept
    default_log = stack["folder"] / "access.log"  # the http-level `combined` log: the site replaced it
    assert not default_log.exists() or default_log.read_text(encoding="utf-8") == ""
