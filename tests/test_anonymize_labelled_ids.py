"""Other personal numbers found by their label and shape (issue #19): an insurance number that is an ID
with a serial after its check letter, a card number with its province's short name and a closing 号 (also
read out one numeral at a time), a staff number, a 「X字第…号」 certificate after a certificate-number label,
and the file number on a driving licence's or birth certificate's own form. Amounts, project codes and a
work order's number stay."""
import pytest

from anonymize import Deidentifier


def findings(text):
    return [(f.kind, f.value) for f in Deidentifier("labelled-ids-key").findings(text)]


def scrub(text):
    return Deidentifier("labelled-ids-key").text(text)


@pytest.mark.parametrize("text, value", [
    ("她母亲医保号11010519520817364X02，异地结算没成功", "11010519520817364X02"),
    ("优待证 桂4503210170042号，慰问金500元", "桂4503210170042号"),
    ("优 待 证 号 是 桂 四 五 〇 三 二 一 〇 一 七 〇 〇 四 二 号", "桂 四 五 〇 三 二 一 〇 一 七 〇 〇 四 二 号"),
    ("报名人：何志强 工号：GX207719\n部门：二车间", "GX207719"),
    ("请附上老职工证（证号林垦职字第051274号）", "林垦职字第051274号"),
    ("驾驶证副页\n准驾车型 B2\n档案编号 450300517728", "450300517728"),
    ("出生医学证明\n新生儿 男\n编号 R530917264", "R530917264"),
])
def test_labelled_personal_numbers_are_found(text, value):
    assert ("other_id", value) in findings(text)


def test_a_certificates_closing_hao_stays_outside_its_mask():
    out = scrub("优待证 桂4503210170042号，慰问金500元")
    assert "桂450321" not in out and "0042号" in out


@pytest.mark.parametrize("text", [
    "工单编号 2026120300417 反映驾驶证补办慢",   # a work order's number in a text about a licence
    "项目编号：2026120300417，预算1,280,000元",
    "坐席工号 A1023 为您服务",                   # an agent's number speaks for the hotline
    "根据县政府〔2026〕12号文件",
])
def test_public_numbers_stay(text):
    assert scrub(text) == text
