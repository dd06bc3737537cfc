"""Rankings: regions, departments or classes ordered by a measure (「哪个区教育支出最高」「花钱最多的三类」)."""
import re
from dataclasses import replace

from ..cues import amount_threshold
from ..ir import Group, Kind, Measure, Order, Query
from ..timeparse import Period
from ..vocab import found, has_any, words
from . import budget, comparison, figure, growth


def by_growth(ctx):
    """「哪个区县支出增长最快」「哪一类支出同比增幅最大」: groups ranked by growth."""
    c, s = ctx.cues, ctx.slots
    if not (c.growth and (s.region_each or s.dept_each or s.class_each or found("which_class_item", ctx.text))):
        return None
    if s.region_each and (not c.top and has_any(ctx.text, words("sum_of_each")) or whole_level(ctx)):
        # 「各省卫生健康支出合计的同比增幅」「5个县的支出增长」: the growth of the group's total, not each region's
        return replace(growth.growth(ctx), regions=level_regions(ctx))
    group = Group.REGION if s.region_each else Group.DEPT if s.dept_each else Group.CLASS
    # 「哪些省份支出比上年减少了」: those whose change is below zero, not a ranking of all (「减少最多」 ranks)
    fell = found("fell", ctx.text) and not found("superlative", ctx.text)
    count_only = bool(fell and found("how_many", ctx.text))  # 「支出比上年减少的省份有几个」
    order = ctx.order()
    if found("fell", ctx.text):  # 「下降最多」 is the lowest growth, 「下降最少」 the highest
        order = Order.DESC if order == Order.ASC else Order.ASC
    changes = {}
    if len(c.compare_years) == 2 and s.period is not None:  # 「2023年比2021年增长最快的类」: the later year against
        # the earlier one named, the same months of both (as a growth over a span takes them)
        changes["period"] = Period(min(c.compare_years), max(c.compare_years), s.period.month_from, s.period.month_to)
    return Query(Kind.RANKING, measure=Measure.GROWTH, group=group, order=order,
                 base_measure=Measure.RATE if c.rate else Measure.BUDGET if c.budget else Measure.SPENT,
                 threshold={"op": "<", "value": 0} if fell else None, count_only=count_only,
                 limit=None if count_only else ctx.limit_or_one(), **ctx.base(**changes))


def place_of_one(ctx):
    """「湖南2021年总支出在全国排第几」「福建各项支出里教育排第几」: the place of one region among the regions of
    its level, or of one class among the classes of the scope — the whole ranking, the place asked named."""
    c, s = ctx.cues, ctx.slots
    bare = found("rank_at_end", ctx.text) and not (s.class_each or s.region_each)
    if not (found("rank_of_one", ctx.text) or bare) or c.growth or c.share or c.per_capita or c.project_subject \
            or s.depts or s.dept_each or s.class_set:
        return None
    measure = Measure.RATE if c.rate else c.money
    level = ctx.lexicon.region_level
    if len(s.classes) == 1 and len(s.classes[0]) == 3 and len(s.regions) <= 1 and not s.region_each \
            and (s.class_each or has_any(ctx.text, words("which_class"))):
        return Query(Kind.RANKING, measure=measure, group=Group.CLASS, order=Order.DESC, rank_of=s.classes[0],
                     **ctx.base(classes=[], class_set=None))
    if len(s.regions) == 1 and level.get(s.regions[0], 0) >= 1 and len(s.classes) <= 1:
        # the regions of the named one's level (the first level: every region but the top, as 「各区」 ranks them)
        peers = [] if level[s.regions[0]] == 1 else \
            [code for code in ctx.lexicon.region_names if level.get(code) == level[s.regions[0]]]
        return Query(Kind.RANKING, measure=measure, group=Group.REGION, order=Order.DESC, rank_of=s.regions[0],
                     **ctx.base(regions=peers))
    return None


def classes(ctx):
    """「花钱最多的三类支出」: all classes ranked, not a guessed set."""
    if not ctx.slots.class_each:
        return None
    c = ctx.cues
    if not (c.top or c.rate or c.share or c.growth or c.trend) and has_any(ctx.text, words("sum_of_classes")):
        # 「各项支出决算总数」「各类支出合计」: all classes added up, one figure (not the top class of a table)
        return Query(Kind.FIGURE, measure=c.money, **ctx.base(classes=[], class_set=None))
    threshold = _amount_threshold(ctx.text)  # 「超过500亿的科目」: those past the amount only
    # 「有几个支出科目超过500亿」「有几类支出超过1亿」
    count_only = bool(threshold and (found("how_many", ctx.text) or re.search(r"(?:几|多少)个?大?类", ctx.text)))
    return Query(Kind.RANKING, measure=ctx.cues.money, group=Group.CLASS, order=ctx.order(),
                 limit=None if count_only else ctx.limit_or_one(), threshold=threshold, count_only=count_only,
                 **ctx.base(class_set=None))


def groups(ctx):
    """「各区」「哪个部门」「哪类支出最多」: regions, departments or classes ranked by the amount asked."""
    c, s = ctx.cues, ctx.slots
    department = c.has("department")
    within = c.top and comparison.one_group(s)  # 「西部十二省区市支出排名前三」: the group's regions ranked
    # 「某年教育支出前三」: a top few of a class named, with no group word: the regions of the first level ranked
    # (never the class's total in place of three rows)
    top_few = bool(c.top and c.limit and (c.limit > 1 or c.position) and (s.classes or s.class_set) and not s.regions
                   and not s.depts and not department and not s.dept_each and not s.class_each
                   and not has_any(ctx.text, words("which_class")))
    if not (s.region_each or within or top_few or s.dept_each
            or (c.top and (department or has_any(ctx.text, words("which_class"))))):
        return None
    group = Group.REGION if s.region_each or within or top_few else Group.DEPT if (s.dept_each or department) else Group.CLASS
    threshold = _amount_threshold(ctx.text)
    count_only = bool(threshold and found("how_many", ctx.text))  # 「支出超过500亿元的省份有几个」
    if not threshold and not c.top and found("how_many_members", ctx.text):
        count_only = True  # 「市直部门有几个」「下辖几个区县」: the members themselves, counted
    return Query(Kind.RANKING, measure=c.money, group=group, order=ctx.order(),
                 limit=None if count_only else ctx.limit_or_one(), threshold=threshold, count_only=count_only,
                 # 「人均预算最多的区」: budgets per resident — of regions only, the people a department serves are unknown
                 base_measure=figure.per_person_of(c) if group == Group.REGION else Measure.SPENT, **ctx.base())


def _amount_threshold(text):
    """「超过500亿元」 → {"op": ">", "value": fen}: groups of money compared with an amount."""
    amount, _span, op = amount_threshold(text)
    if amount is None:
        return None
    fen = amount * 100
    return {"op": "<", "value": fen} if op == "<" else {"op": ">", "value": fen - 0.5}


def group_total(ctx):
    """「各省卫生健康支出合计」「各区县加起来一共」: one figure, the sum over the regions of the level asked."""
    c, s = ctx.cues, ctx.slots
    if not s.region_each or c.rate or c.share or c.growth \
            or not (not c.top and has_any(ctx.text, words("sum_of_each")) or whole_level(ctx)):
        return None
    return Query(Kind.FIGURE, measure=c.money, **ctx.base(regions=level_regions(ctx)))


def level_regions(ctx):
    """The regions of the level asked (「各区」 the 区 only; 「各省」「各区县」 every one)."""
    only = ctx.slots.each_noun if ctx.slots.each_noun in ("区", "县") else None
    return [code for code, name in ctx.lexicon.region_names.items() if ctx.lexicon.region_level.get(code) == 1
            and (only is None or name.endswith(only))]


def named_total(ctx):
    """「辽宁、吉林、黑龙江支出合计」「东北三省…合计」「教育和社保加起来」: one figure, the sum over the regions,
    classes or departments named (not each); each part is a row of the answer (nlq/kinds/budget.py figure)."""
    c, s = ctx.cues, ctx.slots
    several = len(s.regions) >= 2 and not s.region_each or len(s.classes) >= 2 or len(s.depts) >= 2
    if not several or c.top or c.rate or c.share or c.growth or c.per_capita \
            or not has_any(ctx.text, words("sum_of_each")) or found("each_of", ctx.text):
        return None
    return Query(Kind.FIGURE, measure=c.money, **ctx.base(class_set=None if len(s.classes) >= 2 else s.class_set))


def whole_level(ctx):
    """「5个县」「10个区县」 naming every region of the level (not 「前5个」「哪5个」): the level as one place."""
    noun = ctx.slots.each_noun
    if ctx.cues.top or ctx.cues.bottom:  # 「支出最多的5个县」 ranks them
        return False
    for match in re.finditer(r"(?<![前后第哪])(\d+)个(区县|县|区)(?![里中]?(?:哪|谁|最|排))", ctx.text):
        if noun in (None, match.group(2)) and int(match.group(1)) == len(_level(ctx, match.group(2))):
            return True
    return False


def level_named(ctx, start, end):
    """The regions of a level named whole in text[start:end] (「十个区县」「5个县」: as many as the level has), else None."""
    for match in re.finditer(r"(?<![前后第哪])(\d+)个(区县|县|区)(?![里中]?(?:哪|谁|最|排))", ctx.text[start:end]):
        regions = _level(ctx, match.group(2))
        if int(match.group(1)) == len(regions):
            return regions
    return None


def _level(ctx, noun):
    only = noun if noun in ("区", "县") else None
    return [code for code, name in ctx.lexicon.region_names.items() if ctx.lexicon.region_level.get(code) == 1
            and (only is None or name.endswith(only))]


run = budget.answer
records = budget.records


def restate(query, lexicon, coverage=None):
    return budget.words(query, lexicon, coverage)
