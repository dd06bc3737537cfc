"""Budget execution: spending over the annual budget, as one rate or by region, department or class."""
import re

from ..ir import Group, Kind, Measure, Order, Query
from ..vocab import cue, found, has_any, words
from . import budget, ranking


def rate(ctx):
    """「执行率」「花了几成」: one rate, or rates by group (ranked when a top/bottom word asks so); 「执行率低于
    60%的部门」 lists the groups under the threshold, 「…有几个」 counts them."""
    c, s = ctx.cues, ctx.slots
    if not c.rate:
        return None
    if s.region_each and not c.threshold and (not c.top and has_any(ctx.text, words("sum_of_each"))
                                              or ranking.whole_level(ctx)):
        # 「各区县合计的预算执行率（不含市本级）」: one rate of the regions' total, not each region's
        return Query(Kind.EXECUTION, measure=Measure.RATE, **ctx.base(regions=ranking.level_regions(ctx)))
    group = Group.REGION if s.region_each else Group.DEPT if s.dept_each else Group.CLASS if s.class_each else None
    bound = None if c.threshold or group is None else whole_as_bound(ctx.text)
    if bound:  # its words (「平均水平」) are understood: the threshold, not an unknown subject
        _understood(s, bound.pop("said"))
    c.threshold = c.threshold or bound
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


def _understood(slots, said):
    """The words of a threshold are no subject: not unknown, and no class the embedding match read into them."""
    if slots.unknown and all(w in said for w in slots.unknown) and slots.embedding_match:
        slots.classes, slots.class_set, slots.embedding_match = [], None, False
        slots.unsure, slots.alternatives = None, []
        slots.notes[:] = [n for n in slots.notes if "按语义理解" not in n]
    slots.unknown = [w for w in slots.unknown if w not in said]


def whole_as_bound(text):
    """「低于全市平均水平」「在全市平均水平以下」: the rate of the whole publication is the threshold (resolved
    when run, nlq/kinds/budget.py ranked)."""
    words = "|".join(map(re.escape, cue("below") + cue("above")))
    whole = r"(?:(?:全市|全省|全国|本市|总体|整体)(?:的)?(?:平均)?(?:水平|值|执行率)?|平均(?:水平|值|执行率)?)"
    m = re.search(rf"({words}){whole}", text) or re.search(rf"在?{whole}(以下|以上)", text)
    if not m:
        return None
    return {"op": "<" if m.group(1) in cue("below") else ">", "value": None, "whole": True, "said": m.group(0)}


run = budget.answer
records = budget.records


def restate(query, lexicon, coverage=None):
    return budget.words(query, lexicon, coverage)
