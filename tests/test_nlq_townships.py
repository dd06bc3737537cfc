"""The question box knows places below the district (issue #17): 「桃坞街道有哪些项目」「樟林镇今年投资多少」
narrow projects to that township or street and link to /projects?township=…; a township-looking name the
publication does not have is declined like an unknown district."""

import pytest

from ledger.money import fen_to_yuan


def _township(db, name):
    row = db.execute("select code from townships where publication_id=1 and name=?", (name,)).fetchone()
    assert row, f"the demo has {name}"
    return row[0]


def test_projects_of_a_street_are_the_projects_pages(ask_demo, db, client):
    code = _township(db, "桃坞街道")
    result = ask_demo("桃坞街道有哪些项目")
    assert result["query"]["township"] == code and "桃坞街道" in result["understood"]
    assert result["links"]["records"] == f"/projects?township={code}&pub=1"
    (count,) = db.execute("select count(*) from projects where publication_id=1 and township_code=?", (code,)).fetchone()
    page = client.get(f"/projects.json?township={code}&pub=1").get_json()
    assert page["count"] == count > 0
    assert {r[0] for r in result["answer"]["rows"]} <= {r[0] for r in db.execute(
        "select name from projects where publication_id=1 and township_code=?", (code,))}


def test_count_and_investment_of_a_town_this_year(ask_demo, db):
    code = _township(db, "樟林镇")
    count, invested = db.execute("select count(*), sum(total_investment_fen) from projects where publication_id=1 "
                                 "and township_code=? and year=2026", (code,)).fetchone()
    assert ask_demo("樟林镇今年有多少项目")["answer"]["value"] == count
    result = ask_demo("樟林镇今年投资多少")
    assert result["answer"]["value"] == fen_to_yuan(invested)
    assert "township=" + code in result["links"]["records"] and "year=2026" in result["links"]["records"]


@pytest.mark.parametrize("q, name", [("东湖镇今年有多少项目", "东湖镇"), ("白云街道有哪些项目", "白云街道"),
                                     ("红旗乡修了多少公里路", "红旗乡")])
def test_an_unknown_township_is_declined(ask_demo, q, name):
    result = ask_demo(q)
    assert result["answer"]["kind"] == "decline" and result["decline"]["reason"] == "unknown_region"
    assert f"本站数据中没有名为「{name}」的乡镇街道" in result["decline"]["message"]


@pytest.mark.parametrize("q, region", [
    ("松岗县有几个项目", "990121"),  # the county, not 松岗街道
    ("松岗去年支出多少", "990121"),
])
def test_a_district_named_like_a_street_stays_the_district(ask_demo, q, region):
    result = ask_demo(q)
    assert result["query"]["regions"] == [region] and result["query"]["township"] is None


@pytest.mark.parametrize("q", ["城乡社区支出是多少", "乡镇卫生院支出多少", "2025年小城镇建设支出"])
def test_words_ending_in_town_are_no_township(ask_demo, q):
    """Never read as a township, nor declined as a missing one (other reasons to decline are not this test's)."""
    result = ask_demo(q)
    assert result["decline"] is None or "乡镇街道" not in result["decline"]["message"], (q, result["understood"])
    assert result["query"] is None or result["query"]["township"] is None
