"""Numbers a narrow column or a scanner broke over a line break, with spaces or dashes in their
pieces (issue #19): joined when the joined digits prove their kind — an ID or a card by its check
digit, a mobile by a cue word — and the piece before the break is no number on its own."""
import pytest

from anonymize import Deidentifier
from anonymize.validators import valid_id18, valid_luhn


def scrub(text):
    return Deidentifier("broken-numbers-key").text(text)


def _completed(body, valid):
    """``body`` with the one check digit that makes it valid."""
    return next(body + check for check in "0123456789X" if valid(body + check))


def an_id():
    return _completed("44030219870615123", valid_id18)


def a_card():
    return _completed("621483012345678901", valid_luhn)


@pytest.mark.parametrize("text, digits", [
    ("手机 159 2046\n3318，白天打", "15920463318"),
    ("联系电话：186-0771-\n5290\n申请金额 2000 元", "18607715290"),
    ("联系方式 1370771 \n 8826", "13707718826"),
])
def test_a_mobile_broken_over_a_line(text, digits):
    out = scrub(text)
    assert "*" in out and digits[3:7] not in out.replace("\n", "").replace(" ", "").replace("-", ""), out


def test_an_id_and_a_card_broken_over_a_line():
    id_number, card = an_id(), a_card()
    out = scrub(f"证号 {id_number[:14]}\n{id_number[14:]}\n开户行 农商行")
    assert id_number[:14] not in out and id_number[6:10] not in out, out
    out = scrub(f"收款账号：{card[:4]} {card[4:8]} {card[8:12]}\n{card[12:16]} {card[16:]}\n金额：500.00")
    assert card[4:8] not in out and card[8:12] not in out, out


@pytest.mark.parametrize("text", [
    "合计 1300\n2500 元",  # two amounts on two lines
    "项目编号 2025\n0012345",  # no cue, no check digit
    "2025年申报 1380\n户次",
])
def test_numbers_on_two_lines_stay_apart(text):
    assert scrub(text) == text


def test_a_complete_number_before_the_break_is_not_joined_to_the_next_line():
    out = scrub("电话 13907712345\n1390000 是编号")
    assert out.endswith("\n1390000 是编号") and "2345" in out, out


@pytest.mark.parametrize("text, middle", [
    ("保洁员——王家村5组——139-0453-2288——600元", "0453"),  # doubled em-dashes separate a notice's cells
    ("公益岗——李家村2社——１５８２７５３６６４１——500元", "２７５３"),
    ("电话打不通，幺五八 ○九三一 四四二七。", "○九三一"),  # ○ typed for 〇
    ("手机幺三洞 九五幺幺 两七八六", "九五幺幺"),  # 洞: zero as said on the phone
])
def test_numbers_between_em_dash_cells_and_spoken_zeros(text, middle):
    out = scrub(text)
    assert middle not in out and "****" in out, out


def test_an_area_code_joined_by_em_dashes_and_the_word_hole_stay_as_they_were():
    assert "6287715" not in scrub("座机0453——6287715")
    assert scrub("山洞旁修了一个涵洞，长30米") == "山洞旁修了一个涵洞，长30米"


@pytest.mark.parametrize("before, after", [("2026", "0415"), ("00", "3610415"), ("9", "88")])
def test_an_id_glued_into_a_long_run_of_digits_is_masked(before, after):
    """A pasted cell that lost its separators: the date, the ID and a sequence number run together."""
    glued = before + an_id() + after
    out = scrub(f"韦某某 {glued} 已核对")
    assert an_id() not in out and an_id()[6:14] not in out


def test_a_long_code_without_an_id_inside_stays():
    code = "2026450702194506990415123"  # 25 digits; no window is a valid resident ID
    assert not any(valid_id18(code[i:i + 18]) for i in range(len(code) - 17))
    assert code in scrub(f"合同编号 {code} 已备案")
