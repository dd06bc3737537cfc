"""Address shapes of the south-west (issue #19): a relocation settlement's or community's block
written as three numbers after its name, and villagers' groups named by a word rather than a number
(「上寨组」, a Yi clan's 「吉伍组」) with or without a house number."""
import pytest

from anonymize.address import find_addresses


@pytest.mark.parametrize("text, house", [
    ("受助人住幸福社区12-3-1102，独居。", "12-3-1102"),
    ("户籍：云岭镇团山村上寨组14号", "14号"),
    ("家住团山村吉伍组6号，房屋开裂。", "6号"),
    ("旧址：吉伍组6号\n", "6号"),
    ("王秀英｜团山村下坝组｜2｜600", "下坝组"),
])
def test_settlement_and_named_group_homes(text, house):
    found = [s.value for s in find_addresses(text)]
    assert any(v.endswith(house) for v in found), found


@pytest.mark.parametrize("text", [
    "团山村村民小组召开会议。",
    "团山村工作组3号通知已下发。",
    "团山村党小组学习。",
    "团山村互助组\n",
])
def test_groups_of_offices_are_no_homes(text):
    assert find_addresses(text) == []
