"""Private identifier classes a blind corpus (pii_blind6) showed leaking (issue #19), as general
rules with examples of our own: Hong Kong and Macau identity cards, a mainland travel permit named
in English, a social-security card column named once in a list's header, non-mainland phone
numbers, and plates written with a province's other short name or a cross-border suffix."""
import pytest

from anonymize import Deidentifier
from anonymize.validators import valid_hkid


def scrub(text):
    return Deidentifier("id-classes-key").text(text)


@pytest.mark.parametrize("text, secret", [
    ("申请人持香港身份证K512340(2)，现居九龙", "K512340"),
    ("identity card no. CA182361(1) enclosed", "CA182361"),
    ("澳门居民身份证号5215299(8)，联系本人", "5215299"),
    ("holder of Home Return Permit M28104467, resident in Macao", "M28104467"),
    ("序号，姓名，社保卡号，金额\n1，某甲，D40512876，300\n2，某乙，K77120345，450", "D40512876"),
    ("序号，姓名，社保卡号，金额\n1，某甲，D40512876，300\n2，某乙，K77120345，450", "K77120345"),
    ("我的电话是+853 6612 3480，白天都在", "6612 3480"),
    ("Line: +65 9123-4471 (mobile)", "9123-4471"),
    ("停在门口的滇A·7K3M2是他家的", "7K3M2"),
    ("他开一辆蜀A 5B219上班", "5B219"),
    ("过境车辆粤Z·B380澳昨日入境", "B380澳"),
])
def test_identifier_classes_are_masked(text, secret):
    assert secret not in scrub(text)


@pytest.mark.parametrize("text", [
    "项目编号K512340(3)见附件",   # the Hong Kong shape with a wrong check digit
    "共计1520730(5)次访问",       # a Macau shape without its cue
    "合同编号D40512876，金额300元",  # a letter and eight digits without a card header
    "第3期共+15人参加",
])
def test_look_alikes_stay(text):
    assert scrub(text) == text


def test_hkid_check_digit():
    assert valid_hkid("K", "512340", "2")
    assert not valid_hkid("K", "512340", "3")
    assert valid_hkid("CA", "182361", "1")


# Certificates after their 证号 / 证书编号 cue or glued to the 证, in land, grassland, birth and border papers'
# shapes, and a driving licence's 档案编号 written inline (issue #19, session 16); business papers stay.
@pytest.mark.parametrize("text, number", [
    ("草场证号青草证632201-0815，面积60亩", "青草证632201-0815"),
    ("承包经营权证号632122198706140021K 共12亩", "632122198706140021K"),
    ("孩子的出生证编号R530912771还没办", "R530912771"),
    ("证书编号：632122100304070015G\n发证机关：县人民政府", "632122100304070015G"),
    ("对方持边民证KRM-LS-2290871入境", "KRM-LS-2290871"),
    ("他的驾照档案编号632000514476。", "632000514476"),
])
def test_a_holders_certificate_number(text, number):
    found = [s for s in Deidentifier("id-classes-key").findings(text) if s.kind == "other_id"]
    assert any(s.value == number for s in found), found


def test_a_business_permit_stays():
    found = Deidentifier("id-classes-key").findings("施工许可证号ABC12345678，营业执照号码见附件")
    assert not [s for s in found if s.kind == "other_id"]


# A foreigner's residence permit (居留许可, or in English with its No.), a Taiwan permit written in two groups of
# four, and a passport read out one character at a time by speech-to-text (issue #19, session 17).
@pytest.mark.parametrize("text, kind, value", [
    ("外籍配偶 居留许可：K440301987654321 已到期", "other_id", "K440301987654321"),
    ("Residence Permit No.: 440300019991234567\nEmployer: 某厂", "other_id", "440300019991234567"),
    ("附上台胞证（号码1234 5678）复印件", "other_id", "1234 5678"),
    ("台胞证号码：8765 4321，请核对", "other_id", "8765 4321"),
    ("她 的 护 照 号 是 E 3 8 1 7 4 6 2 0 。", "passport", "E 3 8 1 7 4 6 2 0"),
])
def test_permits_and_a_spoken_passport(text, kind, value):
    found = Deidentifier("id-classes-key").findings(text)
    assert any(s.kind == kind and s.value == value for s in found), found


def test_a_licence_permit_and_a_spaced_count_stay():
    text = "营业执照许可证号 12345678901；护 照 办 理 共 3 4 5 6 7 8 9 0 份"
    assert Deidentifier("id-classes-key").text(text) == text
