"""Words the asker takes back or says on the way to the year (issue #18, the [asides and preambles] class):
「明年……哦不是，今年」 takes 明年 back (nlq/parser.py self_corrected), 「不是预算，是实际花的」 takes nothing back;
「疫情那年（2020）」 calls 2020 by what happened in it, and the digits say the year (nlq/asides.py
strip_event_year). Each question is answered like its plain twin. Questions in words of our own."""
import pytest
from conftest import ask_at

PAIRS = [
    ("星桥区前年……哦不是，去年的教育支出是多少", "星桥区去年的教育支出是多少"),
    ("市财政局后年……不是，今年的预算有多少", "市财政局今年的预算有多少"),
    ("梅溪县2024年……我是说2023年农林水支出", "梅溪县2023年农林水支出"),
]

YEARBOOK_PAIRS = [
    ("洪水那年（2020）江西农林水支出多少", "2020年江西农林水支出多少"),
    ("奥运那年浙江教育支出是多少（2022年）", "2022年浙江教育支出是多少"),
]


@pytest.mark.parametrize("taken_back, plain", PAIRS)
def test_a_year_taken_back_gives_way_to_the_one_said_after(demo_app, taken_back, plain):
    said, twin = ask_at(demo_app, taken_back), ask_at(demo_app, plain)
    assert twin["answer"]["kind"] != "decline", twin["understood"]
    assert said["answer"]["value"] == twin["answer"]["value"] and said["understood"] == twin["understood"]


@pytest.mark.parametrize("event, plain", YEARBOOK_PAIRS)
def test_a_year_called_by_an_event_is_the_year_said_in_digits(yearbook_app, event, plain):
    said, twin = ask_at(yearbook_app, event), ask_at(yearbook_app, plain)
    assert twin["answer"]["kind"] != "decline", twin["understood"]
    assert said["answer"]["value"] == twin["answer"]["value"] and said["understood"] == twin["understood"]
    assert any("那年" in note for note in said["notes"])


def test_an_event_year_without_digits_is_not_guessed(yearbook_app):
    """「洪水那年」 alone says no year: the question is declined, never answered for a year picked."""
    result = ask_at(yearbook_app, "洪水那年江西农林水支出多少")
    assert result["answer"] is None or result["answer"]["kind"] == "decline", result["understood"]


def test_not_budget_but_spending_takes_nothing_back():
    from nlq.parser import self_corrected

    assert self_corrected("市公安局去年花了多少？不是预算，是实际花的", _NoNames()) == "市公安局去年花了多少？不是预算，是实际花的"


class _NoNames:
    def scan(self, text, skip=()):
        return []
