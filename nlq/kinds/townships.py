"""Projects by township (乡镇/街道, the level below the district): 「哪个镇街项目最多」「项目最多的三个乡镇街道」
「梅溪县各镇的项目总投资」. Every project names the township it is built in (projects.township_code), so projects
are counted, and their investment, disbursement or output summed, by township — within the whole city or
within a district (the district's townships, whichever level funds the project). Budgets and spending are
published down to the district only: asked by township they are declined (nlq/decline.py)."""
import re
from dataclasses import replace

from ledger.money import format_amount
from ledger.queries import projects as q_proj

from .. import figures, links, present, slots
from ..ir import Kind, Measure, Order, Query
from ..present import label
from ..vocab import has_any, pattern, words
from .project import asked
from .project.rules import _new_start as new_start
from .project.rules import by_completion

ROWS_SHOWN = 100  # a whole city has ~80 townships: all of them when 「各镇街」 is asked


def level_asked(text, lexicon):
    """The township level asked as a group (「哪个镇街」「各乡镇」「乡镇街道里」), not a township's own name
    (「桃坞街道」 ends in 街道 too): the match, or None."""
    if not lexicon.township_names:
        return None
    # `in` first: a province has ~1,600 townships, and a regex compiled for each overflows re's cache
    named = [(m.start(), m.end()) for name in set(lexicon.township_names.values()) if name in text
             for m in re.finditer(re.escape(name), text)]
    for found in pattern("township_level").finditer(text):
        start, end = found.span("level")
        if not any(a < end and start < b for a, b in named):  # not part of a township named (「松岗街道」)
            return found
    whole = pattern("township_level_whole").search(text)
    if whole and pattern("which_place").search(text):
        return whole
    return None


def ranked(ctx):
    """Projects counted or summed by township: a ranking (「哪个」「最多」) or every township (「各」)."""
    s, c, text = ctx.slots, ctx.cues, ctx.text
    found = level_asked(text, ctx.lexicon)
    if found is None or s.townships or s.projects or s.contractors or s.units \
            or not (c.project_subject or "项目" in text):
        return None
    every_year = [m.span() for m in pattern("every_year_together").finditer(text)] if s.period is None else []
    slots.explain(s, [found.span(), *every_year, *(m.span() for m in pattern("township_level_whole").finditer(text))])
    unit = asked.output_unit(ctx)
    measure = Measure.OUTPUT if unit else asked.asked(ctx)
    every = pattern("township_each").search(found.group(0)) is not None
    limit = c.limit or (None if every and not c.top else 1)
    query = Query(Kind.TOWNSHIPS, measure=measure, output_unit=unit, order=ctx.order(), limit=limit,
                 period=s.period if s.period is not None and s.period.explicit else None,
                 regions=list(s.regions), category=s.category, status=s.status,
                 classes=list(s.classes) if not s.category else [], class_set=s.class_set,
                 planned=unit is not None and has_any(text, words("planned")), new_start=new_start(ctx))
    query.completed = by_completion(query, text)  # 「去年完工的」: by the year of completion, as project answers
    return query


def _filter(query, lexicon):
    """The projects counted: the question's filters; the district named narrows by township, not here."""
    return figures.project_filter(replace(query, regions=[]), lexicon, query.period)


def _totals(conn, pub_id, query, lexicon):
    """[(township code, value)] of the townships in the place asked, the largest first (ties by code)."""
    measure = "planned_output" if query.measure == Measure.OUTPUT and query.planned else query.measure.value
    values = q_proj.project_totals(conn, pub_id, _filter(query, lexicon), measure, "township")
    inside = set(query.regions)
    items = [(code, v) for code, v in values.items()
             if code and (not inside or lexicon.township_region.get(code) in inside)]
    sign = 1 if query.order == Order.ASC else -1
    return sorted(items, key=lambda kv: (sign * kv[1], kv[0]))


def run(conn, pub_id, query, lexicon):
    items = _totals(conn, pub_id, query, lexicon)
    if not items:
        return {"kind": "figure", "nothing": f"本站数据中没有{_place(query, lexicon)}{_period(query)}符合条件、"
                                             "注明所在乡镇街道的项目。"}, None
    shown = items[:query.limit] if query.limit else items[:ROWS_SHOWN]
    money = query.measure in (Measure.INVESTMENT, Measure.DISBURSED)
    unit_ = present.unit(query.measure, query)

    def cells(v):
        if money:
            return present.money_cells(int(v))
        if query.measure == Measure.OUTPUT:
            return [round(float(v), 4), f"{present.number(float(v))} {unit_}"]
        return [int(v), f"{int(v)} {unit_}"]

    rows = [[lexicon.township_names.get(code, code), *cells(v),
             present.region_name(lexicon, lexicon.township_region.get(code))] for code, v in shown]
    answer = {"kind": "table", "unit": unit_, "period": _period(query) or "全部年度",
              "columns": ["乡镇街道", f"{_measured(query)}（{unit_}）", _measured(query), "所属区县"],
              "rows": rows, "keys": [code for code, _ in shown], "value": rows[0][1], "top": rows[0][0],
              "display": f"{rows[0][0]}（{rows[0][2]}）", "townships": len(items)}
    if money:
        answer["display"] = f"{rows[0][0]}（{format_amount(int(shown[0][1]))}）"
    return answer, present.rows_chart(rows, unit_)


def _measured(query):
    return "实际产出" if query.measure == Measure.OUTPUT and not query.planned else \
        "计划产出" if query.measure == Measure.OUTPUT else label(query.measure)


def _period(query):
    return query.period.label() if query.period is not None and query.period.explicit else ""


def _place(query, lexicon):
    if query.regions:
        return "、".join(present.region_name(lexicon, r) for r in query.regions)
    return lexicon.root_name


def restate(query, lexicon, coverage=None):
    what = "、".join(x for x in (query.category, query.status and f"状态为{query.status}",
                                 "新开工" if query.new_start else None) if x)
    limit = f"，前{query.limit}名" if query.limit else ""
    named = query.period is not None and query.period.explicit
    period = present.period_words(query, coverage) if named else "全部年度"
    basis = ("，按完工年份统计" if query.completed else "，按开工日期统计" if query.new_start else "，按项目年度统计") \
        if named else ""
    unit_ = f"（{query.output_unit}）" if query.measure == Measure.OUTPUT else ""
    return (f"{period}{_place(query, lexicon)}各乡镇街道{what}项目的{_measured(query)}{unit_}（按项目所在乡镇街道，"
            f"{present.order_words(query)}{limit}）{basis}")


def records(query, lexicon, pub_id, answer):
    """Each township's projects (/projects?township=…): they add up to its row; the first row's are the answer's."""
    keys = (answer or {}).get("keys") or []
    if not keys:
        return {}
    flt = _filter(query, lexicon)
    urls = [links.projects(replace(flt, township=code), pub_id) for code in keys]
    return {"records": urls[0],
            "rows": [links.row(row[0], {"projects": url}) for row, url in zip(answer["rows"], urls)]}


def chips(query, lexicon):
    chips = present.chips(query, lexicon, subject_default="项目")
    chips[1]["value"] = f"{_place(query, lexicon)} · 各乡镇街道"
    return chips

