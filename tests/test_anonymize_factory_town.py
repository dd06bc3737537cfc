"""Numbers and homes of a manufacturing town's migrant workers (issue #19, pii_blind17's classes in our own words).

Numbers: staff numbers 工号 with dashes, blanks or a traditional label; residence-permit, social-security and
insurance numbers after a Cantonese 系 or in groups; a home-return permit in two groups of four, a Taiwan permit's
eight digits after 通行证号码 or in its own form; a Hong Kong, Macau or Taiwan resident's residence-permit number; an
old 暂住证 read by OCR; a registration number after 报名/登记 and the others of its shape in the same text; the cells
under a 工号 or 居住证号 column. A project's, a procurement's or a subsidy application's code stays.
Homes: a dormitory room's bed, an urban village's 栋 and 座, a second door 「号之12」 with its room, a range of rooms,
a Hakka walled village's house, a market stall by its gate, a rooftop extension, the rooms that open a tenant list's
rows; the village's 坊 quarter before a building stays, and so do a row of houses, an office's counter and a stall
number a market gives.
"""
import pytest

from anonymize import Deidentifier
from anonymize.validators import valid_id18


def _id(first17):
    """A resident ID with its check character (the tests' numbers are made up)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    value = first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]
    assert valid_id18(value)
    return value


ID_A = _id("45092319890412301")
ID_B = _id("43052419950830612")


def findings(text):
    return [(f.kind, f.value) for f in Deidentifier("factory-town-key").findings(text)]


def scrub(text):
    return Deidentifier("factory-town-key").text(text)


@pytest.mark.parametrize("text, value", [
    ("组长：你工号报一下\n阿芳：工号KX-3391207，请假条明天交", "KX-3391207"),
    ("工號：TP2019-4471（注塑车间）", "TP2019-4471"),
    ("花名册：罗 军 工号QM 2018 0562 岗位 普工", "QM 2018 0562"),
    ("佢个社保卡号系440300K20817395，唔该帮手查下", "440300K20817395"),
    ("我个居住证号系 4403 0117 6628 0914，几时有结果", "4403 0117 6628 0914"),
    ("附：社保个人编号2000 5561 0382，电话另告", "2000 5561 0382"),
    ("居住证号码系我老婆嘅，440306201903115526。", "440306201903115526"),
    ("暂住证号：深宝西暫字第O8l2279號（旧证）", "深宝西暫字第O8l2279號"),
    ("通行证号码 07734129\n签发地 福州", "07734129"),
    ("台湾居民来往大陆通行证（复印件）\n姓 名：某某\n证件号碼：05512768\n单位：某精密公司", "05512768"),
    ("港澳台居民居住证\n公民身份号码 810000199103070538\n有效期限十年", "810000199103070538"),
])
def test_a_worker_s_personal_number_is_found(text, value):
    assert any(k in ("other_id", "passport") and v == value for k, v in findings(text)), findings(text)


@pytest.mark.parametrize("text, value", [
    ("坐席：您的回乡证号码？\n来电：H2207 6153。", "H2207 6153"),
    ("我係陳生，回鄉證M30771926，喺厂里做", "M30771926"),
])
def test_a_home_return_permit_is_found(text, value):
    assert any(v == value for _k, v in findings(text)), findings(text)


def test_a_registration_number_and_its_siblings_go():
    text = "公寓群\n阿俊：我前日登记了，登记号QX2025-00871\n阿敏：我的是QX2025-00903，排到几时？"
    values = [v for k, v in findings(text) if k == "other_id"]
    assert values == ["QX2025-00871", "QX2025-00903"]


@pytest.mark.parametrize("text", [
    "补贴进度查询：去年就申请了，申请编号NJ2024-440306-00917，几时到账",
    "采购项目编号HSJS-2026-017，报名截止7月3日",
    "工单编号：LG20260714-0031，已转交街道",
])
def test_a_public_code_stays(text):
    assert not [v for k, v in findings(text) if k == "other_id"], findings(text)


def test_the_cells_under_a_staff_or_permit_column_go():
    text = ("五金厂 宿舍登记\n"
            "房号 姓名 工号 居住证号 电话\n"
            "D栋301房2号床 韦春 WJ20230417 4403051234567812 13826410572\n"
            "上坑村塘尾巷4号之2 201房 潘丽 WJ20211109 4403059876543210 15917730246\n")
    values = [v for k, v in findings(text) if k == "other_id"]
    assert values == ["WJ20230417", "4403051234567812", "WJ20211109", "4403059876543210"]


def test_a_permit_beside_an_id_holds_no_mobile():
    text = f"房号 住户 居住证号 证件号码\n3栋2座501 覃某 4403021375588901 {ID_A}\n"
    kinds = [k for k, _v in findings(text)]
    assert "mobile" not in kinds and "other_id" in kinds and "id_number" in kinds


def test_an_id_before_a_lane_house_keeps_its_own_digits():
    out = scrub(f"谭某 {ID_B} 6巷2号 15917730246 2,000")
    assert f"**************{ID_B[-4:]} " in out and "6巷2号" not in out


@pytest.mark.parametrize("text, home", [
    ("我住D栋5楼512房2号床，有事揾我", "D栋5楼512房2号床"),
    ("宿舍：E栋\n3楼418房 3号床\n紧急联系人", "3楼418房 3号床"),
    ("宿舍调整\n206房3号床 梁某 → 208房1号床\n", "206房3号床"),
    ("佢住9栋4座602，租金一千八", "9栋4座602"),
    ("我喺11栋3座楼下等你", "11栋3座"),
    ("现住沙井村塘尾巷3号之12 201房，电话另告", "3号之12 201房"),
    ("租客欠租，住六巷18号501至502房（两套打通）", "18号501至502房"),
    ("我屋企喺龙岗村新屋围7号，好多年了", "新屋围7号"),
    ("祖屋在新屋围15号，申请修缮", "新屋围15号"),
    ("我档口喺东风市场北门12号档，住埋档口后面", "北门12号档"),
    ("拆除补偿：某某（8栋2座顶楼加建）12,000元", "8栋2座顶楼加建"),
    ("地址 锦湖花园5座\n1706，物业电话另告", "5座\n1706"),
])
def test_a_worker_s_home_goes(text, home):
    out = scrub(text)
    assert home not in out and home.split("\n")[-1][-3:] not in out.replace("电话", ""), out


def test_the_rooms_that_open_a_tenant_list_s_rows_go():
    text = "下坊村三巷6号 租客登记（房东某某）\n102 黄某 广西玉林 13826410572\n202 空\n302 陆某 湖南衡阳 15917730246\n"
    out = scrub(text)
    assert "\n102 " not in out and "\n202 " not in out and "\n302 " not in out


def test_row_numbers_are_no_rooms():
    text = "租户花名册\n101 黄某 1,200\n102 陆某 1,200\n103 韦某 1,200\n"
    assert "\n101 " in scrub(text) and "\n103 " in scrub(text)


@pytest.mark.parametrize("text, place", [
    ("住南坑村三坊4栋2座301，手机另告", "南坑村三坊"),
    ("三巷2号至6号为集体物业，另行公告。", "三巷2号至6号"),
    ("【某派出所】您的居住证已制证，请到人民大道200号领取。", "人民大道200号"),
    ("某镇社保分局自8月起周日开放，地址民生路18号。", "民生路18号"),
    ("咨询0755-83312201，地址和平路66号。", "和平路66号"),
    ("办理点：新安社区党群服务中心（新安大街8号）、居住证窗口", "新安大街8号"),
    ("报名：建设路99号镇住建局，截止月底", "建设路99号"),
    ("我想投诉市场有档口短秤，档口号C区7号。", "C区7号"),
])
def test_public_places_stay(text, place):
    assert place in scrub(text), scrub(text)


@pytest.mark.parametrize("text, value, kind", [
    (f"D栋205房1号床 某某 {ID_A} 136-0071-2294 2026年4月2日\n", "136-0071-2294", "mobile"),   # a date's year is the next cell
    ("投诉人要求回访1598702\n4416。", "1598702\n4416", "mobile"),                               # 回访 names a phone
    ("他的车粤Z·K3307港停在门口", "粤Z·K3307港", "plate"),                                         # a cross-border plate
])
def test_numbers_in_a_register_row_or_a_line_break(text, value, kind):
    assert (kind, value) in findings(text), findings(text)


def test_a_legacy_id_read_inside_a_card_is_the_card():
    text = f"某某 普工 {ID_B} 6217 4401 2385 0612 377 3980.00 3615.00\n"
    found = findings(text)
    assert ("bank_card", "6217 4401 2385 0612 377") in found and [v for k, v in found if k == "id_number"] == [ID_B]
