"""Trends: a measure year by year, spending month by month or quarter by quarter, and execution progress
through the year (the cumulative rate at the end of each month or quarter)."""
import re

from ledger.money import fen_to_yuan, format_amount

from .. import figures, links, present
from ..cues import amount_threshold
from ..ir import Group, Kind, Measure, Order, Query
from ..present import label, unit
from ..timeparse import Period
from ..vocab import pattern
from . import budget


def monthly(ctx):
    """「每月支出」「各季度支出」"""
    c = ctx.cues
    if not c.by_month or c.rate or c.share or c.growth:
        return None
    return Query(Kind.TREND, measure=Measure.SPENT, group=c.by_month, **ctx.base())


def counted(ctx):
    """「今年有几个月支出超过40亿」「总支出超过1万亿的年份有几个」: the months or years of the period whose amount
    passes the bound, counted, the ones counted listed (never the period's total in their place)."""
    c = ctx.cues
    months, years = pattern("months_counted").search(ctx.text), pattern("years_counted").search(ctx.text)
    if not (months or years) or c.rate or c.share or c.growth or c.per_capita or ctx.slots.region_each \
            or ctx.slots.dept_each or ctx.slots.class_each:
        return None
    amount, _span, op = amount_threshold(re.sub(r"(超过|高于|低于|大于|小于|突破)了", r"\1", ctx.text))  # 「超过了40亿」
    if amount is None:
        return None
    bound = {"op": "<", "value": amount * 100} if op == "<" else {"op": ">", "value": amount * 100 - 0.5}  # fen
    return Query(Kind.TREND, measure=c.money, group=Group.MONTH if months else Group.YEAR, threshold=bound,
                 count_only=True, **ctx.base())


def months_ranked(ctx):
    """「今年哪个月花钱最多」「去年哪个季度支出最少」: the months (or quarters) of the period ranked by spending."""
    c = ctx.cues
    asked = pattern("which_month").search(ctx.text)
    if not asked or not (c.top or c.bottom) or c.rate or c.share or c.growth or c.budget:
        return None
    group = Group.QUARTER if asked.group(1) == "季度" else Group.MONTH
    return Query(Kind.TREND, measure=Measure.SPENT, group=group, order=ctx.order(), limit=ctx.limit_or_one(),
                 **ctx.base())


def years_ranked(ctx):
    """「2019至2023年哪一年支出最高」「这五年哪年最少」: the years of the period ranked, the year first named
    (a series alone would leave the reader to find the year, and its last value reads as the answer)."""
    c = ctx.cues
    if not pattern("which_year").search(ctx.text) or not pattern("year_superlative").search(ctx.text) or c.growth:
        return None
    period = ctx.slots.period  # none named: every year with data (nlq/coverage.py fits a trend's first year)
    if period is not None and period.explicit and not period.multi_year:
        return None
    measure = Measure.RATE if c.rate else Measure.SHARE if c.share else c.money
    return Query(Kind.TREND, measure=measure, group=Group.YEAR, order=ctx.order(), limit=ctx.limit_or_one(),
                 **ctx.base())


def monthly_rate(ctx):
    """「今年每月执行进度」: the cumulative execution rate at the end of each month (or quarter)."""
    c, s = ctx.cues, ctx.slots
    if not c.by_month or not c.rate or c.share or c.growth or s.region_each or s.dept_each:
        return None
    return Query(Kind.TREND, measure=Measure.RATE, group=c.by_month, **ctx.base())


def yearly(ctx):
    """「近三年变化」「历年」, or a range of years without 一共."""
    c = ctx.cues
    if not c.trend:
        return None
    measure = Measure.RATE if c.rate else Measure.SHARE if c.share else c.money
    return Query(Kind.TREND, measure=measure, group=Group.YEAR, **ctx.base())


def run(conn, pub_id, query, lexicon):
    if query.count_only:
        return _counted(conn, pub_id, query, lexicon)
    if query.group in (Group.MONTH, Group.QUARTER) and query.measure == Measure.RATE:
        return _progress(conn, pub_id, query, lexicon)
    if query.group in (Group.MONTH, Group.QUARTER):
        return _months(conn, pub_id, query, lexicon)
    values = figures.measure_by(conn, pub_id, query, lexicon, query.period, group=Group.YEAR)
    rows = [present.row(f"{y}年", query.measure, values[y]) for y in query.period.years if y in values]
    if query.order:  # 「哪一年最高」: the years ranked, the first row (its year) answers
        rows = sorted(rows, key=lambda r: (r[1] is None, r[1]), reverse=query.order == Order.DESC)
        rows = [r for r in rows if r[1] is not None][:query.limit or None]
        answer = {**_series(query, rows, present.columns("年份", query.measure)), "kind": "table",
                  "value": int(rows[0][0][:-1]) if rows else None, "top": rows[0][0] if rows else None}
        return answer, present.rows_chart(rows, unit(query.measure))
    return _series(query, rows, present.columns("年份", query.measure)), \
        present.rows_chart(rows, unit(query.measure), line=True)


def _counted(conn, pub_id, query, lexicon):
    """The months (years) whose amount passes the bound: their number, and each one as a row."""
    values = figures.measure_by(conn, pub_id, query, lexicon, query.period, group=query.group)
    wanted = range(1, 13) if query.group == Group.MONTH else query.period.years
    op, bound = query.threshold["op"], query.threshold["value"]
    keys = [k for k in sorted(v for v in values if v in wanted)
            if values[k] is not None and (values[k] < bound if op == "<" else values[k] > bound)]
    name, head = ("{}月", "月份") if query.group == Group.MONTH else ("{}年", "年份")
    rows = [present.row(name.format(k), query.measure, values[k]) for k in keys]
    return {"kind": "figure", "value": len(rows), "unit": "个", "display": f"{len(rows)} 个",
            "period": query.period.label(), "columns": present.columns(head, query.measure), "rows": rows,
            "keys": keys}, present.rows_chart(rows, unit(query.measure))


def row_scope(query, lexicon, key):
    """The scope of one month's or one year's row."""
    if query.group == Group.MONTH:
        return figures.period_scope(query, lexicon, Period(query.period.year_to, query.period.year_to, key, key))
    return figures.period_scope(query, lexicon, Period(key, key))


def _series(query, rows, columns):
    return {"kind": "series", "unit": unit(query.measure), "period": query.period.label(), "columns": columns,
            "rows": rows, "value": rows[-1][1] if rows else None}


def _months(conn, pub_id, query, lexicon):
    values = figures.measure_by(conn, pub_id, query, lexicon, query.period, group=Group.MONTH)
    values = {m: v for m, v in values.items() if m}  # month 0 (whole-year rows) has no month
    name = "{}月"
    if query.group == Group.QUARTER:
        quarters = {}
        for m, v in values.items():
            quarters[(m - 1) // 3 + 1] = quarters.get((m - 1) // 3 + 1, 0) + v
        values, name = quarters, "第{}季度"
    rows = [present.row(name.format(k), query.measure, values[k]) for k in sorted(values)]
    head = "季度" if query.group == Group.QUARTER else "月份"
    if query.order:  # 「哪个月花钱最多」: the months ranked, the first row answers
        rows = sorted(rows, key=lambda r: r[1], reverse=query.order == Order.DESC)[:query.limit or None]
        answer = {**_series(query, rows, present.columns(head, query.measure)), "kind": "table",
                  "value": rows[0][1] if rows else None, "top": rows[0][0] if rows else None}
        return answer, present.rows_chart(rows, unit(query.measure))
    return _series(query, rows, present.columns(head, query.measure)), present.rows_chart(rows, unit(query.measure))


def _progress(conn, pub_id, query, lexicon):
    """Execution progress through the year: spending from January to the end of each month (or quarter)
    over the annual budget — the figure finance bureaus publish as 执行进度."""
    year = query.period.year_to
    monthly_ = figures.sums(conn, pub_id, query, lexicon, [year], (1, 12), group="month")
    budget_ = figures.sums(conn, pub_id, query, lexicon, [year], measure="budget")[None]
    last = max([m for m in monthly_ if m] or [0])
    ends = list(range(1, last + 1)) if query.group == Group.MONTH else [m for m in (3, 6, 9, 12) if m <= last]
    if query.group == Group.QUARTER and last % 3:
        ends.append(last)  # a quarter still running: up to its last published month
    rows = []
    for end in ends:
        running = sum(v for m, v in monthly_.items() if m and m <= end)
        rate = running / budget_ if budget_ else None
        name = f"{end}月" if query.group == Group.MONTH else \
            f"第{(end - 1) // 3 + 1}季度末" + ("" if end % 3 == 0 else f"（截至{end}月）")
        rows.append([*present.row(name, Measure.RATE, rate), fen_to_yuan(running), format_amount(running)])
    answer = {"kind": "series", "unit": "%", "period": f"{year}年",
              "columns": ["截至", "累计执行率（%）", "累计执行率", "累计支出（元）", "累计支出"], "rows": rows,
              "value": rows[-1][1] if rows else None, "budget": fen_to_yuan(budget_)}
    return answer, present.rows_chart(rows, "%", line=True)


def restate(query, lexicon, coverage=None):
    region, dept, _cls = present.scope_words(query, lexicon)
    what = present.subject(query, lexicon)
    scope = present.scope_phrase(query, lexicon, coverage)
    quarterly = query.group == Group.QUARTER
    if query.count_only:
        bound = present.display(query.measure, round(query.threshold["value"])).replace(" ", "").replace(".00", "")
        above = "低于" if query.threshold["op"] == "<" else "超过"
        return f"{scope}{above}{bound}的{'月份' if query.group == Group.MONTH else '年份'}个数"
    if query.group in (Group.MONTH, Group.QUARTER) and query.measure == Measure.RATE:
        return f"{query.period.year_to}年{present.place(region, dept)}{what}{'各季度末' if quarterly else '各月末'}" \
            "的累计执行率（累计支出 ÷ 全年预算）"
    if query.group in (Group.MONTH, Group.QUARTER) and query.order:
        most = "最多" if query.order == Order.DESC else "最少"
        count = f"的{query.limit}个" if (query.limit or 0) > 1 else "的"
        return f"{scope}{most}{count}{'季度' if quarterly else '月份'}"
    if query.group in (Group.MONTH, Group.QUARTER):
        return f"{scope}{'逐季' if quarterly else '逐月'}变化"
    if query.group == Group.YEAR and query.order:
        most = ("最多" if query.order == Order.DESC else "最少") if query.measure in (Measure.SPENT, Measure.BUDGET) \
            else ("最高" if query.order == Order.DESC else "最低")
        what = "" if query.measure == Measure.SPENT else f"的{label(query.measure)}"
        return f"{scope}{what}{most}的年份"
    if query.measure == Measure.SHARE and query.share_of:
        return f"{scope}占{budget.share_whole_words(query, lexicon, region, what)}的比例逐年变化"
    return f"{scope}逐年变化" if query.measure == Measure.SPENT else f"{scope}的{label(query.measure)}逐年变化"


def records(query, lexicon, pub_id, answer):
    """The records of the whole period (each year's or month's rows are among them)."""
    scope = figures.period_scope(query, lexicon, query.period)
    if query.group in (Group.MONTH, Group.QUARTER) and query.measure == Measure.RATE:
        scope = figures.scope(query, lexicon, [query.period.year_to], (1, 12))
    side = "budget" if query.measure == Measure.BUDGET else "spent"
    out = {"records": links.records(scope, side, pub_id)}
    if query.count_only:  # the months (years) counted: each one's records
        out["rows"] = [links.row(row[0], {side: links.records(row_scope(query, lexicon, key), side, pub_id)})
                       for key, row in zip((answer or {}).get("keys") or [], (answer or {}).get("rows") or [])]
    return out
