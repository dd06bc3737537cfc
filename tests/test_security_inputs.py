"""Issue #12, finding 6: inputs that gave 500s, an off-site redirect, a talkative access log, abuse words
in traditional characters, weak passwords and CSRF tokens that never expired."""
import http.client
import urllib.parse

import pytest
from community_support import PROJECT, create_staff, csrf_token, login, make_portal, post_comment
from sqlalchemy import func, select

from ledger import schema

PASSWORD = "correct-horse-battery"


@pytest.fixture()
def app(tmp_path):
    app = make_portal(tmp_path)
    create_staff(app, "alice", "admin")
    return app


def comment_count(app):
    with app.extensions["mingzhang.engine"].connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.comments)).scalar()


def assert_chinese_400(response):
    text = response.get_data(as_text=True)
    assert response.status_code == 400, (response.status_code, text[:300])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)


# ---- inputs that gave 500s ---------------------------------------------------------------

@pytest.mark.parametrize("url", ["/reports/whitepaper?year=¹", "/reports/whitepaper?year=٣", "/search?q=公路&year=¹",
                                 "/api/search?q=公路&year=¹"])
def test_unicode_digits_are_a_400_not_a_500(app, url):
    assert_chinese_400(app.test_client().get(url))


@pytest.mark.parametrize("target", ["/admin/\r\nSet-Cookie: x=1", "/admin/\nx", "/admin/\tx"])
def test_control_characters_in_next_are_a_400_and_no_login(app, target):
    client = app.test_client()
    token = csrf_token(client, "/admin/login")
    response = client.post("/admin/login", data={"username": "alice", "password": PASSWORD, "csrf_token": token,
                                                 "next": target})
    assert_chinese_400(response)
    assert "跳转地址无效" in response.get_data(as_text=True)


def test_newline_in_return_to_is_a_400_and_stores_nothing(app):
    client = app.test_client()
    page = f"/projects/{PROJECT}/comments"
    response = post_comment(client, body="路修得很好，谢谢", return_to=page + "\r\nX-Injected: 1")
    assert_chinese_400(response)
    assert comment_count(app) == 0


def test_tab_in_return_to_never_redirects_off_site(app):
    """Browsers drop the tab from "/\\t/evil.example", which makes "//evil.example" (another site)."""
    client = app.test_client()
    for target in ("/\t/evil.example/", "/\\evil.example/", "/ /evil.example/"):
        response = post_comment(client, body=f"路修得很好 {len(target)}", return_to=target)
        assert response.status_code == 400 and "evil" not in response.headers.get("Location", "")
    for target in ("//evil.example/", "https://evil.example/"):  # well-formed but another site: our own page
        response = post_comment(client, body=f"另一条意见 {target[:3]}", return_to=target)
        assert response.status_code == 303
        assert response.headers["Location"] == f"/projects/{PROJECT}/comments#community"


def test_next_off_site_falls_back_to_the_dashboard(app):
    client = app.test_client()
    token = csrf_token(client, "/admin/login")
    response = client.post("/admin/login", data={"username": "alice", "password": PASSWORD, "csrf_token": token,
                                                 "next": "https://evil.example/admin"})
    assert response.headers["Location"] == "/admin/"


def test_one_redirect_helper():
    from portal.security import local_redirect

    assert local_redirect("/admin/comments?status=all", "/admin/", prefix="/admin") == "/admin/comments?status=all"
    assert local_redirect("/projects/P1", "/x") == "/projects/P1"
    for off_site in ("//evil.example", "https://evil.example/", "javascript:alert(1)", "evil.example"):
        assert local_redirect(off_site, "/x") == "/x"


# ---- access log -------------------------------------------------------------------------------

def _one_logged_request(instance, tmp_path, **settings):
    from support.servers import portal_env, run_gunicorn

    access_log = tmp_path / f"access-{len(settings)}.log"
    env = portal_env(instance, DATABASE_URL=f"sqlite:///{instance / 'ledger.db'}", SEARCH_HYBRID="0",
                     NLQ_EMBEDDINGS="0", **settings)
    with run_gunicorn(env, workers=1, access_log=access_log, timeout=60) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        question = urllib.parse.quote("我家邻居张三的低保是多少")  # what a question in a query string looks like
        connection.request("GET", f"/healthz?q={question}&secret=s3cr3t", headers={"Connection": "close"})
        connection.getresponse().read()
        connection.close()
    return access_log.read_text(encoding="utf-8").splitlines()  # the server's health checks, then ours


def test_access_log_keeps_no_ip_and_no_query_string(app, tmp_path):
    instance = app.config["INSTANCE_PATH"]
    lines = _one_logged_request(instance, tmp_path)
    assert lines and '"GET /healthz HTTP/1.1" 200' in lines[-1]
    for line in lines:
        assert "127.0.0.1" not in line and "s3cr3t" not in line and "q=" not in line and "%E6" not in line
    full = _one_logged_request(instance, tmp_path, ACCESS_LOG_FULL="1")  # an operator may opt in
    # any line: on a busy machine a health check the client gave up on can be logged after ours
    assert any("127.0.0.1" in line and "s3cr3t" in line for line in full), full


# ---- abuse words -------------------------------------------------------------------------------

@pytest.mark.parametrize("body", ["这个承包商就是个煞筆", "草泥馬，什么进度", "代開發票请联系", "網路賭博推广",
                                  "加ＱＱ领红包", "你這個傻　逼", "有點腦殘的设计", "妳個賤人"])
def test_traditional_and_variant_abuse_words_are_refused(app, body):
    response = post_comment(app.test_client(), body=body)
    assert response.status_code == 422 or response.status_code == 400, response.status_code
    assert "不文明用语或广告信息" in response.get_data(as_text=True)
    assert comment_count(app) == 0


def test_ordinary_comments_in_traditional_characters_still_pass(app):
    response = post_comment(app.test_client(), body="這條路修得很好，操作規範，除草也及時，謝謝")
    assert response.status_code == 303 and comment_count(app) == 1


# ---- passwords ----------------------------------------------------------------------------------

@pytest.mark.parametrize("password", ["1234567890", "abcdefghijkl", "Password2024!", "qwertyuiop", "1qaz2wsx3edc",
                                      "aaaaaaaaaa1", "alice-the-admin-2024", "短密码abc"])
def test_weak_passwords_are_refused(app, password):
    from portal.auth import AuthError, create_user, set_password

    with app.app_context():
        with pytest.raises(AuthError):
            create_user("alice2" if "alice" not in password else "alice", password, "admin")
        with pytest.raises(AuthError):
            set_password("alice", password)


def test_weak_password_is_refused_by_the_cli_in_chinese(tmp_path):
    from click.testing import CliRunner

    from portal.cli import main

    env = {"MINGZHANG_INSTANCE": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           "MINGZHANG_PASSWORD": "1234567890"}
    result = CliRunner().invoke(main, ["create-user", "carol", "--role", "admin"], env=env)
    assert result.exit_code == 1 and "只由一类字符组成" in result.output


@pytest.mark.parametrize("password", ["correct-horse-battery", "我家门前有两棵枣树2024", "Tr0ub4dor&3x"])
def test_reasonable_passwords_pass(password):
    from portal.passwords import problems

    assert problems(password, "alice") == []


# ---- CSRF token lifetime ----------------------------------------------------------------------------

def _later(monkeypatch, seconds):
    from itsdangerous import timed

    now = timed.TimestampSigner.get_timestamp
    monkeypatch.setattr(timed.TimestampSigner, "get_timestamp", lambda self: now(self) + seconds)


def test_an_expired_csrf_token_is_refused_with_a_chinese_message(app, monkeypatch):
    assert app.config["WTF_CSRF_TIME_LIMIT"] == 7200
    staff, citizen = app.test_client(), app.test_client()
    login_token = csrf_token(staff, "/admin/login")
    comment_token = csrf_token(citizen, f"/projects/{PROJECT}/comments")
    _later(monkeypatch, 7200 + 60)
    response = staff.post("/admin/login", data={"username": "alice", "password": PASSWORD, "csrf_token": login_token})
    assert response.status_code == 400 and "请重新加载本页面" in response.get_data(as_text=True)
    assert staff.get("/admin/").status_code == 302
    response = post_comment(citizen, body="路修得很好", token=comment_token)
    assert response.status_code == 400 and "刷新页面" in response.get_data(as_text=True)
    assert comment_count(app) == 0


def test_a_fresh_token_still_works_within_its_lifetime(app, monkeypatch):
    client = app.test_client()
    token = csrf_token(client, "/admin/login")
    _later(monkeypatch, 7200 - 60)
    response = client.post("/admin/login", data={"username": "alice", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303
    assert login(app.test_client(), "alice").status_code == 303
