"""One payment asked (「最大的一笔」「单笔最高」) is that payment (nlq/kinds/single_payment.py): the year's total
spending or a purpose's sum was once answered for it, then it was declined. A number of payments (几笔) is
still counted."""
import pytest

LATEST = "(SELECT max(id) FROM publications WHERE status = 'published')"


@pytest.mark.parametrize("question, where, pick", [
    ("2024年国库支付里金额最高的一笔有多少", "date BETWEEN '2024-01-01' AND '2024-12-31'", "max"),
    ("去年单笔最大的付款是多少钱", "date BETWEEN '2025-01-01' AND '2025-12-31'", "max"),
    ("今年临时救助最小的一笔发了多少", "purpose = '临时救助' AND date BETWEEN '2026-01-01' AND '2026-12-31'", "min")])
def test_one_payment_is_that_payment(ask_demo, db, question, where, pick):
    (fen,) = db.execute(f"SELECT {pick}(amount_fen) FROM payments WHERE publication_id = {LATEST} AND {where}").fetchone()
    result = ask_demo(question)
    assert result["query"]["kind"] == "single_payment", result["understood"]
    assert (result["answer"]["value"], result["answer"]["payments"]) == (fen / 100, 1)


def test_payments_counted_are_still_answered(ask_demo, db):
    (count,) = db.execute("SELECT COUNT(*) FROM payments WHERE purpose = '高龄津贴' AND date BETWEEN '2025-01-01' "
                          f"AND '2025-12-31' AND publication_id = {LATEST}").fetchone()
    result = ask_demo("2025年高龄津贴发了几笔")
    assert (result["answer"]["value"], result["answer"]["unit"]) == (count, "笔"), result["understood"]
