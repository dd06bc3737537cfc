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


# Issue #19, the north-east's forms and notices: staff signing or named for the office in shapes without
# a title word right before the name.
@pytest.mark.parametrize("text, name", [
    ("村委会意见：同意\u3000经办人 雷振东\u30002026年5月2日", "雷振东"),       # a form's signature, a blank, no colon
    ("转办：市供水公司，承办人郝立春，联系电话0467-3308812。", "郝立春"),   # a hotline order's handling unit
    ("县林业局2026年部门决算公开说明\n一、收入1200万元。\n二、联系人：阎学军，电话0467-2201456。", "阎学军"),
    ("仲 裁 员\u3000谭玉兰\n书 记 员\u3000范春生", "谭玉兰"),                 # a letter-spaced title
    ("林场场长：卜长江\u3000会计：单秀云", "卜长江"),
    ("乡教育助理：满金河（注：与申请人无亲属关系）", "满金河"),
    ("镇社保办：佘立民\u30000467-5519023", "佘立民"),                         # a body's signature field
    ("核查人：柴志红、网格员鲍文\u30002026.4.1", "柴志红"),
    ("区住房保障中心受理人 滕玉洁", "滕玉洁"),
])
def test_staff_signing_for_the_office_are_officials(text, name):
    assert kinds(text).get(name) == "official"


@pytest.mark.parametrize("text, name", [
    ("质询市医保局：卢秀芝住院自付比例过高，", "卢秀芝"),       # a sentence about a person after the body
    ("某某家庭农场场长：卜长江", "卜长江"),                    # a family farm's head is private
    ("被调查人：柴志红", "柴志红"),
])
def test_persons_after_such_words_stay_private(text, name):
    assert kinds(text).get(name) == "person_name"


def test_a_notice_s_objection_line_stays():
    from anonymize import Deidentifier
    text = "公示期至5月1日。异议电话：0467-3320718\u3000举报：0467-6210455"
    assert Deidentifier("official-roles-key").text(text) == text
