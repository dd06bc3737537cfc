"""Periods set side by side: 「2024年和2025年」「前年和去年」「1至6月和7至10月」「今年上半年和去年下半年」.

The period a question is about comes from timeparse; these find the several periods a comparison
names (the words are [time] in semantic.toml).
"""
import re

from .timeparse import Period
from .vocab import pattern, time_word


def _relative(word, as_of):
    return int(word[:4]) if word[:2] in ("19", "20") else as_of.year + time_word("relative_years")[word]


def compared_years(text, as_of):
    """「2024年和2025年」「前年和去年」「2023年上半年和2024年上半年」 → the years set side by side."""
    year, part, joined = time_word("year"), time_word("year_part"), time_word("years_and")
    m = re.search(rf"({year}){part}((?:{joined}{year}{part})+)", text) \
        or re.search(r"((?:19|20)\d{2})年?[^\d]{0,20}?((?:比|较|相比)(?:19|20)\d{2})年", text) \
        or re.search(r"(大前年|前年|去年|今年)[^\d]{0,20}?((?:比|较|相比)(?:大前年|前年|去年))", text) \
        or re.search(r"(大前年|前年|去年|今年)[^\d]{0,20}?((?:和|跟|与|同)(?:大前年|前年|去年))(?:相|对)?比", text)
    # 「2025年支出比2024年多多少」「去年滞后项目比前年多了几个」 (not 「比上年」: the year before the one named)
    if not m:
        return []
    words = [m.group(1)] + re.findall(year, m.group(2))
    years = {_relative(w.rstrip("年") if w[:2] in ("19", "20") else w, as_of) for w in words}
    return sorted(years) if len(years) >= 2 else []


def phrase_months(phrase):
    """(first, last) month of 「上半年」「二季度」「1至6月」, or None."""
    named = time_word("phrase_months")
    if phrase in named:
        return tuple(named[phrase])
    quarter = re.search(r"([1-4一二三四])季度", phrase)
    if quarter:
        q = "1234".find(quarter.group(1)) + 1 or "一二三四".find(quarter.group(1)) + 1
        return q * 3 - 2, q * 3
    numbers = [int(n) for n in re.findall(r"\d{1,2}", phrase)]
    return (numbers[0], numbers[-1]) if 1 <= numbers[0] <= numbers[-1] <= 12 else None


def periods_of_two_years(text, as_of):
    """「今年上半年和去年下半年」 → [Period(2026, 1–6), Period(2025, 7–12)] when the month spans differ."""
    year, months, joined = time_word("year"), time_word("months_phrase"), time_word("periods_and")
    m = re.search(rf"({year}){months}{joined}({year}){months}", text)
    if not m:
        return []
    spans = [phrase_months(m.group(2)), phrase_months(m.group(4))]
    if None in spans or spans[0] == spans[1]:
        return []
    first, second = _relative(m.group(1), as_of), _relative(m.group(3), as_of)
    return [Period(first, first, *spans[0]), Period(second, second, *spans[1])]


def summed_months(text, period):
    """「9月和10月加起来」「九月十月两个月合计」 → [Period of each month] of the one year asked, in order, else []."""
    m = pattern("months_summed").search(text)
    if not m or period is None:
        return []
    months = sorted({int(n) for n in re.findall(r"(\d{1,2})月", m.group(0))})
    if len(months) < 2 or not all(1 <= n <= 12 for n in months):
        return []
    return [Period(period.year_to, period.year_to, n, n) for n in months]


def compared_periods(text, period):
    """「1至6月和7至10月」「上半年和下半年」「一季度与二季度」 of one year → [Period, Period]."""
    months, joined = time_word("months_phrase"), time_word("years_and")
    m = re.search(months + joined + months, text)
    than = None if m else re.search(months + "比" + months, text)
    m = m or than
    if not m or period is None:
        return []
    spans = [phrase_months(m.group(1)), phrase_months(m.group(2))]
    if than:  # 「三季度比二季度增减多少」: the first less the second, so the second is the one set against
        spans.reverse()
    if None in spans or spans[0] == spans[1]:
        return []
    year = period.year_to
    return [Period(year, year, a, b) for a, b in spans]
