"""The question box answers how fast departments answer inquiries (issue #16): 「哪个部门回复质询最慢」
「质询平均多少天答复」 — with the statistics the public list (/inquiries) shows, from one function in ledger."""
import datetime as dt

import pytest
from sqlalchemy import delete, insert, select

from ledger import inquiries as calendar
from ledger import schema

D = dt.date
LATE = D(2026, 12, 31)  # a deadline none of the answered ones missed


def _row(n, created, answered, dept, status="answered", deadline=LATE):
    return {"token_hash": f"test-nlq-{n}", "subject_kind": "department", "question": "测试质询", "status": status,
            "department_code": dept, "created_at": dt.datetime.combine(created, dt.time(9)),
            "answered_at": dt.datetime.combine(answered, dt.time(15)) if answered else None,
            "deadline": deadline, "client_hash": "test", "body_hash": f"test-nlq-{n}"}


@pytest.fixture()
def seeded(demo_app):
    """Five inquiries with answer times worked out by hand on the default holiday calendar, removed after."""
    engine = demo_app.extensions["mingzhang.engine"]
    with engine.connect() as conn:
        slow, fast = [r.code for r in conn.execute(select(schema.departments.c.code).where(
            schema.departments.c.publication_id == 1).order_by(schema.departments.c.code).limit(2))]
    rows = [
        _row(1, D(2026, 11, 2), D(2026, 11, 16), slow),  # Mon → Mon two weeks on: 10 working days
        _row(2, D(2026, 11, 2), D(2026, 11, 12), slow),  # 8
        # Wed 09-30 → Thu 10-08: 10-01/02/05/06/07 are holidays and 03/04 a weekend, so 1 working day (6 without)
        _row(3, D(2026, 9, 30), D(2026, 10, 8), fast),
        _row(4, D(2026, 11, 2), D(2026, 11, 5), fast),  # 3
        _row(5, D(2026, 11, 2), None, None, status="accepted", deadline=D(2026, 11, 20)),  # unassigned, overdue
    ]
    with engine.begin() as conn:
        conn.execute(insert(schema.inquiries), rows)
    try:
        yield {"slow": slow, "fast": fast}
    finally:
        with engine.begin() as conn:
            conn.execute(delete(schema.inquiries).where(schema.inquiries.c.token_hash.like("test-nlq-%")))


@pytest.fixture(scope="module")
def ask_today(demo_app):
    from ledger.db import current_publication
    from nlq.answer import ask

    def run(q):
        with demo_app.extensions["mingzhang.engine"].connect() as conn:
            return ask(conn, current_publication(conn), q, as_of=dt.date.today(), config=demo_app.config,
                       use_embeddings=False)
    return run


def test_the_slowest_department_is_the_public_lists_first(seeded, ask_today, client):
    result = ask_today("哪个部门回复质询最慢")
    answer = result["answer"]
    assert result["query"]["kind"] == "inquiry"
    assert answer["keys"] == [seeded["slow"], seeded["fast"]]
    assert [r[1] for r in answer["rows"]] == [9, 2] and answer["value"] == 9  # medians of (10, 8) and (1, 3)
    assert "中位数 9 个工作日" in answer["sentence"] and "1 件尚未分派" in answer["sentence"]
    page = client.get("/inquiries.json").get_json()["statistics"]
    assigned = [s for s in page if s["department_code"]]
    assert [(s["department_code"], s["median_days"], s["overdue"]) for s in assigned] == \
        [(k, r[1], r[6]) for k, r in zip(answer["keys"], answer["rows"])]
    assert result["links"]["records"] == "/inquiries"


def test_fastest_first_when_asked(seeded, ask_today):
    answer = ask_today("哪个部门答复质询最快")["answer"]
    assert answer["keys"][0] == seeded["fast"] and answer["value"] == 2


def test_average_days_to_answer_is_on_the_public_list(seeded, ask_today, client):
    answer = ask_today("质询平均多少天答复")["answer"]
    assert answer["value"] == 5.5 and answer["unit"] == "个工作日"  # (10 + 8 + 1 + 3) / 4
    assert dict(answer["rows"])["答复用时中位数（工作日）"] == 5.5 and dict(answer["rows"])["超期"] == 1
    assert client.get("/inquiries.json").get_json()["summary"]["mean_days"] == 5.5
    assert "平均 5.5 个工作日" in client.get("/inquiries").get_data(as_text=True)


def test_the_configured_holidays_count(seeded):
    """The question box and the page use the deployment's holidays: without them inquiry 3 took 6 days."""
    assert calendar.working_days_between(D(2026, 9, 30), D(2026, 10, 8)) == 6


def test_no_inquiries_yet_says_so(ask_today):
    answer = ask_today("哪个部门回复质询最慢")["answer"]
    assert answer["rows"] == [] and "还没有" in answer["sentence"]
