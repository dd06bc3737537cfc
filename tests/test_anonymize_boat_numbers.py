"""Numbers a boat-household corpus (pii_blind11) showed leaking (issue #19), as general rules with
examples of our own: inland vessels' registrations (cargo, passenger, tug…), also read out one
character at a time; a named card whose number opens with the province's and city's short names; a
passport number after 「(No.」; a WeChat account a few words after its cue; and a card in a pasted row
right after the previous row's 「¥」 amount."""
import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("boat-numbers-key").text(text)


@pytest.mark.parametrize("text, secret", [
    ("船民登记：船号苏宿货3318，船主在岸上租房。", "苏宿货3318"),
    ("他家的客船皖蚌客0207已经报废拆解。", "0207"),
    ("语音转写：我 的 船 是 苏 宿 货 三 三 幺 八 号", "三 三 幺 八"),
    ("优待证号：苏宿0921B00415，请核对。", "0921B00415"),
    ("Please bring your passport (No. KX5520193) to the office.", "KX5520193"),
    ("钱收到了，微信加我就好 lanfang_88", "lanfang_88"),
])
def test_boat_household_numbers_are_masked(text, secret):
    assert secret not in scrub(text)


@pytest.mark.parametrize("text", [
    "今年货运量比2019年增长一成。",
    "湘江货运2019年开通了新航线。",
])
def test_freight_words_and_years_stay(text):
    assert scrub(text) == text


def test_a_card_in_the_row_after_an_amount_is_a_card():
    text = ("某某公司 工资发放明细\n"
            "甲某；6217526018159083014；¥8,660\n"
            "乙某；6217661318609139092；¥3,880\n")
    out = scrub(text)
    assert "6217661318609139092" not in out and "6217526018159083014" not in out
