"""Homes in old lane houses and water villages (issue #19): a room named by where it lies in a lane house
after the house number, a lane quarter's numbered side lane, a creek or embankment inside a village, a berth
of a boat household. The quarter, road or village before them is a public place and stays."""
import pytest

from anonymize import Deidentifier
from anonymize.address import find_addresses


@pytest.mark.parametrize("text, home", [
    ("申请人住长乐坊6支弄15号灶披间，无业。", "6支弄15号灶披间"),
    ("租户：孙德林，延寿里2支弄3号后厢房。", "2支弄3号后厢房"),
    ("旧居在云溪路77弄4号三层阁。", "77弄4号三层阁"),
    ("借住于东门大街12号2楼前间。", "12号2楼前间"),
    ("移交清单：\n5号亭子间 原租户 已交钥匙", "5号亭子间"),
    ("户主 徐三宝（七组西浜14号）", "七组西浜14号"),
    ("住在陈家桥村南埭3号，", "南埭3号"),
    ("渔船常年停在北关码头11号泊位。", "11号泊位"),
    ("老人住23号，独居。", "23号"),
])
def test_lane_and_water_village_homes(text, home):
    found = [s.value for s in find_addresses(text)]
    assert any(v.endswith(home) for v in found), found


def test_the_lane_quarter_and_the_village_stay():
    deid = Deidentifier("k")
    out = deid.text("住长乐坊6支弄15号灶披间；娘家在陈家桥村南埭3号。")
    assert "长乐坊" in out and "陈家桥村" in out
    assert "灶披间" not in out and "15号" not in out and "3号" not in out


def test_at_home_in_wu_is_no_part_of_the_village():
    out = Deidentifier("k").text("她讲伊屋里陈家桥村东埭8号漏雨。")
    assert "陈家桥村" in out and "8号" not in out


@pytest.mark.parametrize("text", [
    "3号楼梯间堆放杂物，请清理。",
    "第一单元复习题共12页。",
    "码头新增泊位40个。",
])
def test_no_home_here(text):
    assert find_addresses(text) == []
