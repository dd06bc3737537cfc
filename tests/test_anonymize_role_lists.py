"""Officials in a list after their role (kept): every name of 「出席：」「验收人：」「审判员」 lists, names without a
Han surname and names split by one blank included, attendees of a public body's own minutes, a township's assistant
for one field, a county team's staff, a traffic policeman, a utility company's person in brackets, who answers a
chat line that calls them by their office and village cadres answering a township's request to every village.
Private people in such lists and capital-numeral amounts stay as they are (masked, resp. untouched)."""
import pytest

from anonymize.deidentify import detect


def _kinds(text):
    return {s.value: s.kind for s in detect(text)}


@pytest.mark.parametrize("text, person", [
    ("东坡村两委会议记录\n出席：权哲浩（书记）、蔡秀英、卞英植\n议题：道路硬化。", "卞英植"),
    ("验收人：岩罕、柯明", "柯明"),
    ("验收人：贺立强 钱玉山　2024.03.18", "钱玉山"),
    ("审判长 夏明远 审判员 邹兰英 傅建华", "傅建华"),
    ("调处员到场，调解员帕提古丽、买买提明。双方和解。", "买买提明"),
    ("白河水利局局务会纪要 2025年3月2日\n参加：韦东海、邵建华、柯小梅\n一、渠道维修。", "邵建华"),
    ("评议小组：副乡长田德胜、民政助理柴丽华。", "柴丽华"),
    ("复测由县勘测队鲍立新主持。", "鲍立新"),
    ("事故由交警雷振宇主持调解。", "雷振宇"),
    ("青河市供热公司（闵志强）办结率91%。", "闵志强"),
    ("【石门村网格群】\n吕大妈：葛书记，我的申请到哪了\n葛振华：已经报到镇里了", "葛振华"),
    ("【三队群】\n卜二嫂：队长，补贴啥时候发\n阿依江：月底", "阿依江"),
    ("“石岭乡工作群”\n乡长秦立平：请各村周四前报送台账\n上坪村-杭德林：收到\n下坪村-廖春兰：收到", "廖春兰"),
])
def test_officials_in_a_role_list_stay(text, person):
    assert _kinds(text).get(person) == "official", _kinds(text)


@pytest.mark.parametrize("text, person", [
    ("调解会记录\n参加：申请人邬大力、被申请人常小红", "常小红"),
    ("评议小组：副乡长田德胜、民政助理柴丽华、村民代表苗海龙。", "苗海龙"),
    ("【石门村网格群】\n吕大妈：葛书记，我的申请到哪了\n严小梅：我也想问", "严小梅"),
    ("【五队群】\n庞大姐：队长，化肥款退了没\n郝春燕：我家的也还没退", "郝春燕"),
    ("【五队群】\n庞大姐：主任你好，补贴几号发\n郝春燕：是不是月底？", "郝春燕"),
])
def test_private_people_beside_role_lists_stay_private(text, person):
    assert _kinds(text).get(person) == "person_name", _kinds(text)


def test_a_capital_numeral_amount_is_no_name():
    assert not any(s.kind == "person_name" for s in detect("补偿合计（大写：人民币贰拾伍万陆仟元整）。"))
