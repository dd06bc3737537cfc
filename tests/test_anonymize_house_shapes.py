"""House-level address shapes (issue #19, pii_blind9's classes, in our own wording): named villagers'
groups written with blanks, line breaks or Chinese numerals; an estate's phase, area, building, stairway
and room chains; 之/后进 suffixes; a street number in a town; beds, prefab rows, speech-to-text spacing,
English blocks and rooms; numbers glued on after a house or room number in a pasted row."""
import pytest

from anonymize import Deidentifier
from anonymize.address import find_addresses

ID = "11010519491231002X"  # a valid resident ID (check digit X)


def _found(text):
    return [s.value for s in find_addresses(text)]


@pytest.mark.parametrize("text, house", [
    # named groups after the village: a blank, a line break, Chinese numerals, no village but after 住
    ("户主住枫岭村 塘背组 九号，务农。", "塘背组 九号"),
    ("家庭住址：白沙乡枫岭村塘背组\n23号\n电话", "塘背组\n23号"),
    ("据反映，他住老寨后坑组8号，已搬走。", "后坑组8号"),
    # an estate's phase, area, building, stairway and room, with or without the estate's name
    ("安置房：滨湖家园三期2区7栋1单元903", "三期2区7栋1单元903"),
    ("分房结果：李四 → 一期4区11栋2单元1602\n", "一期4区11栋2单元1602"),
    ("回迁地址：滨湖家园二期1区9-2-701\n", "二期1区9-2-701"),
    ("现住工业园职工村D栋4楼418，", "D栋4楼418"),
    ("住七里路19号院2号楼3单元5楼西户\n", "19号院2号楼3单元5楼西户"),
    # a second home at one number, a back section, a street in a town, a lane's mouth
    ("门牌写的是“9号之二”，违章加建。", "9号之二"),
    ("住址：仓前坊7号后进，独居。", "7号后进"),
    ("住南江县城关镇菜市街31号，经营副食。", "31号"),
    ("摊位在东三巷口5号。", "5号"),
    ("住高新区科技大道120号青年公寓3-812。", "120号青年公寓3-812"),
    ("寄到滨江路66号金城大厦2107，收件人", "66号金城大厦2107"),
    # a bed in a ward, a row of prefab huts
    ("现住县中医院外三科9床，伤情稳定。", "外三科9床"),
    ("县人民医院骨科2病区14床 住院号", "2病区14床"),
    ("暂住项目部活动板房2排7号\n", "2排7号"),
    # speech-to-text spacing, traditional characters, English
    ("来电人住 C 栋 三 楼 三 零 五 。", "C 栋 三 楼 三 零 五"),
    ("住在 锦江苑 八 幢 二 单元 四 零 一 的 住户", "八 幢 二 单元 四 零 一"),
    ("地址：楓嶺村塘背組12號", "塘背組12號"),
    ("Address: Hengfeng Estate Block 7, Room 512, Xikou", "Block 7, Room 512"),
    ("Tenants in flats 3-1201 and 3-1202 receive the subsidy.", "3-1201 and 3-1202"),
    # a block in a list cell
    ("王大山 | 5-2-601 | 800\n", "5-2-601"),
])
def test_house_shapes(text, house):
    found = _found(text)
    assert any(v.endswith(house) for v in found), found


@pytest.mark.parametrize("text", [
    "本院（2024）浙0781执233号之一裁定如下。",  # a court's document number
    "医院新增床位200张，骨科扩至60床。",  # beds counted, no patient's bed
    "会议室在3排12号座位区。",
    "日期｜2025-3-18｜金额",  # a date in a list cell
    "镇工作组3号通知已下发。",
])
def test_no_home_there(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, number", [
    # a resident ID or a mobile glued on after the house number: the number is its own finding, the house stays
    (f"张木生枫岭村3组5号{ID}\n", ID),
    ("李桂英枫岭村塘背组14号13912345678\n", "13912345678"),
])
def test_glued_number_is_cut_off(text, number):
    found = _found(text)
    assert found and not any(number[:6] in v for v in found), found
    kinds = {(f.kind, text[f.start:f.end]) for f in Deidentifier("k").findings(text)}
    assert any(value.startswith(number[:11]) for _, value in kinds), kinds
    assert any(kind == "address" for kind, _ in kinds), kinds


def test_amount_after_a_room_is_not_the_address():
    found = _found("陈小红|滨湖家园6栋2单元302室2450.00\n")
    assert found and found[0].endswith("302室"), found


def test_known_name_glued_before_a_village_leaves_the_address_whole():
    text = f"（粘贴时丢了分隔符）\n吴春花枫岭村塘背组6号{ID}\n"
    deid = Deidentifier("k", known_person_names=["吴春花"])
    kinds = {f.kind: text[f.start:f.end] for f in deid.findings(text)}
    assert kinds.get("address", "").endswith("塘背组6号"), kinds
    assert "吴春花" not in deid.text(text)


def test_a_shops_premises_is_no_public_body():
    text = "经营场所：城西区下洋村南三巷4号一楼\n营业执照"
    assert any(f.kind == "address" for f in Deidentifier("k").findings(text))
