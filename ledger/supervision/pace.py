"""Execution pace (执行进度) and the year-end forecast, month by month.

For every region (市本级 and each district, by the region the spending is booked to), department and
citywide 类, and every month of a year: cumulative execution (spending Jan..month ÷ annual budget) and
the expected pace two ways:
- linear (「时间进度」): month ÷ 12;
- the prior years' profile (「往年同期进度」): the share of a year's spending the whole area had done by
  that month, averaged over up to ``profile_years`` complete earlier years. It is the area's rhythm, not the
  entity's own: a unit that is slow every year is still measured against what is normal.
The rule (rules.toml [pace]): execution below ``ratio`` × the expected pace of the chosen ``basis`` for
``consecutive_months`` months running.

The forecast divides spending to date by the share of the year's spending the entity itself had done by
that month in earlier years (its own rhythm; the area's when it has no complete earlier year; the linear
pace when nobody has), which is the year's spending if this year follows that rhythm.
"""
from dataclasses import dataclass, field

from sqlalchemy import func, select

from ..queries.cache import per_publication_shared
from ..schema import budgets, expenditures
from .rules import load

LEVEL_LABELS = {"region": "地区", "dept": "预算单位", "class": "功能分类"}
AREA = "*"  # the whole area's curve: the fallback profile of every entity


def _key(table, level):
    if level == "region":
        return table.c.region_code
    if level == "dept":
        return table.c.dept_code
    return func.substr(table.c.class_code, 1, 3)


def _monthly_spending(conn, pub_id, years, level):
    """{(key, year): {month: fen}} for months 1..12 (whole-year rows, month 0, have no rhythm)."""
    key = _key(expenditures, level)
    rows = conn.execute(select(key, expenditures.c.year, expenditures.c.month, func.sum(expenditures.c.amount_fen))
                        .where(expenditures.c.publication_id == pub_id, expenditures.c.year.in_(list(years)),
                               expenditures.c.month >= 1)
                        .group_by(key, expenditures.c.year, expenditures.c.month))
    out = {}
    for code, year, month, fen in rows:
        if code is None:
            continue
        out.setdefault((code, year), {})[month] = int(fen or 0)
        area = out.setdefault((AREA, year), {})
        area[month] = area.get(month, 0) + int(fen or 0)
    return out


def _budgets(conn, pub_id, year, level):
    key = _key(budgets, level)
    rows = conn.execute(select(key, func.sum(budgets.c.budget_fen))
                        .where(budgets.c.publication_id == pub_id, budgets.c.year == year).group_by(key))
    out = {code: int(fen or 0) for code, fen in rows if code is not None}
    out[AREA] = sum(out.values())
    return out


def _cumulative(months):
    running, out = 0, {}
    for month in range(1, 13):
        running += months.get(month, 0)
        out[month] = running
    return out


def _profile(spending, key, year, profile_years):
    """([share of the year's spending done by month 1..12], [years used]) or (None, [])."""
    shares, used = [], []
    for earlier in range(year - profile_years, year):
        months = spending.get((key, earlier))
        if not months or 12 not in months:
            continue
        cumulative = _cumulative(months)
        if cumulative[12] <= 0:
            continue
        shares.append([cumulative[m] / cumulative[12] for m in range(1, 13)])
        used.append(earlier)
    if not shares:
        return None, []
    return [sum(s[i] for s in shares) / len(shares) for i in range(12)], used


@dataclass
class Curve:
    """One entity's year: cumulative spending, rates and expectations per month (1-based lists)."""
    key: str
    budget_fen: int
    last_month: int
    cumulative_fen: list  # index 0 = January
    profile: list | None  # share of a year's spending done by each month end (own, else the area's)
    profile_years: list = field(default_factory=list)
    profile_source: str = "linear"  # own | area | linear
    area_profile: list | None = None  # the whole area's profile: the expected pace of basis "profile"
    area_years: list = field(default_factory=list)

    def rate(self, month):
        return self.cumulative_fen[month - 1] / self.budget_fen if self.budget_fen else None

    def linear(self, month):
        return month / 12

    def profiled(self, month):
        """Share of the year's spending this entity (or the area) usually has done by ``month``."""
        return self.profile[month - 1] if self.profile else month / 12

    def usual(self, month):
        """「往年同期进度」: the area's usual share by ``month`` (None without complete earlier years)."""
        return self.area_profile[month - 1] if self.area_profile else None

    def expected(self, month, basis):
        if basis == "profile" and self.area_profile:
            return self.area_profile[month - 1]
        return self.linear(month)


def _curve(key, spending, budget, year, area, profile_years):
    months = spending.get((key, year), {})
    cumulative = _cumulative(months)
    profile, used = _profile(spending, key, year, profile_years)
    source = "own"
    if profile is None:
        profile, used = area
        source = "area" if profile else "linear"
    return Curve(key, budget, max(months, default=0), [cumulative[m] for m in range(1, 13)], profile, used, source,
                 area[0], area[1])


@per_publication_shared  # read-only: callers never modify it
def curves(conn, pub_id, year, level, rules=None):
    """{key: Curve} of every entity at ``level`` with a budget or spending in ``year`` (AREA = all of them)."""
    rules = rules or load()
    spending = _monthly_spending(conn, pub_id, range(year - rules.pace.profile_years, year + 1), level)
    budget = _budgets(conn, pub_id, year, level)
    area = _profile(spending, AREA, year, rules.pace.profile_years)
    keys = set(budget) | {key for key, y in spending if y == year}
    return {key: _curve(key, spending, budget.get(key, 0), year, area, rules.pace.profile_years) for key in keys}


def below(curve, month, rule):
    """Cumulative execution under ``ratio`` × the expected pace at the end of ``month``."""
    rate = curve.rate(month)
    return rate is not None and rate < rule.ratio * curve.expected(month, rule.basis)


def judged(curve, month, rule):
    """True when the rule fires at ``month``: below the line for ``consecutive_months`` months up to it."""
    if curve.budget_fen < rule.min_budget_yuan * 100 or month < rule.consecutive_months:
        return False
    return all(below(curve, m, rule) for m in range(month - rule.consecutive_months + 1, month + 1))


def series(curve, month, rule):
    """The month-by-month history up to ``month``: rate, both expectations, below the line, warning."""
    return [{"month": m, "cumulative_fen": curve.cumulative_fen[m - 1], "rate": curve.rate(m),
             "linear": curve.linear(m), "profile": curve.usual(m),
             "line": rule.ratio * curve.expected(m, rule.basis), "below": below(curve, m, rule),
             "warning": judged(curve, m, rule)} for m in range(1, month + 1)]


def forecast(curve, month):
    """{"spent_fen", "rate", "share", "basis"}: the year's spending if it follows the profile from ``month`` on."""
    if month >= 12:
        spent = curve.cumulative_fen[11]
        return {"spent_fen": spent, "rate": curve.rate(12), "share": 1.0, "basis": "actual", "month": 12}
    share = curve.profiled(month)
    spent = round(curve.cumulative_fen[month - 1] / share) if share > 0 else None
    rate = spent / curve.budget_fen if spent is not None and curve.budget_fen else None
    basis = "profile" if curve.profile else "linear"
    return {"spent_fen": spent, "rate": rate, "share": share, "basis": basis, "month": month}
