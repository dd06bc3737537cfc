"""One table description rendered three ways: HTML (via _macros.html), JSON and CSV.

A view builds a ``Table`` of raw rows (amounts in integer fen); the JSON twin turns
amounts into numbers of 元 (``"unit": "元"``) and rates into percentages, the CSV
download does the same for Excel (UTF-8 with BOM, formula injection neutralised).

A download of a whole listing (every record or project a filter selects) gives the Table a ``stream``
instead of rows: the CSV is then written 1,000 rows at a time as they come from the database cursor, so
its memory does not grow with the listing. JSON twins stay paged (at most 500 rows, paging.MAX_PER_PAGE).
"""
import csv
import io
from dataclasses import dataclass, field

from flask import Response, has_request_context, jsonify, stream_with_context

from ledger.money import fen_to_yuan

from ..context import publication
from ..exports import neutralise  # one formula-injection rule for every download


@dataclass
class Column:
    key: str  # row key; amounts end in _fen
    label: str  # Chinese header
    kind: str = "text"  # text | code (never wrapped) | amount | rate | int | number | date | pct
    rate_of: tuple = ()  # for kind="rate": (numerator key, denominator key)
    unit: str | None = None  # for kind="number": the physical unit

    @property
    def json_key(self):
        return self.key[:-4] if self.kind == "amount" and self.key.endswith("_fen") else self.key

    @property
    def json_unit(self):
        return {"amount": "元", "rate": "%", "pct": "%"}.get(self.kind, self.unit)

    def value(self, row):
        """The raw value: for a rate, the percentage (2 decimals) or None."""
        if self.kind == "rate":
            num, den = (row.get(k) for k in self.rate_of)
            return round(num * 100 / den, 2) if den else None
        return row.get(self.key)

    def export(self, row):
        value = self.value(row)
        if self.kind == "amount":
            return fen_to_yuan(value)
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value

    @property
    def csv_header(self):
        unit = self.json_unit
        return f"{self.label}（{unit}）" if unit else self.label


@dataclass
class Table:
    name: str  # file name stem for the CSV download
    columns: list
    rows: list
    caption: str = ""
    totals: dict | None = None  # a totals row, same keys as rows
    total_links: dict = field(default_factory=dict)  # column key -> URL of the records the totals row sums
    links: dict = field(default_factory=dict)  # column key -> function(row) -> URL or None
    stream: object = None  # downloads: a function returning an iterator of every row, read instead of rows

    def link(self, key, row):
        fn = self.links.get(key)
        return fn(row) if fn else None

    def json(self):
        return {
            "columns": [{"key": c.json_key, "label": c.label, "unit": c.json_unit} for c in self.columns],
            "rows": [self._json_row(r) for r in self.rows],
            **({"totals": {**self._json_row(self.totals, links=False), **self._total_urls()}} if self.totals else {}),
        }

    def _total_urls(self):
        json_keys = {c.key: c.json_key for c in self.columns}
        return {f"{json_keys.get(key, key)}_url": url for key, url in self.total_links.items() if url}

    def _json_row(self, row, links=True):
        out = {c.json_key: c.export(row) for c in self.columns}
        if links:
            json_keys = {c.key: c.json_key for c in self.columns}
            for key, fn in self.links.items():
                url = fn(row)
                if url:
                    out[f"{json_keys.get(key, key)}_url"] = url
        return out


def publication_ref(pub=None):
    """Citation block included in every JSON response."""
    pub = pub or publication()
    if not pub:
        return None
    return {"id": pub["id"], "sha256": pub["data_sha256"], "title": pub["title"],
            "as_of": pub["as_of"].isoformat() if pub.get("as_of") else None,
            "is_demo": bool(pub.get("is_demo"))}


def json_response(payload):
    return jsonify({"publication": publication_ref(), "unit": "元", **payload})




CSV_BATCH = 1000  # rows per chunk sent


def csv_chunks(table):
    """The table as CSV text: BOM and header, then its rows (``table.stream()`` when set) in chunks."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # BOM: Excel then reads UTF-8 correctly
    writer = csv.writer(buffer)
    writer.writerow([neutralise(c.csv_header) for c in table.columns])
    rows = table.stream() if table.stream else table.rows
    for count, row in enumerate(rows, 1):
        writer.writerow(["" if v is None else neutralise(v) for v in (c.export(row) for c in table.columns)])
        if count % CSV_BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_response(table):
    """The CSV download, sent while it is written (the request's database connection stays open until
    the last row: stream_with_context)."""
    chunks = csv_chunks(table)
    filename = f"{table.name}.csv"
    return Response(stream_with_context(chunks) if has_request_context() else chunks,
                    mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename=\"{filename}\""})
