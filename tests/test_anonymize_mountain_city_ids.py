"""Other personal numbers of a hillside district (issue #19): an individual business's credit code (92…) —
with a valid GB 32100 check character anywhere, with a wrong one only where a business-licence word stands
before it —, a veteran's 优待证 「省简称+YD+digits」 (OCR O/l for 0/1, read out one character at a time), and a
resettled migrant's certificate 「X移字第N号」 or a lettered one after 移民证. A company's or an institution's code,
an amount after the card in a row and a plate stay."""
import pytest

from anonymize import Deidentifier


def findings(text):
    return [(f.kind, f.value) for f in Deidentifier("mountain-ids-key").findings(text)]


def scrub(text):
    return Deidentifier("mountain-ids-key").text(text)


@pytest.mark.parametrize("text, value", [
    ("面馆老板报来的代码是92420527MA4F7K2R32，请核对", "92420527MA4F7K2R32"),        # valid check: no label needed
    ("小吃摊营业执照号码：92330106MA2H8N4P6X\n经营者 某某", "92330106MA2H8N4P6X"),   # wrong check after its label
    ("坐席：您执照上的号？\n来电：92330106MA2H8N4P6X，就这个", "92330106MA2H8N4P6X"),
])
def test_an_individual_business_code_is_found(text, value):
    assert any(v == value for _k, v in findings(text))


@pytest.mark.parametrize("text", [
    "中标单位统一社会信用代码91420527MA4F7K2R35，地址见公告",      # a company
    "事业单位法人证书代码12420527MA4F7K2R3A",                    # an institution
    "营业执照核验：参考样例92330106XX",                           # no code at all
])
def test_a_body_s_code_stays(text):
    assert not [v for k, v in findings(text) if k in ("uscc", "other_id")]


@pytest.mark.parametrize("text, value", [
    ("张某　鄂YD420527198807121　2100.00　卡号见附表", "鄂YD420527198807121"),
    ("扫描件：证号 湘YD43O1O2l99OO31245 模糊", "湘YD43O1O2l99OO31245"),
    ("他说：川 Y D 五 一 零 幺 零 七 二 零 一 六 零 零 三 三 九，记下没", "川 Y D 五 一 零 幺 零 七 二 零 一 六 零 零 三 三 九"),
    ("老屋拆迁前的凭证叫鄂秭移字第0416632号，还留到的", "鄂秭移字第0416632号"),
    ("安置名册\n李某｜移民证 ZGYM-2003-0l7721｜二期", "ZGYM-2003-0l7721"),
    ("移民证号是XS-2005-118204，麻烦查一下", "XS-2005-118204"),
])
def test_veteran_and_migrant_certificates_are_found(text, value):
    assert ("other_id", value) in findings(text)


def test_an_amount_after_the_veteran_card_in_a_row_stays():
    out = scrub("张某　鄂YD420527198807121　2100.00　卡号见附表")
    assert "420527198807121" not in out and "2100.00" in out


@pytest.mark.parametrize("text", [
    "车牌渝A·5K318停在坡下",        # a plate is a plate, not a 优待证
    "渝YD公司的年报",                # letters without a number
    "移民证办理流程见附件2-1",        # no lettered number after 移民证
])
def test_look_alikes_are_no_certificate(text):
    assert not [v for k, v in findings(text) if k == "other_id"]
