"""Recognizers for validated direct identifiers in free text.

A hand-written registry rather than Microsoft Presidio: presidio-analyzer hard-requires spaCy
(plus numpy, pydantic, tldextract) even when only pattern recognizers are used, which is far
heavier than the ~200 lines below, and its regex/validation/context model is what this file does.

Each recognizer is a precompiled pattern plus a validator. Digit look-arounds replace ``\\b``,
which does not separate Han characters from digits in Python regex.
"""
import re
from dataclasses import dataclass
from typing import Callable

from .validators import (plausible_card_prefix, uscc_is_individual_business, valid_id15, valid_id18,
                         valid_luhn, valid_uscc)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    value: str
    source: str = "pattern"


# A number is a money amount / decimal when a decimal point or a currency unit touches it.
_NOT_AMOUNT_AFTER = r"(?!\.?\d)(?!\s*(?:[万亿千百]?元|块钱|圆|%|％|公里|米|平方|吨|亩|户(?![名主籍口])|人(?![民员])|个|件|号(?:文|令)))"
_NOT_AMOUNT_BEFORE = r"(?<![\d.¥￥$])"

# Words in the ten characters before a number that say what it is.
POSITIVE_CUES = {
    "id_number": ("身份证", "证件", "公民身份", "身份号"),
    "mobile": ("电话", "手机", "联系", "致电", "来电", "号码", "Tel", "TEL", "tel", "微信"),
    "landline": ("电话", "座机", "联系", "致电", "来电", "号码", "Tel", "TEL", "tel", "传真"),
    "bank_card": ("卡号", "账号", "银行", "账户", "帐号", "帐户", "存折"),
    "passport": ("护照", "通行证", "回乡证", "旅行证", "证件"),
}
NEGATIVE_CUES = ("合同", "编号", "凭证", "单号", "流水", "订单", "批次", "项目代码", "文号", "发票", "代码",
                 "编码", "序号", "批号", "工单", "金额", "合计", "预算", "支出", "资金", "投资", "拨付", "￥", "¥")


def _cue_verdict(text, start, kind, window=12):
    """+1 when a positive cue is the nearest cue before the match, -1 for a negative one, 0 for none."""
    before = text[max(0, start - window):start]
    best_pos, verdict = -1, 0
    for cue in POSITIVE_CUES.get(kind, ()):
        pos = before.rfind(cue)
        if pos > best_pos:
            best_pos, verdict = pos, 1
    for cue in NEGATIVE_CUES:
        pos = before.rfind(cue)
        if pos > best_pos:
            best_pos, verdict = pos, -1
    return verdict


def _digits(value):
    return "".join(c for c in value if c.isdigit() or c in "Xx")


def _id_number(text, m):
    value = _digits(m.group(0))
    if len(value) == 18:
        return valid_id18(value) and _cue_verdict(text, m.start(), "id_number") >= 0
    return valid_id15(value) and _cue_verdict(text, m.start(), "id_number") >= 0


def _mobile(text, m):
    return _cue_verdict(text, m.start(), "mobile") >= 0


def _landline(text, m):
    raw = m.group(0)
    separated = any(c in raw for c in "-（( )")
    verdict = _cue_verdict(text, m.start(), "landline")
    return verdict > 0 or (separated and verdict == 0)


def _bank_card(text, m):
    value = _digits(m.group(0))
    if not (16 <= len(value) <= 19 and valid_luhn(value)):
        return False
    if _cue_verdict(text, m.start(), "id_number") > 0:
        return False  # a mistyped resident ID, not a card
    verdict = _cue_verdict(text, m.start(), "bank_card")
    return verdict > 0 or (verdict == 0 and plausible_card_prefix(value))


def _passport(text, m):
    value = m.group(0).upper()
    if value[0] == "E" and (value[1:].isdigit() and len(value) == 9 or value[2:].isdigit() and len(value) == 9):
        return _cue_verdict(text, m.start(), "passport") >= 0  # e-passport shapes are distinctive
    return _cue_verdict(text, m.start(), "passport", window=16) > 0


def _uscc(text, m):
    value = m.group(0).upper()
    return valid_uscc(value) and uscc_is_individual_business(value)


def _email(text, m):
    domain = m.group(0).rsplit("@", 1)[1].lower()
    return not domain.endswith(".gov.cn")  # institutional mailboxes of public bodies are public


_PROVINCE_ABBR = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"


@dataclass(frozen=True)
class Recognizer:
    kind: str
    pattern: re.Pattern
    validate: Callable
    priority: int  # higher wins when two recognizers claim overlapping text


RECOGNIZERS = [
    Recognizer("id_number", re.compile(
        _NOT_AMOUNT_BEFORE + r"(?<![A-Za-z\d])(?:\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx]|\d{15})(?![\dA-Za-z])"
        + _NOT_AMOUNT_AFTER), _id_number, 90),
    Recognizer("uscc", re.compile(
        r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])"), _uscc, 85),
    Recognizer("bank_card", re.compile(
        _NOT_AMOUNT_BEFORE + r"(?<![A-Za-z\d-])\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?(?![\dA-Za-z])"
        + _NOT_AMOUNT_AFTER), _bank_card, 80),
    Recognizer("mobile", re.compile(
        _NOT_AMOUNT_BEFORE + r"(?<![A-Za-z\d-])(?:(?:\+|00)?86[ -]?|[(（]\+?86[)）][ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}"
        r"(?![\dA-Za-z])" + _NOT_AMOUNT_AFTER), _mobile, 70),
    Recognizer("landline", re.compile(
        _NOT_AMOUNT_BEFORE + r"(?<![A-Za-z\d-])(?:[(（]0\d{2,3}[)）][ -]?|0\d{2,3}[ -]|0\d{2,3})[2-9]\d{2,3}[ -]?\d{4}"
        r"(?:(?:-|转)\d{1,5})?(?![\dA-Za-z])" + _NOT_AMOUNT_AFTER), _landline, 60),
    Recognizer("email", re.compile(
        r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
        _email, 75),
    Recognizer("passport", re.compile(
        r"(?<![0-9A-Za-z])(?:[EeGg]\d{8}|[Ee][A-HJ-NP-Za-hj-np-z]\d{7}|[PpSsDd]\d{7}|[Cc][0-9A-HJ-NP-Za-hj-np-z]\d{7}"
        r"|[HhMm]\d{8}(?:\d{2})?)(?![0-9A-Za-z])"), _passport, 65),
    Recognizer("plate", re.compile(
        "[" + _PROVINCE_ABBR + r"][A-HJ-NP-Z][·•.\s]?(?=[A-HJ-NP-Z0-9]{0,5}\d)[A-HJ-NP-Z0-9]{4}"
        r"(?:[A-HJ-NP-Z0-9]{1,2}|[挂学警])(?![A-Za-z0-9])"), lambda text, m: True, 55),
]


def find_identifiers(text):
    """Validated direct identifiers in ``text`` (possibly overlapping; resolve with ``resolve``)."""
    spans = []
    for rec in RECOGNIZERS:
        for m in rec.pattern.finditer(text):
            if rec.validate(text, m):
                spans.append((rec.priority, Span(m.start(), m.end(), rec.kind, m.group(0))))
    return spans


def resolve(prioritised):
    """Non-overlapping spans: higher priority first, then longer, then leftmost."""
    chosen = []
    for _p, span in sorted(prioritised, key=lambda ps: (-ps[0], -(ps[1].end - ps[1].start), ps[1].start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)
