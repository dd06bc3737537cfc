"""A payment purpose asked by a short name (低保金, 农机补贴, 创业补贴): the treasury payments recorded for that
purpose, said as such (not the budget class of a like name), with the vouchers linked."""
import pytest

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _paid(db, purpose, year):
    return db.execute(f"SELECT count(*), sum(amount_fen) FROM payments WHERE publication_id = {PUBLISHED} AND "
                      "purpose = ? AND date LIKE ?", (purpose, f"{year}%")).fetchone()


@pytest.mark.parametrize("q, purpose", [("2024年低保金一共发放了多少钱", "最低生活保障金"),
                                        ("2024年发了多少创业补贴", "一次性创业补贴")])
def test_a_purpose_by_its_short_name_sums_its_payments(ask_demo, db, q, purpose):
    result = ask_demo(q)
    assert result["query"]["purpose"] == purpose, result["understood"]
    assert result["answer"]["value"] == pytest.approx(_paid(db, purpose, 2024)[1] / 100)
    assert f"用途为「{purpose}」" in result["understood"] and "purpose=" in result["links"]["records"]


def test_a_short_name_that_is_also_a_class_says_which_it_is(ask_demo):
    result = ask_demo("2024年低保金一共发放了多少钱")
    assert any("不是预算科目「最低生活保障」" in note for note in result["notes"]), result["notes"]


def test_a_purpose_by_its_short_name_counts_its_payments(ask_demo, db):
    result = ask_demo("2024年的农机补贴一共发过多少笔")
    assert result["answer"]["value"] == _paid(db, "农机购置补贴", 2024)[0] and result["answer"]["unit"] == "笔"


def test_the_class_is_still_the_class_when_no_payment_is_asked(ask_demo):
    result = ask_demo("2024年最低生活保障支出是多少")
    assert result["query"]["kind"] == "figure" and result["query"]["purpose"] is None, result["understood"]
