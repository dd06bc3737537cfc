"""Turn raw cells into typed values, collecting every error with its location."""
import datetime as dt
import re

from ..money import to_fen
from .readers import RowError

MAX_ERRORS = 200
_CODE = re.compile(r"^[0-9A-Za-z_\-]{1,32}$")
_FORMULA_START = ("=", "+", "-", "@")


def _convert(col, text):
    text = text.strip()
    if text == "":
        if col.required:
            raise ValueError("必填项为空")
        return None
    if col.type == "int":
        try:
            return int(float(text)) if re.fullmatch(r"-?\d+(\.0+)?", text) else int(text)
        except ValueError:
            raise ValueError(f"应为整数，实际为「{text[:40]}」")
    if col.type == "float":
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            raise ValueError(f"应为数字，实际为「{text[:40]}」")
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("应为有限数字")
        return value
    if col.type == "money":
        return to_fen(text)
    if col.type == "date":
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            raise ValueError(f"日期格式应为 YYYY-MM-DD，实际为「{text[:40]}」")
    if col.type == "code":
        if not _CODE.match(text):
            raise ValueError(f"编码只能包含字母、数字、- 和 _，实际为「{text[:40]}」")
        return text
    if len(text) > col.max_length:
        raise ValueError(f"内容过长（{len(text)} 字，上限 {col.max_length} 字）")
    if text.startswith(_FORMULA_START) and not re.match(r"^[-+]?\d", text):
        # A cell that would run as a formula in a spreadsheet is refused, not published.
        raise ValueError("内容以公式符号开头（=、+、-、@），可能是公式注入")
    return text


def validate_table(raw, errors):
    """Rows as dicts keyed by column key; appends RowError for each bad cell."""
    layout = raw.layout
    positions = {}
    for index, name in enumerate(raw.header):
        for col in layout.columns:
            if name in (col.key, col.label):
                positions[col.key] = index
    for col in layout.columns:
        if col.required and col.key not in positions:
            errors.append(RowError(raw.file, f"缺少必需的列「{col.label}」（{col.key}）", raw.sheet))
    if any(e.row is None and e.file == raw.file for e in errors):
        return []
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
