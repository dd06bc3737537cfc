"""Homes in the countryside's and the loess hills' shapes: a cave or a courtyard after a village's group, a
spot inside the village before the number (后畔, 东硷畔, 坡上, 西头), villages named by their landform with no
村 (X家沟, X家塬), a group and a house alone in a list's cell, a street named a slope. Free text keeps the
village (or the street) and replaces the house part with 「**号」 (README 住址策略)."""
import pytest

from anonymize import Deidentifier
from anonymize.address import find_addresses


def _scrub(text):
    return Deidentifier("k").text(text)


@pytest.mark.parametrize("text, house", [
    ("申请人住李家塬村三组前畔第2孔窑，家中四口人", "三组前畔第2孔窑"),
    ("户主现住杨树沟村五队8号窑院。", "五队8号窑院"),
    ("地址：石门村二队西硷畔11号", "二队西硷畔11号"),
    ("老人住在枣树坪村四组坡底第3院，", "四组坡底第3院"),
    ("南庄村一社6号院住着两位老人", "一社6号院"),
    ("住址：北梁村东头23号", "东头23号"),
    ("地址：白家峁七组2排14号", "七组2排14号"),
])
def test_a_home_after_a_village_is_its_house_part(text, house):
    assert house in [s.value for s in find_addresses(text) if s.value.endswith(house) or house in s.value][0]
    out = _scrub(text)
    assert house not in out and "**号" in out


@pytest.mark.parametrize("text, village", [
    ("困难户｜刘家沟二组东硷畔9号｜1200", "刘家沟"),  # a village named by its landform, no 村
    ("救助对象：张某，高家塬三队后畔第1孔窑", "高家塬"),
    ("住址：城关镇南门坡18号", "南门坡"),  # an old town's street named a slope
])
def test_the_village_or_street_stays(text, village):
    out = _scrub(text)
    assert village + "**号" in out


@pytest.mark.parametrize("text, house", [
    ("王某，85岁，三组7号，300元；", "三组7号"),  # a group and a house alone in a list
    ("她的户口还在村里（六队12号）", "六队12号"),
    ("我家在5号院，院里还住着两家", "5号院"),
    ("补偿表\n张某　14-1号　2人　1,500\n李某　16号（门面）　停业　800", "16号（门面）"),
    ("来电人家住城关镇西关教师楼3单元2楼西户", "教师楼3单元2楼西户"),
    ("住北门坡9号院东窑", "9号院东窑"),
])
def test_a_house_with_no_village_before_it(text, house):
    assert house not in _scrub(text)


@pytest.mark.parametrize("text", [
    "全村各组户数：1组42户、2组37户、3组51户",  # how many households a group has
    "土窑2孔，石窑1孔，果园0.8亩",  # a count of caves
    "第一组3号选手上场",  # a competition's group
    "医保问题可咨询400-6612-365或12345",  # a hotline is no block and room
    "王家沟三组道路硬化已完工",  # a landform village's group with no house
])
def test_what_is_no_home(text):
    assert _scrub(text) == text
