"""Does the answer account for the question? A last check once a figure is computed: the question asked for
something the answer's shape cannot hold, so the figure, however well computed, answers another question.

Each rule compares what the question's words ask (several values, which ones, a percentage, a count, a year,
a change, the treasury's payments, a department's units) with what the answer is (one value, money, the
years its query covers). A mismatch is declined with the reading offered as 「您是不是想问」: on the blind
sets nlq_blind8–12 these readings were wrong figures with an official look (see the commit that added this
module for the counts); the rules never look at a set's questions, only at the words of how a question asks.
Words in nlq/semantic.toml [accounting].
"""
import re

from .ir import Kind, Measure
from .vocab import semantic

MONEY_UNITS = ("元", "万元", "亿元")
RATIO_UNITS = ("%", "个百分点")


def _pattern(name):
    return re.compile(semantic()["accounting"][name])


def _search(name, text):
    found = _pattern(name).search(text)
    return found.group(0) if found else None


def _one_value(answer):
    """One number, no table (a project's record carries its fields as rows: several values); a sum with its parts
    as rows (「A和B加起来」) is one number too."""
    return answer.get("kind") == "figure" and (len(answer.get("rows") or []) <= 1 or bool(answer.get("summed")))


def _named_project(query):
    return bool(query.project)


def several_asked(text, query, answer):
    """「分别是多少」「各安排了多少」 ask for several figures; one figure leaves the others out."""
    if _one_value(answer) and not _named_project(query):
        return _search("several", text)
    return None


def which_asked(text, query, answer):
    """「哪一所」「有哪些医院」「哪三个类」 ask for names; one figure names nothing."""
    if _one_value(answer) and not _named_project(query) and not query.count_only \
            and query.kind != Kind.SINGLE_PAYMENT:  # one payment names its payee beside its amount
        return _search("which", text)
    return None


def top_few_asked(text, query, answer):
    """「支出最多的3所」「前5名」 ask for several rows ranked; one figure (the total of all) ranks nothing."""
    if _one_value(answer) and not _named_project(query) and not query.count_only:
        return _search("top_few", text)
    return None


def percent_asked(text, query, answer):
    """「涨了百分之多少」「降幅」 ask for a percentage; an amount or a series of amounts is another figure."""
    if answer.get("unit") in RATIO_UNITS or query.count_only or query.rank_of is not None:
        return None  # a place in a ranking by a rate answers 「执行率排第几」
    return _search("percent", text)


def count_asked(text, query, answer):
    """「项目数」「笔数」「几个」 ask for a count; an amount (a sum of money or a ranking in money) is not one."""
    if answer.get("unit") not in MONEY_UNITS or _search("money", text):
        return None
    if answer.get("kind") == "table" and answer.get("payments") is not None:  # 「几笔，总额多少」: a row each
        return None
    return _search("count", text)


def rank_asked(text, query, answer):
    """「某区卫生支出排第几」「……排名」 ask for a place in a ranking; the item's own amount is not its place."""
    if _one_value(answer) and query.rank_of is None and query.kind != Kind.RANKING and query.position is None \
            and not _named_project(query):
        return _search("rank", text)
    return None


def count_and_money_asked(text, query, answer):
    """「签了多少个、金额多少」 asks for a count and a sum at once; a count alone, a sum alone or a list of the
    rows answers one of them (payments carry both, their count and their sum, as does an answer marked
    count_and_sum; two figures at once are kind measures; 「金额大于零的」 is a condition, not an ask)."""
    if query.kind == Kind.MEASURES or answer.get("kind") not in ("figure", "table") \
            or answer.get("payments") is not None or answer.get("count_and_sum"):
        return None
    counted, money = _search("count", text), _search("money_asked", text)
    return f"{counted}」「{money}" if counted and money else None


def change_asked(text, query, answer):
    """「比2025年增加多少」「多了多少」 ask for a change; the figure of one period is not a change."""
    if query.kind in (Kind.GROWTH, Kind.COMPARISON, Kind.TREND, Kind.RANKING) or query.difference \
            or answer.get("kind") == "series" or query.measure in (Measure.OUTPUT, Measure.GROWTH):
        return None
    return _search("change", text)


def amount_change_asked(text, query, answer):
    """「增加最多的是哪一类，增加了多少」 asks the change in money; a growth rate (%) answers another question."""
    if answer.get("unit") != "%" or answer.get("kind") != "table" or _search("rate_words", text):
        return None  # a growth of one figure shows both years' amounts beside the rate
    return _search("amount_change", text)


PLAN_SET_AGAINST = re.compile(r"迟于|晚于|早于|超过|比计划|按期|提前|逾期|延期|拖期|推迟|按时")


def planned_completion_asked(text, query, answer):
    """「计划完工几个项目」 counts projects by their planned end; the projects already finished are another set."""
    if query.status != "已完工" or PLAN_SET_AGAINST.search(text):
        return None  # 「竣工日期迟于计划竣工日期」: finished projects set against their plan
    return _search("planned_completion", text)


def unpaid_asked(text, query, answer):
    """「还没拨付的钱最多的项目」 asks investment not yet disbursed; the amount disbursed answers the opposite."""
    if query.measure == Measure.REMAINING:
        return None
    return _search("unpaid", text)


def counts_each_asked(text, query, answer):
    """「各是什么状态，各有几个」 asks a count per status; a list of projects (or one total) is no count of each."""
    if answer.get("unit") == "个" and answer.get("kind") in ("table", "series"):
        return None
    return _search("counts_each", text)


def payments_asked(text, query, answer):
    """「国库支付」「收款」「付给」 ask about treasury payments; a budget figure is not a sum of payments (payments
    are answered by payee, purpose or project: nlq/kinds/project/payments.py)."""
    if query.kind in (Kind.PROJECT, Kind.UNIT, Kind.PAYEES, Kind.SINGLE_PAYMENT, Kind.PLANS) \
            or query.measure in (Measure.PAID, Measure.PAYMENTS, Measure.DISBURSED) \
            or query.purpose:
        return None
    return _search("payments", text)


def units_below_asked(text, query, answer):
    """「市民政局下面有哪些二级单位」 asks for the units under a department; departments ranked, or the
    department's own figure, are not its units (nlq/kinds/unit.py answers a unit named by its name)."""
    if query.kind in (Kind.UNIT, Kind.PROJECT, Kind.MEMBERS) or query.group not in (None, "dept"):
        return None
    return _search("units_below", text)


def other_measure(text, query, answer):
    """「人均预算最高的区县」 answered with the spending per person, 「今年花了多少」 with the budget: the amount the
    question names is not the amount computed (a measure read by default)."""
    if query.kind in (Kind.PROJECT, Kind.UNIT, Kind.SUPERVISION, Kind.INQUIRY, Kind.TOWNSHIPS, Kind.SINGLE_PAYMENT,
                      Kind.PLANS, Kind.MEASURES):
        return None
    on_budget = Measure.BUDGET in (query.measure, query.base_measure)
    if on_budget:
        return None if query.measure in (Measure.RATE, Measure.REMAINING) else _search("spending_named", text)
    if query.measure in (Measure.RATE, Measure.REMAINING) or query.base_measure == Measure.RATE:
        return None
    return _search("budget_named", text)


def units_of_kind_asked(text, query, answer):
    """「全市卫生院一共花了多少」「市里预算最多的3家医院」: units of one kind, summed, ranked or counted; a spending
    class (卫生健康), the districts or a department answer for them with another figure (issue #18)."""
    if query.kind in (Kind.UNIT, Kind.MEMBERS, Kind.PROJECT, Kind.PLANS, Kind.TOWNSHIPS, Kind.PAYEES) \
            or query.units or query.project:
        return None
    return _search("units_of_a_kind", text)


def located_in_asked(text, query, answer):
    """「某县境内的项目」 asks for the projects located there, whichever budget unit owns them; the projects of the
    region's own budget units are another set (a township named is read by location: nlq/kinds/project)."""
    if query.kind != Kind.PROJECT or query.township or query.located or query.project \
            or not (query.regions or query.group == "region"):
        return None
    return _search("located_in", text)


def _years_named(text):
    """The years the question writes out: 2024, 24年 (never a project code 2026-990000-0089 or an amount)."""
    years = {int(m.group(1)) for m in _pattern("year").finditer(text)}
    return years | {2000 + int(m.group(1)) for m in _pattern("short_year").finditer(text)}


def _years_covered(query):
    periods = [p for p in [query.period, *query.periods] if p is not None]
    years = {y for p in periods for y in range(p.year_from, p.year_to + 1)} | {int(y) for y in query.years}
    if years and (query.kind == Kind.GROWTH or query.measure == Measure.GROWTH or query.difference):
        years.add(min(years) - 1)  # a change is taken against the year before
    return years


def year_left_out(text, query, answer, data_years):
    """「市本级占全市支出比重（2024）」 answered for this year, 「2021-2025逐年」 answered for all years summed:
    a year the question writes that the answer's period does not cover. A query without a period covers
    every year only for 「2021年以来」 from the data's first year on."""
    named = _years_named(text)
    if not named:
        return None
    covered = _years_covered(query)
    if not covered and data_years:
        since = {int(m.group(1)) for m in _pattern("year_since").finditer(text)}
        covered = {y for y in since if y <= min(data_years)}
    left_out = sorted(y for y in named if y not in covered)
    return f"{left_out[0]}年" if left_out else None


def two_questions(text, query, answer):
    """「教育支出多少？其中补助民办学校的有多少？」: two questions, one figure."""
    if not _one_value(answer) or _named_project(query) or query.kind == Kind.SINGLE_PAYMENT:
        return None  # one payment answers both its amount and its payee (「多少钱？付给哪家？」)
    asks = _pattern("asks")
    parts = [p for p in _pattern("question_breaks").split(text) if asks.search(p)]
    return "、".join(p.strip() for p in parts[1:2]) if len(parts) >= 2 else None


def plan_and_actual_asked(text, query, answer):
    """「计划花多少、实际花了多少」: a plan and an actual figure asked together; an answer without both (one figure,
    a list of projects, a project's facts) leaves one of them out. Two measures side by side and a year's plan
    beside its payments (Kind.PLANS) hold both, as do a plan row and an actual row alone, and a project's facts
    「计划X」「实际X」 of the X asked (「计划和实际完工日期」)."""
    if query.kind in (Kind.MEASURES, Kind.PLANS):
        return None
    labels = [str(row[0]) for row in answer.get("rows") or [] if row]
    if labels and all("计划" in label or "实际" in label for label in labels) \
            and any("计划" in label for label in labels) and any("实际" in label for label in labels):
        return None  # the plan row and the actual row, nothing else (「2026年度计划支付」「2026年实际支付」)
    tails = {label[2:] for label in labels if label.startswith("计划")} \
        & {label[2:] for label in labels if label.startswith("实际")}
    if any(tail.split("（")[0] in text for tail in tails if tail):
        return None  # 「计划完工」「实际完工」 of 「计划和实际完工日期」
    return _search("plan_and_actual", text)
def _without_purpose(text, query):
    """The text without the payment purpose it names: 「最低生活保障金」 holds a 最低 that picks nothing."""
    return text.replace(query.purpose, "") if query.purpose else text


PICK = re.compile(r"最(?:多|高|大|少|低|小|早|晚|迟|先)|(?:最近|最后)[一1]个|(?:第|头)[一1]个")


def project_pick_unranked(text, query, answer):
    """「付款最多的项目」「最早开工的项目是哪个」: one project picked by a measure; a project reading that ranks
    nothing (a total, or the projects by investment) would answer for it with another figure."""
    if query.kind != Kind.PROJECT or query.order is not None or query.limit or _named_project(query) \
            or query.count_only:
        return None
    found = PICK.search(_without_purpose(text, query))
    return found.group(0) if found else None


DATE_ASKED = re.compile(r"几号|哪天|哪一天|哪日|什么时候|什么时间|何时|几月几")


def date_asked(text, query, answer):
    """「最后一笔…是什么时候发的」: a day is asked; an amount or a count (a sum of spending, of payments) is
    another figure. Answers that are dates carry them as their value (one payment's day, a project's date)."""
    found = DATE_ASKED.search(text)
    if not found or not isinstance(answer.get("value"), (int, float)) or answer.get("date") or _named_project(query):
        return None
    return found.group(0)


def share_of_itself(text, query, answer):
    """「拨付率（已支付占年度计划的比例）」 read as the projects' disbursed money over itself: a share whose part and
    whole are the same figure (100%) says nothing of what was asked — the whole lost what set it apart."""
    rows = answer.get("rows") or []
    if answer.get("unit") != "%" or len(rows) != 2 or any(len(r) < 2 or not isinstance(r[1], (int, float)) for r in rows):
        return None
    (part_label, part), (whole_label, whole) = rows[0][:2], rows[1][:2]
    # one measure over itself (「项目已拨付资金」 of 「全部项目已拨付资金」); two measures may meet at 100% (paid in full)
    same_measure = isinstance(whole_label, str) and isinstance(part_label, str) and whole_label.endswith(part_label)
    return "比例" if whole and part == whole and same_measure else None


def share_of_unlike(text, query, answer):
    """「在建项目已付款占总投资几成」 read as a count over a sum of money: a share whose part and whole are
    different measures (项目个数 ÷ 元) is no share at all."""
    rows = answer.get("rows") or []
    if answer.get("unit") != "%" or len(rows) != 2 or any(len(r) < 3 or not isinstance(r[-1], str) for r in rows):
        return None
    kinds = {("money" if r[-1].endswith("元") else "count" if r[-1].endswith("个") else "other") for r in rows}
    return "占" if kinds == {"money", "count"} else None


RULES = (  # (rule, what the message says was asked)
    (plan_and_actual_asked, "问的是计划和实际两个数字（「{w}」），这里没有同时算出这两个"),
    (several_asked, "问的是几个数字（「{w}」），这里只算出一个"),
    (which_asked, "问的是哪些（「{w}」），这里只算出一个合计数字"),
    (share_of_unlike, "问的是比例（「{w}」），这里的分子和分母不是同一种数字（个数和金额）"),
    (share_of_itself, "问的是两样数字之间的{w}，这里算出的分子和分母是同一个数（只能得到100%）"),
    (date_asked, "问的是日期（「{w}」），这里算出的是一个数字"),
    (project_pick_unranked, "问的是按某个数字排在最前（「{w}」）的项目，这里的项目没有按它排"),
    (top_few_asked, "问的是排在前面的几项（「{w}」），这里只算出一个数字"),
    (percent_asked, "问的是百分比（「{w}」），这里算出的不是百分比"),
    (count_asked, "问的是个数（「{w}」），这里算出的是金额"),
    (count_and_money_asked, "问的是个数和金额两个数字（「{w}」），这里只算出一个"),
    (rank_asked, "问的是排名中的名次（「{w}」），这里算出的是它本身的数字"),
    (change_asked, "问的是变化（「{w}」），这里只算出一个时期的数字"),
    (amount_change_asked, "问的是变化的金额（「{w}」），这里算出的是百分比"),
    (planned_completion_asked, "问的是计划完工的项目（「{w}」，按计划完工日期），这里数的是已经完工的项目"),
    (unpaid_asked, "问的是还没有拨付的钱（「{w}」），这里算出的是已经拨付的数字"),
    (counts_each_asked, "问的是各自的个数（「{w}」），这里没有按它分别数出个数"),
    (payments_asked, "问的是国库支付记录（「{w}」），这里算出的是预算科目的支出"),
    (units_below_asked, "问的是部门下属的单位（「{w}」），这里算出的是部门或科目的数字"),
    (other_measure, "问的是「{w}」的数字，这里算出的是另一个口径（预算或支出）"),
    (units_of_kind_asked, "问的是一类单位（「{w}」），这里算出的是预算科目、地区或部门的数字，不是这些单位的"),
    (located_in_asked, "问的是位于该地区境内的项目（「{w}」），这里只算了该地区预算单位的项目"),
    (year_left_out, "问题写了「{w}」，这里的数字没有用上这一年"),
    (two_questions, "一句里问了两个问题（「{w}」），这里只回答了一个"),
)


# The reading these rules refuse is about something else than what was asked (a class, the districts or a department
# for units of a kind or a department's units): it is never offered back as 「您是不是想问」.
OTHER_SUBJECT = (units_below_asked, units_of_kind_asked)


def unaccounted(text, query, answer, data_years=()):
    """(clause, offer): the first part of the question the answer does not account for, as the message's clause, and
    whether the reading computed may be offered as a question of its own; else None. ``data_years``: the years the
    publication has."""
    if not answer or answer.get("kind") == "decline" or query is None:
        return None
    if query.kind in (Kind.DOCUMENTS, Kind.CATALOG):  # published rows (documents, classes): no amount or measure
        return None
    for rule, message in RULES:
        word = rule(text, query, answer, data_years) if rule is year_left_out else rule(text, query, answer)
        if word:
            return message.format(w=word), rule not in OTHER_SUBJECT
    return None
