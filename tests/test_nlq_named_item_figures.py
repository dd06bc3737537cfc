"""A figure asked of one named thing is that thing's figure or an honest decline (issue #18): a named project's
completion or paid share (never the city's rate or all projects'), one item's place in a ranking (never its
amount), a count and a sum asked together (never one of them), a rate of projects (never an amount), provinces
counted (never a sum), an output asked with a counter word (recorded in its own unit, never an official 0), a
budget report named by its two years. Questions in words of their own."""
import pytest
from conftest import declined_message

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _project(db):
    return db.execute(f"SELECT name FROM projects WHERE publication_id = {PUBLISHED} AND disbursed_fen > 0 "
                      "ORDER BY name LIMIT 1").fetchone()[0]


@pytest.mark.parametrize("ask", ["{name}目前完成了百分之几", "{name}的钱拨付了几成"])
def test_a_named_project_never_answered_for_all(ask_demo, db, ask):
    name = _project(db)
    result = ask_demo(ask.format(name=name))
    if result["answer"]["kind"] == "decline":
        declined_message(result)
    else:
        assert result["query"]["project"], result["understood"]


def test_the_place_of_one_region_closing_a_question(ask_demo, db):
    result = ask_demo("澄湖区2025年教育支出排名")
    assert result["query"]["kind"] == "ranking" and result["query"]["rank_of"], result["understood"]
    assert "名次" in result["understood"]


def test_a_ranking_asked_of_every_region_stays_a_table(ask_demo):
    result = ask_demo("2025年各区县教育支出排名")
    assert result["answer"]["kind"] == "table" and not result["query"]["rank_of"], result["understood"]


@pytest.mark.parametrize("q", ["2024年新立项的项目有多少个，金额合计多少",
                               "2024年立项项目的按期完工率是多少"])
def test_two_asks_or_a_rate_never_one_amount(ask_demo, q):
    assert ask_demo(q)["answer"]["kind"] == "decline"


def test_provinces_counted_never_summed(ask_yb):
    result = ask_yb("2022年有粮油物资储备支出的省份数")
    assert result["answer"]["kind"] == "decline" or result["answer"].get("unit") in ("个", "省"), result["understood"]


def test_a_counter_word_before_an_output_reads_its_recorded_unit(ask_demo, db):
    category, unit = db.execute(f"SELECT category, output_unit FROM projects WHERE publication_id = {PUBLISHED} "
                                "AND output_unit = '张' AND output_name LIKE '%床位%' "
                                "ORDER BY category LIMIT 1").fetchone()
    result = ask_demo(f"{category}项目总共新增了多少个床位")
    assert result["answer"]["kind"] != "decline" and result["answer"]["unit"] == unit, result["understood"]
    assert result["answer"]["value"] > 0


def test_a_report_named_by_its_two_years(ask_demo):
    one = ask_demo("2023年预算报告是哪天发布的")
    both = ask_demo("关于2023年预算执行情况与2024年预算草案的报告哪天发布的")
    assert both["query"]["years"] == [2023] and both["answer"]["display"] == one["answer"]["display"], both["understood"]
