"""Numbers pasted into a list row with the next or previous cell's amount glued on, numbers whose
column the header names, and travel documents, certificates and plates named by their cue words
(issue #19). Each is proved by its own structure: a mobile's number plan, a card's issuer prefix
and Luhn check, a header that names the column."""
import re

import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("glued-numbers-key").text(text)


def findings(text):
    return [(f.kind, f.value) for f in Deidentifier("glued-numbers-key").findings(text)]


MOBILE = "15107713846"
CARD16 = "6214830123456781"
CARD19 = "6228480012345678903"


def five_digit_runs(digits):
    return {digits[i:i + 5] for i in range(len(digits) - 4)}


def leaks(out, digits):
    """Five or more of the number's digits in a row survive."""
    kept = re.sub(r"\D", "", out)
    return any(run in kept for run in five_digit_runs(digits))


@pytest.mark.parametrize("text, digits", [
    (f"名单\n甘秋生{MOBILE}800\n", MOBILE),                    # an amount glued after a mobile
    (f"名单\n甘秋生{MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}650\n", MOBILE),  # spaced, then glued
    (f"覃某 {MOBILE}1200元", MOBILE),
    (f"甘秋生 750.00{CARD19}\n", CARD19),                        # cents glued before a card
    (f"甘秋生1500{CARD16}\n", CARD16),                           # an amount glued before a card
    (f"甘 秋 生 600{CARD19[:4]} {CARD19[4:8]} {CARD19[8:12]} {CARD19[12:16]} {CARD19[16:]}\n", CARD19),
    (f"甘秋生 {CARD16}300\n", CARD16),                           # an amount glued after a card
])
def test_a_number_glued_to_an_amount_is_found(text, digits):
    assert not leaks(scrub(text), digits)


def test_the_amount_glued_to_a_number_stays():
    out = scrub(f"名单\n甘秋生{MOBILE}800\n")
    assert out.endswith("800\n") and "3846" in out


@pytest.mark.parametrize("text", [
    "项目编号 13907711234800 已入库",            # a code after its negative cue
    "2025年度支出 62148301234567812 元",          # an amount, not a card
    "批次 62148301234567810001",
])
def test_codes_and_amounts_are_not_split(text):
    assert scrub(text) == text


def test_a_header_names_the_phone_column():
    text = "序号  姓名  联系电话  住址  发放金额\n1  蓝月华  （0771）5382946  北岸村3组  260\n2  庞志勇  5382117  北岸村4组  300"
    out = scrub(text)
    assert "5382946" not in out and "5382117" not in out
    assert out.rstrip().endswith("300") and "260" in out


def test_without_a_phone_header_seven_digits_in_a_row_stay():
    text = "序号  项目  金额\n1  道路硬化  5382117\n"
    assert scrub(text) == text


@pytest.mark.parametrize("text, kind, value", [
    ("持护照号B4519027出境", "passport", "B4519027"),
    ("他的回乡证：H70318826。", "passport", "H70318826"),
    ("会员证号：GHHY-2020-08817，", "other_id", "GHHY-2020-08817"),
    ("车牌号是粤B·KQMTR，", "plate", "粤B·KQMTR"),
])
def test_documents_named_by_their_cue(text, kind, value):
    assert (kind, value) in findings(text)


@pytest.mark.parametrize("text", [
    "许可证号：JY-2019-03318",         # a business's registration
    "车牌识别系统升级改造",
])
def test_business_numbers_and_words_stay(text):
    assert scrub(text) == text


@pytest.mark.parametrize("text, kind, value", [
    ("社会保障号码：45010219680312041X", "id_number", "45010219680312041X"),  # a valid ID after the cue
    ("军官证号：北字第2016345号", "other_id", "北字第2016345号"),
    ("士兵证 海字第0093521号", "other_id", "海字第0093521号"),
])
def test_cued_ids_and_service_certificates(text, kind, value):
    assert (kind, value) in findings(text)


def test_an_eighteen_digit_code_without_an_id_cue_stays():
    assert scrub("项目编码440302198706151230已入库") == "项目编码440302198706151230已入库"


ID_A = "430524198503172045"
ID_B = "610112199207085538"
WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize("text, mobile", [
    (f"名单\n覃桂兰望江小区3-2-502{MOBILE}{ID_A}2600.00\n", MOBILE),           # room number, mobile, ID, amount
    (f"名单\n覃桂兰{ID_B}{MOBILE}滨河路7栋1单元301\n", MOBILE),                 # ID first, then the mobile
    (f"名单\n覃桂兰11-3-60{MOBILE}{ID_A.translate(WIDE)}\n", MOBILE),          # a full-width ID after it
    ("名单\n覃桂兰151-0771-3846430524-19850317-2045\n", MOBILE),               # both dashed, glued
])
def test_a_mobile_glued_to_an_id_in_a_pasted_row_is_masked(text, mobile):
    out = scrub(text)
    assert not leaks(out, mobile), out
    assert not leaks(out, ID_A if "43052" in text or "４３０５" in text else ID_B), out
    assert "覃桂兰" not in out


def test_the_tail_of_a_card_glued_before_an_id_is_not_read_as_a_mobile():
    card = "6228480013812345679"  # its last eleven digits follow the mobile plan, but they end a valid card
    found = findings(f"名单\n覃桂兰{card}{ID_A}\n")
    assert ("id_number", ID_A) in found
    assert not any(kind == "mobile" for kind, _value in found), found
