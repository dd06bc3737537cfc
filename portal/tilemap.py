"""Tile-grid map: each district (or, for the yearbook, each province) is one square in its approximate
place — no boundary data, so there is nothing to download and no official map to review.

Positions are small static tables below (row, column); regions without a known position are laid out
in code order on a square grid. Tiles are coloured by one metric at a time (execution rate, pace status
by the supervision rule, per-capita spending, number of supervision flags, or spending); every tile links to
its drill-down page and the same numbers are in an accessible table. static/tilemap.js switches the
metric without reloading; without script the metric links reload the page.
"""
import math

from ledger import money

# The demo city 示例市 (codes 9901xx): urban districts in the middle, counties around them.
CITY_POSITIONS = {
    "990121": (0, 1), "990122": (0, 2),
    "990123": (1, 0), "990102": (1, 1), "990101": (1, 2), "990103": (1, 3),
    "990104": (2, 1), "990105": (2, 2), "990125": (2, 3),
    "990124": (3, 2),
}
# The 31 provincial-level regions of the yearbook, by their capitals' rough latitude and longitude.
PROVINCE_POSITIONS = {
    "230000": (0, 8),
    "650000": (1, 1), "150000": (1, 5), "220000": (1, 8),
    "640000": (2, 4), "110000": (2, 6), "120000": (2, 7), "210000": (2, 8),
    "630000": (3, 2), "620000": (3, 3), "140000": (3, 5), "130000": (3, 6), "370000": (3, 7),
    "540000": (4, 1), "610000": (4, 4), "410000": (4, 5), "340000": (4, 6), "320000": (4, 7), "310000": (4, 8),
    "510000": (5, 3), "500000": (5, 4), "420000": (5, 5), "360000": (5, 6), "330000": (5, 7),
    "530000": (6, 3), "520000": (6, 4), "430000": (6, 5), "350000": (6, 7),
    "450000": (7, 4), "440000": (7, 5),
    "460000": (8, 5),
}
KNOWN_POSITIONS = {**CITY_POSITIONS, **PROVINCE_POSITIONS}

BLUES = ["#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b"]  # dark end: white text at ≥ 4.5:1
REDS = ["#fff5f0", "#fcbba1", "#fb6a4a", "#cb181d", "#a50f15"]
NO_DATA = "#e0e0e0"
# pace status -> (colour, legend, tile text)
PACE_COLOURS = {"warning": ("#c0392b", "进度滞后（连续低于预警线）", "滞后"), "below": ("#f0ad4e", "本月低于预警线", "低于预警线"),
                "ok": ("#d4ecd9", "正常", "正常"), None: (NO_DATA, "无数据", "—")}
METRICS = {  # key -> (label, unit)
    "rate": ("执行率", "%"), "pace": ("执行进度", ""), "per_capita": ("人均支出", "元/人"),
    "flags": ("预警数", "条"), "spent": ("支出", ""),
}


def positions(codes):
    """{code: (row, col)}: the static table when it places every code, else a square grid in code order."""
    if codes and all(code in KNOWN_POSITIONS for code in codes):
        return {code: KNOWN_POSITIONS[code] for code in codes}
    width = max(1, math.ceil(math.sqrt(len(codes))))
    return {code: divmod(index, width) for index, code in enumerate(sorted(codes))}


def _ink(colour):
    """Readable text on a tile: white on the dark end of a scale."""
    return "#fff" if colour in (BLUES[3], BLUES[4], REDS[3], REDS[4], PACE_COLOURS["warning"][0]) else "#1a1a1a"


def _bins(values, palette):
    """Five equal-width classes over the values' range: [(low, high, colour)]."""
    present = [v for v in values if v is not None]
    if not present:
        return []
    low, high = min(present), max(present)
    if low == high:  # one value for everybody (no flags anywhere): one class, not five empty ones
        return [(low, high, palette[0])]
    step = (high - low) / len(palette)
    return [(low + i * step, low + (i + 1) * step, colour) for i, colour in enumerate(palette)]


def _colour(value, bins):
    if value is None or not bins:
        return NO_DATA
    for _low, high, colour in bins:
        if value <= high:
            return colour
    return bins[-1][2]


def _text(metric, value):
    if value is None:
        return "—"
    if metric == "rate":
        return f"{value:.1f}%"
    if metric == "per_capita":
        return f"{value:,.0f} 元/人"
    if metric == "flags":
        return f"{value} 条"
    return money.format_amount(value)


def _range_label(metric, index, low, high):
    if metric == "flags":  # whole numbers: a value on a boundary belongs to the lower class
        first = math.ceil(low) if index == 0 else math.floor(low) + 1
        last = math.floor(high)
        return f"{first} 条" if first >= last else f"{first}–{last} 条"
    return f"{_text(metric, low)} – {_text(metric, high)}"


def _legend(metric, bins, missing):
    if metric == "pace":
        entries = [(colour, label) for key, (colour, label, _t) in PACE_COLOURS.items() if key or missing]
    else:
        entries = [(c, _range_label(metric, i, low, high)) for i, (low, high, c) in enumerate(bins)]
        entries += [(NO_DATA, "无数据")] if missing else []
    return [{"colour": colour, "ink": _ink(colour), "label": label} for colour, label in entries]


def _values(row, pace, flag_count):
    rate = row["execution_rate"]
    per_capita = row.get("per_capita_fen")
    return {"rate": None if rate is None or not row["budget_fen"] else round(rate * 100, 1),
            "pace": pace, "per_capita": None if per_capita is None else per_capita / 100,
            "flags": flag_count, "spent": row["spent_fen"]}


def build(rows, pace_status, flag_counts, href, *, default="rate", label="区县"):
    """The map of ``rows`` (compare rows: code, name, short_name, spent/budget/rates) as template data.

    ``pace_status``: {code: "warning"|"below"|"ok"}; ``flag_counts``: {code: n}; ``href(code)``: drill-down URL.
    """
    codes = [row["code"] for row in rows]
    place = positions(codes)
    values = {row["code"]: _values(row, pace_status.get(row["code"]), flag_counts.get(row["code"], 0)) for row in rows}
    metrics = []
    for key, (title, unit) in METRICS.items():
        series = [values[c][key] for c in codes]
        available = any(v is not None for v in series) and not (key == "pace" and not pace_status)
        bins = _bins(series, REDS if key == "flags" else BLUES) if key != "pace" else []
        metrics.append({"key": key, "label": title, "unit": unit, "available": available,
                        "legend": _legend(key, bins, None in series) if available else [], "bins": bins})
    tiles = []
    for row in rows:
        code = row["code"]
        shown = {}
        for metric in metrics:
            value = values[code][metric["key"]]
            if metric["key"] == "pace":
                colour, _legend_label, text = PACE_COLOURS.get(value, PACE_COLOURS[None])
            else:
                colour, text = _colour(value, metric["bins"]), _text(metric["key"], value)
            shown[metric["key"]] = {"colour": colour, "ink": _ink(colour), "text": text}
        tiles.append({"code": code, "name": row["name"], "short": row.get("short_name") or row["name"],
                      "row": place[code][0] + 1, "col": place[code][1] + 1, "href": href(code), "shown": shown})
    usable = {m["key"] for m in metrics if m["available"]}
    # Without budgets (the yearbook) rate and pace are unavailable: spending is the next most telling.
    chosen = next((key for key in (default, "rate", "spent", "per_capita", "flags") if key in usable), "flags")
    for metric in metrics:
        metric.pop("bins")
    return {"label": label, "tiles": tiles, "metrics": metrics, "default": chosen,
            "columns": max((t["col"] for t in tiles), default=1), "rows": max((t["row"] for t in tiles), default=1)}
