"""Stage 5 of the parser: decline — a question the publication cannot answer gets a reason in Chinese and
keyword-search results, never an unrelated figure.

Two checks: ``subject`` after slots and intent (no budget subject: weather, GDP, a procedure, an opinion,
the future; a place the publication does not cover), and ``period`` once the data's years are known (a year
before the first or after the last year with data, a month not yet reached). Words in nlq/semantic.toml
[decline].
"""
import re
from dataclasses import dataclass

from anonymize.names import find_names

from . import unmatched, vocab
from .cues import project_subject
from .ir import Group, Kind, Measure, Versus
from .text import longest_first
from .timeparse import MONTH_SINCE
from .vocab import pattern, semantic

# Every reason code a decline can carry, with what it means: the API schema's enum and its documentation are
# written from this table (portal/openapi.py), and a Decline with any other code is a programming error.
REASONS = {
    "no_subject": "问题没有说明要查的支出、预算或项目",
    "no_data": "本站没有这类数据（如收入、预算调整、转移支付）",
    "no_class": "没有这个支出科目",
    "no_records": "所问的范围内没有记录",
    "procedure": "办事指南类问题",
    "opinion": "评价、原因或是否违规的判断",
    "future": "预测将来",
    "not_held": "问的不是数据里有的东西（办公时间等实时信息、假设的情形、代写文字、分到乡镇街道的预算）",
    "privacy": "涉及个人的信息",
    "unknown_place": "本站没有该地方的数据",
    "unknown_region": "没有这个地区",
    "unknown_dept": "没有这个部门",
    "unknown_project": "没有这个项目",
    "out_of_range": "所问的年份或月份超出数据范围",
    "unit_mismatch": "所问的单位与数据不符",
    "unaccounted": "算出的数字不能涵盖问题问的全部内容（几个数字、哪些、百分比、个数、某一年……）",
    "unsure": "没有把握理解（给出可选的问法）",
    "not_understood": "没有理解问题",
    "record_search": "查找具体记录（交给关键词搜索）",
}


@dataclass
class Decline:
    reason: str  # a key of REASONS
    message: str
    search: str | None = None  # the keywords to search for, when not the question itself

    def __post_init__(self):
        if self.reason not in REASONS:
            raise ValueError(f"decline reason {self.reason!r} is not in nlq.decline.REASONS")

    def to_dict(self):
        return {"reason": self.reason, "message": self.message}


def words(name):
    return semantic()["decline"][name]


def _first(text, candidates):
    return next((w for w in candidates if w in text), None)


SUBJECT_RULES = (  # (word list, reason, message with {w} for the word found)
    ("procedure", "procedure", "本站公开预算和支出数字，不提供办事指南；「{w}」这类办理问题请咨询主管部门或政务服务平台。"),
    ("opinion", "opinion", "本站只提供公开的预算数字，不对支出作评价（「{w}」）；可以问具体的支出、预算或执行率。"),
    ("future", "future", "本站只有已发布的预算和支出数据，不能预测将来（「{w}」）。"),
    ("why", "opinion", "本站公开预算和支出的数字，不解释背后的原因（「{w}」）；可以问具体的数字，例如执行率、支出或预算，"
                       "原因请咨询主管部门。"),
    ("no_data", "no_data", "本站没有「{w}」的数据，只发布财政预算、支出和项目数据。"),
    ("unpublished", "no_data", "本站发布的是年初预算、支出和项目，没有「{w}」这类预算调整、转移支付或收入的数据。"),
    ("audit", "opinion", "本站只发布预算和支出的数字，不能判断资金是否被「{w}」；这类问题请查阅审计报告或向审计、纪检部门反映。"),
    ("conduct", "opinion", "本站只发布预算、支出和项目的数字，没有企业「{w}」方面的记录；这类信息请查询信用信息公示平台"
                           "或向主管部门了解。"),
    # what the question asks for is no figure of the data, though it may name one (a department, a class)
    ("office_hours", "not_held", "本站只有已发布的预算和支出数据，没有办公时间、联系方式等实时信息（「{w}」）；"
                                 "这类问题请咨询该单位或政务服务平台。"),
    ("hypothetical", "not_held", "本站只发布实际的预算和支出数字，不推算假设的情形（「{w}」）；可以问实际的数字，例如各区县的支出。"),
    ("writing_task", "not_held", "本站的问答只查数字，不代写标题、文章等文字（「{w}」）；可以问具体的数字，例如「今年民生支出是多少」。"),
    ("deliberation", "not_held", "本站只发布已公开的预算、支出和项目数据，没有内部讨论、会议或未公开决定的记录（「{w}」）；"
                                 "可以问已发布的项目和数字。"),
)


# 「全国地方支出」「全省支出」「全市的支出」: spending alone after the whole place is its total (issue #18: a total
# read by meaning as a class is a wrong figure with an official look, in a figure, a ranking, a growth or a share)
WHOLE_SPENDING = re.compile(r"(?:全国地方|全国|地方|全省|全市|全县|全区|全州|全盟)的?(?:财政)?总?(?:支出|开支)")


def total_asked(text):
    """True when the question asks for a total (合计、一共、财政支出): a fuzzy match never makes it a class."""
    return _first(text, words("total")) is not None


def whole_spending_spans(text):
    """Spans of 「全国地方支出」「全省支出」: their words are read as the total, never left for a match by meaning
    (other words of the question still are: 「能否」 stays unsure)."""
    return [m.span() for m in WHOLE_SPENDING.finditer(text)]


# 「市政府」 alone: the place's government as a whole, never 市政 (城乡社区) read inside it (with 办 it is the office)
GOVERNMENT = re.compile(r"[市县区省]政府(?!办)")


def not_in_totals(found, text):
    """The lexicon's matches without a class read inside a word for a total (「财政支出」 is no 财政事务) or inside
    「市政府」."""
    return [f for f in found if not (all(e.type == "class" for e in f[3])
                                     and (in_total(text, f[0], f[1]) or _in_government(text, f[0], f[1])))]


def _in_government(text, start, end):
    return any(m.start() <= start and end <= m.end() for m in GOVERNMENT.finditer(text))


def in_total(text, start, end):
    """True when text[start:end] lies inside a word for a total (「财政支出」「合计」)."""
    return any(i <= start and end <= i + len(w) for w in words("total") for i in _where(text, w))


def _where(text, word):
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def subject(text, slots, lexicon):
    """A Decline for a question with no budget subject or about a place not in the publication, else None."""
    for name, reason, message in SUBJECT_RULES:
        word = _first(text, words(name))
        if word and f"{word}安排" in text:  # 「国有土地使用权出让收入安排的支出」 is a spending class
            continue
        if word:
            return Decline(reason, message.format(w=word))
    asked = _not_held_asks(text) or _outside_named_root(text, lexicon) or _procedure_asked(text, slots) \
        or _stock_asked(text) or _finer_day(text, slots) or _since_inside_month(text, slots) or _unit_cost_averaged(text, slots) or _payment_stage(text) or _people_or_place(text) or _one_person(text, lexicon) or _year_end_ahead(text) \
        or _forecast_unasked(text) \
        or _vague_reference(text, slots, lexicon) or _own_level_below(text, lexicon) or _level_not_held(text, lexicon)
    if asked:
        return asked
    word = _first(text, words("soft_off_topic"))
    if word and not _first(text, words("money")) and WORKS.search(text):
        return _in_update_notes(text, word, lexicon)
    if word and not _first(text, words("money")):
        return Decline("no_subject", f"本站只有财政预算和支出数据，没有「{word}」方面的信息；"
                                     "如想了解相关支出，可以问「……支出是多少」。")
    return _place(slots, lexicon) or _township_budget(slots) or _project_elsewhere(slots, lexicon) \
        or _absent_class(slots, lexicon) or _finer_than_data(slots.text, lexicon) \
        or _unmatched(slots, lexicon) or _record_search(text, slots)


def project_left_out(slots, query, lexicon):
    """「某工程完成了百分之多少」 read as the city's execution rate, 「某项目拨付比例」 as all projects' share: one
    project named and a query built without it answers for something else with an official look (issue #18)."""
    if len(slots.projects) != 1 or query is None or query.project or query.contractor or query.contractors \
            or any(part.project for part in query.parts):
        return None
    name = next((lexicon.project_names.get(code) for code in slots.projects[0] if code in lexicon.project_names), "")
    return Decline("unaccounted", f"问题说的是项目「{name}」，这里能算出的数字不是这个项目的，这个数字回答的是另一个问题，"
                                  "所以不作答；可以问这个项目的进度、总投资、已拨付资金，或看关键词搜索结果。")


def project_name_shared(slots, query, lexicon):
    """「某某工程付了多少」 when several projects bear that very name (different years or places) and the question
    names no year or region that tells them apart: one of them, picked silently, would answer with an official
    look for a figure that is not the one asked (issue #18). Declined, listing the projects that share the name, when
    they lie in different places; one place's projects of several years keep the older rule (the latest, with a note)."""
    if query is None or not query.project or len(slots.projects) != 1 or len(slots.projects[0]) < 2:
        return None
    codes = [c for c in slots.projects[0] if c in lexicon.project_names]
    if slots.regions:
        codes = [c for c in codes if lexicon.project_region.get(c) in slots.regions] or codes
    period = slots.period
    if period is not None and period.explicit:
        codes = [c for c in codes if lexicon.project_year.get(c) in period.years] or codes
    if len({lexicon.project_region.get(c) for c in codes}) < 2:
        return None  # one place's projects of several years: the latest answers, its notes say how many share the name
    name = lexicon.project_names[codes[0]]
    each = "、".join(f"{lexicon.project_year.get(c)}年{lexicon.region_names.get(lexicon.project_region.get(c), '')}"
                    f"（编号 {c}）" for c in sorted(codes, key=lambda c: (lexicon.project_year.get(c, 0), c)))
    return Decline("unsure", f"本站有{len(codes)}个项目都叫「{name}」：{each}；不替您挑其中一个作答，"
                             "请写明年份、地区或项目编号再问。")


def category_left_out(slots, query):
    """「农村公路项目完成了几成」 read as the city's execution rate: a category of projects named and a budget
    reading built without it (execution, a share, a figure of spending) answers for all spending."""
    if not slots.category or query is None or query.category or query.kind not in (Kind.EXECUTION, Kind.FIGURE) \
            or slots.classes:
        return None
    return Decline("unaccounted", f"问题说的是{slots.category}项目，这里能算出的是预算科目的支出数字，不是这类项目的，"
                                  f"所以不作答；可以问「{slots.category}项目的平均进度」或「{slots.category}项目总投资」。")


def township_left_out(slots, query, lexicon):
    """「某镇修路」 read as the city's 交通运输 spending: a township named and a query built without it answers for the
    whole district or city with an official look; below the district only projects are published (issue #18)."""
    if not slots.townships or query is None or query.township or query.project or query.units \
            or query.kind in (Kind.TOWNSHIPS, Kind.MEMBERS):
        return None
    story = unmatched.background_words(slots.text, slots.rest)  # 「我家在某镇，…」 tells where the asker lives
    named = [lexicon.township_names.get(code, "") for code in slots.townships]
    named = [name for name in named if name and name not in story]
    if not named:
        return None
    name = named[0]
    return Decline("unaccounted", f"问题说的是「{name}」，本站乡镇街道一级只有项目的数据，这里能算出的数字不是这个乡镇街道的，"
                                  f"所以不作答；可以问「{name}有哪些项目」，或看关键词搜索结果。")


# works under way (「因为下雨施工放缓的工程」): a weather word then is what the projects' update notes say
WORKS = re.compile(r"工程|项目|施工|工地|停工|开工|工期|进度|进展")
# the notes' written word for the spoken one (the demo's notes say 「受连续降雨影响」)
NOTE_WORDS = {"下雨": "降雨", "下雪": "降雪", "暴雨": "降雨", "大雨": "降雨", "阴雨": "降雨", "雨天": "降雨", "雨季": "降雨"}
NOTE_ASKS = ("施工", "停工", "放缓", "延误", "工期", "进度")


def _in_update_notes(text, word, lexicon):
    """Projects whose update notes name the weather: keyword search over the notes, with the places named."""
    from .resolve import places_named

    places = [place for _a, _b, place in places_named(text, lexicon)]
    keywords = [*dict.fromkeys(places), NOTE_WORDS.get(word, word), *(w for w in NOTE_ASKS if w in text)]
    return Decline("record_search", f"这像是在找进展记录中提到「{word}」的项目，不是问一个数字；下面是关键词搜索结果。",
                   search=" ".join(keywords))


def _township_budget(slots):
    """「某区预算给某街道分了多少」: budgets are published for regions, departments and classes, never split among
    townships; the projects located in the township (their investment) would answer another question."""
    allotted = pattern("township_budget").search(slots.text)
    if not slots.townships or not allotted or slots.projects:
        return None
    return Decline("not_held", f"本站的预算只到区县、部门和科目，没有分到乡镇街道的预算（「{allotted.group(0)}」）；"
                               "可以问该乡镇街道的项目及其投资，或所在区县的预算。")


NOT_HELD_ASKS = (  # ([patterns] name, reason, message with {w} for the words found)
    ("reidentify", "privacy", "本站的支付和项目记录中的个人已去标识化，不提供代号背后的真实姓名或身份（「{w}」），"
                              "也不回答与还原身份有关的问题；可以问这类支出或项目的合计。"),
    ("map_drawn", "not_held", "本站的问答只回答数字和表格，不绘制地图（「{w}」）；项目的所在乡镇街道可以在项目页查看，"
                              "也可以问「某街道有哪些项目」。"),
    ("chart_drawn", "not_held", "本站的问答只回答数字和表格，不按要求绘制指定样式的图（「{w}」）；可以不提图的样式再问同样的数字，"
                                "例如「今年各区县支出多少」，答案附有表格和本站的图表。"),
    ("outside_described", "unknown_place", "本站只有本期发布范围内各地的数据，没有「{w}」这类范围以外地方的数据；"
                                           "可以问本站所列地区的支出，例如各区县的支出。"),
    ("personal_account", "privacy", "本站只有财政预算和支出的汇总数字，不能查询个人的账户余额或待遇（「{w}」）；"
                                    "个人的社保、公积金、养老金请通过发放机构或政务服务平台查询，也可以问这类支出的合计。"),
    ("about_assistant", "no_subject", "这里是预算公开网站的问答，只回答本站发布的预算、支出和项目数字，"
                                      "不回答关于问答本身的问题（「{w}」）；可以问例如「今年教育支出是多少」。"),
    ("own_case", "privacy", "本站只有预算、支出和项目的汇总数字，不能查询某个人或某一家的具体情况（「{w}」）；"
                            "个人的待遇问题请咨询发放部门或政务服务平台，也可以问这类支出的合计。"),
    ("people_named", "privacy", "本站不公开领款个人的姓名（「{w}」），支付记录中的个人已去标识化；"
                                "可以问这类支出的合计或笔数，例如「今年最低生活保障支出是多少」。"),
    ("post_pay", "privacy", "本站不公开某个人的工资收入（「{w}」），预算和支出只按地区、部门、单位和科目汇总；"
                            "可以问该单位的预算或支出。"),
    ("act_for_asker", "not_held", "本站的问答只查询已发布的数字，不能替您联系、投诉或办事（「{w}」）；"
                                  "这类事情请直接联系该单位或政务服务平台。"),
    ("what_if", "not_held", "本站只发布实际的预算和支出数字，不推算假设的情形（「{w}」）；可以问实际的数字和排名。"),
    ("per_day", "not_held", "本站的支出按月、项目产出按年发布，没有按天统计的数字（「{w}」）；可以问全年或某月的数字。"),
    ("notify_me", "not_held", "本站的问答只查询已发布的数字，不能提醒、通知或订阅（「{w}」）；新的项目和数据发布后，"
                              "可以再来问，例如「今年新开工的项目有哪些」。"),
    ("other_currency", "unit_mismatch", "本站的金额以人民币元发布，没有汇率，不换算成其他货币（「{w}」）；"
                                        "可以问以元计的数字。"),
    ("finer_week", "not_held", "本站的支出按月发布，没有按周统计的数字（「{w}」）；月份或全年的数字会回答另一个问题，"
                               "可以问某个月或全年的支出。"),
    ("place_attribute", "not_held", "本站只发布财政预算、支出和项目数据，没有地方的面积、海拔等基本情况（「{w}」）；"
                                    "这个地方的支出回答的是另一个问题，可以问它的支出或预算。"),
    ("population_by_age", "not_held", "本站只有各地常住人口的总数，没有按年龄分的人口数据（「{w}」）；某类支出占总支出的"
                                      "比例回答的是另一个问题，可以问这类支出或人均支出。"),
    ("care_advice", "not_held", "本站只发布预算、支出和项目的数字，不提供就医或办事方面的建议（「{w}」）；医院的支出排名回答的是"
                                "另一个问题，可以问某家医院的预算或支出。"),
    ("money_destinations", "not_held", "本站只有各地自己的支出，没有资金拨给或援助了哪些地方的去向数据（「{w}」）；"
                                       "可以问各地这类支出的合计。"),
    ("office_holder", "not_held", "本站只发布预算、支出和项目的数字，没有任职人员的信息（「{w}」）；"
                                  "这类信息请查阅当地政府网站，也可以问该地区或部门的支出。"),
)


def _not_held_asks(text):
    """The question's main ask is something the data does not hold — the asker's own case, people's names, one
    person's pay, an action, a what-if, a count per day — though a word of it (低保、某局、教育支出) names a figure:
    that figure would answer another question with an official look (issue #18)."""
    for name, reason, message in NOT_HELD_ASKS:
        found = pattern(name).search(text)
        if found and name == "place_attribute" and pattern("stock_flow").search(text):
            continue  # 「项目新增绿地面积多少平方米」: an output of projects, a figure of the data
        if found:
            return Decline(reason, message.format(w=found.group(0).strip("，,。 ")))
    return None


def _outside_named_root(text, lexicon):
    """「不是本市的那个县」「示例市以外的地方」: a place outside the publication described by excluding it; the
    publication's own places (its counties ranked) would answer for a place it does not hold."""
    root = lexicon.region_names.get(lexicon.root_code, "")
    names = "|".join(re.escape(n) for n in (root, "本市", "我市", "咱市", "咱们市", "我们市", "本省", "本县", "本地") if n)
    found = re.search(f"(?:不(?:是|属于|在)(?:{names})(?:的|里|内|范围)|(?:{names})(?:以外|之外)的?(?:县|市|区|省|地方))", text)
    if not found:
        return None
    return Decline("unknown_place", f"本站只有{root or '本期发布范围'}的数据，没有「{found.group(0)}」这类范围以外地方的数据；"
                                    "可以问本站所列地区的支出。")


def _procedure_asked(text, slots):
    """「门口这条路归哪个部门管」「审批要多久」: who is in charge of something or how long a procedure takes — a
    department's spending would answer another question. A named project's department is a project fact."""
    if slots.projects:
        return None
    found = pattern("who_in_charge").search(text) or pattern("how_long").search(text)
    if not found:
        return None
    return Decline("procedure", f"本站公开预算和支出数字，不提供职责分工和办事时限（「{found.group(0).strip('？?')}」）；"
                                "这类问题请咨询主管部门或政务服务平台。")


def _stock_asked(text):
    """「全市一共有多少张病床」: what a place has (a stock) — projects record only the beds and places they add, so
    their outputs would answer another question; 「新增」「建成」「项目」 ask for those outputs."""
    stock = pattern("stock_asked").search(text)
    if not stock or pattern("stock_flow").search(text):
        return None
    return Decline("not_held", f"本站没有现有数量的数据（「{stock.group(0)}」），只有建设项目新增的产出；"
                               "可以问「项目新增了多少床位」这类问题。")


def _finer_day(text, slots):
    """「昨天全市花了多少」「10月15日那天的支出」: spending is published by month, so the month's figure would answer
    for one day; a project's dates (开工、完工) are kept for the project kinds."""
    day = pattern("finer_day").search(text)
    if not day or project_subject(slots):
        return None
    return Decline("not_held", f"本站的支出按月发布，没有按天统计的数字（「{day.group(0)}」）；可以问那个月或全年的支出。")


def _since_inside_month(text, slots):
    """「3月15日以来」「2025年7月以来」: spending and payments are summed by month of one year, so a day inside a
    month, or a month of an earlier year up to now (two years' months), would be answered with another period."""
    since = re.search(MONTH_SINCE, text)
    if not since or slots.as_of is None:
        return None
    if since.group(2) and int(since.group(2)) != 1:
        return Decline("not_held", f"本站的数字按月汇总，不能从某月中间的一天算起（「{since.group(0)}」）；"
                                   "可以问从那个月月初算起，或问那个月以后的各月。")
    period = slots.period
    if period is not None and period.year_to < slots.as_of.year:
        return Decline("not_held", f"「{since.group(0)}」跨了年，问答目前只能在一年之内按月合计；可以分别问"
                                   f"{period.year_to}年{since.group(1)}—12月和{slots.as_of.year}年截至目前的数字。")
    return None


# 「工程进度款」「预付款付了多少」: a kind of works payment, recorded per project (「某工程进度款」), never summed by kind
PAYMENT_STAGE = re.compile(r"进度款|预付款|结算款|尾款|质保金|质量保证金")


def _payment_stage(text):
    """A stage of works payments (进度款、预付款) is a suffix of each project's own purpose, not one purpose: a project
    list or every payment of the projects would answer for their sum, which no reading adds up yet."""
    stage = PAYMENT_STAGE.search(text)
    if not stage:
        return None
    return Decline("not_held", f"本站的国库支付用途按每个工程各自记录（如「某某工程{stage.group(0)}」），问答目前不能把各工程的"
                               f"「{stage.group(0)}」合起来算；可以问某个工程一共付了多少、付了几笔，或在支付明细里按用途查。")


UNIT_COST_AVERAGED = re.compile(r"平均|均价|总体|整体|全市|合计|一共|总共")
# a ranking or a list of districts, or projects counted against their target (「单位成本超标的项目有几个」)
UNIT_COST_PICKED = re.compile(r"哪|最|排|前\d|各|分别|每个(?:区|县)|超|目标|高于|低于|个数|几个|多少个|数量|项目数")


def _unit_cost_averaged(text, slots):
    """「农村公路项目的平均单位成本」「每公里农村公路花了多少钱」: one figure over every district is asked; unit
    costs are published per district (nlq/kinds/unit_cost.py), and the first district of that ranking would
    answer for it."""
    if slots.projects or not pattern("unit_cost").search(text) or UNIT_COST_PICKED.search(text) \
            or (len(slots.regions) == 1 and not UNIT_COST_AVERAGED.search(text)):
        return None  # one district named: its own row of the table
    return Decline("unaccounted", "问的是所有项目合起来的平均单位成本，问答目前只能按区县列出单位成本（成本合计 ÷ "
                                  "产出合计），不能给出一个全市平均数；可以问各区县的单位成本（如「各区县修路每公里花多少钱」）。")


def _people_or_place(text):
    """「领补助的人都有谁」 asks for people's names (never published); 「疫苗在哪打」 for where to get something done."""
    people = pattern("asks_for_people").search(text)
    if people:
        return Decline("privacy", f"本站不公开个人信息（「{people.group(0)}」），支出记录中的个人已去标识化；"
                                  "可以问相关支出的合计，例如「……支出是多少」。")
    act = pattern("request_to_act").search(text)
    if act:
        return Decline("procedure", f"本站只能查询已发布的预算和支出数据，不能修改数据（「{act.group(0)}」）；"
                                    "数据由财政部门发布，可以问数字是多少，例如「……预算是多少」。")
    where = pattern("procedure_where").search(text)
    if where:
        return Decline("procedure", f"本站公开预算和支出数字，不提供办事地点和指南；「{where.group(0)}」这类问题"
                                    "请咨询主管部门或政务服务平台。")
    return None


WHOLE_ASKED = re.compile(r"全市|全区|全县|全省|全国|一共|总共|合计|总计")
ASKS_AMOUNT = re.compile(r"多少|几")


def _total_asked_apart(text, relative):
    """The relative is told of in a clause that asks nothing, and another clause asks how much in all (全市、一共 …)
    with no relative or name in it: the question is the total, which the asker's story only leads to."""
    clauses = [(m.start(), m.end()) for m in re.finditer(r"[^，,。；;！!？?]+", text)]
    told = [c for c in clauses if c[0] <= relative.start() < c[1]]
    if not told or ASKS_AMOUNT.search(text[told[0][0]:told[0][1]]):
        return False
    return any(c != told[0] and ASKS_AMOUNT.search(text[c[0]:c[1]]) and WHOLE_ASKED.search(text[c[0]:c[1]])
               and not pattern("asker_relative").search(text[c[0]:c[1]]) for c in clauses)


def _one_person(text, lexicon):
    """「帮我查查我舅舅王建国领了多少临时救助」「张伟去年的低保」: what one person received — payments to people are
    published without their names, and the total paid to everyone would answer for one person."""
    receipt = pattern("person_receipt").search(text)
    relative = pattern("asker_relative").search(text)
    pseudonym = pattern("pseudonym").search(text)
    if pseudonym and any(start < pseudonym.end() and pseudonym.start() < end for start, end, _s, _e in lexicon.scan(text)):
        pseudonym = None  # 「个人承包方070DC9A1」 as a project's contractor: its payments are answered as a payee's
    if pseudonym:  # 「受助人7027B5D6这些年领了多少」: the city's total would answer for one person
        return Decline("privacy", f"「{pseudonym.group(0)}」是支付记录中去标识化后的个人代号，问答不按个人汇总；"
                                  "可以在支付记录（/records/payments）中按收款方查看，或问这类支出的合计。")
    if not receipt:
        return None
    named = _person_names(text, lexicon)
    if not (named or relative):
        return None
    if not named and _total_asked_apart(text, relative):
        return None  # 「我外婆领养老补贴，全市今年一共发了多少」: the asker's story, then the total of everyone
    who = named[0] if named else relative.group(0)
    return Decline("privacy", f"本站不公开某个人领取或收到的款项（「{who}」），支付记录中的个人已去标识化；"
                              "可以问这类支出的合计，例如「今年临时救助发了多少」。")


def _person_names(text, lexicon):
    """Person names in the question that no name of the publication covers (a contractor, a place, a project)."""
    taken = [(start, end) for start, end, _surface, _entries in lexicon.scan(text)]
    return [span.value for span in find_names(text) if span.kind == "person_name"
            and not any(start < span.end and span.start < end for start, end in taken)]


def _year_end_ahead(text):
    """「照现在这个速度，年底能花掉多少」: the year's end has not come; the spending to date would answer
    another question (the forecast rule answers when asked in its own words: nlq/kinds/supervision.py)."""
    ahead = pattern("year_end_ahead").search(text)
    if not ahead or pattern("forecast").search(text):
        return None
    return Decline("future", f"本站只有已经发生的支出，{ahead.group(1)}的数字还没有；可以问截至目前的支出，"
                             "或问「按预警规则，今年预计年底执行率是多少」（监督预警规则的推算）。")


def _forecast_unasked(text):
    """「年底执行率预计多少」「年底能花完吗」: a forecast; the site does not forecast. The supervision rule's
    year-end estimate answers only when it is what is asked (its own words: 「按预警规则」), or when a level's
    warning flags are listed (「哪些部门预计完不成」): a bare estimate would look like a published figure."""
    if not pattern("forecast").search(text) or pattern("forecast_rule").search(text) \
            or pattern("forecast_listed").search(text):
        return None
    return Decline("future", "本站只发布已经发生的支出，不做预测；监督预警规则有一个按往年各月支出比例推算的年底"
                             "执行率，它是推算不是结果——如要看它，请问「按预警规则，今年预计年底执行率是多少」。")


def _vague_reference(text, slots, lexicon):
    """「那个东西后来花了多少」: a reference to something said before, and nothing named in the question — the
    whole city's figure would answer a question nobody asked. 「那个生态护林员的补助」 names a payment purpose."""
    from .kinds.project.payments import purpose_named

    reference = pattern("vague_reference").search(text)
    named = (slots.regions, slots.townships, slots.region_whole, slots.depts, slots.classes, slots.class_set,
             slots.projects, slots.contractors, slots.category, slots.outputs)
    if not reference or any(named) or purpose_named(text, lexicon):
        return None
    return Decline("no_subject", f"不知道「{reference.group(0).strip('，,。 ')}」指的是什么；请说出地区、部门、科目或项目的名称，"
                                 "例如「今年教育支出是多少」。")


def _own_level_below(text, lexicon):
    """「广东省本级」「鹭洲区本级」: the own rows of a region below the top level, which the publication does not
    separate (only the top level's own rows are: 市本级); never the top level's own rows in its place."""
    for _start, end, surface, entries in lexicon.scan(text):
        below = [e for e in entries if e.type == "region" and e.value != lexicon.root_code]
        if below and text.startswith("本级", end):
            name = lexicon.region_names.get(below[0].value, surface)
            return Decline("unknown_region", f"本站数据没有{name}本级（不含下级）的数据，只有{name}的合计。")
    return _own_level_unpublished(text, lexicon)


# 「县级财政支出」「乡镇级」「地级市」: a level of government below the places the publication has
LOWER_LEVEL = re.compile(r"(?:区县|县区|县|乡镇|乡|镇|地市|市县)级|地级市|县域")


def _level_not_held(text, lexicon):
    """「河南县级财政支出合计」 on the yearbook (provinces only): the province's total would answer for its counties."""
    asked = LOWER_LEVEL.search(text)
    if not asked or any(name.endswith("县") for name in lexicon.region_names.values()):
        return None
    return Decline("unknown_region", f"本站数据只有{lexicon.root_name}和{lexicon.each_word}的合计，没有「{asked.group(0)}」"
                                     "这一级的数字；所在地区的合计会回答另一个问题。")


OWN_LEVEL = re.compile(r"(中央|全国|国|省|自治区|市|区|县|州)?本级")


def _own_level_unpublished(text, lexicon):
    """「省本级」「中央本级」 in the yearbook, 「区本级」 in a city: a level's own rows the publication does not have
    (only a top level with rows of its own has them: 示例市's 市本级) — never the top level's or a ranking in their place."""
    asked = OWN_LEVEL.search(text)
    if not asked:
        return None
    level = asked.group(1)
    if lexicon.root_own_rows and level in (None, lexicon.root_name[-1]):
        return None
    return Decline("unknown_region", f"本站数据没有「{asked.group(0)}」（不含下级）的数据，只有{lexicon.root_name}"
                                     f"和{lexicon.each_word}的合计。")


def _project_elsewhere(slots, lexicon):
    """「鹭洲区第9幼儿园建设工程」 when only 枫林区 has a 第9幼儿园: the name without its region matched a project
    whose name starts with another region, so that project would answer for a place nobody asked about."""
    if not slots.projects or not slots.regions:
        return None
    named = {lexicon.region_names.get(code, "") for code in slots.regions} - {""}
    names = [lexicon.project_names.get(code, "") for code in slots.projects[0]]
    if any(name.startswith(tuple(named)) for name in names):
        return None
    others = tuple(n for n in lexicon.region_names.values() if n and n not in named)
    if not names or not all(name.startswith(others) for name in names):
        return None
    place = "、".join(sorted(named))
    return Decline("unknown_project", f"本站数据中{place}没有这个项目（名称相近的项目：{'、'.join(sorted(set(names))[:3])}），"
                                      "下面是关键词搜索结果。")


def _absent_class(slots, lexicon):
    """「外交支出」 in a publication without that 类: the class is named by its own words (semantic.toml
    [class_synonyms]) but not published, so no look-alike class (交通运输) may stand in for it."""
    published = {re.sub("支出$", "", name) for name in lexicon.class_names.values()}
    taken = [(a, b) for a, b, _s, _e in lexicon.scan(slots.text)]
    for stem, synonyms in semantic()["class_synonyms"].items():
        if stem in published or not lexicon.class_names:
            continue
        for word in sorted({stem, *synonyms}, key=longest_first):
            spots = [i for i in _where(slots.text, word) if not any(a <= i < b for a, b in taken)]
            if spots:
                return Decline("no_class", f"本站数据中没有「{stem}支出」这一科目（{lexicon.root_name}的支出没有这一类），"
                                           "下面是关键词搜索结果。")
    return None


def _finer_than_data(text, lexicon):
    """「湖北23年义务教育支出」「广东学前教育」 on data with 类 only (no 款 published): a part of a 类 is asked, and the
    类's total (教育) would answer for it. Only the 类's words inside the part count (文化旅游体育与传媒 holds 体育 and
    is the 类 itself)."""
    if lexicon.kuan_names or not lexicon.class_names:
        return None
    classes = [(start, end - 2 if surface.endswith("支出") else end) for start, end, surface, entries
               in lexicon.scan(text) if any(e.type == "class" for e in entries)]  # 「公共卫生支出」 names 公共卫生
    for part in sorted(words("finer_than_lei"), key=longest_first):
        for i in _where(text, part):
            if any(i <= start and end <= i + len(part) for start, end in classes):
                return Decline("no_class", f"本站数据的科目只到「类」一级（如「教育支出」），没有「{part}」这一级的数字；"
                                           "类的合计会回答另一个问题，可以问所属的类。")
    return None


def _record_search(text, slots):
    """「枫林区医院」「松岗养老院」「星桥老小区改造」: a facility or a kind of record named and nothing asked of it (no
    question word, no measure, no period): the person looks for records, so the keyword results answer, not
    a total of the spending class the facility belongs to."""
    if slots.projects or slots.contractors or (slots.period is not None and slots.period.explicit) \
            or slots.status is not None:  # 「有没有停工的工程」: the projects of a status are asked, not a record
        return None
    record = _first(text, words("record_words"))
    if record is None or pattern("asks_something").search(text):
        return None
    return Decline("record_search", f"这像是在找具体的项目或记录（「{record}」），不是问一个数字；下面是关键词搜索结果。")


def _unmatched(slots, lexicon):
    """A department or a named facility the publication does not have: the keyword results say what is near."""
    dept = unmatched.department(slots) or unmatched.named_department(slots, lexicon) \
        or unmatched.dept_of_another_region(slots.text, lexicon)
    if dept:
        return Decline("unknown_dept", f"本站数据中没有名为「{dept}」的部门，下面是名称相近的部门和项目。")
    level = unmatched.missing_level(slots.text, lexicon)
    if level is None and lexicon.township_names and not slots.townships:  # 「乡镇街道的支出」: the level as a whole
        whole = pattern("township_level_whole").search(slots.text)
        level = whole.group("level") if whole else None
    below = level in ("街道", "镇", "乡", "乡镇街道", "镇街", "街镇") and bool(lexicon.township_names)
    ranked = project_subject(slots) and _townships_ranked(slots.text, lexicon)
    if ranked:  # 「哪个镇项目最多」「这么多镇街里，哪里项目最多」 rank the townships by their projects (nlq/kinds/townships.py)
        return None
    if level and below and slots.projects:
        # 「某项目位于哪个街道」 asks for the named project's township (nlq/kinds/project/facts.py)
        level = None
    if level and below:  # 「哪个街道花钱最多」: budgets and spending stop at the district; townships have projects
        return Decline("not_held", f"本站的预算和支出只公布到区县一级，没有按乡镇街道分的预算和支出（「{level}」）；"
                                   "乡镇街道一级只有项目的数据，可以问「哪个镇街项目最多」或某个乡镇街道的项目个数和投资。")
    if level:
        return Decline("unknown_region", f"本站数据没有{level}一级的数据，现有地区：{_region_list(lexicon)}。")
    place = unmatched.facility(slots, lexicon)
    if place:
        return Decline("unknown_project", f"本站数据中没有找到名为「{place}」的项目，下面是关键词搜索结果。")
    return None


def _townships_ranked(text, lexicon):
    """The townships as a level of projects (nlq/kinds/townships.py answers it)."""
    from .kinds.townships import level_asked
    return level_asked(text, lexicon) is not None


def _place(slots, lexicon):
    names = list(lexicon.region_names.values())
    for place in words("places"):
        if place in slots.rest and place not in lexicon.root_name and not any(n.startswith(place) for n in names):
            return Decline("unknown_place", f"本站没有{place}的数据，只有{_scope(lexicon)}的数据。")
    for name in names:  # 「吉林市」「海口市」 is a city in a province, never the province itself (吉林省)
        city = f"{name[:-1]}市" if name.endswith("省") else None
        if city and city in slots.text:
            return Decline("unknown_place", f"本站没有{city}的数据，只有{_scope(lexicon)}的数据（{name}是省级合计）。")
    if slots.missing_region:
        return Decline("unknown_region", f"本站数据中没有名为「{slots.missing_region}」的地区，"
                                         f"现有地区：{_region_list(lexicon)}。")
    if slots.missing_township:
        return Decline("unknown_region", f"本站数据中没有名为「{slots.missing_township}」的乡镇街道"
                                         f"{_township_list(lexicon)}。")
    return None


def _township_list(lexicon):
    names = list(lexicon.township_names.values())
    return f"，现有乡镇街道：{'、'.join(names[:8])}等 {len(names)} 个" if names else "；本站数据没有乡镇街道一级"


def _scope(lexicon):
    return f"{lexicon.root_name}及{_region_list(lexicon)}"


def _region_list(lexicon):
    names = [n for code, n in lexicon.region_names.items() if lexicon.region_level.get(code)]
    return "、".join(names[:12]) + ("等" if len(names) > 12 else "")


def period(query, years, last_month):
    """A Decline for a period outside the data; ``last_month(year)`` is the last month with spending rows."""
    p = query.period
    if not years or p is None or query.kind == Kind.PROJECT or not p.explicit:
        return None
    if p.recent:  # 近三年 means the last three years with data (coverage.py says so in a note)
        return None
    first, last = years[0], years[-1]
    until = last_month(last)
    span = f"本站数据从{first}年到{last}年" + (f"（{last}年截至{until}月）" if 0 < until < 12 else "")
    if p.year_to < first or (p.year_from < first and not p.multi_year):
        return Decline("out_of_range", f"{span}，没有{p.year_from}年的数据。")
    if _compares_with_year_before(query) and p.year_from == first:  # 2021年同比 needs 2020
        return Decline("out_of_range", f"{span}，没有{first - 1}年的数据，算不出{first}年相比上年的变化。")
    if p.year_from > last or (p.year_to > last and not p.multi_year and query.measure != Measure.BUDGET):
        return Decline("out_of_range", f"{span}，没有{p.year_to}年的数据。")
    months = p.month_to or p.month_from
    if p.year_to == last and months and 0 < until < months and query.measure != Measure.BUDGET:
        return Decline("out_of_range", f"{span}，{last}年{months}月的数据尚未发布。")
    return None


PLAN_NUMERALS = "一二三四五"
PLAN_PERIOD = re.compile(f"十([{PLAN_NUMERALS}])五")  # 十一五 … 十五五: the five-year plans from 2006 on


def plan_period(text, years):
    """「十三五期间」 is 2016—2020: declined when the data do not cover the whole plan period, never answered for
    the latest year in its place."""
    found = PLAN_PERIOD.search(text)
    if not found or not years:
        return None
    start = 2006 + 5 * PLAN_NUMERALS.index(found.group(1))
    end = start + 4
    if years[0] <= start and end <= years[-1]:
        return None
    return Decline("out_of_range", f"「{found.group(0)}」指{start}—{end}年，本站数据从{years[0]}年到{years[-1]}年，"
                                   "不能算出整个规划期的数字；可以问数据范围内的某一年。")


def _compares_with_year_before(query):
    """Growth of one year (or months of one year) against the year before it (同比)."""
    return query.kind == Kind.GROWTH and query.versus == Versus.YEAR and not query.period.multi_year


def unread(text):
    """A Decline that says what the site does not hold, for a question nothing was read in that asks about
    revenue (fines, fees, taxes) or about notices (tenders, awards), else None: 「没有理解」 alone would leave a
    first-time user guessing whether the data has the figure."""
    word = _first(text, sorted(words("unread_revenue"), key=longest_first))
    if word:
        return Decline("no_data", f"本站没有收入的数据（「{word}」），只发布财政预算、支出和项目数据；下面是关键词搜索结果。")
    word = _first(text, sorted(words("unread_notices"), key=longest_first))
    if word:
        return Decline("no_data", f"本站没有招标、采购、中标等公告（「{word}」），只发布财政预算、支出和项目数据；"
                                  "公告请查看政府采购网或公共资源交易平台。下面是关键词搜索结果。")
    return None


# words of the data's records and publications (a payment, a report, a project) besides names and money words
DATA_WORDS = re.compile(r"支付|付款|凭证|收款|文件|白皮书|报告|公告|决算|预算|项目|工程|数据|明细|更新|发布|"
                        r"[A-Za-zＡ-Ｚａ-ｚ]{2}")


def nothing_of_the_data(text, lexicon):
    """True when a question holds no name of the publication, no money or record word and no word of its
    records (a question nothing of the data was read in: 「驾照到期咋个换证」)."""
    return not lexicon.scan(text) and not _first(text, words("money")) and not _first(text, words("record_words")) \
        and not DATA_WORDS.search(text)


def empty(answer, notes):
    """A Decline for an answer with no figure in it (「—」: no population, no budget for a rate) or a sum of no
    records (0.00 元 for a combination the data do not hold), else None: never shown as a figure."""
    if answer and answer.get("nothing"):  # a kind that words its own 「没有」 says there is nothing to count
        return Decline("no_data", answer["nothing"])
    if answer and answer.get("kind") == "series" and answer.get("rows") == [] \
            and (answer.get("columns") or [""])[0] == "月份":
        return _no_months(answer)
    unable = next((n for n in notes if "无法" in n), None)
    if answer and answer.get("kind") == "table" and answer.get("rows") == [] and unable:
        return Decline("no_data", f"本站数据不能算出这些数字：{unable}。")  # 「各省人均」 with no population: no empty table
    if not answer or answer.get("kind") != "figure" or answer.get("topic"):  # a topic kind words its own「没有」
        return None
    if answer.get("value") is None:
        why = next((n for n in notes if "无法" in n or "没有" in n), "缺少算出它所需的数据（如人口数或年初预算）")
        return Decline("no_data", f"本站数据不能算出这个数字：{why}。")
    if answer.get("value") == 0 and answer.get("unit") in words("money_units_zero"):
        return Decline("no_records", "本站数据中没有符合这些条件的支出记录（合计为 0），请检查地区、部门、科目和时间的组合。")
    return None


def _no_months(answer):
    """A series of no months (the yearbook publishes whole years) is never an answer (issue #18): it would read as
    「nothing was spent」 with an official look. Declined, saying why. (An empty ranking of a class a level does not
    have stays an answer: the generated set expects it.)"""
    return Decline("no_records", "本站这部分数据没有所问时期的逐月数字（年鉴只发布全年数字），不以空的序列作答；"
                                 "可以问全年的数字。")


def year_not_over(text, covered, query):
    """「2026年全年的决算执行率」 when 2026's data end in October (``covered``: 「截至10月」): the year's final figure
    does not exist yet, and the figure to date would answer for it."""
    asked = pattern("whole_year_final").search(text)
    # the warning rule's year-end estimate, asked in its words, is the one figure of a year not over
    if not covered or not asked or query.period is None or query.kind == Kind.SUPERVISION:
        return None
    year = query.period.year_to
    return Decline("out_of_range", f"{year}年还没有结束，数据{covered.removeprefix(f'{year}年')}；「{asked.group(0)}」要到年度结束后"
                                   f"才有，不能用截至目前的数字代替。可以问「{year}年截至目前……」。")


SHAPES = (  # (pattern in [patterns], does the query answer it?, what cannot be computed yet)
    ("month_vs_month", lambda q: q.kind == Kind.COMPARISON or (q.kind == Kind.GROWTH and q.versus == Versus.PREVIOUS)
     or (q.kind == Kind.FIGURE and bool(q.periods)), "两个月份相比"),
    ("month_ranked", lambda q: (q.kind in (Kind.TREND, Kind.PROJECT) and q.group in (Group.MONTH, Group.QUARTER)
                                and q.order) or (q.kind == Kind.PAYEES and q.topic == "payment_months"),
     "月份（季度）的排名"),
    ("years_counted", lambda q: q.count_only and q.group == Group.YEAR, "符合条件的年份个数"),
    ("months_counted", lambda q: q.count_only and q.group == Group.MONTH, "符合条件的月份个数"),
    ("growth_ranked", lambda q: q.order is not None and q.measure == Measure.GROWTH, "按增长快慢的排名"),
    ("days_late", lambda q: q.project is not None and q.topic == "days_late", "延误的天数"),
    ("finished_late", lambda q: (q.project is not None and q.topic == "days_late") or q.schedule in ("late", "overdue"),
     "按实际与计划完工日期比较的项目"),
    # a named project's contract, or contracts awarded (a kind of their own, "awards"); never projects by investment
    ("contract_amount", lambda q: q.kind == "awards" or (q.kind == Kind.PROJECT and q.project), "合同金额"),
    # one payment picked out (nlq/kinds/single_payment.py); never a sum of many
    ("single_payment", lambda q: q.kind == Kind.SINGLE_PAYMENT, "单独一笔支付"),
    ("single_payment_when", lambda q: q.kind == Kind.SINGLE_PAYMENT, "单独一笔支付"),
    # issue #18: one figure in the place of a rank, a ratio, a gap, a sum's share, days, a count of firms or two periods
    ("rank_of_one", lambda q: q.kind == Kind.RANKING, "某一项在排名中的名次"),
    # 「1月和7月加起来」: months apart added up (one sum over months that follow each other is answered)
    ("months_summed", lambda q: q.kind == Kind.FIGURE and bool(q.periods), "不相连的几个月份的合计"),
    # 「第二多的是哪一类」: that place of a ranking, never the first row or a total in its place
    ("nth_ranked", lambda q: q.position is not None or (q.limit == 1 and q.order is not None), "排名中的某一名"),
    ("times_asked", lambda q: q.kind == Kind.COMPARISON and q.topic == "times", "两个数字的倍数"),
    ("max_min_gap", lambda q: False, "最大值与最小值之差"),
    ("spent_budget_gap", lambda q: q.measure == Measure.REMAINING, "实际支出与预算之差"),
    ("documents_of_year", lambda q: q.kind != Kind.DOCUMENTS or bool(q.years), "某一年发布的文件份数"),
    ("projects_counted", lambda q: q.count_only or (q.measure == Measure.COUNT and q.group != Group.PROJECT), "项目的个数"),
    ("sum_share", lambda q: q.kind != Kind.RANKING, "几项合起来所占的比例"),
    ("days_asked", lambda q: q.kind == Kind.INQUIRY or (q.project is not None and q.topic in ("award_to_start", "days_late"))
     or (q.kind == Kind.DOCUMENTS and q.topic == "days"),
     "相隔的天数"),
    ("firms_counted", lambda q: q.count_only or q.group != Group.CONTRACTOR, "不同企业的个数"),
    ("vs_same_period", lambda q: q.kind not in (Kind.FIGURE, Kind.PROJECT) or q.difference or q.measure == Measure.GROWTH
     or bool(q.periods),
     "与上年同期相比的变化"),
)


def shape_unanswered(text, query):
    """「10月份比8月份多花了多少」「几月份花钱最猛」「有几年超过6000亿」「增长最快的类」「晚了几天」「合同金额最大」: the
    question asks for a shape of answer (a difference of two months, a ranking of months, a count of years, a
    ranking by growth, days, contract amounts) that the reading computed is not — its figure (one month's
    spending, the series, the total's growth, the investment) would answer another question, so it is declined."""
    for name, answers, what in SHAPES:
        asked = pattern(name).search(text)
        if asked and not answers(query):
            return Decline("unaccounted", f"问的是{what}（「{asked.group(0)}」），问答暂不能算出；算出的数字回答的是另一个"
                                          "问题，所以不作答，可以看关键词搜索结果。")
    return None


def output_unit_unrecorded(query, lexicon):
    """「保障性住房改造了多少户」: a category's output asked in a unit its projects never record (they record 套) would
    be an official-looking 0 for a measure the data holds in another unit."""
    recorded = lexicon.outputs.get(query.category) if query.category else None
    if query.measure != Measure.OUTPUT or not recorded or not query.output_unit or query.output_unit == recorded[1]:
        return None
    return Decline("unit_mismatch", f"{query.category}项目的产出按「{recorded[0]}（{recorded[1]}）」记录，没有以"
                                    f"「{query.output_unit}」计的数字；可以问「{query.category}项目{recorded[0]}多少{recorded[1]}」。")


def output_shared(text, query, lexicon):
    """「新增了多少床位」 with no category: when the output word read is also part of what another category's projects
    record in the same unit (医疗卫生机构 新增床位, 养老服务设施 新增养老床位), one category's figure would pass for
    the total of all; declined, naming the categories, unless the question names the category (or its own word)."""
    category = query.category
    if query.measure != Measure.OUTPUT or category not in lexicon.outputs:
        return None
    said = [s for s, entries in lexicon.surfaces.items() if s in text
            and any(e.type in ("output", "category") and e.value == category for e in entries)]
    if not said or any(s == category or any(e.type == "category" and e.value == category
                                            for e in lexicon.surfaces[s]) for s in said):
        return None
    word = max(said, key=len)
    verbs = tuple(vocab.words("output_verbs"))
    while word.startswith(verbs) and len(word) > 3:  # 「新增床位」: what is recorded is 床位, whoever adds it
        word = word[len(next(v for v in verbs if word.startswith(v))):]
    # 「病床」 is said for 床位: the recorded word it stands for is what other categories may record too
    word = next((base for base, synonyms in semantic().get("output_synonyms", {}).items() if word in synonyms), word)
    unit = lexicon.outputs[category][1]
    others = [c for c, (name, u) in sorted(lexicon.outputs.items()) if c != category and u == unit and word in name]
    if not others:
        return None
    listed = "、".join(f"{c}项目（{lexicon.outputs[c][0]}）" for c in [category, *others])
    return Decline("unsure", f"「{word}」由几类项目分别记录：{listed}；只算其中一类会被当成全部，所以不作答；"
                             f"可以分别问，例如「{category}项目{lexicon.outputs[category][0]}多少{unit}」。")


AVERAGE_AS_BOUND = re.compile(r"(?:低于|高于|超过|不到|不足|达到|在)[^，,。？?]{0,6}平均(?:值|水平|数)?(?:以下|以上)?"
                              r"|平均(?:值|水平|数)?(?:以下|以上)")


def average(text, answer, query):
    """「平均每个项目投资多少」「31个省份的平均值」: a mean no kind computes yet; a total, a series or the top
    region's figure in money would look like the mean, so it is declined (人均 and 平均造价 have their own kinds)."""
    asked = pattern("average_asked").search(text)
    listed = answer and answer.get("kind") in ("table", "series")  # a list is never a mean, whatever its unit
    if not asked or not answer or not (listed or answer.get("unit") in ("元", "万元", "亿元", "笔", "个", "份")) \
            or pattern("unit_cost").search(text):
        return None
    if query.measure == Measure.PER_CAPITA or answer.get("per_payment") or answer.get("average"):
        # a mean computed (nlq/kinds/project, nlq/kinds/average.py)
        return None
    if AVERAGE_AS_BOUND.search(text):
        return None  # 「低于全市平均值的区县有几个」: the mean is the bound of a count or list, not the figure asked
    return Decline("unsure", f"问的是平均数（「{asked.group(0)}」），本站数据没有定义这样的平均（按什么来平均）；可以问"
                             "「平均每个项目投资多少」「平均每个区县支出多少」「今年平均每月支出多少」，或问合计。")


def per_person(text, answer, query):
    """「一个人今年摊到多少」「临时救助平均每人领了多少」: an amount per person in everyday words; unless the reading
    is the spending per resident (人均) or a mean per payment, the total answered would look like one person's share."""
    asked = pattern("per_person_asked").search(text)
    if not asked or not answer or answer.get("unit") not in ("元", "万元", "亿元") or pattern("total").search(text):
        return None
    if query.measure == Measure.PER_CAPITA or answer.get("per_payment") or answer.get("average"):
        return None
    return Decline("unsure", f"问的是每人平均的数（「{asked.group(0)}」），问答这次只算出了合计，不能当作每人的数；"
                             "可以问某个地区的人均支出（按常住人口计），或问合计。")


# the units a benefit indicator (受益人口、保障家庭、年接待游客) is counted in
PEOPLE_UNITS = ("人", "户", "人次")


def benefit_as_output(text, query):
    """「农村公路项目受益人口合计多少」 read as the projects' output in 公里: a benefit indicator is asked and the
    output answered is counted in another unit, so it would answer for the people who benefit."""
    from .kinds.performance import _indicator

    found = _indicator(text)
    if query is None or query.measure != Measure.OUTPUT or query.kind == Kind.PERFORMANCE or not found \
            or found[0] != "benefit" or query.output_unit in PEOPLE_UNITS:
        return None
    asked = found[1] or "效益指标"
    return Decline("unit_mismatch", f"问的是「{asked}」，这里算出的是项目的产出（{query.output_unit}），不是受益的人数；"
                                    f"可以问「{asked}指标实际值」或项目的产出。")


def several_groups(groups):
    """「东部、中部、西部地区各是多少」: groups of regions side by side are not computed yet; a decline says so
    rather than answering for the regions of one group."""
    if len(groups) < 2:
        return None
    return Decline("unsure", "暂不能把几个地区分组并列比较；可以分别问每个分组，例如「2023年东部地区支出合计」。")
