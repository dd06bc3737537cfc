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


# ---- a purpose asked in other ways: in brackets after the asker's word, per payment, and ranked ------------

def test_a_purpose_in_brackets_after_the_askers_word_is_that_purpose(ask_demo, db):
    result = ask_demo("2024年办公用品（办公设备采购）一共支付了多少")
    assert result["query"]["purpose"] == "办公设备采购", result["understood"]
    assert result["answer"]["value"] == pytest.approx(_paid(db, "办公设备采购", 2024)[1] / 100)


def test_the_mean_payment_of_a_purpose_is_its_sum_over_its_number(ask_demo, db):
    count, fen = _paid(db, "生态护林员补助", 2025)
    result = ask_demo("2025年生态护林员补助每笔平均发多少")
    assert result["answer"]["value"] == pytest.approx(fen / count / 100, abs=0.005), result["understood"]
    assert "平均每笔" in result["understood"] and result["answer"]["payments"] == count


def test_the_purposes_paid_to_persons_are_ranked(ask_demo, db):
    want = db.execute(f"SELECT purpose FROM payments WHERE publication_id = {PUBLISHED} AND payee_type = '个人' "
                      "AND project_code IS NULL AND date LIKE '2024%' AND (purpose LIKE '%补贴' OR purpose LIKE '%津贴' "
                      "OR purpose LIKE '%补助' OR purpose LIKE '%救助' OR purpose LIKE '%金') GROUP BY purpose "
                      "ORDER BY sum(amount_fen) DESC LIMIT 1").fetchall()
    result = ask_demo("2024年发给个人的补贴中，金额最多的是哪一种")
    assert [r[0] for r in result["answer"]["rows"]] == [p for (p,) in want], result["understood"]
    assert all("payee_type=" in row["records"]["payments"] for row in result["links"]["rows"])


def test_which_subsidy_was_paid_most_is_a_purpose_not_a_class(ask_demo, db):
    (want,) = db.execute(f"SELECT purpose FROM payments WHERE publication_id = {PUBLISHED} AND project_code IS NULL "
                         "AND date LIKE '2023%' AND (purpose LIKE '%补贴' OR purpose LIKE '%津贴' OR purpose LIKE '%补助' "
                         "OR purpose LIKE '%救助' OR purpose LIKE '%金') GROUP BY purpose ORDER BY sum(amount_fen) DESC "
                         "LIMIT 1").fetchone()
    result = ask_demo("2023年哪种补助发的钱最多")
    assert result["answer"]["top"] == want and result["query"]["kind"] == "payees", result["understood"]
