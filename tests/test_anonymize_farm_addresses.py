"""Homes in a state farm's, an estate's and a village's shapes written by hand, OCR or speech-to-text: a farm
team's row and house, an estate's lettered zone and block, a house number after the household's own words, a
house number with a letter or a blank read in by OCR, an English address. Free text keeps the farm team,
village, estate or market and replaces the house part (README 住址策略); plots and seats are no homes."""
import pytest

from anonymize import Deidentifier
from anonymize.address import find_addresses


def _scrub(text):
    return Deidentifier("k").text(text)


@pytest.mark.parametrize("text, house", [
    ("职工宿舍分配：东风农场五队2排8号，两室", "2排8号"),
    ("申请人住九队10排3号，房屋漏雨", "10排3号"),
    ("停电通知。另，4排7号老李家电表已换好", "4排7号"),
    ("住址：二十队1排12号", "1排12号"),
    ("我家在幸福家园A区5栋2号，楼下A区5栋1号天天吵", "A区5栋1号"),
    ("安置房：移民新村D区7栋l号", "D区7栋l号"),
    ("户籍地址 新安乡坡头村4O号", "4O号"),
    ("住 址：坡头村1 6号", "1 6号"),
    ("对，他家19号门口那堆沙要清走", "19号"),
    ("你放我家42号那间就行", "42号"),
    ("他们家老屋9号还没拆", "9号"),
    ("家住15号吊脚楼旁边，好找", "15号"),
    ("营业执照地址：上坡村18号之二\n电话", "18号之二"),
    ("联系地址：林场老干楼2-305", "老干楼2-305"),
    ("We stayed at Palm Road No. 12, Room 806, in town.", "No. 12, Room 806"),
    ("Our flat: No. 5, Flat 2B, Harbour Lane", "No. 5, Flat 2B"),
    ("her family lives at Group 5, No. 21 in the village.", "Group 5, No. 21"),
])
def test_the_house_part_is_found_and_removed(text, house):
    assert any(house in s.value for s in find_addresses(text))
    assert house not in _scrub(text)


def test_spaced_speech_to_text_row_and_house():
    text = "来电：我 家 房 子 在 六 排 三 号 墙 裂 了"
    assert any("六 排 三 号" in s.value for s in find_addresses(text))
    assert "六 排 三 号" not in _scrub(text)


@pytest.mark.parametrize("text, kept", [
    ("被征收人甲，东风农场五队2排8号，补偿", "东风农场五队**号"),
    ("住址：二十队1排12号", "二十队**号"),
    # an administrative village before its natural village is a place; only the group and house go
    ("住长坡镇石岭村委会下寨村三组11号。", "长坡镇石岭村委会下寨村**号"),
    ("家庭住址：长坡镇石岭村委会石岭村\n7号", "石岭村委会石岭村"),
    # a market town's 墟 before its lane
    ("1，某甲，新和墟二巷15号，6228", "新和墟二巷**号"),
])
def test_the_team_village_or_market_stays(text, kept):
    assert kept in _scrub(text)


@pytest.mark.parametrize("text", [
    "承包树位：五队12号林段 640 株",  # a numbered plot of rubber trees, no home
    "三队4号地块 2.5 亩调整给新户",
    "观众请按票面就座，3排5号座位靠过道",  # a seat
    "代表席：2排6号就座",
    "The hearing of Case No. 12, Room 3 is adjourned.",  # a case and a court room
    "我家14号那天没人在",  # a date
])
def test_plots_seats_and_dates_are_no_homes(text):
    assert _scrub(text) == text
