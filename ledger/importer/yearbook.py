"""Yearbook-style workbooks: 中国统计年鉴 表7-6「分地区一般公共预算支出」 exactly as published.

Every year has its own layout, so nothing here depends on positions:
- the title row gives the year (「…一般公共预算支出(2023年)」; a year in the file name is the fallback);
- a header row is a row with a 「地区」 cell followed by cells naming functional classes; headers may
  wrap inside the cell or over the next rows, mix Chinese and English, or be cut short (「社会保障」);
- the unit comes from the nearest 「单位:亿元」 line above the header;
- a table continued over several blocks or sheets (续表1, 续表2) is joined by region;
- region names go through the province gazetteer (「北 京」「Beijing」→ 110000 北京市);
- empty cells (and 「-」「…」) mean «no data» and give no row.

The result is handed to the ordinary import pipeline as documented-layout tables (regions,
func_classes, expenditures with month 0 and amounts in 元), so validation, de-identification and
the atomic publish are the same as for any other import.

Totals: the published total (一般公共预算支出) is not a class. Each province's classes must add up to
it within the table's rounding (half a unit of the last printed digit per figure); the difference that
rounding leaves is stored as class 299 「分项合计尾差」, so a province's total spending in the portal
equals the published total to the fen. The 地方合计 row is only a check value (全国 is the sum of the
provinces in the portal): the provinces must add up to it within rounding, and the check is recorded in
the publication's source file notes.
"""
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..money import UNITS
from . import gazetteer
from .layout import LAYOUTS
from .readers import ImportFailure, RawTable, RowError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "yearbook"
DEFAULT_PASSWORD = "VelvetSweatshop"  # Excel's built-in write-protection password
TOTAL = "total"
REMAINDER_CODE = "299"
REMAINDER_NAME = "分项合计尾差"

# 支出功能分类 类 (2019+ codes and names) with the names older yearbooks use.
CLASSES = [
    ("201", "一般公共服务支出", ()),
    ("202", "外交支出", ()),
    ("203", "国防支出", ()),
    ("204", "公共安全支出", ()),
    ("205", "教育支出", ()),
    ("206", "科学技术支出", ()),
    ("207", "文化旅游体育与传媒支出", ("文化体育与传媒支出",)),
    ("208", "社会保障和就业支出", ()),
    ("210", "卫生健康支出", ("医疗卫生与计划生育支出", "医疗卫生支出")),
    ("211", "节能环保支出", ()),
    ("212", "城乡社区支出", ("城乡社区事务支出",)),
    ("213", "农林水支出", ("农林水事务支出",)),
    ("214", "交通运输支出", ()),
    ("215", "资源勘探工业信息等支出", ("资源勘探信息等支出", "资源勘探电力信息等支出")),
    ("216", "商业服务业等支出", ()),
    ("217", "金融支出", ("金融监管等事务支出",)),
    ("219", "援助其他地区支出", ()),
    ("220", "自然资源海洋气象等支出", ("国土海洋气象等支出", "国土资源气象等支出")),
    ("221", "住房保障支出", ()),
    ("222", "粮油物资储备支出", ("粮油物资储备事务支出", "粮油物资储备管理事务支出")),
    ("224", "灾害防治及应急管理支出", ()),
    ("227", "预备费", ()),
    ("229", "其他支出", ()),
    ("231", "债务还本支出", ()),
    ("232", "债务付息支出", ()),
    ("233", "债务发行费用支出", ()),
]
CLASS_NAMES = {code: name for code, name, _ in CLASSES}
TOTAL_HEADERS = ("一般公共预算支出", "地方一般公共预算支出", "合计", "总计", "支出合计", "一般公共预算支出合计")
_NO_DATA = {"", "-", "—", "–", "--", "…", "...", "……", "x", "X", "×", "/"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_UNIT = re.compile(r"单位\s*[:：]?\s*(亿元|万元|元)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def bundled_yearbook_files():
    """The five published tables (2019–2023) shipped with the project."""
    return sorted(p for p in DATA_DIR.iterdir() if p.suffix.lower() in (".xls", ".xlsx"))


# ---- reading workbooks ---------------------------------------------------------------------------

def _decrypt(path, data):
    import msoffcrypto
    from msoffcrypto.exceptions import InvalidKeyError

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        encrypted = office.is_encrypted()
    except Exception:  # not an OLE container msoffcrypto understands: let the reader report it
        return data
    if not encrypted:
        return data
    try:
        office.load_key(password=DEFAULT_PASSWORD)
        out = io.BytesIO()
        office.decrypt(out)
        return out.getvalue()
    except InvalidKeyError:
        raise ImportFailure([RowError(path.name, "文件设有打开密码（不是 Excel 默认密码），无法读取。"
                                                 "请在 Excel 中取消密码保护后另存为 .xlsx 再导入。")]) from None
    except Exception as exc:
        raise ImportFailure([RowError(path.name, f"无法解密 Excel 文件（文件损坏）：{type(exc).__name__}")]) from None


def load_sheets(path):
    """[(sheet name, [[cell, ...], ...])] for .xls (also password-protected with Excel's default) and .xlsx."""
    data = Path(path).read_bytes()
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE: legacy .xls, or an encrypted .xlsx
        data = _decrypt(path, data)
    try:
        if data[:2] == b"PK":
            return _xlsx_sheets(data)
        return _xls_sheets(data)
    except ImportFailure:
        raise
    except Exception as exc:  # the readers raise many kinds for damaged files
        raise ImportFailure([RowError(path.name, f"无法打开 Excel 文件（文件损坏或格式不对）：{type(exc).__name__}")]) from None


def _xlsx_sheets(data):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = []
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # some writers record a wrong used range (A1 only)
            sheets.append((sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)]))
        return sheets
    finally:
        workbook.close()


def _xls_sheets(data):
    import xlrd

    book = xlrd.open_workbook(file_contents=data, on_demand=True)
    try:
        return [(sheet.name, [sheet.row_values(r) for r in range(sheet.nrows)]) for sheet in book.sheets()]
    finally:
        book.release_resources()


# ---- parsing -------------------------------------------------------------------------------------

def _text(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _cjk(text):
    return "".join(_CJK.findall(text))


def _number(value):
    """Decimal, or None for «no data». Raises ValueError for text that is not a number."""
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, (int, float)):
        if isinstance(value, float) and value != value:
            return None
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = re.sub(r"[\s\u3000,，]", "", _text(value))
    if text in _NO_DATA:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


def _decimals(number):
    return max(0, -number.as_tuple().exponent)


def _half_unit(cells):
    """Half a unit of the last digit these figures are printed with (a float cell drops trailing
    zeros, so the most decimals seen among many figures is taken as the printed precision)."""
    places = max((_decimals(c.value) for c in cells), default=0)
    return Decimal(5) / Decimal(10) ** (places + 1)


def map_header(text):
    """Codes a header cell could mean: exact name first, then a cut-short header (「社会保障」)."""
    name = _cjk(text)
    if len(name) < 2:
        return set()
    if name in TOTAL_HEADERS:
        return {TOTAL}
    exact = {code for code, canonical, synonyms in CLASSES if name in (canonical, *synonyms)}
    if exact:
        return exact
    names = [(TOTAL, n) for n in TOTAL_HEADERS] + [
        (code, n) for code, canonical, synonyms in CLASSES for n in (canonical, *synonyms)]
    return {code for code, n in names if n.startswith(name) or (name.endswith("支出") and name[:-2] == n)}


@dataclass
class Block:
    sheet: str
    row: int  # 1-based header row
    region_col: int
    unit: str | None
    headers: dict  # col -> header text (joined over wrapped rows)
    columns: dict = field(default_factory=dict)  # col -> code
    regions: set = field(default_factory=set)
    has_data: bool = False


@dataclass
class Cell:
    value: Decimal
    sheet: str
    row: int
    column: str


@dataclass
class YearbookTable:
    file: str
    year: int
    unit: str
    values: dict  # region code | TOTAL -> {class code | TOTAL -> Cell}
    blocks: list
    notes: list = field(default_factory=list)

    def provinces(self):
        return [p for p in gazetteer.PROVINCES if p.code in self.values]

    def amount_yuan(self, cell):
        return cell.value * UNITS[self.unit]


def _region_key(text):
    if gazetteer.is_total(text):
        return TOTAL
    province = gazetteer.lookup(text)
    return province.code if province else None


def _header_start(cells):
    """Index of the 「地区」 cell if this row looks like a table header, else None."""
    for index, value in enumerate(cells):
        if _cjk(_text(value)) in ("地区", "省份", "地区名称", "省市", "省区市"):
            known = sum(1 for v in cells[index + 1:] if map_header(_text(v)))
            return index if known >= 1 else None
    return None


def _resolve_columns(block, path, errors):
    """Header texts -> class codes; a cut-short header is settled by the codes the others took."""
    candidates = {}
    for col, text in block.headers.items():
        if col == block.region_col or not _cjk(text):
            continue  # the English 「Region」 column, empty spacer columns
        codes = map_header(text)
        if not codes:
            errors.append(RowError(path.name, f"无法识别的表头「{_cjk(text)}」：不是已知的一般公共预算支出功能分类（类）名称",
                                   block.sheet, block.row, f"第{col + 1}列"))
        candidates[col] = codes
    taken = {}
    for _ in range(len(candidates) + 1):
        for col, codes in candidates.items():
            left = codes - {c for other, c in taken.items() if other != col}
            if len(left) == 1 and col not in taken:
                taken[col] = next(iter(left))
    for col, codes in candidates.items():
        if codes and col not in taken:
            errors.append(RowError(path.name, f"表头「{_cjk(block.headers[col])}」可能指多个科目，无法确定",
                                   block.sheet, block.row, f"第{col + 1}列"))
    seen = {}
    for col, code in sorted(taken.items()):
        if code in seen:
            errors.append(RowError(path.name, f"同一张表中科目「{CLASS_NAMES.get(code, '合计')}」出现两次"
                                   f"（第{seen[code] + 1}列和第{col + 1}列）", block.sheet, block.row))
        seen[code] = col
    block.columns = taken


def _find_year(path, sheets):
    years = set()
    for _name, rows in sheets:
        for cells in rows[:8]:
            for value in cells:
                text = _text(value)
                if "预算支出" in text or "Expenditure by Region" in text:
                    years.update(int(y) for y in _YEAR.findall(text))
                    years.update(int(y) for y in re.findall(r"\((\d{4})\)", text))
    if len(years) > 1:
        raise ImportFailure([RowError(path.name, f"标题中出现多个年份（{'、'.join(map(str, sorted(years)))}），"
                                                 "一个文件只能含一个年度的表")])
    if years:
        return years.pop()
    match = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", path.stem)
    if match:
        return int(match.group(1))
    raise ImportFailure([RowError(path.name, "无法确定年度：标题中没有「XXXX年」，文件名中也没有年份")])


def parse_workbook(path, sheets=None):
    """Parse one yearbook-style workbook into a YearbookTable. Raises ImportFailure with Chinese messages."""
    path = Path(path)
    sheets = load_sheets(path) if sheets is None else sheets
    errors, blocks, values = [], [], {}
    for sheet_name, rows in sheets:
        unit, block = None, None
        for index, cells in enumerate(rows):
            number = index + 1
            texts = [_text(v) for v in cells]
            for text in texts:
                found = _UNIT.search(text.replace(" ", ""))
                if found:
                    unit = found.group(1)
            start = _header_start(cells)
            if start is not None:
                block = Block(sheet_name, number, start, unit,
                              {col: t for col, t in enumerate(texts) if t.strip()})
                blocks.append(block)
                continue
            if block is None:
                continue
            region_text = texts[block.region_col] if block.region_col < len(texts) else ""
            region = _region_key(region_text)
            if region is None:
                if not block.has_data and not any(_number_or_none(v) is not None for v in cells):
                    for col, text in enumerate(texts):  # a header wrapped over the next row
                        if text.strip() and col != block.region_col:
                            block.headers[col] = block.headers.get(col, "") + "\n" + text
                continue
            if not block.has_data:
                block.has_data = True
                _resolve_columns(block, path, errors)
            block.regions.add(region)
            for col, code in block.columns.items():
                raw = cells[col] if col < len(cells) else None
                label = CLASS_NAMES.get(code, "一般公共预算支出")
                try:
                    value = _number(raw)
                except ValueError as exc:
                    errors.append(RowError(path.name, f"「{str(exc)[:40]}」不是数字", sheet_name, number, label))
                    continue
                if value is None:
                    continue
                previous = values.setdefault(region, {}).get(code)
                if previous is not None and previous.value != value:
                    errors.append(RowError(path.name, f"同一地区同一科目出现两个不同的数（另见工作表「{previous.sheet}」"
                                           f"第{previous.row}行）", sheet_name, number, label))
                values[region][code] = Cell(value, sheet_name, number, label)
    blocks = [b for b in blocks if b.has_data]
    if not blocks:
        raise ImportFailure([RowError(path.name, "无法识别的工作簿：既不是文档规定的数据表（工作表名应为 regions、"
                                                 "expenditures 等），也不是年鉴式的分地区支出表（没有找到含「地区」和"
                                                 "支出科目名称的表头行，以及其下的省份数据行）")])
    if errors:
        raise ImportFailure(errors)
    year = _find_year(path, sheets)
    units = {b.unit for b in blocks}
    if None in units:
        missing = next(b for b in blocks if b.unit is None)
        raise ImportFailure([RowError(path.name, "表头上方没有找到计量单位（如「单位：亿元」），无法换算金额",
                                      missing.sheet, missing.row)])
    if len(units) > 1:
        raise ImportFailure([RowError(path.name, f"各续表的计量单位不一致（{'、'.join(sorted(units))}）")])
    table = YearbookTable(path.name, year, units.pop(), values, blocks)
    check_table(table)
    return table


def _number_or_none(value):
    try:
        return _number(value)
    except ValueError:
        return None


def check_table(table):
    """Continued blocks cover the same regions; classes add up to totals within the table's rounding."""
    errors = []
    everywhere = set().union(*(b.regions for b in table.blocks))
    for block in table.blocks:
        for region in sorted(everywhere - block.regions):
            name = "地方合计" if region == TOTAL else gazetteer.lookup(region).short_name
            errors.append(RowError(table.file, f"续表缺少地区「{name}」（表头在第{block.row}行）", block.sheet))
    if not table.provinces():
        errors.append(RowError(table.file, "表中没有任何省级地区的数据行"))
    if not any(TOTAL in b.columns.values() for b in table.blocks):
        errors.append(RowError(table.file, "没有找到合计列（一般公共预算支出）"))
    if errors:
        raise ImportFailure(errors)
    province_cells = [c for p in table.provinces() for c in table.values[p.code].values()]
    half = _half_unit(province_cells)  # the rounding of one province figure
    for province in table.provinces():
        row = table.values[province.code]
        total = row.get(TOTAL)
        if total is None:
            errors.append(RowError(table.file, f"{province.short_name}的一般公共预算支出（合计）为空"))
            continue
        parts = [c for code, c in row.items() if code != TOTAL]
        difference = total.value - sum((c.value for c in parts), Decimal(0))
        tolerance = half * (len(parts) + 1)
        if abs(difference) > tolerance:
            errors.append(RowError(table.file, f"{province.short_name}各科目之和与合计相差 {difference} {table.unit}，"
                                   f"超出四舍五入误差（{tolerance}），可能缺少续表或某列错位",
                                   total.sheet, total.row))
    nation = table.values.get(TOTAL)
    if nation is None:
        table.notes.append("表中没有地方合计行，未核对各省之和")
    else:
        # 地方合计 may be printed coarser than the provinces (2021: 4 decimals vs 2): use the coarser.
        half = max(half, _half_unit(nation.values()))
        worst = Decimal(0)
        for code, cell in nation.items():
            cells = [table.values[p.code][code] for p in table.provinces() if code in table.values[p.code]]
            difference = cell.value - sum((c.value for c in cells), Decimal(0))
            tolerance = half * (len(cells) + 1)
            if abs(difference) > tolerance:
                errors.append(RowError(table.file, f"各省{cell.column}之和与地方合计相差 {difference} {table.unit}，"
                                       f"超出四舍五入误差（{tolerance}）", cell.sheet, cell.row, cell.column))
            worst = max(worst, abs(difference))
        table.notes.append(f"{table.year}年已核对：各省之和与地方合计一致（最大差 {worst} {table.unit}，在四舍五入误差内）；"
                           f"地方合计一般公共预算支出 {nation[TOTAL].value if TOTAL in nation else '—'} {table.unit}")
    if errors:
        raise ImportFailure(errors)


# ---- into the ordinary import pipeline -----------------------------------------------------------

def _yuan_text(amount):
    return format(amount.normalize(), "f") if amount == amount.to_integral_value() else format(amount, "f")


def to_raw_tables(table):
    """Documented-layout tables (regions, func_classes, expenditures) for the import pipeline."""
    regions = RawTable(LAYOUTS["regions"], table.file, None,
                       ["code", "name", "short_name", "parent_code", "level", "population"], shared=True)
    regions.rows.append((0, [gazetteer.NATION_CODE, gazetteer.NATION_NAME, gazetteer.NATION_NAME, "", "0", ""]))
    for province in table.provinces():
        regions.rows.append((0, [province.code, province.name, province.short_name, gazetteer.NATION_CODE, "1", ""]))
    classes = RawTable(LAYOUTS["func_classes"], table.file, None, ["code", "name"], shared=True)
    expenditures = RawTable(LAYOUTS["expenditures"], table.file, None,
                            ["year", "month", "region_code", "dept_code", "class_code", "amount_yuan"])
    used, remainders = set(), 0
    for province in table.provinces():
        row = table.values[province.code]
        parts = Decimal(0)
        for code, cell in sorted(row.items()):
            if code == TOTAL:
                continue
            used.add(code)
            parts += cell.value
            expenditures.rows.append((cell.row, [str(table.year), "0", province.code, "", code,
                                                 _yuan_text(table.amount_yuan(cell))]))
        remainder = row[TOTAL].value - parts
        if remainder:
            used.add(REMAINDER_CODE)
            remainders += 1
            expenditures.rows.append((row[TOTAL].row, [str(table.year), "0", province.code, "", REMAINDER_CODE,
                                                       _yuan_text(remainder * UNITS[table.unit])]))
    for code in sorted(used):
        classes.rows.append((0, [code, CLASS_NAMES.get(code, REMAINDER_NAME)]))
    documents = RawTable(LAYOUTS["documents"], table.file, None,
                         ["slug", "title", "doc_type", "year", "region_code", "body"])
    for province in table.provinces():
        documents.rows.append((table.values[province.code][TOTAL].row,
                               [f"yearbook-{table.year}-{province.code}", *province_document(table, province)]))
    table.notes.append(f"{table.year}年：{len(table.provinces())} 个省级地区，{len(used - {REMAINDER_CODE})} 个支出科目，"
                       f"单位{table.unit}；{remainders} 个地区的分项之和与合计有四舍五入尾差，记入「{REMAINDER_NAME}」（{REMAINDER_CODE}）")
    for raw in (regions, classes, expenditures, documents):
        raw.notes = table.notes
    return [regions, classes, expenditures, documents]


def province_document(table, province):
    """A searchable text rendering of one province's row, figures exactly as printed in the source.

    Returns [title, doc_type, year, region_code, body]."""
    row = table.values[province.code]
    title = f"{province.name}{table.year}年一般公共预算支出（统计年鉴表7-6）"
    parts = [f"{CLASS_NAMES[code]}{cell.value}{table.unit}" for code, cell in sorted(row.items()) if code != TOTAL]
    body = (f"{province.name}{table.year}年一般公共预算支出{row[TOTAL].value}{table.unit}。"
            f"按支出功能分类：{'；'.join(parts)}。\n\n"
            f"来源：国家统计局《中国统计年鉴{table.year + 1}》表7-6「分地区一般公共预算支出」（文件 {table.file}），"
            f"数字与原表一致；表中空白的科目为无数据。")
    return [title, "统计年鉴", str(table.year), province.code, body]


def looks_like_yearbook(sheets):
    return any(_header_start(cells) is not None for _name, rows in sheets for cells in rows[:60])


def read_yearbook(path):
    """read_file() for a yearbook-style workbook: documented-layout RawTables, or ImportFailure."""
    return to_raw_tables(parse_workbook(path))
