"""Spreadsheet-safe downloads: CSV (UTF-8 with BOM, streamed) and XLSX (openpyxl write-only).

Text cells that a spreadsheet would read as a formula (=, +, -, @, tab, CR, LF, and the full-width
＝＋－＠ that Excel/WPS with a Chinese or Japanese input method also treat as formula starts) get a
leading apostrophe; numbers are written as numbers and never touched. Control characters that XLSX
cannot hold are dropped from XLSX cells instead of failing the download.

``cached_file`` writes a download once (whole open-data tables, per publication) so that later
requests are served from the file.
"""
import csv
import fcntl
import io
import os
import re
import tempfile
import threading
import time
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
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    _xlsx_workbook(sheet_title, header, rows, notes).save(spool)
    spool.seek(0)
    return send_file(spool, mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=filename)


def _xlsx_workbook(sheet_title, header, rows, notes=()):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    # Sheet names (from imported region names) may not hold \ / ? * [ ] : and are at most 31 long.
    sheet = workbook.create_sheet(title=re.sub(r"[\\/?*\[\]:]", "_", _XML_ILLEGAL.sub("", sheet_title))[:31] or "数据")
    for note in notes:
        sheet.append([_xlsx_cell(note)])
    sheet.append([_xlsx_cell(h) for h in header])
    for row in rows:
        sheet.append([_xlsx_cell(v) for v in row])
    return workbook


# ---- files written once (whole-table open-data downloads) ---------------------------------------------

def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for chunk in csv_chunks(header, rows):
            fh.write(chunk)


def write_xlsx(path, sheet_title, header, rows, *, notes=()):
    _xlsx_workbook(sheet_title, header, rows, notes).save(path)


def write_chunks(path, chunks):
    with open(path, "w", encoding="utf-8") as fh:
        for chunk in chunks:
            fh.write(chunk)


class FileBusy(Exception):
    """Another request has been writing the same file for longer than we wait."""


def cached_file(path, write, wait_seconds=120):
    """``path``, written by ``write(temporary path)`` if it does not exist yet. Returns (path, written).

    One writer at a time across threads and worker processes (an exclusive lock file beside it);
    the others wait for it and then serve its file. The file appears complete or not at all (written
    under a temporary name, then renamed). Raises FileBusy after ``wait_seconds`` of waiting.
    """
    if path.exists():
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        _lock(lock, wait_seconds)
        if path.exists():  # written while we waited
            return path, False
        temporary = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
        try:
            write(temporary)
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    return path, True


def _lock(handle, wait_seconds):
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise FileBusy() from None
            time.sleep(0.2)
