"""Treasury payments bounded by their own amount (「单笔超过…」「…元以下的付款」: counted or summed) and the
different payees they went to (「发给了多少个不同的人」「收款单位有几家」), answered from the payments through
ledger.queries with a records link that lists exactly those vouchers; persons are counted, never named."""
import pytest
from conftest import declined_message

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _payments(db, where, args=()):
    return db.execute(f"SELECT count(*), coalesce(sum(amount_fen), 0), count(DISTINCT payee) FROM payments "
                      f"WHERE publication_id = {PUBLISHED} AND {where}", args).fetchone()


@pytest.mark.parametrize("q, year, where", [
    ("2024年单笔金额超过200万元的国库支付共几笔", 2024, "amount_fen > 200000000"),
    ("今年每笔30万以上的付款有多少笔", 2026, "amount_fen >= 30000000"),
    ("2023年不到500元的支付有几笔", 2023, "amount_fen < 50000"),
    ("2025年2000元以下的付款有多少笔", 2025, "amount_fen <= 200000"),
])
def test_payments_above_or_below_an_amount_are_counted(ask_demo, db, q, year, where):
    want = _payments(db, f"date LIKE ? AND {where}", (f"{year}%",))[0]
    result = ask_demo(q)
    assert result["answer"]["value"] == want and result["answer"]["unit"] == "笔", result["understood"]
    assert "单笔金额" in result["understood"] and f"{year}年" in result["understood"]
    assert "amount_" in result["links"]["records"] and f"year={year}" in result["links"]["records"]


def test_payments_above_an_amount_are_summed(ask_demo, db):
    _n, fen, _p = _payments(db, "date LIKE '2025%' AND amount_fen > 80000000")
    result = ask_demo("2025年单笔超过80万的付款合计多少钱")
    assert result["answer"]["value"] == pytest.approx(fen / 100), result["understood"]


def test_the_records_link_lists_the_bounded_payments(client, ask_demo, db):
    count, fen, _p = _payments(db, "date LIKE '2024%' AND amount_fen > 150000000")
    url = ask_demo("2024年单笔超过150万的付款有多少笔")["links"]["records"]
    listed = client.get(url.replace("/records/payments", "/api/records/payments")).get_json()
    assert listed["count"] == count and listed["sum"] == pytest.approx(fen / 100)


def test_the_different_persons_paid_for_a_purpose_are_counted(ask_demo, db):
    purpose, = db.execute(f"SELECT purpose FROM payments WHERE publication_id = {PUBLISHED} AND payee_type = '个人' "
                          "AND purpose IS NOT NULL GROUP BY purpose ORDER BY count(*) DESC LIMIT 1").fetchone()
    want = _payments(db, "payee_type = '个人' AND purpose = ? AND date LIKE '2024%'", (purpose,))[2]
    for q in (f"2024年{purpose}一共发给了几个不同的人", f"{purpose}2024年有多少人领到了"):
        result = ask_demo(q)
        assert result["answer"]["value"] == want and result["answer"]["unit"] == "人", (q, result["understood"])
        assert "不同收款人" in result["understood"]
        # never a person's pseudonym in what is shown
        assert not any(str(cell).startswith("P") and len(str(cell)) > 6 for row in result["answer"]["rows"]
                       for cell in row[:1])


def test_the_organisations_paid_in_a_year_are_counted(ask_demo, db):
    want = _payments(db, "payee_type = '单位' AND date LIKE '2025%'")[2]
    result = ask_demo("2025年一共有几家单位收到了财政的付款")
    assert result["answer"]["value"] == want and result["answer"]["unit"] == "家", result["understood"]


@pytest.mark.parametrize("q", ["2021年到2025年高龄津贴发给了多少个不同的人"])
def test_payees_over_several_years_are_declined_not_guessed(ask_demo, q):
    result = ask_demo(q)
    assert result["answer"]["kind"] == "decline" or not isinstance(result["answer"].get("value"), int), \
        result["understood"]


def test_a_project_threshold_is_still_the_projects(ask_demo, db):
    want, = db.execute(f"SELECT count(*) FROM projects WHERE publication_id = {PUBLISHED} AND year = 2025 "
                       "AND total_investment_fen >= 10000000000").fetchone()
    result = ask_demo("2025年总投资超过1亿元的项目有几个")
    assert result["answer"]["value"] == want, result["understood"]
    assert "单笔" not in result["understood"]


def test_the_population_is_no_count_of_payees(ask_demo):
    result = ask_demo("鹭洲区有多少人")
    assert "收款" not in (result["understood"] or "")


def test_a_budget_unit_count_is_no_count_of_payees(ask_demo):
    result = ask_demo("市卫健委下属二级单位有几个")
    assert "收款" not in (result["understood"] or "")


def test_a_private_payee_is_never_named_when_asked_who(ask_demo):
    declined_message(ask_demo("2025年领高龄津贴最多的是哪个人"))


def _purpose_year(db, purpose, year, last_month=12):
    return db.execute(f"SELECT count(*), coalesce(sum(amount_fen), 0) FROM payments WHERE publication_id = {PUBLISHED} "
                      "AND purpose = ? AND date BETWEEN ? AND ?",
                      (purpose, f"{year}-01-01", f"{year}-{last_month:02d}-31")).fetchone()


def test_a_purpose_in_two_named_years_side_by_side(ask_demo, db):
    result = ask_demo("临时救助2023年和2024年分别发了多少钱")
    rows = result["answer"]["rows"]
    assert [r[0] for r in rows] == ["2023年", "2024年"], result["understood"]
    assert [round(r[1] * 100) for r in rows] == [_purpose_year(db, "临时救助", y)[1] for y in (2023, 2024)]


def test_a_purposes_change_between_two_years_is_the_later_less_the_earlier(ask_demo, db):
    result = ask_demo("最低生活保障金2024年比2023年多发了还是少发了")
    want = _purpose_year(db, "最低生活保障金", 2024)[1] - _purpose_year(db, "最低生活保障金", 2023)[1]
    assert round(result["answer"]["value"] * 100) == want, result["understood"]
    assert len(result["links"]["rows"]) == 2


def test_the_same_months_of_last_year_are_compared_by_number(ask_demo, db):
    result = ask_demo("高龄津贴今年发放的笔数比去年同期多了几笔")
    want = _purpose_year(db, "高龄津贴", 2026, 10)[0] - _purpose_year(db, "高龄津贴", 2025, 10)[0]
    assert result["answer"]["value"] == want and result["answer"]["unit"] == "笔", result["understood"]
    assert "1—10月" in result["understood"]


@pytest.mark.parametrize("q, purpose, year", [
    ("2024年高龄补贴发了多少钱", "高龄津贴", 2024),  # another word for the same kind of subsidy
    ("去年的农机补贴一共发了多少", "农机购置补贴", 2025),  # the first word and the ending
    ("2023年护林员补助发了多少", "生态护林员补助", 2023),  # without the first word
    ("2024年发的种粮补贴，也就是耕地地力保护补贴，合计多少", "耕地地力保护补贴", 2024),  # the recorded name given
])
def test_a_subsidy_named_loosely_is_its_recorded_purpose(ask_demo, db, q, purpose, year):
    result = ask_demo(q)
    assert result["answer"]["value"] == pytest.approx(_purpose_year(db, purpose, year)[1] / 100), result["understood"]
    assert f"「{purpose}」" in result["understood"]


def test_a_subsidy_no_purpose_is_close_to_is_not_answered_with_a_figure(ask_demo):
    result = ask_demo("2025年取暖补贴发了多少")
    answer = result["answer"] or {}
    assert answer.get("kind") in (None, "decline") or answer.get("value") is None, result["understood"]


def test_the_months_named_are_compared_with_the_same_months_a_year_before(ask_demo, db):
    result = ask_demo("今年高龄津贴1到8月和去年同期比差多少")
    want = _purpose_year(db, "高龄津贴", 2026, 8)[1] - _purpose_year(db, "高龄津贴", 2025, 8)[1]
    assert round(result["answer"]["value"] * 100) == want and "1—8月" in result["understood"], result["understood"]


def test_a_class_named_like_a_purpose_compared_over_years_is_its_spending(ask_demo):
    result = ask_demo("2023年和2025年全市临时救助支出对比")
    assert "支付" not in result["understood"], result["understood"]
