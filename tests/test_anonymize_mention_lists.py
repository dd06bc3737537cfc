"""Names that are ordinary words, where the structure makes them a member (issue #19): a chat's mention
「@X」 (and X again as a speaker label), and an item with a surname in an enumeration most of whose items are
names already found. Roles, bodies and the whole group after @ stay; a list of words stays."""
import pytest

from anonymize.names import find_names


def names(text):
    return [s.value for s in find_names(text) if s.kind == "person_name"]


@pytest.mark.parametrize("text, name", [
    ("秦晓梅：下周发米面油\n罗志坚：@高原 你家的表还没交\n高原：明天送", "高原"),
    ("【三组群】\n周德胜：水管修好没\n邓丽芳：@石林 看一下", "石林"),
])
def test_a_mention_names_a_member(text, name):
    assert names(text).count(name) == text.count(name)


@pytest.mark.parametrize("text", [
    "@所有人 明天上午开会",
    "@物业 电梯又停了",
    "网格员：@孙书记 材料交了",
])
def test_a_mention_of_a_role_or_the_group_is_no_name(text):
    assert names(text) == []


def test_a_word_in_a_list_of_names_is_a_name():
    text = "评议结果公示\n韦德明、高原、陆秀珍、覃国富、乔木、蒙丽华\n公示期7天"
    found = names(text)
    assert "高原" in found and "乔木" in found


def test_a_list_of_words_stays():
    assert names("主要产品：高粱、玉米、大豆、江米") == []
