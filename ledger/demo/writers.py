"""Write tables as the raw files a finance bureau would hand over: CSV UTF-8 and XLSX.

Headers are the Chinese column labels of ledger/importer/layout.py. Output is
byte-for-byte reproducible: XLSX files get fixed document timestamps and fixed zip
entry times, so the same seed always yields the same files (and the same hashes).
"""
import csv
import datetime as dt
import io
import re
import shutil
import zipfile

from ..importer.layout import LAYOUTS

# The raw files, in the order generate() writes them: CSV (name, table) or XLSX (name, [(sheet title, table)]).
RAW_FILES = [
    ("预算单位.xlsx", [("地区", "regions"), ("预算单位", "departments"), ("功能分类科目", "func_classes")]),
    ("年度预算.xlsx", [("年度预算", "budgets")]),
    ("expenditures.csv", "expenditures"),
    ("项目.xlsx", [("项目", "projects"), ("项目进展", "project_updates")]),
    ("payments.csv", "payments"),
    ("documents.csv", "documents"),
    ("townships.csv", "townships"),
    ("二级预算单位.xlsx", [("二级预算单位", "units"), ("二级单位预算", "unit_budgets")]),
    ("unit_expenditures.csv", "unit_expenditures"),
    ("项目计划与合同.xlsx", [("项目分年度计划", "project_plans"), ("项目季度进度", "project_quarters"),
                        ("项目合同", "project_contracts")]),
]
FIXED_TIMESTAMP = dt.datetime(2024, 1, 1, 0, 0, 0)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_TIME = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _yuan(fen):
    sign = "-" if fen < 0 else ""
    fen = abs(int(fen))
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def _columns(table):
    """(label, source key, kind) per column; money columns are read from *_fen keys."""
    out = []
    for col in LAYOUTS[table].columns:
        if col.type == "money":
            out.append((col.label, col.key[: -len("_yuan")] + "_fen", "money"))
        else:
            out.append((col.label, col.key, col.type))
    return out


def _csv_cell(value, kind):
    if value is None:
        return ""
    if kind == "money":
        return _yuan(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write_csv(path, table, rows):
    columns = _columns(table)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # as Excel writes "CSV UTF-8"
    writer.writerow([label for label, _k, _t in columns])
    for row in rows:
        writer.writerow([_csv_cell(row.get(key), kind) for _l, key, kind in columns])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


def _xlsx_cell(value, kind):
    if value is None:
        return None
    if kind == "money":
        return float(_yuan(value))  # a number, as in a real spreadsheet
    return value


def _filled_workbook(sheets):
    """A write-only workbook with one sheet per (title, table, rows); rows may be an iterator."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    workbook.properties.creator = "示例市财政局"
    workbook.properties.created = FIXED_TIMESTAMP
    for title, table, rows in sheets:
        sheet = workbook.create_sheet(title)
        columns = _columns(table)
        sheet.append([label for label, _k, _t in columns])
        for row in rows:
            sheet.append([_xlsx_cell(row.get(key), kind) for _l, key, kind in columns])
    return workbook


def write_xlsx(path, sheets):
    """``sheets``: [(sheet title, table name, rows)]."""
    workbook = _filled_workbook(sheets)
    raw = io.BytesIO()
    workbook.save(raw)
    path.write_bytes(_deterministic_zip(raw.getvalue()))
    return path


def _deterministic_zip(data):
    """Re-pack an .xlsx with fixed entry times and fixed core-property timestamps."""
    stamp = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIME.sub(lambda m: m.group(1) + stamp + m.group(3), content.decode("utf-8")).encode()
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content, compresslevel=6)
    return out.getvalue()


class CsvAppender:
    """A CSV file written as write_csv() writes it, rows appended batch by batch (province scale)."""

    def __init__(self, path, table):
        self.columns = _columns(table)
        self.file = open(path, "w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.file, lineterminator="\r\n")
        self.writer.writerow([label for label, _k, _t in self.columns])

    def write(self, rows):
        self.writer.writerows([_csv_cell(row.get(key), kind) for _l, key, kind in self.columns] for row in rows)

    def close(self):
        self.file.close()

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self.close()


def write_large_xlsx(path, sheets):
    """write_xlsx() for sheets too large to hold: rows may be iterators, the workbook goes through a
    temporary file and is re-packed entry by entry (same fixed timestamps)."""
    workbook = _filled_workbook(sheets)
    raw = path.with_name(path.name + ".tmp")
    workbook.save(raw)
    try:
        _repack(raw, path)
    finally:
        raw.unlink()
    return path


def _repack(source_path, target_path):
    stamp = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(source_path) as source, \
            zipfile.ZipFile(target_path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            if info.filename == "docProps/core.xml":
                content = source.read(info.filename).decode("utf-8")
                target.writestr(entry, _CORE_TIME.sub(lambda m: m.group(1) + stamp + m.group(3), content).encode(),
                                compresslevel=6)
                continue
            with source.open(info) as reader, target.open(entry, "w", force_zip64=True) as writer:
                shutil.copyfileobj(reader, writer, 1 << 20)
