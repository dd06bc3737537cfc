"""Treasury payments asked by who received them, by a purpose said in other words, or by both their number and
their sum (issue #18): each figure is the vouchers' own count or sum, its records are those vouchers, and a
question the payments cannot answer still declines."""
from support.answers import PUBLISHED, assert_declined


def _totals(db, where, args=()):
    count, fen = db.execute(f"select count(*), coalesce(sum(amount_fen), 0) from payments where publication_id="
                            f"{PUBLISHED} and {where}", args).fetchone()
    return count, fen / 100


def _listed(client, result):
    path, _, args = result["links"]["records"].partition("?")
    return client.get(f"{path}.json?{args}").get_json()


def test_payments_to_persons_are_only_those_to_persons(ask_demo, db, client):
    count, _ = _totals(db, "payee_type='个人' and date between '2025-01-01' and '2025-12-31'")
    result = ask_demo("2025年发给个人的钱有多少笔")
    assert result["answer"]["value"] == count, result["understood"]
    assert "个人" in result["understood"]
    assert _listed(client, result)["count"] == count


def test_payments_to_organisations_summed(ask_demo, db, client):
    _, total = _totals(db, "payee_type='单位' and date between '2024-01-01' and '2024-12-31'")
    result = ask_demo("2024年支付给企业的款项总共多少钱")
    assert result["answer"]["value"] == total, result["understood"]
    assert _listed(client, result)["sum"] == total


def test_number_and_sum_asked_together_give_one_row_each(ask_demo, db, client):
    count, total = _totals(db, "payee_type='单位' and date between '2025-01-01' and '2025-12-31'")
    result = ask_demo("去年付给单位的钱共几笔，金额合计是多少")
    rows = {row[0]: row[1] for row in result["answer"]["rows"]}
    assert rows == {"支付笔数": count, "支付金额（元）": total}, result["understood"]
    listed = _listed(client, result)
    assert (listed["count"], listed["sum"]) == (count, total)


def test_a_purpose_asked_for_number_and_sum(ask_demo, db):
    count, total = _totals(db, "purpose='印刷费' and date between '2026-01-01' and '2026-12-31'")
    result = ask_demo("今年印刷费付过多少笔，总额多少")
    rows = {row[0]: row[1] for row in result["answer"]["rows"]}
    assert rows == {"支付笔数": count, "支付金额（元）": total}, result["understood"]


def test_a_number_alone_is_not_read_as_the_sum_too(ask_demo, db):
    count, _ = _totals(db, "payee_type='个人' and date between '2026-01-01' and '2026-12-31'")
    result = ask_demo("今年付给个人的一共多少笔")
    assert result["answer"]["value"] == count and result["answer"]["unit"] == "笔", result["understood"]


def test_every_voucher_of_a_year_summed(ask_demo, db):
    _, total = _totals(db, "date between '2024-01-01' and '2024-12-31'")
    result = ask_demo("2024年全部支付凭证加起来金额多少")
    assert result["answer"]["value"] == total, result["understood"]


def test_a_purpose_with_de_between_its_words(ask_demo, db):
    _, total = _totals(db, "purpose='生态护林员补助' and date between '2025-01-01' and '2025-12-31'")
    result = ask_demo("2025年给生态护林员的补助发了多少")
    assert result["answer"]["value"] == total, result["understood"]


def test_a_class_word_with_a_voucher_word_is_its_purpose(ask_demo, db):
    count, total = _totals(db, "purpose='最低生活保障金' and date between '2025-01-01' and '2025-12-31'")
    result = ask_demo("2025年低保平均每笔多少钱")
    assert result["answer"]["value"] == round(total / count, 2), result["understood"]
    assert "最低生活保障金" in result["understood"]


def test_the_class_spending_stays_the_class_without_voucher_words(ask_demo):
    result = ask_demo("2025年最低生活保障支出多少")
    assert result["query"]["kind"] == "figure" and result["query"]["purpose"] is None, result["understood"]


def test_a_payee_type_share_still_declines(ask_demo):
    assert_declined(ask_demo("今年付给单位的款项占全部付款的比重是多少"))
