"""Write a province's worth of demo data (areas.py) one area at a time, in bounded memory.

CSV rows are appended as each area is built; XLSX rows are spooled to temporary files (pickled in
batches) until the last area, then streamed into the workbook. Only the three small reference
tables are merged in memory: the city's population becomes the sum of all districts, and the
functional classes are those any area uses. Output is as reproducible as generate()'s.
"""
import pickle
import tempfile
from contextlib import ExitStack
from pathlib import Path

from . import vocab
from .writers import RAW_FILES, CsvAppender, write_large_xlsx

MERGED = ("regions", "departments", "func_classes")
BATCH = 2_000
# The importer takes at most one Excel sheet's rows per file (readers.DEFAULT_LIMITS): a longer CSV table
# goes on in NAME-2/NAME.csv, NAME-3/NAME.csv … (×20: two payment files; import every path returned).
ROWS_PER_FILE = 1_000_000


class PartedCsv:
    """A CSV table written as CsvAppender writes it, continued in a new file every ROWS_PER_FILE rows."""

    def __init__(self, out_dir, name, table):
        self.out_dir, self.name, self.table = Path(out_dir), name, table
        self.parts, self.current, self.count = [], None, 0
        self._next()

    def _next(self):
        if self.current:
            self.current.close()
        number = len(self.parts) + 1
        folder = self.out_dir if number == 1 else self.out_dir / f"{Path(self.name).stem}-{number}"
        folder.mkdir(exist_ok=True)
        self.parts.append(folder / self.name)
        self.current, self.count = CsvAppender(folder / self.name, self.table), 0

    def write(self, rows):
        while rows:
            if self.count == ROWS_PER_FILE:
                self._next()
            taken = rows[:ROWS_PER_FILE - self.count]
            self.current.write(taken)
            self.count += len(taken)
            rows = rows[len(taken):]

    def close(self):
        self.current.close()


class Spool:
    """Rows of one table, pickled to a temporary file in batches and read back in order."""

    def __init__(self, folder, table):
        self.path = Path(folder) / f"{table}.pickle"
        self.file = self.path.open("wb")

    def write(self, rows):
        for start in range(0, len(rows), BATCH):
            batch = [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows[start:start + BATCH]]
            pickle.dump(batch, self.file, protocol=pickle.HIGHEST_PROTOCOL)

    def rows(self):
        self.file.close()
        with self.path.open("rb") as source:
            while True:
                try:
                    yield from pickle.load(source)
                except EOFError:
                    return


def write_province(out_dir, per_area):
    """Write the raw files (writers.RAW_FILES) from ``per_area``, an iterable of build() results."""
    merged = {table: [] for table in MERGED}
    with tempfile.TemporaryDirectory(prefix="mingzhang-demo-") as folder, ExitStack() as stack:
        appenders = {name: PartedCsv(out_dir, name, table) for name, table in RAW_FILES if isinstance(table, str)}
        for appender in appenders.values():
            stack.callback(appender.close)
        spools = {table: Spool(folder, table) for _n, sheets in RAW_FILES if not isinstance(sheets, str)
                  for _t, table in sheets if table not in MERGED}
        for tables in per_area:
            for name, table in RAW_FILES:
                if isinstance(table, str):
                    appenders[name].write(tables[table])
            for table, spool in spools.items():
                spool.write(tables[table])
            for table in MERGED:
                merged[table] += tables[table]
            del tables  # one area in memory at a time
        for appender in appenders.values():
            appender.close()
        sources = {**{table: spool.rows() for table, spool in spools.items()}, **_merge(merged)}
        for name, sheets in RAW_FILES:
            if not isinstance(sheets, str):
                write_large_xlsx(out_dir / name, [(title, table, sources[table]) for title, table in sheets])
    return [path for name, sheets in RAW_FILES
            for path in (appenders[name].parts if isinstance(sheets, str) else [out_dir / name])]


def _merge(merged):
    regions = merged["regions"]
    city = next(r for r in regions if r["code"] == vocab.CITY_CODE)
    city["population"] = sum(r["population"] for r in regions if r["level"] == 1)
    classes = sorted({row["code"]: row for row in merged["func_classes"]}.values(), key=lambda r: r["code"])
    return {"regions": regions, "departments": merged["departments"], "func_classes": classes}
