"""「您是不是想问」 after a period the data does not hold: the nearest period that has data, asked the same way."""
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
