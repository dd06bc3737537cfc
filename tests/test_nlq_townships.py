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


# ---- townships as a level (issue #18): projects counted and summed by the township they are built in ----

def _by_township(db, measure="count(*)", where="1=1", args=()):
    """[(township code, value)] by straight SQL, the largest first (ties by code)."""
    return db.execute(f"select township_code, {measure} as v from projects where publication_id=1 and "
                      f"township_code is not null and {where} group by township_code order by v desc, township_code",
                      args).fetchall()


def _name(db, code):
    return db.execute("select name from townships where publication_id=1 and code=?", (code,)).fetchone()[0]


def test_the_township_with_most_projects(ask_demo, db):
    code, count = _by_township(db)[0]
    result = ask_demo("项目数量排第一的镇街是哪个")
    answer = result["answer"]
    assert result["query"]["kind"] == "townships" and answer["top"] == _name(db, code) and answer["value"] == count
    assert answer["keys"] == [code] and "各乡镇街道" in result["understood"]
    assert result["links"]["records"] == f"/projects?township={code}&pub=1"


def test_townships_of_a_district_by_investment_add_up_from_their_projects(ask_demo, db, client):
    region = "990104"  # 星桥区: its own townships, whichever level funds the project built there
    want = _by_township(db, "sum(total_investment_fen)",
                        "township_code in (select code from townships where publication_id=1 and region_code=?)",
                        (region,))
    result = ask_demo("星桥区各乡镇街道的项目总投资分别是多少")
    answer = result["answer"]
    assert answer["keys"] == [code for code, _ in want]
    assert [r[1] for r in answer["rows"]] == [fen / 100 for _, fen in want]
    for row, link in zip(answer["rows"], result["links"]["rows"]):
        path, _, args = link["records"]["projects"].partition("?")
        page = client.get(f"{path}.json?{args}").get_json()
        assert page["sums"]["total_investment"] == row[1], row


def test_every_year_together_is_the_count_without_a_year(ask_demo, db):
    code, count = _by_township(db)[0]
    answer = ask_demo("项目最多的是哪个镇街，历年的都加起来")["answer"]
    assert (answer["top"], answer["value"]) == (_name(db, code), count)


def test_the_level_named_as_a_whole_with_a_word_for_a_place(ask_demo, db):
    code, count = _by_township(db)[0]
    answer = ask_demo("这么多镇街里面，哪里的项目最多")["answer"]
    assert (answer["top"], answer["value"]) == (_name(db, code), count)


def test_two_townships_with_most_money_paid_this_year(ask_demo, db):
    want = _by_township(db, "sum(disbursed_fen)", "year=2026")[:2]
    result = ask_demo("今年已拨付资金最多的两个镇街")
    assert result["answer"]["keys"] == [code for code, _ in want]
    assert result["answer"]["value"] == want[0][1] / 100 and "2026年" in result["understood"]


@pytest.mark.parametrize("q", ["哪个街道的支出最多", "各乡镇的预算是多少", "每个镇花了多少钱", "乡镇街道一共花了多少钱"])
def test_spending_or_budget_by_township_is_declined(ask_demo, q):
    result = ask_demo(q)
    assert result["answer"]["kind"] == "decline" and result["decline"]["reason"] == "not_held", result["understood"]
    assert "只公布到区县一级" in result["decline"]["message"]


def test_a_districts_towns_are_listed(ask_demo, db):
    want = [n for (n,) in db.execute("select name from townships where publication_id=1 and region_code='990123' "
                                     "and name like '%镇' order by code")]
    result = ask_demo("竹源县下面有哪些镇")
    assert [r[0] for r in result["answer"]["rows"]] == want and result["answer"]["count"] == len(want)
