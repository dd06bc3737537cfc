"""Romanised names of three words and names in capitals after a mail's sender field, an English
name's gloss, a self-introduction in English or a letter's closing, and wherever the text repeats
them (issue #19)."""
import pytest

from anonymize import Deidentifier

LETTER = ("发件人：Wong Siu Ming <wsm1988@qq.com>\n您好！我叫黄小明（英文名Wong Siu Ming），澳门居民。\n"
          "请问补贴几时到账？\nKind regards,\nWong Siu Ming")


def scrub(text):
    return Deidentifier("latin-names-key").text(text)


def test_a_three_word_name_and_its_repeats_go():
    assert "Wong Siu Ming" not in scrub(LETTER)
    assert "Siu" not in scrub(LETTER)


@pytest.mark.parametrize("text, name", [
    ("姓名（英文）：LAU CHI WAI\n证件号码", "LAU CHI WAI"),
    ("Hello, my name is Lim Boon Huat, from Penang.", "Lim Boon Huat"),
])
def test_capitals_and_english_introductions(text, name):
    assert name not in scrub(text)


@pytest.mark.parametrize("text", [
    "项目采用 PPP 模式，LED 路灯 120 盏",
    "The Water Resources Bureau replied on Monday.",
])
def test_acronyms_and_english_prose_stay(text):
    assert scrub(text) == text
