"""One field of a named project's record asked in its own words (semantic.toml [project_facts]): its
department, township, last progress update, award (定标) date and contract sum, the savings of the contract
against the investment, its start, planned and actual completion dates and the days between them, and its
performance indicators (满意度, 单位成本, 受益对象) — each as the project's page shows it, which the answer links to.
「目标/计划」 asks for an indicator's target, else its actual value (known once the project is finished)."""
import re

from ledger.money import fen_to_yuan, format_amount
from ledger.queries import performance as q_perf
from ledger.queries import projects as q_proj
from ledger.queries import reference as q_ref

from ...ir import Kind, Measure, Query
from ...vocab import semantic
from .rules import choose_project

TARGET = re.compile("目标|计划|预期|设定")
SIDE = re.compile("目标|计划|预期|设定|实际|完成值")
INDICATORS = {"satisfaction": "satisfaction", "unit_cost": "cost", "benefit": "benefit"}  # fact → performance part
DATES = {"start_date": "start_date", "planned_end": "end_date", "completed_date": "completed_date"}  # fact → column
DAYS = ("award_to_start", "days_late")  # days between two dates of the record
PERCENT = re.compile("百分之|%|％|比例|几成|多少个点|几个点|下浮率|节资率")


def facts():
    return semantic()["project_facts"]


def asked_fact(text):
    """The first fact (in the order of [project_facts]) the question asks for, or None."""
    return next((key for key, fact in facts().items() if re.search(fact["asks"], text)
                 and not (fact.get("unless") and re.search(fact["unless"], text))), None)


def fact(ctx):
    """「某工程是哪个部门管的」「…位于哪个街道」「…满意度实际是多少」: one field of the project named."""
    s = ctx.slots
    key = asked_fact(ctx.text) if s.projects else None
    if key is None:
        return None
    code = choose_project(s.projects[0], ctx.lexicon, s.regions, s.period)
    if key == "benefit" and ctx.cues.output_unit and ctx.cues.output_unit == ctx.lexicon.project_output_unit.get(code):
        return None  # 「受益多少人」 where the project's own output is counted in 人 (受益人口): its output
    # the words of the field asked (and of an indicator's target or actual value) name nothing else
    explained = set(facts()[key]["words"])
    s.unknown[:] = [w for w in s.unknown if w not in explained and not (key in INDICATORS and SIDE.search(w))]
    target = key in INDICATORS and TARGET.search(ctx.text) is not None
    # 「中标价比总投资省了百分之几」: the savings as a share of the investment (else in 元)
    percent = key == "savings" and PERCENT.search(ctx.text) is not None
    return Query(Kind.PROJECT, measure=Measure.PROGRESS, project=code, topic=key, planned=target,
                 percent_change=percent, difference=key == "savings")  # the savings: a difference of two amounts


def restate(query, lexicon):
    name = lexicon.project_names.get(query.project, query.project)
    which = ("目标值" if query.planned else "实际值") if query.topic in INDICATORS else ""
    if query.topic == "savings":
        which = "的比例（占总投资）" if query.percent_change else "的金额（总投资减中标价）"
    return f"项目「{name}」的{facts()[query.topic]['label']}{which}"


def answer(conn, pub_id, query, lexicon):
    """The field's value (a name or a date as text, an indicator as a number with its unit)."""
    p = q_proj.get_project(conn, pub_id, query.project)
    value, unit, display = _value(conn, pub_id, query, p) if p else (None, None, "—")
    label = facts()[query.topic]["label"]
    answer = {"kind": "figure", "value": value, "unit": unit, "display": display,
              "period": f"{p['year']}年" if p else "全部年度", "project": query.project,
              "project_name": p["name"] if p else None, "columns": ["项目", "数值", "显示"],
              "rows": [[label, value, display]]}
    if value is None:  # said in words, never shown as a figure (nlq/decline.py empty)
        answer["nothing"] = _nothing(query, p, label)
    return answer, None


def _nothing(query, p, label):
    name = f"项目「{p['name']}」" if p else "这个项目"
    if p and query.topic in INDICATORS and not query.planned and p["status"] != "已完工":
        return f"{name}{p['status']}，尚无{label}实际值（绩效实际值在完工后填报）。"
    if p and query.topic in ("completed_date", "days_late") and not p.get("completed_date"):
        planned = f"，计划完工日期为{p['end_date'].isoformat()}" if p.get("end_date") else ""
        return f"{name}{p['status']}，还没有完工{planned}，没有实际完工日期可比。"
    if p and query.topic in ("award_to_start", "savings"):
        return f"{name}没有公布{'中标日期或开工日期' if query.topic == 'award_to_start' else '中标（合同）金额'}，不能算出{label}。"
    return f"{name}没有公布{label}。"


def _value(conn, pub_id, query, p):
    """(value, unit, display) of the field asked of project ``p``."""
    code, key = p["code"], query.topic
    if key == "department":
        dept = q_ref.department(conn, pub_id, p["dept_code"])
        return _text(dept and dept["name"])
    if key == "township":
        place = q_ref.township(conn, pub_id, p["township_code"]) if p.get("township_code") else None
        return _text(place and place["name"])
    if key == "last_update":
        updates = q_proj.updates(conn, pub_id, code)
        return _text(updates[-1]["date"].isoformat() if updates else None)
    if key in DATES:
        return _text(p[DATES[key]].isoformat() if p.get(DATES[key]) else None)
    if key == "days_late":
        return _days(p.get("end_date"), p.get("completed_date"), late=True)
    if key in ("award_to_start", "savings"):
        award = q_proj.contract(conn, pub_id, code) or {}
        if key == "award_to_start":
            return _days(award.get("award_date"), p.get("start_date"))
        return _savings(p["total_investment_fen"], award.get("contract_fen"), query.percent_change)
    if key in ("award_date", "contract"):
        award = q_proj.contract(conn, pub_id, code) or {}
        if key == "award_date":
            return _text(award["award_date"].isoformat() if award.get("award_date") else None)
        fen = award.get("contract_fen")
        return (fen_to_yuan(fen), "元", format_amount(fen)) if fen is not None else (None, "元", "—")
    return _indicator(conn, pub_id, query, p)


def _days(first, then, late=False):
    """Days from one date of the record to another (「晚于计划几天」: negative when finished ahead of the plan)."""
    if first is None or then is None:
        return None, "天", "—"
    days = (then - first).days
    if late:
        return days, "天", f"晚于计划 {days} 天" if days > 0 else f"比计划提前 {-days} 天" if days else "按计划当天完工"
    return days, "天", f"{days} 天"


def _savings(investment_fen, contract_fen, percent):
    """The investment less the contract sum, in 元 or as a percentage of the investment (2 decimals)."""
    if contract_fen is None or not investment_fen:
        return None, "%" if percent else "元", "—"
    saved = investment_fen - contract_fen
    if percent:
        pct = round(saved / investment_fen * 100, 2)
        return pct, "%", f"{pct:g}%"
    return fen_to_yuan(saved), "元", format_amount(saved)


def _text(value):
    return value, None, value or "—"


def _indicator(conn, pub_id, query, p):
    perf = q_perf.project_performance(conn, pub_id, p["code"]) or {"parts": []}
    part = next((x for x in perf["parts"] if x["key"] == INDICATORS[query.topic]), {})
    value = part.get("target" if query.planned else "actual")
    unit = {"satisfaction": "%", "unit_cost": f"元/{p['output_unit'] or '单位'}",
            "benefit": p.get("benefit_unit") or ""}[query.topic]
    if value is None:
        return None, unit, "—"
    named = f"{p['benefit_name']} " if query.topic == "benefit" and p.get("benefit_name") else ""
    return value, unit, f"{named}{value:g} {unit}".strip()
