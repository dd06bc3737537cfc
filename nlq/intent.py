"""Stage 3b of the parser: intent — which kind of answer a question asks for.

The builders of every kind (nlq/kinds/) are tried in the order of RULES; the first that recognises the
question builds its Query. The order is the meaning: project questions before budget ones (「农村公路
项目投资」 is about projects), a comparison of years before a growth, a growth before a trend, a rate or
share before a plain ranking, a plain figure last. A new kind of question is a builder in its kind's
module and a line here.
"""
from dataclasses import dataclass

from . import cues as cue_words
from .ir import Group, Kind, Order
from .kinds import (
    average,
    awards,
    comparison,
    execution,
    figure,
    growth,
    inquiry,
    payees,
    performance,
    plans,
    population,
    ranking,
    share,
    single_payment,
    supervision,
    townships,
    trend,
    unit,
    unit_cost,
)
from .kinds.project import facts, payments
from .kinds.project import rules as project

RULES = (
    inquiry.answer_time,  # 「哪个部门回复质询最慢」「质询平均多少天答复」
    supervision.supplier,  # 「哪些承建商被标记」
    supervision.risk,  # 「有哪些高风险项目」
    supervision.forecast,  # 「今年预计能完成多少预算」
    execution.time_pace,  # 「执行进度比时间进度慢多少」「落后于时间进度的区县」: the calendar's pace, not the rule's line
    supervision.pace,  # 「哪些部门执行进度滞后」「哪些区县预警」
    population.population,  # 「鹭洲区多少人口」: the published population, never a project's output in 人
    unit.units_counted,  # 「市卫健委下属二级单位有几个」 (also asked first: nlq/parser.py)
    unit.units_ranked,  # 「二级单位中预算最多的三家」「市本级学校中支出最多的是哪一所」
    unit.units_total,  # 「市卫健委下属医院今年预算合计多少」
    unit.unit,  # 「市博物馆今年花了多少」「鹭洲区实验小学去年预算执行率」: a second-level unit named
    single_payment.picked,  # 「今年单笔最大的一笔付款付给了谁」「某工程最后一次付款是几号」: one payment
    performance.indicators,  # 「平均满意度」「质量没达到目标的项目有几个」「满意度最低的项目」: 绩效 across projects
    average.asked_average,  # 「平均每个项目投资多少」「平均每个区县支出」「平均每月支出」: a total over its count
    plans.quarters,  # 「三季度末实际进度落后于计划的项目有几个」「三季度差距最大的项目」
    plans.plans,  # 「某项目今年的年度用款计划是多少，实际付了多少」「全部项目2026年度用款计划合计」
    facts.fact,  # 「某工程是哪个部门管的」「…单位成本实际是多少」: one field of a named project
    townships.ranked,  # 「哪个镇街项目最多」「各乡镇的项目总投资」: projects by township
    awards.contracts,  # 「今年签了多少份中标合同」「去年中标合同加起来多少钱」
    payees.payee_types,  # 「付给单位和付给个人的各多少」
    payees.payment_months,  # 「今年付款笔数最多的是哪个月」
    payees.payees,  # 「去年收钱最多的单位」「A和B谁收到的财政资金多」
    payees.purposes,  # 「发给个人的补贴里哪一种最多」
    unit_cost.by_region,  # 「哪个区修路每公里花钱最多」
    payments.payments,  # 「某工程今年付了几笔」「高龄津贴发了多少」
    project.disbursal_rate,  # 「承建项目的拨付率」
    project.share,  # 「滞后项目占全部项目的比例」
    project.projects,  # counts, investment, outputs, lists, rankings of projects
    project.built_output,  # 「去年修了多少公里」 without a project word
    figure.remaining,  # 「预算还剩多少」
    ranking.place_of_one,  # 「湖南在全国排第几」: one region's or class's place in the whole ranking
    comparison.summed_months,  # 「9月和10月加起来」: one sum, each month a row
    comparison.periods,  # 「1至6月和7至10月」
    comparison.years,  # 「2024年和2025年」
    trend.counted,  # 「有几个月支出超过40亿」「超过1万亿的年份有几个」
    trend.months_ranked,  # 「哪个月花钱最多」
    trend.years_ranked,  # 「哪一年支出最高」
    trend.monthly,  # 「每月支出」
    trend.monthly_rate,  # 「每月执行进度」
    ranking.named_total,  # 「辽宁、吉林、黑龙江支出合计」
    comparison.named,  # two regions, departments or classes
    ranking.by_growth,  # 「哪个区增长最快」
    growth.growth,  # 「同比增长多少」
    trend.yearly,  # 「近三年变化」
    execution.rate,  # 「执行率」
    share.share,  # 「占比」
    ranking.group_total,  # 「各省卫生健康支出合计」
    ranking.classes,  # 「花钱最多的三类」
    ranking.groups,  # 「各区」「哪个部门」
    figure.figure,  # 「教育支出是多少」
)


@dataclass
class Context:
    """What the builders read: the question, its slots and its cues."""
    text: str
    lexicon: object
    as_of: object
    slots: object
    cues: object

    @property
    def notes(self):
        return self.slots.notes

    def base(self, **changes):
        """The scope every budget query starts from: period, regions, departments and classes named."""
        s = self.slots
        return {"period": s.period, "regions": s.regions, "depts": s.depts, "classes": s.classes,
                "class_set": s.class_set} | changes

    def single(self):
        return cue_words.single(self.text)

    def limit_or_one(self):
        """The number asked for, 1 for 「哪个…最」, else None (all)."""
        return self.cues.limit or (1 if self.single() else None)

    def order(self):
        return Order.ASC if self.cues.bottom else Order.DESC


def build(ctx):
    """The Query of the first builder that recognises the question, or None."""
    for rule in RULES:
        query = rule(ctx)
        if query is not None:
            return query
    return None


def refine(query, ctx):
    """What follows from the kind built: a project query's own rules, the whole of a share, the 款 of the
    类 named (「社保支出里哪一项」), the counties only for 「哪个县」."""
    if query.kind == Kind.PROJECT:
        project.refine(query, ctx)
    elif query.measure == "share" and query.share_of is None:
        share.take_whole(query, ctx)
    if query.kind == Kind.RANKING and ctx.cues.position and query.limit == ctx.cues.position and not query.count_only:
        query.position = ctx.cues.position  # 「第二多的是哪一类」: that place, with the rows above it
    if ctx.slots.kuan_each and query.group == Group.CLASS and query.rank_of is None:
        query.group, query.classes, query.class_set = Group.KUAN, ctx.slots.classes, None
    subsets = ctx.lexicon.region_subsets
    if query.group == Group.REGION and query.kind != Kind.COMPARISON and not query.regions \
            and ctx.slots.each_noun in subsets:
        query.regions = list(subsets[ctx.slots.each_noun])  # 「哪个县」: the counties only
    return query
