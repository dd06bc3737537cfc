"""时间进度 (序时进度) in the question box (issue #18 item 2): the execution rate set against the calendar's share of
the year at the last month with data — ledger.semantics.expected_pace, the pace /compare and the white paper show —
never a second formula and never the supervision rule's warning line (「执行进度滞后」 stays the rule's question).
Questions in words of their own; figures checked against straight SQL on the demo publication."""
import pytest

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"
PACE_OCTOBER = 100.0 * 10 / 12  # the demo's data end in October 2026


def _rate(db, year, region_code=None):
    where = "" if region_code is None else f" AND region_code = '{region_code}'"
    spent = db.execute(f"SELECT sum(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} "
                       f"AND year = {year}{where}").fetchone()[0]
    budget = db.execute(f"SELECT sum(budget_fen) FROM budgets WHERE publication_id = {PUBLISHED} "
                        f"AND year = {year}{where}").fetchone()[0]
    return 100.0 * spent / budget


def _code(db, name):
    return db.execute(f"SELECT code FROM regions WHERE publication_id = {PUBLISHED} AND name = ?", (name,)).fetchone()[0]


def test_a_lag_behind_the_calendar_is_counted_positive(ask_demo, db):
    result = ask_demo("竹源县今年花钱的进度比序时进度落后几个百分点")
    answer = result["answer"]
    assert result["query"]["kind"] == "execution" and answer["unit"] == "个百分点", result["understood"]
    assert answer["value"] == pytest.approx(PACE_OCTOBER - _rate(db, 2026, _code(db, "竹源县")), abs=0.01)
    assert "时间进度" in result["understood"] and "10÷12" in result["sentence"]
    assert [row["label"] for row in result["links"]["rows"]] == ["支出", "预算"]  # the records the rate divides


def test_the_whole_city_against_the_calendar(ask_demo, db):
    answer = ask_demo("全市今年的预算执行进度和时间进度相比差几个百分点")["answer"]
    assert answer["value"] == pytest.approx(_rate(db, 2026) - PACE_OCTOBER, abs=0.01)  # rate less pace, signed


def test_a_finished_year_is_measured_against_the_whole_year(ask_demo, db):
    answer = ask_demo("2025年银杏区执行进度比时间进度慢多少个百分点")["answer"]
    assert answer["pace"] == pytest.approx(100.0)
    assert answer["value"] == pytest.approx(100.0 - _rate(db, 2025, _code(db, "银杏区")), abs=0.01)


def test_districts_under_the_calendar_pace_are_counted(ask_demo, db):
    result = ask_demo("今年有几个区县的执行进度赶不上时间进度")
    regions = db.execute(f"SELECT code FROM regions WHERE publication_id = {PUBLISHED} AND level = 1").fetchall()
    under = [code for (code,) in regions if _rate(db, 2026, code) < PACE_OCTOBER]
    assert result["answer"]["unit"] == "个" and result["answer"]["value"] == len(under), result["understood"]


def test_districts_over_the_calendar_pace_are_listed(ask_demo, db):
    result = ask_demo("今年哪些区县执行率超过了时间进度")
    regions = db.execute(f"SELECT code FROM regions WHERE publication_id = {PUBLISHED} AND level = 1").fetchall()
    over = [code for (code,) in regions if _rate(db, 2026, code) > PACE_OCTOBER]
    assert len(result["answer"]["rows"]) == len(over), result["understood"]
    assert all(row[1] > PACE_OCTOBER for row in result["answer"]["rows"])


def test_the_warning_rule_keeps_its_own_question(ask_demo):
    assert ask_demo("今年哪些区县执行进度滞后")["query"]["kind"] == "supervision"


@pytest.mark.parametrize("q", ["北京市今年执行进度比时间进度慢多少", "2030年松岗县执行进度比时间进度慢多少"])
def test_a_place_or_year_not_published_is_still_declined(ask_demo, q):
    assert ask_demo(q)["answer"]["kind"] == "decline"
