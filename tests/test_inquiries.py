"""Inquiries (在线质询): the working-day calendar, submission protections, staff workflow, public list,
and the comment author's follow-up link."""
import datetime as dt
import re

import pytest
from community_support import PROJECT, create_staff, csrf_token, login, make_portal, post_comment
from sqlalchemy import select

from ledger import inquiries as calendar
from ledger import schema

D = dt.date
# 2026-10-01 (Thu) and 2026-10-02 (Fri) are holidays here; 10-03/04 are a weekend.
HOLIDAYS = frozenset({D(2026, 10, 1), D(2026, 10, 2)})
PHONE = "13812345678"


# ---- calendar --------------------------------------------------------------------------------------

def test_deadline_skips_weekends():
    assert calendar.add_working_days(D(2026, 9, 4), 1) == D(2026, 9, 7)  # Fri + 1 -> Mon
    assert calendar.add_working_days(D(2026, 9, 7), 15) == D(2026, 9, 28)  # three whole weeks


def test_deadline_skips_holidays_and_the_weekend_after_them():
    # Wed 09-30 + 1: Thu/Fri are holidays, then the weekend -> Mon 10-05
    assert calendar.add_working_days(D(2026, 9, 30), 1, HOLIDAYS) == D(2026, 10, 5)
    assert calendar.add_working_days(D(2026, 9, 28), 5, HOLIDAYS) == D(2026, 10, 7)
    assert calendar.add_working_days(D(2026, 9, 28), 5) == D(2026, 10, 5)


def test_working_days_between_counts_after_start_up_to_end():
    assert calendar.working_days_between(D(2026, 9, 28), D(2026, 10, 5), HOLIDAYS) == 3
    assert calendar.working_days_between(D(2026, 10, 5), D(2026, 10, 5), HOLIDAYS) == 0


def _inquiry(status, created, deadline, answered=None, department="D001"):
    return {"status": status, "department_code": department, "created_at": dt.datetime.combine(created, dt.time(9)),
            "deadline": deadline, "answered_at": dt.datetime.combine(answered, dt.time(15)) if answered else None}


def test_overdue_when_open_past_deadline_or_answered_late():
    deadline = calendar.add_working_days(D(2026, 9, 30), 2, HOLIDAYS)  # falls after the holiday: Tue 10-06
    assert deadline == D(2026, 10, 6)
    open_one = _inquiry("in_progress", D(2026, 9, 30), deadline)
    assert not calendar.is_overdue(open_one, D(2026, 10, 6))  # due today: not yet late
    assert calendar.is_overdue(open_one, D(2026, 10, 7))
    on_time = _inquiry("answered", D(2026, 9, 30), deadline, answered=D(2026, 10, 6))
    late = _inquiry("answered", D(2026, 9, 30), deadline, answered=D(2026, 10, 8))
    assert not calendar.is_overdue(on_time, D(2026, 12, 1))
    assert calendar.is_overdue(late, D(2026, 10, 8))


def test_department_statistics_median_and_overdue_slowest_first():
    rows = [
        # D001: answered in 1, 3 and 8 working days (median 3); the 8-day one missed a 5-day deadline
        _inquiry("answered", D(2026, 9, 28), D(2026, 10, 7), answered=D(2026, 9, 29)),
        _inquiry("answered", D(2026, 9, 28), D(2026, 10, 7), answered=D(2026, 10, 5)),
        _inquiry("answered", D(2026, 9, 28), D(2026, 10, 7), answered=D(2026, 10, 12)),
        # D002: answered in 4 and 6 (median 5), plus one still open past its deadline
        _inquiry("answered", D(2026, 9, 28), D(2026, 10, 9), answered=D(2026, 10, 6), department="D002"),
        _inquiry("answered", D(2026, 9, 28), D(2026, 10, 9), answered=D(2026, 10, 8), department="D002"),
        _inquiry("in_progress", D(2026, 9, 21), D(2026, 9, 28), department="D002"),
    ]
    stats = calendar.department_statistics(rows, D(2026, 10, 12), HOLIDAYS)
    assert [s["department_code"] for s in stats] == ["D002", "D001"]
    assert stats[0] | {} == {"department_code": "D002", "total": 3, "answered": 2, "open": 1, "median_days": 5,
                             "mean_days": 5.0, "overdue": 1}
    assert (stats[1]["median_days"], stats[1]["overdue"]) == (3, 1)


# ---- web -------------------------------------------------------------------------------------------

@pytest.fixture()
def app(tmp_path):
    app = make_portal(tmp_path, RATELIMIT_WRITE="100 per minute")  # the limit has its own test
    create_staff(app, "mona", "moderator")
    return app


NEW = f"/inquiries/new?kind=project&ref={PROJECT}&url=/projects/{PROJECT}&label=东城区农村公路改造"


def ask(client, question, token=None, **fields):
    data = {"kind": "project", "ref": PROJECT, "url": f"/projects/{PROJECT}", "label": "东城区农村公路改造",
            "question": question, "contact": "", "website": "", **fields}
    if token is not False:
        data["csrf_token"] = token or csrf_token(client, NEW)
    return client.post("/inquiries/new", data=data)


def stored(app):
    with app.extensions["mingzhang.engine"].connect() as conn:
        return [dict(r) for r in conn.execute(select(schema.inquiries)).mappings()]


def followup_path(html):
    return re.search(r'class="followup-link" href="http://localhost(/[^"]+)"', html).group(1)


def test_project_page_links_to_the_inquiry_form(app):
    html = app.test_client().get(f"/projects/{PROJECT}").get_data(as_text=True)
    assert "对这个数字有疑问" in html and "/inquiries/new?kind=project" in html


def test_inquiry_is_masked_stored_with_deadline_and_a_hashed_token(app):
    client = app.test_client()
    response = ask(client, f"第二季度支付为何这么少？请回电{PHONE}", contact=f"张先生 {PHONE}")
    assert response.status_code == 201
    html = response.get_data(as_text=True)
    assert "ZX000001" in html
    path = followup_path(html)
    [row] = stored(app)
    assert PHONE not in row["question"] and PHONE not in (row["contact"] or "")
    crafted = ask(client, "另一个问题", ref=PHONE, url=f"/projects/{PROJECT}?tel={PHONE}", label=f"电话{PHONE}")
    assert crafted.status_code == 201 and PHONE not in str(stored(app)[1])
    assert path.rsplit("/", 1)[1] not in str(row) and len(row["token_hash"]) == 64
    assert row["status"] == "accepted" and row["deadline"] > row["created_at"].date()
    page = client.get(path)
    assert "已受理" in page.get_data(as_text=True) and page.headers["Cache-Control"] == "no-store"
    assert client.get("/inquiries/track/not-a-token").status_code == 404


def test_inquiry_protections_reuse_the_comment_checks(app):
    client = app.test_client()
    assert ask(client, "为什么这么少？", token=False).status_code == 400  # CSRF
    assert ask(client, "机器人填写", website="http://spam").status_code == 201  # honeypot: silently dropped
    refused = ask(client, "傻逼财政局")
    assert refused.status_code == 400 and "不文明用语" in refused.get_data(as_text=True)
    assert stored(app) == []
    assert ask(client, "正常的问题", contact="加微信刷单").status_code == 400
    assert ask(client, "同一个问题").status_code == 201
    assert ask(client, "同一个问题").status_code == 409


def test_rate_limit_is_the_comment_write_budget(tmp_path):
    app = make_portal(tmp_path, RATELIMIT_WRITE="2 per minute")
    client = app.test_client()
    token = csrf_token(client, NEW)
    assert [ask(client, f"问题 {n}", token=token).status_code for n in range(3)] == [201, 201, 429]


def test_staff_assign_reply_then_public_list_and_statistics(app):
    client = app.test_client()
    path = followup_path(ask(client, "第二季度支付为何这么少？").get_data(as_text=True))
    staff = app.test_client()
    login(staff, "mona")
    assert "第二季度支付" in staff.get("/admin/inquiries/").get_data(as_text=True)
    token = csrf_token(staff, "/admin/inquiries/1")
    staff.post("/admin/inquiries/1/assign", data={"department": "D001", "csrf_token": token})
    assert "办理中" in client.get(path).get_data(as_text=True)
    assert "第二季度支付" not in client.get("/inquiries").get_data(as_text=True)  # not public until answered
    staff.post("/admin/inquiries/1/reply", data={"reply": "二季度为设计阶段，支付集中在下半年。", "csrf_token": token})
    assert "二季度为设计阶段" in client.get(path).get_data(as_text=True)
    public = client.get("/inquiries.json").get_json()
    [item] = public["inquiries"]
    assert item["reply"] == "二季度为设计阶段，支付集中在下半年。" and item["department_name"] == "东城区交通局"
    [stat] = public["statistics"]
    assert stat["department_code"] == "D001" and stat["answered"] == 1 and stat["median_days"] == 0
    assert client.get("/api/inquiries").get_json() == public
    with app.extensions["mingzhang.engine"].connect() as conn:
        actions = conn.execute(select(schema.audit_log.c.action)).scalars().all()
    assert {"inquiry_assign", "inquiry_reply"} <= set(actions)
    again = staff.post("/admin/inquiries/1/decline", data={"reason": "重复", "csrf_token": token})
    assert again.status_code == 409  # already answered


def test_decline_needs_a_reason_and_shows_it_privately(app):
    client = app.test_client()
    path = followup_path(ask(client, "请公开某某的工资").get_data(as_text=True))
    staff = app.test_client()
    login(staff, "mona")
    token = csrf_token(staff, "/admin/inquiries/1")
    assert staff.post("/admin/inquiries/1/decline", data={"reason": "", "csrf_token": token}).status_code == 400
    staff.post("/admin/inquiries/1/decline", data={"reason": "涉及个人信息，不属于预算公开范围", "csrf_token": token})
    html = client.get(path).get_data(as_text=True)
    assert "不予受理" in html and "涉及个人信息" in html
    assert client.get("/inquiries.json").get_json()["inquiries"] == []


def test_public_cannot_reach_staff_screens(app):
    client = app.test_client()
    assert client.get("/admin/inquiries/").status_code in (302, 303, 401, 403)


def test_comment_author_follows_status_and_reply_through_private_link(app):
    client = app.test_client()
    response = post_comment(client, body="路灯晚上不亮，希望尽快修。")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    path = re.search(r'class="followup-link" href="http://localhost(/comments/track/[^"]+)"', page).group(1)
    assert "待审核" in client.get(path).get_data(as_text=True)
    from portal import comments

    engine = app.extensions["mingzhang.engine"]
    comments.reply(engine, 1, "mona", "已安排维修。")
    comments.approve(engine, 1, "mona")
    html = client.get(path).get_data(as_text=True)
    assert "已公开" in html and "已安排维修。" in html


def test_overdue_inquiry_is_flagged_for_staff_and_the_inquirer(app):
    client = app.test_client()
    path = followup_path(ask(client, "为什么还没开工？").get_data(as_text=True))
    with app.extensions["mingzhang.engine"].begin() as conn:
        conn.execute(schema.inquiries.update().values(deadline=dt.date(2026, 1, 5)))
    assert "已超期" in client.get(path).get_data(as_text=True)
    staff = app.test_client()
    login(staff, "mona")
    assert "已超期" in staff.get("/admin/inquiries/").get_data(as_text=True)
    with app.app_context():
        from portal.inquiries import answer_time_statistics

        [stat] = answer_time_statistics(app.extensions["mingzhang.engine"].connect())
    assert stat["department_code"] is None and stat["overdue"] == 1 and stat["open"] == 1


def test_deadline_uses_the_configured_working_days(tmp_path):
    app = make_portal(tmp_path, INQUIRY_DEADLINE_DAYS=1, INQUIRY_HOLIDAYS=HOLIDAYS)
    with app.app_context():
        from portal.inquiries import deadline_for

        assert deadline_for(dt.datetime(2026, 9, 30, 10)) == D(2026, 10, 5)


def test_delegate_inquiries_are_labelled_listed_apart_and_staff_screens_stay_closed(app):
    create_staff(app, "li", "delegate")
    delegate = app.test_client()
    login(delegate, "li")
    assert "人大代表账号 li" in delegate.get(NEW).get_data(as_text=True)
    ask(delegate, "代表质询：道路改造为何延期？")
    assert delegate.get("/admin/inquiries/").status_code in (302, 303, 403)
    assert stored(app)[0]["delegate"] == "li"
    staff = app.test_client()
    login(staff, "mona")
    token = csrf_token(staff, "/admin/inquiries/1")
    assert "人大代表 li" in staff.get("/admin/inquiries/1").get_data(as_text=True)
    staff.post("/admin/inquiries/1/reply", data={"reply": "因征地延期，预计下月开工。", "csrf_token": token})
    public = app.test_client().get("/inquiries.json").get_json()
    assert public["inquiries"] == [] and public["delegate_inquiries"][0]["delegate"] is True


def test_bypass_forms_never_reach_the_database_staff_or_public(app):
    """Issue #12 item 3 end to end for inquiries: every bypass form, in the question and in the contact,
    is masked before storage; staff see what was masked, never the number; the published answer too."""
    from pii_bypasses import FORMS, leaks

    client = app.test_client()
    for number, form in enumerate(FORMS):
        assert ask(client, f"第{number}个问题：{form}，请回复", contact=form).status_code == 201, form
    rows = stored(app)
    assert len(rows) == len(FORMS)
    assert {row["question"]: leaks(row["question"] + " " + row["contact"]) for row in rows
            if leaks(row["question"] + " " + row["contact"])} == {}
    staff = app.test_client()
    login(staff, "mona")
    listing = staff.get("/admin/inquiries/?status=all").get_data(as_text=True)
    assert listing.count("请回复") >= len(FORMS) and leaks(listing, baseline=staff.get("/admin/").get_data(as_text=True)) == []
    for row in rows:
        detail = staff.get(f"/admin/inquiries/{row['id']}").get_data(as_text=True)
        assert "已自动遮盖" in detail and leaks(detail) == [], row["question"]
    token = csrf_token(staff, f"/admin/inquiries/{rows[0]['id']}")
    for row in rows:
        staff.post(f"/admin/inquiries/{row['id']}/reply", data={"reply": "已核实。", "csrf_token": token})
    public = client.get("/inquiries.json").get_data(as_text=True)
    assert public.count("请回复") == len(FORMS) and leaks(public) == []


def test_staff_see_what_was_masked_in_an_inquiry(app):
    client = app.test_client()
    ask(client, "我是刘桂英，电话一三八 1234 5678，身份证11010519491231002X，补贴打到卡6222021234567890128了吗？",
        contact=f"邮箱liuguiying＠163.com，{PHONE}")
    staff = app.test_client()
    login(staff, "mona")
    page = staff.get("/admin/inquiries/1").get_data(as_text=True)
    assert "1234" not in page and "19491231" not in page and "刘桂英" not in page and "liuguiying" not in page
    masked = re.search(r'<p class="comment-masked">已自动遮盖：([^<]+)</p>', page).group(1)
    assert masked.split("、") == ["个人姓名 1 处", "手机号 2 处", "身份证号 1 处", "银行卡号 1 处", "电子邮箱 1 处"], masked
    assert "已自动遮盖" not in app.test_client().get("/inquiries.json").get_data(as_text=True)
