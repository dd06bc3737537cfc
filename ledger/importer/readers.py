"""Read raw tables from CSV and XLSX files into plain rows (header -> cell text)."""
import csv
import hashlib
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .layout import LAYOUTS, layout_for_name

log = logging.getLogger(__name__)


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
    count: int = 0  # rows read so far (the readers count as they go: rows may be an iterator)


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


# ---- limits: what one import file may hold ------------------------------------------------------
# Anything that fits one Excel sheet imports (1,048,576 rows including the header); larger tables are
# split over several files. Rows stream through the import (spool.py): memory grows only with the keys the
# cross-table checks keep (a voucher number per payment) and the distinct names and texts de-identified.
# Settings (IMPORT_MAX_*, portal/config.py) raise or lower the caps.
@dataclass(frozen=True)
class ImportLimits:
    max_rows: int = 1_048_575
    max_file_mb: int = 1024
    # Zip bombs: a workbook's declared inflated size (zipfile never inflates past it: CRC check fails).
    max_xlsx_inflated_mb: int = 2048


DEFAULT_LIMITS = ImportLimits()
# Longest cell any layout column accepts (a report body), and the longest physical CSV line.
MAX_FIELD_CHARS = max(c.max_length for layout in LAYOUTS.values() for c in layout.columns)
MAX_LINE_CHARS = 2 * MAX_FIELD_CHARS
MAX_XLSX_RATIO = 200  # real sheets compress 5–30x; 200x of a big member is a bomb
MAX_YEARBOOK_INFLATED_MB = 64  # a yearbook table is a few hundred rows
csv.field_size_limit(MAX_FIELD_CHARS + 1)

_MAGIC = [  # what a file really is, from its first bytes
    (b"PK\x03\x04", "Excel 工作簿（.xlsx）或 ZIP 压缩包"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Excel（.xls）或加密的 Office 文件"),
    (b"\x89PNG", "PNG 图片"), (b"\xff\xd8\xff", "JPEG 图片"), (b"GIF8", "GIF 图片"),
    (b"%PDF", "PDF 文档"), (b"Rar!", "RAR 压缩包"), (b"7z\xbc\xaf", "7z 压缩包"), (b"\x1f\x8b", "gzip 压缩包"),
]


def _sniff(head):
    for magic, label in _MAGIC:
        if head.startswith(magic):
            return label
    return None


class _TooLong(Exception):
    pass


def _bounded_lines(fh):
    """Physical lines of a text file, refusing one longer than MAX_LINE_CHARS (bounded memory)."""
    while True:
        line = fh.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        if len(line) > MAX_LINE_CHARS:
            raise _TooLong()
        yield line


def _first_bad_utf8(path):
    """(line number, byte offset) of the first byte sequence that is not UTF-8."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    line, offset = 1, 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return line + chunk[:max(exc.start, 0)].count(b"\n"), offset + max(exc.start, 0)
            line += chunk.count(b"\n")
            offset += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return line, None  # only the very end is cut
    return line, offset


def _encoding_failure(path):
    """ImportFailure explaining which encoding the CSV seems to use and where UTF-8 fails."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    save_as = "请在 Excel 中「另存为」→「CSV UTF-8（逗号分隔）」，或在 WPS/记事本中选择 UTF-8 编码保存后重试。"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:200].count(b"\x00") > 20:
        return ImportFailure([RowError(path.name, "文件是 UTF-16 编码（Excel「Unicode 文本」格式），"
                                                  "本平台只接受 UTF-8 编码的 CSV。" + save_as)])
    line, offset = _first_bad_utf8(path)
    if offset is None:
        return ImportFailure([RowError(path.name, "文件末尾的字符不完整，文件可能被截断，请重新导出", row=line)])
    guess = "（可能是 GBK/GB18030 编码，即 Excel「CSV（逗号分隔）」的默认编码）"
    try:
        head.decode("gb18030")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            guess = "（也不是 GBK/GB18030，文件可能已损坏或不是文本文件）"
    return ImportFailure([RowError(path.name, f"文件不是 UTF-8 编码{guess}，首个无法识别的字符在此行。"
                                              "为避免发布乱码，平台不会猜测编码。" + save_as, row=line)])


def _csv_header(cells):
    return [c.replace("\ufeff", "").strip() for c in cells]


def read_csv(path, limits=DEFAULT_LIMITS):
    return [_materialised(table) for table in iter_csv(path, limits)]


class _CsvState:
    reader = None
    table = None


@contextmanager
def _csv_errors(path, state):
    """The Chinese failure for what the csv module or the decoder raised while reading ``path``."""
    try:
        yield
    except UnicodeDecodeError:
        raise _encoding_failure(path) from None
    except _TooLong:
        line = (state.reader.line_num + 1) if state.table else 1
        raise ImportFailure([RowError(path.name, f"此行超过 {MAX_LINE_CHARS:,} 个字符，"
                                                 "文件可能已损坏或不是 CSV", row=line)]) from None
    except csv.Error as exc:
        raise ImportFailure([RowError(path.name, _csv_error_text(exc), row=state.reader.line_num or 1)]) from None


def iter_csv(path, limits=DEFAULT_LIMITS):
    """The file's one RawTable; its ``rows`` are read from the file as they are iterated (bounded memory)."""
    layout = layout_for_name(path.stem)
    if layout is None:
        raise ImportFailure([RowError(path.name, f"无法从文件名判断数据表，文件名应为：{_known_names()}")])
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise ImportFailure([RowError(path.name, "文件为空（0 字节）")])
    actual = _sniff(head)
    if actual:
        raise ImportFailure([RowError(path.name, f"扩展名是 .csv，但文件实际是{actual}。"
                                                 "请使用正确的扩展名，或在 Excel 中另存为「CSV UTF-8」")])
    state = _CsvState()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        with _csv_errors(path, state):
            state.reader = csv.reader(_bounded_lines(fh), strict=True)
            header = next(state.reader, None)
            if header is None or not any(h.strip() for h in header):
                raise ImportFailure([RowError(path.name, "文件为空或第一行（表头）为空", row=1)])
        table = state.table = RawTable(layout, path.name, None, _csv_header(header))
        table.rows = _csv_rows(path, state, limits)
        yield table
        _drain(table)


def _csv_rows(path, state, limits):
    table, kept, last = state.table, None, None
    with _csv_errors(path, state):
        for number, cells in enumerate(state.reader, start=2):
            if any(c.strip() for c in cells):
                if table.count >= limits.max_rows:
                    raise ImportFailure([_too_many_rows(path.name, None, number, limits)])
                table.count += 1
                kept = (number, cells)
                yield kept
            last = cells
    if last is not None and kept is not None and kept[1] is last and len(last) < len(table.header) \
            and not _ends_with_newline(path):
        raise ImportFailure([RowError(path.name, f"最后一行只有 {len(last)} 列（表头有 {len(table.header)} 列）"
                                                 "且没有换行结尾，文件可能被截断，请重新导出",
                                      row=kept[0])])


def _drain(table):
    """Read what the caller left of a table's rows: read errors later in the file still count."""
    for _row in table.rows:
        pass


def _materialised(table):
    table.rows = list(table.rows)
    return table


def _ends_with_newline(path):
    with open(path, "rb") as fh:
        fh.seek(max(path.stat().st_size - 1, 0))
        return fh.read(1) in (b"\n", b"\r")


def _csv_error_text(exc):
    text = str(exc)
    if "field larger than field limit" in text:
        return f"有单元格超过 {MAX_FIELD_CHARS:,} 个字符（上限），文件可能已损坏"
    if "unexpected end of data" in text:
        return "引号未闭合就到了文件末尾，文件可能被截断，请重新导出"
    if "expected after" in text:
        return "引号使用不规范（引号后应紧跟逗号或换行），请用 Excel 另存为「CSV UTF-8」"
    return f"CSV 格式错误（{text}）"


def _too_many_rows(file, sheet, number, limits):
    return RowError(file, f"数据行超过上限 {limits.max_rows:,} 行。请按月份或地区拆分为多个文件"
                          "（放在不同文件夹中，用同一条命令导入），或由管理员调高 IMPORT_MAX_ROWS",
                    sheet, number)


def _cell_text(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_zip(path, *, max_inflated_mb=DEFAULT_LIMITS.max_xlsx_inflated_mb):
    """Refuse a workbook whose members would inflate past the limit (a zip bomb) before any parser sees it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFailure([RowError(path.name, "Excel 文件已损坏或不完整（可能在传输中被截断），请重新导出")]) \
            from None
    if len(members) > 10_000:
        raise ImportFailure([RowError(path.name, f"Excel 文件内部包含 {len(members):,} 个部件，不像正常的工作簿")])
    inflated = sum(m.file_size for m in members)
    bomb = [m for m in members if m.file_size > (32 << 20) and m.file_size > MAX_XLSX_RATIO * max(m.compress_size, 1)]
    if inflated > max_inflated_mb << 20 or bomb:
        raise ImportFailure([RowError(path.name, f"Excel 文件解压后约 {inflated / (1 << 20):,.0f} MB"
                                                 f"（压缩后仅 {path.stat().st_size / (1 << 20):,.1f} MB），"
                                                 f"超过上限 {max_inflated_mb:,} MB 或压缩比异常，疑似「压缩炸弹」，已拒绝")])


def read_xlsx(path, limits=DEFAULT_LIMITS):
    return [_materialised(table) for table in iter_xlsx(path, limits)]


def iter_xlsx(path, limits=DEFAULT_LIMITS):
    """RawTables of the workbook's recognised sheets, one after another; rows are read as iterated."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise ImportFailure([RowError(path.name, f"无法打开 Excel 文件（文件损坏或不是 .xlsx）：{type(exc).__name__}")]) from None
    found = 0
    try:
        for sheet in workbook.worksheets:
            layout = layout_for_name(sheet.title) or (
                layout_for_name(path.stem) if len(workbook.worksheets) == 1 else None)
            if layout is None:
                continue
            # The recorded used range («dimension») may claim A1:XFD1048576: iterate the cells really
            # present, and only as many columns as the header has.
            sheet.reset_dimensions()
            header = next(sheet.iter_rows(max_row=1, values_only=True), None)
            if header is None or not any(_cell_text(h).strip() for h in header):
                raise ImportFailure([RowError(path.name, "工作表为空或第一行（表头）为空", sheet.title, 1)])
            header = [_cell_text(h).replace("\ufeff", "").strip() for h in header]
            while header and not header[-1]:
                header.pop()
            table = RawTable(layout, path.name, sheet.title, header)
            table.rows = _sheet_rows(path, sheet, table, limits)
            found += 1
            yield table
            _drain(table)
    finally:
        workbook.close()
    if not found:
        raise ImportFailure([RowError(path.name, f"工作簿中没有可识别的工作表，工作表名应为：{_known_names()}")])


def _sheet_rows(path, sheet, table, limits):
    for number, values in enumerate(sheet.iter_rows(min_row=2, max_col=len(table.header), values_only=True),
                                    start=2):
        cells = [_cell_text(v) for v in values]
        if any(c.strip() for c in cells):
            if table.count >= limits.max_rows:
                raise ImportFailure([_too_many_rows(path.name, sheet.title, number, limits)])
            table.count += 1
            yield number, cells


def _known_names():
    from .layout import LAYOUTS
    return "、".join(layout.aliases[0] for layout in LAYOUTS.values())


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


def read_file(path, limits=DEFAULT_LIMITS):
    """Raw tables of one file, or ImportFailure with a Chinese message; never another exception."""
    return [_materialised(table) for table in stream_file(path, limits)]


def stream_file(path, limits=DEFAULT_LIMITS):
    """read_file() as it reads: RawTables one after another, each with rows read as iterated (one sheet
    or file is never held whole). A failure can come while the rows are read: the caller must then
    forget what it took from this file, as read_file() would never have given it."""
    try:
        for table in _read_file(path, limits):
            table.rows = _guarded(path, table.rows)
            yield table
    except ImportFailure:
        raise
    except Exception as exc:  # a damaged or hostile file must not become a traceback or a 500
        raise _unexpected(path, exc) from exc


def _guarded(path, rows):
    try:
        yield from rows
    except ImportFailure:
        raise
    except Exception as exc:
        raise _unexpected(path, exc) from exc


def _unexpected(path, exc):
    log.exception("unexpected error reading %s", path)
    return ImportFailure([RowError(path.name, f"无法读取文件（文件损坏或格式不对）：{type(exc).__name__}")])


def _read_file(path, limits):
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportFailure([RowError(path.name, "文件不存在")])
    if suffix not in (".csv", ".xlsx", ".xls"):
        raise ImportFailure([RowError(path.name, "不支持的文件类型，请使用 .csv、.xlsx 或 .xls")])
    size = path.stat().st_size
    if size == 0:
        raise ImportFailure([RowError(path.name, "文件为空（0 字节）")])
    if size > limits.max_file_mb << 20:
        raise ImportFailure([RowError(path.name, f"文件大小 {size / (1 << 20):,.0f} MB，超过单个文件上限 "
                                                 f"{limits.max_file_mb:,} MB（IMPORT_MAX_FILE_MB）；请拆分后导入")])
    if suffix == ".csv":
        return iter_csv(path, limits)
    with open(path, "rb") as fh:
        head = fh.read(8)
    actual = _sniff(head)
    if actual and not head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportFailure([RowError(path.name, f"扩展名是 {suffix}，但文件实际是{actual}，不是 Excel 工作簿")])
    if actual is None and suffix == ".xlsx":
        raise ImportFailure([RowError(path.name, "扩展名是 .xlsx，但文件不是 Excel 工作簿"
                                                 "（可能是改了扩展名的 CSV 或文本文件，或文件已损坏）")])
    if head.startswith(b"PK\x03\x04"):
        check_zip(path, max_inflated_mb=limits.max_xlsx_inflated_mb)
        if suffix == ".xlsx" and _documented_workbook(path):
            return iter_xlsx(path, limits)
        check_zip(path, max_inflated_mb=MAX_YEARBOOK_INFLATED_MB)  # the yearbook reader holds whole sheets
    # Anything else must be a yearbook-style table (e.g. 统计年鉴 表7-6), or it is refused clearly.
    from .yearbook import read_yearbook
    tables = read_yearbook(path)
    for table in tables:
        table.count = len(table.rows)
    return tables
