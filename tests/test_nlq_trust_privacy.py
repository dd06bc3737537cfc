"""What one person received — a person named, or a relative of the asker's — is declined (privacy): payments to
people are published without names, and the total paid to everyone was answered for one person."""
import pytest
from conftest import declined_message


@pytest.mark.parametrize("question", ["帮忙看看我外婆李桂芳今年的高龄津贴到账没有", "刘志强去年拿到多少最低生活保障金",
                                      "我爸今年领了几次临时救助", "邻居张秀兰的低保一个月发多少"])
def test_one_person_receipts_are_declined(ask_demo, question):
    result = ask_demo(question)
    assert result["decline"]["reason"] == "privacy" and declined_message(result)


def test_the_total_for_a_purpose_is_still_answered(ask_demo, db):
    (fen,) = db.execute("SELECT SUM(amount_fen) FROM payments WHERE purpose = '高龄津贴' AND date BETWEEN '2025-01-01' "
                        "AND '2025-12-31' AND publication_id = (SELECT max(id) FROM publications WHERE status = 'published')"
                        ).fetchone()
    result = ask_demo("去年高龄津贴一共发了多少钱")
    assert result["answer"]["value"] == round(fen / 100, 2), result["understood"]
