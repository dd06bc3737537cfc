"""A project question as understood, in words: 「2025年示例市农村公路、状态为在建项目的实际产出（公里），按项目年度统计」."""
from dataclasses import dataclass, replace

from ledger.money import format_amount
from ledger.queries.projects import CONTRACTOR_KINDS

from ... import figures, present
from ...ir import Group, Measure
from ...present import label, order_words
from . import facts
from .answers import share_labels, share_measures
from .payments import COUNT_AND_SUM, PAYEES, PER_PAYMENT, PERIODS_PERCENT
from .rules import PROGRESS_AT

PAYEES_WORDS = {"个人": "不同收款人的人数", "单位": "不同收款单位的家数"}
BOUND_WORDS = {">": "超过", ">=": "不低于", "<": "低于", "<=": "不超过"}  # ir.Query.payment_bound's op


@dataclass
class Words:
    """The pieces every project restatement is made of."""
    period: str  # 「2025年」 (with a partial year's coverage)
    region: str
    subject: str  # 「2025年示例市农村公路项目」 or 「项目「…」」
    basis: str  # 「，按项目年度统计」: which year a project counts in


def restate(query, lexicon, coverage=None):
    words = _words(query, lexicon, coverage)
    for fits, say in PHRASES:
        if fits(query):
            return say(query, lexicon, words)
    if query.status == "滞后" and query.measure != Measure.INVESTMENT:
        return f"{words.subject}（按进度从低到高）{words.basis}"
    return f"{words.subject}（按总投资{order_words(query)}）{words.basis}"


def _words(query, lexicon, coverage):
    region, _dept, cls = present.scope_words(query, lexicon)
    if query.township:
        region = present.township_name(lexicon, query.township)
    elif query.located and query.group == Group.REGION:  # each region's projects: those built in it
        region = f"{region}（按项目所在地，含{lexicon.root_name[-1]}本级在当地建设的项目）"
    elif query.located:  # the place built in, whichever level's budget books the project
        region = f"{region}境内（按所在地：建在当地的全部项目，含{lexicon.root_name[-1]}本级）"
    period = present.period_words(query, coverage)
    subject = f"{period}{region}{cls}{_filters(query)}项目"
    if query.project and query.measure != Measure.PROGRESS:
        subject = f"项目「{lexicon.project_names.get(query.project, query.project)}」"
    # projects belong to a year by their budget year (项目年度); 新开工 by their start date, 完工 by completion
    basis = ""
    if query.period is not None and query.period.explicit:
        basis = "，按完工年份统计" if query.completed else "，按开工日期统计" if query.new_start else "，按项目年度统计"
    own = figures.own_level(query, lexicon)
    if own and query.measure not in (Measure.PAID, Measure.PAYMENTS):  # a district's projects: its own budget's
        basis += f"（按预算级次：{present.region_name(lexicon, own)}本级安排的项目）"
    return Words(period, region, subject, basis)


def _investment_filters(query):
    """「总投资超过1.00亿元」「总投资不到1,000.00万元」, or 「总投资为2,395.93万元」 for an amount written out (the two
    bounds half a unit of its last digit apart from it, nlq/cues.py _investment_bounds)."""
    low, high = query.min_investment_yuan, query.max_investment_yuan
    if low and high and high - low <= 0.001 * high:
        return f"总投资为{format_amount(round((low + high) / 2 * 100))}"
    return "、".join(x for x in (low and f"总投资超过{format_amount(int(low * 100))}",
                                high and f"总投资不到{format_amount(int(high * 100))}") if x)


def _filters(query):
    """「农村公路、状态为在建、新开工、总投资超过1.00亿元」"""
    filters = "、".join(x for x in (
        query.category, query.status and f"状态为{query.status}", "新开工" if query.new_start else None,
        _investment_filters(query),
        query.max_progress_pct is not None and f"进度低于{query.max_progress_pct:g}%",
        query.min_progress_pct is not None and f"进度超过{query.min_progress_pct:g}%",
        SCHEDULES.get(query.schedule, "").format(date=query.due_by)) if x)
    if query.contractor:
        filters = "、".join(x for x in (filters, f"{query.contractor}承建") if x)
    if query.contractor_kind:
        filters = "、".join(x for x in (filters, CONTRACTOR_KINDS[query.contractor_kind]) if x)
    return filters


SCHEDULES = {"late": "实际完工日期晚于计划完工日期", "on_time": "按期或提前完工（实际完工日期不晚于计划）",
             "early": "提前完工（实际完工日期早于计划）",
             "overdue": "超过计划完工日期仍未完工（截至{date}）"}


def _limit(query, noun="名"):
    return f"，前{query.limit}{noun}" if query.limit else ""


def _measured(query):
    return f"实际产出（{query.output_unit}）" if query.measure == Measure.OUTPUT else label(query.measure)


def _by_region(query, lexicon, w):
    return f"{w.subject}的{_measured(query)}（按地区{order_words(query)}{_limit(query)}）{w.basis}"


def _by_year(query, lexicon, w):
    if query.years:
        years = "与".join(f"{y}年" for y in query.years)
        subject = w.subject.replace(w.period, "", 1)
        return f"比较{years}{subject}的{_measured(query)}" + ("（差额）" if query.difference else "") + w.basis
    return f"{w.subject}每年的{_measured(query)}{w.basis}"


def _share(query, lexicon, w):
    part_label, whole_label = share_labels(query)
    spec = query.share_of or {}
    if query.schedule:  # 「已完工项目里按期完工的占比」: within the projects asked about
        whole_subject = w.subject.replace("、" + SCHEDULES[query.schedule].format(date=query.due_by), "", 1) \
            .replace(SCHEDULES[query.schedule].format(date=query.due_by), "", 1)
        return f"{whole_subject}中，{part_label.removeprefix('其中').removesuffix('数量')}的比例（按项目数）{w.basis}"
    if spec.get("same_projects"):
        return f"{w.subject}的{part_label.split('项目')[-1]}占{whole_label.split('项目')[-1]}的比例{w.basis}"
    whole_region = w.region if spec.get("regions") is None else lexicon.root_name
    by = {Measure.COUNT: "按项目数"}.get(share_measures(query)[0], "按" + part_label.split("项目")[-1])
    whole_projects = spec.get("category", "全部") + ("完工项目" if query.completed else "项目")
    subject = w.subject
    if spec.get("category"):  # 「医疗卫生机构项目里滞后的」: the status within the category
        subject = subject.replace(query.category or "", "", 1).replace("、状态为", "状态为")
    return f"{subject}占{w.period}{whole_region}{whole_projects}的比例（{by}）{w.basis}"


def _by_category(query, lexicon, w):
    return f"{w.subject}按类别的{label(query.measure)}（{order_words(query)}{_limit(query)}）{w.basis}"


def _investment_or_count(query):
    return "总投资" if query.measure == Measure.INVESTMENT else "项目数"


def _contractors_compared(query, lexicon, w):
    return f"比较{'、'.join(query.contractors)}承建的{_investment_or_count(query)}（{w.period}{w.region}）{w.basis}"


def _contractors(query, lexicon, w):
    if query.project:  # 「…谁在修」
        return f"{w.subject}的承建单位"
    if query.count_only:
        return f"{w.subject}的不同承包商个数（个人承包方按代号计）{w.basis}"
    return f"{w.subject}中，按{_investment_or_count(query)}排名的承包商{w.basis}"


def _ranked(query, lexicon, w):
    by = "进度" if query.measure == Measure.PROGRESS else "已拨付资金"
    return f"{w.subject}，按{by}{order_words(query)}{_limit(query, '个')}{w.basis}"


def _progress(query, lexicon, w):
    return f"项目「{lexicon.project_names.get(query.project, query.project)}」的进展"


def _output(query, lexicon, w):
    return f"{w.subject}的{'计划' if query.planned else '实际'}产出（{query.output_unit}）{w.basis}"


def _count(query, lexicon, w):
    return f"{w.subject}的数量{w.basis}"


def _paid(query, lexicon, w):
    what = PAYEES_WORDS.get(query.payee_type, "不同收款人的个数") if query.topic == PAYEES \
        else "笔数" if query.measure == Measure.PAYMENTS else "平均每笔" if query.topic == PER_PAYMENT else "笔数和金额" if query.topic == COUNT_AND_SUM else "合计"
    bound = query.payment_bound
    if bound:  # 「单笔超过100万的」: the payments counted or summed
        what = f"单笔金额{BOUND_WORDS[bound['op']]}{_yuan(bound['fen'])}的{what}"
    if query.project and query.planned:
        return f"{w.period}{w.subject}的年度计划与实际支付（国库集中支付，合计）"
    if query.project:
        return f"{w.period or '全部年度'}{w.subject}的支付（国库集中支付，{what}）"
    if query.purpose and query.group == Group.MONTH:  # 「哪个月发得最多」
        by = "笔数" if query.measure == Measure.PAYMENTS else "金额"
        most = "最少" if query.order == "asc" else "最多"
        return f"{w.period}用途为「{query.purpose}」的支付，按月份排列（国库集中支付，{by}{most}的月份在前）"
    if query.purpose and query.group == Group.YEAR and query.difference:  # 「今年比去年同期少了多少笔」
        by = "笔数" if query.measure == Measure.PAYMENTS else "金额"
        return f"{w.period}用途为「{query.purpose}」的支付，后一年比前一年{by}的增减（国库集中支付）"
    if query.purpose and query.years and query.difference:  # 「今年比去年同期多发了多少」
        base = replace(query.period, year_from=query.years[0], year_to=query.years[0]).label()
        what = "变化百分比" if query.topic == PERIODS_PERCENT else "差额（后者减前者）"
        return f"用途为「{query.purpose}」的支付，{base}与{query.period.label()}相比的{what}（国库集中支付）"
    if query.purpose and query.group == Group.YEAR and query.order:  # 「哪一年发得最多」
        by = "笔数" if query.measure == Measure.PAYMENTS else "金额"
        most = "最少" if query.order == "asc" else "最多"
        return f"{w.period}用途为「{query.purpose}」的支付，按年份排列（国库集中支付，{by}{most}的年份在前）"
    if query.purpose and query.group == Group.YEAR:
        return f"{w.period}用途为「{query.purpose}」的支付，每年合计（国库集中支付）"
    if query.purpose:
        return f"{w.period or '全部年度'}用途为「{query.purpose}」的支付（国库集中支付，{what}）"
    if query.contractor:
        return f"{w.period or '全部年度'}付给{query.contractor}的款项（国库集中支付，{what}）"
    if query.payee_type:
        return f"{w.period or '全部年度'}付给{query.payee_type}的国库集中支付（{what}）"
    return f"{w.period or '全部年度'}全部国库集中支付（{what}）"


def _yuan(fen):
    """「100万元」「1.5亿元」「800元」: an amount as asked, not rounded to two decimals of 万."""
    yuan = fen // 100
    for size, name in ((10 ** 8, "亿"), (10 ** 4, "万")):
        if yuan >= size and yuan * 100 % size == 0:
            return f"{yuan / size:g}{name}元"
    return f"{yuan:,}元"


def _progress_at(query, lexicon, w):
    """「项目「X」2026年第3季度末的计划和实际进度」 (a quarter's end), else 「…某一时点的进度」."""
    period = query.period
    if query.project and period is not None and not period.whole_year and not period.multi_year \
            and period.month_to % 3 == 0:
        asked = "实际进度比计划落后的百分点" if query.difference else "计划和实际形象进度"
        name = lexicon.project_names.get(query.project, query.project)
        return f"项目「{name}」{period.year_to}年第{period.month_to // 3}季度末的{asked}"
    return f"{w.period}{w.subject}某一时点的进度"


def _amount(query, lexicon, w):
    return f"{w.subject}的{label(query.measure)}{'' if query.project else '合计'}{w.basis}"


PHRASES = (
    (lambda q: q.topic == PROGRESS_AT, _progress_at),
    (lambda q: q.project is not None and q.topic is not None, lambda q, lexicon, w: facts.restate(q, lexicon)),
    (lambda q: q.measure in (Measure.PAID, Measure.PAYMENTS), _paid),
    (lambda q: q.group == Group.REGION, _by_region),
    (lambda q: q.group == Group.YEAR, _by_year),
    (lambda q: q.measure == Measure.SHARE, _share),
    (lambda q: q.group == Group.CATEGORY, _by_category),
    (lambda q: q.group == Group.CONTRACTOR and q.contractors, _contractors_compared),
    (lambda q: q.group == Group.CONTRACTOR, _contractors),
    (lambda q: q.measure in (Measure.PROGRESS, Measure.DISBURSED) and q.group == Group.PROJECT, _ranked),
    (lambda q: q.measure == Measure.PROGRESS, _progress),
    (lambda q: q.measure == Measure.OUTPUT, _output),
    (lambda q: q.measure == Measure.COUNT and q.group is None, _count),
    (lambda q: q.measure in (Measure.INVESTMENT, Measure.DISBURSED) and q.group is None, _amount),
)
