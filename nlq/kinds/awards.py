"""Contracts awarded (中标合同, the open-data table project_contracts: each project's award date and contract
sum): how many were signed in a year and what they add up to — 「今年签了多少份中标合同」「去年中标合同加起来多少钱」.
One named project's award date or contract sum is a field of its record (nlq/kinds/project/facts.py)."""
import re

from ledger.money import fen_to_yuan, format_amount
from ledger.queries import averages as q_avg
from ledger.queries import projects as q_proj

from .. import links, slots
from ..ir import Group, Kind, Measure, Order, Query
from ..vocab import found, pattern

CONTRACTS = re.compile(r"中标[^，,。;；？?]{0,4}合同|合同[^，,。;；？?]{0,3}中标|定标的?合同"
                       r"|签(?:了|订|下)?[^，,。;；？?]{0,4}合同|合同[^，,。;；？?]{0,8}签(?:了|订|下)")
COUNTED = re.compile(r"(?:几|多少)(?:个|份|项|笔|件)|数量|份数|个数")
# 「去年签的合同平均每份多少钱」: the contracts' sum over their number
MEAN = re.compile(r"平均|均价|每份")
AVERAGE_TOPIC = "average"
SUMMED = re.compile(r"金额|合同额|多少钱|总额|总价|加起来|合计|总共多少(?!个|份)|一共多少(?!个|份)")
# 「合同总额最高的项目」「哪个项目合同最多」: one project (or some) picked by its contracts — no count or sum of all
PICKED = re.compile(r"最(?:高|大|多|低|小|少)|哪(?:个|些|一个|几个|家)|叫什么|是什么项目|前\d+|排名|排行")


# 「合同金额最大的项目」「中标价最低的前三个」: projects ranked by their contract sums
RANKED = re.compile(r"最(?:大|高|多|小|低|少)|前[0-9一二两三四五六七八九十]+(?:名|个|位)?|排名|排行|排序")
PROJECT_WORD = re.compile(r"项目|工程")
NUMBER_ASKED = re.compile(r"(?<!哪)(?:几|多少)(?:个|份|项|笔|件)|数量|份数|个数")  # 「哪几个」 asks which, not how many
COMPANIES = re.compile(r"哪家|公司|企业|承包商|承建商|施工单位|中标单位|承建单位")  # contractors ranked: not read here


def contracts(ctx):
    """Contracts counted or summed across projects (no project named: then it is the project's own field)."""
    s, text = ctx.slots, ctx.text
    ranked = ranked_by_contract(ctx)
    if ranked is not None:
        return ranked
    if not CONTRACTS.search(text) or s.projects or s.contractors or s.units or found("without_contract", text):
        return None  # 「还没签合同的项目」: projects without one (nlq/kinds/project/rules.py contractor_kind)
    counted, summed = COUNTED.search(text), SUMMED.search(text)
    # a class matched by meaning to 「合同、每份」 names none
    classes_named = (s.classes or s.class_set) and not s.embedding_match
    if MEAN.search(text) and not PICKED.search(text) and not (s.regions or s.depts or classes_named or s.category
                                                               or s.townships):
        s.classes[:], s.class_set = [], False
        said = [m.span() for p in (CONTRACTS, MEAN, SUMMED, re.compile("多少钱|多少")) for m in p.finditer(text)]
        slots.explain(s, said)
        period = s.period if s.period is not None and s.period.explicit else None
        return Query(Kind.AWARDS, measure=Measure.INVESTMENT, period=period, topic=AVERAGE_TOPIC)
    if not (counted or summed) or PICKED.search(text):
        return None
    measure = Measure.COUNT if counted and not summed else Measure.INVESTMENT
    both = bool(counted and summed) and counted.start() != summed.start()  # 「签了多少个、金额多少」: each said
    # the contracts are the city's whole table: a place or class named narrows nothing it holds, so it is no part
    # of this reading (the question is left to the rules that read them)
    if s.regions or s.depts or s.classes or s.class_set or s.category or s.townships:
        return None
    period = s.period if s.period is not None and s.period.explicit else None
    # the words that say contracts are asked (「中标的工程合同」「加起来」) name nothing else
    said = [m.span() for p in (CONTRACTS, COUNTED, SUMMED) for m in p.finditer(text)]
    s.unknown[:] = [w for w in s.unknown if not any(text.find(w, a) >= 0 and text.find(w, a) + len(w) <= b
                                                    for a, b in said)]
    return Query(Kind.AWARDS, measure=measure, period=period, count_only=both)  # count_only: the count as well


def ranked_by_contract(ctx):
    """「合同金额最大的两个项目」「中标合同总额最高的工程叫什么」: projects ranked by the contract sums awarded them
    (in the year named, by award date). A company, a place, a class or a category named is left to the other
    rules (the contracts table holds none of them), as are projects named and contracts counted."""
    s, text, c = ctx.slots, ctx.text, ctx.cues
    amount = pattern("contract_amount").search(text) or (CONTRACTS.search(text) and SUMMED.search(text))
    if not amount or not RANKED.search(text) or not PROJECT_WORD.search(text) or NUMBER_ASKED.search(text):
        return None
    if s.projects or s.contractors or s.units or s.regions or s.depts or s.classes or s.class_set or s.category \
            or s.townships or found("without_contract", text) or COMPANIES.search(text):
        return None
    period = s.period if s.period is not None and s.period.explicit else None
    said = [m.span() for p in (CONTRACTS, SUMMED, RANKED, PROJECT_WORD, pattern("contract_amount"))
            for m in p.finditer(text)]
    slots.explain(s, said)
    return Query(Kind.AWARDS, measure=Measure.INVESTMENT, group=Group.PROJECT, order=ctx.order(),
                 limit=c.limit or (1 if ctx.single() else 10), period=period)


def _ranked(conn, pub_id, query):
    period = _period(query)
    year = period.year_to if period is not None else None
    found_rows = q_proj.contract_ranking(conn, pub_id, year=year, ascending=query.order == Order.ASC,
                                         limit=query.limit)
    if not found_rows:
        return {"kind": "figure", "nothing": f"本站数据中没有{_label(query)}定标的中标合同。"}, None
    rows = [[name, str(day), *_money(fen)] for _code, name, day, fen in found_rows]
    first = found_rows[0]
    answer = {"kind": "table", "unit": "元", "value": fen_to_yuan(first[3]), "display": format_amount(first[3]),
              "top": first[1], "period": _label(query), "columns": ["项目", "中标日期", "合同金额（元）", "合同金额"],
              "rows": rows, "codes": [r[0] for r in found_rows]}
    shown = [f"{r[1]}（{format_amount(r[3]).replace(' ', '')}）" for r in found_rows[:3]]
    answer["sentence"] = (f"{_label(query)}定标的中标合同中，合同金额{'最小' if query.order == Order.ASC else '最大'}"
                          f"的项目是{shown[0]}" + (f"，其次是{'、'.join(shown[1:])}" if len(shown) > 1 else "") + "。")
    return answer, None


def _period(query):
    """The period named (the latest year filled in when none was named is no part of it: every year counts)."""
    return query.period if query.period is not None and query.period.explicit else None


def _years(query):
    return list(_period(query).years) if _period(query) is not None else [None]


def run(conn, pub_id, query, lexicon):
    period = _period(query)
    if period is not None and (not period.whole_year or (query.group == Group.PROJECT and period.multi_year)):
        return {"kind": "figure", "nothing": f"中标合同目前只能按整年（按定标日期）统计，不能按{period.label()}切分；"
                                             "可以问某一整年的合同。"}, None
    if query.group == Group.PROJECT:
        return _ranked(conn, pub_id, query)
    totals = [q_proj.contract_totals(conn, pub_id, year) for year in _years(query)]
    count, fen = sum(n for n, _ in totals), sum(f for _, f in totals)
    if not count:
        return {"kind": "figure", "nothing": f"本站数据中没有{_label(query)}定标的中标合同。"}, None
    if query.topic == AVERAGE_TOPIC:
        return _average(query, count, fen), None
    rows = [["中标合同", count, *_money(fen)]]
    answer = {"kind": "figure", "period": _label(query), "count": count, "total_yuan": fen_to_yuan(fen),
              "columns": ["项目", "合同数（份）", "合同金额（元）", "合同金额"], "rows": rows}
    if query.count_only:  # both asked: each figure its own row, of the same contracts
        # no one unit: a count in 份 beside a sum in 元 (the question asked both: nlq/unmatched.py)
        answer.update(kind="table", value=fen_to_yuan(fen), unit=None, display=format_amount(fen), count_and_sum=True,
                      columns=["指标", "数值", "显示"],
                      rows=[["中标合同个数", count, f"{count} 份"], ["中标合同金额（元）", *_money(fen)]],
                      sentence=f"{_label(query)}定标的中标合同 {count} 份，合同金额合计 {format_amount(fen)}。")
    elif query.measure == Measure.COUNT:
        answer.update(value=count, unit="份", display=f"{count} 份")
    else:
        answer.update(value=fen_to_yuan(fen), unit="元", display=format_amount(fen))
    return answer, None


def _average(query, count, fen):
    """合计 ÷ 份数 = 平均每份 (the contracts' rows: each has its sum; project_contracts holds no empty sums)."""
    mean = int(q_avg.average(fen, count).mean)
    return {"kind": "figure", "value": fen_to_yuan(mean), "unit": "元", "display": format_amount(mean), "average": True,
            "period": _label(query), "columns": ["", "数值", "显示"],
            "rows": [["合同金额合计", fen_to_yuan(fen), format_amount(fen)], ["合同份数", count, f"{count} 份"],
                     ["平均每份", fen_to_yuan(mean), format_amount(mean)]],
            "sentence": f"{_label(query)}定标的中标合同 {count} 份，合计 {format_amount(fen)}，平均每份 {format_amount(mean)}。"}


def _money(fen):
    return [fen_to_yuan(fen), format_amount(fen)]


def _label(query):
    return _period(query).label() if _period(query) is not None else "全部年度"


def restate(query, lexicon, coverage=None):
    if query.group == Group.PROJECT:
        limit = f"，前{query.limit}名" if query.limit else ""
        return (f"{_label(query)}定标（按中标日期）的项目，按中标合同金额"
                f"{'从低到高' if query.order == Order.ASC else '从高到低'}排列{limit}")
    if query.topic == AVERAGE_TOPIC:
        return f"{_label(query)}定标（按中标日期）的中标合同平均每份的金额（合同金额合计 ÷ 份数）"
    what = "份数和合同金额合计" if query.count_only else "份数" if query.measure == Measure.COUNT else "合同金额合计"
    return f"{_label(query)}定标（按中标日期）的项目中标合同的{what}"


def records(query, lexicon, pub_id, answer):
    """The rows of project_contracts dated in the period (every row when none): they count and add up to it."""
    if not (answer or {}).get("value"):
        return {}
    if query.group == Group.PROJECT:  # each project's own contracts: the first one's add up to the answer
        urls = [links.project_contracts(code) for code in answer.get("codes") or []]
        return {"records": urls[0],
                "rows": [links.row(r[0], {"contracts": u, "project": links.project(code, pub_id)})
                         for r, u, code in zip(answer["rows"], urls, answer["codes"])]}
    years = [y for y in _years(query) if y is not None]
    return {"records": links.contracts(min(years) if years else None, max(years) if years else None)}


def chips(query, lexicon):
    return []
