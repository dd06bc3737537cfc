"""A payment purpose's two periods set side by side (issue #18): 「今年1到9月比去年同期」 or 「2024年和2023年相比」
are the purpose's treasury payments in the same months of both years, the difference signed (later − earlier) or
the change in percent when a percentage or a growth is asked — never one period's sum in its place — each
period's vouchers linked."""
import pytest

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _paid(db, purpose, year, months=(1, 12)):
    return db.execute(f"SELECT sum(amount_fen) FROM payments WHERE publication_id = {PUBLISHED} AND purpose = ? "
                      f"AND CAST(strftime('%Y', date) AS INTEGER) = ? AND CAST(strftime('%m', date) AS INTEGER) "
                      f"BETWEEN ? AND ?", (purpose, year, *months)).fetchone()[0]


def test_the_same_months_of_last_year_subtracted(ask_demo, db):
    result = ask_demo("今年1至9月份的高龄津贴和去年同期相比少发了多少")
    answer = result["answer"]
    expected = (_paid(db, "高龄津贴", 2026, (1, 9)) - _paid(db, "高龄津贴", 2025, (1, 9))) / 100
    assert answer["unit"] == "元" and answer["value"] == pytest.approx(expected), result["understood"]
    assert [row[0] for row in answer["rows"]] == ["2025年1—9月", "2026年1—9月"]
    assert len(result["links"]["rows"]) == 2


def test_two_years_named_in_percent(ask_demo, db):
    result = ask_demo("临时救助金2024年和2023年比，发放金额变动了百分之多少")
    before, after = _paid(db, "临时救助", 2023), _paid(db, "临时救助", 2024)
    answer = result["answer"]
    assert answer["unit"] == "%" and answer["value"] == pytest.approx(100 * (after - before) / before, abs=1e-3), \
        result["understood"]


def test_a_year_under_way_is_set_against_the_same_months(ask_demo, db):
    result = ask_demo("低保金今年比去年多发还是少发，差了多少钱")
    expected = (_paid(db, "最低生活保障金", 2026, (1, 10)) - _paid(db, "最低生活保障金", 2025, (1, 10))) / 100
    assert result["answer"]["value"] == pytest.approx(expected), result["understood"]


def test_one_period_of_a_purpose_is_still_its_sum(ask_demo, db):
    result = ask_demo("2024年临时救助发放了多少钱")
    assert result["answer"]["value"] == pytest.approx(_paid(db, "临时救助", 2024) / 100), result["understood"]


def test_both_years_asked_each_is_no_difference(ask_demo):
    result = ask_demo("临时救助2023年和2024年分别发了多少钱")
    assert not result["answer"].get("difference"), result["understood"]  # both figures asked, not their change


def test_a_date_past_the_data_still_compares_the_same_months(demo_app, db):
    """Asked in December while the published payments end in October: the months the data has, of both years —
    never last year's twelve months against this year's ten."""
    import datetime as dt

    from conftest import DEMO_AS_OF, ask_at

    later = DEMO_AS_OF + dt.timedelta(days=37)
    result = ask_at(demo_app, "高龄津贴今年和去年同期比，少发了多少", as_of=later)
    months = (1, DEMO_AS_OF.month)
    expected = (_paid(db, "高龄津贴", 2026, months) - _paid(db, "高龄津贴", 2025, months)) / 100
    assert result["answer"]["value"] == pytest.approx(expected), result["understood"]
    assert [row[0] for row in result["answer"]["rows"]] == [f"2025年1—{months[1]}月", f"2026年1—{months[1]}月"]
