"""The period an answer covers, fitted to the data: the latest year when none is named, a trend from the
first year with data, a range clipped to the last year with data, another year offered when the one
asked has none, and a last year still running (「截至10月」, growth over the same months)."""
from dataclasses import replace

from . import figures
from .ir import Kind, Measure, Query, Versus
from .timeparse import Period
from .vocab import pattern

# kinds whose records span every year when no year is named (projects of all years, every payment)
EVERY_YEAR = (Kind.PROJECT, Kind.TOWNSHIPS, Kind.SINGLE_PAYMENT)
# kinds that answer for every year together when the question says so (「全部年份」「历年」), else for the latest
ALL_YEARS_ASKED = (Kind.PAYEES,)


def _every_year(query):
    # the payments to each payee type, like one payment type's total (Kind.SINGLE_PAYMENT), are of every year unless
    # a period is named
    return query.kind in EVERY_YEAR or (query.kind == Kind.AVERAGE and query.topic == "per_project") \
        or (query.kind == Kind.PAYEES and query.topic == "payee_types")


def latest_period(year):
    return Period(year, year, 0, 0, explicit=False)


def fit_to_data(query, parsed, years, latest, notes):
    """Set the query's period where the question left it open or the data do not reach it."""
    if query.period is None:
        every = _every_year(query) or (query.kind in ALL_YEARS_ASKED and pattern("all_years_asked").search(parsed.text))
        query.period = None if every else latest_period(latest)
    period = query.period
    if query.kind == Kind.TREND and query.group == "year" and period is not None and not period.multi_year:
        available = [y for y in years if y <= period.year_to]
        query.period = replace(period, year_from=available[0] if available else period.year_from)
    if query.period is not None and years and query.period.year_to > years[-1]:
        _beyond_the_data(query, parsed, years[-1], notes)


def _beyond_the_data(query, parsed, last, notes):
    period = query.period
    shift = period.year_to - last
    if period.since and period.year_from <= last:  # 2019年以来: up to the last year with data
        query.period = replace(period, year_to=last)
        notes.append(f"数据截至{last}年，按{query.period.label()}回答")
    elif period.multi_year:  # 近三年 in a publication that ends earlier: the last three years with data
        query.period = replace(period, year_from=period.year_from - shift, year_to=last)
        notes.append(f"数据截至{last}年，按{query.period.label()}回答")
    else:
        notes.append(f"{period.year_to}年暂无数据（最新数据为{last}年）")
        alt = Query(**{**query.__dict__})
        alt.period = Period(last, last, period.month_from, period.month_to)
        parsed.alternatives.insert(0, alt)
        parsed.confidence = min(parsed.confidence, 0.5)


def partial_year(conn, pub_id, query, notes):
    """「2026年截至10月」 when the period's last year has spending data for only part of the year.

    Year-on-year growth over such a year compares the same months of both years (同期)."""
    period = query.period
    if _every_year(query) or period is None or not period.whole_year or query.measure == Measure.BUDGET \
            or (query.measure in (Measure.SHARE, Measure.PER_CAPITA) and query.base_measure == Measure.BUDGET):
        return None
    last = figures.last_month(conn, pub_id, period.year_to)
    if not 0 < last < 12:
        return None
    if query.kind == Kind.GROWTH and query.versus == Versus.PREVIOUS:  # 环比 with no month named: the latest month
        query.period = replace(period, year_from=period.year_to, month_from=last, month_to=last)
        return None
    if query.kind == Kind.GROWTH or query.measure == Measure.GROWTH:
        if query.base_measure == Measure.BUDGET:  # budgets are annual
            return None
        query.period = replace(period, month_from=1, month_to=last)
        base = f"{period.year_from}年同期" if period.multi_year else "上年同期"
        notes.append(f"{period.year_to}年数据截至{last}月，与{base}（1—{last}月）比较")
        return None
    return f"{period.year_to}年截至{last}月" if period.multi_year else f"截至{last}月"
