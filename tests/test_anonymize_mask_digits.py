"""A mask shows only the number's own last digits (at most four), read as the detector reads them:
numbers spoken the radio way (洞 0, 幺 1, 两 2, 拐 7), Chinese numerals and ○ typed for 〇. Where a
position cannot be read for sure, the mask shows no digit rather than a wrong or shifted one."""
import pytest

from anonymize import Deidentifier
from anonymize.masks import mask


@pytest.mark.parametrize("kind, value, expected", [
    ("mobile", "幺八六洞两拐三九洞五拐", "***-****-9057"),  # 18607239057
    ("mobile", "幺 三 九 拐 拐 洞 两 幺 八 洞 六", "***-****-1806"),  # spaced out by speech-to-text
    ("mobile", "一五八 二二六七 ○三四九", "***-****-0349"),  # ○ typed for 〇
    ("mobile", "１５８２２６７０３４９", "***-****-0349"),
    ("landline", "洞九幺幺-六二幺五五三六", "****-***5536"),
    ("bank_card", "6222 0324 6057 5285 509", "**** **** **** 5509"),
])
def test_the_mask_keeps_the_last_four_as_read(kind, value, expected):
    assert mask(kind, value) == expected


@pytest.mark.parametrize("kind, value", [
    ("mobile", "158OO670349"),  # OCR letters where digits were: which digit each was is a guess
    ("mobile", "l5822670349"),
    ("id_number", "61063219580825480l"),
])
def test_an_unread_position_shows_no_digit(kind, value):
    assert not any(c.isdigit() for c in mask(kind, value))


def test_fewer_visible_digits_are_never_more():
    assert mask("mobile", "幺八六洞两拐三九洞五拐", visible=2) == "***-****-**57"
    assert mask("mobile", "幺八六洞两拐三九洞五拐", visible=0) == "***-****-****"


def test_a_spoken_mobile_in_a_form_is_masked_with_its_own_digits():
    deid = Deidentifier("k")
    out = deid.text("联系电话：幺三八洞洞拐两幺九拐洞，有事打这个")
    assert "***-****-1970" in out  # 13800721970 -> its last four
    assert "幺" not in out and "拐" not in out
