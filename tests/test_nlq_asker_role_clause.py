"""「作为人大代表，…」「我是政协委员，…」: a clause saying who the asker is names no subject, even when a word
of the role is a class's (人大 → 人大事务): read as the class it emptied a ranking (nlq/asides.py _asker_role;
nlq_blind21 [asides and preambles]). Questions of our own."""
import pytest


@pytest.mark.parametrize("q", ["身为人大代表想问一下，今年执行率最低的三个区县", "我是人大代表，今年哪个区县支出最多"])
def test_the_role_is_no_class(ask_demo, q):
    result = ask_demo(q)
    assert "人大" not in result["understood"] and result["answer"]["rows"], result["understood"]


def test_a_class_asked_for_itself_stays(ask_demo):
    assert "人大事务" in ask_demo("作为市民，想问今年全市人大事务支出多少")["understood"]
