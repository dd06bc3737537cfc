"""Names in how people address and label one another (issue #19, pii_blind11's classes as general
rules, examples of our own): a call name before a kinship or role word (「X阿姨」「X妈妈：」 in a parents'
chat), a chat handle with the full name in brackets, given names alone labelling a chat's lines, a
message's salutation, a letter's signature before 「敬上」, the answer to 「您叫什么？」, a form's spaced-out
label, names after English cues, and a lane's 楼组长 as a private person."""
import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("address-forms-key").text(text)


@pytest.mark.parametrize("text, name", [
    ("【三楼邻居群】\n秀娟阿姨：今晚停水伐？\n阿明：听讲要停到十点\n秀娟阿姨：晓得了", "秀娟"),
    ("【二（3）班家长群】\n明远妈妈：周五几点放学？\n班主任：三点半\n明远妈妈：好的", "明远"),
    ("【二（3）班家长群】\n周一爸爸（周建军）：钱收齐了\n班主任：辛苦", "周一"),
    ("【老街坊】\n福根（沈福根）：我明朝去医院\n阿明：当心点\n福根（沈福根）：晓得", "福根"),
    ("【老街坊】\n桂珍：菜场搬到哪里了\n阿明：搬到河对面\n桂珍：谢谢侬", "桂珍"),
    ("昨天碰到阿明，他讲：谢谢秀娟阿姨帮忙搬家。", "秀娟"),
])
def test_call_names_where_people_address_one_another(text, name):
    assert name not in scrub(text)


@pytest.mark.parametrize("text", [
    "【二（3）班家长群】\n宝宝妈妈：作业在哪里看？\n班主任：群公告里",
    "【老街坊】\n阿拉姆妈：今朝落雨，覅出门",
    "各位家长：请于周五前交回回执。",
])
def test_generic_callers_stay(text):
    assert scrub(text) == text


@pytest.mark.parametrize("text, name", [
    ("【区住房保障中心】周全先生，您的申请已受理，请于周三前补交材料。", "周全"),
    ("【街道办】陶春生您好：您的补贴已发放。", "陶春生"),
    ("来信已收到，谢谢。\n江南 敬上", "江南"),
    ("坐席：请问您叫什么名字？\n来电：高山。\n坐席：高山？\n来电：对。", "高山"),
    ("困难家庭登记表\n姓 名：白雪    性别：女\n", "白雪"),
])
def test_names_in_a_salutation_signature_answer_or_form(text, name):
    assert name not in scrub(text)


def test_a_surname_and_title_in_a_salutation_is_no_name():
    assert "王先生" in scrub("【物业】王先生，您好，您家快递已到。")


@pytest.mark.parametrize("text, name", [
    ("Hello, I am Lars Nyström, a tenant at the old lane.", "Nyström"),
    ("The owner Mr. Huang Dequan did not reply.", "Huang Dequan"),
    ("Thanks for the help.\nBest, Ingrid", "Ingrid"),
])
def test_latin_names_after_english_cues(text, name):
    assert name not in scrub(text)


def test_a_building_group_head_is_a_private_person():
    assert "姜美华" not in scrub("每天由楼组长姜美华上门查看独居老人。")


@pytest.mark.parametrize("text, name", [
    ("施工单位：某某建设有限公司，项目经理万全福\n验收结论：合格", "万全福"),
    ("原告李婷诉被告李建国房屋买卖合同纠纷一案", "李婷"),
    ("我阿弟赵小根上个月搬走了", "赵小根"),
])
def test_names_after_role_and_kin_words(text, name):
    assert name not in scrub(text)


def test_the_copula_xi_before_a_relation_is_no_surname():
    text = "复核人：某某（与申请人系远亲，已回避）"
    assert "远亲" in scrub(text)
