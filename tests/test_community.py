"""公众评议: ratings and comments, their protections, and what the public sees."""
import pytest
from community_support import OTHER_PROJECT, PROJECT, csrf_token, make_portal, post_comment
from sqlalchemy import select

from ledger import schema


@pytest.fixture()
def app(tmp_path):
    return make_portal(tmp_path)


def stored(app):
    with app.extensions["mingzhang.engine"].connect() as conn:
        return [dict(r) for r in conn.execute(select(schema.comments).order_by(schema.comments.c.id)).mappings()]


def approve_all(app):
    from portal import comments

    for row in stored(app):
        comments.approve(app.extensions["mingzhang.engine"], row["id"], "mod")


def test_comment_is_pending_then_public_after_approval(app):
    client = app.test_client()
    response = post_comment(client, body="路面质量很好，希望早日完工。", rating=5)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/projects/{PROJECT}/comments#community")
    page = client.get(f"/projects/{PROJECT}/comments").get_data(as_text=True)
    assert "审核通过后将公开显示" in page  # the flash message
    assert "路面质量很好" not in page  # pending: not public yet
    assert client.get(f"/api/projects/{PROJECT}/comments").get_json()["comments"] == []
    [row] = stored(app)
    assert row["status"] == "pending" and row["rating"] == 5
    approve_all(app)
    data = client.get(f"/api/projects/{PROJECT}/comments").get_json()
    assert [c["body"] for c in data["comments"]] == ["路面质量很好，希望早日完工。"]
    assert data["rating"]["count"] == 1 and data["rating"]["average"] == 5
    assert "路面质量很好" in client.get(f"/projects/{PROJECT}/comments").get_data(as_text=True)


def test_not_premoderated_when_bureau_config_says_so(tmp_path):
    app = make_portal(tmp_path, COMMENTS_PREMODERATED=False)
    client = app.test_client()
    assert post_comment(client, body="直接公开的评议内容").status_code == 303
    assert stored(app)[0]["status"] == "approved"
    assert "直接公开的评议内容" in client.get(f"/projects/{PROJECT}/comments").get_data(as_text=True)


def test_average_and_distribution_count_only_approved(app):
    client = app.test_client()
    for rating, body in [(5, "很好很好"), (4, "还不错吧"), (4, "进度可以"), (1, "太慢了啊")]:
        assert post_comment(client, body=body, rating=rating).status_code == 303
    from portal import comments
    engine = app.extensions["mingzhang.engine"]
    ids = [r["id"] for r in stored(app)]
    for comment_id in ids[:3]:
        comments.approve(engine, comment_id, "mod")
    comments.reject(engine, ids[3], "mod", "与项目无关")
    summary = client.get(f"/api/projects/{PROJECT}/comments").get_json()["rating"]
    assert summary["count"] == 3
    assert summary["average"] == pytest.approx(4.33, abs=0.01)
    assert {d["stars"]: d["count"] for d in summary["distribution"]} == {5: 1, 4: 2, 3: 0, 2: 0, 1: 0}
    page = client.get(f"/projects/{PROJECT}/comments").get_data(as_text=True)
    assert "4.3" in page and "共 3 条已公开评分" in page
    assert "4 星" in page and "2 条（67%）" in page
    # ratings are per project code
    other = client.get(f"/api/projects/{OTHER_PROJECT}/comments").get_json()["rating"]
    assert other["count"] == 0 and other["average"] is None


def test_pii_is_masked_before_storage_and_display(app):
    client = app.test_client()
    body = "施工队负责人电话13812345678，身份证11010519491231002X，请核实。"
    assert post_comment(client, body=body).status_code == 303
    [row] = stored(app)
    assert "13812345678" not in row["body"] and "11010519491231002X" not in row["body"]
    assert "请核实" in row["body"]
    approve_all(app)
    page = client.get(f"/projects/{PROJECT}/comments").get_data(as_text=True)
    api = client.get(f"/api/projects/{PROJECT}/comments").get_data(as_text=True)
    for text in (page, api):
        assert "13812345678" not in text and "11010519491231002X" not in text


def test_script_in_comment_renders_inert(app):
    client = app.test_client()
    assert post_comment(client, body='<script>alert("x")</script><img src=x onerror=alert(1)>').status_code == 303
    approve_all(app)
    page = client.get(f"/projects/{PROJECT}/comments").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page
    assert "script-src 'self'" in client.get("/").headers["Content-Security-Policy"]


def test_comment_without_csrf_token_is_rejected(app):
    client = app.test_client()
    response = post_comment(client, body="没有令牌的评议", token=False)
    assert response.status_code == 400
    assert "安全令牌" in response.get_data(as_text=True)
    assert stored(app) == []


def test_rate_limit_returns_429_in_chinese_and_stores_nothing(tmp_path):
    app = make_portal(tmp_path, RATELIMIT_WRITE="3 per minute")
    client = app.test_client()
    token = csrf_token(client, f"/projects/{PROJECT}/comments")
    for n in range(3):
        assert post_comment(client, body=f"第{n}条不同的评议", token=token).status_code == 303
    response = post_comment(client, body="第四条评议，超过限制", token=token)
    assert response.status_code == 429
    assert "操作过于频繁，请稍后再试" in response.get_data(as_text=True)
    assert len(stored(app)) == 3
    assert all("超过限制" not in r["body"] for r in stored(app))
    api = client.post(f"/projects/{PROJECT}/comments", json={"rating": 3, "body": "接口提交"},
                      headers={"X-CSRFToken": token, "Accept": "application/json"})
    assert api.status_code == 429
    assert api.get_json()["error"] == {"code": "rate_limited", "message": "操作过于频繁，请稍后再试"}
    # another client (address) has its own allowance
    other = app.test_client()
    response = other.post(f"/projects/{PROJECT}/comments", environ_base={"REMOTE_ADDR": "10.9.9.9"},
                          data={"rating": "3", "body": "另一位市民的评议",
                                "csrf_token": csrf_token(other, f"/projects/{PROJECT}/comments")})
    assert response.status_code == 303
    assert len(stored(app)) == 4


def test_client_hash_is_keyed_and_raw_ip_never_stored(app):
    client = app.test_client()
    token = csrf_token(client, f"/projects/{PROJECT}/comments")
    client.post(f"/projects/{PROJECT}/comments", environ_base={"REMOTE_ADDR": "203.0.113.7"},
                data={"rating": "3", "body": "一条评议", "csrf_token": token})
    [row] = stored(app)
    from portal.comments import client_hash
    assert row["client_hash"] == client_hash("203.0.113.7", "test-secret") != client_hash("203.0.113.7", "other")
    assert "203.0.113.7" not in str(row)


def test_honeypot_submission_is_silently_discarded(app):
    client = app.test_client()
    response = post_comment(client, body="机器人发的广告", website="http://spam.example")
    assert response.status_code == 303
    assert stored(app) == []


def test_duplicate_comment_is_suppressed(app):
    client = app.test_client()
    assert post_comment(client, body="希望公开施工进度").status_code == 303
    response = post_comment(client, body="希望公开 施工进度！")  # spacing and punctuation do not matter
    assert response.status_code == 409
    assert "请勿重复提交" in response.get_data(as_text=True)
    assert len(stored(app)) == 1
    # the same words on another project are not a duplicate
    assert post_comment(client, OTHER_PROJECT, body="希望公开施工进度").status_code == 303


def test_sensitive_words_are_rejected_with_chinese_message(app):
    client = app.test_client()
    response = post_comment(client, body="加 微 信 领取补贴")
    assert response.status_code == 400
    assert "不文明用语或广告信息" in response.get_data(as_text=True)
    assert "加 微 信 领取补贴" in response.get_data(as_text=True)  # the text is kept for editing
    assert stored(app) == []


@pytest.mark.parametrize("rating, body, message", [
    ("0", "评分不对", "请选择 1 到 5 星的评分"),
    ("six", "评分不对", "请选择 1 到 5 星的评分"),
    ("3", " ", "请填写评议内容"),
    ("3", "长" * 501, "评议内容不能超过 500 个字"),
])
def test_bad_input_gets_clear_chinese_error(app, rating, body, message):
    client = app.test_client()
    response = post_comment(client, body=body, rating=rating)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    api = client.post(f"/projects/{PROJECT}/comments", json={"rating": rating, "body": body},
                      headers={"X-CSRFToken": csrf_token(client, f"/projects/{PROJECT}/comments")})
    assert api.status_code == 400 and message in api.get_json()["error"]["message"]
    assert stored(app) == []


def test_unknown_project_is_404_not_500(app):
    client = app.test_client()
    assert client.get("/projects/NOPE/comments").status_code == 404
    response = client.get("/api/projects/NOPE/comments")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
    assert post_comment(client, OTHER_PROJECT + "X", body="无此项目", token="x").status_code in (400, 404)


def test_json_post_and_reply_shows_under_comment(app):
    client = app.test_client()
    token = csrf_token(client, f"/projects/{PROJECT}/comments")
    response = client.post(f"/projects/{PROJECT}/comments", json={"rating": 2, "body": "什么时候修好？"},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 201
    assert response.get_json()["status"] == "pending"
    from portal import comments
    engine = app.extensions["mingzhang.engine"]
    comment_id = response.get_json()["id"]
    comments.approve(engine, comment_id, "mod")
    comments.reply(engine, comment_id, "mod", "预计2025年12月完工，联系电话13912345678。")
    [item] = client.get(f"/api/projects/{PROJECT}/comments").get_json()["comments"]
    assert item["reply"].startswith("预计2025年12月完工") and "13912345678" not in item["reply"]
    page = client.get(f"/projects/{PROJECT}/comments").get_data(as_text=True)
    assert page.index("什么时候修好") < page.index("财政局回复") < page.index("预计2025年12月完工")


def test_panel_form_is_accessible_and_has_hidden_honeypot(app):
    page = app.test_client().get(f"/projects/{PROJECT}/comments").get_data(as_text=True)
    assert page.count('type="radio" name="rating"') == 5
    assert 'maxlength="500"' in page
    assert '<label for="comment-website">请勿填写</label>' in page
    assert 'autocomplete="off" tabindex="-1"' in page
    assert "display:none" not in page.replace(" ", "")
    assert "<script>" not in page  # no inline code (CSP)


def test_project_page_shows_the_panel_and_posting_returns_there(app):
    client = app.test_client()
    page = client.get(f"/projects/{PROJECT}").get_data(as_text=True)
    assert 'id="community"' in page and "公众评议" in page
    token = csrf_token(client, f"/projects/{PROJECT}")
    response = client.post(f"/projects/{PROJECT}/comments",
                           data={"rating": "3", "body": "从项目页提交", "return_to": f"/projects/{PROJECT}",
                                 "csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"] == f"/projects/{PROJECT}#community"
    # only local paths are honoured as the return address
    response = client.post(f"/projects/{PROJECT}/comments",
                           data={"rating": "3", "body": "另一条评议", "return_to": "//evil.example/x",
                                 "csrf_token": token})
    assert response.headers["Location"] == f"/projects/{PROJECT}/comments#community"


def test_bypass_forms_are_masked_on_the_public_page_after_approval(tmp_path):
    """Issue #12 item 3 end to end: each way of writing a number or address to slip past masking is posted
    as a comment, approved, and read back from the public page and the API; none is readable there or in
    the database."""
    from pii_bypasses import FORMS, leaks

    app = make_portal(tmp_path, RATELIMIT_WRITE="1000 per minute")
    client = app.test_client()
    page_before = client.get(f"/projects/{PROJECT}/comments").get_data(as_text=True)
    for number, form in enumerate(FORMS):
        assert post_comment(client, body=f"第{number}条：{form}，请核实").status_code == 303, form
    rows = stored(app)
    assert len(rows) == len(FORMS)
    assert {row["body"]: leaks(row["body"]) for row in rows if leaks(row["body"])} == {}
    approve_all(app)
    bodies = [c["body"] for c in client.get(f"/api/projects/{PROJECT}/comments").get_json()["comments"]]
    assert len(bodies) == len(FORMS) and all("请核实" in body for body in bodies)
    assert {body: leaks(body) for body in bodies if leaks(body)} == {}
    page = client.get(f"/projects/{PROJECT}/comments").get_data(as_text=True)
    assert page.count("请核实") >= len(FORMS)
    assert leaks(page, baseline=page_before) == []
