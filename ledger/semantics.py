"""Shared budget semantics: the one definition of 民生支出 and other derived notions.

民生支出 ("spending on people's livelihood") is not an official 类 of its own: it is a
configured set of 政府收支分类 类 codes. Compare pages, white papers and the question box all
read it from here so the figure means the same everywhere.
"""
MINSHENG_LABEL = "民生支出"

# 教育, 文化旅游体育与传媒, 社会保障和就业, 卫生健康, 节能环保, 城乡社区, 农林水, 住房保障 —
# the eight 类 commonly counted as 民生支出 in finance-bureau reports.
MINSHENG_CLASS_CODES = ("205", "207", "208", "210", "211", "212", "213", "221")

# Standard names (政府收支分类科目), used when a publication does not name a configured class.
STANDARD_CLASS_NAMES = {
    "205": "教育支出", "207": "文化旅游体育与传媒支出", "208": "社会保障和就业支出", "210": "卫生健康支出",
    "211": "节能环保支出", "212": "城乡社区支出", "213": "农林水支出", "221": "住房保障支出",
}

# The top-level region's own code books what the city's own departments spend (市本级) and nothing of the
# districts; the city's name (「示例市」) and 全市 mean 市本级 + 区县 in answers and reports. So rows, record
# lists and downloads of that code are labelled 市本级, never with the city's name.
CITY_OWN_LEVEL = 0
CITY_OWN_LABEL = "市本级"


def region_label(region):
    """The label of a region's own rows: 市本级 for the top level, else the region's name."""
    return CITY_OWN_LABEL if region["level"] == CITY_OWN_LEVEL else region["name"]


def minsheng_codes(config=None):
    """The configured 类 codes (``MINSHENG_CLASSES="205,208,…"`` overrides the default)."""
    configured = (config or {}).get("MINSHENG_CLASSES")
    if configured:
        if isinstance(configured, str):
            configured = [c.strip() for c in configured.split(",") if c.strip()]
        return tuple(configured)
    return MINSHENG_CLASS_CODES


def top_class(code):
    """The 类 (3-digit) a 款/项 code belongs to."""
    return code[:3] if code else code


def is_minsheng(code, codes=MINSHENG_CLASS_CODES):
    return top_class(code) in codes


def expected_pace(month):
    """Time-proportional share of the annual budget expected to be spent by the end of ``month`` (时间进度;
    whether spending is behind is the supervision pace rule's call: ledger/supervision/rules.toml [pace])."""
    return min(max(month, 0), 12) / 12

