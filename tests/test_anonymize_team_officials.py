"""Officials in their role kept (issue #19): a production or farm team's 队长, a public body's representative
whose government title follows the name after a comma, and who speaks in a work group named by its body —
while a builder's 队长, a company's representative and residents in a village's grid or residents' group
stay private."""
import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("team-officials-key").text(text)


@pytest.mark.parametrize("text, official", [
    ("水管修好了，队长郑家明讲明天通水。", "郑家明"),
    ("【东岭农场五队群】\n队长郑家明：明早六点集合\n", "郑家明"),
    ("被告：某县人民政府，法定代表人魏振邦，县长。", "魏振邦"),
    ("委托代理人：戴远山，县土地征收事务所主任。", "戴远山"),
    ("【石岭村两委】\n章学文：镇里通知下周查危房\n", "章学文"),
    ("【县人社局劳动监察股】\n钱小梅：这个案子我来跟\n", "钱小梅"),
])
def test_officials_in_role_stay(text, official):
    assert official in scrub(text)


@pytest.mark.parametrize("text, private", [
    ("施工队长包振雷带了六个人进场", "包振雷"),
    ("被告：某某农业公司，法定代表人魏振邦，董事长。", "魏振邦"),
    ("【石岭村网格群】\n网格员章学文：明天发米\n卢秀芝：我家几点去\n", "卢秀芝"),
    ("【石岭村村民群】\n卢秀芝：路灯又坏了\n", "卢秀芝"),
    ("【石岭村两委】\n章学文：卢秀芝的低保下个月恢复\n", "卢秀芝"),
])
def test_private_people_beside_them_go(text, private):
    assert private not in scrub(text)
