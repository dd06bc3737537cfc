"""The structured query a question becomes. Only these fields reach SQL (through nlq/figures.py and ledger.queries):
no text from the question is ever turned into SQL."""
from dataclasses import asdict, dataclass, field

from .timeparse import Period

KINDS = ("figure", "execution", "ranking", "comparison", "trend", "growth", "share", "project")
MEASURES = ("spent", "budget", "rate", "share", "growth", "count", "output", "investment", "progress", "per_capita",
            "disbursed", "remaining")
GROUPS = (None, "region", "dept", "class", "year", "month", "quarter", "project", "contractor", "category", "period", "kuan")


@dataclass
class Query:
    kind: str
    measure: str = "spent"
    period: Period | None = None
    regions: list = field(default_factory=list)  # region codes; empty = the whole publication
    depts: list = field(default_factory=list)
    classes: list = field(default_factory=list)  # 类/款 codes (prefix match)
    class_set: str | None = None  # e.g. "minsheng"
    group: str | None = None
    order: str | None = None  # "desc" | "asc"
    limit: int | None = None
    threshold: dict | None = None  # {"op": "<" | ">", "value": 0.5}
    difference: bool = False  # 「A比B多多少」
    # what a growth or share is taken of: "spent" | "budget" | "rate" (a change in percentage points);
    # for project shares "count" | "investment" | "disbursed"
    base_measure: str = "spent"
    versus: str = "year"  # a growth against the same period a year before, or "previous" (环比: the period just before)
    years: list = field(default_factory=list)
    periods: list = field(default_factory=list)  # 「1至6月和7至10月」: periods of one year set side by side (group "period")  # 「2024年和2025年…对比」: the years compared (group "year")
    # 「A占B的比重」: B's scope {"regions": [..] | None (= A's), "classes": [..]}; for projects
    # {"measure": B's measure, "same_projects": bool (已拨付占总投资), "regions": ..}
    share_of: dict | None = None
    # project filters
    category: str | None = None
    status: str | None = None
    project: str | None = None
    contractor: str | None = None
    new_start: bool = False
    output_unit: str | None = None
    planned: bool = False  # 「计划新增多少张床位」: the planned output, not what was built
    min_investment_yuan: float | None = None
    max_investment_yuan: float | None = None  # 「总投资不到一千万的项目」
    max_progress_pct: float | None = None  # 「进度还不到20%的（滞后项目）」
    min_progress_pct: float | None = None  # 「进度超过八成的」
    contractors: list = field(default_factory=list)  # 「A和B各承建了几个项目」: contractors compared
    percent_change: bool = False  # 「比2024年增长了百分之几」: a project figure's change in %, not the amount
    count_only: bool = False  # 「执行率低于60%的区县有几个」: how many rows pass the threshold

    def __post_init__(self):
        if self.kind not in KINDS or self.measure not in MEASURES or self.group not in GROUPS:
            raise ValueError(f"invalid query: {self.kind}/{self.measure}/{self.group}")

    def to_dict(self):
        data = asdict(self)
        data["period"] = self.period.to_dict() if self.period else None
        data["periods"] = [p.to_dict() for p in self.periods]
        return data
