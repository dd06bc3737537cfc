"""Staff area: login, roles, upload-and-publish, moderation and the audit log."""
import io

import pytest
from community_support import PROJECT, create_staff, csrf_token, login, make_portal, post_comment, write_small_raw
from sqlalchemy import select

from ledger import schema


@pytest.fixture()
def app(tmp_path):
    app = make_portal(tmp_path)
    for username, role in [("alice", "admin"), ("pete", "publisher"), ("mona", "moderator")]:
        create_staff(app, username, role)
    return app


def rows(app, table):
    with app.extensions["mingzhang.engine"].connect() as conn:
        return [dict(r) for r in conn.execute(select(table)).mappings()]


def publish_reviewed(client, review_url):
    """Press 「发布」 on the review page an upload leads to (tests/test_publish_review.py covers the page)."""
    assert review_url.endswith("/review")
    response = client.post(review_url.replace("/review", "/publish"),
                           data={"csrf_token": csrf_token(client, review_url)})
    assert response.status_code == 303, response.get_data(as_text=True)
    return response


def actions(app):
    return [(r["username"], r["action"], r["target"]) for r in rows(app, schema.audit_log)]


def test_staff_pages_need_login_and_footer_links_to_login(app):
    client = app.test_client()
    for path in ("/admin/", "/admin/upload", "/admin/comments", "/admin/audit", "/admin/publications"):
        response = client.get(path)
        assert response.status_code == 302 and "/admin/login" in response.headers["Location"], path
    home = client.get("/").get_data(as_text=True)
    assert 'href="/admin/login">管理</a>' in home


def test_password_is_hashed_and_wrong_password_is_refused_and_logged(app):
    [user] = [u for u in rows(app, schema.staff_users) if u["username"] == "alice"]
    assert user["password_hash"].startswith(("scrypt:", "pbkdf2:")) and "correct-horse" not in user["password_hash"]
    client = app.test_client()
    response = login(client, "alice", "wrong-password")
    assert response.status_code == 401 and "用户名或密码错误" in response.get_data(as_text=True)
    assert login(client, "nobody", "whatever-pass").status_code == 401
    assert client.get("/admin/").status_code == 302
    assert ("anonymous", "login_failed", "alice") in actions(app)
    response = login(client, "alice")
    assert response.status_code == 303
    assert "alice（管理员）" in client.get("/admin/").get_data(as_text=True)
    assert ("alice", "login", None) in actions(app)


def test_login_without_csrf_token_is_rejected(app):
    response = app.test_client().post("/admin/login", data={"username": "alice", "password": "correct-horse-battery"})
    assert response.status_code == 400


def test_roles_limit_what_staff_can_do(app):
    moderator, publisher, admin = app.test_client(), app.test_client(), app.test_client()
    login(moderator, "mona"), login(publisher, "pete"), login(admin, "alice")
    assert moderator.get("/admin/comments").status_code == 200
    assert moderator.get("/admin/upload").status_code == 403
    assert "没有权限" in moderator.get("/admin/upload").get_data(as_text=True)
    assert moderator.get("/admin/audit").status_code == 403
    assert publisher.get("/admin/upload").status_code == 200
    assert publisher.get("/admin/comments").status_code == 403
    for path in ("/admin/comments", "/admin/upload", "/admin/audit", "/admin/publications"):
        assert admin.get(path).status_code == 200, path


def test_moderator_approves_rejects_and_replies_with_audit(app):
    citizen = app.test_client()
    post_comment(citizen, body="第一条：路修得不错", rating=5)
    post_comment(citizen, body="第二条：与项目无关的内容", rating=1)
    first, second = [r["id"] for r in rows(app, schema.comments)]
    mod = app.test_client()
    login(mod, "mona")
    queue = mod.get("/admin/comments").get_data(as_text=True)
    assert "第一条" in queue and "第二条" in queue
    token = csrf_token(mod, "/admin/comments")
    assert mod.post(f"/admin/comments/{first}/approve", data={"csrf_token": token}).status_code == 303
    # a rejection needs a reason
    mod.post(f"/admin/comments/{second}/reject", data={"csrf_token": token, "reason": " "})
    assert "驳回评议必须填写理由" in mod.get("/admin/comments").get_data(as_text=True)
    assert mod.post(f"/admin/comments/{second}/reject",
                    data={"csrf_token": token, "reason": "与本项目无关"}).status_code == 303
    assert mod.post(f"/admin/comments/{first}/reply",
                    data={"csrf_token": token, "reply": "感谢关注，项目将按期完工。"}).status_code == 303
    by_id = {r["id"]: r for r in rows(app, schema.comments)}
    assert by_id[first]["status"] == "approved" and by_id[first]["moderated_by"] == "mona"
    assert by_id[second]["status"] == "rejected" and by_id[second]["reject_reason"] == "与本项目无关"
    log = actions(app)
    for entry in [("mona", "comment_approve", f"comment:{first}"), ("mona", "comment_reject", f"comment:{second}"),
                  ("mona", "comment_reply", f"comment:{first}")]:
        assert entry in log
    public = citizen.get(f"/projects/{PROJECT}/comments").get_data(as_text=True)
    assert "第一条" in public and "感谢关注，项目将按期完工。" in public and "第二条" not in public
    # actions need the CSRF token, and unknown comments are 404
    assert mod.post(f"/admin/comments/{second}/approve").status_code == 400
    assert mod.post("/admin/comments/9999/approve", data={"csrf_token": token}).status_code == 404


def test_publisher_uploads_csv_files_and_sees_report_and_hashes(app, tmp_path):
    raw = write_small_raw(tmp_path / "upload")
    (raw / "payments.csv").write_text(
        "凭证号,项目编号,支付日期,金额（元）,收款人,收款人类型,收款人电话,用途\n"
        f"V1,{PROJECT},2025-03-01,12000,张三丰,个人,13812345678,劳务费\n", encoding="utf-8")
    client = app.test_client()
    login(client, "pete")
    token = csrf_token(client, "/admin/upload")
    files = [(io.BytesIO(p.read_bytes()), p.name) for p in sorted(raw.iterdir())]
    response = client.post("/admin/upload", data={"csrf_token": token, "title": "第二次发布", "dataset": "small",
                                                  "files": files}, content_type="multipart/form-data")
    assert response.status_code == 303
    assert [p["status"] for p in rows(app, schema.publications)] == ["published", "staged"]  # reviewed first
    response = publish_reviewed(client, response.headers["Location"])
    detail = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "第二次发布" in detail and "已发布" in detail and "脱敏报告" in detail
    assert "本数据已脱敏" in detail and "个人姓名" in detail  # the report, with Chinese labels
    assert "张三丰" not in detail and "13812345678" not in detail
    assert "项目.csv" in detail  # Chinese file names survive the upload (the importer needs them)
    import hashlib
    assert hashlib.sha256((raw / "项目.csv").read_bytes()).hexdigest() in detail
    pubs = rows(app, schema.publications)
    assert [p["status"] for p in pubs] == ["published", "published"] and pubs[-1]["created_by"] == "pete"
    assert ("pete", "publish", f"publication:{pubs[-1]['id']}") in actions(app)
    listing = client.get("/admin/publications").get_data(as_text=True)
    assert "第二次发布" in listing and "小型测试数据" in listing


def test_bad_upload_publishes_nothing_and_shows_row_errors_in_chinese(app, tmp_path):
    raw = write_small_raw(tmp_path / "bad")
    text = (raw / "项目.csv").read_text(encoding="utf-8-sig").replace("5000000", "五百万")
    (raw / "项目.csv").write_text(text, encoding="utf-8-sig")
    client = app.test_client()
    login(client, "pete")
    token = csrf_token(client, "/admin/upload")
    files = [(io.BytesIO(p.read_bytes()), p.name) for p in sorted(raw.iterdir())]
    response = client.post("/admin/upload", data={"csrf_token": token, "files": files},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "导入失败，未发布任何数据" in page
    assert "项目.csv" in page and "总投资（元）" in page and "<td>2</td>" in page  # file, column, row
    pubs = rows(app, schema.publications)
    assert [p["status"] for p in pubs] == ["published", "failed"]
    assert ("pete", "publish_failed", "import") in actions(app)


def test_upload_rejects_wrong_file_types_and_missing_csrf(app):
    client = app.test_client()
    login(client, "pete")
    token = csrf_token(client, "/admin/upload")
    response = client.post("/admin/upload", data={"csrf_token": token, "files": [(io.BytesIO(b"x"), "evil.exe")]},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "不是 .csv、.xlsx 或 .xls 文件" in response.get_data(as_text=True)
    response = client.post("/admin/upload", data={"csrf_token": token}, content_type="multipart/form-data")
    assert response.status_code == 400 and "请选择至少一个" in response.get_data(as_text=True)
    response = client.post("/admin/upload", data={"files": [(io.BytesIO(b"a,b"), "regions.csv")]},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert len(rows(app, schema.publications)) == 1


def test_audit_log_page_and_logout(app):
    client = app.test_client()
    login(client, "alice")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "操作日志" in page and "登录" in page and "alice" in page
    token = csrf_token(client, "/admin/")
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/admin/").status_code == 302
    assert ("alice", "logout", None) in actions(app)


def test_open_redirect_after_login_is_refused(app):
    client = app.test_client()
    token = csrf_token(client, "/admin/login")
    response = client.post("/admin/login", data={"username": "alice", "password": "correct-horse-battery",
                                                 "csrf_token": token, "next": "//evil.example/"})
    assert response.headers["Location"] == "/admin/"


def test_publisher_uploads_one_xlsx_workbook(app, tmp_path):
    import csv

    from openpyxl import Workbook

    raw = write_small_raw(tmp_path / "xlsx")
    workbook = Workbook()
    workbook.remove(workbook.active)
    for path in sorted(raw.iterdir()):
        sheet = workbook.create_sheet(path.stem)
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                sheet.append(row)
    target = tmp_path / "预算数据.xlsx"
    workbook.save(target)
    client = app.test_client()
    login(client, "pete")
    response = client.post("/admin/upload", data={"csrf_token": csrf_token(client, "/admin/upload"),
                                                  "files": [(io.BytesIO(target.read_bytes()), target.name)]},
                           content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)
    assert "预算数据.xlsx" in client.get(response.headers["Location"]).get_data(as_text=True)  # the review page
    publish_reviewed(client, response.headers["Location"])
    assert [p["status"] for p in rows(app, schema.publications)] == ["published", "published"]


def test_login_attempts_are_rate_limited(app):
    client = app.test_client()
    token = csrf_token(client, "/admin/login")
    for _ in range(10):
        response = client.post("/admin/login", data={"username": "alice", "password": "guess-guess",
                                                     "csrf_token": token})
        assert response.status_code == 401
    response = client.post("/admin/login", data={"username": "alice", "password": "correct-horse-battery",
                                                 "csrf_token": token})
    assert response.status_code == 429 and "操作过于频繁" in response.get_data(as_text=True)
