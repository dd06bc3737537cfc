"""Shares: a part of a whole — of all spending in the same scope, or of the whole 「占…」 names."""
import re

from .. import figures
from ..ir import Group, Kind, Measure, Query
from ..vocab import found, has_any, pattern, words
from . import budget, ranking


def share(ctx):
    """「占比」「比重」: one share, or shares by region/department (ranked when a top/bottom word asks so)."""
    c, s = ctx.cues, ctx.slots
    if not c.share:
        return None
    if s.region_each and s.regions and s.in_whole(s.each_at) \
            and (has_any(ctx.text[s.whole_span[0]:], words("sum_of_each")) or ranking.whole_level(ctx)):
        # 「北京市科学技术支出占各省科学技术支出合计的比重」: one region's part of the group's total; 「占全市十个
        # 区县支出」 counts every region of the level after 占: their total is the whole
        return Query(Kind.SHARE, measure=Measure.SHARE, base_measure=Measure.BUDGET if c.budget else Measure.SPENT,
                     share_of={"regions": ranking.level_regions(ctx), "classes": s.whole.classes}, **ctx.base())
    part_level = ranking.level_named(ctx, 0, s.share_at) if s.share_at > 0 else None
    whole_level = ranking.level_named(ctx, *s.whole_span) if s.whole_span[0] >= 0 else None
    if part_level and whole_level and part_level != whole_level:
        # 「五个县的支出占十个区县支出的比重」: one level's regions as one place, of another level's total
        return Query(Kind.SHARE, measure=Measure.SHARE, base_measure=Measure.BUDGET if c.budget else Measure.SPENT,
                     share_of={"regions": whole_level, "classes": s.whole.classes}, **ctx.base(regions=part_level))
    if _districts_together(ctx) or ranking.whole_level(ctx):  # 「区县支出占全市支出的比重」: the districts' total
        # (不含市本级) is the part
        return Query(Kind.SHARE, measure=Measure.SHARE, base_measure=Measure.BUDGET if c.budget else Measure.SPENT,
                     **ctx.base(regions=ranking.level_regions(ctx)))
    group = Group.REGION if s.region_each else Group.DEPT if s.dept_each else None
    kind = Kind.RANKING if (c.top and group) else Kind.SHARE
    return Query(kind, measure=Measure.SHARE, group=group, order=ctx.order() if group else None,
                 base_measure=Measure.BUDGET if c.budget else Measure.SPENT,
                 limit=ctx.limit_or_one() if kind == Kind.RANKING else None, **ctx.base())


def _districts_together(ctx):
    """True when the part before 占 is the level's regions as one (「区县支出占…」), not each of them."""
    s = ctx.slots
    part = ctx.text[:s.share_at] if s.share_at >= 0 else ""
    return bool(part) and not s.regions and not s.region_each and not s.depts and any(
        re.search(rf"(?<![各每哪几个的]){re.escape(noun)}(?!份)", part) for noun in ctx.lexicon.region_nouns if len(noun) >= 2)


def take_whole(query, ctx):
    """「A占B的比重」 (also year by year, by region): B's scope as named after 占 (query.share_of)."""
    s, text, period = ctx.slots, ctx.text, ctx.slots.period
    whole = s.whole
    whole_year = s.whole_span[0] >= 0 and found("whole_year", text[s.whole_span[0]:]) \
        and period is not None and not period.whole_year
    named = whole.regions or whole.named or whole.classes or whole.class_set or whole_year
    # 「各区县教育支出占全市教育支出的比重」: by region only when the whole place is named
    if (query.group in (None, Group.YEAR) and named) or (query.group == Group.REGION and whole.named):
        query.share_of = {"regions": whole.regions if (whole.regions or whole.named) else None,
                          "classes": whole.classes}
        if whole.class_set:
            query.share_of["class_set"] = whole.class_set
        _part_named_before(query, ctx)
        if whole_year:  # 「四季度支出占全年的比重」: the same scope over the whole year; 「占今年累计」 says the
            # year so far, and is worded so (the figure is the same: the months the data hold)
            asked = pattern("whole_year").search(text[s.whole_span[0]:]).group(0)
            query.share_of["whole_year"] = "to_date" if re.search("累计|以来|至今", asked) else True


def _part_named_before(query, ctx):
    """「四川支出占西部地区的比重」: the part is the place named before 占, never the regions of the whole after it
    (a group after 占 stands for its regions, one of which is the part: read together, the part became the whole)."""
    s, whole = ctx.slots, (query.share_of or {}).get("regions")
    if s.share_at < 0 or not whole or query.group is not None or not set(whole) <= set(query.regions):
        return
    cut = min(s.share_at, s.whole_span[0]) if s.whole_span[0] >= 0 else s.share_at  # 「在长三角所占」: before 在
    before = [e.value for _start, _end, _surface, entries in ctx.lexicon.scan(ctx.text[:cut])
              for e in entries[:1] if e.type == "region"]
    if before and set(before) < set(query.regions):
        query.regions = list(dict.fromkeys(before))


def run(conn, pub_id, query, lexicon):
    """The share; a part that is its own whole (「A占A的比重」, 100 % by construction) is a whole not read: declined."""
    if query.group is None and query.period is not None:
        part, whole, _keys = figures.share_scopes(query, lexicon, query.period)
        if part == whole:
            return {"nothing": "没有读出这个比例的分母（「占」的是哪个整体）：按现在的理解算出的是一个数字占它自己（100%），"
                               "不回答；可以写明整体，例如「……占全市支出的比重」。"}, None
    return budget.answer(conn, pub_id, query, lexicon)


records = budget.records


def restate(query, lexicon, coverage=None):
    return budget.words(query, lexicon, coverage)
