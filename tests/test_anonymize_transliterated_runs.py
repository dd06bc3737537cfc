"""Uyghur and Kazakh given names standing alone, with no cue or dot (issue #19): four to six transliteration
characters that are no dictionary word, anywhere a person can stand (a chat line, a ledger, a quote). The
transliteration set takes the characters the dictionary's transliterated names complete a name with. Places and
bodies with such a head (「X县」「X镇」) and phrases ending in a common word stay."""
import pytest

from anonymize.names import _TRANSLITERATION, find_names


def names(text):
    return [s.value for s in find_names(text) if s.kind == "person_name"]


@pytest.mark.parametrize("text, name", [
    ("吐尔逊江：明天几点集合？", "吐尔逊江"),
    ("记账：12/5 艾合买提 马2匹 现金", "艾合买提"),
    ("邻居说帕丽达古丽昨天去了城里。", "帕丽达古丽"),
    ("请吾布力卡斯木家长下午来一趟", "吾布力卡斯木"),
])
def test_a_transliterated_given_name_alone(text, name):
    assert name in names(text)


@pytest.mark.parametrize("text", [
    "托克扎克县财政局下达资金，托克扎克今年增收。",
    "卡拉苏里镇的班车恢复了",
    "第12林班林地已承包",
])
def test_a_place_or_a_phrase_stays(text):
    assert names(text) == []


def test_the_set_holds_the_characters_the_dictionary_completes_names_with():
    assert {"里", "特"} <= _TRANSLITERATION
