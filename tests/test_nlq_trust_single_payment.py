"""One payment asked (「最大的一笔」「单笔最高」) is declined: the year's total spending or a purpose's sum was answered
for it. A number of payments (几笔) is still counted."""
import pytest
from conftest import declined_message


@pytest.mark.parametrize("question", ["2024年国库支付里金额最高的一笔有多少", "去年单笔最大的付款是多少钱",
                                      "今年临时救助最小的一笔发了多少"])
def test_one_payment_is_declined(ask_demo, question):
    assert "一笔" in declined_message(ask_demo(question))


def test_payments_counted_are_still_answered(ask_demo, db):
    (count,) = db.execute("SELECT COUNT(*) FROM payments WHERE purpose = '高龄津贴' AND date BETWEEN '2025-01-01' "
                          "AND '2025-12-31' AND publication_id = (SELECT max(id) FROM publications WHERE status = "
                          "'published')").fetchone()
    result = ask_demo("2025年高龄津贴发了几笔")
    assert (result["answer"]["value"], result["answer"]["unit"]) == (count, "笔"), result["understood"]
