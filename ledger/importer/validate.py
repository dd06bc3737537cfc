"""Turn raw cells into typed values, collecting every error with its location."""
import datetime as dt
import itertools
import re
from decimal import Decimal

from .readers import RowError

MAX_ERRORS = 200
# The database stores 64-bit integers; amounts beyond 10^15 元 (a thousand trillion) are typos.
MAX_FEN = 10 ** 17
MAX_INT = 10 ** 15
_CODE = re.compile(r"^[0-9A-Za-z_\-]{1,32}$")
# Text a spreadsheet would run as a formula: =, +, -, @ (and the full-width ＝/＠ Chinese input methods
# type). Leading tabs/CRs/spaces are stripped first, so "\t=cmd" is caught too.
_FORMULA_START = ("=", "+", "-", "@", "＝", "＠")
# A sign followed only by digits, spaces, dots, dashes and brackets is a number or a phone number
# ("-5", "+86 138-0000-0000"), not a formula; "-2+3+cmd|' /C calc'!A0" is.
# A lone "-" or "--" (a common «none» mark) is text to Excel too.
_SIGNED_NUMBER = re.compile(r"[-+]?[\d\s.()\-]*\d[\d\s.()\-]*|[-+\s]+")
# C0 control characters (NUL included) and DEL: never part of real text, and illegal in XLSX.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Strict number and date shapes (ASCII digits only): int("１２") or Decimal("1_000") would accept more.
_INT = re.compile(r"-?[0-9]+(\.0+)?")
_FLOAT = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_MONEY = re.compile(r"-?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# More than two decimals is refused unless it is binary-float noise from an Excel formula cell
# (1200.1 stored as 1200.1000000000001).
FLOAT_NOISE_YUAN = Decimal("0.000001")


def _convert(col, text):
    text = text.strip()
    bad = _CONTROL.search(text)
    if bad:
        raise ValueError(f"包含不可见的控制字符（U+{ord(bad.group()):04X}，第{bad.start() + 1}个字符），"
                         "文件可能已损坏")
    if text == "":
        if col.required:
            raise ValueError("必填项为空")
        return None
    value = _CONVERTERS.get(col.type, _text)(col, text)
    if col.type in ("int", "float", "money"):
        _check_range(col, value, text)
    return value


def _int(_col, text):
    if not _INT.fullmatch(text):
        raise ValueError(f"应为整数，实际为「{text[:40]}」")
    value = int(text.split(".")[0])
    if abs(value) > MAX_INT:
        raise ValueError(f"数值过大：「{text[:40]}」")
    return value


def _float(_col, text):
    plain = text.replace(",", "")
    if not _FLOAT.fullmatch(plain):
        raise ValueError(f"应为数字，实际为「{text[:40]}」")
    value = float(plain)
    if value in (float("inf"), float("-inf")):
        raise ValueError("应为有限数字")
    return value


def _money(_col, text):
    plain = text.replace("，", ",")
    if not _MONEY.fullmatch(plain):
        raise ValueError(f"无法识别的金额「{text[:40]}」：金额应为数字（元，最多两位小数，可带千位分隔符）")
    exact = Decimal(plain.replace(",", ""))
    if abs(exact) > MAX_FEN // 100:
        raise ValueError(f"金额过大：「{text[:40]}」元（上限 {MAX_FEN // 100:,} 元）")
    cents = exact.quantize(Decimal("0.01"))
    if abs(exact - cents) > FLOAT_NOISE_YUAN:
        raise ValueError(f"金额最多两位小数（到分），实际为「{text[:40]}」")
    return int(cents * 100)


def _date(_col, text):
    # Exactly YYYY-MM-DD: fromisoformat alone also takes 20250101, and text[:10] took "2025-01-01junk".
    # A cell Excel itself types as a date reaches here already as YYYY-MM-DD (readers._cell_text).
    if not _DATE.fullmatch(text):
        raise ValueError(f"日期格式应为 YYYY-MM-DD（如 2025-01-01），实际为「{text[:40]}」")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"日期不存在：「{text[:40]}」") from None


def _code(_col, text):
    if not _CODE.match(text):
        raise ValueError(f"编码只能包含字母、数字、- 和 _，实际为「{text[:40]}」")
    return text


def _text(col, text):
    if len(text) > col.max_length:
        raise ValueError(f"内容过长（{len(text)} 字，上限 {col.max_length} 字）")
    if text.startswith(_FORMULA_START) and not _SIGNED_NUMBER.fullmatch(text):
        # A cell that would run as a formula in a spreadsheet is refused, not published.
        raise ValueError(f"内容以公式符号「{text[0]}」开头，在 Excel 中会被当作公式执行（公式注入），"
                         "已拒绝。如确为文字，请去掉开头的符号")
    return text


_CONVERTERS = {"int": _int, "float": _float, "money": _money, "date": _date, "code": _code}


def _check_range(col, value, text):
    """The layout's bounds (layout.Col.minimum/maximum); money is compared in 元."""
    number = value / 100 if col.type == "money" else value
    shown = f"「{text[:40]}」"
    if col.minimum == 0 and number < 0:
        raise ValueError(f"不能为负数，实际为{shown}")
    if col.minimum is not None and number < col.minimum or col.maximum is not None and number > col.maximum:
        if col.minimum is None or col.maximum is None:
            bound = f"不小于 {col.minimum:g}" if col.maximum is None else f"不大于 {col.maximum:g}"
            raise ValueError(f"应{bound}，实际为{shown}")
        raise ValueError(f"应在 {col.minimum:g} 到 {col.maximum:g} 之间，实际为{shown}")


# A column's cells repeat (dates, types, purposes, payees): each distinct text is converted once, up to
# this many per column (voucher numbers never repeat: past the cap they are converted cell by cell).
KNOWN_PER_COLUMN = 20_000
_UNSEEN = object()


def validate_table(raw, errors):
    """Rows as dicts keyed by column key; appends RowError for each bad cell."""
    return list(validate_rows(raw, errors))


def validate_rows(raw, errors):
    """validate_table() one row at a time: ``(row number, row dict)`` as ``raw.rows`` are read."""
    for _kind, *item in validate_chunks(raw, errors, columns=False):
        yield from item[0]


def validate_chunks(raw, errors, size=5000, columns=True):
    """validate_rows() ``size`` rows at a time: ``("rows", [(row number, row dict)…])``, or — ``columns`` and
    while no error has been found — ``("columns", row numbers, keys, [one list of values per key])``: each
    column's cells converted as a whole (its distinct texts once each, up to KNOWN_PER_COLUMN), no dict per
    row. A chunk with a bad cell is validated again row by row, so the errors and rows are validate_rows'."""
    plan = _column_plan(raw, errors)
    if plan is None:
        return
    first, rows, plan = plan
    keys = [col.key for col, _index, _known in plan]
    rows = itertools.chain([first], rows)
    while True:
        chunk = list(itertools.islice(rows, size))
        if not chunk:
            return
        converted = _converted_columns(raw.layout, plan, chunk) if columns and not errors else None
        if converted is not None:
            yield "columns", [number for number, _cells in chunk], keys, converted
            continue
        typed = []
        for item in _typed_rows(raw, plan, chunk, errors):
            typed.append(item)
        yield "rows", typed
        if len(errors) >= MAX_ERRORS:
            return


def _converted_columns(layout, plan, chunk):
    """The chunk's values column by column, or None when a cell is bad or a row short (rows then)."""
    width = max((index for _col, index, _known in plan if index is not None), default=-1) + 1
    cells = [cells for _number, cells in chunk]
    if any(len(row) < width for row in cells):
        return None
    texts = list(zip(*cells)) if width else []
    out = []
    for col, index, known in plan:
        column = texts[index] if index is not None else ("",) * len(chunk)
        unseen = [text for text in dict.fromkeys(column) if text not in known]
        lookup = known
        if unseen:
            values = _convert_many(col, unseen)
            if values is None:
                return None
            room = max(KNOWN_PER_COLUMN - len(known), 0)  # cached in the order first seen, as row by row
            known.update(zip(unseen[:room], values[:room]))
            if len(unseen) > room:
                lookup = dict(zip(unseen[room:], values[room:]))
                lookup.update((text, known[text]) for text in dict.fromkeys(column) if text in known)
        out.append(list(map(lookup.__getitem__, column)))
    if layout.requires:
        position = {col.key: p for p, (col, _index, _known) in enumerate(plan)}
        for key, needed in layout.requires:
            if any(a is not None and b is None for a, b in zip(out[position[key]], out[position[needed]])):
                return None
    return out


# Whole columns of text checked at once (_convert_many): a cell starting as a formula, a run of codes.
_FORMULA_LINE = re.compile("\n[" + re.escape("".join(_FORMULA_START)) + "]")
_CODES = re.compile(r"[0-9A-Za-z_\-]{1,32}(?:\n[0-9A-Za-z_\-]{1,32})*")


def _convert_many(col, texts):
    """``[_convert(col, text)…]``, or None if one of them is bad. Text and code cells that are all plainly
    good (no control character, none empty, none too long or a formula; codes of code characters) are checked
    as one joined string; anything else is converted cell by cell."""
    if col.type in ("text", "code"):
        stripped = [text.strip() for text in texts]
        joined = "\n".join(stripped)  # a line break is no control character _CONTROL looks for
        plain = ("" not in stripped and joined.count("\n") == len(stripped) - 1  # no cell holds a line break
                 and not _CONTROL.search(joined))
        if plain and col.type == "text":
            plain = max(map(len, stripped)) <= col.max_length and not _FORMULA_LINE.search("\n" + joined)
        elif plain:
            plain = bool(_CODES.fullmatch(joined))
        if plain:
            return stripped
    try:
        return [_convert(col, text) for text in texts]
    except ValueError:
        return None


def _column_plan(raw, errors):
    """``(first row, the other rows, [(column, cell index or None, known conversions)…])``, or None when
    the header is wrong or there are no rows (the errors say so)."""
    layout = raw.layout
    before = len(errors)
    positions = {}
    for index, name in enumerate(raw.header):
        for col in layout.columns:
            if name in (col.key, col.label):
                if col.key in positions:
                    # Which of two same-named columns holds the data is a guess: refuse instead.
                    errors.append(RowError(raw.file, f"表头中「{col.label}」出现了两次（第{positions[col.key] + 1}列"
                                                     f"和第{index + 1}列），请删除或改名其中一列",
                                           raw.sheet, 1, col.label))
                positions[col.key] = index
    rows = iter(raw.rows)
    first = next(rows, None)
    if first is None:
        errors.append(RowError(raw.file, "只有表头，没有数据行（文件可能导出不完整）", raw.sheet))
    for col in layout.columns:
        if col.required and col.key not in positions:
            errors.append(RowError(raw.file, f"缺少必需的列「{col.label}」（{col.key}）", raw.sheet))
    if len(errors) > before or any(e.row is None and e.file == raw.file for e in errors):
        return None  # the header is wrong: row-level errors would only repeat it
    return first, rows, [(col, positions.get(col.key), {}) for col in layout.columns]


def _typed_rows(raw, columns, rows, errors):
    """``(row number, row dict)`` of ``rows``, appending RowError for each bad cell (validate_rows)."""
    layout = raw.layout
    for number, cells in rows:
        row = {}
        for col, index, known in columns:
            text = cells[index] if index is not None and index < len(cells) else ""
            value = known.get(text, _UNSEEN)
            if value is _UNSEEN:
                try:
                    value = _convert(col, text)
                except ValueError as exc:
                    errors.append(RowError(raw.file, str(exc), raw.sheet, number, col.label))
                    if len(errors) >= MAX_ERRORS:
                        return
                    continue
                if len(known) < KNOWN_PER_COLUMN:
                    known[text] = value
            row[col.key] = value
        for message, label in _missing_companions(layout, row):
            errors.append(RowError(raw.file, message, raw.sheet, number, label))
        yield number, row


def _missing_companions(layout, row):
    """(message, column label) for each filled column whose companion (layout ``requires``) is empty."""
    for key, needed in layout.requires:
        if row.get(key) is not None and row.get(needed) is None:
            have, need = layout.column(key).label, layout.column(needed).label
            yield f"填写了「{have}」就必须填写「{need}」（没有目标或依据的实际值无法评价）", have
