"""Spreadsheet-safe downloads: CSV (UTF-8 with BOM, streamed) and XLSX (openpyxl write-only).

Text cells that a spreadsheet would read as a formula (=, +, -, @, tab, CR, LF, and the full-width
＝＋－＠ that Excel/WPS with a Chinese or Japanese input method also treat as formula starts) get a
leading apostrophe; numbers are written as numbers and never touched. Control characters that XLSX
cannot hold are dropped from XLSX cells instead of failing the download.
"""
import csv
import io
import re
import tempfile
from urllib.parse import quote

from flask import Response, send_file, stream_with_context

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A cell value safe to open in Excel/WPS: formula-like text is prefixed with ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    return neutralise(value) if isinstance(value, str) else value


def _xlsx_cell(value):
    if isinstance(value, str):
        value = _XML_ILLEGAL.sub("", value)
    return _cell(value)


def csv_chunks(header, rows):
    """Yield CSV text chunks (BOM first) for ``header`` and an iterable of row sequences."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    yield "\ufeff"
    writer.writerow([neutralise(h) for h in header])
    for count, row in enumerate(rows, 1):
        writer.writerow([_cell(v) for v in row])
        if count % 1000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def disposition(filename, fallback=None):
    """Content-Disposition with an ASCII fallback and the UTF-8 (RFC 5987) name."""
    ascii_name = fallback or filename.encode("ascii", "ignore").decode().strip("-_") or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def csv_response(filename, header, rows):
    """A streamed CSV download; ``rows`` may be a generator (consumed while sending)."""
    response = Response(stream_with_context(csv_chunks(header, rows)), mimetype=CSV_MIMETYPE)
    response.headers["Content-Disposition"] = disposition(filename)
    return response


def xlsx_response(filename, sheet_title, header, rows, *, notes=()):
    """An XLSX download built in write-only mode (rows stream to a temp file, not memory)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    # Sheet names (from imported region names) may not hold \ / ? * [ ] : and are at most 31 long.
    sheet = workbook.create_sheet(title=re.sub(r"[\\/?*\[\]:]", "_", _XML_ILLEGAL.sub("", sheet_title))[:31] or "数据")
    for note in notes:
        sheet.append([_xlsx_cell(note)])
    sheet.append([_xlsx_cell(h) for h in header])
    for row in rows:
        sheet.append([_xlsx_cell(v) for v in row])
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    workbook.save(spool)
    spool.seek(0)
    return send_file(spool, mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=filename)
