"""Digests of the demo's raw tables, column by column, to prove later additions leave them unchanged."""
import csv
import hashlib

from openpyxl import load_workbook


def _tables(folder):
    for path in sorted(folder.iterdir()):
        if path.suffix == ".csv":
            yield path.name, list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        elif path.suffix == ".xlsx":
            workbook = load_workbook(path, read_only=True)
            for sheet in workbook.worksheets:
                yield f"{path.name}:{sheet.title}", [list(row) for row in sheet.iter_rows(values_only=True)]


def column_digests(folder, only=None):
    """{"file[:sheet]/column label": sha256 of the column's cells} for the raw files in ``folder``
    (``only``: the keys wanted; the others are not computed)."""
    out = {}
    for table, rows in _tables(folder):
        header, body = rows[0], rows[1:]
        for index, label in enumerate(header):
            key = f"{table}/{label}"
            if only is not None and key not in only:
                continue
            digest = hashlib.sha256()
            for row in body:
                digest.update(repr(row[index] if index < len(row) else None).encode("utf-8") + b"\n")
            out[key] = digest.hexdigest()[:16]
    return out
