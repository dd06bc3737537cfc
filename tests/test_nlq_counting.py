"""How many regions or departments there are (issue #18): 「市直部门有几个」「示例市下辖几个区县」 count them (the
ones with records in the period, listed in the table) — never the spending summed. Expected by straight SQL."""


def test_departments_of_the_city_level_are_counted(ask_demo, db):
    (want,) = db.execute("select count(distinct dept_code) from expenditures where publication_id=1 and year=2026 "
                         "and region_code='990000'").fetchone()
    result = ask_demo("市直部门有几个")
    assert result["answer"]["value"] == want and result["answer"]["unit"] == "个"
    assert len(result["answer"]["rows"]) == want and "个数" in result["understood"]


def test_districts_are_counted(ask_demo, db):
    (want,) = db.execute("select count(*) from regions where publication_id=1 and level=1").fetchone()
    assert ask_demo("示例市下辖几个区县？")["answer"]["value"] == want


def test_a_ranking_is_still_a_ranking(ask_demo):
    result = ask_demo("哪个部门今年钱花得最多")
    assert result["answer"]["kind"] == "table" and result["answer"]["unit"] == "元"
