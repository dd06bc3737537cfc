"""What a supervision flag is: a signal that explains itself and points at the records behind it."""
import calendar
import datetime as dt
from dataclasses import dataclass, field

# kind -> (Chinese name, level, what it is about)
KINDS = {
    "pace": ("执行进度滞后", "需关注", "预算执行"),
    "forecast": ("预计年底执行率偏低", "需关注", "预算执行"),
    "plan": ("分年度计划偏差", "需关注", "跨年度项目"),
    "risk": ("项目进度落后计划", "高风险", "项目"),
    "supplier_window": ("短期内跨领域中标", "需关注", "承建方"),
    "supplier_share": ("承建方集中度高", "需关注", "承建方"),
}
SUBJECTS = {"region": "地区", "dept": "预算单位", "class": "功能分类", "project": "项目", "contractor": "承建方"}


@dataclass(frozen=True)
class Link:
    """Where the records behind a flag are: a page of the portal named by ``target`` with its arguments.

    Targets: records (kind=expenditures|budgets|payments + filters), execution, execution_region,
    execution_dept, project, projects, contractor. The portal turns them into URLs (it owns the routes).
    """
    label: str
    target: str
    args: tuple = ()  # ((name, value), …): hashable, so a Flag can be cached and compared

    def arguments(self):
        return dict(self.args)


def link(label, target, **args):
    return Link(label, target, tuple(sorted((k, v) for k, v in args.items() if v is not None)))


@dataclass(frozen=True)
class Flag:
    kind: str  # one of KINDS
    subject: str  # one of SUBJECTS
    code: str  # region / department / class / project code, or the contractor's name
    name: str
    year: int
    period: str  # when it holds: "2026-10", "2025年末", "2026Q3", "2026-03-02至2026-08-20", "2024–2026年"
    detail: str  # plain Chinese with the numbers that make it fire
    region_code: str | None = None  # where it is (map, filters); None for citywide classes and contractors
    dept_code: str | None = None
    figures: dict = field(default_factory=dict, compare=False, hash=False)  # the numbers, for JSON and tables
    links: tuple = ()

    @property
    def id(self):
        return f"{self.kind}:{self.subject}:{self.code}:{self.period}"

    @property
    def title(self):
        return KINDS[self.kind][0]

    @property
    def level(self):
        return KINDS[self.kind][1]

    @property
    def subject_label(self):
        return SUBJECTS[self.subject]


@dataclass(frozen=True, order=True)
class AsOf:
    """The moment flags are evaluated at: the end of ``month`` in ``year`` (the data's last month by default)."""
    year: int
    month: int

    @property
    def date(self):
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def label(self):
        return f"{self.year}年{self.month}月"

    @property
    def key(self):
        return f"{self.year}-{self.month:02d}"
