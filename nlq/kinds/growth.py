"""Growth: a figure against an earlier period — the same months a year before (同比), the months just
before (环比), a named base year, or a rate's change in percentage points."""
from ledger.money import fen_to_yuan, format_amount

from .. import figures, links, present
from ..ir import Kind, Measure, Query, Versus
from ..timeparse import Period
from ..vocab import found


def growth(ctx):
    """「同比增长多少」「比2023年增长了多少」「比前年多了多少钱」「环比」"""
    c, period, as_of = ctx.cues, ctx.slots.period, ctx.as_of
    if not c.growth:
        return None
    base = ctx.base()
    if c.compare_years:  # 「2025年…比2023年增长了多少」: the named base year, not the year before
        base["period"] = Period(min(c.compare_years), max(c.compare_years),
                                period.month_from if period else 0, period.month_to if period else 0)
    elif found("growth_vs_year_before_last", ctx.text) and period is not None and period.year_to == as_of.year:
        base["period"] = Period(as_of.year - 2, period.year_to, period.month_from, period.month_to)
    versus = Versus.PREVIOUS if c.sequential else Versus.YEAR
    if found("annual_growth", ctx.text):
        versus = Versus.ANNUAL
    return Query(Kind.GROWTH, measure=Measure.GROWTH,
                 base_measure=Measure.RATE if c.rate else Measure.BUDGET if c.budget else Measure.SPENT,
                 difference=c.has("difference"), versus=versus, **base)


def run(conn, pub_id, query, lexicon):
    last, first, this, base, change = figures.growth(conn, pub_id, query, lexicon, query.period)
    if query.base_measure == Measure.RATE:
        return _rate_change(query, last, first, this, base, change)
    if query.versus == Versus.ANNUAL:
        change = per_year(change, last - first if isinstance(first, int) else 0)
    labels = (f"{first}年", f"{last}年")
    if isinstance(first, tuple):  # 环比: the months just before
        labels = (Period(first[0], first[0], first[1], first[2]).label(), query.period.label())
    rows = [[labels[0], fen_to_yuan(base), format_amount(base)], [labels[1], fen_to_yuan(this), format_amount(this)]]
    answer = {"kind": "figure", "value": present.value(Measure.GROWTH, change), "unit": "%",
              "display": present.display(Measure.GROWTH, change), "period": query.period.label(),
              "difference": fen_to_yuan(this - base), "difference_display": format_amount(this - base),
              "columns": ["年份", "金额（元）", "金额"], "rows": rows}
    if query.difference:  # 「比前年多了多少钱」 asks for the amount; the rate comes second
        answer.update(value=answer["difference"], unit="元", display=answer.pop("difference_display"),
                      growth=present.value(Measure.GROWTH, change), growth_display=present.display(Measure.GROWTH, change))
    return answer, present.rows_chart(rows, "元", line=True)


def per_year(change, years):
    """The compound rate per year of a change over ``years`` years (None when it has none: one year, no base)."""
    if change is None or years < 1 or change <= -1:
        return None
    return (1 + change) ** (1 / years) - 1


def _rate_change(query, last, first, this, base, change):
    """「执行率比前年提高了几个百分点」: the two rates and their difference."""
    rows = [present.row(f"{y}年", Measure.RATE, v) for y, v in ((first, base), (last, this))]
    shown = "—" if change is None else f"{'提高' if change >= 0 else '下降'} {abs(change) * 100:.2f} 个百分点"
    answer = {"kind": "figure", "value": present.value(Measure.RATE, change), "unit": "个百分点", "display": shown,
              "period": query.period.label(), "columns": ["年份", "执行率（%）", "执行率"], "rows": rows}
    return answer, present.rows_chart(rows, "%", line=True)


def restate(query, lexicon, coverage=None):
    scope = present.scope_phrase(query, lexicon, coverage)
    period = query.period
    if period is None:  # an alternative offered before its period is known (「… YoY for Jan-Oct 2026?」 gave a 500)
        base = "上年"
    else:
        base = f"{period.year_from}年" if period.multi_year else "上年" if period.whole_year else "上年同期"
    if query.versus == Versus.PREVIOUS and period is not None:
        base = "上一个月" if period.month_from == period.month_to else "上一期"
        return f"{scope}环比（相比{base}）的{'增加额' if query.difference else '增长'}"
    if query.base_measure == Measure.RATE:
        return f"{scope}的执行率相比{base}的变化（百分点）"
    budget = "预算" if query.base_measure == Measure.BUDGET else ""
    if query.versus == Versus.ANNUAL:
        return f"{scope}{budget}相比{base}的年均增长（复合增长率）"
    return f"{scope}{budget}相比{base}的{'增加额' if query.difference else '增长'}"


def records(query, lexicon, pub_id, answer):
    """The records of this period; for the two rows, the records of the base and of this period."""
    _last, _first, this, base = figures.growth_scopes(query, lexicon, query.period)
    measure = figures.growth_measure(query)
    sides = ("spent", "budget") if measure == "rate" else (measure,)
    out = {"records": links.records(this, sides[0], pub_id)}
    rows = (answer or {}).get("rows") or []
    if len(rows) == 2:
        out["rows"] = [links.row(row[0], {side: links.records(s, side, pub_id) for side in sides})
                       for row, s in zip(rows, (base, this))]
    return out
