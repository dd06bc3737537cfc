"""「您是不是想问」: after a period the data does not hold, the nearest period that has data, asked the same way;
never a reading that is the answer's own, nor a class read by meaning into a count that uses none."""
import pytest


@pytest.mark.parametrize("question, offered", [
    ("2026年12月教育支出是多少", "2026年10月"),   # a month not yet published: the last published month
    ("2026年11-12月卫生健康支出", "2026年10月"),
    ("2027年教育支出", "2026年"),                 # a year after the data: the latest year
    ("2019年教育支出", "2021年"),                 # a year before the data: the first year
])
def test_the_offered_period_is_the_nearest_with_data(ask_demo, question, offered):
    declined = ask_demo(question)
    assert declined["decline"] and declined["decline"]["reason"] == "out_of_range", question
    alternative = declined["alternatives"][0]
    assert alternative["understood"].startswith(offered), alternative
    chosen = ask_demo(alternative["question"])
    assert chosen["decline"] is None and chosen["answer"]["kind"] != "decline", alternative


def test_a_count_reads_no_class_from_words_left_over(demo_app):
    """「梅溪县下面有几个镇」 with the embedding match on: 下面 is no class of the count, so nothing is said of it,
    the answer is not doubted and 「您是不是想问」 offers no copy of the same reading."""
    from ledger.db import current_publication
    from nlq.answer import ask
    from nlq.lexicon import Entry

    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        from nlq import answer as answer_module
        original = answer_module.embedding_matcher
        answer_module.embedding_matcher = lambda config, lexicon: (
            lambda words: [(Entry("class", "229", "其他支出"), 0.91), (Entry("class", "201", "一般公共服务支出"), 0.90)])
        try:
            result = ask(conn, current_publication(conn), "梅溪县下面有几个镇", config=demo_app.config)
        finally:
            answer_module.embedding_matcher = original
    assert result["answer"]["kind"] == "figure" and result["confidence"] == 1.0, result["notes"]
    assert not any("按语义理解为" in note for note in result["notes"]) and result["alternatives"] == []


def test_alternatives_never_repeat_the_answers_own_reading():
    from nlq.answer import _other_readings
    same = {"understood": "梅溪县的乡镇个数", "question": "q1"}
    other = {"understood": "梅溪县的街道个数", "question": "q2"}
    assert _other_readings([same, other, dict(other)], "梅溪县的乡镇个数") == [other]
