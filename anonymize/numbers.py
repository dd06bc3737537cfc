"""Phone, ID and bank-card numbers in the forms people write them.

Detection runs on a *digit view* of the text that has the same length as the text, so offsets map
back one to one: full-width digits and Chinese numerals (〇零一幺二两三…九) become ASCII digits,
separators people put inside numbers (spaces, ideographic spaces, dots, dashes and em-dashes, middle
dots, underscores) become a blank, everything else a stop. List-cell separators — an ideographic
space, a tab, two or more spaces — are stops too (``cell_view``), except between short groups
(「139　1234　5678」) or inside a split ID or card; and a group that is a complete number on its own
is never merged with its neighbours (``_segments``). A *run* is a sequence of digit groups
joined by at most ``_MAX_GAP`` separator characters; every contiguous slice of a run's groups is
tried, so two numbers written side by side (「0731-8456 7890 138 1234 5678」) are both found and one
digit at a time (「1 3 8 …」) is one number.

Cue words decide look-alikes in publication text (a contract number after 「编号」 stays); in user
text (comments, questions) they never switch detection off: there is no contract register there,
and an attacker chooses the words around a number.
"""
import re
import unicodedata
from dataclasses import dataclass

from .validators import plausible_card_prefix, valid_id15, valid_id18, valid_luhn

# (○, a white circle, is typed for 〇; 洞 is how radio and phone speech says 0 and 拐 says 7: 「幺三洞拐…」)
_CHINESE_DIGITS = {"〇": "0", "○": "0", "洞": "0", "零": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4",
                   "五": "5", "六": "6", "七": "7", "拐": "7", "八": "8", "九": "9"}
# The financial capitals (大写, with the traditional 貳參陸) spell a number digit by digit just as well:
# 「陆贰贰贰零贰…」 is a card. Only beside another numeral, like the rest: 「壹万贰仟元」 has units between
# its capitals and stays an amount, and the surnames 陆 and 伍 alone are words.
_CHINESE_DIGITS |= {"壹": "1", "贰": "2", "貳": "2", "叁": "3", "參": "3", "肆": "4", "伍": "5", "陆": "6", "陸": "6",
                    "柒": "7", "捌": "8", "玖": "9"}
_SEPARATORS = frozenset(" \u00a0\u3000\t-‐‑‒–—―－.．·・•_﹣()（）")
_MAX_GAP = 3
_RUN = re.compile(r"\d(?: {0,%d}[\dX])*" % _MAX_GAP)
_GROUP = re.compile(r"[\dX]+")

POSITIVE_CUES = {
    "id_number": ("身份证", "证件", "公民身份", "身份号", "残疾证", "残疾人证", "社保卡", "户口", "社会保障号", "社保号"),
    "mobile": ("电话", "手机", "联系", "致电", "来电", "回电", "回访", "号码", "微信", "同号", "打", "拨", "call", "Tel", "TEL", "tel"),
    "landline": ("电话", "座机", "联系", "致电", "来电", "回电", "号码", "打", "拨", "热线", "传真", "Tel", "TEL", "tel"),
    "bank_card": ("卡号", "账号", "银行", "账户", "帐号", "帐户", "存折", "一卡通"),
}
NEGATIVE_CUES = ("合同", "编号", "凭证", "单号", "流水", "订单", "批次", "项目代码", "文号", "发票", "代码",
                 "编码", "序号", "批号", "工单", "金额", "合计", "预算", "支出", "资金", "投资", "拨付", "￥", "¥")
# Letters glued to a number that say "this is my contact": wx13812345678, vx:…, tel…, V…
_CONTACT_PREFIX = re.compile(r"(?i)(?:wx|vx|v|wechat|weixin|tel|phone|mobile|mob|call|qq)\s*[:：]?\s*$")
_AMOUNT_AFTER = re.compile(r"[ \u00a0]?(?:[万亿千百]?元|块|圆|%|％|公里|千米|米|平方|吨|亩|个|件|台|套|户(?![名主籍口])|人(?![民员])"
                           r"|号(?:文|令)|年|月|日|次|kg|km|m²)")
_AMOUNT_BEFORE = re.compile(r"[¥￥$]\s?$|第\s?$")
_DECIMAL_TAIL = re.compile(r"[.．]\d{1,2}$")


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    kind: str
    digits: str


def _numeral_neighbour(text, i):
    """Another Chinese numeral beside position ``i`` (separators skipped): 「幺三八」 is a number,
    the lone 一 of 「2827一直关机」 or 「一户」 is a word."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(text) and text[j] in _SEPARATORS:
            j += step
        if 0 <= j < len(text) and text[j] in _CHINESE_DIGITS:
            return True
    return False


def digit_view(text):
    """Same-length copy: digits → 0-9, X/x after a digit → X, separators → blank, the rest → #.
    A Chinese numeral is a digit only beside another one (a lone 一 is the word 「一」)."""
    out = []
    for i, ch in enumerate(text):
        if ch in _CHINESE_DIGITS:
            out.append(_CHINESE_DIGITS[ch] if _numeral_neighbour(text, i) else "#")
        elif ch in _SEPARATORS:
            out.append(" ")
        elif ch.isdigit() or ch in "Xx":
            norm = unicodedata.normalize("NFKC", ch)
            out.append(norm if norm.isascii() and norm.isdigit() else "X" if norm in "Xx" else "#")
        elif ch in "ＸｘＩ":
            out.append("X" if ch != "Ｉ" else "#")
        else:
            out.append("#")
    return "".join(out)


# (a doubled em-dash separates a notice's cells: 「…47号——180-5430-2144——800元」)
_CELL_BREAK = re.compile(r"[\u3000\t]+|[ \u00a0]{2,}|[—―]{2,}")
_GROUP_BEFORE = re.compile(r"[\dX]+$")


def _run_start(view, end):
    """Where the run of digits (and X) that ends at ``end`` starts: scanning back from ``end`` keeps
    cell_view linear (a search from the text's start at every cell break was quadratic on long pages)."""
    start = end
    while start and (view[start - 1].isdecimal() or view[start - 1] == "X"):
        start -= 1
    return start


def cell_view(text, view):
    """The digit view with list-cell boundaries made stops: an ideographic space, a tab or two and
    more spaces end a number (「王某　女　<ID>　300元」 are four cells, not one long digit run); a
    single space, a dash or a dot may still sit inside one (「138 1234 5678」). The wide blank is
    still one number's separator between two short groups (at most four digits each:
    「138　1234　5678」) and inside groups that only together make a valid number and none of which
    is one alone (「500103　196506187475」)."""
    out = list(view)
    for m in _CELL_BREAK.finditer(text):
        before = _GROUP_BEFORE.match(view, _run_start(view, m.start()), m.start())
        after = _GROUP.match(view, m.end())
        short = len(before.group(0)) <= 4 and len(after.group(0)) <= 4 and not _AMOUNT_AFTER.match(text, after.end()) \
            if before and after else False
        if before and after and (short or _joins_into_number(text, view, before.start(), after.end())):
            continue
        if m.group(0)[0] in "—―" and before and re.fullmatch(r"0\d{2,3}", before.group(0)):
            continue  # 「0453——6287715」: an area code and its number
        out[m.start():m.end()] = "#" * (m.end() - m.start())
    return "".join(out)


def _joins_into_number(text, view, left, right):
    """Some slice of the groups around a wide blank (from ``left`` to ``right`` at least) is a
    complete ID or card while none of its groups is one on its own."""
    run = next((r for r in _RUN.finditer(view) if r.start() <= left and right <= r.end()), None)
    if run is None:
        return False
    groups = _groups(view, run.start(), run.end())
    if any(_complete(g[2]) for g in groups if left <= g[0] < right):
        return False
    for i, first in enumerate(groups):
        if first[0] > left:
            break
        digits = ""
        for last in groups[i:]:
            digits += last[2]
            if len(digits) > 19 or any(_complete(g[2]) for g in groups if first[0] <= g[0] <= last[0]):
                break
            if last[1] >= right and len(digits) >= 16 and _complete(digits) and not _AMOUNT_AFTER.match(text, last[1]):
                return True
    return False


def _complete(digits):
    """A group that is a whole valid number on its own: never merged with its neighbours."""
    n = len(digits)
    if n == 18 and valid_id18(digits):
        return True
    if "X" in digits:
        return False
    if 16 <= n <= 19 and valid_luhn(digits) and plausible_card_prefix(digits):
        return True
    return n == 11 and bool(re.fullmatch(r"1[3-9]\d{9}", digits))


def _groups(view, start, end):
    return [(m.start(), m.end(), m.group(0)) for m in _GROUP.finditer(view, start, end)]


# A list's header names a contact or account column: 「序号  姓名  电话  住址  发放金额」「姓名｜手机｜金额」.
_HEADER_CUES = {"mobile": ("电话", "手机", "联系方式"), "landline": ("电话", "座机", "联系方式"),
                "bank_card": ("卡号", "账号", "帐号", "银行账户")}


def _header_cue(text, start, kind):
    """The number stands in a row below a short header line (no digits) that names its column's kind;
    the header's other words (「发放金额」) then say nothing about this cell."""
    line_start = text.rfind("\n", 0, start) + 1
    if not line_start or kind not in _HEADER_CUES:
        return False
    for line in reversed(text[:line_start - 1].split("\n")[-30:]):
        if not re.search(r"[0-9０-９]", line):
            return len(line.strip()) <= 60 and any(cue in line for cue in _HEADER_CUES[kind])
    return False


# A table's cell boundaries: a bar, slash, semicolon, tab, ideographic space, two blanks, brackets 【】, a
# full-width comma, or a comma that is no thousands separator (「1,159.00元」 is one cell).
_COLUMN_SEP = re.compile(r"\s*(?:[|｜丨¦;；/\t\u3000，【】]|(?<![0-9]),|,(?![0-9]{3}(?![0-9]))| {2,})+\s*")


def _column_header(text, line_start, start):
    """The header cell above the cell that holds ``start``: the nearest line above without digits, cut
    into as many cells as the row (a row of another shape says nothing)."""
    line_end = text.find("\n", start)
    row = text[line_start:len(text) if line_end < 0 else line_end]
    for line in reversed(text[:line_start - 1].split("\n")[-30:]):
        if re.search(r"[0-9０-９]", line):
            continue
        header = [c for c in _COLUMN_SEP.split(line) if c]
        cells = [c for c in _COLUMN_SEP.split(row) if c]
        index = len([c for c in _COLUMN_SEP.split(text[line_start:start])[:-1] if c])
        if len(cells) == len(header) + 1 and cells[0].isdigit():
            cells, index = cells[1:], index - 1  # a row number under no 「序号」
        if len(header) < 3 or len(header) != len(cells) or index < 0:
            return ""
        return header[index]
    return ""


def _cue_verdict(text, start, kind, user_text, window=12):
    """+1 when a positive cue is the nearest cue before ``start``, -1 for a negative one, 0 for none.
    In user text negative cues are ignored. In a list row, cues on the row itself decide first, then
    the header's column name, then the nearest cue in the lines before. A cell deep in a row with no
    cue of its own reads the name of its column in the header (「…丨金额丨银行卡号丨…」)."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start > start - window and _header_cue(text, start, kind):
        return _nearest_cue(text[line_start:start], kind, user_text) or 1
    verdict = _nearest_cue(text[max(0, start - window):start], kind, user_text)
    if verdict == 0 and line_start and kind in _HEADER_CUES and _header_cue(text, start, kind):
        column = _column_header(text, line_start, start)
        return int(any(cue in column for cue in _HEADER_CUES[kind]))
    return verdict


def _nearest_cue(before, kind, user_text):
    best, verdict = -1, 0
    for cue in POSITIVE_CUES.get(kind, ()):
        pos = before.rfind(cue)
        if pos > best:
            best, verdict = pos, 1
    if _CONTACT_PREFIX.search(before):
        return 1
    if not user_text:
        for cue in NEGATIVE_CUES:
            pos = before.rfind(cue)
            if pos > best and not _spent_on_its_line(before, pos):
                best, verdict = pos, -1
    return verdict


def _spent_on_its_line(before, pos):
    """A negative cue on an earlier line that already has its number after it (「…，¥8,660⏎X，6217…」:
    the previous row's amount) says nothing about a number on the next line."""
    newline = before.find("\n", pos)
    return newline >= 0 and bool(re.search(r"[0-9０-９]", before[pos:newline]))


def _is_amount(text, start, end):
    if _AMOUNT_BEFORE.search(text[max(0, start - 2):start]):
        return True
    if _AMOUNT_AFTER.match(text, end):
        return True
    return bool(_DECIMAL_TAIL.search(text[start:end]) and re.match(r"\s?[万亿]?元", text[end:end + 3]))


# (「…0522 1961，145-6113…」: three digits that a dash joins to more digits open the next cell's
# number, not the thousands of an amount)
_THOUSANDS_OR_CENTS = re.compile(r"[,，][0-9]{3}(?![0-9]|[-－—‐][0-9])|[.．][0-9]{1,2}(?![0-9])")


def _amount_after_space(text, gap_start, start, end):
    """「6222…0128 1,200.00」: after a blank, a group written with a thousands separator or cents is
    the amount in the next column of a list row, not more digits of the number before it. An amount's
    leading group before a thousands separator has one to three digits and no X (「… 402X，943.00」 is an
    ID's last group and the next cell)."""
    if _THOUSANDS_OR_CENTS.match(text, end) and text[end] in ",，" and not re.fullmatch(r"\d{1,3}", text[start:end]):
        return False
    return " " in text[gap_start:start].replace("\u3000", " ").replace("\t", " ") \
        and bool(_THOUSANDS_OR_CENTS.match(text, end))


_PSEUDONYM_BEFORE = re.compile(r"(?:受助人|个人承包方|个人)$")


def _pseudonym(text, start, end, digits):
    """「受助人86356310」: a keyed pseudonym whose eight hex digits happen to be all decimal."""
    return len(digits) == 8 and end - start == 8 and bool(_PSEUDONYM_BEFORE.search(text[max(0, start - 5):start])) \
        and not re.match(r"[0-9A-Fa-f]", text[end:end + 1])


def _glued_code(text, start, end):
    """Letters directly before or after: part of a code (HT13907654321, XM2025…), unless the letters
    are a contact prefix (wx13812345678)."""
    before = text[start - 1:start] if start else ""
    after = text[end:end + 1]
    glued_before = before.isascii() and before.isalpha() and not _CONTACT_PREFIX.search(text[max(0, start - 8):start])
    return glued_before or (after.isascii() and after.isalpha())


def _id_inside(digits):
    """An 18-digit resident ID (ISO 7064 MOD 11-2) inside a longer code: a 残疾证号 is the ID plus
    two digits of category and grade."""
    for offset in range(0, len(digits) - 17):
        if valid_id18(digits[offset:offset + 18]):
            return True
    return False


def classify(digits, text, start, end, user_text):
    """The kind of one candidate number (ASCII digits, maybe a final X), or None."""
    n = len(digits)
    if n == 18 and valid_id18(digits) or 18 < n <= 22 and _id_inside(digits):
        return "id_number"
    if "X" in digits or digits[0] == "X":
        return None
    cue = {kind: _cue_verdict(text, start, kind, user_text) for kind in ("id_number", "mobile", "landline", "bank_card")}
    if n == 15 and valid_id15(digits) and cue["id_number"] >= 0:
        return "id_number"
    if 16 <= n <= 19 and valid_luhn(digits) and (cue["id_number"] <= 0 or cue["bank_card"] > 0):
        if cue["bank_card"] > 0 or (cue["bank_card"] == 0 and plausible_card_prefix(digits)):
            return "bank_card"
    if 16 <= n <= 20 and cue["id_number"] <= 0 and _PASSBOOK_CUE.search(text[max(0, start - 10):start]):
        return "bank_card"
    if 16 <= n <= 19 and _unchecked_card(digits, text, start, cue):
        return "bank_card"
    if 16 <= n <= 19 and cue["id_number"] <= 0 and _payee_account(text, start, end):
        return "bank_card"
    mobile = re.fullmatch(r"(?:0{0,2}86)?(1[3-9]\d{9})", digits)
    if mobile and cue["mobile"] >= 0:
        return "mobile"
    return _landline(digits, text, start, end, cue["landline"], user_text)


# 「卡号」「账户」「打入…本人账户」 right before the digits: the number is named as an account.
_ACCOUNT_CUE = re.compile(r"(?:卡号|账号|帐号|账户|帐户|银行卡|存折|一卡通)(?:号码|号)?\s?(?:是|为)?\s?[:：（(]?\s?$")


def _unchecked_card(digits, text, start, cue):
    """A card number whose check digit fails (a typo, or a test card) is still a card: when an
    account cue names it, or, with no cue either way, when it has the shape of a UnionPay card
    (62 and 16 or 19 digits: the lengths UnionPay issues; contract and project codes carry
    letters or dashes, amounts a unit, and both a negative cue word)."""
    if cue["id_number"] > 0 and cue["bank_card"] <= 0:
        return False
    if _ACCOUNT_CUE.search(text[max(0, start - 12):start]) or cue["id_number"] <= 0 and _account_column(text, start):
        return True  # (a column headed 「卡号」 holds a credit cooperative's 17-digit accounts too)
    return cue["bank_card"] >= 0 and cue["id_number"] <= 0 and len(digits) in (16, 19) and digits[:2] == "62" \
        and digits[2] in "12345678"


def _account_column(text, start):
    """The number's cell stands under a header cell that names an account (「"姓名","金额","卡号"」)."""
    line_start = text.rfind("\n", 0, start) + 1
    if not line_start or not _header_cue(text, start, "bank_card"):
        return False
    column = _column_header(text, line_start, start)
    return any(cue in column for cue in _HEADER_CUES["bank_card"])


# A payment list's row: the account fills a cell of its own beside the row's amount (「1 X 村2社7号 ¥1450
# 01055549321671743」「X｜…｜¥1930｜0398…」). A bank's or a credit cooperative's account has 16 to 19 digits,
# Luhn or not (passbooks, 17-digit accounts); a code in such a row has its cue word (编号, 合同, 流水…).
_ROW_AMOUNT = re.compile(r"[¥￥]\s?[0-9]|[0-9](?:,[0-9]{3})*(?:\.[0-9]{1,2})?\s?元|(?<![0-9.])[0-9]+\.[0-9]{2}(?![0-9])")
_CELL_EDGE = " \t|｜丨¦,，;；\"“”\u3000"
_AMOUNT_CUES = ("金额", "合计", "预算", "支出", "资金", "投资", "拨付", "￥", "¥")


def _payee_account(text, start, end):
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start], text[end:line_end]
    if before and before[-1] not in _CELL_EDGE or after and after[0] not in _CELL_EDGE:
        return False
    if re.match(r"[ \u3000]?[0-9]", after):
        return False  # the number goes on after a blank
    previous = before.rstrip(_CELL_EDGE).split()[-1:] if before.strip(_CELL_EDGE) else []
    if previous and re.fullmatch(r"[0-9]+", previous[0]) and before[-1] == " ":
        return False  # the number began before a blank (an amount has its ¥, 元 or cents)
    row = before + " " + after
    if not _ROW_AMOUNT.search(row) or not re.search(r"[\u4e00-\u9fff]", row):
        return False
    if any(cue in before for cue in NEGATIVE_CUES if cue not in _AMOUNT_CUES):
        return False
    column = _column_header(text, line_start, start) if line_start else ""
    if not column and line_start and _table_header_above(text, line_start):
        return False  # a row of another shape than its table's header says nothing
    return not any(cue in column for cue in NEGATIVE_CUES if cue not in _AMOUNT_CUES)


def _table_header_above(text, line_start):
    """The nearest line above without digits is a table's header of three cells or more."""
    for line in reversed(text[:line_start - 1].split("\n")[-30:]):
        if not re.search(r"[0-9０-９]", line):
            return len([c for c in _COLUMN_SEP.split(line) if c]) >= 3
    return False


# 「来电时间：2026.3.19」「（2026-02-03 09:14）」: a date written with separators, whatever cue stands before it.
_WRITTEN_DATE = re.compile(r"(?:19|20)\d{2}([.．\-－/])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])")


def _landline(digits, text, start, end, cue, user_text):
    raw = text[start:end]
    if _WRITTEN_DATE.fullmatch(unicodedata.normalize("NFKC", raw)):
        return None
    if re.fullmatch(r"0(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}(?:\d{1,5})?", digits):
        area = 3 if digits[1] in "12" else 4
        if len(digits) - area not in (7, 8) and not re.search(r"\D\d{1,5}$", raw):
            return None
        separated = bool(re.search(r"\D", raw)) or text[start - 1:start] in "(（"
        return "landline" if cue > 0 or (cue == 0 and (separated or user_text)) else None
    if re.fullmatch(r"[2-9]\d{6,7}", digits) and cue > 0:
        near = text[max(0, start - 5):start]
        date_like = re.fullmatch(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])", digits)
        if not date_like or re.search("|".join(POSITIVE_CUES["landline"]), near):
            return "landline"
    return None


# A passbook or 一卡通 account is named by its cue word, whatever its check digit (many are not Luhn).
_PASSBOOK_CUE = re.compile(r"(?:存折|一卡通)(?:账号|帐号|号码|卡号|号)?\s?(?:是|为)?\s?[:：（(]?\s?$")
# 「电话1390817\n2265」「手机 159 2046\n3318」「收款账号：6214 8301 2345\n6789 01x」: a number broken by a
# line break in a narrow column or an OCR'd form; its pieces may be spaced or dashed.
_BROKEN = re.compile(r"(?<![0-9])([0-9](?:[0-9]|[ -](?=[0-9]))*)[ \t-]*\r?\n[ \t]*([0-9](?:[0-9]|[ -](?=[0-9]))*[Xx]?)(?![0-9])")


def _broken_kind(digits, text, start, user_text):
    """What the joined digits are, each kind by its own proof: an ID or a card by its check digit, a
    mobile by a cue word before it."""
    if len(digits) == 18 and valid_id18(digits):
        return "id_number"
    if 16 <= len(digits) <= 19 and (valid_luhn(digits) and plausible_card_prefix(digits)
                                    or _ACCOUNT_CUE.search(text[max(0, start - 12):start])):
        return "bank_card"
    if re.fullmatch(r"1[3-9]\d{9}", digits) and _cue_verdict(text, start, "mobile", user_text) > 0:
        return "mobile"
    return None


def _split_numbers(text, user_text):
    """Numbers broken over a line break: the last pieces before it and the first after it, joined,
    when the pieces before it are no complete number on their own."""
    # (digits in Chinese numerals too: 「手机是一五九⏎四六七三零二一八」)
    view = "".join(d if d.isdigit() else unicodedata.normalize("NFKC", c) if c in "－Ｘ" else c
                   for c, d in zip(text, digit_view(text)))
    out = []
    for m in _BROKEN.finditer(view):
        left = [p for p in re.finditer(r"[0-9]+", m.group(1))]
        right = [p for p in re.finditer(r"[0-9]+[Xx]?", m.group(2))]
        found = None
        for i in range(len(left)):
            for j in range(len(right), 0, -1):
                head, tail = "".join(p.group(0) for p in left[i:]), "".join(p.group(0) for p in right[:j])
                start = m.start(1) + left[i].start()
                kind = None if _complete(head) else _broken_kind((head + tail).upper(), text, start, user_text)
                if kind:
                    found = found or (kind, start, m.start(2) + right[j - 1].end(), (head + tail).upper())
        if found:
            kind, start, end, digits = found
            out.append((_PRIORITY[kind], Number(start, end, kind, digits)))
    return out


_PRIORITY = {"paired_id": 91, "id_number": 90, "paired_mobile": 85, "bank_card": 80, "mobile": 70, "landline": 60}


def _grouped_ids(groups):
    """(first, last) group indexes of each resident ID written in several groups (「610636 19880809 402X」,
    6-8-4 or 6-4-4-4), left to right without overlap: the ID's province, birth-date and check-digit
    tests pass about one random 18-digit string in 2,000, so the groups they join are one number."""
    out, i = [], 0
    while i < len(groups):
        digits, found = "", None
        for j in range(i, len(groups)):
            digits += groups[j][2]
            if len(digits) >= 18:
                found = j if j > i and len(digits) == 18 and valid_id18(digits) else None
                break
        if found is None:
            i += 1
        else:
            out.append((i, found))
            i = found + 1
    return out


# An address's word right after a short group: the group opens a house number 「5巷3号」「7栋」, not a grade.
_HOUSE_WORD_AFTER = re.compile(r"[ \u3000]?(?:巷|号|號|栋|棟|幢|座|楼|樓|房|室|组|組|队|隊|村|街|路|弄|坊|单元|單元)")


def _segments(text, groups):
    """A run's groups cut where an amount column begins (``_amount_after_space``), around a group
    that is a complete number on its own after or before a blank (``_complete``) and around an ID
    written in groups (``_grouped_ids``: 「<ID in 6-8-4> 6222 0399 0964 8470 293」 is an ID and a card, not
    one 22-digit code holding an ID); a 残疾证号 (an ID and two digits of category and grade,
    「…1871 52」) stays whole."""
    grouped = _grouped_ids(groups)
    id_ends = {last + 1 for _first, last in grouped}
    id_edges = id_ends | {first for first, _last in grouped}
    segment = [groups[0]]
    for index, (prev, group) in enumerate(zip(groups, groups[1:]), 1):
        blank = any(c in " \u00a0()（）" for c in text[prev[1]:group[0]])
        # (a tab or a wide blank kept inside the run by cell_view: 「<ID in 6-8-4>\t2854」 is the ID and an amount)
        wide = blank or any(c in "\u3000\t" for c in text[prev[1]:group[0]])
        whole_id_before = valid_id18(prev[2]) or index in id_ends
        # (「<ID> 5巷3号」: a house number in the next cell is no grade)
        disability_grade = len(group[2]) <= 2 and whole_id_before and not _is_amount(text, group[0], group[1]) \
            and not _HOUSE_WORD_AFTER.match(text, group[1])
        # (「¥1450 0105…」: an amount marked by its currency sign ends at the blank; the row's next cell follows)
        priced = blank and len(group[2]) >= 4 and _AMOUNT_BEFORE.search(text[max(0, prev[0] - 2):prev[0]]) is not None
        # (「139-0020-7558 2026年3月9日」: a date's year after a blank is the next cell, not the number's digits)
        dated = blank and re.fullmatch(r"(?:19|20)\d{2}", group[2]) is not None and text[group[1]:group[1] + 1] == "年"
        if priced or dated or _amount_after_space(text, prev[1], group[0], group[1]) \
                or (blank and (_complete(prev[2]) or _complete(group[2])) or wide and index in id_edges) \
                and not disability_grade:
            yield segment
            segment = []
        segment.append(group)
    yield segment


def find_numbers(text, user_text=False):
    """(priority, Number) candidates for every identifier-like number in ``text`` (may overlap)."""
    view = cell_view(text, digit_view(text))
    out = _split_numbers(text, user_text)
    out += _numbers_in_runs(text, view, user_text)
    # (「6214 8327 1368 0702 050」: a legacy 15-digit ID read in a validated card's groups is the card's digits)
    cards = [n for _p, n in out if n.kind == "bank_card" and valid_luhn(n.digits) and plausible_card_prefix(n.digits)]
    return [(p, n) for p, n in out if not (n.kind == "id_number" and len(n.digits) == 15
                                           and any(c.start < n.start and n.end <= c.end for c in cards))]


def _numbers_in_runs(text, view, user_text):
    out = []
    for run in _RUN.finditer(view):
        if run.end() - run.start() < 7:
            continue
        out.extend(_mobiles_beside_ids(_groups(view, run.start(), run.end())))
        for groups in _segments(text, _groups(view, run.start(), run.end())):
            if not _is_amount(text, groups[0][0], groups[-1][1]):
                out.extend(_candidates(text, groups, user_text))
            elif sum(len(g[2]) for g in groups) >= 12 and _cue_verdict(text, groups[0][0], "mobile", False) >= 0:
                # 「X 151…461200元」: no amount in yuan has twelve digits unseparated and no budget word before
                # it; a mobile or card with the amount glued on is still found
                out.extend(_glued_to_amount(text, groups, 0, len(groups) - 1, user_text))
    return out


def _ids_in_long_runs(groups):
    """Resident IDs inside a run of more than 22 digits with no separator (a pasted table cell: 「2026」 +
    the ID + 「0415」): each 18-digit window that passes the ID's province, birth-date and check-digit tests.
    The three tests together pass about one random window in 2,000, so a long code is rarely cut."""
    out = []
    for start, end, digits in groups:
        if len(digits) <= 22 or end - start != len(digits):
            continue
        for offset in range(len(digits) - 17):
            if valid_id18(digits[offset:offset + 18]):
                window = digits[offset:offset + 18]
                out.append((_PRIORITY["id_number"], Number(start + offset, start + offset + 18, "id_number", window)))
    return out


def _mobiles_beside_ids(groups):
    """A mobile glued to a resident ID in a pasted table row, before or after it, with no separator
    between them and maybe a room number or an amount glued on too (「6-1-401」+mobile+ID,
    ID+mobile+「640」, 「137-8657-4134530825-19880228-1790」): the run's digits are read as one string,
    each 18-digit window that passes the ID's tests splits it, and the 11 digits right before or
    after that window are a mobile when they follow the number plan. The ID's own tests are the
    proof (about one random window in 2,000 passes them), so the pair outranks slices that merely
    look like a card or hold the ID with the mobile's tail; the ID is kept too, as its dashes may
    cut it across groups."""
    flat = "".join(g[2] for g in groups)
    if len(flat) < 29:
        return []
    where = [pos for start, _end, digits in groups for pos in range(start, start + len(digits))]
    out = []
    for offset in range(len(flat) - 17):
        if not valid_id18(flat[offset:offset + 18]):
            continue
        for first in (offset - 11, offset + 18):
            mobile = flat[first:first + 11] if first >= 0 else ""
            if re.fullmatch(r"1[3-9]\d{9}", mobile) and _glued_or_whole(groups, where, first, offset) \
                    and not _card_ends_at(flat, first + 11):
                out.append((_PRIORITY["paired_mobile"], Number(where[first], where[first + 10] + 1, "mobile", mobile)))
                out.append((_PRIORITY["paired_id"], Number(where[offset], where[offset + 17] + 1, "id_number",
                                                           flat[offset:offset + 18])))
    return out


def _glued_or_whole(groups, where, first, offset):
    """The mobile at ``first`` is glued to the ID at ``offset`` (no blank between them) or fills whole groups of its own
    (「<ID> 192 3810 8872」); the tail of another cell's number before a blank is none (「<16-digit permit> <ID>」)."""
    if first < offset and where[first + 10] + 1 == where[offset] or first > offset and where[offset + 17] + 1 == where[first]:
        return True
    starts, ends = {g[0] for g in groups}, {g[1] for g in groups}
    return where[first] in starts and where[first + 10] + 1 in ends


def _card_ends_at(flat, end):
    """A card number (issuer prefix and Luhn check) ends at ``end``: digits before an ID that merely
    start with 1[3-9] are its tail, not a mobile."""
    return any(valid_luhn(flat[end - n:end]) and plausible_card_prefix(flat[end - n:end])
               for n in range(16, 20) if end - n >= 0 and "X" not in flat[end - n:end])


# What may follow an amount glued to a number's end in a list row: its cents, a unit, then the cell's end.
_GLUED_AMOUNT_END = re.compile(r"(?:[.．,，][0-9]{1,2})?\s?(?:元|块)?(?=$|\s|[|｜丨¦;；,，/、）)])")


def _glued_to_amount(text, groups, i, j, user_text):
    """A mobile or card with an amount glued on in a pasted row (「X19802924329500」「X1200.006217…0759」
    「X9006214 5967 …」): the digits of groups i..j are the number plus one to six digits of the
    amount, all inside the first or last group, proved by the number's own structure — a mobile's
    number plan at the start of the cell, a card's issuer prefix 62 and Luhn check."""
    digits = "".join(g[2] for g in groups[i:j + 1])
    start, end = groups[i][0], groups[j][1]
    if "X" in digits or _glued_code(text, start, end):
        return []
    out = []
    extra_room = (len(groups[j][2]), len(groups[i][2]))
    tail_ok = bool(_GLUED_AMOUNT_END.match(text, end))
    card_ok = _cue_verdict(text, start, "bank_card", user_text) >= 0  # 「批次 6214…0001」: a code after its cue
    for extra in range(1, 7):
        if extra < extra_room[0] and tail_ok:  # the amount after the number, inside the last group
            head = digits[:-extra]
            if len(head) == 11 and re.fullmatch(r"1[3-9]\d{9}", head) \
                    and _cue_verdict(text, start, "mobile", user_text) >= 0:
                out.append((_PRIORITY["mobile"], Number(start, end - extra, "mobile", head)))
            if card_ok and 16 <= len(head) <= 19 and head[:2] == "62" and valid_luhn(head):
                out.append((_PRIORITY["bank_card"], Number(start, end - extra, "bank_card", head)))
        if extra < extra_room[1]:  # the amount (or its cents) before the number, inside the first group
            rest = digits[extra:]
            if card_ok and 16 <= len(rest) <= 19 and rest[:2] == "62" and valid_luhn(rest):
                out.append((_PRIORITY["bank_card"], Number(start + extra, end, "bank_card", rest)))
    return out


def _candidates(text, groups, user_text):
    """Every contiguous slice of ``groups`` that classifies as an identifier."""
    out = _ids_in_long_runs(groups)
    for i in range(len(groups)):
        digits = ""
        for j in range(i, len(groups)):
            digits += groups[j][2]
            if len(digits) > 22:
                break
            start, end = groups[i][0], groups[j][1]
            if len(digits) < 7 or (_glued_code(text, start, end) and not _id_inside(digits)) \
                    or _pseudonym(text, start, end, digits):
                continue
            kind = classify(digits, text, start, end, user_text)
            if kind:
                span = Number(_with_prefix(text, start, kind), _with_extension(text, end, kind), kind, digits)
                out.append((_PRIORITY[kind], span))
            elif 12 <= len(digits) <= 25:
                out.extend(_glued_to_amount(text, groups, i, j, user_text))
    return out


_COUNTRY_PREFIX = re.compile(r"(?:[(（]\+?86[)）]|\+86|0086|\+)[ -]?$")


def _with_prefix(text, start, kind):
    """A mobile's country code (「+86 」「（+86）」「＋８６　」) and a landline's opening bracket belong to it."""
    if kind == "landline" and text[start - 1:start] in ("(", "（") and re.match(r"0\d{2,3}\s?[)）]", text[start:start + 6]):
        return start - 1  # 「(0731)84567890」: the area code's brackets, not a bracket around the number
    if kind != "mobile":
        return start
    before = text[max(0, start - 6):start]
    m = _COUNTRY_PREFIX.search("".join(c if len(unicodedata.normalize("NFKC", c)) != 1 else unicodedata.normalize("NFKC", c)
                                       for c in before))
    return start - len(m.group(0)) if m else start


def _with_extension(text, end, kind):
    """A landline's extension (「转123」「-123」) belongs to it."""
    if kind != "landline":
        return end
    m = re.match(r"(?:转|分机|-)\d{1,5}(?!\d)", text[end:end + 8])
    return end + m.end() if m else end
