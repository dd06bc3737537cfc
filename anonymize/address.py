"""Addresses below the street/township level (…村…组…号, …小区…栋…室, …路…号) are generalised
to the township or street that precedes them."""
import re

from .recognizers import Span

# A name part that cannot swallow the words before it (「家住」「位于」) or an admin level.
_PART = r"(?:(?![住在于的和与及向到从是为镇乡区县市省道，。；、,.;:：\s])[\u4e00-\u9fff]){1,6}"
_NUM = r"(?:\d+|[一二三四五六七八九十百零〇]+)"
_DETAIL = re.compile(
    # rural: 李家村3组12号, 李家村委会五组, 张家村12号
    rf"{_PART}村(?:委会)?(?:{_NUM}(?:组|社|队|屯)(?:{_NUM}号)?|\d+号)"
    # urban: 锦绣小区12栋2单元301室, 阳光花园3号楼502
    rf"|{_PART}(?:小区|花园|公寓|家园|新村|苑|府|名城|广场|大厦){_NUM}(?:栋|幢|号楼|座|期)(?:\s?{_NUM}单元)?"
    rf"(?:\s?\d+(?:室|号|房)?)?"
    # street number: 人民路88号(3栋)(502室)
    rf"|{_PART}(?:路|街|巷|大道|弄|胡同){_NUM}号(?:院)?(?:{_NUM}(?:栋|幢|号楼))?(?:{_NUM}单元)?(?:\d+室)?"
)
_TOWN_BEFORE = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:镇|乡|街道|街办))$")


def find_addresses(text):
    return [Span(m.start(), m.end(), "address", m.group(0)) for m in _DETAIL.finditer(text)]


def generalise_address(text, span):
    """Replacement for an address span: empty when a township/street precedes it (kept), else a marker."""
    return "" if _TOWN_BEFORE.search(text[:span.start]) else "（详细地址已隐去）"


def township_of(address):
    """The township/street part of a full address, e.g. 「…松岗县白沙镇李家村3组」→「白沙镇」."""
    m = re.search(r"([^市区县]{1,6}?(?:镇|乡|街道))", address or "")
    return m.group(1) if m else None
