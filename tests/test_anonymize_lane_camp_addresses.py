"""House-level homes in a county of mahalla lanes, herders' camps, settlement blocks and an army farm's
company housing (issue #19): a numbered lane off a street and its house, a seasonal camp's number after the
pasture's team, a block's side and house, a village group and house wherever they stand (also spoken one
character at a time), an English house number after who lives there. The street, team, settlement or company
before them stays (README 住址策略)."""
import pytest

from anonymize import Deidentifier
from anonymize.address import find_addresses


@pytest.mark.parametrize("text, house", [
    ("户籍地 清泉镇玫瑰街5巷23号", "5巷23号"),
    ("铺面在集市街西4巷11号，租金另算。", "西4巷11号"),
    ("他家住白石牧场三队夏窝子15号。", "夏窝子15号"),
    ("分到新居：牧业新村定居点7栋4号", "7栋4号"),
    ("住址：二一八团七连11栋西2号", "11栋西2号"),
    ("OCR件：九连3栋南l号", "3栋南l号"),
    ("我家6组31号的院墙塌了", "6组31号"),
    ("登记：幸福社区2组48号 1,200元", "2组48号"),
    ("我 住 在 五 组 二 十 一 号 那 边", "五 组 二 十 一 号"),
    ("My uncle lives at No. 12 by the river.", "No. 12"),
])
def test_lane_camp_block_and_group_homes(text, house):
    found = [s.value for s in find_addresses(text)]
    assert any(v.endswith(house) for v in found), found


@pytest.mark.parametrize("text, kept, gone", [
    ("户籍地 清泉镇玫瑰街5巷23号", "清泉镇玫瑰街", "23号"),
    ("他家住白石牧场三队夏窝子15号。", "白石牧场三队", "夏窝子15号"),
    ("分到新居：牧业新村定居点7栋4号", "牧业新村定居点", "7栋4号"),
    ("住址：二一八团七连11栋西2号", "二一八团七连", "11栋西2号"),
])
def test_the_street_team_settlement_or_company_stays(text, kept, gone):
    out = Deidentifier("k").text(text)
    assert kept in out and gone not in out, out


@pytest.mark.parametrize("text", [
    "第3组5号选手上台。",
    "请到3组5号床位旁等候。",
    "二号楼东3号门已封闭",
])
def test_no_home_in_a_contest_bed_or_door(text):
    assert find_addresses(text) == []
