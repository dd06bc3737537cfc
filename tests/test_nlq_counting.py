"""How many regions or departments there are (issue #18): 「市直部门有几个」「示例市下辖几个区县」 count them (the
ones with an amount in the period, listed in the table) — never the spending summed. Expected by straight SQL."""


def test_departments_of_the_city_level_are_counted(ask_demo, db):
    (want,) = db.execute("select count(*) from (select dept_code from expenditures where publication_id=1 "
                         "and year=2026 and region_code='990000' group by dept_code having sum(amount_fen) != 0)").fetchone()
    result = ask_demo("市直部门有几个")
    assert result["answer"]["value"] == want and result["answer"]["unit"] == "个"
    assert len(result["answer"]["rows"]) == want and "个数" in result["understood"]


def test_districts_are_counted(ask_demo, db):
    (want,) = db.execute("select count(*) from regions where publication_id=1 and level=1").fetchone()
    assert ask_demo("示例市下辖几个区县？")["answer"]["value"] == want


def test_a_ranking_is_still_a_ranking(ask_demo):
    result = ask_demo("哪个部门今年钱花得最多")
    assert result["answer"]["kind"] == "table" and result["answer"]["unit"] == "元"


def test_now_is_no_ranking(ask_demo, db):
    """「目前」 holds the top cue 前 but ranks nothing: a count and a sum of the projects of a status."""
    (lagging,) = db.execute("select count(*) from projects where publication_id=1 and status='滞后'").fetchone()
    (building,) = db.execute("select sum(total_investment_fen) from projects where publication_id=1 "
                             "and status='在建'").fetchone()
    assert ask_demo("目前进度滞后的项目有多少个？")["answer"]["value"] == lagging
    assert ask_demo("请说明目前状态为在建的项目总投资合计。")["answer"]["value"] == building / 100
