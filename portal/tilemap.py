"""Tile-grid map: each district (or, for the yearbook, each province) is one square in its approximate
place — no boundary data, so there is nothing to download and no official map to review.

Positions are small static tables below (row, column); regions without a known position are laid out
in code order on a square grid. Tiles are coloured by one metric at a time (execution rate, pace status
by the supervision rule, per-capita spending, number of supervision flags, or spending); every tile links to
its drill-down page and the same numbers are in an accessible table. static/tilemap.js switches the
metric without reloading; without script the metric links reload the page.

Drill-down: a district's tile opens the district's page at its own map, one tile per 乡镇/街道
(``townships``). Spending below a district is known only through projects, so township tiles show the
projects located there: how many, their investment, what has been paid, payment progress and flags.
Townships have no position table: they sit in code order, and the caption says so.
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
TOWNSHIP_METRICS = {  # payment progress first: the first column a phone's table shows beside the name
    "progress": ("支付进度", "%"), "projects": ("项目数", "个"), "investment": ("总投资", ""),
    "disbursed": ("已支付", ""), "flags": ("预警数", "条"),
}
COUNTS = {"flags": "条", "projects": "个"}  # whole-number metrics and their unit
PERCENT = ("rate", "progress")


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
    if metric in PERCENT:
        return f"{value:.1f}%"
    if metric == "per_capita":
        return f"{value:,.0f} 元/人"
    if metric in COUNTS:
        return f"{value} {COUNTS[metric]}"
    return money.format_amount(value)


def _range_label(metric, index, low, high):
    if metric in COUNTS:  # whole numbers: a value on a boundary belongs to the lower class
        first = math.ceil(low) if index == 0 else math.floor(low) + 1
        last = math.floor(high)
        unit = COUNTS[metric]
        return f"{first} {unit}" if first >= last else f"{first}–{last} {unit}"
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
    items = [{"code": row["code"], "name": row["name"], "short": row.get("short_name") or row["name"],
              "values": _values(row, pace_status.get(row["code"]), flag_counts.get(row["code"], 0))} for row in rows]
    usable = {key for key in METRICS if key != "pace" or pace_status}
    # Without budgets (the yearbook) rate and pace are unavailable: spending is the next most telling.
    data = grid(items, METRICS, href, usable=usable,
                preferred=(default, "rate", "spent", "per_capita", "flags"), label=label)
    place = "地区" if label == "地区" else "区县"
    data.update(caption=f"每个方块是一个{place}，位置为大致方位（不是边界地图）；点击方块查看该{place}预算执行",
                link_hint="点击名称查看该地区")
    return data


def township_build(townships, summary, flag_counts, href, *, default="progress"):
    """The township level of the map: ``townships`` (code, name), ``summary`` {code: {"projects",
    "investment_fen", "disbursed_fen"}} of their projects, ``flag_counts`` {code: n} of flags about those
    projects, ``href(code)``: that township's projects."""
    items = []
    for town in townships:
        got = summary.get(town["code"], {})
        investment, disbursed = got.get("investment_fen", 0), got.get("disbursed_fen", 0)
        items.append({"code": town["code"], "name": town["name"], "short": short_township(town["name"]), "values": {
            "projects": got.get("projects", 0), "investment": investment, "disbursed": disbursed,
            "progress": round(disbursed / investment * 100, 1) if investment else None,
            "flags": flag_counts.get(town["code"], 0)}})
    data = grid(items, TOWNSHIP_METRICS, href, usable=set(TOWNSHIP_METRICS),
                preferred=(default, "progress", "projects"), label="乡镇街道")
    data.update(caption="每个方块是一个乡镇或街道，按编码排列（不表示方位）；数字来自位于那里的项目"
                        "（支付进度 = 已支付 ÷ 总投资）；点击方块查看那里的项目",
                link_hint="点击名称查看那里的项目")
    return data


def short_township(name):
    """「桃坞街道」 → 「桃坞」: the tile shows the stem, the table and the tooltip the full name."""
    for suffix in ("街道办事处", "街道", "镇", "乡"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def grid(items, metric_defs, href, *, usable, preferred, label):
    """Tiles, metrics (with legends) and the first metric shown, for ``items`` [{"code", "name", "short",
    "values": {metric: value}}] coloured by the metrics of ``metric_defs`` {key: (label, unit)}."""
    codes = [item["code"] for item in items]
    place = positions(codes)
    metrics = []
    for key, (title, unit) in metric_defs.items():
        series = [item["values"][key] for item in items]
        available = key in usable and any(v is not None for v in series)
        bins = _bins(series, REDS if key == "flags" else BLUES) if key != "pace" else []
        metrics.append({"key": key, "label": title, "unit": unit, "available": available,
                        "legend": _legend(key, bins, None in series) if available else [], "bins": bins})
    tiles = [{"code": item["code"], "name": item["name"], "short": item["short"],
              "row": place[item["code"]][0] + 1, "col": place[item["code"]][1] + 1, "href": href(item["code"]),
              "shown": {m["key"]: _shown(m, item["values"][m["key"]]) for m in metrics}} for item in items]
    shown_first = [m["key"] for m in metrics if m["available"]]
    chosen = next((key for key in preferred if key in shown_first), (shown_first or [preferred[-1]])[0])
    for metric in metrics:
        metric.pop("bins")
    return {"label": label, "tiles": tiles, "metrics": metrics, "default": chosen,
            "columns": max((t["col"] for t in tiles), default=1), "rows": max((t["row"] for t in tiles), default=1)}


def _shown(metric, value):
    if metric["key"] == "pace":
        colour, _legend_label, text = PACE_COLOURS.get(value, PACE_COLOURS[None])
    else:
        colour, text = _colour(value, metric["bins"]), _text(metric["key"], value)
    return {"colour": colour, "ink": _ink(colour), "text": text}
