"""A second-level unit (二级预算单位: a school, a hospital, a museum) named: its spending, budget or execution
rate of one year (up to a month), from ledger.queries.units — the figures of its page under /execution. Two
or more units named are set side by side. What the units' records do not hold (a growth, a share, a trend)
is declined with the reason, never answered with the spending class the unit belongs to."""
import re
from urllib.parse import urlencode

from ledger.queries import units as q_units

from .. import links, present
from ..ir import Kind, Measure, Query
from ..timeparse import Period
from ..vocab import found, pattern

MEASURES = (Measure.SPENT, Measure.BUDGET, Measure.RATE)
UNITS_COUNTED = "units_counted"  # 「某局下属有几个二级单位」: a department's units, counted
ASKED_ELSEWHERE = ("growth", "share", "trend", "per_capita", "remaining", "sequential")
# 「市图书馆今年经费」「卫生院一年经费」: a unit's 经费 is the money it has for the year — its budget — unless
# spending is asked in words (「经费支出」「经费花了多少」「经费用了」)
FUNDS = re.compile(r"经费")
FUNDS_SPENT = re.compile(r"经费(?:的)?(?:支出|开支|使用)|支出|花|用了|用掉|开支|决算|实际")


def unit(ctx):
    """「市博物馆今年1到10月花了多少」「鹭洲区实验小学去年预算执行率」「市实验中学和市育才中学谁花钱多」"""
    s, c = ctx.slots, ctx.cues
    if not s.units or s.projects or s.contractors or c.project_cue:
        return None
    measure = Measure.RATE if c.rate else Measure.BUDGET if c.budget else Measure.SPENT
    other = next((name for name in ASKED_ELSEWHERE if getattr(c, name)), None)
    if found("asks_count_of", ctx.text) or found("per_head", ctx.text):  # 「多少张病床」「多少学生，生均经费」
        other = "quantity"
    funds = measure == Measure.SPENT and bool(FUNDS.search(ctx.text)) and not FUNDS_SPENT.search(ctx.text) \
        and other is None
    if funds:  # read, so not left over as a word not understood
        measure = Measure.BUDGET
        s.unknown[:] = [w for w in s.unknown if w != "经费"]
    return Query(Kind.UNIT, measure=measure, period=s.period, units=list(s.units), funds=funds,
                 topic=other)  # topic: what was asked that unit records cannot answer (declined in run)


def units_counted(ctx):
    """「市卫健委下属二级单位有几个」「市教育局下面有哪些学校」「云峰县有几所学校是单独列预算的」「单位类型为事业单位的二级单位
    数量」: the published second-level units of the one department named, or of a region's departments, or of
    all (of the kind named: 学校、医院、事业单位), counted with their names as the rows — never the department's
    spending in 个. Asked before the other kinds (nlq/parser.py): the words around such a question (直属、类型)
    say which units, never another figure."""
    s, text = ctx.slots, ctx.text
    if s.units or s.projects or s.contractors or ctx.cues.project_cue or not found("units_asked", text) \
            or len(s.depts) > 1 or len(s.regions) > 1 or s.region_each or re.search(r"各(?:个)?部门|每个部门", text):
        return None
    kind = unit_kind(text)
    if not kind and "单位" not in text:
        return None
    if found("units_other", pattern("units_listed_as").sub(" ", text)):  # money, a ranking: another question
        return None
    if s.depts and (found("units_under", text) or found("units_listed_as", text)):  # 「市教育局下面直属的学校有几所」
        return Query(Kind.UNIT, measure=Measure.COUNT, depts=list(s.depts), period=s.period, category=kind,
                     topic=UNITS_COUNTED)
    if not s.depts and found("units_listed_as", text):  # 「云峰县有几所学校在预算单位名单里」「全市多少所学校是二级单位」
        return Query(Kind.UNIT, measure=Measure.COUNT, regions=list(s.regions), period=s.period, category=kind,
                     topic=UNITS_COUNTED)
    return None


def unit_kind(text):
    """The kind of unit a question names (units.kind as published), or None. 医院 said besides 卫生院 (「算医院的几家？
    卫生院也算上」) is the whole kind, which holds the 卫生院."""
    if "卫生院" in text and "医院" in text.replace("卫生院", ""):
        return "医院"
    return next((k for word, k in UNIT_KINDS.items() if word in text), None)


def kind_described_once(text):
    """「医院类（含社区卫生服务中心卫生院）」: the brackets say what the kind includes; read as names of their own they
    were a facility the publication does not have."""
    return pattern("kind_described").sub(r"\1\2", text)


UNITS_RANKED = "units_ranked"  # 「二级单位中预算最多的三家」: the units ranked
# a word asked → the units it names: units.kind, or a kind narrowed by the end of the name (卫生院: the township
# hospitals, one part of kind 医院 — never every hospital of the department)
UNIT_KINDS = {"卫生院": "卫生院", "学校": "学校", "医院": "医院", "事业单位": "事业单位"}
NARROWED_KINDS = {"卫生院": ("医院", "卫生院")}


def units_ranked(ctx):
    """「今年二级单位中预算最多的三家」「二级单位执行率最低的学校」「市卫健委下属单位里预算最多的是哪家」「市本级学校中支出
    最多的是哪一所」: every second-level unit (of the one department or region named, of the kind named) ranked by its
    spending, budget or execution rate — never the departments or a class total in their place."""
    s, c, text = ctx.slots, ctx.cues, ctx.text
    if s.units or s.projects or s.contractors or c.project_cue or len(s.depts) > 1 or len(s.regions) > 1 \
            or s.region_each or not (c.top or c.bottom or c.limit or ctx.single()):
        return None
    kind = unit_kind(text)
    if not (found("units_level", text) or (s.depts and found("units_under", text) and (kind or "单位" in text))
            or (kind and found("unit_which", text))):
        return None
    measure = Measure.RATE if c.rate else Measure.BUDGET if c.budget else Measure.SPENT
    period = s.period or Period(ctx.as_of.year, ctx.as_of.year)
    regions = list(s.regions) if not s.depts else []
    if not regions and not s.depts and found("city_level", text):  # 「市级医院」: of the city's own departments
        regions = [ctx.lexicon.root_code]
    return Query(Kind.UNIT, measure=measure, period=period, depts=list(s.depts), regions=regions, order=ctx.order(),
                 limit=ctx.limit_or_one(), category=kind, topic=UNITS_RANKED)


def units_total(ctx):
    """「市卫健委下属医院今年预算合计多少」「某局下面的学校去年一共花了多少」: the units of the department named (of the kind
    named) added up — their own rows, never the department's figure, which holds its own office too."""
    s, c, text = ctx.slots, ctx.cues, ctx.text
    # 「医院类单位去年支出合计」: every unit of the kind named, whichever department it belongs to
    of_kind = not s.depts and not s.regions and found("units_of_kind", text)
    if s.units or s.projects or s.contractors or c.project_cue or (len(s.depts) != 1 and not of_kind) \
            or s.region_each or not (of_kind or found("units_under", text)) or c.top or c.bottom or c.limit \
            or c.rate or c.share or c.growth or c.trend or found("units_asked", text):
        return None
    kind = unit_kind(text)
    if of_kind:
        s.classes[:] = []  # 「医院类」 names the units' kind, not the 卫生健康 class
    if not kind and not re.search(r"(?:下属|所属|二级)(?:预算)?单位", text):
        return None
    measure = Measure.BUDGET if c.budget else Measure.SPENT
    return Query(Kind.UNIT, measure=measure, period=s.period or Period(ctx.as_of.year, ctx.as_of.year),
                 depts=list(s.depts), category=kind, topic=UNITS_TOTAL)


UNITS_TOTAL = "units_total"  # 「市卫健委下属医院预算合计」: the units of a department added up


def _ranked(conn, pub_id, query, lexicon):
    p = query.period
    if p.multi_year:
        return {"kind": "figure", "nothing": "二级单位只能按一年来排名，例如「2025年二级单位中预算最多的三家」。"}, None
    scope = _listed_scope(query).with_(year=p.year_to, month=p.month_to or None,
                                       month_from=p.month_from if p.month_from > 1 else None)
    found_ = {r["key"]: _raw(r, query.measure) for r in q_units.breakdown(conn, pub_id, scope, "unit")}
    if query.limit is None and (query.depts or query.regions):  # 「某局下面有哪些二级单位」: every unit, with or without rows
        rows = [(u["code"], found_.get(u["code"])) for u in q_units.listed(conn, pub_id, _listed_scope(query))]
    else:
        rows = list(found_.items())
    rows = sorted([(code, v) for code, v in rows if v or query.limit is None],
                  key=lambda r: (-(r[1] or 0) if query.order != "asc" else (r[1] or 0), r[0]))
    rows = [present.row(lexicon.unit_names.get(code, code), query.measure, v) for code, v in rows[:query.limit]]
    if not rows:
        return {"kind": "figure", "nothing": f"本站数据中没有{p.label()}二级单位的{present.label(query.measure)}记录。"}, None
    unit_ = present.unit(query.measure)
    return {"kind": "table", "unit": unit_, "period": p.label(), "columns": present.columns("单位", query.measure),
            "rows": rows, "value": rows[0][1], "top": rows[0][0]}, present.rows_chart(rows, unit_)


def _total(conn, pub_id, query, lexicon):
    p = query.period
    if p.multi_year or (p.month_from > 1 and query.measure != Measure.SPENT):
        return {"kind": "figure", "nothing": "二级单位的合计只能按一年（或一年中的月份）来问；预算只按全年。"}, None
    totals = q_units.totals(conn, pub_id, _total_scope(query))
    value = _raw(totals, query.measure)
    if not value:
        return {"kind": "figure", "nothing": f"本站数据中没有这些二级单位{query.period.label()}的"
                                             f"{present.label(query.measure)}记录。"}, None
    row = present.row("合计", query.measure, value)
    return {"kind": "figure", "value": row[1], "unit": present.unit(query.measure), "display": row[2],
            "period": query.period.label()}, None


def _total_scope(query):
    p = query.period
    return _listed_scope(query).with_(year=p.year_to, month=p.month_to or None,
                                      month_from=p.month_from if p.month_from > 1 else None)


def _listed_scope(query):
    kind, suffix = NARROWED_KINDS.get(query.category, (query.category, None))
    return q_units.UnitScope(dept=query.depts[0] if query.depts else None,
                             region=query.regions[0] if query.regions else None, kind=kind, name_suffix=suffix)


def _counted(conn, pub_id, query, lexicon):
    names = [row["name"] for row in q_units.listed(conn, pub_id, _listed_scope(query))]
    if not names:
        return {"kind": "figure", "nothing": "本站数据中没有这样的二级单位。"}, None
    return {"kind": "figure", "value": len(names), "unit": "个", "display": f"{len(names)} 个",
            "columns": ["二级单位"], "rows": [[name] for name in names]}, None


def _scope(query, code):
    p = query.period
    return q_units.UnitScope(year=p.year_to, month=p.month_to or None, unit=code,
                             month_from=p.month_from if p.month_from > 1 else None)


def _unanswerable(query):
    p = query.period
    if query.topic == "quantity":
        return "本站只有二级单位的预算和支出，没有学生、床位、人员这类数字；可以问该单位的支出、预算或执行率。"
    if query.topic:
        return "二级单位的数字目前只能问某一年的支出、预算和执行率，不能算增长、占比或趋势；请看该单位的页面。"
    if p is None or p.multi_year or (p.month_from > 1 and query.measure != Measure.SPENT):
        return "二级单位的数字只能按一年（或一年中的月份）来问，例如「2025年市博物馆支出多少」；预算只按全年。"
    return None


def _raw(totals, measure):
    if measure == Measure.RATE:
        return totals["spent_fen"] / totals["budget_fen"] if totals["budget_fen"] else None
    return totals["budget_fen" if measure == Measure.BUDGET else "spent_fen"]


def run(conn, pub_id, query, lexicon):
    if query.topic == UNITS_COUNTED:
        return _counted(conn, pub_id, query, lexicon)
    if query.topic == UNITS_RANKED:
        return _ranked(conn, pub_id, query, lexicon)
    if query.topic == UNITS_TOTAL:
        return _total(conn, pub_id, query, lexicon)
    why = _unanswerable(query)
    if why:
        return {"kind": "figure", "nothing": why}, None
    measure = query.measure
    totals = [q_units.totals(conn, pub_id, _scope(query, code)) for code in query.units]
    rows = [present.row(lexicon.unit_names[code], measure, _raw(t, measure)) for code, t in zip(query.units, totals)]
    if all(not row[1] for row in rows):  # no rows of the unit in that year: never 「0.00 元」
        return {"kind": "figure", "nothing": f"本站数据中没有{'、'.join(r[0] for r in rows)}"
                                             f"{query.period.label()}的{present.label(measure)}记录。"}, None
    unit_ = present.unit(measure)
    if len(rows) == 1:
        answer = {"kind": "figure", "value": rows[0][1], "unit": unit_, "display": rows[0][2],
                  "period": query.period.label()}
        if measure == Measure.RATE:  # the 支出 and 预算 it divides, each with its records (records() below)
            answer.update(columns=["", "金额（元）", "金额"], rows=[present.row("支出", Measure.SPENT, totals[0]["spent_fen"]),
                                                                 present.row("预算", Measure.BUDGET, totals[0]["budget_fen"])])
        return answer, None
    top = max(rows, key=lambda r: r[1] or 0)
    return {"kind": "table", "unit": unit_, "period": query.period.label(), "columns": present.columns("单位", measure),
            "rows": rows, "value": top[1], "top": top[0]}, present.rows_chart(rows, unit_)


def restate(query, lexicon, coverage=None):
    if query.topic == UNITS_COUNTED:
        kind = f"中{query.category}" if query.category else ""
        if query.depts:
            return f"{lexicon.dept_names.get(query.depts[0], '')}下属二级单位{kind}的个数和名单（按本站发布的二级单位表计）"
        place = f"{present.region_name(lexicon, query.regions[0])}各部门下属" if query.regions else "全部"
        return f"{place}二级单位{kind}的个数和名单（按本站发布的二级单位表计）"
    if query.topic == UNITS_TOTAL:
        kind = query.category or "二级单位"
        if not query.depts:  # every unit of the kind
            return f"{present.period_words(query, coverage)}全部{kind}类二级单位的{present.label(query.measure)}合计" \
                   "（按本站发布的二级单位表，不含各部门本级）"
        return f"{present.period_words(query, coverage)}{lexicon.dept_names.get(query.depts[0], '')}下属{kind}" \
               f"（二级单位）的{present.label(query.measure)}合计（不含部门本级）"
    if query.topic == UNITS_RANKED:
        whose = lexicon.dept_names.get(query.depts[0], "") + "下属" if query.depts else \
            f"{present.region_name(lexicon, query.regions[0])}各部门下属" if query.regions else ""
        order = "从低到高" if query.order == "asc" else "从高到低"
        return f"{present.period_words(query, coverage)}{whose}二级单位（{query.category or '全部'}）的" \
               f"{'预算执行率' if query.measure == Measure.RATE else present.label(query.measure)}，{order}" \
               + (f"，前{query.limit}名" if query.limit else "")
    names = "、".join(lexicon.unit_names.get(code, code) for code in query.units)
    asked = "的预算执行率" if query.measure == Measure.RATE else "的" + present.label(query.measure)
    if query.funds:
        asked += "（「经费」按全年预算理解）"
    return f"{present.period_words(query, coverage)}{names}（二级单位）{asked}"


def records(query, lexicon, pub_id, answer):
    """/records/unit/expenditures|budgets of each unit: the rows its figure adds up; for a count of units,
    the published units table's rows it counted."""
    if query.topic == UNITS_COUNTED and (answer or {}).get("value"):
        region_depts = [code for code, region in lexicon.dept_region.items() if region == query.regions[0]] \
            if query.regions and not query.depts else None
        kind, suffix = NARROWED_KINDS.get(query.category, (query.category, None))
        return {"records": links.units(query.depts[0] if query.depts else None, kind, region_depts, suffix)}
    if query.topic == UNITS_RANKED and (answer or {}).get("rows"):
        return _ranked_records(query, lexicon, pub_id, answer)
    if query.topic == UNITS_TOTAL and (answer or {}).get("value"):
        side = "budget" if query.measure == Measure.BUDGET else "spent"
        return {"records": _scope_url(_total_scope(query), side, pub_id)}
    if not query.period or query.topic in (UNITS_COUNTED, UNITS_RANKED, UNITS_TOTAL) or _unanswerable(query):
        return {}
    sides = {Measure.SPENT: ("spent",), Measure.BUDGET: ("budget",)}.get(query.measure, ("spent", "budget"))
    urls = {code: {side: _records_url(query, code, side, pub_id) for side in sides} for code in query.units}
    rows = (answer or {}).get("rows") or []
    top = next((code for code in query.units if lexicon.unit_names.get(code) == (answer or {}).get("top")),
               query.units[0])
    out = {"records": urls[top][sides[0]]}
    if len(query.units) > 1:
        out["rows"] = [{"label": lexicon.unit_names.get(code, code), "records": urls[code]} for code in query.units]
    elif query.measure == Measure.RATE and len(rows) == 2:  # 支出 ÷ 预算: each row's own records
        out["rows"] = [{"label": row[0], "records": {side: urls[top][side]}} for row, side in zip(rows, sides)]
    return out


def _ranked_records(query, lexicon, pub_id, answer):
    """Each unit ranked: its own records (the 支出 and 预算 a rate divides)."""
    codes = {name: code for code, name in lexicon.unit_names.items()}
    sides = {Measure.SPENT: ("spent",), Measure.BUDGET: ("budget",)}.get(query.measure, ("spent", "budget"))
    rows = [{"label": row[0], "records": {side: _records_url(query, codes[row[0]], side, pub_id) for side in sides}}
            for row in answer["rows"] if row[0] in codes]
    return {"records": rows[0]["records"][sides[0]], "rows": rows} if rows else {}


def _records_url(query, code, side, pub_id):
    return _scope_url(_scope(query, code), side, pub_id)


def _scope_url(scope, side, pub_id):
    """/records/unit/expenditures|budgets of a unit scope (budgets: the year's lines, never months)."""
    spent = side == "spent"
    args = {"year": scope.year, "month_from": scope.month_from if spent else None,
            "month": scope.month if spent else None, "unit": scope.unit, "dept": scope.dept,
            "region": scope.region, "unit_kind": scope.kind, "unit_name_suffix": scope.name_suffix, "pub": pub_id}
    table = "expenditures" if spent else "budgets"
    return f"/records/unit/{table}?" + urlencode({k: v for k, v in args.items() if v is not None})


def chips(query, lexicon):
    return []
