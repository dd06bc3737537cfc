"""Address policy (issue #19, README 「住址」): a private address keeps its road name — a public
place — and loses the house number and everything after it (lane, building, stairway, room, floor);
villages with a group and estates go whole. A room number never survives."""
import re

import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("address-policy-key").text(text)


@pytest.mark.parametrize("text, road, numbers", [
    ("家住人民路88号2单元301室的住户反映漏水。", "人民路", ["88", "301"]),
    ("住址：新华路218弄5号302室", "新华路", ["218", "302"]),
    ("现住解放路西8弄6号一楼，", "解放路西", ["8弄", "6号"]),
    ("住城南路102—106号的商户", "城南路", ["102", "106"]),
    ("住址：建设路17号之三", "建设路", ["17"]),
    ("现住址 和平路12 号 3 单元 502", "和平路", ["12", "502"]),
    ("他住在五一大道366号翠湖花园7栋1单元1203室。", "五一大道", ["366", "1203"]),
    ("老屋在胜利街二百一十号 没人住", "胜利街", ["二百一十"]),
    ("迁居长春市朝阳区湖西路45号1单元302，", "湖西路", ["45", "302"]),
    ("请問住在藕花洲大街88號3棟1501的住戶", "藕花洲大街", ["88", "1501"]),
])
def test_the_road_stays_and_every_number_after_it_goes(text, road, numbers):
    out = scrub(text)
    assert road in out, out
    assert f"{road}**号" in out, out
    for number in numbers:
        assert number not in out, (number, out)


@pytest.mark.parametrize("text, gone", [
    ("住石桥村3组12号，", ["石桥村3组12号", "3组"]),  # a group is a handful of households: the village goes with it
    ("枫树村五组14户的老人", ["五组14户"]),
    ("住锦绣小区12栋2单元301室", ["锦绣小区", "301"]),  # an estate is where its residents live: it goes whole
    ("永安里14号的住户", ["永安里14号"]),  # a 里 is a lane neighbourhood, an estate here
    ("住幸福小区12-502", ["502"]),
])
def test_villages_with_a_group_and_estates_go_whole(text, gone):
    out = scrub(text)
    for part in gone:
        assert part not in out, (part, out)


@pytest.mark.parametrize("text", [
    "住人民路88号2单元301室", "住滨江路9弄3号1402室", "家在桃源新村3栋2单元301", "住7幢1801", "住37号2单元401",
    "金桥小区17-1-903", "住光明路12号附3号401室", "住建设北街5号3楼301",
])
def test_a_room_number_never_survives(text):
    out = scrub(text)
    rooms = re.findall(r"\d{3,4}(?=室|$)", text)
    assert rooms and not any(room in out for room in rooms), out


@pytest.mark.parametrize("text", [
    "县粮站（学士街26号）收购点已开放。",  # a public body's address
    "龙泉路12号至18号段人行道改造完成。",  # a stretch of road is public works
    "朝阳路雨污分流管道开挖已完成。",  # a road with no house number
])
def test_public_addresses_and_roads_stay_as_written(text):
    assert scrub(text) == text


def test_a_road_name_is_kept_but_not_what_follows_a_township():
    out = scrub("东浔镇民主街45号住户韦某反映")
    assert out.startswith("东浔镇民主街**号") and "45" not in out


def test_a_table_bar_typed_as_the_han_stroke_ends_an_address_cell():
    out = Deidentifier("address-bar-key").text("柴小芳丨护渠员丨下寨村12组70号丨187-8172-0256")
    assert "护渠员丨" in out and "12组70号" not in out, out
