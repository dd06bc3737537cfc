"""Numbers written side by side in one run of digit groups, and certificate numbers known by their
label (issue #19, the number classes pii_blind10 showed): a run is cut into the numbers that validate
— an ID written in groups, then a card, then an amount — rather than read as one long code; 拐 is a
spoken 7; personal certificate and account numbers after their labels. Examples are our own."""
import pytest

from anonymize import Deidentifier
from anonymize.numbers import find_numbers
from anonymize.recognizers import find_identifiers, resolve

ID_A = "320581197503141238"
ID_B = "430124198206114023"
ID_X = "37050219861022001X"
CARD19 = "6217003821450967138"
CARD19_B = "6228481043712560829"


def grouped(digits, *sizes):
    out, at = [], 0
    for size in sizes:
        out.append(digits[at:at + size])
        at += size
    return " ".join(out)


def kinds(text, user_text=False):
    return [(s.kind, s.value) for s in resolve(find_identifiers(text, user_text))]


def scrub(text):
    return Deidentifier("number-segments-key").text(text)


def test_grouped_id_then_grouped_card_in_a_payroll_row_are_two_numbers():
    row = f"工资代发\n张某 {grouped(ID_A, 6, 8, 4)} {grouped(CARD19, 4, 4, 4, 4, 3)} 2,480元\n"
    found = kinds(row)
    assert ("id_number", grouped(ID_A, 6, 8, 4)) in found
    assert ("bank_card", grouped(CARD19, 4, 4, 4, 4, 3)) in found
    out = scrub(row)
    assert "2,480元" in out
    assert CARD19[4:8] not in out and CARD19[8:12] not in out and ID_A[6:14] not in out


def test_id_in_four_groups_then_card_then_plain_amount():
    row = f"李某\t{grouped(ID_B, 6, 4, 4, 4)} {grouped(CARD19_B, 4, 4, 4, 4, 3)} 655\n"
    found = kinds(row)
    assert ("id_number", grouped(ID_B, 6, 4, 4, 4)) in found
    assert ("bank_card", grouped(CARD19_B, 4, 4, 4, 4, 3)) in found
    assert scrub(row).rstrip().endswith(" 655")


def test_grouped_id_ending_in_x_before_a_comma_and_an_amount():
    row = f"3，某某，{grouped(ID_X, 6, 8, 4)}，861.50\n"
    assert ("id_number", grouped(ID_X, 6, 8, 4)) in kinds(row)
    assert "861.50" in scrub(row)


def test_dashed_id_then_a_tab_and_an_amount_keeps_the_amount():
    row = f"1\t某某\t{ID_A[:6]}-{ID_A[6:14]}-{ID_A[14:]}\t3175\n2\t某某\t{ID_B}\t120\n"
    out = scrub(row)
    assert "\t3175\n" in out
    assert ID_A[6:14] not in out


def test_disability_grade_after_a_grouped_id_stays_with_it():
    text = f"残疾证号 {grouped(ID_B, 6, 8, 4)} 42，请核对"
    spans = [s for s in resolve(find_identifiers(text)) if s.start < text.index("，")]
    assert len(spans) == 1 and spans[0].value.endswith("4023 42")


def test_card_split_before_a_valid_grouped_id_is_still_one_card():
    # a card's own groups never join into an ID (16 and 19 digits in fours), so a lone card is unchanged
    text = f"卡号 {grouped(CARD19, 4, 4, 4, 4, 3)}"
    assert kinds(text) == [("bank_card", grouped(CARD19, 4, 4, 4, 4, 3))]


@pytest.mark.parametrize("spoken", ["幺三拐洞两四五拐八九六", "幺 五 拐 九 洞 两 三 三 拐 八 四"])
def test_spoken_seven_in_a_mobile(spoken):
    text = f"来电人留的电话：{spoken}，请回电"
    assert [k for k, _v in kinds(text)] == ["mobile"]


def test_spoken_id_with_zero_and_seven_words():
    spoken = "".join({"0": "洞", "1": "幺", "7": "拐", "2": "两"}.get(d, "零一二三四五六七八九"[int(d)]) for d in ID_A[:17]) + "八"
    assert ID_A.endswith("8")
    assert [k for k, _v in kinds(f"证件号码 {spoken}")] == ["id_number"]


@pytest.mark.parametrize("text", ["到路口往左拐两个弯就到了", "他一拐一拐地走进村委会", "拐三道弯，过两座桥"])
def test_guai_as_a_word_is_no_number(text):
    assert find_numbers(text) == []
    assert scrub(text) == text


@pytest.mark.parametrize("text, secret", [
    (f"医保编号 YB{ID_A}02\n", ID_A[6:14]),
    (f"医保个人编号：JM{ID_B}", ID_B[6:14]),
    (f"优待证号：510722{ID_B}，请带原件", "510722" + ID_B[:8]),
    ("住院号：2025110832　床号：3病区11床", "2025110832"),
    ("病案号 0083127 已归档", "0083127"),
    ("他那条渡船的登记号是晋临渡0381，年检到期了", "0381"),
    ("渡口的船晋临渡0381年检没过", "0381"),
    ("额的微信号换了shanbei_yangyang，加这个", "shanbei_yangyang"),
    ("微信改成 Li-Erwa2019 了", "Li-Erwa2019"),
])
def test_personal_certificates_and_accounts_by_their_label(text, secret):
    assert secret not in scrub(text)


def test_certificate_holding_an_id_is_masked_whole():
    text = f"优待证号：510722{ID_B}"
    found = kinds(text)
    assert found == [("other_id", "510722" + ID_B)]


@pytest.mark.parametrize("text", [
    "闽东渔2019年新造渔船12艘",
    "住院期间2026年3月共支出医疗费3400元",
    "微信号换了，明天再发给你",
    "门诊部电话0911-6310000转1",
])
def test_label_look_alikes_stay(text):
    assert not any(s.kind == "other_id" or s.kind == "wechat" for s in resolve(find_identifiers(text)))
