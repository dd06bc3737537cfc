"""Read raw tables from CSV and XLSX files into plain rows (header -> cell text)."""
import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from .layout import layout_for_name


class ImportFailure(Exception):
    """The import cannot go on; ``errors`` lists row-level problems in Chinese."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("；".join(str(e) for e in self.errors[:5]))


@dataclass
class RowError:
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self):
        where = [f"文件「{self.file}」"]
        if self.sheet:
            where.append(f"工作表「{self.sheet}」")
        if self.row:
            where.append(f"第{self.row}行")
        if self.column:
            where.append(f"列「{self.column}」")
        return "".join(where) + "：" + self.message

    def as_dict(self):
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "message": self.message}


@dataclass
class RawTable:
    layout: object
    file: str
    sheet: str | None
    header: list
    rows: list = field(default_factory=list)  # (row_number, [cells])
    shared: bool = False  # reference rows several files may repeat (yearbook regions): kept once
    notes: list = field(default_factory=list)  # import checks worth recording with the source file


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def expand_paths(paths):
    """Files given directly, and the CSV/XLSX files inside given directories."""
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".xlsx", ".xls")))
        else:
            files.append(path)
    return files


def _decode_csv(path):
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailure([RowError(path.name, "文件不是 UTF-8 编码（可能是 GBK）。请在 Excel 中另存为「CSV UTF-8」后重试。")])


def read_csv(path):
    layout = layout_for_name(path.stem)
    if layout is None:
        raise ImportFailure([RowError(path.name, f"无法从文件名判断数据表，文件名应为：{_known_names()}")])
    text = _decode_csv(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFailure([RowError(path.name, "文件为空")])
    except csv.Error as exc:
        raise ImportFailure([RowError(path.name, f"CSV 格式错误：{exc}")])
    table = RawTable(layout, path.name, None, [h.strip() for h in header])
    try:
        for number, cells in enumerate(reader, start=2):
            if any(c.strip() for c in cells):
                table.rows.append((number, cells))
    except csv.Error as exc:
        raise ImportFailure([RowError(path.name, f"CSV 格式错误：{exc}", row=reader.line_num)])
    return [table]


def _cell_text(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise ImportFailure([RowError(path.name, f"无法打开 Excel 文件（文件损坏或不是 .xlsx）：{type(exc).__name__}")])
    tables = []
    try:
        for sheet in workbook.worksheets:
            layout = layout_for_name(sheet.title) or (
                layout_for_name(path.stem) if len(workbook.worksheets) == 1 else None)
            if layout is None:
                continue
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                continue
            table = RawTable(layout, path.name, sheet.title, [_cell_text(h).strip() for h in header])
            for number, values in enumerate(rows, start=2):
                cells = [_cell_text(v) for v in values]
                if any(c.strip() for c in cells):
                    table.rows.append((number, cells))
            tables.append(table)
    finally:
        workbook.close()
    if not tables:
        raise ImportFailure([RowError(path.name, f"工作簿中没有可识别的工作表，工作表名应为：{_known_names()}")])
    return tables


def _known_names():
    from .layout import LAYOUTS
    return "、".join(l.aliases[0] for l in LAYOUTS.values())


def _documented_workbook(path):
    """True when the file or one of its sheets is named like a documented-layout table."""
    if layout_for_name(path.stem):
        return True
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True)
    except Exception:
        return False  # maybe encrypted with Excel's default password: the yearbook reader decrypts or reports
    try:
        return any(layout_for_name(name) for name in workbook.sheetnames)
    finally:
        workbook.close()


def read_file(path):
    suffix = path.suffix.lower()
    if not path.exists():
        raise ImportFailure([RowError(path.name, "文件不存在")])
    if suffix == ".csv":
        return read_csv(path)
    if suffix == ".xlsx" and _documented_workbook(path):
        return read_xlsx(path)
    if suffix in (".xls", ".xlsx"):
        # Anything else must be a yearbook-style table (e.g. 统计年鉴 表7-6), or it is refused clearly.
        from .yearbook import read_yearbook
        return read_yearbook(path)
    raise ImportFailure([RowError(path.name, "不支持的文件类型，请使用 .csv、.xlsx 或 .xls")])
