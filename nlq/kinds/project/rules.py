"""Builders of project questions: counts, investment, disbursement, outputs (公里, 套, 亩 …), progress,
lists and rankings of projects, by contractor, category, region or year; shares among projects."""
import re

from ... import slots
from ...ir import Group, Kind, Measure, Order, Query
from ...timeparse import Period
from ...vocab import basis, found, has_any, measure_words, pattern, semantic, words
from . import asked

ON_TIME_WORDS = re.compile("按期|按时|如期|准时")  # 「按期或提前完工」 counts on time too; 「提前完工」 alone does not
PROGRESS_AT = "progress_at"  # a project's progress at a point of the year (季度末): the record has the latest only


def _filters(ctx, **changes):
    """The project scope: place, class, category, status and the first contractor named."""
    s = ctx.slots
    return ctx.base(category=s.category, status=status(ctx), contractor=s.contractors[0] if s.contractors else None,
                    township=township(ctx), contractor_kind=contractor_kind(ctx), **schedule(ctx), **changes)


CONTRACTOR_KIND_PATTERNS = (("person", "person_contractor"), ("uncontracted", "without_contract"),
                            ("none", "without_contractor"))


def contractor_kind(ctx):
    """「个人承包的项目」: built by a person; 「还没签合同的」: no contract awarded; 「还没有施工单位的」: no contractor
    yet (ledger.queries.projects CONTRACTOR_KINDS). The words that say so name nothing else."""
    for kind, name in CONTRACTOR_KIND_PATTERNS:
        spans = [m.span() for m in pattern(name).finditer(ctx.text)]
        if spans:
            slots.explain(ctx.slots, spans)
            return kind
    return None


UNDER_WAY = "在建或滞后"  # any of these statuses (ledger.queries.projects): projects being built, on plan or behind


def status(ctx):
    """The status named, or 「在建或滞后」 for projects said to be under way (「在做」「正在施工」) without 在建 alone."""
    s = ctx.slots
    if s.status is None and found("under_way", ctx.text):
        return UNDER_WAY
    return s.status


SCHEDULE_WORDS = ("时间", "日期", "完工日期", "完工时间", "计划", "晚于", "迟于", "超过", "超出", "按期", "按时", "如期",
                  "准时", "提前", "干完", "做完", "还没", "仍未", "没有", "逾期")


def schedule(ctx):
    """Projects against their planned end date (计划完工日期): 「实际完工晚于计划的」 late, 「按期或提前完工的」 on time,
    「超过计划完工日期还没干完的」 overdue by the data's date. The words of the comparison name nothing else."""
    text = ctx.text
    late = found("finished_late", text)
    if late and found("not_finished", text):
        asked = {"schedule": "overdue", "due_by": ctx.as_of.isoformat()}
    elif late:
        asked = {"schedule": "late"}
    elif found("finished_on_time", text):
        # 「提前完工的」 alone: before the planned date; 「按期或提前」 on or before it
        on_time = pattern("finished_on_time").search(text).group(0)
        asked = {"schedule": "early" if ON_TIME_WORDS.search(on_time) is None else "on_time"}
    else:
        return {}
    ctx.slots.unknown[:] = [w for w in ctx.slots.unknown if w not in SCHEDULE_WORDS]
    return asked


def township(ctx):
    """The township or street named (「桃坞街道有哪些项目」): projects there only."""
    return ctx.slots.townships[0] if ctx.slots.townships else None


def disbursal_rate(ctx):
    """「承建项目的拨付率」「在建项目总的拨付比例」: disbursed over investment, same projects (比例 inside the word
    拨付比例 is no share of all projects; 「…占…」 is)."""
    c, s = ctx.cues, ctx.slots
    if not (c.project_subject and c.disbursal_rate and (not c.share or "占" not in ctx.text)):
        return None
    if s.projects:  # 「某工程的拨付率」: the named project's disbursed over its own investment
        code = choose_project(s.projects[0], ctx.lexicon, s.regions, s.period)
        return Query(Kind.PROJECT, measure=Measure.SHARE, base_measure=Measure.DISBURSED, project=code,
                     share_of={"measure": "investment", "same_projects": True, "regions": None})
    return Query(Kind.PROJECT, measure=Measure.SHARE, base_measure=Measure.DISBURSED,
                 share_of={"measure": "investment", "same_projects": True, "regions": None}, **_filters(ctx))


def share(ctx):
    """「滞后项目占全部项目的比例」: a count; 「农村公路项目投资占项目总投资的比例」: an amount within all projects;
    「已拨付资金占总投资的比例」: one amount against another of the same projects."""
    c, s, text = ctx.cues, ctx.slots, ctx.text
    if not (c.project_subject and c.share and not c.rate
            and (s.status or s.category or s.contractors or c.project_cue or s.projects)
            and not (s.classes and not s.category and not s.projects)):
        return None
    part_text, whole_text = (text[:s.share_at], text[s.share_at:]) if s.share_at >= 0 else (text, "")
    part = asked.named_in(part_text) or Measure.COUNT
    whole = asked.named_in(whole_text) or part
    if s.projects:  # 「某项目已拨付资金占总投资的比例」: one amount of the named project against another of it
        if part == whole or Measure.COUNT in (part, whole):
            return None  # a project is no part of itself, nor counted
        code = choose_project(s.projects[0], ctx.lexicon, s.regions, s.period)
        return Query(Kind.PROJECT, measure=Measure.SHARE, base_measure=part, project=code,
                     share_of={"measure": whole.value, "same_projects": True, "regions": None})
    share_of = {"measure": whole.value, "same_projects": whole != part,
                "regions": s.whole.regions if (s.whole.regions or s.whole.named) else None}
    if s.whole.category:
        share_of["category"] = s.whole.category
    return Query(Kind.PROJECT, measure=Measure.SHARE, base_measure=part, share_of=share_of, **_filters(ctx))


def projects(ctx):
    """Every other question about projects, by the first of PROJECT_RULES that recognises it."""
    c, s = ctx.cues, ctx.slots
    if not c.project_subject or c.rate or c.share:
        return None
    if s.classes and not s.category and not c.project_cue and not s.projects and not s.contractors and not s.status:
        return None  # 「保障性安居工程支出」 names a class, not projects
    common = scope(ctx)
    for rule in PROJECT_RULES:
        query = rule(ctx, common)
        if query is not None:
            return query
    return None


def scope(ctx):
    """Filters every project query keeps: place, class, category, status, investment bounds and progress
    thresholds (「进度不到20%」)."""
    c, s = ctx.cues, ctx.slots
    progress = c.threshold and found("progress_threshold", ctx.text)
    return ctx.base(**schedule(ctx), contractor_kind=contractor_kind(ctx),
        category=s.category, status=status(ctx), township=township(ctx), min_investment_yuan=c.min_investment,
        max_investment_yuan=c.max_investment,
        max_progress_pct=c.threshold["value"] * 100 if progress and c.threshold["op"] == "<" else None,
        min_progress_pct=c.threshold["value"] * 100 if progress and c.threshold["op"] == ">" else None)


def _new_start(ctx, **_):
    """「新开工」 counts by the start date (a project not yet started, 未开工, never is)."""
    return ctx.cues.has("new_start") and ctx.slots.status != "未开工"


def contractors_compared(ctx, common):
    """「A和B各承建了几个项目」: the named contractors side by side."""
    named = ctx.slots.contractors
    if len(set(named)) < 2:
        return None
    measure = Measure.INVESTMENT if ctx.cues.asks("investment") else Measure.COUNT
    return Query(Kind.PROJECT, measure=measure, group=Group.CONTRACTOR, contractors=list(dict.fromkeys(named)),
                 limit=len(set(named)), **common)


def one_contractor(ctx, common):
    """「某公司承建了多少个项目」「…总投资多少」「…承建了哪些项目」「…一共修了多少公里」"""
    c, s, text = ctx.cues, ctx.slots, ctx.text
    if not s.contractors or (c.top and not has_any(text, words("list_question"))):
        return None
    contractor = s.contractors[0]
    if has_any(text, words("list_question")):
        return Query(Kind.PROJECT, measure=Measure.COUNT, group=Group.PROJECT, contractor=contractor, **common)
    if c.output_unit:
        return Query(Kind.PROJECT, measure=Measure.OUTPUT, output_unit=c.output_unit,
                     planned=has_any(text, words("planned")), contractor=contractor, **common)
    measure = Measure.DISBURSED if has_any(text, measure_words("disbursed")) \
        else Measure.INVESTMENT if c.asks("investment") else Measure.COUNT
    return Query(Kind.PROJECT, measure=measure, contractor=contractor, **common)


def paid_to(ctx, common):
    """「付给某公司多少钱」「某公司一共收到多少财政资金」: the treasury payments to the company named, never its
    project count. A period the payments cannot be cut to exactly (part of a past year, several years) is
    left to the other rules, which decline money asked and only a count known."""
    s, c = ctx.slots, ctx.cues
    if not s.contractors or not found("paid_to", ctx.text) or c.asks("investment") or c.asks("disbursed") or c.top \
            or c.project_cue:  # 「某公司的项目已经拨付了多少」 is the projects' disbursement
        return None
    period = s.period if s.period is not None and s.period.explicit else None
    if period is not None and not payment_period(period, ctx.as_of):
        return None
    return Query(Kind.PROJECT, measure=Measure.PAID, contractor=s.contractors[0], period=period)


def payment_period(period, as_of):
    """A period the payments are cut to by their dates: one year, or months of one year (「今年十月份」「三季度」)."""
    return not period.multi_year


def contractors_counted(ctx, common):
    """「一共有多少家不同的承包商」「农村公路项目有几家施工企业」: the different contractors of the projects counted
    (persons by their pseudonyms; 「含个人」 keeps them), with each one's projects as the rows."""
    s = ctx.slots
    if not found("firms_counted", ctx.text) or s.contractors:
        return None
    persons_in = re.search(r"(?:含|包括|包含|连同)个人", ctx.text)
    if re.search("企业|公司", ctx.text) and not persons_in:
        return None  # companies only: the contractors include persons (pseudonyms), not told apart here
    if common.get("contractor_kind") == "person" and persons_in:
        common = {**common, "contractor_kind": None}  # persons included, not the only ones asked
    if common.get("contractor_kind"):
        return None
    return Query(Kind.PROJECT, measure=Measure.COUNT, group=Group.CONTRACTOR, count_only=True, **common)


def contractors_ranked(ctx, common):
    """「哪家公司承建的项目最多」: contractors by number of projects (or by investment)."""
    s = ctx.slots
    if not (ctx.cues.has("contractor") or s.contractors) or common.get("contractor_kind"):
        return None  # 「个人承包的项目有哪些」: the projects of that kind, not their contractors
    measure = Measure.INVESTMENT if has_any(ctx.text, words("money_ranking")) else Measure.COUNT
    return Query(Kind.PROJECT, measure=measure, group=Group.CONTRACTOR, order=Order.DESC,
                 limit=ctx.cues.limit or 1, contractor=s.contractors[0] if s.contractors else None, **common)


def one_project(ctx, common):
    """One named project: its disbursement, investment, output or progress."""
    s, c = ctx.slots, ctx.cues
    if not s.projects:
        return None
    codes = s.projects[0]
    code = choose_project(codes, ctx.lexicon, s.regions, s.period)
    if len(codes) > 1:  # the same name in several years: say which one answers
        years = sorted({ctx.lexicon.project_year.get(other) for other in codes})
        ctx.notes.append(f"有{len(codes)}个同名项目（{'、'.join(f'{y}年' for y in years)}），"
                         f"以下是{ctx.lexicon.project_year.get(code)}年的项目（编号 {code}）")
    if c.has("contractor") or found("who_builds", ctx.text):  # 「…的承建单位是谁」「…谁在修」
        return Query(Kind.PROJECT, measure=Measure.COUNT, group=Group.CONTRACTOR, project=code, limit=1)
    measure = _first_asked(ctx.text, (Measure.INVESTMENT, Measure.DISBURSED)) \
        or (Measure.OUTPUT if c.output_unit else Measure.PROGRESS)
    return Query(Kind.PROJECT, measure=measure, project=code, output_unit=c.output_unit,
                 planned=measure == Measure.OUTPUT and has_any(ctx.text, words("planned")))


def _first_asked(text, measures):
    """The measure whose word comes first (「总投资和已支付分别是多少」: the investment), or None."""
    at = {m: min((i for w in measure_words(m.value) if (i := text.find(w)) >= 0), default=None) for m in measures}
    asked = [(i, m) for m, i in at.items() if i is not None]
    return min(asked)[1] if asked else None


def categories_ranked(ctx, common):
    """「哪类项目总投资最多」: project categories ranked."""
    if ctx.slots.category is not None or not found("category_each", ctx.text):
        return None
    return Query(Kind.PROJECT, measure=asked.asked(ctx), group=Group.CATEGORY, order=ctx.order(),
                 limit=ctx.limit_or_one(), **common)


def by_year(ctx, common):
    """「2021至2025年项目总投资逐年变化」「去年滞后项目数比前年多了几个」: project figures year by year."""
    c, s = ctx.cues, ctx.slots
    period = s.period
    over_years = period is not None and period.multi_year and not period.since and not c.top and not s.contractors \
        and (c.has("trend") or c.output_unit or c.asks("investment") or c.asks("count"))
    if not (c.compare_years or over_years):
        return None
    unit = asked.output_unit(ctx)
    if c.compare_years:
        common = common | {"period": Period(min(c.compare_years), max(c.compare_years))}
    compared = bool(c.compare_years)
    return Query(Kind.PROJECT, measure=Measure.OUTPUT if unit else asked.asked(ctx), output_unit=unit, group=Group.YEAR,
                 years=c.compare_years, difference=compared and (c.growth or c.has("difference")),
                 percent_change=compared and found("percent", ctx.text),
                 planned=unit is not None and has_any(ctx.text, words("planned")),
                 new_start=_new_start(ctx) and unit is None, **common)


def by_region(ctx, common):
    """「哪个区县修的农村公路最多」「各区县滞后项目数」「A县和B县修了多少公里」: projects by region."""
    s = ctx.slots
    if not (s.region_each or len(s.regions) >= 2) or s.projects:
        return None
    unit = asked.output_unit(ctx)
    measure = Measure.OUTPUT if unit else Measure.INVESTMENT if ctx.cues.asks("investment") else Measure.COUNT
    return Query(Kind.PROJECT, measure=measure, output_unit=unit, group=Group.REGION, order=ctx.order(),
                 limit=ctx.limit_or_one(), new_start=_new_start(ctx), **common)


def output(ctx, common):
    """「去年修了多少公里农村公路」"""
    c, s = ctx.cues, ctx.slots
    if not c.output_unit or not (found("how_much", ctx.text) or s.outputs or s.category):
        return None
    yearly = c.has("trend") and s.period is not None and s.period.multi_year
    return Query(Kind.PROJECT, measure=Measure.OUTPUT, output_unit=c.output_unit,
                 planned=has_any(ctx.text, words("planned")), group=Group.YEAR if yearly else None, **common)


def ranked(ctx, common):
    """「已拨付资金最多的两个项目」「进度最慢的两个」: projects ranked by disbursement or progress."""
    c = ctx.cues
    if not c.top or not (c.asks("disbursed") or found("progress", c.ask_text)) or found("which_class", ctx.text):
        return None
    by_progress = not c.asks("disbursed")
    slow = found("slowest", ctx.text)
    ascending = slow if by_progress else c.bottom
    return Query(Kind.PROJECT, measure=Measure.PROGRESS if by_progress else Measure.DISBURSED, group=Group.PROJECT,
                 order=Order.ASC if ascending else Order.DESC, limit=c.limit or (1 if ctx.single() else 10), **common)


def disbursed(ctx, common):
    if not has_any(ctx.text, measure_words("disbursed")):
        return None
    return Query(Kind.PROJECT, measure=Measure.DISBURSED, new_start=_new_start(ctx), **common)


def invested(ctx, common):
    c = ctx.cues
    if not c.asks("investment") or c.top or c.limit:
        return None
    return Query(Kind.PROJECT, measure=Measure.INVESTMENT, new_start=_new_start(ctx), **common)


def largest(ctx, common):
    """「投资最大的十个项目」"""
    if not has_any(ctx.text, measure_words("investment")) or not ctx.cues.top:
        return None
    return Query(Kind.PROJECT, measure=Measure.INVESTMENT, group=Group.PROJECT, order=ctx.order(),
                 limit=ctx.cues.limit or (1 if ctx.single() else 10), **common)


def counted(ctx, common):
    """「多少个项目」; 「新开工…完工」 counts finished projects, not new ones."""
    if not (has_any(ctx.text, measure_words("count")) or found("how_many_projects", ctx.text)):
        return None
    new = _new_start(ctx) and not ctx.cues.has("completed")
    return Query(Kind.PROJECT, measure=Measure.COUNT, new_start=new, **common)


def listed(ctx, common):
    """Anything else about projects: the projects themselves."""
    return Query(Kind.PROJECT, measure=Measure.COUNT, group=Group.PROJECT, new_start=_new_start(ctx), **common)


# A named project comes first: whatever is asked of it (its contractor too) is answered from its record.
PROJECT_RULES = (one_project, paid_to, contractors_compared, one_contractor, contractors_counted, contractors_ranked, categories_ranked, by_year,
                 by_region, output, ranked, disbursed, invested, largest, counted, listed)


def built_output(ctx):
    """「去年修了多少公里」 without a project word: the output built."""
    unit = ctx.cues.output_unit
    if not unit or not re.search(pattern("built_output").pattern + re.escape(unit), ctx.text):
        return None
    return Query(Kind.PROJECT, measure=Measure.OUTPUT, output_unit=unit,
                 **ctx.base(category=ctx.slots.category, township=township(ctx)))


def choose_project(codes, lexicon, regions, period):
    """The project a name means when several share it: the one in the region named, of the year named,
    else the most recent."""
    def rank(code):
        year = lexicon.project_year.get(code, 0)
        return (lexicon.project_region.get(code) in regions if regions else True,
                period is not None and period.explicit and year in period.years, year, code)

    return max(codes, key=rank)


def refine(query, ctx):
    """A project query's own rules, once built."""
    as_of, period = ctx.as_of, query.period
    if query.category and query.classes:
        query.classes = []  # 「保障房」 names the category; its 类 adds nothing
    if query.new_start and period is not None and period.whole_year and period.year_to == as_of.year \
            and not period.multi_year:
        # 「今年新开工了多少个」: started by now, not planned to start later this year
        query.period = Period(as_of.year, as_of.year, 1, as_of.month)
    if query.measure == Measure.OUTPUT and query.status == "已完工" and ctx.slots.status_surface in words("built_status"):
        query.status = None  # 「建成保障房多少套」: 建成 is the verb of the output asked for
    if query.schedule == "overdue":  # 「到10月底还没干完的逾期项目」: as of the data's date, whatever their status or year
        # 逾期 or 完工 said of the schedule (「逾期」「仍未完工」), not of the status
        query.status = None if query.status in ("滞后", "已完工") else query.status
        if period is not None and (period.year_to, period.month_to or 12) >= (as_of.year, as_of.month):
            query.period = None
    query.completed = by_completion(query, ctx.text)
    if progress_at_a_point(query, ctx.slots.period, ctx.text):
        query.topic, query.period = PROGRESS_AT, ctx.slots.period
        query.difference = found("behind_plan", ctx.text)  # 「比计划落后了多少个百分点」: the gap is the figure
    located = located_asked(ctx, query.regions)
    one_place = len(query.regions) == 1 and query.group in (None, Group.PROJECT)
    if located and (one_place or query.group == Group.REGION) and not query.township and not query.project \
            and query.measure not in (Measure.PAID, Measure.PAYMENTS):
        query.located = True  # 「某县境内」「位于某县」: where the projects are built, not which level books them
        slots.explain(ctx.slots, [located.span()])


def located_asked(ctx, regions):
    """The words that say where projects are (「境内」「位于」「建在」「所在区县」, or 「在某县」「某县的地方」 before or
    after the one region named), as a match; None when the question says nothing of where they are built."""
    said = re.search(semantic()["accounting"]["located_in"], ctx.text)
    if said or len(regions) != 1:
        return said
    name = ctx.lexicon.region_names.get(regions[0]) or ""
    names = sorted({name, name[:-1] if len(name) >= 3 else name} - {""}, key=len, reverse=True)
    if not names:
        return None
    place = "|".join(re.escape(n) for n in names)
    return re.search(rf"(?<![现正实存还])在(?:{place})|(?:{place})的?地方", ctx.text)


def progress_at_a_point(query, period, text):
    """「四季度末实际进度」「三季度末落后于计划的项目」: progress at a point of the year; the question box reads a
    project's latest progress only, so the latest would answer another question (declined in answers.py)."""
    return period is not None and period.explicit and not period.whole_year \
        and (found("progress", text) or found("behind_plan", text)) \
        and query.measure != Measure.DISBURSED and query.topic is None


def by_completion(query, text):
    """「2025年完工的」「今年修了多少公里」「去年新增多少学位」: the projects completed in the year named, the
    basis the reports count outputs on; a word of the plan (安排、立项、开工、计划、「2026年度项目」), 新开工,
    one named project or a question without a year keep the project's year."""
    period = query.period
    if period is None or not period.explicit or query.new_start or query.planned or query.project:
        return False
    if query.measure == Measure.PROGRESS:
        return False
    return basis("completed").search(text) is not None and basis("project_year").search(text) is None
