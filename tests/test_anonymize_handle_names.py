"""Names by the slot they stand in (issue #19): a relative named after 「我老爸叫」 even where the name is also a
word, a chat handle with the real name in brackets (both name the member), Hainan's Li call names on 亚 as
chat labels, and Latin-script names after English kinship cues and closings."""
import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("handle-names-key").text(text)


@pytest.mark.parametrize("text, name", [
    ("我们是东岭村的，我老爸叫高峰，今年八十一了", "高峰"),
    ("我外婆叫欧阳素贞，以前在糖厂上班", "欧阳素贞"),
    ("【石岭村闲聊】\n老钱（钱德胜）：今天赶集吗\n阿芬：去\n", "钱德胜"),
    ("【石岭村闲聊】\n老钱（钱德胜）：今天赶集吗\n阿芬：去\n", "老钱"),
    ("【石岭村闲聊】\n阿芬：今天几点收\n老钱（周五）：两点\n", "周五"),
    ("【收购点】\n亚保：今天什么价\n亚丽：我也想问\n老板：六块五\n", "亚保"),
    ("We came in 2023. My husband Pavel Orlov fell ill last week.", "Pavel Orlov"),
    ("Please call me back.\nThanks,\nMaria Keller", "Maria Keller"),
])
def test_names_by_their_slot_go(text, name):
    assert name not in scrub(text)


@pytest.mark.parametrize("text", [
    "天快亮了，黎明前最冷",
    "马大江代表（苗族）：关于村道维修的建议",        # a delegate's bracket holds an ethnicity
    "调解记录（石岭村）：双方同意",                 # a record's bracket holds a village
    "亚洲象保护区管理局：明天封路",
    "我爸叫张某某，住在河东镇，他的补贴这个月到账了吗",  # 「张某某」 is already a mask, no one's name
])
def test_words_and_labels_stay(text):
    assert scrub(text) == text


@pytest.mark.parametrize("text, rest", [
    ("胶工吴亚六、陈亚五等人已领工资", "等人已领工资"),
    ("听说符阿七搬走了", "搬走了"),
])
def test_a_birth_order_name_on_ya_or_a_goes_whole(text, rest):
    out = scrub(text)
    assert "亚五" not in out and "阿七" not in out and rest in out
