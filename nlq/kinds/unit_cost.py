"""Unit cost by district (绩效): 「哪个区修路每公里花钱最多」「各区县幼儿园每个学位花多少钱」.

The figures are ledger.queries.performance.unit_cost_by_region — cost over output per district on the
basis of the peer comparison — the function /api/performance/unit-costs answers with.
"""
from urllib.parse import urlencode

from ledger.money import format_amount
from ledger.queries import performance as q_perf

from .. import links, present
from ..ir import Group, Kind, Order, Query
from ..vocab import found, semantic


def by_region(ctx):
    """「哪个区修路每公里花钱最多」: a category's unit cost per district, highest first (「最少」: lowest)."""
    if not found("unit_cost", ctx.text):
        return None
    category = ctx.slots.category or _category_named(ctx.text)
    if category is None:
        return None
    # 「星桥区修路每公里多少钱」: the district named is the row asked (never the first district of all)
    return Query(Kind.UNIT_COST, group=Group.REGION, category=category, period=ctx.slots.period,
                 regions=list(ctx.slots.regions), order=Order.ASC if ctx.cues.bottom else Order.DESC,
                 topic="unit_cost")


def _category_named(text):
    """The project category an everyday word names (修路 → 农村公路), from [unit_cost_categories]."""
    for category, words in semantic()["unit_cost_categories"].items():
        if any(w in text for w in words):
            return category
    return None


def _year(query):
    return query.period.year_to if query.period is not None and query.period.explicit else None


def run(conn, pub_id, query, lexicon):
    result = q_perf.unit_cost_by_region(conn, pub_id, query.category, year=_year(query))
    # 「哪个区」: the districts (or the regions named, 「哪个县」 the counties), not the city's own projects
    regions = [r for r in result["regions"] if (r["region_code"] in query.regions if query.regions
                                                 else (r.get("level") or 0) >= 1)]
    if query.order == Order.ASC:
        regions = sorted(regions, key=lambda r: (r["unit_cost_yuan"], r["region_code"]))
    unit = result["unit"] or ""
    rows = [[r["region_name"], r["unit_cost_yuan"], _yuan(r["unit_cost_yuan"]) + f"/{unit}", r["projects"],
             r["cost_yuan"], r["quantity"]] for r in regions]
    answer = {"kind": "table", "topic": "unit_cost", "unit": f"元/{unit}", "category": query.category,
              "columns": ["地区", f"单位成本（元/{unit}）", "单位成本", "项目数", "成本合计（元）", f"产出合计（{unit}）"],
              "rows": rows, "keys": [r["region_code"] for r in regions]}
    if not rows:
        answer["sentence"] = f"没有可比较单位成本的{query.category}项目。"
        return answer, None
    first = rows[0]
    word = "最低" if query.order == Order.ASC else "最高"
    answer.update(value=first[1], top=first[0], display=first[2],
                  sentence=f"{query.category}每{unit}成本{word}的是{first[0]}：{first[2]}（{first[3]} 个项目，"
                           f"成本合计 {_yuan(first[4])}、产出 {present.number(first[5])} {unit}）。")
    return answer, present.rows_chart(rows, f"元/{unit}")


def _yuan(value):
    return format_amount(round(value * 100))


def restate(query, lexicon, coverage=None):
    period = f"{_year(query)}年" if _year(query) else "全部年度"
    order = "从低到高" if query.order == Order.ASC else "从高到低"
    return f"{period}{_places(query, lexicon)}{query.category}项目的单位成本（成本合计 ÷ 产出合计），{order}"


def _places(query, lexicon):
    """「各区」 for 「哪个区」 (the 区 only), else the level-1 regions' group word (各区县)."""
    noun = next((n for n, codes in lexicon.region_subsets.items() if codes == query.regions), None)
    if query.regions and not noun:
        return "、".join(lexicon.region_names.get(code, code) for code in query.regions)
    return f"各{noun}" if noun else lexicon.each_word


def chips(query, lexicon):
    return [{"key": "time", "label": "时间", "value": f"{_year(query)}年" if _year(query) else "全部年度"},
            {"key": "region", "label": "地区", "value": _places(query, lexicon)},
            {"key": "class", "label": "科目", "value": query.category},
            {"key": "measure", "label": "指标", "value": "单位成本"},
            {"key": "order", "label": "排序", "value": "从低到高" if query.order == Order.ASC else "从高到低"}]


def records(query, lexicon, pub_id, answer):
    """The category's projects (each row: the district's), and the unit-cost figures as JSON."""
    unit = ((answer or {}).get("unit") or "").removeprefix("元/") or None
    args = {"category": query.category, "year": _year(query), "output_unit": unit, "pub": pub_id}
    base = {k: v for k, v in args.items() if v is not None}
    out = {"records": "/projects?" + urlencode(base),
           "figures": "/api/performance/unit-costs?" + urlencode({k: v for k, v in base.items() if k != "output_unit"})}
    keys = (answer or {}).get("keys") or []
    # the cost and output of each project on the unit-cost basis: the CSV whose 成本 and 产出 sum to the row
    costs = {**base, "table": "unit_cost_projects"}
    out["rows"] = [links.row(row[0], {"projects": "/projects?" + urlencode({**base, "region": key}),
                                      "costs": "/performance?" + urlencode({**costs, "region": key})})
                   for row, key in zip((answer or {}).get("rows") or [], keys)]
    if out["rows"]:
        out["costs"] = out["rows"][0]["records"]["costs"]
    return out
