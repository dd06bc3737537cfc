"""Public people and lines in their role (kept): a public association's chairman after the association, a grid
worker's chat label, a prosecutor and a bureau's law-enforcement officer, a delegate's proposal in quotes, a
township's village cadres' group, a village's or forest farm's finance officer in brackets; a village committee's,
a farm office's, a notary's and a worker's office line. Places and bureaus named after a river that opens with a
surname stay."""
import pytest

from anonymize import Deidentifier
from anonymize.deidentify import detect


def _kinds(text):
    return {s.value: s.kind for s in detect(text)}


@pytest.mark.parametrize("text, person", [
    ("县老年协会会长朴文哲说，今年会员增加了", "朴文哲"),
    ("【东岭镇包村干部群】\n韩志远：各村统计一下独居老人", "韩志远"),
    ("【新华社区网格群】\n网格员-邓丽君：今晚停水", "邓丽君"),
    ("以上事实清楚。公诉人郑国华。", "郑国华"),
    ("区生态环境局执法人员秦立新在场。", "秦立新"),
    ("对孔德明代表“关于改善山区道路的建议”答复如下", "孔德明"),
    ("收款人：蒋国平（林场财务）", "蒋国平"),
])
def test_officials_in_their_role_stay(text, person):
    assert _kinds(text).get(person) == "official", _kinds(text)


def test_a_chairman_without_his_association_is_a_person():
    assert _kinds("会长邹明远说钱买了化肥").get("邹明远") == "person_name"


@pytest.mark.parametrize("text, line", [
    ("请带户口本。——村委 0431-5736148", "0431-5736148"),
    ("请于月底前联系村委（0431-5736108）。", "0431-5736108"),
    ("发现火情请报告：场部 0431-5765119", "0431-5765119"),
    ("请找市公证处，电话0431-5826644。", "0431-5826644"),
    ("有事打我工作机0431-5853020", "0431-5853020"),
    ("公示期七天，异议请打0431-5739422。", "0431-5739422"),
])
def test_office_lines_stay(text, line):
    assert _kinds(text).get(line) == "office_line", _kinds(text)


def test_a_home_near_the_farm_office_is_private():
    assert _kinds("王大爷家住场部附近，电话0431-6231507").get("0431-6231507") == "landline"


@pytest.mark.parametrize("text", [
    "海兰江林业局关于护林员补贴的通知",
    "白松江市应急管理局：白松江进入主汛期",
])
def test_a_river_named_place_is_no_person(text):
    assert "person_name" not in _kinds(text).values(), _kinds(text)


@pytest.mark.parametrize("text, place", [
    ("申请人住海兰明珠小区3号楼1单元601室", "海兰明珠小区"),  # an estate whose name opens with a surname
    ("4 赵六 海兰明珠小区7-1-302 560元", "海兰明珠小区"),  # after the row's own name cell
])
def test_an_estate_name_opening_with_a_surname_stays(text, place):
    out = Deidentifier("k").text(text)
    assert place in out and "601" not in out and "302" not in out, out
