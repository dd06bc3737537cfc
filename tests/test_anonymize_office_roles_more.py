"""Officials in their role stay, in the shapes a bureau's and a village's own texts use: a village committee's
or a head's chat display name (「村委会-X：」「校长-X：」), the 监管 field closing a relief list, a court's 送达人
and a procuratorate's 检察员, mediators, a section's 股长 and a bureau's 「X股」, an official called by surname
and title with the full name in brackets, a procurement notice's purchaser contact, a meeting's attendees.
Private people in the same slots stay private (受送达人, a mediation's parties)."""
import pytest

from anonymize import Deidentifier


def _scrub(text):
    return Deidentifier("k").text(text)


@pytest.mark.parametrize("text, official", [
    ("【石桥村村民群】\n村委会-韩立新：下周一开始发放煤炭补贴", "韩立新"),
    ("【实验小学家长群】\n校长-邓海燕：营养餐费本月退还", "邓海燕"),
    ("序号｜姓名｜金额\n1｜张某｜800.00\n监管：程志伟", "程志伟"),
    ("送达人：范文斌　受送达人签收：", "范文斌"),
    ("检察员：钱国栋", "钱国栋"),
    ("调解员：邵建军　2026年3月1日", "邵建军"),
    ("请找预算股股长石磊核对", "石磊"),
    ("有疑问到村委会找陶支书（陶德明）", "陶德明"),
    ("采购人联系人：姚志华 0911-6310288", "姚志华"),
    ("会议纪要\n出席：雷振华、葛春梅\n一、研究", "葛春梅"),
    ("承办人签章 韦小东", "韦小东"),
])
def test_an_official_in_role_stays(text, official):
    assert official in _scrub(text)


@pytest.mark.parametrize("text, line", [
    ("联系人：预算股，电话0911-6310228。", "0911-6310228"),  # a bureau's section answers on its line
    ("采购人联系人：姚志华 0911-6310288", "0911-6310288"),
    ("医保个人账户可支付，咨询400-6612-365。", "400-6612-365"),  # a hotline is no estate's block and room
])
def test_a_public_line_stays(text, line):
    assert line in _scrub(text)


@pytest.mark.parametrize("text, person", [
    ("送达人：范文斌　受送达人签收：汪小燕", "汪小燕"),
    ("调解协议\n出席：申请人邹大明、被申请人邱小红", "邹大明"),
    ("股东吕建国的电话0911-6254120", "吕建国"),
])
def test_a_private_person_in_the_same_slot_is_masked(text, person):
    assert person not in _scrub(text)
