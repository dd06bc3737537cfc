"""ECharts options for the comparison page (built here, rendered by static/compare.js)."""
from ledger.queries.compare import MEASURES, RADAR_MEASURES

PALETTE = ["#1f5fa8", "#d0582a", "#2e8b57", "#8a4fbf", "#c19a00", "#2aa1b3", "#b8336a", "#5b6770"]
WAN = 10_000 * 100  # fen per 万元


def _radar_value(row, measure):
    if measure == "spent":
        return round(row["spent_fen"] / WAN, 2)
    if measure == "per_capita":
        return None if row["per_capita_fen"] is None else round(row["per_capita_fen"] / 100, 2)
    value = row.get(measure)
    return None if value is None else round(value * 100, 2)


def _radar_name(measure):
    label, unit, _kind = MEASURES[measure]
    unit = {"元": "万元", "元/人": "元/人"}.get(unit, unit)
    return f"{label}（{unit}）"


def radar(result):
    rows = result["regions"] + [result["average"]]
    # Axes the data cannot fill (no budgets, no population) are left out rather than drawn at zero.
    measures = [m for m in RADAR_MEASURES if m in result["measures"]
                and any(_radar_value(r, m) is not None for r in result["regions"])]
    if len(measures) < 3:
        return None  # a radar needs at least three axes
    indicators = []
    for m in measures:
        values = [v for v in (_radar_value(r, m) for r in rows) if v is not None]
        high = max(values, default=1) or 1
        low = min(values, default=0)
        indicators.append({"name": _radar_name(m), "max": round(high * 1.1, 2),
                           "min": round(min(0, low * 1.1), 2)})
    data = [{"name": r["name"], "value": [_radar_value(r, m) or 0 for m in measures]} for r in result["regions"]]
    data.append({"name": result["average_label"], "value": [_radar_value(result["average"], m) or 0 for m in measures],
                 "lineStyle": {"type": "dashed", "color": "#555"}, "itemStyle": {"color": "#555"}})
    return {
        "color": PALETTE,
        "tooltip": {"trigger": "item"},
        "legend": {"type": "scroll", "bottom": 0},
        "radar": {"indicator": indicators, "radius": "68%", "center": ["50%", "50%"]},
        "series": [{"type": "radar", "name": "指标对比", "data": data, "areaStyle": {"opacity": 0.08}}],
        "aria": {"enabled": True},
    }


def class_bars(result):
    classes = result["classes"]
    if not classes:
        return None
    series = [{"type": "bar", "name": r["name"],
               "data": [round(r["class_share"].get(c["code"], 0) * 100, 2) for c in classes]}
              for r in result["regions"]]
    return {
        "color": PALETTE,
        "mzUnit": "%",
        "tooltip": {"trigger": "axis"},
        "legend": {"type": "scroll", "top": 0},
        "grid": {"left": 48, "right": 16, "bottom": 80, "top": 40},
        "xAxis": {"type": "category", "data": [c["name"] for c in classes], "axisLabel": {"rotate": 30, "interval": 0}},
        "yAxis": {"type": "value", "name": "占比（%）"},
        "series": series,
        "aria": {"enabled": True},
    }


def monthly_curves(result):
    """One small chart per region: cumulative execution rate vs. the calendar."""
    if not result["month"]:
        return []
    months = list(range(1, result["month"] + 1))
    pace = [round(m / 12 * 100, 2) for m in months]
    # The warning line is the supervision pace rule's own (ledger/supervision/rules.toml [pace]).
    lines = {point["month"]: point["line"] for point in result["pace_rule"]["lines"]}
    warning = [round(lines[m] * 100, 2) if m in lines else None for m in months]
    average = [None if p["rate"] is None else round(p["rate"] * 100, 2) for p in result["average"]["monthly"]]
    usual = {point["month"]: point["profile"] for point in result["pace_rule"]["lines"]}
    profile = [round(usual[m] * 100, 2) if usual.get(m) is not None else None for m in months]
    expected = [{"type": "line", "name": "往年同期进度", "data": profile, "color": "#7f8c8d",
                 "lineStyle": {"type": "dashed", "width": 1}, "symbol": "none"}] if any(profile) else []
    charts = []
    for index, row in enumerate(result["regions"]):
        rates = [None if p["rate"] is None else round(p["rate"] * 100, 2) for p in row["monthly"]]
        charts.append({"code": row["code"], "name": row["name"], "behind_pace": row["behind_pace"], "options": {
            "mzUnit": "%",
            "title": {"text": row["name"], "left": "center", "textStyle": {"fontSize": 13}},
            "tooltip": {"trigger": "axis"},
            "grid": {"left": 40, "right": 10, "top": 30, "bottom": 24},
            "xAxis": {"type": "category", "data": [f"{m}月" for m in months]},
            "yAxis": {"type": "value", "name": "%", "min": 0},
            "series": [
                {"type": "line", "name": "累计执行率", "data": rates, "color": PALETTE[index % len(PALETTE)],
                 "symbolSize": 4},
                {"type": "line", "name": "时间进度", "data": pace, "color": "#999",
                 "lineStyle": {"type": "dashed"}, "symbol": "none"},
                *expected,
                {"type": "line", "name": "预警线", "data": warning, "color": "#c0392b",
                 "lineStyle": {"type": "dotted"}, "symbol": "none"},
                {"type": "line", "name": result["average_label"], "data": average, "color": "#555",
                 "lineStyle": {"width": 1}, "symbol": "none"},
            ],
            "aria": {"enabled": True},
        }})
    return charts


def build(result):
    return {"radar": radar(result), "class_bars": class_bars(result), "monthly": monthly_curves(result)}
