"""House-level addresses in more shapes (issue #19): a room written with 房, a natural village
(屯/坡/寨) after its 村 where the text says someone lives or in a list cell, a line break inside the
address, a room in Chinese numerals, a Hong Kong estate's block and flat. Public places stay."""
import pytest

from anonymize import Deidentifier
from anonymize.address import find_addresses


def scrub(text):
    return Deidentifier("address-shapes-key").text(text)


def addresses(text):
    return [s.value for s in find_addresses(text)]


@pytest.mark.parametrize("text, gone", [
    ("她住滨海大道208号3楼302房，", "302"),
    ("户籍地址：平安镇大榕村\n三组17号\n联系电话", "17号"),
    ("现住：翠湖花园\n8栋1单元1506\n", "1506"),
    ("我屋企喺海景小区七栋三单元五零一", "五零一"),
    ("地址：九龙观塘翠屏邨翠楠楼1406室", "1406"),
])
def test_house_and_room_parts_go(text, gone):
    assert gone not in scrub(text)


@pytest.mark.parametrize("text, hamlet", [
    ("被告人李某，住凌云镇石塘村岭背屯。", "石塘村岭背屯"),
    ("我是龙潭乡古榕村坡头屯的，", "古榕村坡头屯"),
    ("3丨韦某丨平塘村那禄屯丨2400", "平塘村那禄屯"),
    ("4 / 罗某 / 东岸村塘尾屯 / 980", "东岸村塘尾屯"),
])
def test_a_natural_village_where_someone_lives_goes(text, hamlet):
    assert hamlet in addresses(text)
    assert hamlet not in scrub(text)


@pytest.mark.parametrize("text", [
    "石塘村岭背屯道路硬化工程已完工",        # a works project's place
    "岭背屯至石塘村的道路",
    "住在城东农场的职工宿舍区",
])
def test_public_places_stay(text):
    assert scrub(text) == text


def test_a_farm_before_the_village_stays():
    out = scrub("住红星农场东岭村大坡屯，反映漏水")
    assert "红星农场" in out and "大坡屯" not in out
