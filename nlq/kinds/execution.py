"""Budget execution: spending over the annual budget, as one rate or by region, department or class."""
from ..ir import Group, Kind, Measure, Order, Query
from ..vocab import found, has_any, words
from . import budget, ranking


def rate(ctx):
    """「执行率」「花了几成」: one rate, or rates by group (ranked when a top/bottom word asks so); 「执行率低于
    60%的部门」 lists the groups under the threshold, 「…有几个」 counts them."""
    c, s = ctx.cues, ctx.slots
    if not c.rate:
        return None
    if s.region_each and not c.top and not c.threshold and has_any(ctx.text, words("sum_of_each")):
        # 「各区县合计的预算执行率（不含市本级）」: one rate of the regions' total, not each region's
        return Query(Kind.EXECUTION, measure=Measure.RATE, **ctx.base(regions=ranking.level_regions(ctx)))
    group = Group.REGION if s.region_each else Group.DEPT if s.dept_each else Group.CLASS if s.class_each else None
    if c.threshold and group is None:
        group = Group.DEPT
    below = c.threshold and c.threshold["op"] == "<"
    order = Order.ASC if c.bottom or below else Order.DESC if c.top else None
    limit = c.limit if c.top else None
    if c.top and group and ctx.single() and not c.limit:
        limit = 1
    count_only = bool(c.threshold and group and found("how_many", ctx.text))  # 「执行率低于60%的区县有几个」
    return Query(Kind.RANKING if (c.top and group) else Kind.EXECUTION, measure=Measure.RATE, group=group,
                 threshold=c.threshold, order=order, limit=None if count_only else limit, count_only=count_only,
                 **ctx.base())


run = budget.answer
records = budget.records


def restate(query, lexicon, coverage=None):
    return budget.words(query, lexicon, coverage)
