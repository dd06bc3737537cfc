"""Turn raw cells into typed values, collecting every error with its location."""
import datetime as dt
import re

from ..money import to_fen
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
    if col.type == "int":
        try:
            value = int(float(text)) if re.fullmatch(r"-?\d+(\.0+)?", text) else int(text)
        except ValueError:
            raise ValueError(f"应为整数，实际为「{text[:40]}」") from None
        if abs(value) > MAX_INT:
            raise ValueError(f"数值过大：「{text[:40]}」")
        return value
    if col.type == "float":
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            raise ValueError(f"应为数字，实际为「{text[:40]}」") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("应为有限数字")
        return value
    if col.type == "money":
        try:
            fen = to_fen(text)
        except ArithmeticError:  # e.g. 1E+999999: beyond decimal precision
            raise ValueError(f"无法识别的金额：「{text[:40]}」") from None
        if abs(fen) > MAX_FEN:
            raise ValueError(f"金额过大：「{text[:40]}」元（上限 {MAX_FEN // 100:,} 元）")
        return fen
    if col.type == "date":
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            raise ValueError(f"日期格式应为 YYYY-MM-DD，实际为「{text[:40]}」") from None
    if col.type == "code":
        if not _CODE.match(text):
            raise ValueError(f"编码只能包含字母、数字、- 和 _，实际为「{text[:40]}」")
        return text
    if len(text) > col.max_length:
        raise ValueError(f"内容过长（{len(text)} 字，上限 {col.max_length} 字）")
    if text.startswith(_FORMULA_START) and not _SIGNED_NUMBER.fullmatch(text):
        # A cell that would run as a formula in a spreadsheet is refused, not published.
        raise ValueError(f"内容以公式符号「{text[0]}」开头，在 Excel 中会被当作公式执行（公式注入），"
                         "已拒绝。如确为文字，请去掉开头的符号")
    return text


def validate_table(raw, errors):
    """Rows as dicts keyed by column key; appends RowError for each bad cell."""
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
    if not raw.rows:
        errors.append(RowError(raw.file, "只有表头，没有数据行（文件可能导出不完整）", raw.sheet))
    for col in layout.columns:
        if col.required and col.key not in positions:
            errors.append(RowError(raw.file, f"缺少必需的列「{col.label}」（{col.key}）", raw.sheet))
    if len(errors) > before or any(e.row is None and e.file == raw.file for e in errors):
        return []  # the header is wrong: row-level errors would only repeat it
    rows = []
    for number, cells in raw.rows:
        row = {}
        for col in layout.columns:
            index = positions.get(col.key)
            text = cells[index] if index is not None and index < len(cells) else ""
            try:
                row[col.key] = _convert(col, text)
            except ValueError as exc:
                errors.append(RowError(raw.file, str(exc), raw.sheet, number, col.label))
                if len(errors) >= MAX_ERRORS:
                    return rows
        rows.append((number, row))
    return rows
