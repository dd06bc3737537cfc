"""Uyghur and Kazakh names (issue #19): a given name and a father's name joined by a middle dot in any of
its spellings (·, •, a full stop), a father's name of five characters, the given name alone where the text
named the person in full, and a transliterated given name in a slot that stands for a person (a chat
label, a list beside other names, a role word). Dotted public words and officials in role stay."""
import pytest

from anonymize.names import find_names


def _persons(text):
    return [s.value for s in find_names(text) if s.kind == "person_name"]


@pytest.mark.parametrize("text, name", [
    ("申请人 吐尔洪.卡德尔\n联系电话", "吐尔洪.卡德尔"),
    ("领款人：肉孜.吾斯曼，签字。", "肉孜.吾斯曼"),
    ("【镇政府】帕尔曼·阿布力米提，您的补助已到账。", "帕尔曼·阿布力米提"),
])
def test_dotted_names_in_every_spelling(text, name):
    assert name in _persons(text)


def test_the_given_name_alone_after_the_full_name():
    text = "调解记录：当事人买买提江·托合提说羊是他的。经调解，买买提江同意赔偿。"
    found = _persons(text)
    assert "买买提江·托合提" in found and found.count("买买提江") == 1


@pytest.mark.parametrize("text, name", [
    ("【牧业队群】\n阿依沙尼：明天几点转场？\n库尔班江：早上八点\n阿依沙尼：好的", "库尔班江"),
    ("慰问名单：托合提·艾买提、热依拉、阿曼尼萨汗。", "阿曼尼萨汗"),
])
def test_a_transliterated_given_name_in_a_persons_slot(text, name):
    assert name in _persons(text)


@pytest.mark.parametrize("text", [
    "伊犁·那拉提景区今年接待游客。",
    "喀纳斯·禾木景区",
    "便民热线·通话记录",
])
def test_dotted_public_words_stay(text):
    assert _persons(text) == []


@pytest.mark.parametrize("text, name", [
    ("会上副县长托合提·卡德尔说，棚圈要在入冬前完工。", "托合提·卡德尔"),
    ("本案由审判员阿依努尔·吐尔逊独任审理。", "阿依努尔·吐尔逊"),
    ("调解员米娜瓦尔·肉孜主持调解。", "米娜瓦尔·肉孜"),
])
def test_a_title_before_a_dotted_name_is_no_part_of_it(text, name):
    found = [(s.kind, s.value) for s in find_names(text)]
    assert ("official", name) in found, found
