"""One performance indicator (绩效) across finished projects: 满意度, 质量达标率, 单位成本 or a 效益 indicator —
its mean, the projects above or below their target (or a bound) counted, or the projects ranked by it:
「医疗类项目的平均满意度」「质量没达到目标的项目有几个」「单位成本超标的项目」「满意度最低的项目」.

The values are ledger.queries.performance.indicator_values: the ones the project pages, the 绩效 page and the
white paper use (满意度 counts public ratings in once there are enough of them: ledger/performance.py). A scope
those figures cannot take (the year of completion, a township, several places) is declined with a reason, never
read as another one. One named project's indicator is a field of its record (nlq/kinds/project/facts.py).
"""
import re
from urllib.parse import urlencode

from ledger.queries import performance as q_perf

from .. import links, present
from ..ir import Group, Kind, Measure, Order, Query
from ..vocab import semantic

LABELS = {"satisfaction": "满意度", "quality": "质量达标率", "cost": "单位成本", "benefit": "效益指标"}
DEFINED = {"satisfaction": "满意度实际值（调查结果；公众评议满 5 条时与评议平均分取平均，同项目页和绩效页）",
           "quality": "产出质量（质量达标率）实际值，同项目页和绩效页",
           "cost": "实际单位成本（元/产出单位），同项目页和绩效页",
           "benefit": "效益指标实际值，同项目页和绩效页"}
AVERAGE = re.compile("平均|均值")
# 「受益人口加起来多少」: one benefit indicator (counted in people, households) added up over the projects
TOTAL = re.compile("加起来|加在一起|合计|一共|总共|总计|总数|累计")
COUNTED = re.compile(r"(?:几|多少)(?:个|项|家)|数量|个数|项目数")
RANKED = re.compile("最高|最低|最多|最少|最好|最差|最大|最小|排名|前[一二三四五六七八九十0-9]+")
LOW_FIRST = re.compile("最低|最少|最差|最小|倒数")
# 「各类项目里平均满意度最高的是哪一类」「各区县项目满意度平均多少」: the mean of each group (a category, a district, a
# department) side by side — not computed; one project ranked or one mean of all would answer another question
GROUPS_ASKED = {Group.CATEGORY: re.compile(r"各类|哪一?类|每一?类|按类别|分类别|各个类别|哪个类别|哪种项目|哪类"),
                Group.REGION: re.compile(r"各(?:个)?区县|哪个区县?|每个区县?|各区|各县|分区县"),
                Group.DEPT: re.compile(r"各(?:个)?部门|哪个部门|每个部门|各单位|哪个单位")}
# measured against the target: above (超过/超出/高于/超标) or below (没达到/未达标/低于/不到)
BELOW = re.compile(r"(?:没|未|没有|不)(?:能|有)?(?:达到|达标|完成)|(?:低于|少于|小于|不到|不足)(?:目标|计划|预期)|未达")
ABOVE = re.compile(r"(?:超过|超出|高于|多于|大于)了?(?:目标|计划|预期)|超标|实际>目标")
COMPLETED_YEAR = re.compile(r"\d{4}年(?:内|度)?(?:完工|竣工|建成)|(?:今|去|前|明)年(?:完工|竣工|建成)")
OTHER_STATUS = re.compile("在建|未开工|滞后")


def _words():
    return semantic()["performance_indicators"]


def _indicator(text):
    """(indicator key, benefit name or None) the question names, or None."""
    words = _words()
    for name, forms in words["benefits"].items():
        if any(f in text for f in forms):
            return "benefit", name
    for key in ("satisfaction", "quality", "cost"):
        if re.search(words[key], text):
            return key, None
    if re.search(words["benefit"], text):
        return "benefit", None
    return None


def indicators(ctx):
    """An indicator's mean, the projects above or below their target counted, or the projects ranked by it."""
    s, text = ctx.slots, ctx.text
    found = _indicator(text)
    if found is None or s.projects or s.contractors or s.units or s.townships:
        return None
    key, benefit = found
    against = "below" if BELOW.search(text) else "above" if ABOVE.search(text) else None
    bound = ctx.cues.threshold if against is None and ctx.cues.threshold and key in INDICATOR_PCT else None
    if key == "cost" and against is None:
        return None  # 单位成本 by district or of a named category: nlq/kinds/unit_cost.py
    category = s.category
    # 「农村供水项目受益人口」: that category's own output is counted as 受益人口 (巩固提升农村供水受益人口, in 人) —
    # the one meaning there is the output (nlq/kinds/project); of every other category, or of all, the benefit
    own_output = key == "benefit" and category and s.outputs and category == s.outputs[0]
    if own_output and category not in text:
        category, own_output = None, False  # 「受益人口」 read as the output of a category: the indicator, no category
    query = Query(Kind.PERFORMANCE, measure=Measure.COUNT, topic=key, category=category,
                  regions=list(s.regions), depts=list(s.depts),
                  period=s.period if s.period is not None and s.period.explicit else None,
                  labels=[benefit] if benefit else [])
    if against or bound:
        if not COUNTED.search(text) and "有几" not in text:
            return None  # 「哪些项目满意度没达到目标」: a list, not answered here
        query.count_only = True
        query.threshold = {"op": against} if against else dict(bound)
    elif _group_asked(text) and AVERAGE.search(text):
        query.group, query.measure = _group_asked(text), Measure.PROGRESS  # declined in run (_unsupported)
    elif RANKED.search(text):
        query.group, query.limit = Group.PROJECT, ctx.cues.limit or 1
        query.order = Order.ASC if LOW_FIRST.search(text) else Order.DESC
    elif AVERAGE.search(text):
        query.measure = Measure.PROGRESS  # a mean of the indicator's values
    elif key == "benefit" and benefit and not own_output and TOTAL.search(text):
        query.measure = Measure.OUTPUT  # the benefit named, added up (of every finished project in the scope)
    else:
        return None
    if COMPLETED_YEAR.search(text):
        query.completed = True  # the year of completion: not a scope of these figures (declined in run)
    if OTHER_STATUS.search(text):
        query.status = OTHER_STATUS.search(text).group()
    explained = set(_words()["explained"]) | {w for forms in _words()["benefits"].values() for w in forms}
    s.unknown[:] = [w for w in s.unknown if w not in explained and not any(w in e or e in w for e in explained)]
    return query


INDICATOR_PCT = ("satisfaction", "quality")


def _group_asked(text):
    return next((group for group, words in GROUPS_ASKED.items() if words.search(text)), None)


def _benefit(query):
    return query.labels[0] if query.labels else None


def _period(query):
    """The period named (one filled in when none was named is no part of these figures: every year counts)."""
    return query.period if query.period is not None and query.period.explicit else None


def _filter(query):
    period = _period(query)
    year = period.year_to if period is not None and period.whole_year and period.year_from == period.year_to \
        else None
    return q_perf.PerformanceFilter(year=year, region=query.regions[0] if query.regions else None,
                                    dept=query.depts[0] if query.depts else None, category=query.category)


def _unsupported(query):
    """Why the scope asked cannot be taken by these figures (None: it can)."""
    label = LABELS[query.topic]
    if query.completed:
        return f"{label}等绩效指标目前只能按项目年度、地区、单位和类别统计，不能按完工年份统计；可以去掉完工年份再问，或在绩效页筛选。"
    if query.status:
        return f"{query.status}项目还没有{label}实际值（绩效实际值在项目完工后填报），只有已完工项目可以统计。"
    if len(query.regions) > 1 or len(query.depts) > 1:
        return f"{label}一次只能按一个地区或一个单位统计；可以分开问。"
    if query.group in GROUPS_ASKED:
        return f"问答暂不能按类别、地区或部门分组算出各组的{label}平均值来比较；可以分别问一组，例如「农村公路项目平均{label}」，" \
               "或在绩效页查看。"
    if _period(query) is not None and _filter(query).year is None:
        return f"{label}只能按项目年度（一整年）统计，不能按{_period(query).label()}统计。"
    if query.topic in ("cost", "benefit") and query.measure == Measure.PROGRESS:
        return f"各项目的{label}单位不同（每公里、每平方米、每人……），平均起来没有意义；可以问某个项目的{label}，或问超过（没达到）目标的项目有几个。"
    return None


def _values(conn, pub_id, query):
    return q_perf.indicator_values(conn, pub_id, query.topic, _filter(query), benefit_name=_benefit(query))


def run(conn, pub_id, query, lexicon):
    reason = _unsupported(query)
    if reason:
        return {"kind": "figure", "nothing": reason}, None
    values = _values(conn, pub_id, query)
    if query.topic == "benefit" and _benefit(query) is None and len({r["benefit_name"] for r in values}) > 1 \
            and query.threshold is None:
        return {"kind": "figure", "nothing": "这些项目的效益指标各不相同（受益人口、年接待游客……），不能放在一起比较；"
                                             "可以说明是哪一个效益指标。"}, None
    label = _label(query)
    if not values:
        return {"kind": "figure", "nothing": f"{_scope(query, lexicon)}没有已完工、填报了{label}实际值的项目。"}, None
    if query.count_only:
        rows = _passing(values, query.threshold)
        answer = {"kind": "figure", "value": len(rows), "unit": "个", "display": f"{len(rows)} 个",
                  "count": len(rows), "of": len(values)}
        answer["sentence"] = f"{_scope(query, lexicon)}填报了{label}的 {len(values)} 个已完工项目中，{_condition(query)}的有 {len(rows)} 个。"
        return answer, None
    if query.group == Group.PROJECT:
        ordered = sorted(values, key=lambda r: (r["actual"] if query.order == Order.ASC else -r["actual"], r["code"]))
        shown = ordered[:query.limit]
        rows = [[r["name"], r["actual"], f"{present.number(r['actual'])} {r['unit']}".strip(), r["target"]]
                for r in shown]
        answer = {"kind": "table", "unit": shown[0]["unit"], "columns": ["项目", f"{label}实际值", "显示", "目标值"],
                  "rows": rows, "keys": [r["code"] for r in shown], "top": shown[0]["name"],
                  "value": shown[0]["actual"], "display": rows[0][2]}
        word = "最低" if query.order == Order.ASC else "最高"
        answer["sentence"] = f"{label}{word}的是「{shown[0]['name']}」：{rows[0][2]}。"
        return answer, present.rows_chart([[r[0], r[1]] for r in rows], shown[0]["unit"]) if len(rows) > 1 else None
    if query.measure == Measure.OUTPUT:
        return _total(values, query, lexicon), None
    mean = q_perf.indicator_mean(values)
    unit = values[0]["unit"]
    answer = {"kind": "figure", "value": mean, "unit": unit, "display": f"{present.number(mean)}{unit}",
              "count": len(values)}
    answer["sentence"] = f"{_scope(query, lexicon)}{len(values)} 个已完工项目的{label}平均为 {answer['display']}。"
    return answer, None


def _total(values, query, lexicon):
    total, unit, label = q_perf.indicator_total(values), values[0]["unit"], _label(query)
    answer = {"kind": "figure", "value": total, "unit": unit, "display": f"{present.number(total)} {unit}".strip(),
              "count": len(values)}
    answer["sentence"] = f"{_scope(query, lexicon)}{len(values)} 个已完工项目的{label}实际值合计 {answer['display']}。"
    return answer


def _passing(values, threshold):
    op = threshold["op"]
    if op in ("above", "below"):
        return q_perf.against_target(values, above=op == "above")
    bound = threshold["value"] * 100  # a percentage given as a fraction (「低于70%」)
    return [r for r in values if (r["actual"] < bound if op == "<" else r["actual"] > bound)]


def _label(query):
    return _benefit(query) or LABELS[query.topic]


def _condition(query):
    op, label = query.threshold["op"], _label(query)
    if op == "above":
        return f"{label}实际值高于目标值"
    if op == "below":
        return f"{label}实际值低于目标值"
    return f"{label}实际值{'低于' if op == '<' else '高于'}{present.number(query.threshold['value'] * 100)}%"


def _scope(query, lexicon):
    parts = []
    flt = _filter(query)
    if flt.year:
        parts.append(f"{flt.year}年度")
    if query.regions:
        parts.append(lexicon.region_names.get(query.regions[0], query.regions[0]))
    if query.depts:
        parts.append(lexicon.dept_names.get(query.depts[0], query.depts[0]))
    if query.category:
        parts.append(f"{query.category}类")
    return "".join(parts) or "全部年度"


def restate(query, lexicon, coverage=None):
    scope = _scope(query, lexicon)
    label = _label(query)
    if query.count_only:
        what = f"已完工项目中{_condition(query)}的项目个数"
    elif query.group == Group.PROJECT:
        what = f"已完工项目按{label}实际值{'从低到高' if query.order == Order.ASC else '从高到低'}排列"
    elif query.measure == Measure.OUTPUT:
        what = f"已完工项目{label}实际值的合计"
    else:
        what = f"已完工项目{label}实际值的平均数"
    return f"{scope}{what}（{DEFINED[query.topic]}）"


def records(query, lexicon, pub_id, answer):
    """Each finished project's target and actual value of the indicator in the scope (the rows the mean or the
    count is taken over), and each project's page."""
    if (answer or {}).get("value") is None:
        return {}
    flt = _filter(query)
    args = {"table": "indicators", "indicator": query.topic, "benefit_name": _benefit(query), "year": flt.year,
            "region": flt.region, "dept": flt.dept, "category": flt.category, "pub": pub_id}
    out = {"records": "/performance.csv?" + urlencode({k: v for k, v in args.items() if v is not None})}
    out["rows"] = [links.row(row[0], {"project": links.project(key, pub_id)})
                   for row, key in zip(answer.get("rows") or [], answer.get("keys") or [])]
    return out


def chips(query, lexicon):
    return []
