"""「某补贴哪一年发得最多」 (issue #18): a payment purpose named, its years ranked by what was paid out for it —
the treasury payments of that purpose, each year's vouchers linked — never the spending of the budget class of a
like name; a year still under way is left out of the ranking when no years are named, and said so."""
import pytest

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _by_year(db, purpose, last):
    return dict(db.execute(f"SELECT CAST(strftime('%Y', date) AS INTEGER), sum(amount_fen) FROM payments "
                           f"WHERE publication_id = {PUBLISHED} AND purpose = ? AND CAST(strftime('%Y', date) AS "
                           f"INTEGER) <= ? GROUP BY 1", (purpose, last)))


@pytest.mark.parametrize("question, most", [("高龄津贴在哪一年发得最多", True), ("哪年发的高龄津贴最少", False)])
def test_a_purpose_years_ranked_by_payments(ask_demo, db, question, most):
    years = _by_year(db, "高龄津贴", 2025)  # the demo's 2026 ends in October: not ranked
    first = (max if most else min)(years, key=years.get)
    result = ask_demo(question)
    answer = result["answer"]
    assert result["query"]["purpose"] == "高龄津贴" and answer["kind"] == "table", result["understood"]
    assert answer["rows"][0][0] == f"{first}年" and answer["value"] == pytest.approx(years[first] / 100)
    assert [r[0] for r in answer["rows"]] == [f"{y}年" for y in sorted(years, key=years.get, reverse=most)]
    assert "2026" not in result["understood"] and f"{first}年" in result["sentence"]
    assert len(result["links"]["rows"]) == len(years)  # each year's vouchers


def test_the_years_named_are_ranked_as_named(ask_demo, db):
    years = {y: v for y, v in _by_year(db, "高龄津贴", 2026).items() if y >= 2024}
    result = ask_demo("2024年到2026年高龄津贴哪一年发放得最多")
    assert result["answer"]["rows"][0][0] == f"{max(years, key=years.get)}年", result["understood"]


def test_the_class_without_a_purpose_word_stays_the_class(ask_demo):
    result = ask_demo("最低生活保障这几年哪一年支出最多")
    assert result["query"]["kind"] == "trend" and not result["query"].get("purpose"), result["understood"]
