"""Officials in role kept by how offices write (issue #19, session 16): who runs a group chat's hand-out or check
(its notice, a proxy collection granted, a reply on where a matter stands), a contact given with an area-coded office
line, an office's answer line closing with its handler, who checked a matter for the office, an English letter to a
public office, a body with its person in brackets; and an office line with its office in brackets after it — while
the members of the chat and private people beside them stay private."""
import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("chat-staff-key").text(text)


@pytest.mark.parametrize("text, official", [
    ("【石岭村村民群】\n卢德华：后天上午发放大米，带户口本\n彭秀云：收到\n卢德华：九点开始\n", "卢德华"),
    ("【石岭村村民群】\n卢德华：通知：周五下午查水表\n彭秀云：好\n", "卢德华"),
    ("【石岭村村民群】\n彭秀云：我在医院，让我侄女帮我领行吗\n卢德华：可以，带上你的卡\n", "卢德华"),
    ("【渔港老乡群】\n彭秀云：救助金到了没\n卢德华：@彭秀云 已经报上去了\n", "卢德华"),
    ("城关镇人民政府关于春耕补贴的公示\n公示期七天。联系人：卢德华，0731-5526104", "卢德华"),
    ("采购人：县水务局 联系人：卢德华 电话：0731-5526104", "卢德华"),
    ("来电反映路灯不亮。\n答复：已转镇城管办处理，卢德华，0731-5526104。", "卢德华"),
    ("To: Foreign Affairs Office\nDear Ms. Lu,\nI would like to visit my aunt in the village.", "Lu"),
    ("承办单位回复：经卢德华核实，已联系来电人。", "卢德华"),
    ("验收意见\n建设单位：县水务局（卢德华）\n", "卢德华"),
])
def test_kept_in_the_role(text, official):
    assert official in scrub(text)


@pytest.mark.parametrize("text, private", [
    ("【石岭村村民群】\n卢德华：后天上午发放大米，带户口本\n彭秀云：收到，我女儿彭小禾去领\n", "彭小禾"),
    ("【石岭村村民群】\n卢德华：后天上午发放大米，带户口本\n彭秀云：收到\n", "彭秀云"),
    ("【石岭村村民群】\n彭秀云：明天我家办酒，大家早点到\n", "彭秀云"),
    ("【渔港老乡群】\n彭秀云：@卢德华 你那补贴下来没\n", "彭秀云"),
    ("补偿明细：彭秀云 12万 其妹 9万 联系人：彭秀兰 0731-5526104", "彭秀兰"),
    ("代理机构联系人：彭秀兰，0731-5526104", "彭秀兰"),
    ("Dear Mr. Kevin Peng,\n感谢您关注我司的项目，欢迎来访。", "Kevin Peng"),
])
def test_private_people_stay_private(text, private):
    assert private not in scrub(text)


def test_a_line_bracketed_with_its_office_stays():
    text = "网格员卢德华：明天发被子，没领的找我，电话0731-5526104（社区办公室）"
    assert "0731-5526104" in scrub(text)
