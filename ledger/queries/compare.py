"""District comparison (区县对比): the measures people's congress delegates compare side by side.

For a year and a period (cumulative months 1..month; month 0 = whole-year data only),
every level-1 region (district, or province in the yearbook data) gets: budget, spending,
execution rate and its pace against the calendar, per-capita spending, year-on-year
growth (same months of the previous year), 民生支出 share and spending by 类.

Amounts are integer fen; shares and rates are fractions (0.25 = 25%), None when undefined.
"""
from dataclasses import dataclass

from sqlalchemy import func, select

from ledger.errors import UserError

from .. import semantics, summaries, supervision
from ..schema import budget_sums, budgets, expenditure_sums, expenditures, regions
from . import reference
from .cache import per_publication
from .coverage import month_beyond_data
from .execution import rate

DISTRICT_LEVEL = 1

# key -> (Chinese label, unit, "higher is"): the measures a user may pick, in display order.
MEASURES = {
    "spent": ("支出总额", "元", "amount"),
    "execution_rate": ("预算执行率", "%", "rate"),
    "minsheng_share": ("民生支出占比", "%", "rate"),
    "per_capita": ("人均支出", "元/人", "amount"),
    "yoy_growth": ("同比增长", "%", "rate"),
    "class_share": ("分类支出占比", "%", "rate"),
}
RADAR_MEASURES = ("spent", "execution_rate", "minsheng_share", "per_capita", "yoy_growth")
SORTABLE = ("spent", "budget", "execution_rate", "minsheng_share", "per_capita", "yoy_growth", "code")


class CompareError(UserError):
    """Bad comparison parameters; ``message`` is Chinese and shown to the user."""


@dataclass(frozen=True)
class Period:
    year: int
    month: int  # 1..12 cumulative; 0 = whole-year figures without monthly breakdown

    @property
    def label(self):
        if self.month in (0, 12):
            return f"{self.year}年全年"
        return f"{self.year}年1–{self.month}月"

    @property
    def expected_pace(self):
        return semantics.expected_pace(self.month or 12)

    def spending_condition(self, table=expenditures):
        # Whole-year rows (month 0) only count when looking at the full year.
        if self.month in (0, 12):
            return table.c.month.between(0, 12)
        return table.c.month.between(1, self.month)


def districts(conn, pub_id):
    return [r for r in reference.all_regions(conn, pub_id) if r["level"] == DISTRICT_LEVEL]


def region_label(conn, pub_id):
    """What to call the compared units: 「区县」 for a city's districts/counties, else 「地区」."""
    names = [r["name"] for r in districts(conn, pub_id)]
    if names and all(n.endswith(("区", "县", "旗")) for n in names):
        return "区县"
    return "地区"


def average_label(conn, pub_id):
    """「区县平均」, never 「全市平均」: 全市 means the city's total (市本级 + 区县) everywhere else."""
    return f"{region_label(conn, pub_id)}平均"


def resolve_period(conn, pub_id, year=None, month=None, clamp_month=False):
    """Validate year/month against the data; defaults: latest year, last month with data.

    ``clamp_month`` turns a month past the data into the last month with data (forms that keep
    the month when the year changes) instead of an error.
    """
    years = reference.years(conn, pub_id)
    if not years:
        raise CompareError("no_data", "本次发布没有预算或支出数据")
    if year is None:
        year = years[-1]
    if year not in years:
        raise CompareError("bad_year", f"没有 {year} 年的数据；可选年份：{'、'.join(map(str, years))}")
    last = reference.last_month(conn, pub_id, year)
    if last == 0:
        return Period(year, 0)  # only whole-year data: the month choice does not apply
    if month is None:
        month = last
    if not 1 <= month <= 12:
        raise CompareError("bad_month", "月份应在 1–12 之间")
    if month > last and clamp_month:
        month = last
    if message := month_beyond_data(last, year, month):
        raise CompareError("bad_month", message)
    return Period(year, month)


@per_publication
def _period_sums(conn, pub_id, period, from_sums):
    """The sums a comparison of ``period`` is built from, read from the pre-aggregated tables when
    ``from_sums`` (every grouping here is by region, 类 or month, which they hold exactly; ledger/summaries.py).
    Memoised: the comparison page and its tile map compare the same period."""
    prev = Period(period.year - 1, period.month)
    return {"budget": _budget_by_region(conn, pub_id, period.year, from_sums),
            "by_class": _spent_by(conn, pub_id, period, from_sums, "region_code", "class"),
            "previous": _spent_by(conn, pub_id, prev, from_sums, "region_code"),
            "by_month": _spent_by(conn, pub_id, Period(period.year, 12) if period.month else period, from_sums,
                                  "region_code", "month")}


def _spent_by(conn, pub_id, period, from_sums, *group):
    """{(group values): spending} of the period, grouped by column names of expenditures (or "class": 类)."""
    table = expenditure_sums if from_sums else expenditures
    columns = [func.substr(table.c.class_code, 1, 3) if name == "class" else table.c[name] for name in group]
    query = (select(*columns, func.sum(table.c.amount_fen))
             .where(table.c.publication_id == pub_id, table.c.year == period.year,
                    period.spending_condition(table))
             .group_by(*columns))
    return {tuple(row[:-1]): int(row[-1] or 0) for row in conn.execute(query)}


def _budget_by_region(conn, pub_id, year, from_sums):
    table = budget_sums if from_sums else budgets
    return dict(conn.execute(select(table.c.region_code, func.sum(table.c.budget_fen))
                             .where(table.c.publication_id == pub_id, table.c.year == year)
                             .group_by(table.c.region_code)).all())


def compare(conn, pub_id, *, year=None, month=None, codes=None, sort="spent", config=None, clamp_month=False):
    """The comparison of ``codes`` (level-1 region codes; None = all) over a period.

    Raises CompareError for unknown years/regions or fewer than two regions.
    """
    return _compare(conn, pub_id, year, month, tuple(codes) if codes else None, sort,
                    tuple(semantics.minsheng_codes(config)), clamp_month)


@per_publication  # every input is the publication's rows, the rule file and these arguments
def _compare(conn, pub_id, year, month, codes, sort, minsheng, clamp_month):
    period = resolve_period(conn, pub_id, year, month, clamp_month)
    all_districts = districts(conn, pub_id)
    by_code = {r["code"]: r for r in all_districts}
    if codes:
        unknown = [c for c in codes if c not in by_code]
        if unknown:
            raise CompareError("bad_region", f"未知的地区代码：{'、'.join(unknown)}")
        codes = list(dict.fromkeys(codes))
    else:
        codes = list(by_code)
    if len(codes) < 2:
        raise CompareError("too_few_regions", "请至少选择两个地区进行对比")
    if sort not in SORTABLE:
        raise CompareError("bad_sort", f"不支持的排序字段：{sort}")

    class_names = reference.class_names(conn, pub_id)
    prev = Period(period.year - 1, period.month)

    sums = _period_sums(conn, pub_id, period, summaries.ready(conn, pub_id))
    budget_by_region, by_region_class = sums["budget"], sums["by_class"]
    prev_by_region, by_region_month = sums["previous"], sums["by_month"]

    # Every district is measured (the average covers all of them); only ``codes`` are returned.
    measured = {}
    for code, district in by_code.items():
        class_spent = {cls: fen for (region, cls), fen in by_region_class.items() if region == code}
        measured[code] = _measures(district, int(budget_by_region.get(code) or 0), class_spent,
                                   prev_by_region.get((code,)), minsheng, period)
        measured[code]["monthly"] = _curve(
            {m: fen for (region, m), fen in by_region_month.items() if region == code and m >= 1},
            measured[code]["budget_fen"], period)
    average = _average(list(measured.values()), minsheng, period)
    average["monthly"] = _average_curve(list(measured.values()), period)
    pace = _apply_pace_rule(conn, pub_id, period, measured, average)

    rows = [measured[c] for c in codes]
    rows.sort(key=_sort_key(sort))
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    classes = sorted({cls for row in measured.values() for cls in row["class_spent_fen"]})
    return {
        "year": period.year,
        "month": period.month,
        "last_month": reference.last_month(conn, pub_id, period.year),
        "period_label": period.label,
        "expected_pace": pace["expected"],
        "pace_warning_ratio": pace["ratio"],
        "pace_rule": pace,
        "previous_year": prev.year,
        "region_label": region_label(conn, pub_id),
        "average_label": average_label(conn, pub_id),
        "sort": sort,
        "has_budget": any(r["budget_fen"] for r in measured.values()),
        "has_population": any(r["population"] for r in measured.values()),
        "minsheng": {"label": semantics.MINSHENG_LABEL,
                     "classes": [{"code": c, "name": class_names.get(c) or semantics.STANDARD_CLASS_NAMES.get(c, c)}
                                 for c in minsheng]},
        "classes": [{"code": c, "name": class_names.get(c, c)} for c in classes],
        "regions": rows,
        "average": average,
        "all_regions": [{"code": r["code"], "name": r["name"]} for r in all_districts],
    }


def _measures(district, budget_fen, class_spent, prev_spent, minsheng, period):
    spent = sum(class_spent.values())
    minsheng_fen = sum(fen for cls, fen in class_spent.items() if cls in minsheng)
    execution = rate(spent, budget_fen)
    population = district.get("population")
    return {
        "code": district["code"],
        "name": district["name"],
        "short_name": district["short_name"],
        "population": population,
        "budget_fen": budget_fen,
        "spent_fen": spent,
        "execution_rate": execution,
        "behind_pace": False,  # set by _apply_pace_rule: the supervision rule, as on every other page
        "per_capita_fen": round(spent / population) if population else None,
        "previous_spent_fen": prev_spent,
        "yoy_growth": (spent - prev_spent) / prev_spent if prev_spent else None,
        "minsheng_fen": minsheng_fen,
        "minsheng_share": minsheng_fen / spent if spent else None,
        "class_spent_fen": dict(sorted(class_spent.items())),
        "class_share": {cls: fen / spent for cls, fen in sorted(class_spent.items())} if spent else {},
    }


def _average(rows, minsheng, period):
    """Mean amounts per district; rates and shares over the districts' sums (weighted)."""
    n = len(rows) or 1
    spent = sum(r["spent_fen"] for r in rows)
    budget = sum(r["budget_fen"] for r in rows)
    with_prev = [r for r in rows if r["previous_spent_fen"]]
    prev = sum(r["previous_spent_fen"] for r in with_prev)
    with_pop = [r for r in rows if r["population"]]
    population = sum(r["population"] for r in with_pop)
    class_spent = {}
    for row in rows:
        for cls, fen in row["class_spent_fen"].items():
            class_spent[cls] = class_spent.get(cls, 0) + fen
    minsheng_fen = sum(fen for cls, fen in class_spent.items() if cls in minsheng)
    execution = rate(spent, budget)
    return {
        "districts": len(rows),
        "budget_fen": round(budget / n),
        "spent_fen": round(spent / n),
        "execution_rate": execution,
        "behind_pace": False,  # set by _apply_pace_rule
        "per_capita_fen": round(sum(r["spent_fen"] for r in with_pop) / population) if population else None,
        "yoy_growth": (sum(r["spent_fen"] for r in with_prev) - prev) / prev if prev else None,
        "minsheng_share": minsheng_fen / spent if spent else None,
        "class_share": {cls: fen / spent for cls, fen in sorted(class_spent.items())} if spent else {},
    }


def _apply_pace_rule(conn, pub_id, period, measured, average):
    """「进度滞后」 is the supervision pace rule (ledger/supervision/rules.toml [pace]) at the chosen month: the
    same flag the warnings page, the white paper and the district pages show. Returns the rule as shown."""
    rule = supervision.load_rules().pace
    shown = {"ratio": rule.ratio, "consecutive_months": rule.consecutive_months, "basis": rule.basis,
             "expected": None, "lines": []}
    if not period.month:
        return shown  # whole-year figures have no months to judge
    status = supervision.pace_status(conn, pub_id, period.year, period.month, "region")
    for code, row in measured.items():
        row["behind_pace"] = bool(status.get(code, {}).get("warning"))
    cumulative = [sum(row["monthly"][i]["cumulative_fen"] for row in measured.values()) for i in range(period.month)]
    average["behind_pace"] = supervision.judge_cumulative(
        conn, pub_id, period.year, cumulative, sum(row["budget_fen"] for row in measured.values()), period.month)
    shown["lines"] = supervision.expected_lines(conn, pub_id, period.year, period.month)
    shown["expected"] = shown["lines"][-1]["expected"] if shown["lines"] else None
    shown["basis_label"] = shown["lines"][-1]["basis_label"] if shown["lines"] else None
    shown["basis_note"] = shown["lines"][-1]["basis_note"] if shown["lines"] else None
    return shown


def _curve(per_month, budget_fen, period):
    if not period.month:
        return []
    out, running = [], 0
    for month in range(1, period.month + 1):
        running += per_month.get(month, 0)
        out.append({"month": month, "cumulative_fen": running, "rate": rate(running, budget_fen)})
    return out


def _average_curve(rows, period):
    if not period.month:
        return []
    total_budget = sum(r["budget_fen"] for r in rows)
    out = []
    for index in range(period.month):
        cumulative = sum(r["monthly"][index]["cumulative_fen"] for r in rows)
        out.append({"month": index + 1, "cumulative_fen": round(cumulative / (len(rows) or 1)),
                    "rate": rate(cumulative, total_budget)})
    return out


def _sort_key(sort):
    if sort == "code":
        return lambda r: r["code"]
    field = {"spent": "spent_fen", "budget": "budget_fen", "per_capita": "per_capita_fen"}.get(sort, sort)
    # Descending, with undefined values last.
    return lambda r: (r[field] is None, -(r[field] or 0), r["code"])


def region_names(conn, pub_id):
    rows = conn.execute(select(regions.c.code, regions.c.name).where(regions.c.publication_id == pub_id))
    return dict(rows.all())
