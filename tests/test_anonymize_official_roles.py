"""Public staff in their role stay (issue #19): a community's grid worker, a registrar, a
law-enforcement squad's head, and the members a public body's work group
lists under its label; Cantonese 我哋/话 do not glue onto an official's name."""
import pytest

from anonymize.names import find_names


def kinds(text):
    return {s.value: s.kind for s in find_names(text)}


@pytest.mark.parametrize("text, name", [
    ("网格员韦秋菊：请大家今晚前核对名单", "韦秋菊"),
    ("登记员：蒙志刚", "蒙志刚"),
    ("由城管执法中队中队长黄德荣跟进处理。", "黄德荣"),
    ("核查组：梁文博（组长）、农海清", "农海清"),
    ("慰问组：庞明辉、陆秀英 2026年1月", "陆秀英"),
    ("市残疾人联合会理事长覃守业出席。", "覃守业"),
    ("村股份经济合作社理事长：韦德明", "韦德明"),  # a village's collective
])
def test_staff_in_role_are_officials(text, name):
    assert kinds(text).get(name) == "official"


def test_an_official_s_name_is_not_glued_to_a_cantonese_verb():
    found = kinds("我老公中风，村主任岑志明话我哋唔够条件")
    assert found.get("岑志明") == "official"
    assert not any("话" in value for value in found)


@pytest.mark.parametrize("text, name", [
    ("村民韦秋菊反映低保问题", "韦秋菊"),        # a villager is private
    ("检测员禤志坚出具报告", "禤志坚"),            # a rare southern surname, a company's tester
    ("种植专业合作社（理事长黎国富），流转耕地", "黎国富"),  # a cooperative's chairman is private
    ("检测员禤志坚出具报告", "禤志坚"),            # the whole name, not 禤志 and a readable 坚
])
def test_private_persons_stay_private(text, name):
    assert kinds(text).get(name) == "person_name"


@pytest.mark.parametrize("text", [
    "被告：韦某，住贵州省黔东南州三穗苗族侗族自治县城关镇",   # a county named before its peoples
    "补偿款转入账户（中国农业银行黄平分行）。",                  # a bank's branch after the county's name
])
def test_place_and_branch_heads_are_no_names(text):
    assert all(s.kind != "person_name" or s.value == "韦某" for s in find_names(text))


def test_every_item_of_a_brand_list_is_a_brand():
    found = find_names("商铺招租，黄大发、钟美丽等品牌已入驻")
    assert [s for s in found if s.kind == "person_name"] == []
    people = [s.value for s in find_names("村民黄大发、钟美丽等户反映") if s.kind == "person_name"]
    assert people == ["黄大发", "钟美丽"]
