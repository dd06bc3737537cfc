"""One figure: spending, a budget, spending per person or the budget not yet spent (「预算还剩多少」)."""
from ..ir import Group, Kind, Measure, Query
from ..vocab import has_any, measure_words, words
from . import budget


def remaining(ctx):
    """「预算还剩多少」「还有多少没花」: the budget balance; by group it is ranked."""
    c, s = ctx.cues, ctx.slots
    if not (c.remaining and (c.budget or has_any(ctx.text, words("unspent"))) and not c.rate and not c.share):
        return None
    group = Group.REGION if s.region_each else Group.DEPT if s.dept_each else Group.CLASS if s.class_each else None
    return Query(Kind.RANKING if group else Kind.FIGURE, measure=Measure.REMAINING, group=group,
                 order=ctx.order() if group else None, limit=ctx.limit_or_one() if group else None, **ctx.base())


def figure(ctx):
    """A question that names something to count (a place, a department, a class, spending or a budget)."""
    c, s = ctx.cues, ctx.slots
    if s.classes or s.class_set or s.regions or s.depts or s.region_whole or has_any(ctx.text, measure_words("spent")) \
            or c.budget or c.per_capita or has_any(ctx.text, words("general_budget")):
        return Query(Kind.FIGURE, measure=c.money, base_measure=per_person_of(c), **ctx.base())
    return None


def per_person_of(cues):
    """「人均预算」 divides budgets by the population, 「人均支出」 spending."""
    return Measure.BUDGET if cues.per_capita and cues.budget else Measure.SPENT


run = budget.answer
records = budget.records


def restate(query, lexicon, coverage=None):
    return budget.words(query, lexicon, coverage)
