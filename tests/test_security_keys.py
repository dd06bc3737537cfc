"""Issue #12, finding 2: no known keys, and logins the server can revoke.

- Each instance generates its own random SECRET_KEY and PSEUDONYM_KEY (files, mode 0600); keys once
  published in this repository are refused.
- A session cookie forged with the old literal key (or naming a user without a server-side login) is
  nobody; logout, a password change and a role change revoke a copied cookie.
- The dictionary attack of the issue (HMAC of common surnames × given names with the known key) matches
  nothing against an instance's pseudonyms.
"""
import csv
import hashlib
import hmac
import io
import itertools
import os
import re
import stat
from pathlib import Path

import pytest
from community_support import create_staff, csrf_token, login, write_small_raw
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import select, update

from ledger import schema

# The keys an attacker knows: what this repository once shipped (portal/config.py, docker-compose.yml).
OLD_DEVELOPMENT_KEY = "dev-insecure-change-me"
OLD_COMPOSE_KEY = "change-me-in-production"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
         "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "建国", "玉兰", "志强"]


def _config(instance, **extra):
    """A portal configuration that names no key: the instance must supply its own."""
    return {"INSTANCE_PATH": instance, "DATABASE_URL": f"sqlite:///{instance / 'keys.db'}",
            "SEARCH_INDEX_PATH": instance / "search.db", "TESTING": True, "SEARCH_HYBRID": "0", **extra}


@pytest.fixture()
def no_key_env(monkeypatch):
    for name in ("SECRET_KEY", "PSEUDONYM_KEY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture()
def app(tmp_path, no_key_env):
    from portal import create_app

    app = create_app(_config(tmp_path))
    create_staff(app, "alice", "admin")
    create_staff(app, "pete", "publisher")
    return app


def test_first_start_generates_private_random_keys(tmp_path, no_key_env):
    from portal import create_app

    first = create_app(_config(tmp_path / "a"))
    for name, key in (("secret_key", "SECRET_KEY"), ("pseudonym_key", "PSEUDONYM_KEY")):
        path = tmp_path / "a" / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_text().strip() == first.config[key] and len(first.config[key]) == 64
    assert first.config["SECRET_KEY"] != first.config["PSEUDONYM_KEY"]  # never the same key
    again = create_app(_config(tmp_path / "a"))  # a restart keeps them (pseudonyms must stay stable)
    assert (again.config["SECRET_KEY"], again.config["PSEUDONYM_KEY"]) == \
        (first.config["SECRET_KEY"], first.config["PSEUDONYM_KEY"])
    other = create_app(_config(tmp_path / "b"))  # another instance: other keys
    assert other.config["SECRET_KEY"] != first.config["SECRET_KEY"]
    assert other.config["PSEUDONYM_KEY"] != first.config["PSEUDONYM_KEY"]


def test_a_key_file_readable_by_others_is_made_private(tmp_path, no_key_env):
    from portal import create_app

    create_app(_config(tmp_path))
    (tmp_path / "secret_key").chmod(0o644)
    create_app(_config(tmp_path))
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


@pytest.mark.parametrize("setting", ["SECRET_KEY", "PSEUDONYM_KEY"])
@pytest.mark.parametrize("known", [OLD_DEVELOPMENT_KEY, OLD_COMPOSE_KEY])
def test_keys_once_published_are_refused(tmp_path, setting, known):
    from portal import create_app

    with pytest.raises(RuntimeError, match=setting):
        create_app(_config(tmp_path, **{setting: known}))


# Where a deployment takes its settings from: nothing here may carry a key value. An empty value or the
# operator's own ${VARIABLE} (no default) is fine.
DEPLOYMENT_FILES = ("Makefile", "docker-compose.yml", "gunicorn.conf.py", "wsgi.py", "deploy/**/*", "scripts/**/*",
                    ".ci/**/*", "portal/**/*.py")
# NAME=value (shell, make, compose lists, Python), and NAME: value as a YAML key or a quoted dict key.
KEY_ASSIGNMENTS = (re.compile(r"\b(SECRET_KEY|PSEUDONYM_KEY)[ \t]*=(?!=)[ \t]*(\S*)"),
                   re.compile(r"""(?:^[ \t-]*|["'])(SECRET_KEY|PSEUDONYM_KEY)["']?[ \t]*:[ \t]*(\S*)""", re.M))


def _key_values(text):
    """The non-empty values assigned to SECRET_KEY / PSEUDONYM_KEY in ``text`` (shell, make, YAML, Python)."""
    values = []
    for pattern in KEY_ASSIGNMENTS:
        for match in pattern.finditer(text):
            value = match.group(2).strip("\"',")
            if value and not re.fullmatch(r"\$\{\w+(:?-)?\}", value):  # empty, or the operator's own variable
                values.append(f"{match.group(1)}={value}")
    return values


def test_the_key_scan_sees_every_way_of_writing_a_key():
    """The scan below must catch a new literal in any of the forms these files use."""
    for text in ("run:\n\tSECRET_KEY=dev $(BIN)/mingzhang serve", "      - PSEUDONYM_KEY=abc123",
                 "    SECRET_KEY: 'x'", 'config = {"SECRET_KEY": "s3cr3t"}', "export PSEUDONYM_KEY=k",
                 "env SECRET_KEY=dev gunicorn wsgi:app", "      - SECRET_KEY=${SECRET_KEY:-changeme}"):
        assert _key_values(text), text
    for text in ("      - SECRET_KEY=${SECRET_KEY:-}", "PSEUDONYM_KEY=${PSEUDONYM_KEY}", 'Setting("SECRET_KEY", "", "…")', "SECRET_KEY=",
                 'config["SECRET_KEY"] = instance_key(folder, SECRET_KEY_FILE)', "SECRET_KEY_FILE = \"secret_key\"",
                 "never falls back to SECRET_KEY: a pseudonym is an HMAC"):
        assert not _key_values(text), text


def test_no_key_value_is_written_in_makefile_compose_or_deploy():
    root = Path(__file__).resolve().parent.parent
    paths = sorted({path for pattern in DEPLOYMENT_FILES for path in root.glob(pattern) if path.is_file()})
    assert root / "Makefile" in paths and root / "deploy/nginx/mingzhang.conf" in paths
    found = {}
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        if values := _key_values(text):
            found[str(path.relative_to(root))] = values
    assert found == {}


def _recipe(makefile, target):
    """The command lines of ``target`` in a Makefile (tab-indented lines after ``target:``)."""
    lines = makefile.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def test_make_run_serves_with_the_instance_keys(tmp_path, monkeypatch):
    """`make run` names no key, and the server it starts (`mingzhang serve`) signs sessions with the
    random key it generated into the instance folder (mode 0600), not with anything known."""
    import subprocess
    import sys

    from support.servers import answers_health_check, free_port, portal_env, stop, wait_until

    root = Path(__file__).resolve().parent.parent
    recipe = _recipe(root / "Makefile", "run")
    assert not [line for line in recipe if "KEY" in line], recipe
    serve = next(line for line in recipe if "mingzhang serve" in line)
    assert serve.split("mingzhang serve")[0].strip() == "PORT=$(PORT) $(BIN)/", serve  # no other variable set
    port = free_port()
    env = portal_env(tmp_path, SECRET_KEY=None, PSEUDONYM_KEY=None, PORT=port)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    command = [sys.executable, "-c", "from portal.cli import main; main()", "serve", "--port", str(port)]
    log = tmp_path / "serve.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: process.poll() is None and answers_health_check(port), 90,
                   "mingzhang serve: " + log.read_text(errors="replace")[-1500:])
        keys = {name: tmp_path / name for name in ("secret_key", "pseudonym_key")}
        for path in keys.values():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        secret, pseudonym = (keys[name].read_text().strip() for name in ("secret_key", "pseudonym_key"))
        assert len(secret) == 64 and len(pseudonym) == 64 and secret != pseudonym
        cookie = _session_cookie_from(port, "/admin/login")
        assert _signed_with(secret, cookie)
        for other in (OLD_DEVELOPMENT_KEY, OLD_COMPOSE_KEY, pseudonym):
            assert not _signed_with(other, cookie), other
    finally:
        stop(process)


def _session_cookie_from(port, path):
    import http.client
    from http.cookies import SimpleCookie

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        assert "session" in jar, response.headers
        return jar["session"].value
    finally:
        connection.close()


def _signed_with(key, cookie):
    from itsdangerous import BadSignature

    signer = Flask("reader")
    signer.secret_key = key
    try:
        SecureCookieSessionInterface().get_signing_serializer(signer).loads(cookie)
    except BadSignature:
        return False
    return True


def test_no_literal_key_is_left_in_the_code_or_compose_file():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for path in [*root.joinpath("portal").rglob("*.py"), root / "docker-compose.yml", root / "Makefile"]:
        text = path.read_text(encoding="utf-8")
        assert OLD_DEVELOPMENT_KEY not in text and OLD_COMPOSE_KEY not in text, path


# ---- sessions ------------------------------------------------------------------------

def _forged_cookie(secret, payload):
    signer = Flask("forger")
    signer.secret_key = secret
    return SecureCookieSessionInterface().get_signing_serializer(signer).dumps(payload)


def _with_cookie(app, value):
    client = app.test_client()
    client.set_cookie("session", value)
    return client


def test_session_forged_with_the_old_literal_key_is_refused(app):
    for payload in ({"staff": "alice"}, {"staff_token": "guessed"}):
        client = _with_cookie(app, _forged_cookie(OLD_DEVELOPMENT_KEY, payload))
        assert client.get("/admin/").status_code == 302
        assert client.get("/admin/audit").status_code == 302


def test_even_the_right_key_cannot_forge_a_login_the_server_does_not_hold(app):
    """With SECRET_KEY leaked, a cookie naming a user (the old format) or an invented token is still nobody."""
    for payload in ({"staff": "alice"}, {"staff_token": "invented-token"}):
        client = _with_cookie(app, _forged_cookie(app.config["SECRET_KEY"], payload))
        assert client.get("/admin/").status_code == 302


def _logged_in_cookie(app, username):
    client = app.test_client()
    assert login(client, username).status_code == 303
    cookie = client.get_cookie("session").value
    assert _with_cookie(app, cookie).get("/admin/").status_code == 200  # a copied cookie works until revoked
    return client, cookie


def test_logout_revokes_a_copied_session_cookie(app):
    client, cookie = _logged_in_cookie(app, "alice")
    assert client.post("/admin/logout", data={"csrf_token": csrf_token(client, "/admin/")}).status_code == 303
    assert _with_cookie(app, cookie).get("/admin/").status_code == 302


def test_password_change_revokes_existing_sessions(app):
    from portal.auth import authenticate, set_password

    _client, cookie = _logged_in_cookie(app, "alice")
    with app.app_context():
        set_password("alice", "a-brand-new-passphrase")
        assert authenticate("alice", "a-brand-new-passphrase")
    assert _with_cookie(app, cookie).get("/admin/").status_code == 302


def test_role_change_revokes_existing_sessions(app):
    from portal.auth import get_user, set_role

    _client, cookie = _logged_in_cookie(app, "pete")
    with app.app_context():
        set_role("pete", "admin")
        assert get_user("pete")["role"] == "admin"
    revoked = _with_cookie(app, cookie)
    assert revoked.get("/admin/audit").status_code == 302  # not an admin page for the old cookie
    fresh = app.test_client()
    login(fresh, "pete")
    assert fresh.get("/admin/audit").status_code == 200  # the new role, after a new login


def test_cli_reset_set_role_and_logout_user_revoke_sessions(app, tmp_path):
    from click.testing import CliRunner

    from portal.cli import main

    env = {"MINGZHANG_INSTANCE": str(tmp_path), "DATABASE_URL": app.config["DATABASE_URL"],
           "SEARCH_INDEX_PATH": str(tmp_path / "search.db"), "SEARCH_HYBRID": "0"}
    commands = [["create-user", "alice", "--role", "admin", "--reset"], ["set-role", "alice", "--role", "moderator"],
                ["logout-user", "alice"]]
    for command in commands:
        _client, cookie = _logged_in_cookie(app, "alice")
        result = CliRunner().invoke(main, command, env={**env, "MINGZHANG_PASSWORD": "correct-horse-battery"})
        assert result.exit_code == 0, result.output
        assert _with_cookie(app, cookie).get("/admin/").status_code == 302, command
        if command[0] == "set-role":
            from portal.auth import set_role
            with app.app_context():
                set_role("alice", "admin")


def test_a_login_expires_after_staff_session_hours(app):
    _client, cookie = _logged_in_cookie(app, "alice")
    with app.extensions["mingzhang.engine"].begin() as conn:
        conn.execute(update(schema.staff_sessions).values(
            created_at=schema.staff_sessions.c.created_at - _hours(app.config["STAFF_SESSION_HOURS"] + 1)))
    assert _with_cookie(app, cookie).get("/admin/").status_code == 302


def _hours(n):
    import datetime as dt
    return dt.timedelta(hours=n)


def test_the_cookie_holds_a_token_not_the_username(app):
    _client, cookie = _logged_in_cookie(app, "alice")
    payload = SecureCookieSessionInterface().get_signing_serializer(app).loads(cookie)
    assert "alice" not in str(payload)
    with app.extensions["mingzhang.engine"].connect() as conn:
        ids = [r[0] for r in conn.execute(select(schema.staff_sessions.c.id))]
    assert ids == [hashlib.sha256(payload["staff_token"].encode()).hexdigest()]  # only a digest is stored


# ---- the dictionary attack on pseudonyms --------------------------------------------------

def _payees():
    """48 private payees with the commonest surnames and given names: the attacker's best case."""
    return [s + g for s, g in itertools.islice(itertools.product(SURNAMES[:8], GIVEN[:6]), 48)]


def _write_payments(folder, names):
    with open(folder / "payments.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["凭证号", "项目编号", "支付日期", "金额（元）", "收款人", "收款人类型", "用途"])
        for number, name in enumerate(names, start=1):
            writer.writerow([f"GK2025{number:07d}", "", "2025-03-01", "300.00", name, "个人", "高龄津贴"])


def _published_pseudonyms(client):
    text = client.get("/data/payments.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    column = rows[0].index("payee")
    return {row[column] for row in rows[1:] if row[column].startswith("受助人")}


def _dictionary_attack(pseudonyms, key):
    """What the issue did: HMAC every surname × given name with a guessed key, look the result up."""
    found = {}
    for surname, given in itertools.product(SURNAMES, GIVEN):
        name = surname + given
        digest = hmac.new(key.encode(), name.encode(), hashlib.sha256).hexdigest()[:8].upper()
        if f"受助人{digest}" in pseudonyms:
            found[f"受助人{digest}"] = name
    return found


def test_dictionary_attack_on_pseudonyms_fails_without_the_instance_key(app, tmp_path):
    from portal.publishing import publish_files

    raw = write_small_raw(tmp_path / "raw")
    _write_payments(raw, _payees())
    publication, errors = publish_files(app, [raw], dataset="payments", title="支付明细", created_by="tests")
    assert publication is not None, errors
    pseudonyms = _published_pseudonyms(app.test_client())
    assert len(pseudonyms) == 48
    # The attack works when the key is known (so the test would notice a key that someone can guess) …
    instance_key = (tmp_path / "pseudonym_key").read_text().strip()
    assert len(_dictionary_attack(pseudonyms, instance_key)) == 48
    # … and matches nothing with every key an outsider could know or try.
    for guessed in (OLD_DEVELOPMENT_KEY, OLD_COMPOSE_KEY, app.config["SECRET_KEY"], "", "secret", "mingzhang"):
        assert _dictionary_attack(pseudonyms, guessed) == {}, guessed


@pytest.mark.parametrize("given_by", ["config", "environment"])
def test_pseudonym_key_never_borrows_an_explicit_secret_key(tmp_path, no_key_env, monkeypatch, given_by):
    """The usual production setting: the operator sets SECRET_KEY only. The pseudonym key is then the
    instance's own generated key, never SECRET_KEY (which signs every visitor's cookie and is far more
    likely to leak), so real data publishes and SECRET_KEY recovers no name."""
    from portal import create_app
    from portal.publishing import publish_files

    secret = "operator-chosen-session-key-" + "x" * 36
    if given_by == "environment":
        monkeypatch.setenv("SECRET_KEY", secret)
        app = create_app(_config(tmp_path))
    else:
        app = create_app(_config(tmp_path, SECRET_KEY=secret))
    assert app.config["SECRET_KEY"] == secret
    assert app.config["PSEUDONYM_KEY"] != secret and secret not in app.config["PSEUDONYM_KEY"]
    assert app.config["PSEUDONYM_KEY"] == (tmp_path / "pseudonym_key").read_text().strip()
    raw = write_small_raw(tmp_path / "raw")
    _write_payments(raw, _payees())
    publication, errors = publish_files(app, [raw], dataset="payments", title="支付明细", created_by="tests")
    assert publication is not None, errors  # real data publishes: the key is a dedicated one
    pseudonyms = _published_pseudonyms(app.test_client())
    assert len(pseudonyms) == 48
    assert len(_dictionary_attack(pseudonyms, app.config["PSEUDONYM_KEY"])) == 48
    assert _dictionary_attack(pseudonyms, secret) == {}


# ---- no real data without a pseudonym key of its own ---------------------------------------

SHARED = "one-key-for-sessions-and-pseudonyms"


@pytest.mark.parametrize("pseudonym_key", [SHARED, "short-key"])
def test_real_data_is_not_published_without_a_dedicated_pseudonym_key(tmp_path, no_key_env, pseudonym_key):
    from click.testing import CliRunner

    from portal import create_app
    from portal.cli import main

    app = create_app(_config(tmp_path, SECRET_KEY=SHARED, PSEUDONYM_KEY=pseudonym_key))
    create_staff(app, "pete", "publisher")
    raw = write_small_raw(tmp_path / "raw")
    env = {"MINGZHANG_INSTANCE": str(tmp_path), "DATABASE_URL": app.config["DATABASE_URL"], "SECRET_KEY": SHARED,
           "PSEUDONYM_KEY": pseudonym_key, "SEARCH_HYBRID": "0"}
    result = CliRunner().invoke(main, ["import", str(raw), "--yes"], env=env)
    assert result.exit_code == 1 and "没有专用的个人代号密钥（PSEUDONYM_KEY）" in result.output, result.output
    client = app.test_client()
    login(client, "pete")
    files = [(io.BytesIO(path.read_bytes()), path.name) for path in sorted(raw.iterdir())]
    response = client.post("/admin/upload", data={"csrf_token": csrf_token(client, "/admin/upload"), "files": files},
                           content_type="multipart/form-data")
    assert response.status_code == 503 and "没有专用的个人代号密钥" in response.get_data(as_text=True)
    with app.extensions["mingzhang.engine"].connect() as conn:
        assert conn.execute(select(schema.publications.c.id)).first() is None


def test_demo_data_may_use_any_key(tmp_path, no_key_env):
    from portal import create_app
    from portal.publishing import publish_files

    app = create_app(_config(tmp_path, SECRET_KEY=SHARED, PSEUDONYM_KEY=SHARED))
    publication, errors = publish_files(app, [write_small_raw(tmp_path / "raw")], dataset="city", title="演示",
                                        created_by="tests", is_demo=True)
    assert publication is not None, errors
