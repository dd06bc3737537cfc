"""Addresses below the street/township level, to the house and room, in the forms people write:
rural 「李家村3组12号」「五组14户」, estates 「锦绣小区12栋2单元301室」「幸福小区12-502」, streets
「人民路88号2单元301室」「新华路218弄5号302室」「永安里14号」, and building/room numbers with no road
before them 「3栋2单元502室」「7幢1801」 (or after 「住」: 「住3-502」). A span always reaches the last
number it holds, so generalising it never leaves a room number behind."""
import re

from .recognizers import Span

# A name part that cannot swallow the words before it (「家住」「位于」) or an admin level.
_PART = r"(?:(?![住在于的与及向到从是为镇乡区县市省道我，。；、,.;:：\s])[\u4e00-\u9fff]){1,6}"
_NUM = r"(?:[0-9０-９]+|[一二三四五六七八九十百零〇两]+)"
_DIGITS = r"[0-9０-９]+"
_BUILDING = rf"{_NUM}(?:栋|幢|号楼|座|期|区)"
_ROOM = rf"(?:\s?-?{_NUM}单元)?(?:\s?-?{_DIGITS}(?:室|号|房|户)?)?"
_RANGE = rf"{_DIGITS}(?:[-－—]{_DIGITS}){{1,2}}(?:室|号)?"
_ESTATE = r"(?:小区|花园|公寓|家园|新村|新城|苑|府|名城|广场|大厦|园|里|庭|居|阁|邸|坊|湾|城)"
_STREET = r"(?:路|街|巷|大道|大街|胡同|弄)"
_DETAIL = re.compile(
    # rural: 李家村3组12号, 李家村委会五组, 张家村12号, 枫树村五组14户
    rf"{_PART}村(?:委会)?(?:{_NUM}(?:组|社|队|屯)(?:{_NUM}(?:号|户))?|{_DIGITS}号)"
    # estate: 锦绣小区12栋2单元301室, 阳光花园3号楼502, 幸福小区12-502, 和平里14号
    rf"|{_PART}{_ESTATE}(?:{_BUILDING}{_ROOM}|{_RANGE}|{_NUM}号(?:{_BUILDING})?{_ROOM})"
    # street number: 人民路88号(3栋)(2单元)(502室), 新华路218弄5号302室
    rf"|{_PART}{_STREET}{_DIGITS}(?:弄{_DIGITS})?号(?:院)?(?:{_BUILDING})?{_ROOM}"
    # building and room with no road before them: 3栋2单元502室, 7幢1801, 5号楼3单元201
    rf"|(?<![0-9０-９]){_DIGITS}(?:栋|幢|号楼|座)(?:\s?-?{_NUM}单元)?\s?-?{_DIGITS}(?:室|号|房)?"
    rf"|(?<=住)(?:在|址[:：]?)?{_RANGE}"
)
_TOWN_BEFORE = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:镇|乡|街道|街办))$")
_ROOM_LEVEL = re.compile(rf"栋|幢|楼|单元|室|弄|{_RANGE}")


def _is_detail(value):
    """A bare building number without a room (「3栋」「12号楼」) names a building, not a home."""
    return not re.fullmatch(rf"{_DIGITS}(?:栋|幢|号楼|座)", value)


def find_addresses(text):
    spans = []
    for m in _DETAIL.finditer(text):
        value = m.group(0).rstrip()
        if _is_detail(value):
            spans.append(Span(m.start(), m.start() + len(value), "address", value))
    return spans


def generalise_address(text, span):
    """Replacement for an address span: empty when a township/street precedes it (kept), else a marker."""
    return "" if _TOWN_BEFORE.search(text[:span.start]) else "（详细地址已隐去）"


def township_of(address):
    """The township/street part of a full address, e.g. 「…松岗县白沙镇李家村3组」→「白沙镇」."""
    m = re.search(r"([^市区县]{1,6}?(?:镇|乡|街道))", address or "")
    return m.group(1) if m else None
