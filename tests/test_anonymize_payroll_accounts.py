"""Accounts and personal numbers by their label and shape: a 16–19-digit account (Luhn or not) that fills its own
cell beside a payment row's amount or stands in a column headed 卡号; a Korean resident's or alien-registration
number; a staff number with its employer's short name; a forest-title certificate; a dashed admission number; an
ID with a letter glued after it."""
import pytest

from anonymize import Deidentifier
from anonymize.numbers import find_numbers
from anonymize.recognizers import find_identifiers, resolve


def _kinds(text):
    return {text[n.start:n.end]: n.kind for _, n in find_numbers(text)}


@pytest.mark.parametrize("text, account", [
    ("2 赵七 城南路8号 ¥1320 07736194025518832\n经办人：孙", "07736194025518832"),
    ("4｜钱八｜东岭村2社5号｜¥880｜02219845563017746", "02219845563017746"),
    ("3 孙九 640.00 05561234098877431", "05561234098877431"),
    ("5 周十 ¥1900 6217 0031 5528 4410 772 代领人周一", "6217 0031 5528 4410 772"),
    ('"姓名","金额","卡号"\n"吴一","760","01928374655647382"', "01928374655647382"),
])
def test_an_account_in_a_payment_row_is_a_card(text, account):
    assert _kinds(text).get(account) == "bank_card", _kinds(text)


@pytest.mark.parametrize("text", [
    "1 合同编号 40213366098712345 金额 500元",
    "工单号 20260415093312771，已办结 300元",
    "共计 300元",
])
def test_codes_in_a_row_stay(text):
    assert "bank_card" not in _kinds(text).values(), _kinds(text)


def _others(text):
    return [s.value for s in resolve(find_identifiers(text)) if s.kind == "other_id"]


@pytest.mark.parametrize("text, number", [
    ("她的外国人登录证号码710422-2345678，韩国手机", "710422-2345678"),
    ("外国人登录证:690707-5O3l124\n回国原因", "690707-5O3l124"),
    ("原来的职工号东林职0412345，今年退休", "东林职0412345"),
    ("姓 名 张三    职工号：东林职O4l2345", "东林职O4l2345"),
    ("林权证号 吉林权证东字第0031234号", "吉林权证东字第0031234号"),
    ("住院号 2025-01234 总费用", "2025-01234"),
    ("优待证（证号11010200345）已办好", "11010200345"),
])
def test_personal_numbers_by_label_and_shape(text, number):
    assert number in _others(text), _others(text)


def test_an_id_with_a_letter_glued_after_it_goes_whole():
    text = "补办社保卡，原卡号110101199003074514B丢了"
    assert "110101199003074514B" in _others(text), _others(text)
    out = Deidentifier("k").text(text)
    assert "19900307" not in out and "丢了" in out, out
