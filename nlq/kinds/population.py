"""A region's population (人口, the regions table as published): 「鹭洲区多少人口」「全市常住人口」「哪个区人口最多」.
The data give one population per region and no year for it; a publication without it (the yearbook) declines —
never the spending or a project's output in 人 in its place."""
from .. import links, present
from ..ir import Group, Kind, Measure, Order, Query
from ..vocab import pattern, semantic

NOT_OF_POPULATION = ("growth", "trend", "share", "rate", "per_capita", "budget", "sequential")


def population(ctx):
    """「松岗县有多少人口」「示例市人口？」「各区人口从多到少」 (not 「受益人口」, not 人均, not of a project)."""
    s, c = ctx.slots, ctx.cues
    asked = pattern("population_asked")
    # a class read from a word beside 人口 with no money asked (「老师让查全市总人口」) is no class of spending
    classes = (s.classes or s.class_set) and any(w in ctx.text for w in semantic()["decline"]["money"])
    if not asked.search(ctx.text) or s.projects or s.units or s.depts or classes \
            or c.project_cue or c.per_capita or _projects_named(asked.sub(" ", ctx.text), ctx.lexicon):
        return None
    ranked = s.region_each or (c.top and len(s.regions) > 1)
    other = next((name for name in NOT_OF_POPULATION if getattr(c, name)), None)
    if other == "share" and _share_of_root(ctx):
        # 「某区人口占全市多少」: one region's population over the publication's own, both as published
        return Query(Kind.POPULATION, measure=Measure.SHARE, regions=list(s.regions),
                     share_of={"regions": [ctx.lexicon.root_code]})
    return Query(Kind.POPULATION, regions=list(s.regions), period=s.period, group=Group.REGION if ranked else None,
                 order=ctx.order() if ranked else None, limit=ctx.limit_or_one() if ranked and c.top else None,
                 topic=other)  # topic: what was asked of the population that one figure per region cannot answer


def _share_of_root(ctx):
    """One region below the top, and a whole that is the top level (「占全市」) or not named (「占比多少」)."""
    s, root = ctx.slots, ctx.lexicon.root_code
    whole = s.whole
    return len(s.regions) == 1 and s.regions[0] != root and not s.region_each and not _more_asked(ctx) \
        and not (whole.classes or whole.class_set or whole.category) and set(whole.regions) <= {root}


def _more_asked(ctx):
    """A measure asked beside the share that one population per region cannot answer (a change, a trend)."""
    c = ctx.cues
    return any(getattr(c, name) for name in NOT_OF_POPULATION if name != "share")


def _projects_named(text, lexicon):
    """A kind of project or its output named besides 人口 (「农村供水覆盖多少人口」): the people it serves, not a
    place's population (人口 alone is read as the output 人 of a category: that reading does not count)."""
    return any(e.type in ("category", "output", "project") for *_span, entries in lexicon.scan(text) for e in entries)


def _codes(query, lexicon):
    if query.group == Group.REGION and not query.regions:
        return [code for code, level in lexicon.region_level.items() if level == 1]
    return query.regions or [lexicon.root_code]


def run(conn, pub_id, query, lexicon):
    if not any(lexicon.region_population.values()):
        return {"kind": "figure", "nothing": f"本站数据（{lexicon.root_name}）没有发布人口数，不能回答人口的问题；"
                                             "可以问支出或预算。"}, None
    if query.topic:
        return {"kind": "figure", "nothing": "本站只有各地区的一个人口数（不分年份），算不出人口的变化、占比或趋势。"}, None
    if query.share_of:
        return _share(query, lexicon)
    codes = _codes(query, lexicon)
    rows = [[present.region_name(lexicon, code) if code != lexicon.root_code else lexicon.root_name,
             lexicon.region_population.get(code)] for code in codes]
    if any(people is None for _name, people in rows):
        missing = "、".join(name for name, people in rows if people is None)
        return {"kind": "figure", "nothing": f"本站数据没有{missing}的人口数。"}, None
    rows = [[name, people, f"{people:,} 人"] for name, people in rows]
    if len(rows) == 1:
        return {"kind": "figure", "value": rows[0][1], "unit": "人", "display": rows[0][2]}, None
    if query.group == Group.REGION:
        rows.sort(key=lambda r: r[1], reverse=query.order != Order.ASC)
        rows = rows[:query.limit] if query.limit else rows
    return {"kind": "table", "unit": "人", "columns": ["地区", "人口（人）", "人口"], "rows": rows,
            "value": rows[0][1], "top": rows[0][0]}, present.rows_chart(rows, "人")


def _share(query, lexicon):
    """A region's population as a percentage of the whole's (both published, one figure each), each linked."""
    part, whole = query.regions[0], query.share_of["regions"][0]
    people = [lexicon.region_population.get(part), lexicon.region_population.get(whole)]
    names = [present.region_name(lexicon, part), lexicon.root_name]
    if None in people or not people[1]:
        return {"kind": "figure", "nothing": f"本站数据没有{'、'.join(n for n, p in zip(names, people) if not p)}"
                                             "的人口数。"}, None
    value = round(people[0] * 100 / people[1], 2)
    rows = [[name, n, f"{n:,} 人"] for name, n in zip(names, people)]
    return {"kind": "figure", "value": value, "unit": "%", "display": f"{value:.2f}%",
            "columns": ["地区", "人口（人）", "人口"], "rows": rows}, None


def restate(query, lexicon, coverage=None):
    if query.share_of:
        return (f"{present.region_name(lexicon, query.regions[0])}人口占{lexicon.root_name}人口的比例"
                "（本站发布的人口数，不分年份）")
    names = "、".join(r[0] for r in _names(query, lexicon))
    ranked = f"，{present.order_words(query)}" + (f"，前{query.limit}名" if query.limit else "") \
        if query.group == Group.REGION else ""
    return f"{names}的人口（本站发布的人口数，不分年份）{ranked}"


def _names(query, lexicon):
    if query.group == Group.REGION and not query.regions:
        return [[lexicon.each_word]]
    return [[lexicon.root_name if code == lexicon.root_code else present.region_name(lexicon, code)]
            for code in _codes(query, lexicon)]


def records(query, lexicon, pub_id, answer):
    if query.share_of:  # the part's row and the whole's row of the regions table, each on its own row
        codes = [query.regions[0], query.share_of["regions"][0]]
        rows = [{"label": row[0], "records": {"population": links.population([code])}}
                for code, row in zip(codes, (answer or {}).get("rows") or [])]
        return {"records": links.population(codes), "rows": rows}
    codes = [] if query.regions == [] and query.group is None else _codes(query, lexicon)
    return {"records": links.population([c for c in codes if c != lexicon.root_code])}


def chips(query, lexicon):
    return []
