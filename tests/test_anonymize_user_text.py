"""User text (comments, questions) goes through the publication's detectors: the bypasses of
issue #12 item 3 and the number forms of issue #19 are masked, cue words never switch detection
off, masks keep at most four digits, and moderators see what was masked."""
import pytest
from community_support import PROJECT, create_staff, login, make_portal, post_comment

from anonymize import Deidentifier, scrub_text
from anonymize.masks import mask, masked_kinds

PHONE = "13812345678"
ID = "11010519491231002X"


@pytest.mark.parametrize("body", [
    "电话１３８１２３４５６７８",  # full-width digits
    "电话一三八一二三四五六七八",  # Chinese numerals
    "电话幺三八幺二三四五六七八",  # 幺 for one
    "手机138.1234.5678",  # dots
    "手机138—1234—5678",  # em-dashes
    "手机138　1234　5678",  # ideographic spaces
    "手机 1 3 8 1 2 3 4 5 6 7 8",  # one digit at a time
    "加wx13812345678",  # glued prefix
    "补贴金额不对，电话13812345678",  # 「金额」 nearby
    "编号13812345678是我的手机",  # 「编号」 right before
    "合同13812345678",  # no cue word at all, contract word before
    "电话壹叁捌壹贰叁肆伍陆柒捌",  # the financial capitals (大写)
])
def test_phone_bypasses_are_masked(body):
    out = scrub_text(body)
    assert "5678" in out and "1234" not in out.replace(" ", "") and "一二三四" not in out, out
    assert ("mobile", "***-****-5678") in masked_kinds(out)


CHINESE = str.maketrans("0123456789", "零一二三四五六七八九")
CIRCLE_ZERO = str.maketrans("0123456789", "〇一二三四五六七八九")
CAPITALS = str.maketrans("0123456789", "零壹贰叁肆伍陆柒捌玖")
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def _joined(number, sizes, separator):
    """``number`` cut into groups of ``sizes`` (the rest last) and joined by ``separator``."""
    groups, at = [], 0
    for size in sizes:
        groups.append(number[at:at + size])
        at += size
    return separator.join([*groups, number[at:]] if number[at:] else groups)


def _hidden(out, number, *readings):
    """No run of more than four of ``number``'s digits is left in ``out``, in any of its readings."""
    flat = "".join(out.split())
    return not any(form[i:i + 5] in flat for form in (number, *readings) for i in range(len(form) - 4))


@pytest.mark.parametrize("body", [
    f"身份证{ID[:6]} {ID[6:14]} {ID[14:]}", "身份证１１０１０５１９４９１２３１００２Ｘ", f"编号{ID}", f"金额{ID}",
    f"身份证{ID[:6]}.{ID[6:14]}.{ID[14:]}", f"残疾证号{ID}42",
    "身份证" + ID[:17].translate(CHINESE) + "X",  # Chinese numerals
    "我的证件号" + ID[:17].translate(CIRCLE_ZERO) + "x，麻烦核对",  # 〇 for zero, lower-case x
    "证件号" + ID[:17].translate(CAPITALS) + "X",  # the financial capitals
    "身份证" + _joined(ID, (6, 8), "—"),  # em-dashes
    "身份证" + _joined(ID, (6, 8), "\u3000"),  # ideographic spaces
    "身份证" + _joined(ID, (4, 4, 4, 4), "－"),  # full-width hyphens in fours
    "金额" + _joined(ID, (6, 8), "\u3000"),  # 「金额」 right before, wide blanks
    "编号：" + ID.translate(FULL_WIDTH),  # 「编号」 and full-width digits
])
def test_id_bypasses_are_masked(body):
    out = scrub_text(body)
    assert "19491231" not in out and "１９４９" not in out, out
    assert _hidden(out, ID, ID.translate(CHINESE), ID.translate(CAPITALS)), out
    assert [k for k, _v in masked_kinds(out)] == ["id_number"]


CARD = "6222021234567890128"  # a UnionPay debit number with a valid Luhn digit


@pytest.mark.parametrize("body", [
    "卡号" + CARD.translate(FULL_WIDTH),  # full-width digits
    "工资卡号" + CARD.translate(CHINESE),  # Chinese numerals
    "卡号" + CARD.translate(CIRCLE_ZERO) + "，请打钱",  # 〇 for zero
    "打到这张卡" + CARD.translate(CAPITALS),  # the financial capitals
    "卡号" + _joined(CARD, (4, 4, 4, 4), "."),  # dots
    "卡号" + _joined(CARD, (4, 4, 4, 4), "—"),  # em-dashes
    "卡号" + _joined(CARD, (4, 4, 4, 4), "\u3000"),  # ideographic spaces
    "卡号" + _joined(CARD, (4, 4, 4, 4), "．").translate(FULL_WIDTH),  # full-width dots and digits
    "补贴金额" + CARD,  # 「金额」 right before
    "编号" + _joined(CARD, (4, 4, 4, 4), " ") + "是我家的卡",  # 「编号」 right before
    "补贴金额三百元没到账，卡" + CARD,  # 「金额」 earlier in the sentence
    "合同" + CARD,  # no cue word at all
])
def test_card_bypasses_are_masked(body):
    out = scrub_text(body)
    assert _hidden(out, CARD, CARD.translate(CHINESE), CARD.translate(CIRCLE_ZERO), CARD.translate(CAPITALS)), out
    assert masked_kinds(out) == [("bank_card", "**** **** **** 0128")], out


def test_capital_numerals_in_amounts_and_names_stay():
    """The capitals are digits only digit by digit: an amount in words, a year, a surname stay."""
    for text in ("补助金额壹万贰仟叁佰元整", "收到人民币贰拾伍万元", "贰零贰伍年预算", "伍佰元", "陆师傅说路修好了"):
        assert scrub_text(text) == text


@pytest.mark.parametrize("body, kept", [
    ("邮箱zhangsan＠163.com", "@163.com"), ("邮箱 lisi#qq.com", "@qq.com"), ("wangwu(at)126.com", "@126.com"),
])
def test_email_forms_are_masked(body, kept):
    out = scrub_text(body)
    assert "zhangsan" not in out and "lisi" not in out and "wangwu" not in out and kept in out


def test_public_lines_officials_and_words_stay():
    for text in ("县财政局监督电话0731-84561234", "市民服务热线12345", "区人大代表周建华在审议时指出",
                 "副局长孙立平带队督查", "黄花菜种植基地", "王秀芳代表建议加大投入"):
        assert scrub_text(text) == text


def test_names_become_mou_forms_never_partial():
    assert scrub_text("本人欧阳志远，联系电话84561234") == "本人欧阳某某，联系电话****1234"
    assert scrub_text("经查王建国冒领补贴") == "经查王某某冒领补贴"


def test_mask_policy_visible_digits_is_bounded():
    assert mask("mobile", PHONE, visible=9) == "***-****-5678"  # never more than four
    assert mask("id_number", ID, visible=2) == "****************2X"
    deid = Deidentifier("k", user_text=True, visible_digits=0)
    assert deid.text(f"电话{PHONE}") == "电话***-****-****"


def test_every_mask_shape_reads_back_as_its_kind():
    samples = {"id_number": ID, "mobile": PHONE, "bank_card": "6222021234567890128", "landline": "0731-84567890",
               "email": "a.b@163.com", "plate": "湘A12345", "person_name": "欧阳秀英"}
    for kind, value in samples.items():
        assert [k for k, _v in masked_kinds("x" + mask(kind, value) + "x")] == [kind], kind
    assert masked_kinds("项目投资3000万元，完成80%") == []


def test_scrub_is_idempotent():
    once = scrub_text(f"村民王建国电话{PHONE}，身份证{ID}，住人民路88号2单元301室，卡号6222021234567890128")
    assert scrub_text(once) == once


def test_moderators_see_what_was_masked(tmp_path):
    app = make_portal(tmp_path)
    client = app.test_client()
    body = f"我是张晓燕，电话一三八 1234 5678，身份证{ID}，请核实补贴金额。"
    assert post_comment(client, body=body).status_code == 303
    create_staff(app, "mona", "moderator")
    mod = app.test_client()
    login(mod, "mona")
    page = mod.get("/admin/comments").get_data(as_text=True)
    assert "1234" not in page and "张晓燕" not in page and "19491231" not in page
    assert "已自动遮盖" in page and "手机号 1 处" in page and "身份证号 1 处" in page and "个人姓名 1 处" in page
    public = app.test_client().get(f"/projects/{PROJECT}/comments").get_data(as_text=True)
    assert "已自动遮盖" not in public


def test_visible_digits_is_a_parameter_and_the_setting_refuses_more_than_four(monkeypatch):
    """anonymize reads no environment: the portal's setting (portal/config.py) is passed in."""
    from portal.config import load_config

    assert scrub_text(f"电话{PHONE}", visible_digits=0) == "电话***-****-****"
    assert scrub_text(f"电话{PHONE}") == "电话***-****-5678"
    monkeypatch.setenv("ANONYMIZE_VISIBLE_DIGITS", "2")
    assert load_config()["ANONYMIZE_VISIBLE_DIGITS"] == 2
    for bad in ("5", "-1", "all"):
        monkeypatch.setenv("ANONYMIZE_VISIBLE_DIGITS", bad)
        with pytest.raises(ValueError, match="ANONYMIZE_VISIBLE_DIGITS"):
            load_config()
