"""Two figures asked at once (「鹭洲区交通运输今年预算多少，花了多少」「市公安局去年预算和支出分别是多少」「某项目总投资及
已拨付金额分别为多少」「澄湖区人口多少，今年人均花了多少钱」): the question is read twice, each time with the other
measure's words left out (nlq/parser.py), and each reading is answered by its own kind — its figure, its records —
side by side in one table. Never one of the two alone: when either cannot be answered, neither is."""
import re
from dataclasses import replace
from decimal import Decimal

from ledger.money import fen_to_yuan, format_amount

from .. import coverage as fit
from .. import present
from ..ir import Kind, Measure, Query
from ..vocab import pattern

# the measure a word asks for (「花了」 is spending, 「人均…」 per person, 「人口」 the population)
WORDS = (("人均", Measure.PER_CAPITA), ("人口", "population"), ("总投资", Measure.INVESTMENT),
         ("拨付", Measure.DISBURSED), ("预算", Measure.BUDGET), ("支出", Measure.SPENT), ("花", Measure.SPENT))
KINDS = (Kind.FIGURE, Kind.POPULATION, Kind.PROJECT, Kind.UNIT)  # the kinds a figure of the two may come from
LABELS = {Measure.PER_CAPITA: "人均支出", Measure.INVESTMENT: "总投资", Measure.DISBURSED: "已拨付",
          Measure.BUDGET: "预算", Measure.SPENT: "支出"}


def _measure(word):
    return next(m for w, m in WORDS if w in word)


def readings(text):
    """The question's two readings, one measure each (the other's words left out), or None when it does not ask
    two different measures."""
    joined = pattern("measures_joined").search(text)
    if joined and _measure(joined.group(1)) != _measure(joined.group(2)):
        return [text[:joined.start()] + joined.group(i) + "是" + text[joined.end():] for i in (1, 2)]
    asked = list(pattern("measure_asked").finditer(text))
    if len(asked) != 2 or _measure(_word(asked[0])) == _measure(_word(asked[1])):
        return None
    return [text[:other.start()] + text[other.end():] for other in reversed(asked)]


def _word(match):
    return match.group(1) or match.group(2)  # 「预算多少」 or 「多少人口」


def combine(parses, text):
    """One Query of the two readings' queries, or None when either is declined, not read whole, of a kind that
    gives no single figure, or both ask the same thing."""
    queries = [p.query for p in parses]
    if any(q is None or p.decline is not None or p.unknown for p, q in zip(parses, queries)) \
            or any(q.kind not in KINDS for q in queries) or _label(queries[0]) == _label(queries[1]):
        return None
    first = queries[0]
    return Query(Kind.MEASURES, measure=first.measure, period=first.period or queries[1].period,
                 regions=list(first.regions), depts=list(first.depts), classes=list(first.classes),
                 project=first.project, parts=queries)


def _label(query):
    if query.kind == Kind.POPULATION:
        return "人口"
    return LABELS.get(query.measure) or present.label(query.measure)


def run(conn, pub_id, query, lexicon):
    from . import run as run_kind

    rows, answers = [], []
    labels = query.labels or [_label(part) for part in query.parts]
    for part, label in zip(query.parts, labels):
        answer, _chart = run_kind(conn, pub_id, part, lexicon)
        answer = answer or {}
        if answer.get("nothing") or answer.get("kind") != "figure" or answer.get("value") is None:
            why = answer.get("nothing") or "这个数字不是单独一个数"
            many = "两" if len(query.parts) == 2 else "几"
            return {"kind": "figure", "nothing": f"问的是{many}个数字，其中「{label}」不能回答（{why.rstrip('。')}），"
                                                 f"所以{many}个都不作答；可以分开来问。"}, None
        rows.append([label, answer["value"], (answer.get("display") or str(answer["value"])).replace(" ", "")])
        answers.append(answer)
    units = {a.get("unit") for a in answers}
    unit = units.pop() if len(units) == 1 else None
    # the raw column says its unit, as every amount shown does (「数值（元）」, not a bare 362252000)
    head = "地区" if query.labels else "指标"
    result = {"kind": "table", "columns": [head, f"数值（{unit}）" if unit else "数值", "显示"], "rows": rows,
              "unit": unit, "value": rows[0][1], "top": rows[0][0], "parts": answers}
    # one plain sentence first (each figure as understood, then its value), the table after it: never the
    # restatement and the listed values again
    covered = fit.partial_year(conn, pub_id, replace(query), [])  # 「（截至10月）」 as the restatement says it
    stated = [f"{said}为{row[2]}" for said, row in zip(_said(query, lexicon, covered), rows)]
    if query.difference and len(rows) == 2 and unit == "元":  # 「东部比西部多花多少」: the first less the second
        fen = round((Decimal(str(rows[0][1])) - Decimal(str(rows[1][1]))) * 100)
        result.update(kind="figure", value=fen_to_yuan(fen), display=format_amount(fen))
        more = "多" if fen >= 0 else "少"
        stated.append(f"{rows[0][0]}比{rows[1][0]}{more}{format_amount(abs(fen)).replace(' ', '')}")
    elif query.labels and len(rows) == 2 and unit == "元":  # two groups side by side: the larger named
        (big, big_yuan, _b), (small, small_yuan, _s) = sorted(rows, key=lambda r: -r[1])
        gap = round((Decimal(str(big_yuan)) - Decimal(str(small_yuan))) * 100)
        stated.append(f"{big}比{small}多{format_amount(gap).replace(' ', '')}")
    result["sentence"] = "，".join(stated) + "。"
    return result, None


def _said(query, lexicon, coverage=None):
    """Each figure as understood (「2025年东部地区一般公共预算支出」: a group by its name, not its regions)."""
    from . import restate as restate_kind

    said = [re.sub(r"[。；]$", "", restate_kind(part, lexicon, coverage)) for part in query.parts]
    if query.labels:
        members = [present.regions_words(lexicon, part.regions) for part in query.parts]
        said = [s.replace(m, label.removesuffix("合计"), 1) for s, m, label in zip(said, members, query.labels)]
    return said


def restate(query, lexicon, coverage=None):
    said = _said(query, lexicon, coverage)
    if query.labels:  # groups of regions side by side: each by its name, then the regions each one sums
        members = [present.regions_words(lexicon, part.regions) for part in query.parts]
        ask = "{}比{}多多少".format(*query.labels[:2]) if query.difference else "分组并列"
        listed = "；".join(f"{label.removesuffix('合计')}：{m}" for label, m in zip(query.labels, members) if label != m)
        return f"{ask}：" + "；".join(f"{'①②③④⑤⑥⑦⑧⑨'[i]}{s}" for i, s in enumerate(said)) \
            + (f"（{listed}）" if listed else "")
    return f"两个数字：①{said[0]}；②{said[1]}"


def records(query, lexicon, pub_id, answer):
    """Each figure's own records, as its kind links them."""
    from . import records as records_of

    parts = (answer or {}).get("parts") or []
    if len(parts) != len(query.parts):
        return {}
    rows = []
    for part, part_answer, row in zip(query.parts, parts, answer["rows"]):
        found = records_of(part, lexicon, pub_id, part_answer) or {}
        urls = {key: url for key, url in ((r, (x or {}).get(r)) for x in [found] for r in ("records",)) if url}
        rows.append({"label": row[0], "records": {_side(part): urls["records"]} if urls else {}})
    first = next((r["records"] for r in rows if r["records"]), {})
    return {"records": next(iter(first.values()), None), "rows": rows} if first else {}


def _side(query):
    if query.kind == Kind.POPULATION:
        return "population"
    return {Measure.BUDGET: "budget", Measure.SPENT: "spent", Measure.PER_CAPITA: "spent"}.get(query.measure,
                                                                                            query.measure.value)


def chips(query, lexicon):
    return []
