"""Numbers in a table's cells that carry no cue of their own (issue #19, northern relief lists): the
header's name for the column says what the cell is — a passbook account that starts with 0 under
「存折账号」, a seven-digit home line under 「联系电话」 — and the other numbers of a row (a
resident ID in 6-4-4-4 groups before a dashed mobile) are read as themselves."""
import pytest

from anonymize import Deidentifier
from anonymize.numbers import find_numbers


def kinds(text):
    return {text[n.start:n.end]: n.kind for _p, n in find_numbers(text)}


@pytest.mark.parametrize("text, number, kind", [
    # a passbook (Luhn-valid, 17 digits, leading 0) in the account column, bars, commas or 【】
    ("名单\n编号丨户主丨补助金额丨存折账号\n1丨某甲丨900元丨03982597919074832\n", "03982597919074832", "bank_card"),
    ("序号，户名，金额，银行账号\n1，某乙，1,320.00元，03788762328601296\n", "03788762328601296", "bank_card"),
    ("【户名】【金额】【卡号】\n2【某丙】【450】【03982597919074832】\n", "03982597919074832", "bank_card"),
    # a seven-digit home line in the phone column, cells split by two blanks
    ("序号  户名  补助  联系电话\n3  某丁  600元  3865104\n", "3865104", "landline"),
    ("户名 | 住址 | 金额 | 联系电话\n某戊 | 某处 | 300元 | 04518836127\n", "04518836127", "landline"),
])
def test_a_cell_reads_its_column_name(text, number, kind):
    assert kinds(text).get(number) == kind


@pytest.mark.parametrize("text", [
    "序号  户名  补助  备注\n3  某丁  600元  3865104\n",          # the column names no phone
    "户名 | 金额 | 存折账号\n某戊 | 某处 | 300元 | 03982597919074832\n",  # a row of another shape
])
def test_a_cell_under_another_column_is_no_phone_or_account(text):
    found = kinds(text)
    assert found.get("3865104") is None and found.get("03982597919074832") is None


def test_an_id_in_four_groups_before_a_dashed_mobile_is_the_id():
    found = kinds("2，某己，210102 1979 0314 0522，139-08265517，900")
    assert found.get("210102 1979 0314 0522") == "id_number"


def test_a_mobile_in_chinese_numerals_broken_over_a_line():
    found = Deidentifier("table-columns-key").findings("他的手机是一三九\n零八二六五五一七，请回电。")
    assert [(s.kind, s.value) for s in found] == [("mobile", "一三九\n零八二六五五一七")]


@pytest.mark.parametrize("text, number", [
    ("抚恤对象：某庚，优待证号210102310027D6105，年补助3600元", "210102310027D6105"),
    ("申请人系俄罗斯籍，护照号 64 3318205，在本市务工。", "64 3318205"),
    ("承包林地（林权证号吉林证字（2011）第220700452号）被收回", "吉林证字（2011）第220700452号"),
])
def test_certificates_by_their_cue(text, number):
    assert number not in Deidentifier("table-columns-key").text(text)
