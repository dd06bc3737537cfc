"""House-level addresses and certificate numbers in the forms the third blind corpus showed leaking
(issue #19), as general rules: a 屯 or 寨 as the village, 道 inside a place name, a stairway (单元,
or 门 as the north-east writes it) with or without a room, a side door before the floor, a house
number in Chinese numerals; province-prefixed card numbers, hospital numbers, utility accounts, and a
certificate number made of a letter and an ID number."""
import pytest

from anonymize import Deidentifier
from anonymize.address import find_addresses
from anonymize.recognizers import find_identifiers, resolve


@pytest.mark.parametrize("text, address", [
    ("救助对象住石门屯2组9号，", "石门屯2组9号"),
    ("她家在三道沟村5组21号", "三道沟村5组21号"),
    ("住东二条路粮库家属楼3门502 楼道没灯", "粮库家属楼3门502"),
    ("住户在水厂八号院2栋西门3楼，", "水厂八号院2栋西门3楼"),
    ("9栋2单元的业主反映", "9栋2单元"),
    ("迁居长春市朝阳区湖西路45号1单元302，", "湖西路45号1单元302"),
    ("老屋在胜利街二百一十号 没人住", "胜利街二百一十号"),
])
def test_house_level_addresses(text, address):
    # the span may start at the road (addresses are generalised from the road down) but holds it all
    assert any(address in s.value and s.value.endswith(address) for s in find_addresses(text))


@pytest.mark.parametrize("text", ["小区东门", "3门课程都及格", "第2单元考试", "白山街道李家村", "门诊楼2024年改造"])
def test_look_alikes_are_not_addresses(text):
    assert find_addresses(text) == []


def test_a_street_office_before_a_village_stays_outside_the_address():
    assert [s.value for s in find_addresses("白山街道李家村3组12号")] == ["李家村3组12号"]


@pytest.mark.parametrize("text, value", [
    ("优待证号JL220102200012345，", "JL220102200012345"),
    ("社保卡号HLJ2301020012345 补贴", "HLJ2301020012345"),
    ("患者住院号ZY20230405012，", "ZY20230405012"),
    ("供暖户号RL-DA-0203011 地址", "RL-DA-0203011"),
    ("电工证号T11010519491231002X）", "T11010519491231002X"),
])
def test_certificate_and_account_numbers(text, value):
    found = [(s.kind, s.value) for s in resolve(find_identifiers(text))]
    assert ("other_id", value) in found


@pytest.mark.parametrize("text", ["户号共计1200户", "住院部2号楼", "门诊量20230405人次"])
def test_look_alikes_are_not_certificates(text):
    assert [s for s in resolve(find_identifiers(text)) if s.kind == "other_id"] == []


def test_every_account_of_a_list_is_masked():
    out = Deidentifier("unit-test-key").text("户号RL-DA-0203011、RL-DA-0203012")
    assert "0203011" not in out and "0203012" not in out


def test_an_address_does_not_reach_back_over_a_road_section():
    spans = [s.value for s in find_addresses("施工到新华路沿街段，因新华路16号2单元301室住户不同意")]
    assert spans == ["新华路16号2单元301室"]


@pytest.mark.parametrize("text, address", [
    ("补助对象住大石村黄泥坡12号，", "大石村黄泥坡12号"),
    ("户籍地：和平村李家屯 7 号", "和平村李家屯 7 号"),
    ("王某某\t2,000元\t青山村马家屯\n", "青山村马家屯"),
    ("新增：李某（青山村马家寨，4人）", "青山村马家寨"),
    ("住城南路102—106号的商户", "城南路102—106号"),
    ("住址：建设路17号之三", "建设路17号之三"),
    ("现住址 和平路12 号 3 单元 502", "和平路12 号 3 单元 502"),
    ("请翠湖花园5栋的业主明晚开会", "翠湖花园5栋"),
    ("合计\t\t800\t石桥村4组\n咨询电话", "石桥村4组"),
])
def test_village_hamlets_ranges_and_estate_buildings(text, address):
    assert any(s.value.endswith(address) for s in find_addresses(text))
    assert address not in Deidentifier("unit-test-key").text(text)


@pytest.mark.parametrize("text", ["青山村马家屯道路硬化工程", "县政府3号楼会议室", "万达广场3栋招商"])
def test_public_works_and_public_buildings_stay(text):
    assert find_addresses(text) == []


def test_an_address_in_a_list_cell_does_not_run_into_the_next_cell():
    spans = [s.value for s in find_addresses("张某\t56.4\t石桥村3组\t13800138000")]
    assert spans == ["石桥村3组"]


@pytest.mark.parametrize("text, value", [
    ("船主\t船号\n李某\t浙岱渔03218\t120", "浙岱渔03218"),
    ("我的船号鲁荣渔养 51066，", "鲁荣渔养 51066"),
    ("王某　苏优待证No.320102000158　3,000元", "苏优待证No.320102000158"),
    ("持有湘林权证字（2011）第430102200311号", "湘林权证字（2011）第430102200311号"),
    ("社保卡 卡号 B12345678 已激活", "B12345678"),
    ("台胞证号：09127734，电话", "09127734"),
])
def test_boat_card_title_and_permit_numbers(text, value):
    found = [(s.kind, s.value) for s in resolve(find_identifiers(text))]
    assert ("other_id", value) in found


@pytest.mark.parametrize("text", ["福建渔业2025年工作要点", "省渔政总队", "浔政发〔2020〕第12号", "许可证No.编号见附件",
                                  "银行卡号6222020200112233445"])
def test_look_alikes_of_boat_and_card_numbers(text):
    assert [s for s in resolve(find_identifiers(text)) if s.kind == "other_id"] == []


def test_a_back_building_and_its_floor_stay_with_the_house_number():
    assert [s.value for s in find_addresses("住址：城东大道88号后栋3楼\n")] == ["城东大道88号后栋3楼"]
