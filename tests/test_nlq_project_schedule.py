"""Projects counted against their planned end date and by status words (issue #18): finished after the plan,
past the plan and not finished by the data's date, finished on time as a share of the finished ones, not
started yet, and under way (在建 with 滞后 unless 在建 is said alone) — each count listed behind the answer by
the same filter of /projects. Expected values by straight SQL on the published tables."""
import csv
import io

import pytest
from conftest import DEMO_AS_OF
from support.answers import assert_declined

PUB = "publication_id=1"


def _count(db, where):
    return db.execute(f"select count(*) from projects where {PUB} and {where}").fetchone()[0]


def _listed(client, result):
    path, _, query = result["links"]["records"].partition("?")
    body = client.get(f"{path}.csv?{query}").get_data(as_text=True).lstrip("\ufeff")
    return len(list(csv.DictReader(io.StringIO(body))))


def test_finished_later_than_planned(ask_demo, client, db):
    result = ask_demo("有多少个项目的竣工日期迟于计划竣工日期")
    assert result["answer"]["value"] == _count(db, "completed_date > end_date")
    assert _listed(client, result) == result["answer"]["value"]


def test_past_the_plan_and_not_finished(ask_demo, client, db):
    result = ask_demo("已经超过计划完工日期但仍未完工的项目一共几个")
    assert result["answer"]["value"] == _count(db, f"completed_date is null and end_date < '{DEMO_AS_OF}'")
    assert _listed(client, result) == result["answer"]["value"]
    assert "仍未完工" in result["understood"]


def test_on_time_among_the_finished(ask_demo, client, db):
    result = ask_demo("在完工的项目当中，按时完工的比例是多少")
    done = _count(db, "status='已完工'")
    on_time = _count(db, "completed_date <= end_date")
    assert result["answer"]["value"] == pytest.approx(on_time / done * 100, abs=1e-4)
    assert [row[1] for row in result["answer"]["rows"]] == [on_time, done]


def test_not_started_and_under_way(ask_demo, db):
    assert ask_demo("全市有几个项目尚未动工")["answer"]["value"] == _count(db, "status='未开工'")
    result = ask_demo("全市正在施工的项目有几个")
    assert result["answer"]["value"] == _count(db, "status in ('在建', '滞后')")
    assert "在建或滞后" in result["understood"]  # the reading is stated
    assert ask_demo("全市在建项目有几个")["answer"]["value"] == _count(db, "status='在建'")  # 在建 alone


def test_a_named_project_asked_whether_it_started_gets_its_status(ask_demo, db):
    (name,) = db.execute(f"select name from projects p where {PUB} and status='未开工' and (select count(*) from "
                         f"projects q where q.{PUB} and q.name=p.name)=1 order by code limit 1").fetchone()
    result = ask_demo(f"{name}动工了吗")
    assert result["query"]["topic"] is None and result["answer"]["rows"][0][1] == "未开工"


def test_days_late_of_all_projects_still_declined(ask_demo):
    """An average delay over many projects is no figure the box computes."""
    assert_declined(ask_demo("项目平均比计划晚完工多少天"))
