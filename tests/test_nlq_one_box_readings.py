"""Readings a first-time user's one question needs (issue #18 item 7), in words of their own: the end of a
quarter is the year so far through its last month; a second-level unit's 「经费」 is its budget (said in the
restatement); a headline's tag in brackets and the asker's occasion before 「想先看…」 are no part of the
question; a heavy-rain word in a question about works looks in the projects' update notes."""
import pytest

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _figure(result):
    assert result["answer"]["kind"] == "figure" and result["decline"] is None, (result["question"], result["understood"])
    return result["answer"]["value"]


@pytest.fixture(scope="module")
def unit_name(db):
    """A second-level unit with a budget this year and spending the year before."""
    return db.execute(f"SELECT u.name FROM units u JOIN unit_budgets b ON b.unit_code = u.code AND b.publication_id = "
                      f"u.publication_id WHERE u.publication_id = {PUBLISHED} AND b.year = 2026 GROUP BY u.name "
                      "ORDER BY sum(b.budget_fen) DESC LIMIT 1").fetchone()[0]


@pytest.mark.parametrize("end, through", [("2025年二季度末", "2025年1至6月"), ("2025年第三季度末", "2025年前三季度"),
                                          ("今年3季度底", "今年1到9月")])
def test_a_quarters_end_is_the_year_so_far(ask_demo, end, through):
    at_end = ask_demo(f"{end}云峰县执行率")
    so_far = ask_demo(f"{through}云峰县执行率")
    assert _figure(at_end) == _figure(so_far)
    assert at_end["understood"] == so_far["understood"]


def test_the_quarter_alone_stays_the_quarter(ask_demo):
    assert "7—9月" in ask_demo("2025年三季度云峰县支出")["understood"]


def test_a_units_funds_are_its_budget(ask_demo, db, unit_name):
    result = ask_demo(f"{unit_name}2026年的经费有多少")
    budget, = db.execute(f"SELECT sum(b.budget_fen) FROM unit_budgets b JOIN units u ON u.code = b.unit_code AND "
                         f"u.publication_id = b.publication_id WHERE b.publication_id = {PUBLISHED} AND b.year = 2026 "
                         "AND u.name = ?", (unit_name,)).fetchone()
    assert round(_figure(result) * 100) == budget
    assert "预算" in result["understood"] and "经费" in result["understood"]
    assert not any("经费" in note for note in result["notes"]), "read, so not a word left over"


def test_funds_spent_stay_spending(ask_demo, unit_name):
    spent = ask_demo(f"{unit_name}2025年经费支出")
    assert _figure(spent) == _figure(ask_demo(f"{unit_name}2025年支出多少"))


@pytest.mark.parametrize("tag", ["【财经快讯】", "[热点]"])
def test_a_headline_tag_is_left_aside(ask_demo, unit_name, tag):
    tagged = ask_demo(f"{tag}{unit_name}2025年支出")
    plain = ask_demo(f"{unit_name}2025年支出")
    assert _figure(tagged) == _figure(plain)
    assert tagged["understood"] == plain["understood"]


def test_a_tag_with_a_budget_word_does_not_make_spending_a_budget(ask_demo, unit_name):
    tagged = ask_demo(f"【预算信息】{unit_name}2025年支出")
    assert "支出" in tagged["understood"] and "预算）" not in tagged["understood"]


@pytest.mark.parametrize("occasion", ["月底要去座谈会发言", "下个月政协开会讨论"])
def test_the_askers_occasion_before_a_request_is_left_aside(ask_demo, occasion):
    asked = ask_demo(f"{occasion}，想先看看市民政局今年的执行率")
    plain = ask_demo("市民政局今年的执行率")
    assert _figure(asked) == _figure(plain)
    assert any(occasion in note for note in asked["notes"]), asked["notes"]


@pytest.mark.parametrize("q", ["去年暴雨耽误工期的工程有哪些", "雨季施工放缓的项目"])
def test_rain_in_a_works_question_looks_in_the_update_notes(ask_demo, q):
    result = ask_demo(q)
    assert result["decline"]["reason"] == "record_search", result["understood"]
    assert "进展记录" in result["decline"]["message"]
