"""Averages: a total over the number of things it adds up, both parts said (「合计 X ÷ N 个 = 平均 Y」).

- per project: 「养老服务设施项目平均每个投资多少」「在建项目的平均进度」 — the projects' investment, disbursement or
  progress summed over their number;
- per region: 「平均每个区县支出多少」「2023年31个省份平均每个省支出多少」 — the spending (or budget) of the regions
  (the level below the whole, those named, or the 区/县 asked) summed over their number;
- per month: 「今年平均每月支出多少」「低保金今年每个月平均发多少」 — the spending of the period's months (or a
  purpose's payments) over the number of months the data cover.

The figures come from ledger.queries.averages. An average over a set the data do not define (每所学校, 每个乡镇's
spending, 每个部门's projects …) is left to nlq/decline.py, which declines it."""
import re
from dataclasses import replace
from decimal import Decimal

from ledger.money import fen_to_yuan, format_amount
from ledger.queries import averages as q_avg
from ledger.queries import records as q_rec

from .. import figures, links, present, slots
from ..ir import Kind, Measure, Query
from ..timeparse import Period
from ..vocab import found, pattern
from .project import asked
from .project import rules as project_rules
from .project.payments import purpose_named
from .project.words import _words as project_words

PER_PROJECT, PER_REGION, PER_MONTH = "per_project", "per_region", "per_month"
MEDIAN = "median_region"  # 「31个省份支出的中位数」: the middle region's figure (the two middle ones' mean)
MEDIAN_WORDS = re.compile(r"中位数|中位值|中值")
# 「平均每个省」「平均一个区县」「每个县平均」「省均」「31个省份…的平均值」: the regions are what is divided by
REGION_NOUN = r"省级地区|省份|省区市|省|区县|县区|县市区|区|县|地区"
PER_REGION_WORDS = re.compile(rf"(?:平均|每)(?:每|[一1])?个?(?P<noun>{REGION_NOUN})|(?P<noun2>{REGION_NOUN})均"
                              rf"|各?(?P<noun3>{REGION_NOUN})(?:的)?平均|\d+个(?P<noun4>{REGION_NOUN})")
MEAN_OF_EACH = re.compile(r"平均值|均值|平均数")
PER_MONTH_WORDS = re.compile(r"(?:平均)?每个?月(?:平均)?|月均|平均[一1]个月")
PER_PROJECT_WORDS = re.compile(r"平均每个|平均[一1]个|每个项目|(?:项目|工程)平均|平均(?:进度|形象进度)|平均每|平均值|均值")
GROWTH = re.compile(r"增长|增速|增幅|涨|降|年均")
# 「平均完成到百分之多少」: the projects' progress in percent; 「投多少钱」: their investment
PROGRESS_PCT = re.compile(r"完成(?:到了|到|了)?(?:百分之|几成)")
INVESTED = re.compile(r"投(?:了|入)?(?:多少|几)")
# 「低于全市平均值的区县」: the average is a bound to compare with (nlq/cues.py), not the figure asked; 「全市平均每月」
# is the city's own mean per month
AS_BOUND = re.compile(r"低于|高于|超过|不到|不足|以上|以下|达到|达不到|比[^，,。？?]{0,8}平均|全[市省国区县]平均(?!每|[一1]个?月|下来每)")


def asked_average(ctx):
    """A mean the question asks for and the data define, else None (nlq/decline.py declines the rest)."""
    s, c, text = ctx.slots, ctx.cues, ctx.text
    if MEDIAN_WORDS.search(text) and not c.project_subject and not GROWTH.search(text) and not AS_BOUND.search(text):
        return _per_region(ctx, median=True)
    mean = pattern("average_asked").search(text)
    if mean is None or GROWTH.search(text) or AS_BOUND.search(text) or found("per_payment", text) or s.projects or s.units or s.townships \
            or s.contractors:
        return None
    if c.project_subject and not s.classes:
        return _per_project(ctx)
    if PER_MONTH_WORDS.search(text):
        return _per_month(ctx)
    return _per_region(ctx)


def _explain(ctx, *patterns):
    slots.explain(ctx.slots, [m.span() for p in patterns for m in p.finditer(ctx.text)])


def _per_project(ctx):
    s, text = ctx.slots, ctx.text
    if not PER_PROJECT_WORDS.search(text) or s.region_each or s.dept_each or s.class_each:
        return None
    measure = Measure.PROGRESS if found("progress", text) or PROGRESS_PCT.search(text) else asked.named_in(text)
    if measure is None and INVESTED.search(text):
        measure = Measure.INVESTMENT  # 「平均一个项目投多少钱」
    if measure is None:
        return None  # 「平均每个项目多少个」: nothing to average but the count itself
    _explain(ctx, PER_PROJECT_WORDS, pattern("average_asked"))  # 「正在施工的」: projects under way, never all
    period = s.period if s.period is not None and s.period.explicit else None
    return Query(Kind.AVERAGE, measure=measure, topic=PER_PROJECT, period=period, regions=list(s.regions),
                 depts=list(s.depts), category=s.category, status=project_rules.status(ctx), township=None)


def _per_region(ctx, median=False):
    s, text, lexicon = ctx.slots, ctx.text, ctx.lexicon
    words = PER_REGION_WORDS.search(text)
    if s.depts or (words is None and not (s.region_each and (MEAN_OF_EACH.search(text) or median))):
        return None
    # 「各省…的平均值」: the regions of the group named (「各县」 the counties)
    noun = next(g for g in words.group("noun", "noun2", "noun3", "noun4") if g) if words else s.each_noun
    if len(s.regions) >= 2:  # 「西部12个省份平均」: the regions named
        regions = list(s.regions)
    elif s.regions:
        return None  # one region is no set to average over
    else:
        level1 = [code for code, level in lexicon.region_level.items() if level == 1]
        subset = lexicon.region_subsets.get(noun) if noun in ("区", "县") else None
        regions = list(subset) if subset else level1
    if not regions:
        return None
    _explain(ctx, PER_REGION_WORDS, pattern("average_asked"), MEDIAN_WORDS)
    return Query(Kind.AVERAGE, measure=_money_measure(text), topic=MEDIAN if median else PER_REGION, period=s.period,
                 regions=regions, classes=list(s.classes), class_set=s.class_set)


def _per_month(ctx):
    s, text = ctx.slots, ctx.text
    if s.period is not None and s.period.multi_year or s.region_each or s.dept_each or s.class_each:
        return None
    _explain(ctx, PER_MONTH_WORDS, pattern("average_asked"))
    purpose = purpose_named(text, ctx.lexicon)
    if purpose:
        return Query(Kind.AVERAGE, measure=Measure.PAID, topic=PER_MONTH, period=s.period, purpose=purpose)
    return Query(Kind.AVERAGE, measure=_money_measure(text), topic=PER_MONTH, period=s.period,
                 **{k: v for k, v in ctx.base().items() if k != "period"})


def _money_measure(text):
    return Measure.BUDGET if "预算" in text and not re.search(r"支出|花|执行", text) else Measure.SPENT


# ---- answers --------------------------------------------------------------------------------------

def _project_query(query):
    return replace(query, kind=Kind.PROJECT)


def _months(conn, pub_id, period):
    """The months of ``period`` the data cover: (first, last), or None for whole-year rows only."""
    if not period.whole_year:
        return period.month_from, period.month_to
    last = figures.last_month(conn, pub_id, period.year_to)
    return (1, last) if last else None


def run(conn, pub_id, query, lexicon):
    if query.topic == PER_PROJECT:
        flt = figures.project_filter(_project_query(query), lexicon, query.period)
        found_ = q_avg.per_project(conn, pub_id, flt, query.measure.value)
        noun = "个项目"
    elif query.topic == MEDIAN:
        return _median(conn, pub_id, query, lexicon)
    elif query.topic == PER_REGION:
        period = query.period
        scope = figures.period_scope(query, lexicon, period)
        found_ = q_avg.per_region(conn, pub_id, scope, query.regions,
                                  measure="budget" if query.measure == Measure.BUDGET else "spent")
        noun = "个" + _region_noun(query, lexicon)
    else:
        if query.period.multi_year:
            return {"kind": "figure", "nothing": "每月平均只能按某一年来算；可以分别问每一年。"}, None
        months = _months(conn, pub_id, query.period)
        if months is None:
            return {"kind": "figure", "nothing": f"{query.period.label()}的数据没有按月份公布，不能算每月平均；"
                                                 "可以问全年合计。"}, None
        query.period = Period(query.period.year_from, query.period.year_to, months[0], months[1],
                              explicit=query.period.explicit)
        count = months[1] - months[0] + 1
        if query.measure == Measure.PAID:
            found_ = q_avg.payments_per_month(conn, pub_id, _payment_filter(query), count)
        else:
            scope = figures.period_scope(query, lexicon, query.period)
            found_ = q_avg.per_month(conn, pub_id, scope, count,
                                     measure="budget" if query.measure == Measure.BUDGET else "spent")
        noun = "个月"
    if not found_.count or (query.topic != PER_PROJECT and not found_.total):
        return {"kind": "figure", "nothing": "没有符合条件的记录，不能计算平均数。"}, None
    answer = _answer(query, found_, noun)
    answer["sentence"] = f"{restate(query, lexicon)}：{answer['sum_display']}。"
    return answer, None


def _median(conn, pub_id, query, lexicon):
    """The regions' figures (each from the one engine, as a ranking has them) in order; the middle one, or the
    mean of the two middle ones: each region in the middle is a row, with its records."""
    by_region = figures.measure_by(conn, pub_id, replace(query, kind=Kind.RANKING, topic=None), lexicon,
                                   query.period, group="region")
    values = sorted((by_region.get(code) or 0, code) for code in query.regions)
    n = len(values)
    if n < 3 or not any(v for v, _ in values):
        return {"kind": "figure", "nothing": "地区太少或没有数字，不能计算中位数。"}, None
    middle = values[(n - 1) // 2: n // 2 + 1]
    fen = _half(int(middle[0][0]), int(middle[-1][0]))
    rows = [[lexicon.region_names.get(code, code), *present.money_cells(int(v))] for v, code in middle]
    how = f"{n}个中第{n // 2 + 1}位" if len(middle) == 1 else f"{n}个中第{n // 2}、{n // 2 + 1}位的平均"
    answer = {"kind": "figure", "value": fen_to_yuan(fen), "unit": "元", "display": format_amount(fen),
              "median": True, "count": n, "keys": [code for _, code in middle],
              "columns": ["地区（居中）", "金额（元）", "金额"], "rows": rows}
    answer["sentence"] = f"{restate(query, lexicon)}为{format_amount(fen).replace(' ', '')}（从低到高排列，{how}：" \
                         f"{'、'.join(r[0] + r[2].replace(' ', '') for r in rows)}）。"
    return answer, None


def _half(a, b):
    """The mean of two amounts in fen, rounded half up to the fen."""
    return int((Decimal(a) + Decimal(b)) / 2 + Decimal("0.5")) if a + b >= 0 else -_half(-a, -b)


def _payment_filter(query):
    period = query.period
    return q_rec.PaymentFilter(purpose=query.purpose, year=period.year_to, month_from=period.month_from,
                               month_to=period.month_to)


def _answer(query, found_, noun):
    n = found_.count
    if query.measure == Measure.PROGRESS:
        mean = float(found_.mean)
        total = round(float(found_.total), 4)
        rows = [["合计", total, f"{present.number(total)}%"], ["个数", n, f"{n}{noun}"],
                ["平均", mean, f"{mean}%"]]
        return {"kind": "figure", "value": mean, "unit": "%", "display": f"平均 {mean}%", "average": True,
                "total": total, "count": n, "columns": ["项目", "数值", "显示"], "rows": rows,
                "sum_display": f"合计 {present.number(total)}% ÷ {n}{noun} = 平均 {mean}%"}
    mean_fen = int(found_.mean)
    rows = [["合计", *present.money_cells(int(found_.total))], ["个数", n, f"{n}{noun}"],
            ["平均", *present.money_cells(mean_fen)]]
    return {"kind": "figure", "value": fen_to_yuan(mean_fen), "unit": "元", "display": f"平均 {format_amount(mean_fen)}",
            "average": True, "total": fen_to_yuan(int(found_.total)), "count": n,
            "columns": ["项目", "数值", "显示"], "rows": rows,
            "sum_display": f"合计 {format_amount(int(found_.total))} ÷ {n}{noun} = 平均 {format_amount(mean_fen)}"}


def _region_noun(query, lexicon):
    names = [lexicon.region_names.get(c, c) for c in query.regions]
    ends = {n[-1] for n in names}
    return "区县" if ends == {"区", "县"} else "省份" if ends <= {"省", "市", "区"} and len(names) > 10 and \
        any(n.endswith("省") for n in names) else "地区" if len(ends) > 1 else {"区": "区", "县": "县"}.get(
        next(iter(ends)), "地区")


def restate(query, lexicon, coverage=None):
    if query.topic == PER_PROJECT:
        words = project_words(_project_query(query), lexicon, coverage)
        what = "形象进度" if query.measure == Measure.PROGRESS else present.label(query.measure)
        return f"{words.subject}平均每个项目的{what}（合计 ÷ 项目个数）{words.basis}"
    period = present.period_words(query, coverage)
    what = "预算" if query.measure == Measure.BUDGET else "支出"
    region, _dept, cls = present.scope_words(query, lexicon)
    cls = cls.removesuffix("支出")
    if query.topic == MEDIAN:
        every = set(query.regions) == {c for c, level in lexicon.region_level.items() if level == 1}
        names = f"{len(query.regions)}个{_region_noun(query, lexicon)}" if every \
            else "、".join(lexicon.region_names.get(c, c) for c in query.regions)
        return f"{period}{names}{cls}{what}的中位数（各{_region_noun(query, lexicon)}从低到高排列居中者）"
    if query.topic in (PER_REGION, MEDIAN):
        every = set(query.regions) == {c for c, level in lexicon.region_level.items() if level == 1}
        names = f"全部{len(query.regions)}个{_region_noun(query, lexicon)}" if every and len(query.regions) > 12 \
            else "、".join(lexicon.region_names.get(c, c) for c in query.regions)
        return f"{period}{cls}{what}平均每{_region_noun(query, lexicon)}（{names}的合计 ÷ {len(query.regions)}）"
    if query.purpose:
        return f"{period}用途为「{query.purpose}」的国库支付平均每月金额（合计 ÷ 月数）"
    return f"{period}{region}{cls}{what}平均每月（合计 ÷ 月数）"


def records(query, lexicon, pub_id, answer):
    """The records summed (the total's): the projects, the regions' spending or budget lines, the months' spending
    or the purpose's payments; their sum over the count is the answer."""
    if (answer or {}).get("median"):  # the middle region(s): each one's records
        side = "budget" if query.measure == Measure.BUDGET else "spent"
        scope = figures.period_scope(query, lexicon, query.period)
        rows = [links.row(row[0], {side: links.records(links.narrow(scope, "region", key), side, pub_id)})
                for key, row in zip(answer["keys"], answer["rows"])]
        return {"records": rows[0]["records"][side], "rows": rows}
    if not (answer or {}).get("average"):
        return {}
    if query.topic == PER_PROJECT:
        url = links.projects(figures.project_filter(_project_query(query), lexicon, query.period), pub_id)
    elif query.measure == Measure.PAID:
        url = links.payments(_payment_filter(query), pub_id)
    else:
        scope = figures.period_scope(query, lexicon, query.period)
        url = links.records(scope, "budget" if query.measure == Measure.BUDGET else "spent", pub_id)
    return {"records": url, "rows": [links.row("合计", {"total": url})]}


def chips(query, lexicon):
    return []
