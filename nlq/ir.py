"""The structured query a question becomes (the IR). Only these fields reach SQL (through nlq/figures.py
and ledger.queries): no text from the question is ever turned into SQL.

Kinds, measures, groupings and orders are enums whose values are the strings /api/ask has always
returned, so ``query.kind == "project"`` and the JSON stay as they were.
"""
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from .timeparse import Period


class Kind(StrEnum):
    """The shape of the answer (one module each under nlq/kinds/)."""
    FIGURE = "figure"  # one number
    EXECUTION = "execution"  # an execution rate, or rates by group
    RANKING = "ranking"  # groups ordered by a measure
    COMPARISON = "comparison"  # named regions, departments, classes, years or periods side by side
    TREND = "trend"  # year by year, month by month or quarter by quarter
    GROWTH = "growth"  # the change against an earlier period
    SHARE = "share"  # a part of a whole
    PROJECT = "project"  # project counts, investment, outputs, lists
    SUPERVISION = "supervision"  # supervision flags (监督预警) and the year-end forecast, from ledger.supervision
    INQUIRY = "inquiry"  # how fast departments answer inquiries (质询), from ledger.queries.inquiries
    UNIT_COST = "unit_cost"  # a project category's cost per unit of output by district, from ledger.queries.performance
    UNIT = "unit"  # a second-level unit's (二级单位) spending, budget or rate, from ledger.queries.units
    POPULATION = "population"  # a region's population as published (regions.population)
    MEMBERS = "members"  # how many regions or townships the published tables hold
    DOCUMENTS = "documents"  # the published documents of a type: how many, the latest one's date or title
    AWARDS = "awards"  # contracts awarded (中标合同): how many in a year, their total
    PAYEES = "payees"  # organisations ranked or compared by the treasury payments they received
    TOWNSHIPS = "townships"  # projects counted or summed by township (乡镇/街道), ranked
    SINGLE_PAYMENT = "single_payment"  # one payment: the largest (smallest), the last (first) of a scope
    AVERAGE = "average"  # a total over the number of things it adds up (projects, regions, months)
    PLANS = "plans"  # projects' 分年度用款计划 (project_plans) and quarter-end progress (project_quarters)
    MEASURES = "measures"  # two figures asked at once (「预算多少，花了多少」), each answered by its own kind
    CATALOG = "catalog"  # the publication's own tables: a class code's name, how many 类/款, the data's as-of date
    PERFORMANCE = "performance"  # one 绩效 indicator across finished projects, from ledger.queries.performance


class Measure(StrEnum):
    SPENT = "spent"
    BUDGET = "budget"
    RATE = "rate"  # execution rate: spent / annual budget
    SHARE = "share"
    GROWTH = "growth"
    COUNT = "count"  # projects
    OUTPUT = "output"  # a project output (公里, 套, 亩 …)
    INVESTMENT = "investment"
    PROGRESS = "progress"
    PER_CAPITA = "per_capita"
    DISBURSED = "disbursed"
    REMAINING = "remaining"  # budget − spent
    PAID = "paid"  # treasury payments to one payee (国库集中支付: 付给某公司多少钱)
    PAYMENTS = "payments"  # how many treasury payments (几笔): of a payee, a project or a purpose
    PLAN = "plan"  # a project's 年度用款计划 of a calendar year (project_plans.plan_fen)


class Group(StrEnum):
    REGION = "region"
    DEPT = "dept"
    CLASS = "class"  # 类
    KUAN = "kuan"  # the 款 of the 类 asked about
    YEAR = "year"
    MONTH = "month"
    QUARTER = "quarter"
    PROJECT = "project"  # a list of projects
    CONTRACTOR = "contractor"
    CATEGORY = "category"  # project categories
    PERIOD = "period"  # periods of one year side by side


class Order(StrEnum):
    DESC = "desc"
    ASC = "asc"


class Versus(StrEnum):
    YEAR = "year"  # the same months a year before (同比)
    PREVIOUS = "previous"  # the months just before (环比)
    ANNUAL = "annual"  # the compound rate per year from the first to the last year of a span (年均增长)


MONEY = (Measure.SPENT, Measure.BUDGET, Measure.INVESTMENT, Measure.DISBURSED, Measure.REMAINING, Measure.PAID,
         Measure.PLAN)
RATIOS = (Measure.RATE, Measure.SHARE, Measure.GROWTH)


@dataclass
class Query:
    kind: Kind
    measure: Measure = Measure.SPENT
    period: Period | None = None
    regions: list = field(default_factory=list)  # region codes; empty = the whole publication
    depts: list = field(default_factory=list)
    units: list = field(default_factory=list)  # second-level unit codes (kind "unit")
    classes: list = field(default_factory=list)  # 类/款 codes (prefix match)
    class_set: str | None = None  # e.g. "minsheng"
    group: Group | None = None
    order: Order | None = None
    limit: int | None = None
    position: int | None = None  # 「第二多的是哪一类」: the place asked for (the rows down to it are shown)
    rank_of: str | None = None  # 「湖南在全国排第几」: the key (a region or class code) whose place in the ranking is asked
    threshold: dict | None = None  # {"op": "<" | ">", "value": 0.5}
    difference: bool = False  # 「A比B多多少」
    gap: bool = False  # 「谁多？多多少」「A和B差多少」: the larger minus the smaller, the larger named
    # what a growth or share is taken of: spent | budget | rate (a change in percentage points);
    # for project shares count | investment | disbursed
    base_measure: Measure = Measure.SPENT
    versus: Versus = Versus.YEAR
    years: list = field(default_factory=list)  # 「2024年和2025年…对比」: the years compared (group "year")
    periods: list = field(default_factory=list)  # 「1至6月和7至10月」: periods of one year side by side (group "period")
    # 「A占B的比重」: B's scope {"regions": [..] | None (= A's), "classes": [..]}; for projects
    # {"measure": B's measure, "same_projects": bool (已拨付占总投资), "regions": ..}
    share_of: dict | None = None
    # project filters
    category: str | None = None
    status: str | None = None
    project: str | None = None
    contractor: str | None = None
    new_start: bool = False
    completed: bool = False  # 「2025年完工的」「去年修了多少公里」: by the year of completion, not the project's year
    output_unit: str | None = None
    planned: bool = False  # 「计划新增多少张床位」: the planned output, not what was built
    min_investment_yuan: float | None = None
    max_investment_yuan: float | None = None  # 「总投资不到一千万的项目」
    max_progress_pct: float | None = None  # 「进度还不到20%的（滞后项目）」
    min_progress_pct: float | None = None  # 「进度超过八成的」
    contractors: list = field(default_factory=list)  # 「A和B各承建了几个项目」: contractors compared
    percent_change: bool = False  # 「比2024年增长了百分之几」: a project figure's change in %, not the amount
    count_only: bool = False  # 「执行率低于60%的区县有几个」: how many rows pass the threshold
    purpose: str | None = None  # a payment purpose as recorded (高龄津贴): the payments made for it
    payee_type: str | None = None  # 「付给单位的款项」「发给个人的钱」: the payments to organisations (单位) or persons (个人)
    # 「单笔超过100万的支付」: the payments counted or summed are those of more than (">"), at least (">=") or less
    # than ("<") an amount each: {"op": …, "fen": n}
    payment_bound: dict | None = None
    township: str | None = None  # a township/street code (乡镇/街道, below the district): projects there only
    # projects against their planned end date: late (completed after it), on_time (on or before it), overdue
    # (not completed and the date passed by ``due_by``, an ISO date: the data's date)
    schedule: str | None = None
    due_by: str | None = None
    # what a supervision or inquiry question asks: pace | forecast | risk | supplier; answer_days
    topic: str | None = None
    when: bool = False  # 「最后一次付款是几号」: the date of the payment picked is asked, not its amount
    parts: list = field(default_factory=list)  # kind "measures": the Query of each figure asked at once
    # 「梅溪县境内的项目」: the projects built in the one region named (their township lies in it), whichever
    # level's budget books them
    located: bool = False
    # 「个人承包的项目」「还没有施工单位的」「还没签合同的」: projects by who builds them (ledger.queries.projects
    # CONTRACTOR_KINDS: person | none | uncontracted)
    contractor_kind: str | None = None
    labels: list = field(default_factory=list)  # kind "measures": each part's row name when not its measure (「东部地区」)
    funds: bool = False  # kind "unit": 「经费」 asked and read as the unit's budget (said in the restatement)

    def __post_init__(self):
        try:  # strings from callers become the enums (an unknown one is a ValueError, as before)
            self.kind, self.measure, self.base_measure = Kind(self.kind), Measure(self.measure), \
                Measure(self.base_measure)
            self.group = None if self.group is None else Group(self.group)
            self.order = None if self.order is None else Order(self.order)
            self.versus = Versus(self.versus)
        except ValueError:
            raise ValueError(f"invalid query: {self.kind}/{self.measure}/{self.group}") from None

    def to_dict(self):
        data = {k: v.value if isinstance(v, StrEnum) else v for k, v in asdict(self).items()}
        data["period"] = self.period.to_dict() if self.period else None
        data["periods"] = [p.to_dict() for p in self.periods]
        data["parts"] = [p.to_dict() for p in self.parts]
        return data


@dataclass
class Parse:
    """What the parser made of a question."""
    query: Query | None
    confidence: float
    text: str  # normalised question
    notes: list = field(default_factory=list)  # why confidence is lowered
    alternatives: list = field(default_factory=list)  # [Query]
    unknown: list = field(default_factory=list)  # words nothing matched
    decline: object = None  # nlq.decline.Decline: why the question is not answered
