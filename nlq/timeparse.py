"""Time words relative to an as_of date → a Period (years and a month range).

Works on normalised text (digits already Arabic). Returns the period and the spans used,
so the parser can ignore those characters afterwards.
"""
import re
from dataclasses import asdict, dataclass

from . import vocab


@dataclass(frozen=True)
class Period:
    year_from: int
    year_to: int
    month_from: int = 0  # 0/0 = the whole year (including whole-year month-0 rows)
    month_to: int = 0
    explicit: bool = True  # False when the parser fell back to the latest year
    since: bool = False  # 「2019年以来」: the first year is fixed; the last is "now" (clipped to the data)
    recent: bool = False  # 「近三年」: the last N years, read as the last N years with data when the data end earlier

    @property
    def years(self):
        return list(range(self.year_from, self.year_to + 1))

    @property
    def whole_year(self):
        return self.month_from == 0

    @property
    def multi_year(self):
        return self.year_to > self.year_from

    def label(self):
        if self.multi_year:
            base = f"{self.year_from}—{self.year_to}年"
        else:
            base = f"{self.year_from}年"
        if self.whole_year:
            return base
        if self.month_from == self.month_to:
            return f"{base}{self.month_to}月"
        return f"{base}{self.month_from}—{self.month_to}月"

    def to_dict(self):
        data = asdict(self)
        data["label"] = self.label()
        return data


def _year_words():
    return vocab.time_word("period_years")


def _full_year(text):
    year = int(text)
    return year + 2000 if year < 100 else year


def parse_period(text, as_of):
    """(Period | None, [spans]) for the time words in ``text``."""
    spans = []
    as_of, text = _asker_now(text, as_of, spans)
    years, anchor = _years(text, as_of, spans)
    years, months = _months(text, as_of, years, spans)
    if years is None and months is None:
        return None, spans
    if years is None:
        years = (as_of.year, as_of.year)
    if years[0] > years[1]:
        years = (years[1], years[0])
    month_from, month_to = months or (0, 0)  # (0, 0): the whole year
    return Period(years[0], years[1], month_from, month_to, since=anchor == "since", recent=anchor == "recent"), spans


def _asker_now(text, as_of, spans):
    """「现在11月初，上个月…」: the month the asker says it is now is the as-of month of the relative words (上个月
    is October, not the month before the data's as-of date); its words are no period of their own (blanked).
    The month is the one nearest the as-of date (「现在1月」 on 31 December is next January)."""
    m = re.search(vocab.time_word("now_month"), text)
    if not m or not 1 <= int(m.group(1)) <= 12:
        return as_of, text
    month = int(m.group(1))
    year = as_of.year + (-1 if month - as_of.month > 6 else 1 if as_of.month - month > 6 else 0)
    spans.append(m.span())
    blanked = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return as_of.replace(year=year, month=month, day=1), blanked


def _years(text, as_of, spans):
    """((first, last) | None, anchor) for the year words; the first rule that matches wins.

    anchor: "since" (2019年以来), "recent" (近三年) or None (fixed years)."""
    for rule in (_plan_years, _year_range, _years_since, _recent_years, _one_year, _relative_year, _bare_year):
        found = rule(text, as_of)
        if found is not None:
            years, anchor, match = found
            spans.append(match.span())
            return years, anchor
    return None, None


def _plan_years(text, as_of):
    """「十四五」「“十四五”期间」「十四五这五年」: the years of a five-year plan (2021—2025), not the five years up to now"""
    plans = vocab.time_word("plan_years")
    names = "|".join(map(re.escape, plans))
    m = re.search(rf"[“\"'「]?({names})[”\"'」]?{vocab.time_word('plan_after')}", text)
    return (tuple(plans[m.group(1)]), None, m) if m else None


NUMERALS = "一二两三四五六七八九十"


def _year_range(text, as_of):
    """2019到2023年, 2019-2023年, 2019年至2023年; with a relative year at either end: 21年到去年, 从前年到去年"""
    m = re.search(r"((?:19|20)?\d{2})年?(?:到|至|-|—|~)((?:19|20)?\d{2})年", text) or re.search(
        # 「21到25这五年」: both ends without 年, followed by the count of years they span
        rf"(?<![\d.])((?:19|20)?\d{{2}})(?:到|至|-|—|~)((?:19|20)?\d{{2}})(?=这?(?:\d+|[{NUMERALS}]+)个?年)", text) or re.search(
        # 「2019到2023教育支出」: two full years joined by 到/至, no amount or count after the second
        r"(?<![\d.])((?:19|20)\d{2})(?:到|至)((?:19|20)\d{2})(?![\d.%万亿千百元个笔人户所套座条张名位项次多余])", text) or re.search(
        # 「这五年（2021到2026）」「（19到23）」: two years in brackets, without 年 (two digits above 12: no months)
        r"[（(]((?:19|20)\d{2}|1[3-9]|[2-9]\d)(?:到|至|-|—|~)((?:19|20)\d{2}|1[3-9]|[2-9]\d)[）)]", text)
    if m:
        return (_full_year(m.group(1)), _full_year(m.group(2))), None, m
    relative = "|".join(sorted(_year_words(), key=len, reverse=True))
    end = rf"((?:19|20)?\d{{2}})年|({relative})"
    m = re.search(rf"(?:{end})(?:到|至)(?:{end})", text)
    if not m or not (m.group(2) or m.group(4)):
        return None
    first, last = (_full_year(y) if y else as_of.year + _year_words()[w] for y, w in (m.groups()[:2], m.groups()[2:]))
    return (first, last), None, m


def _years_since(text, as_of):
    """2019年以来 / 自2019年起 / 2019年至今: from that year up to now"""
    m = re.search(r"(?:自|从)?((?:19|20)\d{2})\s*年?\s*(?:以来|至今|到现在|到今年|到目前|起|开始)", text)
    return ((int(m.group(1)), max(int(m.group(1)), as_of.year)), "since", m) if m else None


def _recent_years(text, as_of):
    """近3年, 过去5年, 这5年; 「近三年（不算今年）」「过去三个完整年度」: the last N complete years"""
    without = vocab.time_word("without_this_year")
    m = re.search(rf"(?:近|最近|过去|前|这)(\d{{1,2}})个?(完整|整)?(?:年度|年)(\(?{without}\)?)?", text) or re.search(
        # 「五年合计」「五年来」「四年间」: a bare count of years summed or looked back over is the last N years too
        r"(?<![\d.第])([2-9]|10)个?()(?:年度|年)()(?=合计|加起来|加在一起|累计|总共|一共|共计|总计|来|间|里)", text)
    if not m:
        return None
    n = max(1, min(int(m.group(1)), 30))
    last = as_of.year
    if m.group(2) or m.group(3) or re.search(without, text):
        last = as_of.year if (as_of.month, as_of.day) == (12, 31) and m.group(2) else as_of.year - 1
    return (last - n + 1, last), "recent", m


def _one_year(text, as_of):
    """2023年, 23年 (not 80年代, 60年龄)"""
    m = re.search(r"(?<!\d)((?:19|20)\d{2}|\d{2})\s*年", text)
    if not m or re.match(r"\d{2}年(?:代|龄)", text[m.start():]):
        return None
    year = _full_year(m.group(1))
    return (year, year), None, m


def _bare_year(text, as_of):
    """「鹭洲区 教育支出 2025」「住房保障2024执行率」: a year typed as a keyword, between spaces or glued to words
    (not a code 2026-990121-0026, an amount 2025元 or 2024万, a count 2024个, or a class code 20819)."""
    m = re.search(r"(?:^|(?<=\s)|(?<=[\u4e00-\u9fff]))((?:19|20)\d{2})"
                  r"(?=\s|$|[\u4e00-\u9fff])(?![万亿千百元个笔人户所套座条张名位项次多余])", text)
    if not m:
        return None
    year = int(m.group(1))
    return (year, year), None, m


def _relative_year(text, as_of):
    """今年, 去年, 前年 — but 「比上年」「较上年」 name the comparison base, not the period"""
    words = "|".join(sorted(_year_words(), key=len, reverse=True))
    m = re.search(rf"(?<![比较同])({words})", text)
    if not m:
        return None
    year = as_of.year + _year_words()[m.group(1)]
    return (year, year), None, m


def _months(text, as_of, years, spans):
    """(years, (first, last) | None) for the month words; a rule may also fix the year (上个月 in January)."""
    for rule in (_month_range, _named_months, _quarter_around, _last_month, _this_month, _recent_months,
                 _month_since, _months_up_to, _year_so_far):
        found = rule(text, as_of, years)
        if found is not None:
            years, months, match = found
            spans.append(match.span())
            return years, months
    return years, None


def _month_range(text, as_of, years):
    """1至6月, 1-9月"""
    m = re.search(r"(\d{1,2})\s*(?:月份?)?\s*(?:到|至|-|—|~)\s*(\d{1,2})\s*月", text)
    if m and 1 <= int(m.group(1)) <= int(m.group(2)) <= 12:
        return years, (int(m.group(1)), int(m.group(2))), m
    return None


def _named_months(text, as_of, years):
    """上半年, 前三季度, 二季度 …: the one named first (「四季度环比三季度」 is about 四季度; the later one is the base)."""
    found = []
    for order, (phrase, first, last) in enumerate(vocab.time_word("named_months")):
        m = re.search(phrase, text)
        if m:
            found.append((m.start(), order, (first, last), m))
    if not found:
        return None
    _start, _order, months, m = min(found, key=lambda f: f[:2])
    return years, months, m


def _quarter_around(text, as_of, years):
    """「上季度」: the last full quarter before as_of; 「本季度」: this quarter so far"""
    m = re.search(r"上一?个?季度|本季度|这个?季度", text)
    if not m:
        return None
    quarter = (as_of.month - 1) // 3 + 1
    if m.group(0).startswith("上"):
        year, quarter = (as_of.year, quarter - 1) if quarter > 1 else (as_of.year - 1, 4)
        months = (quarter * 3 - 2, quarter * 3)
    else:
        year, months = as_of.year, (quarter * 3 - 2, as_of.month)
    return years or (year, year), months, m


def _last_month(text, as_of, years):
    """上个月, and 上上个月 two months back"""
    m = re.search(r"(上上|上)个?月", text)
    if not m:
        return None
    back = 2 if m.group(1) == "上上" else 1
    year, month = (as_of.year, as_of.month - back) if as_of.month > back else (as_of.year - 1, 12 + as_of.month - back)
    return years or (year, year), (month, month), m


def _this_month(text, as_of, years):
    m = re.search(r"本月|这个月", text)
    return (years or (as_of.year, as_of.year), (as_of.month, as_of.month), m) if m else None


def _recent_months(text, as_of, years):
    """「近3个月」: the last N months up to as_of (within its year); 「去年12个月」: the whole year"""
    m = re.search(r"(?:近|最近|过去)(\d{1,2})个月", text)
    if m and 1 <= int(m.group(1)) <= as_of.month:
        return years or (as_of.year, as_of.year), (as_of.month - int(m.group(1)) + 1, as_of.month), m
    if re.search(r"(?<![前头至止到\d])12个月", text):
        # the whole year, month by month if asked so
        return years or (as_of.year, as_of.year), (0, 0), re.search(r"12个月", text)
    return None


MONTH_SINCE = r"(\d{1,2})\s*月份?(?:\s*(\d{1,2})\s*[日号])?\s*(?:以来|至今|起|开始|到现在|到目前|迄今)"


def _month_since(text, as_of, years):
    """「3月以来」「2026年1月1日以来」: from that month up to the as-of month of its year. Only in the as-of year
    and from a month's first day: a month of an earlier year reaches into the next (no month range of one year),
    a later day cuts a month (nlq/decline.py since_inside_month declines both)."""
    m = re.search(MONTH_SINCE, text)
    if not m or not 1 <= int(m.group(1)) <= as_of.month or (m.group(2) and int(m.group(2)) != 1):
        return None
    if years is not None and years != (as_of.year, as_of.year):
        return None
    return (as_of.year, as_of.year), (int(m.group(1)), as_of.month), m


def _months_up_to(text, as_of, years):
    """「截至今年9月」「今年前9个月」「9月底」: months 1..9 cumulative; 「9月」 alone is that month"""
    m = re.search(r"(?:截至|截止到?|前|头)?(\d{1,2})\s*个?月(?:份|底|末)?", text)
    if not m or not 1 <= int(m.group(1)) <= 12:
        return None
    month = int(m.group(1))
    before = text[:m.start()]
    cumulative = bool(re.search(r"截|前|头|底|末", m.group(0))) or bool(
        re.search(r"(?:截至|截止到?|到)\s*(?:今年|去年|前年|本年|上年|(?:19|20)?\d{2}年)?\s*$", before))
    return years, (1, month) if cumulative else (month, month), m


def _year_so_far(text, as_of, years):
    """「今年以来」「年初至今」: this year up to now (the data's last month shows in the answer)"""
    m = re.search(r"年初(?:至今|以来|到现在)|(?<=今年)以来|(?<=今年)至今", text)
    return (years or (as_of.year, as_of.year), None, m) if m else None
