"""The scorer's address heads (tests/eval/pii_score.py): a road, village or estate name at the head of a
private address span is public under the address policy (README 「住址策略」), so a finding need not
cover it; the group, natural village, building and numbers after it must be covered."""
from types import SimpleNamespace

import pytest

from eval.pii_score import address_head, covered


@pytest.mark.parametrize("text, head", [
    ("梅林路88号", "梅林路"),  # a road
    ("解放路西段12号", "解放路西段"),
    ("樟树村4组9号", "樟树村"),  # a village before its group
    ("樟树村四组", "樟树村"),  # a group with no house number
    ("樟树村委会二组", "樟树村委会"),
    ("坪上村岩脚屯14号", "坪上村"),  # a natural village after its 村 is the private part
    ("坪上村竹林组3号", "坪上村"),  # a group named by a word
    ("古寨村上寨组6号", "古寨村"),  # not 「古寨」: the village's name runs on to its 村
    ("周家屯2组7号", "周家屯"),  # a 屯 that is the village itself
    ("机修厂工人村B栋2楼206", "机修厂工人村"),  # a works' village's lettered block
    ("河湾村 下 坝 组 六 号", "河湾村 "),  # a group spelt out by speech-to-text
    ("丹桂花园7栋2单元1502室", "丹桂花园"),  # an estate before its building
    ("新城花园3栋", "新城花园"),  # the whole estate name, not 「新城」
    ("移民安置点4栋1单元301", "移民安置点"),
    ("福安新村安置小区二期3区8栋", "福安新村安置小区"),
    ("职工宿舍B栋5楼512", "职工宿舍"),
    ("望月洞 318-2 201호", "望月洞 "),  # a Korean address's 洞 before its lot and flat
    ("남산구 청운동 77-1", "남산구 청운동 "),
])
def test_a_public_head(text, head):
    assert address_head(text) == head


@pytest.mark.parametrize("text", [
    "7幢402",  # no place before the building
    "3组12号",
    "家属区13栋2门503",  # a works' homes district: the works before it is the public place, not 家属区
    "樟树村",  # a village alone: nothing after it, so the span is the residence itself
    "经济开发区3栋502",  # a district before a building is no Korean 동 (only an address with Hangul has one)
    "石门洞12号",
])
def test_no_head(text):
    assert address_head(text) == ""


def _span(text, start=10):
    return {"type": "address", "private": True, "start": start, "end": start + len(text), "text": text}


def _finding(start, end):
    return SimpleNamespace(start=start, end=end)


def test_a_finding_from_the_group_on_covers_a_village_address():
    span = _span("樟树村4组9号")  # characters 10..17; the head 樟树村 is 10..13
    assert covered(span, [_finding(13, 17)])
    assert not covered(span, [_finding(14, 17)])  # 4 of 4组 left
    assert not covered(span, [_finding(13, 16)])  # 号 left


def test_a_natural_village_must_be_covered():
    span = _span("坪上村岩脚屯14号")
    assert not covered(span, [_finding(16, 19)])  # only 14号: 岩脚屯 left showing
    assert covered(span, [_finding(13, 19)])


def test_a_span_with_no_head_must_be_covered_whole():
    span = _span("7幢402")
    assert not covered(span, [_finding(11, 15)])
    assert covered(span, [_finding(10, 15)])
