"""The words a question uses for a project measure name that measure or the question is declined (issue #18):
a category's planned spending of a year is its 年度用款计划 (never its total investment), an output asked in a
unit the category never records is no official 0, households counted are no sum of money. Questions in words
of their own; the planned spending is checked against straight SQL."""
PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def test_a_categorys_planned_spending_is_its_year_plan(ask_demo, db):
    category = db.execute(f"SELECT category FROM projects WHERE publication_id = {PUBLISHED} "
                          "ORDER BY category LIMIT 1").fetchone()[0]
    want = db.execute(f"SELECT sum(pp.plan_fen) FROM project_plans pp JOIN projects p ON p.publication_id = "
                      f"pp.publication_id AND p.code = pp.project_code WHERE p.publication_id = {PUBLISHED} "
                      "AND p.category = ? AND pp.year = 2025", (category,)).fetchone()[0]
    result = ask_demo(f"2025年{category}项目的计划支出一共多少")
    assert result["query"]["kind"] == "plans", result["understood"]
    assert round(result["answer"]["value"] * 100) == want


def test_the_citys_planned_spending_is_not_a_project_plan(ask_demo):
    assert ask_demo("示例市2025年计划支出多少")["query"]["kind"] != "plans"


def test_an_output_in_a_unit_never_recorded_is_declined(ask_demo, db):
    category, unit = db.execute(f"SELECT category, output_unit FROM projects WHERE publication_id = {PUBLISHED} "
                                "AND output_unit = '套' LIMIT 1").fetchone()
    result = ask_demo(f"去年{category}一共建成多少户")
    assert result["answer"]["kind"] == "decline" and unit in result["decline"]["message"], result["understood"]


def test_households_counted_never_a_sum(ask_demo):
    assert ask_demo("去年全市一共有多少户特困户")["answer"]["kind"] == "decline"
