"""Comparisons: named regions, departments or classes side by side, two years, or periods of one year."""
import re
from dataclasses import replace

from .. import figures, links, present
from ..ir import Group, Kind, Measure, Query
from ..present import label, unit
from ..timeparse import Period
from ..vocab import found
from . import budget


def summed_months(ctx):
    """「松岗县9月和10月加起来花了多少」: one figure over months that follow each other, each month a row beside it
    (months with a gap between them are no one period of the records: declined, nlq/decline.py)."""
    c = ctx.cues
    months = c.summed_periods
    if not months or c.growth or c.rate or c.share or c.per_capita or found("each_of", ctx.text):
        return None
    if any(b.month_from != a.month_to + 1 for a, b in zip(months, months[1:])):
        return None
    whole = Period(months[0].year_to, months[0].year_to, months[0].month_from, months[-1].month_to)
    return Query(Kind.FIGURE, measure=c.money, periods=months, **ctx.base(period=whole))


def periods(ctx):
    """「今年1至6月和7至10月全市支出比较」"""
    c = ctx.cues
    if not c.compare_periods or c.growth:
        return None
    return Query(Kind.COMPARISON, measure=Measure.RATE if c.rate else c.money, group=Group.PERIOD,
                 periods=c.compare_periods, difference=c.has("difference"),
                 **ctx.base(period=c.compare_periods[-1]))


def years(ctx):
    """「2024年和2025年」「2023年上半年和2024年上半年」: the same months of the years named."""
    c, period = ctx.cues, ctx.slots.period
    if not c.compare_years or c.growth:
        return None
    months = (period.month_from, period.month_to) if period else (0, 0)
    return Query(Kind.COMPARISON, measure=Measure.RATE if c.rate else c.money, group=Group.YEAR,
                 years=c.compare_years, difference=c.has("difference"),
                 **ctx.base(period=Period(min(c.compare_years), max(c.compare_years), *months)))


def named(ctx):
    """Two or more regions, departments or classes named: side by side."""
    c, s = ctx.cues, ctx.slots
    if not (len(s.regions) >= 2 or len(s.depts) >= 2 or (len(s.classes) >= 2 and not c.share)):
        return None
    if one_group(s):  # 「东部地区支出比上年增长多少」: one place, its regions summed (「…哪个省」 ranks them)
        return None
    if s.dept_each and (c.top or ctx.single()):  # 「支出最多的区县教育局」: the same office of every region, ranked
        return None
    measure = Measure.RATE if c.rate else Measure.SHARE if c.share else Measure.GROWTH if c.growth else c.money
    group = Group.REGION if len(s.regions) >= 2 else Group.DEPT if len(s.depts) >= 2 else Group.CLASS
    difference = c.has("difference")
    # 「A是B的几倍」: two amounts named and their ratio, the first over the second
    times = measure in (Measure.SPENT, Measure.BUDGET) and found("times_asked", ctx.text) \
        and not MORE_TIMES.search(ctx.text) \
        and len(s.regions if group == Group.REGION else s.depts if group == Group.DEPT else s.classes) == 2
    return Query(Kind.COMPARISON, measure=measure, group=group, difference=difference and not times,
                 gap=difference and not times and asks_gap(ctx.text), topic=TIMES if times else None, **ctx.base())


TIMES = "times"  # the first figure over the second (「A是B的几倍」)
# 「A比B多几倍」 may mean (A − B) / B as well as A / B: not read as a ratio (declined as before)
MORE_TIMES = re.compile(r"[多高大少低]了?(?:几|多少)倍")


# 「A比B多多少」 subtracts B from A (a signed answer); 「谁多？多多少」「A和B差多少」 name no side to subtract
ORDERED = re.compile(r"比[^，,。；;？?！!]{1,30}?(?:多|少|高|低|大|小|增|减)")
WHO = re.compile(r"谁|哪个|哪一个|哪边|哪家")


def asks_gap(text):
    """The difference asked is the larger minus the smaller, with the larger named."""
    return bool(WHO.search(text) or not ORDERED.search(text))


def one_group(slots):
    """The regions named are exactly one group's (「东部地区」「中部六省」), not listed one by one and not asked
    each (「沪苏浙皖各自的」「京津冀三地分别是多少」「东北三省对比」)."""
    return len(slots.region_groups) == 1 and len(slots.regions) == len(slots.region_groups[0]) \
        and not found("each_of", slots.text) and not found("side_by_side", slots.text)


def run(conn, pub_id, query, lexicon):
    if query.group == Group.PERIOD:
        return _periods(conn, pub_id, query, lexicon)
    if query.group == Group.YEAR:
        return _years(conn, pub_id, query, lexicon)
    return budget.table(query, lexicon, items(conn, pub_id, query, lexicon))


def items(conn, pub_id, query, lexicon):
    """[(key, value)] of the regions, departments or classes named, in the order named."""
    keys = query.regions if query.group == Group.REGION else query.depts if query.group == Group.DEPT \
        else query.classes
    return [(k, figures.measure_by(conn, pub_id, only(query, k), lexicon, query.period)[None]) for k in keys]


def only(query, key):
    """The query narrowed to one key of its group ("*": the whole)."""
    if query.group == Group.REGION:
        return replace(query, regions=[] if key == "*" else [key])
    if query.group == Group.DEPT:
        return replace(query, depts=[key])
    return replace(query, classes=[key], class_set=None)


def _with_difference(answer, query, first, last):
    """The last against the first; 「多多少」 makes the difference the answer."""
    if None in (first, last):
        return
    diff = last - first
    answer["difference"] = present.value(query.measure, diff)
    if query.difference:
        answer.update(kind="figure", value=answer["difference"], display=present.display(query.measure, diff))


def _periods(conn, pub_id, query, lexicon):
    found = [(p, figures.measure_by(conn, pub_id, query, lexicon, p)[None]) for p in query.periods]
    rows = [present.row(period_name(p), query.measure, v) for p, v in found]
    answer = {"kind": "table", "unit": unit(query.measure), "period": "、".join(r[0] for r in rows),
              "columns": present.columns("时期", query.measure), "rows": rows, "value": rows[0][1] if rows else None}
    _with_difference(answer, query, found[0][1], found[-1][1])
    return answer, present.rows_chart(rows, unit(query.measure))


def _years(conn, pub_id, query, lexicon):
    values = figures.measure_by(conn, pub_id, query, lexicon, query.period, group=Group.YEAR)
    found = [(y, values.get(y)) for y in query.years]
    rows = [present.row(f"{y}年", query.measure, v) for y, v in found]
    answer = {"kind": "table", "unit": unit(query.measure), "period": query.period.label(),
              "columns": present.columns("年份", query.measure), "rows": rows, "keys": [y for y, _ in found],
              "value": rows[0][1] if rows else None}
    if len(found) >= 2:
        _with_difference(answer, query, found[0][1], found[-1][1])
    return answer, present.rows_chart(rows, unit(query.measure))


def period_name(period):
    """「2025年上半年（1—6月）」「2025年第2季度（4—6月）」, else the plain label."""
    span = (period.month_from, period.month_to)
    name = {(1, 6): "上半年", (7, 12): "下半年", (1, 9): "前三季度"}.get(span)
    if name is None and span[0] % 3 == 1 and span[1] == span[0] + 2:
        name = f"第{span[1] // 3}季度"
    return f"{period.year_to}年{name}（{span[0]}—{span[1]}月）" if name else period.label()


def restate(query, lexicon, coverage=None):
    region, dept, _cls = present.scope_words(query, lexicon)
    what = present.place(region, dept) + present.subject(query, lexicon)
    measure = "" if query.measure == Measure.SPENT else f"的{label(query.measure)}"
    difference = "差额（多的减去少的）" if query.gap else "差额" if query.difference else \
        "，前者是后者的几倍" if query.topic == TIMES else ""
    if query.group == Group.PERIOD:
        return f"比较{'与'.join(p.label() for p in query.periods)}{what}{measure}{difference}"
    if query.group == Group.YEAR:
        years_ = "与".join(f"{y}年" for y in query.years)
        if query.period is not None and not query.period.whole_year:  # 「上半年…跟去年同期」: the same months
            years_ += f"（均为{query.period.month_from}—{query.period.month_to}月）"
        return f"比较{years_}{what}{measure}{difference}"
    return f"比较{present.scope_phrase(query, lexicon, coverage)}{measure}{difference}"


def records(query, lexicon, pub_id, answer):
    """The records of everything compared; for each row, the records of that region, class, year or period."""
    scopes = _row_scopes(query, lexicon)
    side = "budget" if query.measure == Measure.BUDGET else "spent"
    if query.group == Group.YEAR:
        whole = replace(figures.period_scope(query, lexicon, query.period), years=tuple(query.years))
    else:
        whole = figures.period_scope(query, lexicon, query.period)
    out = {"records": links.records(whole, side, pub_id)}
    if query.measure in links.RECORDS:
        rows = (answer or {}).get("rows") or []
        out["rows"] = [links.row(r[0], links.sides(query.measure, s, pub_id)) for r, s in zip(rows, scopes)]
    return out


def _row_scopes(query, lexicon):
    if query.group == Group.PERIOD:
        return [figures.period_scope(query, lexicon, p) for p in query.periods]
    if query.group == Group.YEAR:
        return [figures.period_scope(query, lexicon, replace(query.period, year_from=y, year_to=y)) for y in query.years]
    keys = query.regions if query.group == Group.REGION else query.depts if query.group == Group.DEPT \
        else query.classes
    return [figures.period_scope(only(query, k), lexicon, query.period) for k in keys]
