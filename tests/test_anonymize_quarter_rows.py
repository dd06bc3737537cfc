"""Homes in a works' family quarter, a Korean village's 社, a flat in brackets, a room number OCR misread and a
house abroad (README 住址策略): the house part goes, the quarter, village, estate, city and neighbourhood stay."""
import pytest

from anonymize import Deidentifier
from anonymize.address import find_addresses


def _scrub(text):
    return Deidentifier("k").text(text)


@pytest.mark.parametrize("text, house", [
    ("申请人住青松林场家属区6排3号，常年卧床", "6排3号"),
    ("原告住矿务局家属院2排14号，被告住同处2排9号。", "2排9号"),
    ("来电：七 社 十五 号，路不通", "七 社 十五 号"),
    ("住 址：东 岭 村二 社 九 号", "二 社 九 号"),
    ("物业费纠纷：住户王某（3-1-602）拒交", "3-1-602"),
    ("现住址 振兴路17号2单元4O3室", "振兴路17号2单元4O3室"),
    ("住址 枫林小区 9 号楼 1 单元 2l1", "9 号楼 1 单元 2l1"),
    ("在韩国住址是中和洞 311-8번지 105호。", "311-8번지 105호"),
    ("新地址是부산시 사하구 하단동 492-1 203호，有事打我", "492-1 203호"),
])
def test_the_house_part_is_found(text, house):
    assert house in [s.value for s in find_addresses(text)]


@pytest.mark.parametrize("text", [
    "家属区3排的路灯坏了",
    "会议室第4排2号座位",
    "1排至6排停水",
    "（2026-04-15）已办结",
])
def test_rows_ranges_seats_and_dates_are_no_homes(text):
    assert not find_addresses(text)


@pytest.mark.parametrize("text, kept, gone", [
    ("申请人住青松林场家属区6排3号，常年卧床", "青松林场家属区", "6排3号"),
    ("住 址：东 岭 村二 社 九 号", "东 岭 村", "九 号"),
    ("新地址是부산시 사하구 하단동 492-1 203호，有事打我", "하단동", "203호"),
])
def test_the_quarter_village_and_neighbourhood_stay(text, kept, gone):
    out = _scrub(text)
    assert kept in out and gone not in out, out
