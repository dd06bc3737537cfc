"""Write tables as the raw files a finance bureau would hand over: CSV UTF-8 and XLSX.

Headers are the Chinese column labels of ledger/importer/layout.py. Output is
byte-for-byte reproducible: XLSX files get fixed document timestamps and fixed zip
entry times, so the same seed always yields the same files (and the same hashes).
"""
import csv
import datetime as dt
import io
import re
import zipfile

from ..importer.layout import LAYOUTS

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


def write_xlsx(path, sheets):
    """``sheets``: [(sheet title, table name, rows)]."""
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
