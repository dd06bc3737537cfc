"""ECharts option builders. Options are plain JSON (the CSP forbids inline code);
static/charts.js adds the unit to tooltips from ``mzUnit``."""
from ledger.money import format_amount

YI_FEN = 100_000_000 * 100  # 1 亿元 in fen
WAN_FEN = 10_000 * 100  # 1 万元 in fen
PALETTE = ["#2f6db5", "#e07b39", "#3a9d6a", "#b5452f", "#7a5cb5", "#8c8c8c"]


def unit_for(values_fen):
    """(unit, fen per unit): 亿元 when the largest value reaches 1 亿元, else 万元."""
    biggest = max((abs(v or 0) for v in values_fen), default=0)
    return ("亿元", YI_FEN) if biggest >= YI_FEN else ("万元", WAN_FEN)


def _scale(values_fen, divisor):
    return [round((v or 0) / divisor, 2) for v in values_fen]


def _base(unit, **extra):
    return {
        "color": PALETTE,
        "mzUnit": unit,
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 16, "top": 52, "bottom": 8, "containLabel": True},
        "animation": False,
        **extra,
    }


def budget_vs_spent(labels, budgets_fen, spent_fen, *, horizontal=False, spent_label="支出"):
    """Grouped bars: budget and spending per label (region, department, class…)."""
    unit, divisor = unit_for(list(budgets_fen) + list(spent_fen))
    category = {"type": "category", "data": list(labels), "axisLabel": {"interval": 0, "hideOverlap": True}}
    value = {"type": "value", "name": unit}
    if horizontal:
        value.update(nameLocation="middle", nameGap=24)  # unit under the axis, not clipped at the right
        category["inverse"] = True
        category["axisLabel"]["width"] = 110
        category["axisLabel"]["overflow"] = "truncate"
    else:
        category["axisLabel"]["rotate"] = 30 if len(labels) > 5 else 0
    option = _base(unit,
                   xAxis=value if horizontal else category,
                   yAxis=category if horizontal else value,
                   series=[{"name": "预算", "type": "bar", "data": _scale(budgets_fen, divisor)},
                           {"name": spent_label, "type": "bar", "data": _scale(spent_fen, divisor)}])
    if horizontal:
        option["grid"]["bottom"] = 28
    return option


CHART_MAX_BARS = 30  # beyond this a bar chart is unreadable (a province's 200 districts)
CHART_KEPT_BARS = 20


def largest_and_rest(rows, noun):
    """(rows, note) for a budget-vs-spending chart: every row when there are at most CHART_MAX_BARS; else
    the CHART_KEPT_BARS largest budgets in their order. The rest are not drawn as one 「其他」 bar: a
    province's 180 smaller districts together dwarf the 20 largest, which then read as zero. The note (the
    chart's caption) gives the rest's sums instead, so the chart and its caption still add up to 合计."""
    if len(rows) <= CHART_MAX_BARS:
        return rows, ""
    kept = set(map(id, sorted(rows, key=lambda r: -r["budget_fen"])[:CHART_KEPT_BARS]))
    rest = [r for r in rows if id(r) not in kept]
    budget, spent = sum(r["budget_fen"] for r in rest), sum(r["spent_fen"] for r in rest)
    note = (f"（图中为预算最多的 {CHART_KEPT_BARS} 个{noun}；其余 {len(rest)} 个{noun}合计预算 "
            f"{format_amount(budget)}、支出 {format_amount(spent)}，未画出；每个{noun}见下方表格）")
    return [r for r in rows if id(r) in kept], note


def budget_vs_spent_rows(rows, noun, **kwargs):
    """(option, note): budget_vs_spent over ``rows`` ({"name", "budget_fen", "spent_fen"}), folded by
    largest_and_rest."""
    shown, note = largest_and_rest(rows, noun)
    return budget_vs_spent([r["name"] for r in shown], [r["budget_fen"] for r in shown],
                           [r["spent_fen"] for r in shown], **kwargs), note


def trend(years, budgets_fen, spent_fen):
    """Multi-year budget vs spending bars with the execution rate as a line (right axis)."""
    unit, divisor = unit_for(list(budgets_fen) + list(spent_fen))
    rates = [round(s * 100 / b, 1) if b else None for s, b in zip(spent_fen, budgets_fen)]
    return _base(unit,
                 xAxis={"type": "category", "data": [f"{y}年" for y in years]},
                 yAxis=[{"type": "value", "name": unit}, {"type": "value", "name": "执行率 %", "max": 120,
                                                           "splitLine": {"show": False}}],
                 series=[{"name": "预算", "type": "bar", "data": _scale(budgets_fen, divisor)},
                         {"name": "支出", "type": "bar", "data": _scale(spent_fen, divisor)},
                         {"name": "执行率", "type": "line", "yAxisIndex": 1, "data": rates,
                          "mzUnit": "%"}])


def cumulative(months, cumulative_fen, budget_fen):
    """Cumulative spending per month against the annual budget (a dashed line)."""
    unit, divisor = unit_for(list(cumulative_fen) + [budget_fen])
    budget = round(budget_fen / divisor, 2)
    return _base(unit,
                 xAxis={"type": "category", "data": [f"{m}月" for m in months]},
                 yAxis={"type": "value", "name": unit},
                 series=[{"name": "累计支出", "type": "line", "areaStyle": {"opacity": 0.15},
                          "data": _scale(cumulative_fen, divisor)},
                         {"name": "年度预算", "type": "line", "symbol": "none",
                          "lineStyle": {"type": "dashed"}, "data": [budget] * len(months)}])


def progress(dates, pcts):
    """Physical progress (%) over time from the project's updates."""
    return _base("%",
                 xAxis={"type": "category", "data": [d.isoformat() for d in dates]},
                 yAxis={"type": "value", "name": "形象进度 %", "max": 100},
                 series=[{"name": "形象进度", "type": "line", "step": "end", "data": list(pcts)}])


def amounts(labels, values_fen, colors=None):
    """A single bar series, one (optionally coloured) bar per label."""
    unit, divisor = unit_for(values_fen)
    colors = colors or PALETTE
    data = [{"value": round((v or 0) / divisor, 2), "itemStyle": {"color": colors[i % len(colors)]}}
            for i, v in enumerate(values_fen)]
    option = _base(unit, xAxis={"type": "category", "data": list(labels)}, yAxis={"type": "value", "name": unit},
                   series=[{"name": "金额", "type": "bar", "barMaxWidth": 56, "data": data}])
    option["legend"] = {"show": False}
    return option
