"""Budget execution: spending over the annual budget, as one rate or by region, department or class."""
import re

from ..ir import Group, Kind, Measure, Order, Query
from ..vocab import cue, found, has_any, pattern, words
from . import budget, ranking

# 「执行进度比时间进度慢了多少」: the gap in percentage points, time_pace_behind counting a lag as positive;
# time_pace (「执行进度和时间进度差多少」「…vs 时间进度」) is the execution rate less the pace, signed
PACE_TOPICS = ("time_pace", "time_pace_behind")
PACE_WORDS = ("time_pace", "pace_below", "pace_above", "pace_behind_said", "pace_ahead_said")


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


def time_pace(ctx):
    """「执行进度比时间进度慢了多少个百分点」「落后于时间进度的区县有几个」: the execution rate against 时间进度, the
    calendar's share of the year at the last month of the period (ledger.semantics.expected_pace: the one pace
    /compare and the white paper show). One scope: the gap in percentage points; by group: those under (over)
    the pace, listed or counted. Asked before the supervision rule, whose warning line is another measure."""
    said = [m.group(0) for name in PACE_WORDS for m in pattern(name).finditer(ctx.text)]
    if not said:
        return None
    c, s = ctx.cues, ctx.slots
    if not c.rate and has_any(ctx.text, cue("project")):
        return None  # a project's 形象进度 against time is another question
    _understood(s, "".join(said))
    group = Group.REGION if s.region_each else Group.DEPT if s.dept_each else Group.CLASS if s.class_each else None
    below, above = found("pace_below", ctx.text), found("pace_above", ctx.text)
    if group and (below or above):
        count_only = found("how_many", ctx.text)
        return Query(Kind.EXECUTION, measure=Measure.RATE, group=group, topic="time_pace",
                     threshold={"op": "<" if below else ">", "value": None, "pace": True},
                     order=Order.ASC if below else Order.DESC, count_only=count_only, **ctx.base())
    if group:
        return None
    behind = found("pace_behind_said", ctx.text) or (below and not above)
    return Query(Kind.EXECUTION, measure=Measure.RATE, topic="time_pace_behind" if behind else "time_pace",
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
    if not m:  # 「比全市整体还低」: the whole set against each with 比
        m = re.search(rf"比{whole}(?:整体|总体)?(?:的)?(?:水平|执行率)?(?:还|更)?要?(低|高)", text)
    if not m:
        return None
    below = m.group(1) in cue("below") or m.group(1) == "低"
    return {"op": "<" if below else ">", "value": None, "whole": True, "said": m.group(0)}


def run(conn, pub_id, query, lexicon):
    answer, chart = budget.answer(conn, pub_id, query, lexicon)
    if query.topic not in PACE_TOPICS or query.group or answer.get("value") is None:
        return answer, chart
    pace, rate = budget.time_pace(conn, pub_id, query.period) * 100, answer["value"]  # both in %
    gap = round(pace - rate if query.topic == "time_pace_behind" else rate - pace, 2)
    said = "慢于" if rate < pace else "快于" if rate > pace else "等于"
    answer.update(value=gap, unit="个百分点", display=f"{gap:.2f} 个百分点", rate=rate, pace=pace,
                  sentence=f"{answer['period']}执行进度 {rate:.2f}%，时间进度 {pace:.2f}%（{round(pace * 12 / 100)}÷12），"
                           f"{said}时间进度" + (f" {abs(gap):.2f} 个百分点。" if rate != pace else "。"))
    return answer, chart


records = budget.records


def restate(query, lexicon, coverage=None):
    text = budget.words(query, lexicon, coverage)
    if query.topic not in PACE_TOPICS or query.group:
        return text
    gap = "时间进度减执行进度" if query.topic == "time_pace_behind" else "执行进度减时间进度"
    return f"{text}与时间进度（月份÷12）之差，{gap}（百分点）"
