"""Supervision (监督预警): which departments, districts or classes lag the pace rule, which projects are high
risk, which contractors are flagged, and the year-end execution forecast — 「哪些部门执行进度滞后」「哪些区县
预警」「有哪些高风险项目」「哪些承建商被标记」「按预警规则，今年预计能完成多少预算」.

Every flag and figure comes from ledger.supervision, the one source the warnings page (/warnings), its JSON
and the badges read; nothing is recomputed here, so an answer lists exactly the flags /warnings lists.
"""
from dataclasses import replace
from urllib.parse import urlencode

from ledger import supervision as sv
from ledger.money import fen_to_yuan, format_amount

from .. import links, present
from ..ir import Group, Kind, Query
from ..vocab import found

LEVELS = {Group.REGION: "region", Group.DEPT: "dept", Group.CLASS: "class"}
LEVEL_NOUNS = {"region": "地区", "dept": "部门", "class": "科目", None: "对象"}
TOPICS = {"pace": "执行进度滞后", "forecast": "预计年底执行率偏低", "risk": "高风险项目", "supplier": "被标记的承建方"}
SUPPLIER_KINDS = ("supplier_window", "supplier_share")


# ---- builders (nlq/intent.py RULES) -----------------------------------------------------------------

def _about_projects(ctx):
    s = ctx.slots
    return ctx.cues.project_cue or bool(s.projects or s.category)


def _level(ctx):
    """The group a question names: 各区县 / 哪些部门 / 哪类支出, or None (every level)."""
    s = ctx.slots
    if s.region_each:
        return Group.REGION
    if s.dept_each or ctx.cues.has("department"):
        return Group.DEPT
    return Group.CLASS if s.class_each else None


def supplier(ctx):
    """「哪些承建商被标记」「哪些供应商有预警」: the contractor flags (short-window wins, concentration)."""
    if not (found("supplier_word", ctx.text) and found("flagged", ctx.text)):
        return None
    return Query(Kind.SUPERVISION, topic="supplier", group=Group.CONTRACTOR, **_place(ctx))


def risk(ctx):
    """「有哪些高风险项目」「星桥区的风险项目」: projects behind their quarterly plan (the risk rule)."""
    if not found("high_risk", ctx.text):
        return None
    return Query(Kind.SUPERVISION, topic="risk", group=Group.PROJECT, **_place(ctx))


def forecast(ctx):
    """「按预警规则，今年预计能完成多少预算」「按预警规则年底执行率预计多少」: the year-end forecast of the area or
    of the one region, department or class named; 「哪些部门预计完不成」 lists the forecast flags of that level. A bare
    forecast, without the rule's words, is declined before this (nlq/decline.py _forecast_unasked)."""
    if not found("forecast", ctx.text) or _about_projects(ctx):
        return None
    group = _level(ctx)
    return Query(Kind.SUPERVISION, topic="forecast", group=group, measure="rate" if ctx.cues.rate else "spent",
                 **_place(ctx))


def pace(ctx):
    """「哪些部门执行进度滞后」「哪些区县预警」: the pace flags of a level (all levels when none is named)."""
    if not found("pace_lag", ctx.text) or _about_projects(ctx):
        return None
    return Query(Kind.SUPERVISION, topic="pace", group=_level(ctx), **_place(ctx))


def _place(ctx):
    s = ctx.slots
    return {"period": s.period, "regions": s.regions[:1], "depts": s.depts[:1], "classes": s.classes[:1]}


# ---- answers --------------------------------------------------------------------------------------

def _moment(query):
    """(year, month) asked: the period's last year and, when one was named, its last month (None: latest)."""
    p = query.period
    if p is None:
        return None, None
    return p.year_to, (p.month_to or None) if p.explicit else None


def _flags(conn, pub_id, query):
    """(AsOf, [Flag]) of the question: the topic's kinds, the level asked, the place named."""
    year, month = _moment(query)
    narrow = {"region": query.regions[0] if query.regions else None, "dept": query.depts[0] if query.depts else None}
    if query.topic == "supplier":
        as_of, flags = sv.flags(conn, pub_id, year, month, subject="contractor")
        return as_of, [f for f in flags if f.kind in SUPPLIER_KINDS]
    kind = {"pace": "pace", "forecast": "forecast", "risk": "risk"}[query.topic]
    subject = LEVELS.get(query.group) if query.topic != "risk" else None
    if query.classes and query.topic != "risk":
        narrow["code"] = query.classes[0]
        subject = "class"
    return sv.flags(conn, pub_id, year, month, kind=kind, subject=subject, **narrow)


def run(conn, pub_id, query, lexicon):
    try:
        if query.topic == "forecast" and query.group is None:
            return _forecast(conn, pub_id, query, lexicon), None
        as_of, flags = _flags(conn, pub_id, query)
        # 「哪些区县预警」: the pace rule answers; the forecast flags of the same places are said beside it
        forecast_flags = _flags(conn, pub_id, replace(query, topic="forecast"))[1] if query.topic == "pace" else []
    except sv.SupervisionError as exc:
        return {"kind": "table", "sentence": exc.message, "columns": [], "rows": []}, None
    answer = _flag_table(query, lexicon, as_of, flags)
    if forecast_flags:
        answer["sentence"] += (f"另有 {len(forecast_flags)} 个{_noun(query, forecast_flags)}预计年底执行率偏低"
                               f"（{_names(forecast_flags)}），见预警页。")
    return answer, None


def _flag_table(query, lexicon, as_of, flags):
    noun = _noun(query, flags)
    when = as_of.label if as_of else ""
    if flags:
        sentence = f"截至{when}，{len(flags)} 个{noun}{_verb(query)}：{_names(flags)}。"
    else:
        sentence = f"截至{when}，没有{noun}{_verb(query)}。"
    rows = [[f.name, present.region_name(lexicon, f.region_code) if f.region_code else "—", f.period, f.detail]
            for f in flags]
    return {"kind": "table", "topic": query.topic, "value": len(flags), "unit": "个", "display": f"{len(flags)} 个{noun}",
            "sentence": sentence, "rule": _rule_words(query, sv.describe(sv.load_rules())),
            "as_of": as_of.key if as_of else None, "period": when,
            "columns": [noun if noun != "对象" else "名称", "地区", "时点", "说明"], "rows": rows,
            "keys": [f.code for f in flags], "flags": [f.id for f in flags]}


def _names(flags):
    return "、".join(f.name for f in flags[:8]) + ("等" if len(flags) > 8 else "")


def _noun(query, flags):
    if query.topic == "risk":
        return "项目"
    if query.topic == "supplier":
        return "承建方"
    level = LEVELS.get(query.group) or ("class" if query.classes else None)
    if level is None and flags and len({f.subject for f in flags}) == 1:
        level = flags[0].subject
    return LEVEL_NOUNS[level]


def _verb(query):
    return {"pace": "执行进度滞后", "forecast": "预计年底执行率偏低", "risk": "被标为高风险",
            "supplier": "被标记为需关注"}[query.topic]


def _rule_words(query, rules):
    """The rule in one clause, from the rule file's own description (the same text /warnings shows)."""
    kinds = SUPPLIER_KINDS if query.topic == "supplier" else (query.topic,)
    said = [r["rule"].rstrip("。") for r in rules if r.get("kind") in kinds and r.get("rule")]
    return ("判断规则：" + "；".join(said) + "。" if said else "") + "这是需关注的信号，不是违规结论。"


def _forecast(conn, pub_id, query, lexicon):
    """The year-end forecast of the area, or of the one region, department or class named."""
    year, month = _moment(query)
    level, key, name = _entity(query, lexicon)
    outcome = sv.year_end_forecast(conn, pub_id, year, month, level=level, key=key)
    if outcome is None or outcome["forecast_fen"] is None:
        return {"kind": "figure", "value": None, "display": "—", "rows": [],
                "sentence": f"{name}没有可用于预测的逐月支出数据。"}
    rate, fen = outcome["forecast_rate"], outcome["forecast_fen"]
    months = outcome["month"]
    how = (f"按往年（{outcome['profile_years'][0]}–{outcome['profile_years'][-1]}年）1–{months}月支出占全年 "
           f"{present.percent(outcome['share'] * 100)} 的规律" if outcome["basis"] == "profile" and outcome["profile_years"]
           else "按时间进度" if outcome["basis"] == "linear" else "按全年实际")
    sentence = (f"{name}截至{months}月已支出 {format_amount(outcome['spent_fen'])}，{how}，预计{outcome['year']}年全年支出 "
                f"{format_amount(fen)}，为年度预算 {format_amount(outcome['budget_fen'])} 的 {present.percent(rate * 100)}。")
    by_rate = query.measure == "rate"
    rows = [["年度预算", fen_to_yuan(outcome["budget_fen"]), format_amount(outcome["budget_fen"])],
            [f"截至{months}月已支出", fen_to_yuan(outcome["spent_fen"]), format_amount(outcome["spent_fen"])],
            ["预计全年支出", fen_to_yuan(fen), format_amount(fen)],
            ["预计年底执行率", round(rate * 100, 4) if rate is not None else None, present.percent(rate * 100)]]
    return {"kind": "figure", "topic": "forecast", "value": round(rate * 100, 4) if by_rate else fen_to_yuan(fen),
            "unit": "%" if by_rate else "元", "display": present.percent(rate * 100) if by_rate else format_amount(fen),
            "sentence": sentence, "period": f"{outcome['year']}年（截至{months}月的预测）",
            "as_of": f"{outcome['year']}-{months:02d}", "columns": ["项目", "数值", "显示"], "rows": rows}


def _entity(query, lexicon):
    """(level, key, name) of the one region, department or class named; the area when none."""
    if query.depts:
        return "dept", query.depts[0], lexicon.dept_names.get(query.depts[0], query.depts[0])
    if query.classes:
        code = query.classes[0][:3]
        return "class", code, present.class_name(lexicon, code)
    if query.regions and query.regions[0] != lexicon.root_code:
        return "region", query.regions[0], present.region_name(lexicon, query.regions[0])
    return None, None, lexicon.root_name


# ---- words and links ------------------------------------------------------------------------------

def restate(query, lexicon, coverage=None):
    period = present.period_words(query, coverage)
    if query.topic == "forecast" and query.group is None:
        return f"{period}{_entity(query, lexicon)[2]}年底执行率预测（按监督预警规则）"
    where = present.region_name(lexicon, query.regions[0]) if query.regions else ""
    where += lexicon.dept_names.get(query.depts[0], "") if query.depts else ""
    noun = {"risk": "项目", "supplier": "承建方"}.get(query.topic) or (
        present.class_name(lexicon, query.classes[0]) if query.classes else
        {Group.REGION: "各地区", Group.DEPT: "各部门", Group.CLASS: "各科目"}.get(query.group, "各地区、部门和科目"))
    return f"{period}{where}{noun}中{_verb(query)}的（监督预警）"


def chips(query, lexicon):
    return [{"key": "time", "label": "时间", "value": present.period_words(query)},
            {"key": "region", "label": "地区", "value": "、".join(
                present.region_name(lexicon, c) for c in query.regions) or lexicon.root_name},
            {"key": "class", "label": "科目", "value": "、".join(
                present.class_name(lexicon, c) for c in query.classes) or "全部"},
            {"key": "measure", "label": "指标", "value": TOPICS[query.topic]},
            {"key": "order", "label": "排序", "value": ""}]


def warnings_url(pub_id, as_of, **filters):
    """/warnings with the filters the page reads (year, month, kind, subject, region, dept)."""
    args = {"year": as_of.split("-")[0] if as_of else None, "month": int(as_of.split("-")[1]) if as_of else None}
    args |= filters | {"pub": pub_id}
    return "/warnings?" + urlencode({k: v for k, v in args.items() if v is not None})


def records(query, lexicon, pub_id, answer):
    """/warnings narrowed to the answer's flags; each row links to the records behind its flag."""
    answer = answer or {}
    as_of = answer.get("as_of")
    if query.topic == "forecast" and query.group is None:
        return {"records": warnings_url(pub_id, as_of), "rows": _forecast_rows(query, lexicon, pub_id, answer)}
    filters = {"kind": {"pace": "pace", "forecast": "forecast", "risk": "risk"}.get(query.topic),
               "subject": "contractor" if query.topic == "supplier" else
               (LEVELS.get(query.group) or ("class" if query.classes else None)) if query.topic != "risk" else None,
               "region": query.regions[0] if query.regions else None, "dept": query.depts[0] if query.depts else None}
    out = {"records": warnings_url(pub_id, as_of, **filters)}
    rows = answer.get("rows") or []
    flag_ids = answer.get("flags") or []
    if rows and flag_ids:
        out["rows"] = [links.row(r[0], _flag_links(query, fid, pub_id, answer)) for r, fid in zip(rows, flag_ids)]
    return out


def _flag_links(query, flag_id, pub_id, answer):
    """The records behind one flag: its spending and budget lines, its project page, its contractor page."""
    _kind, subject, code, _period = flag_id.split(":", 3)
    year, month = (int(x) for x in answer["as_of"].split("-"))
    if subject == "project":
        return {"project": links.project(code, pub_id), "payments": _records("payments", pub_id, project=code)}
    if subject == "contractor":
        return {"contractor": f"/contractors/{code}?" + urlencode({"pub": pub_id})}
    return {"spent": _records("expenditures", pub_id, year=year, month=month, **{subject: code}),
            "budget": _records("budgets", pub_id, year=year, **{subject: code})}


def _records(kind, pub_id, **args):
    return f"/records/{kind}?" + urlencode({**args, "pub": pub_id})


def _forecast_rows(query, lexicon, pub_id, answer):
    """年度预算 → the budget lines, 已支出 → the spending lines up to the month, the forecast → /warnings."""
    if not answer.get("rows") or not answer.get("as_of"):
        return None
    year, month = (int(x) for x in answer["as_of"].split("-"))
    level, key, _name = _entity(query, lexicon)
    where = {level: key} if level else {}
    rows = answer["rows"]
    return [links.row(rows[0][0], {"budget": _records("budgets", pub_id, year=year, **where)}),
            links.row(rows[1][0], {"spent": _records("expenditures", pub_id, year=year, month=month, **where)})]

