"""What a masked identifier looks like, and reading the kinds back from masked text.

Mask policy (policy.VISIBLE_DIGITS, default 4, never more than 4):
- a number keeps at most its last four digits: 「***-****-5678」 (mobile), 「**************002X」 (ID),
  「**** **** **** 0128」 (bank card), 「****-****7890」 (landline). With four digits and nothing else a
  mobile number has 10⁷ candidates; the former 「138****5678」 left 10⁴, few enough to ring through
  with a name beside it. Four is what a person needs to recognise their own number and what bank
  statements print; fewer (down to 0) can be configured.
- a private person's name becomes their stable pseudonym (a payee the data knows) or surname + 「某某」
  (「张某某」「欧阳某某」): never a part of the given name, never a length hint.
- a plate keeps its province and city letter (「湘A*****」), an e-mail its domain (「***@163.com」).
- a QQ or WeChat account becomes 「（QQ号已隐去）」「（微信号已隐去）」: an account is looked up whole, so
  no part of it helps its owner and any part helps a searcher; other card codes (社保卡号…) keep at
  most four characters and always hide at least six.

Each kind's mask has its own shape, so ``masked_kinds`` can tell a moderator what was masked in
text that was scrubbed before it was stored (the raw text is never kept).
"""
import re
import unicodedata

from .names import COMPOUND_SURNAMES, SURNAMES
from .numbers import _CHINESE_DIGITS, _SEPARATORS
from .policy import VISIBLE_DIGITS

# Characters a written number holds besides its digits: separators, a country code's plus, brackets round an
# area code, a line break where a form's narrow field broke it.
_NUMBER_SEPARATORS = frozenset(_SEPARATORS) | frozenset("+＋\n\r\u3000/、")


def _digits(value):
    """The digits of a written number, one per digit position, read as numbers.digit_view reads them
    (full-width digits; 〇零一幺二两…九, and 洞 0 and 拐 7 as phone speech says them). A position the
    reading cannot be sure of (an OCR 「O」 or 「l」, a numeral no one maps) is None: masks show no digit
    at all then, as a digit shown there might be the wrong one or one from another position."""
    flat = unicodedata.normalize("NFKC", value)
    out = []
    for c in flat:
        if c in _CHINESE_DIGITS:
            out.append(_CHINESE_DIGITS[c])
        elif c.isascii() and c.isdigit():
            out.append(c)
        elif c in "Xx":
            out.append("X")
        elif c not in _NUMBER_SEPARATORS and not c.isspace():
            out.append(None)
    return out


def _tail(digits, visible, width):
    """``width`` characters: stars, then the last ``visible`` digits (none when a position is unread)."""
    if None in digits:
        visible = 0
    shown = digits[len(digits) - visible:] if visible else []
    return "*" * max(0, width - len(shown)) + "".join(shown)


def mask_number(kind, value, visible=VISIBLE_DIGITS):
    visible = max(0, min(4, visible))
    digits = _digits(value)
    if kind == "mobile":
        local = _tail(digits[-11:], visible, 11)
        return f"{local[:3]}-{local[3:7]}-{local[7:]}"
    if kind == "bank_card":
        return "**** **** **** " + _tail(digits, visible, 4)
    if kind == "landline":
        main = re.split(r"转|分机", value)[0]
        digits = _digits(main)
        if digits and digits[0] == "0" and len(digits) >= 10:
            area = 3 if digits[1] in "12" else 4
            return "*" * area + "-" + _tail(digits[area:], visible, len(digits) - area)
        return _tail(digits, visible, len(digits))
    return _tail(digits, visible, len(digits))


# Contact accounts are found by searching for them whole, so no part of one is worth keeping.
_ACCOUNT_MARKERS = {"qq": "（QQ号已隐去）", "wechat": "（微信号已隐去）"}


def mask(kind, value, visible=VISIBLE_DIGITS):
    """The published form of one private identifier (addresses and known names are handled by the
    Deidentifier: generalised / pseudonymised)."""
    if kind in ("id_number", "mobile", "bank_card", "landline"):
        return mask_number(kind, value, visible)
    if kind == "other_id" and len(value) > 1 and value.endswith("号"):
        return mask(kind, value[:-1].rstrip(), visible) + "号"  # 「…第072318号」: the closing 号 is no digit of it
    if kind in ("passport", "uscc", "other_id"):
        chars = [c for c in value if c.isalnum()]
        visible = max(0, min(4, visible))
        if kind == "other_id":  # short card codes: at least six characters stay hidden
            visible = min(visible, max(0, len(chars) - 6))
        return "*" * (len(chars) - visible) + "".join(chars[len(chars) - visible:] if visible else [])
    if kind == "email":
        domain = re.split(r"@|＠|#|\(at\)|\[at\]|\{at\}|\sat\s|艾特|圈a", value, flags=re.I)[-1].strip()
        # 「163 dot com」「qq点com」: the domain as the mail system reads it
        domain = re.sub(r"\s?(?:[。点]|\s(?i:dot)\s)\s?", ".", domain).replace(" ", "")
        return "***@" + domain
    if kind == "person_name":
        value = re.sub(r"[ \u3000]", "", value)  # a spaced-out name 「欧 阳 丽 娟」
        surname = 2 if value[:2] in COMPOUND_SURNAMES else 1
        # a nickname or a name with no Han surname (「六哥」「贡觉」) keeps nothing of itself
        return value[:surname] + "某某" if value[:surname] in SURNAMES or surname == 2 else "某某"
    if kind == "plate":
        return value[:2] + "*****"
    if kind in _ACCOUNT_MARKERS:
        return _ACCOUNT_MARKERS[kind]
    return "*" * len(value)


_SHAPES = [
    ("mobile", re.compile(r"\*{3}-\*{4}-[\d*]{4}")),
    ("bank_card", re.compile(r"\*{4} \*{4} \*{4} [\dX*]{4}")),
    ("landline", re.compile(r"\*{3,4}-\*{2,8}\d{0,4}(?![\d*])")),
    ("email", re.compile(r"\*{3}@[A-Za-z0-9.-]+")),
    ("plate", re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z]\*{5}")),
    ("address", re.compile(r"（详细地址已隐去）|(?<!\*)\*\*号")),  # 「石桥村**号」: a kept road, village or estate
    ("qq", re.compile(r"（QQ号已隐去）")),
    ("wechat", re.compile(r"（微信号已隐去）")),
    ("pseudonym", re.compile(r"(?:受助人|个人承包方|个人)[0-9A-F]{8}")),
    ("person_name", re.compile("(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])某某")),
    ("number", re.compile(r"(?<![\d*])\*{3,}[\dXx]{0,4}(?![\d*])")),
]


def _bare_kind(token):
    return {7: "landline", 8: "landline", 9: "passport", 15: "id_number"}.get(
        len(token), "id_number" if 18 <= len(token) <= 22 else "number")


def masked_kinds(text):
    """[(kind, masked text)] for every mask in already-scrubbed ``text``, left to right."""
    found, taken = [], []
    for kind, shape in _SHAPES:
        for m in shape.finditer(text or ""):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), _bare_kind(m.group(0)) if kind == "number" else kind, m.group(0)))
    return [(kind, value) for _pos, kind, value in sorted(found)]
