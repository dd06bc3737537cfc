"""The ways issue #12 (item 3) wrote a phone, ID or card number or an e-mail address to get it published
unmasked, one text per form, and a check that none of those numbers is readable in what the portal shows
or stores. Used end to end by the comment, inquiry and question-log tests."""
import re

PHONE = "13812345678"
ID = "11010519491231002X"
CARD = "6222021234567890128"  # UnionPay, valid Luhn digit
EMAIL_USERS = ("zhangsan", "lisi", "wangwu")

_READINGS = {
    "ascii": str.maketrans("", ""),
    "full-width": str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"),
    "numerals": str.maketrans("0123456789", "零一二三四五六七八九"),
    "circle zero": str.maketrans("0123456789", "〇一二三四五六七八九"),
    "capitals": str.maketrans("0123456789", "零壹贰叁肆伍陆柒捌玖"),
}


def _in(number, reading):
    return number.translate(_READINGS[reading])


def _groups(number, sizes, separator):
    groups, at = [], 0
    for size in sizes:
        groups.append(number[at:at + size])
        at += size
    return separator.join([*groups, number[at:]] if number[at:] else groups)


FORMS = [
    "电话" + _in(PHONE, "full-width"),
    "电话" + _in(PHONE, "numerals"),
    "手机" + _groups(PHONE, (3, 4), "."),
    "手机" + _groups(PHONE, (3, 4), "—"),
    "手机" + _groups(PHONE, (3, 4), "\u3000"),
    "补贴金额不对，回电" + PHONE,
    "编号" + PHONE + "是我手机",
    "身份证" + _in(ID, "full-width"),
    "身份证" + _in(ID[:17], "numerals") + "X",
    "身份证" + _groups(ID, (6, 8), "—"),
    "身份证" + _groups(ID, (6, 8), "\u3000"),
    "身份证" + _groups(ID, (6, 8), "."),
    "金额" + ID,
    "卡号" + _in(CARD, "full-width"),
    "卡号" + _in(CARD, "numerals"),
    "卡号" + _in(CARD, "capitals"),
    "卡号" + _groups(CARD, (4, 4, 4, 4), "."),
    "卡号" + _groups(CARD, (4, 4, 4, 4), "—"),
    "卡号" + _groups(CARD, (4, 4, 4, 4), "\u3000"),
    "补贴金额" + CARD,
    "编号" + CARD,
    "邮箱zhangsan＠163.com",
    "邮箱 lisi#qq.com",
    "wangwu(at)126.com",
]


def _windows(text, size):
    return {text[i:i + size] for i in range(len(text) - size + 1)}


def secret_pieces(size=5):
    """Every ``size``-character piece of every reading of the three numbers, and the e-mail names."""
    pieces = set(EMAIL_USERS)
    for number in (PHONE, ID, CARD):
        for reading in _READINGS:
            pieces |= _windows(_in(number, reading), size)
    return pieces


def _flat(text):
    """Blanks and the separators of FORMS removed, so a number split by them reads whole again."""
    return re.sub(r"[\s\u3000.．—－-]", "", text)


def leaks(text, baseline="", size=5):
    """The secret pieces ``text`` shows (more than four digits in a row, in any reading, separators
    ignored), less those ``baseline`` already showed (a page's own figures, tokens, dates)."""
    flat, known = _flat(text), _flat(baseline)
    return sorted(piece for piece in secret_pieces(size) if piece in flat and piece not in known)
