"""What the supervision rules compare against: annual plans of multi-year projects, planned and reported
progress per quarter, contract awards.

Every value here comes from its own random stream (generator._rng(seed, "plans"|"quarters"|"contracts"))
and only reads the tables built before, so adding these tables left every earlier table byte-identical.

Most plans are met within a few percent; a few seeded projects miss their plan by far more (the cases the
plan-deviation rule must find), and the rest are the controls it must leave alone. Reported progress
follows each project's own pace (its current 形象进度 over the days since its start), so projects that run
late fall behind their planned progress on their own.
"""
import datetime as dt

MULTI_YEAR_DAYS = 365  # a planned duration longer than this is a multi-year project with annual plans
PLAN_NOISE = 0.03  # a met plan differs from the year's payments by at most this share
PLAN_ROUND_FEN = 100 * 100  # plans in whole hundreds of 元
SEEDED_CURRENT = 5  # plans missed in the last closed year: the flags a reader sees today
SEEDED_HISTORY = 3  # plans missed in an earlier year: the rule's history
AWARD_LEAD_DAYS = (15, 90)  # award (中标) this many days before the start of works
CONTRACT_SHARE = (0.9, 0.99)  # contract value as a share of the total investment


# ---- annual plans -------------------------------------------------------------------------------

def _paid_by_year(payments):
    paid = {}
    for row in payments:
        if row["project_code"]:
            years = paid.setdefault(row["project_code"], {})
            years[row["date"].year] = years.get(row["date"].year, 0) + row["amount_fen"]
    return paid


def _round_plan(fen):
    return round(fen / PLAN_ROUND_FEN) * PLAN_ROUND_FEN


def _days_in_year(start, end, year):
    first, last = max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
    return max(0, (last - first).days + 1)


def _seeded_misses(rng, projects, paid, as_of):
    """{project code: (year, factor)}: a plan of factor × that year's payments (a miss far beyond ±5%)."""
    last_closed = as_of.year - 1
    current = [p for p in projects if p["start_date"].year == last_closed and p["status"] in ("在建", "滞后")
               and paid.get(p["code"], {}).get(last_closed)]
    earlier = [p for p in projects if p["start_date"].year < last_closed - 1 and p["status"] == "已完工"
               and paid.get(p["code"], {}).get(p["start_date"].year)]
    chosen = rng.sample(current, min(SEEDED_CURRENT, len(current)))
    chosen += rng.sample(earlier, min(SEEDED_HISTORY, len(earlier)))
    seeded = {}
    for project in chosen:
        # Mostly slower than planned (payments lag the plan), sometimes faster.
        factor = rng.uniform(1.2, 1.5) if rng.random() < 0.7 else rng.uniform(0.65, 0.82)
        seeded[project["code"]] = (project["start_date"].year, factor)
    return seeded


def _closed_plans(rng, paid, years, as_of, miss):
    """Plans of the closed years: the year's payments within PLAN_NOISE, or the seeded miss."""
    plans = {}
    for year in years:
        if year >= as_of.year:
            continue
        actual = paid.get(year, 0)
        factor = miss[1] if miss and miss[0] == year else 1 + rng.uniform(-PLAN_NOISE, PLAN_NOISE)
        plans[year] = max(PLAN_ROUND_FEN, _round_plan(actual * factor)) if actual else 0
    return plans


def _open_plans(project, rest, as_of):
    """The rest of the total spread over the open planned years by planned days (or all in this year)."""
    start, end = project["start_date"], project["end_date"]
    open_years = [y for y in range(max(start.year, as_of.year), end.year + 1)]
    days = {y: _days_in_year(start, end, y) for y in open_years}
    if not open_years or not sum(days.values()):
        return {as_of.year: rest}
    plans, given = {}, 0
    for year in open_years[:-1]:
        plans[year] = _round_plan(rest * days[year] / sum(days.values()))
        given += plans[year]
    plans[open_years[-1]] = rest - given  # the plans add up to the total exactly
    return plans


def _trim_latest(plans, excess):
    """Take ``excess`` off the latest plans first, never below zero (a plan is never negative)."""
    for year in sorted((y for y in plans if plans[y]), reverse=True):
        cut = min(plans[year], excess)
        plans[year] -= cut
        excess -= cut
        if not excess:
            return


def _project_plan(rng, project, paid, as_of, miss):
    start, end = project["start_date"], project["end_date"]
    years = sorted(set(range(start.year, end.year + 1)) | set(paid))
    plans = _closed_plans(rng, paid, years, as_of, miss)
    rest = project["total_investment_fen"] - sum(plans.values())
    if rest < 0 and plans:  # noise or a seeded miss pushed the closed plans past the total
        _trim_latest(plans, -rest)
        rest = 0
    for year, fen in _open_plans(project, rest, as_of).items():
        plans[year] = plans.get(year, 0) + fen
    return [{"project_code": project["code"], "year": year, "plan_fen": plans.get(year, 0),
             "actual_fen": paid.get(year, 0) if year <= as_of.year else None}
            for year in sorted(set(plans) | set(paid))]


def build_plans(rng, projects, payments, as_of):
    """Annual plan and actual payments per year of every multi-year project."""
    paid = _paid_by_year(payments)
    multi = [p for p in projects if (p["end_date"] - p["start_date"]).days > MULTI_YEAR_DAYS]
    seeded = _seeded_misses(rng, multi, paid, as_of)
    rows = []
    for project in multi:
        rows += _project_plan(rng, project, paid.get(project["code"], {}), as_of, seeded.get(project["code"]))
    return rows


# ---- quarterly progress -------------------------------------------------------------------------

def quarter_end(year, quarter):
    month = quarter * 3
    return dt.date(year, month, 31 if month in (3, 12) else 30)


def _quarter_ends(first, last):
    """Quarter-end dates from the quarter holding ``first`` to the quarter holding ``last``."""
    year, quarter = first.year, (first.month - 1) // 3 + 1
    ends = []
    while True:
        end = quarter_end(year, quarter)
        ends.append((year, quarter, end))
        if end >= last:
            return ends
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def _planned(project, day):
    start, end = project["start_date"], project["end_date"]
    return round(100 * min(1.0, max(0.0, (day - start).days / max(1, (end - start).days))))


def _reported(project, day, as_of):
    """Progress at ``day`` along the project's own pace (what its 形象进度 today implies)."""
    start, completed = project["start_date"], project["completed_date"]
    if completed:
        return 100 if day >= completed else min(99, round(100 * (day - start).days / max(1, (completed - start).days)))
    pace = project["progress_pct"] / max(1, (as_of - start).days)
    return min(project["progress_pct"], round(pace * (day - start).days))


def _last_quarter_day(project, as_of):
    if project["completed_date"]:
        return max(project["end_date"], project["completed_date"])
    return max(project["end_date"], as_of if project["start_date"] <= as_of else project["end_date"])


def _progress_cap(project, day):
    completed = project["completed_date"]
    if completed:
        return 100 if day >= completed else 99
    return project["progress_pct"]


def build_quarters(rng, projects, as_of):
    """Planned progress at every quarter end of each project's schedule; reported progress up to as_of."""
    rows = []
    for project in projects:
        previous = 0
        for year, quarter, day in _quarter_ends(project["start_date"], _last_quarter_day(project, as_of)):
            actual = None
            if project["start_date"] <= day <= as_of:
                reported = _reported(project, day, as_of) + rng.randint(-2, 2)
                actual = previous = max(previous, 0, min(reported, _progress_cap(project, day)))
            rows.append({"project_code": project["code"], "year": year, "quarter": quarter,
                         "planned_pct": _planned(project, day), "actual_pct": actual})
    return rows


# ---- contract awards ----------------------------------------------------------------------------

def build_contracts(rng, projects, as_of):
    """The award date and contract value of every project that has a contractor."""
    rows = []
    for project in projects:
        if not project["contractor"]:
            continue
        award = project["start_date"] - dt.timedelta(days=rng.randint(*AWARD_LEAD_DAYS))
        if award > as_of:  # a contractor is known, so the award has happened
            award = as_of - dt.timedelta(days=rng.randint(1, 30))
        contract = round(project["total_investment_fen"] * rng.uniform(*CONTRACT_SHARE) / PLAN_ROUND_FEN)
        rows.append({"project_code": project["code"], "award_date": award, "contract_fen": contract * PLAN_ROUND_FEN})
    return rows
