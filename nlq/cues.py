"""Stage 3a of the parser: cues — how a question asks, read from its words outside names and time words.

A Cues value says which measure is asked (rate, share, growth, budget, per person …), in which shape
(a trend, a ranking, two years side by side, month by month) and with which numbers (a limit, a
threshold, an investment bound). The intent stage picks the kind of answer from slots and cues.
"""
import re
from dataclasses import dataclass, field

from . import periods, vocab
from .ir import Measure
from .text import longest_first
from .vocab import cue, found, has_any, measure_words


@dataclass
class Cues:
    ask_text: str  # the question for cue words: names, time words and an investment bound blanked
    project_cue: bool = False  # 项目/工程 outside the names
    project_subject: bool = False  # projects are asked about (a project, contractor, category, status …)
    rate: bool = False
    share: bool = False
    remaining: bool = False
    vs_year: bool = False  # set against an earlier year (「跟去年比」)
    growth: bool = False
    sequential: bool = False  # 环比
    budget: bool = False
    total: bool = False  # 一共/合计: one sum over a range of years, not a trend
    trend: bool = False
    bottom: bool = False
    top: bool = False
    per_capita: bool = False
    money: Measure = Measure.SPENT  # the amount asked for: spent, budget or per person
    limit: int | None = None
    position: int | None = None  # 「第二多」「第一名」: one place of a ranking asked for
    threshold: dict | None = None  # {"op": "<" | ">", "value": fraction}
    compare_years: list = field(default_factory=list)
    compare_periods: list = field(default_factory=list)
    summed_periods: list = field(default_factory=list)  # 「9月和10月加起来」: months of one year added up
    by_month: str | None = None  # "month" | "quarter": month by month
    output_unit: str | None = None
    min_investment: float | None = None  # 元
    max_investment: float | None = None
    disbursal_rate: bool = False  # 拨付率: disbursed over investment

    def has(self, key):
        """Cue words of one kind ([cues] in semantic.toml) in the question."""
        return has_any(self.ask_text, cue(key))

    def asks(self, measure):
        """Words that ask for a measure ([measures.<name>]) in the question."""
        return has_any(self.ask_text, measure_words(measure))


def project_subject(slots):
    """Projects are the subject: a project word outside names, a project, contractor, category, status or
    township named (below the district only projects are published); 拨付 is published for projects only."""
    text, cue_text = slots.text, slots.cue_text
    return has_any(slots.rest, cue("project")) or bool(slots.projects) or bool(slots.contractors) \
        or bool(slots.townships) \
        or has_any(cue_text, cue("contractor")) or has_any(cue_text, measure_words("disbursed")) \
        or slots.category is not None or (slots.status is not None and not has_any(text, measure_words("rate")))


def read(slots, lexicon, as_of):
    """The cues of a question whose slots are read (the embedding match included)."""
    text = slots.text
    cues = Cues(ask_text=slots.cue_text, project_cue=has_any(slots.rest, cue("project")),
                project_subject=project_subject(slots))
    _read_measures(cues, slots)
    _read_shape(cues, slots, as_of)
    _read_numbers(cues, text)
    if found("class_count", text) and not slots.region_each and not slots.dept_each:
        slots.class_each = True  # 「支出最多的前五类」
    _read_comparisons(cues, slots, as_of)
    _read_output(cues, slots, lexicon)
    cues.disbursal_rate = found("disbursal_rate", text)
    return cues


def _read_measures(cues, slots):
    text, cue_text = slots.text, slots.cue_text
    plain = cue_text
    for word in vocab.words("general_budget"):  # 「一般公共预算支出」 is spending, not a budget
        plain = plain.replace(word, "") if not found("general_budget_asked", cue_text) else plain
    cues.rate = has_any(cue_text, measure_words("rate")) or bool(found("rate_phrase", text) and "占" not in text)
    # 「占全市的多少」「占全市教育支出的百分之几」: a share even without the word 比重
    cues.share = has_any(text, measure_words("share")) or found("share_phrase", text)
    cues.remaining = found("remaining", text)
    cues.budget = (has_any(plain, measure_words("budget")) or found("budget_held", text)) and not cues.rate \
        and not found("budget_spent", text)
    cues.per_capita = has_any(text, measure_words("per_capita")) or found("per_capita_phrase", text)
    cues.money = Measure.PER_CAPITA if cues.per_capita else Measure.BUDGET if cues.budget else Measure.SPENT


# trend words that only say over which years (a sum over them with 一共、加起来 is one figure)
SPAN_OF_YEARS = ("这几年", "几年来", "历年")


def _read_shape(cues, slots, as_of):
    text, cue_text, period = slots.text, slots.cue_text, slots.period
    # 「同比变化」 is a year-on-year change; 「变化」 alone is a trend
    cues.vs_year = found("vs_year", text)
    trend_word = has_any(cue_text, cue("trend"))
    cues.growth = (has_any(text, measure_words("growth")) or cues.vs_year) and (
        cues.vs_year or not trend_word or has_any(text, vocab.words("growth_not_trend")))
    cues.sequential = has_any(cue_text, vocab.words("sequential"))
    cues.growth = cues.growth or cues.sequential
    # 「2022到2024年一共花了多少」 is one sum; a year range alone is a trend
    cues.total = found("total", text)
    if cues.total and trend_word and not has_any(cue_text, [w for w in cue("trend") if w not in SPAN_OF_YEARS]):
        trend_word = False  # 「这几年总共投了多少，21年到25年加起来」: one sum over the years, never their changes
    cues.trend = trend_word or (period is not None and period.multi_year and not cues.growth and not cues.total)
    cues.bottom = has_any(cue_text, cue("bottom")) or found("bottom", text)
    # 「目前」「之前」「提前」 hold 前 but rank nothing
    cues.top = has_any(vocab.pattern("not_top").sub(" ", cue_text), cue("top")) or cues.bottom


def _read_numbers(cues, text):
    cues.limit = limit(text)
    cues.threshold = threshold(text)
    cues.position = position(text)
    if cues.position:  # 「第二多的是哪一类」: the rows down to the place asked for, that place named
        cues.limit, cues.top = cues.position, True
        cues.bottom = cues.bottom or bool(re.search(r"第[^多高大少低小快慢名位]{1,2}[少低小慢]", text))  # 「第二少」


def _read_comparisons(cues, slots, as_of):
    """Years or periods set side by side: 「2024年和2025年」「1至6月和7至10月」「今年上半年和去年下半年」."""
    text, period = slots.text, slots.period
    cues.compare_years = periods.compared_years(text, as_of)
    cues.compare_periods = [] if cues.compare_years else periods.compared_periods(text, period)
    cues.summed_periods = [] if cues.compare_years else periods.summed_months(text, period)
    change_in_percent = has_any(text, vocab.words("change")) and found("percent", text)  # 「多了还是少了，变化百分之几」
    if len(cues.compare_years) == 2 and not cues.growth and (has_any(text, measure_words("growth")) or change_in_percent):
        cues.growth, cues.trend = True, False  # 「这几年涨了多少 2023跟2019比」: the change between the two
    if _month_after_month(text, period) and (has_any(text, vocab.words("change")) or has_any(text, measure_words("growth"))
                                             or has_any(text, cue("difference"))):  # 「10月比9月多花了多少」
        cues.growth, cues.sequential, cues.trend = True, True, False
    years_ = cues.compare_years
    if len(years_) == 2 and years_[1] == years_[0] + 1 and period is not None and period.year_to == years_[1] \
            and (slots.region_each or slots.dept_each or slots.class_each) and found("fell", text) \
            and found("how_many", text):  # 「2023年比2022年少的省份有几个」: those that fell against the year before
        cues.growth, cues.trend, cues.compare_years = True, False, []
    across = periods.periods_of_two_years(text, as_of)
    if across:  # 「今年上半年和去年下半年」: different months of different years
        cues.compare_years, cues.compare_periods = [], across
    if not cues.compare_years and cues.vs_year and period is not None and found("side_by_side", text) \
            and not has_any(slots.cue_text, vocab.words("change")):
        # 「今年上半年…跟去年同期对比」: the two years side by side, same months
        back = 2 if found("vs_year_before_last", text) else 1
        cues.compare_years = [period.year_to - back, period.year_to]
        cues.growth = False
    cues.by_month = _by_month(text)


def _month_after_month(text, period):
    """「10月份支出比9月份多了还是少了」: one month against the month just before it, of the same year (环比)."""
    m = vocab.pattern("month_vs_month").search(text)
    return bool(m and period is not None and period.month_from == period.month_to == int(m.group(1))
                and int(m.group(2)) == int(m.group(1)) - 1)


def _by_month(text):
    if found("each_quarter", text) and not found("named_quarter", text):
        return "quarter"
    if found("each_month", text) or (found("twelve_months", text) and found("each_of", text)):
        return "month"
    return None


def _read_output(cues, slots, lexicon):
    """「多少公里」 names an output; a one-character unit (个/张/套) only with a project category (幼儿园建设建了
    多少个) or when one category alone has it (多少套 → 保障性住房); 「项目有几个」 counts projects."""
    text = slots.text
    cues.output_unit = next((u for u in sorted(lexicon.output_units, key=longest_first)
                             if _asks_unit(text, u, slots, lexicon)), None)
    if cues.output_unit and slots.category is None and not slots.outputs:
        slots.category = unit_category(lexicon, cues.output_unit)
    category = slots.category
    unit_words = vocab.semantic().get("output_unit_words", {})
    if category in lexicon.outputs and cues.output_unit is None and (
            slots.outputs or has_any(text, unit_words.get(lexicon.outputs[category][1], []))):
        cues.output_unit = lexicon.outputs[category][1]  # 「农村公路建设里程」「新增灌溉面积多少亩」
    if category in lexicon.outputs and slots.outputs and cues.output_unit is not None \
            and len(cues.output_unit) == 1 and cues.output_unit != lexicon.outputs[category][1]:
        # 「新增了多少个养老床位」: a counter word before the output named, recorded in its own unit (张), never
        # an official-looking 0 in the counter's unit
        cues.output_unit = lexicon.outputs[category][1]
    cues.project_subject = cues.project_subject or cues.output_unit is not None and category is not None
    cues.min_investment, cues.max_investment, span = _investment_bounds(text)
    if span:  # 「投资超过1.5亿元的项目有几个」 counts projects: the threshold's 投资 asks for no sum
        a, b = span
        cues.ask_text = cues.ask_text[:a] + " " * (b - a) + cues.ask_text[b:]


def _asks_unit(text, unit, slots, lexicon):
    unit_re = re.escape(unit)
    asked = re.search(r"(?:多少|几)" + unit_re, text) or unit != "个" and re.search(unit_re + "数", text)
    # a one-character unit with a category is its output only when the category counts its output so (「修路的
    # 工程有多少个」 counts projects: 农村公路 is built in 公里); 「工程…多少个」 counts projects as 「项目」 does
    own = slots.category is not None and lexicon.outputs.get(slots.category, (None, None))[1] == unit
    # the one category counting in the unit (套 → 保障性住房) only when building is asked or projects are the
    # subject: 「全市有多少户特困户」 counts people, 「某工程让多少人受益」 asks for the project's output
    guessed = unit_category(lexicon, unit) and (vocab.pattern("built").search(text) or slots.projects
                                                or has_any(text, cue("project")))
    return bool(asked) and (len(unit) > 1 or own or slots.outputs or guessed) \
        and not (unit == "个" and has_any(text, cue("project"))) \
        and not re.search(r"(?:多少|几)" + unit_re + r".{0,4}项目", text)


def unit_category(lexicon, unit):
    """The one project category whose output is counted in ``unit`` (套 → 保障性住房), else None."""
    if unit == "个":  # 「多少个」 is too common to name an output by itself
        return None
    matching = [c for c, (_name, u) in lexicon.outputs.items() if u == unit]
    return matching[0] if len(matching) == 1 else None


def _investment_bounds(text):
    """(at least 元, below 元, span) of 「投资超过1亿元」「总投资三千万以上」「不到一千万」; an investment written out
    with no bound word (「总投资2395.93万元的是哪个项目」) is the projects whose investment rounds to it: within half
    a unit of its last digit either side."""
    amount, span, op = amount_threshold(text)
    if span is None:
        exact = EXACT_INVESTMENT.search(text)
        if exact:
            number, unit = exact.group(1), exact.group(2)
            decimals = len(number.split(".")[1]) if "." in number else 0
            scale = AMOUNT_UNITS.get(unit, 1)
            half = 0.5 * scale / 10 ** decimals
            return float(number) * scale - half, float(number) * scale + half, exact.span()
    return (amount if op == ">=" else None), (amount if op == "<" else None), span


# 「总投资2395.93万元的」「投资额为8000万元的项目」: one amount written out, a project's investment to find it by
EXACT_INVESTMENT = re.compile(r"(?:总投资|投资额|投资金额|投资)(?:额)?(?:为|是|达|共)?\s*(\d+(?:\.\d+)?)\s*(万亿|亿|千万|百万|万)?元"
                              r"(?=的|\s*(?:是|为)?(?:哪|什么))")


_SMALL_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}


def limit(text):
    """How many rows are asked for (「前3」「五个」「最多的三类」), or None."""
    # 「最多的三类」「哪三类」: a small Chinese numeral before 类 is a count too (normalize leaves 类 words alone);
    # 「第三类」 is an ordinal, 「那一类项目」「这一类」 a demonstrative (that kind), no count of rows
    text = re.sub(r"(?<!第)(?<![那这](?=一))([一两二三四五六七八九十])(?=个?大?类)",
                  lambda m: str(_SMALL_NUMERALS[m.group(1)]), text)
    found = list(vocab.pattern("limit").finditer(text))
    if not found:
        return None
    # 「哪一类支出最多？前三名」: the rows asked for (前3) over the one a 哪 asks about; 「这五个区里…哪个区」 names
    # the group the question is about, not a number of rows
    found = [f for f in found if f.group(1) or not (text[:f.start()].endswith(("这", "那"))
                                                    and re.match(r"\d+个?(?:区县|区|县|省份|省|地区)", text[f.start():]))]
    if not found:
        return None
    m = next((f for f in found if f.group(1)), found[0])
    value = int(m.group(1) or m.group(2))
    # 「多少个」/「5个区」 after a year or a month is not a limit
    return value if 0 < value <= 100 else None


def position(text):
    """「第二多」「第3高」「第一名」 → the place of a ranking asked for (2, 3, 1), or None."""
    m = vocab.pattern("nth_ranked").search(text)
    if not m:
        return None
    number = m.group(1)
    value = int(number) if number.isdigit() else _SMALL_NUMERALS.get(number) if len(number) == 1 \
        else 10 + _SMALL_NUMERALS.get(number[1], 0)
    return value if value and 0 < value <= 50 else None


def amount_threshold(text):
    """「投资超过1亿元」「总投资三千万以上」 → (100000000.0 元, span, ">="); 「不到一千万」 → (…, "<")."""
    for m in vocab.pattern("amount_threshold").finditer(text):
        if m.group(2):
            word, number, unit = m.group(1), m.group(2), m.group(3)
        elif m.group(9):  # 「过万亿」: a bare 过 means above one of the unit
            word, number, unit = "过", m.group(8) or "1", m.group(9)
        else:
            word, number, unit = m.group(7), m.group(5), m.group(6)
        if unit is None and float(number) < 10000:
            continue  # 「5个以上」「超过50%」 are no amounts
        op = "<" if word in vocab.words("amount_below") or m.group(4) == "以下" else ">="
        return float(number) * AMOUNT_UNITS.get(unit, 1), m.span(), op
    return None, None, None


AMOUNT_UNITS = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}


def threshold(text):
    """「执行率低于60%」「超过八成」 → {"op": "<" | ">", "value": fraction}, or None."""
    below, above = cue("below"), cue("above")
    words = "|".join(map(re.escape, below + above))
    m = re.search(r"(" + words + r")\s*(\d+(?:\.\d+)?)\s*(%|成)", text)
    if m:
        word, number, unit = m.group(1), m.group(2), m.group(3)
    else:
        m = re.search(r"(\d+(?:\.\d+)?)\s*(%|成)\s*(" + words + ")", text)
        if not m:
            return None
        word, number, unit = m.group(3), m.group(1), m.group(2)
    value = float(number) / (10 if unit == "成" else 100)
    return {"op": "<" if word in below else ">", "value": value}


def single(text):
    """One answer is asked for (「哪个区」「最高的是」), not several (「哪些」「前3」)."""
    return found("single", text) and not found("several", text)
