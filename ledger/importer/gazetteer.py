"""Province-level gazetteer: any spelling of a province (「北 京」「北京市」「Beijing」) -> one region.

Codes are the 6-digit administrative division codes (GB/T 2260); 全国 uses 100000.
"""
import re
from dataclasses import dataclass

NATION_CODE = "100000"
NATION_NAME = "全国"


@dataclass(frozen=True)
class Province:
    code: str
    name: str  # official full name
    short_name: str
    english: tuple  # spellings used in yearbooks, first is the usual one


PROVINCES = tuple(Province(*row) for row in [
    ("110000", "北京市", "北京", ("Beijing",)),
    ("120000", "天津市", "天津", ("Tianjin",)),
    ("130000", "河北省", "河北", ("Hebei",)),
    ("140000", "山西省", "山西", ("Shanxi",)),
    ("150000", "内蒙古自治区", "内蒙古", ("Inner Mongolia", "Nei Mongol")),
    ("210000", "辽宁省", "辽宁", ("Liaoning",)),
    ("220000", "吉林省", "吉林", ("Jilin",)),
    ("230000", "黑龙江省", "黑龙江", ("Heilongjiang",)),
    ("310000", "上海市", "上海", ("Shanghai",)),
    ("320000", "江苏省", "江苏", ("Jiangsu",)),
    ("330000", "浙江省", "浙江", ("Zhejiang",)),
    ("340000", "安徽省", "安徽", ("Anhui",)),
    ("350000", "福建省", "福建", ("Fujian",)),
    ("360000", "江西省", "江西", ("Jiangxi",)),
    ("370000", "山东省", "山东", ("Shandong",)),
    ("410000", "河南省", "河南", ("Henan",)),
    ("420000", "湖北省", "湖北", ("Hubei",)),
    ("430000", "湖南省", "湖南", ("Hunan",)),
    ("440000", "广东省", "广东", ("Guangdong",)),
    ("450000", "广西壮族自治区", "广西", ("Guangxi",)),
    ("460000", "海南省", "海南", ("Hainan",)),
    ("500000", "重庆市", "重庆", ("Chongqing",)),
    ("510000", "四川省", "四川", ("Sichuan",)),
    ("520000", "贵州省", "贵州", ("Guizhou",)),
    ("530000", "云南省", "云南", ("Yunnan",)),
    ("540000", "西藏自治区", "西藏", ("Xizang", "Tibet")),
    ("610000", "陕西省", "陕西", ("Shaanxi", "Shaanxi Province")),
    ("620000", "甘肃省", "甘肃", ("Gansu",)),
    ("630000", "青海省", "青海", ("Qinghai",)),
    ("640000", "宁夏回族自治区", "宁夏", ("Ningxia",)),
    ("650000", "新疆维吾尔自治区", "新疆", ("Xinjiang",)),
])

# Rows that hold the sum over all provinces rather than one province.
TOTAL_NAMES = ("全国", "合计", "总计", "地方合计", "全国合计", "Total of All Regions", "Total", "National Total")

_SPACES = re.compile(r"[\s\u3000\xa0]+")


def normalise(name):
    """「 北  京 」 -> 「北京」; drops spaces (incl. full-width) and a trailing footnote mark."""
    text = _SPACES.sub("", str(name or ""))
    cjk = re.match(r"^([\u4e00-\u9fff]+)[A-Za-z]?\)?[*＊#]?$", text)
    return cjk.group(1) if cjk else text


def _english_key(text):
    return re.sub(r"[^a-z]", "", text.lower())


def _build_index():
    index = {}
    for province in PROVINCES:
        keys = {province.code, province.name, province.short_name}
        keys.update(_english_key(e) for e in province.english)
        for key in keys:
            index[key] = province
    return index


_INDEX = _build_index()
_TOTAL_KEYS = ({normalise(n) for n in TOTAL_NAMES} | {_english_key(n) for n in TOTAL_NAMES}) - {""}


def lookup(name):
    """The Province for any spelling, or None. 「内蒙古」→ 内蒙古自治区; 「Beijing」→ 北京市."""
    key = normalise(name)
    if not key:
        return None
    if key in _INDEX:
        return _INDEX[key]
    english = _english_key(key)
    if english and english in _INDEX:
        return _INDEX[english]
    # 「北京市」「广西壮族自治区」 written with another suffix, e.g. 「广西自治区」.
    for province in PROVINCES:
        if key.startswith(province.short_name) and len(key) - len(province.short_name) <= 6 and re.fullmatch(
                r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)", key[len(province.short_name):]):
            return province
    return None


def is_total(name):
    """True for 「地方合计」「合计」「全国」「Total of All Regions」 …"""
    key = normalise(name)
    return bool(key) and (key in _TOTAL_KEYS or _english_key(key) in _TOTAL_KEYS)
