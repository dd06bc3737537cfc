"""House-level addresses in the shapes of the north-east's work units (issue #19): a forest farm's
work area and house, a state farm's management area, company, row and house, a shanty town's
numbered part, a mine's workers' district, natural villages named for a gully or a meadow, a second
door at one street number. The work unit, the farm and the district are public places and stay."""
import pytest

from anonymize import Deidentifier
from anonymize.address import find_addresses


def scrub(text):
    return Deidentifier("northern-address-key").text(text)


def addresses(text):
    return [s.value for s in find_addresses(text)]


@pytest.mark.parametrize("text, address", [
    ("护林员某甲，住松涛林场三工区12号，", "三工区12号"),
    ("某乙\u3000白桦林场四工区\u3000管护面积2100亩", "四工区"),
    ("申请人住前进农场第二管理区5连4排9号。", "第二管理区5连4排9号"),
    ("家庭住址 前进农场第七管理区14连3\n排8号\n", "第七管理区14连3\n排8号"),
    ("序号\t户主\t连队\n1\t某丙\t第一管理区6连\t", "第一管理区6连"),
    ("房屋坐落：北沟棚户区三片区27栋5号，", "三片区27栋5号"),
    ("地址：兴隆煤矿家属区8栋3门201", "家属区8栋3门201"),
    ("被告某丁，住长青乡富民村西沟，联系电话", "富民村西沟"),
    ("我家太和镇新立村大甸子，补贴还没到", "新立村大甸子"),
    ("1  某戊  向阳村7组  800元", "向阳村7组"),
    ("住光华路66号附3号平房，", "光华路66号附3号平房"),
    ("户籍在红旗街15号2号门市。", "红旗街15号2号门市"),
    ("（住建国大街88号之2号），已纳入", "建国大街88号之2号"),
    ("我家住和平路12号楼2门，楼下", "和平路12号楼2门"),
    ("我家矿建新村7号楼3单元302室，", "矿建新村7号楼3单元302室"),
])
def test_the_house_part_is_an_address(text, address):
    assert address in addresses(text)


@pytest.mark.parametrize("text, public", [
    ("地址：兴隆煤矿家属区8栋3门201", "兴隆煤矿"),
    ("房屋坐落：北沟棚户区三片区27栋5号，", "北沟棚户区"),
    ("申请人住前进农场第二管理区5连4排9号。", "前进农场"),
    ("护林员某甲，住松涛林场三工区12号，", "松涛林场"),
])
def test_the_work_unit_stays(text, public):
    assert public in scrub(text)


@pytest.mark.parametrize("text", [
    "北沟棚户区（三片区）房屋征收补偿方案公示",   # a district, no house
    "富民村西沟治理工程已完工",                   # a gully's works, nobody's home
])
def test_public_places_stay(text):
    assert addresses(text) == [] and scrub(text) == text


def test_a_building_named_without_a_home_in_it_is_no_building_address():
    assert all("51号楼" not in a for a in addresses("骑楼老街51号楼下新开了一家面馆"))


@pytest.mark.parametrize("text, address", [
    ("家庭住址 红光煤矿家属区2\n7栋1门301\n联系电话", "家属区2\n7栋1门301"),
    ("家庭住址 铁路家属楼1\n6-2-402\n联系电话", "铁路家属楼1\n6-2-402"),
])
def test_a_building_number_broken_by_a_narrow_field(text, address):
    assert address in addresses(text)
