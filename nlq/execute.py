"""Query (IR) → figures, through parameterised SQLAlchemy Core over one publication.

Spending over a month range counts months a..b; a whole year also counts month-0 rows
(whole-year figures without a monthly breakdown). Budgets are annual. 款 roll up into
their 类 by code prefix. Amounts stay integer fen here.
"""
from dataclasses import replace

from sqlalchemy import and_, extract, func, or_, select

from ledger.schema import budgets, expenditures, projects

from .timeparse import Period


class NoData(Exception):
    """The question is understood but the publication has no figure for it."""


def _class_cond(table, query, lexicon):
    conds = []
    if query.classes:
        conds.append(or_(*[table.c.class_code.startswith(code, autoescape=True) for code in query.classes]))
    if query.class_set:
        conds.append(func.substr(table.c.class_code, 1, 3).in_(lexicon.minsheng))
    return conds


def _conds(table, pub_id, query, lexicon, years, months=(0, 0), *, with_class=True, is_spending=True):
    conds = [table.c.publication_id == pub_id, table.c.year.in_(list(years))]
    if is_spending and months[0]:
        conds.append(table.c.month.between(months[0], months[1]))
    if query.regions:
        conds.append(table.c.region_code.in_(query.regions))
    if query.depts:
        conds.append(table.c.dept_code.in_(query.depts))
    if with_class:
        conds += _class_cond(table, query, lexicon)
    return conds


def _group_col(table, group):
    if group == "class":
        return func.substr(table.c.class_code, 1, 3)
    if group == "kuan":  # the 款 (5-digit codes) within the 类 asked about
        return func.substr(table.c.class_code, 1, 5)
    return table.c[{"region": "region_code", "dept": "dept_code", "year": "year", "month": "month"}[group]]


def sums(conn, pub_id, query, lexicon, years, months=(0, 0), *, measure="spent", group=None, with_class=True):
    """{key: fen} (key None without a group)."""
    spending = measure == "spent"
    table = expenditures if spending else budgets
    amount = table.c.amount_fen if spending else table.c.budget_fen
    conds = _conds(table, pub_id, query, lexicon, years, months, with_class=with_class, is_spending=spending)
    if group is None:
        return {None: int(conn.execute(select(func.coalesce(func.sum(amount), 0)).where(*conds)).scalar() or 0)}
    key = _group_col(table, group)
    rows = conn.execute(select(key, func.sum(amount)).where(*conds).group_by(key))
    return {k: int(v or 0) for k, v in rows if k is not None}


def share_whole(conn, pub_id, query, lexicon, years, months, group=None):
    """The whole a share is taken of: all classes of the same scope, or what 「占…」 named (query.share_of).
    Shares of budgets (「预算占全市预算的比例」) take budgets on both sides."""
    measure = "budget" if query.base_measure == "budget" else "spent"
    if not query.share_of:
        return sums(conn, pub_id, query, lexicon, years, months, measure=measure, group=group, with_class=False)
    if query.share_of.get("whole_year"):  # 「四季度支出占全年的比重」: same scope, all twelve months
        months = (0, 0)
        if not query.share_of.get("classes") and query.share_of.get("regions") is None:
            return sums(conn, pub_id, query, lexicon, years, months, measure=measure, group=group)
    regions = query.share_of.get("regions")
    # 「市教育局支出占全市教育支出」: the whole is every department's
    whole = replace(query, regions=query.regions if regions is None else list(regions), depts=[],
                    classes=list(query.share_of.get("classes") or []), class_set=query.share_of.get("class_set"))
    if group == "region" and regions is not None:  # each region's share of one named whole (全市)
        total = sums(conn, pub_id, whole, lexicon, years, months, measure=measure)[None]
        keys = sums(conn, pub_id, query, lexicon, years, months, measure=measure, group=group, with_class=False)
        return {k: total for k in keys}
    return sums(conn, pub_id, whole, lexicon, years, months, measure=measure, group=group)


def _ratio(a, b):
    return a / b if b else None


def measure_by(conn, pub_id, query, lexicon, period, group=None):
    """{key: value} for the query's measure: fen for spent/budget, a fraction for rate/share."""
    years, months = period.years, (period.month_from, period.month_to)
    if query.measure in ("spent", "budget"):
        return sums(conn, pub_id, query, lexicon, years, months, measure=query.measure, group=group)
    if query.measure == "per_capita":  # fen per resident: spending over the population of the scope
        spent = sums(conn, pub_id, query, lexicon, years, months, group=group)
        if group == "region":
            return {k: _ratio(v, lexicon.region_population.get(k) or 0) for k, v in spent.items()}
        population = sum(lexicon.region_population.get(r) or 0 for r in query.regions) if query.regions \
            else lexicon.region_population.get(lexicon.root_code) or 0
        return {k: _ratio(v, population) for k, v in spent.items()}
    if query.measure == "rate":
        spent = sums(conn, pub_id, query, lexicon, years, months, group=group)
        budget = sums(conn, pub_id, query, lexicon, years, measure="budget", group=group)
        keys = set(spent) | set(budget)
        return {k: _ratio(spent.get(k, 0), budget.get(k, 0)) for k in keys}
    if query.measure == "remaining":  # budget − spent over the period (budgets are annual)
        spent = sums(conn, pub_id, query, lexicon, years, months, group=group)
        budget = sums(conn, pub_id, query, lexicon, years, measure="budget", group=group)
        return {k: budget.get(k, 0) - spent.get(k, 0) for k in set(spent) | set(budget)}
    if query.measure == "growth" and query.base_measure == "rate":  # by group: change in percentage points
        rate = replace(query, measure="rate")
        this = measure_by(conn, pub_id, rate, lexicon, replace(period, year_from=period.year_to), group=group)
        before = measure_by(conn, pub_id, rate, lexicon,
                            replace(period, year_from=period.year_to - 1, year_to=period.year_to - 1), group=group)
        return {k: this[k] - before[k] for k in set(this) & set(before) if None not in (this[k], before[k])}
    if query.measure == "growth":  # by group: this period against the same months of the year before
        this = sums(conn, pub_id, query, lexicon, [period.year_to], months, measure=query.base_measure, group=group)
        before = sums(conn, pub_id, query, lexicon, [period.year_to - 1], months, measure=query.base_measure,
                      group=group)
        return {k: _ratio(this.get(k, 0) - before.get(k, 0), before.get(k, 0)) for k in set(this) | set(before)}
    if query.measure == "share":
        part = sums(conn, pub_id, query, lexicon, years, months, group=group,
                    measure="budget" if query.base_measure == "budget" else "spent")
        total = share_whole(conn, pub_id, query, lexicon, years, months, group=group)
        return {k: _ratio(part.get(k, 0), total[k]) for k in total}
    raise ValueError(query.measure)


def drop_root(values, lexicon, group):
    """For 各区/各省, the top-level region's own rows (市本级) are not a district."""
    if group == "region":
        return {k: v for k, v in values.items() if lexicon.region_level.get(k, 1) >= 1}
    return values


def growth(conn, pub_id, query, lexicon, period):
    """(this, base, growth fraction) — year-on-year, or first→last year of a range."""
    months = (period.month_from, period.month_to)
    measure = "budget" if query.base_measure == "budget" else "spent"
    last = period.year_to
    first = period.year_from if period.multi_year else last - 1
    if query.versus == "previous" and period.month_from:  # 环比: the same number of months just before
        span = period.month_to - period.month_from + 1
        start = (period.year_to * 12 + period.month_from - 1) - span
        before_year, before_from = divmod(start, 12)
        before = (before_year, before_from + 1, before_from + span)
        this = sums(conn, pub_id, query, lexicon, [period.year_to], months)[None]
        base = sums(conn, pub_id, query, lexicon, [before[0]], before[1:])[None]
        return period.year_to, before, this, base, _ratio(this - base, base)
    if query.base_measure == "rate":  # 「执行率比前年提高了几个百分点」: the difference of two rates
        rates = {y: measure_by(conn, pub_id, replace(query, measure="rate"), lexicon,
                               replace(period, year_from=y, year_to=y))[None] for y in (first, last)}
        this, base = rates[last], rates[first]
        return last, first, this, base, (this - base) if None not in (this, base) else None
    values = sums(conn, pub_id, query, lexicon, [first, last], months, measure=measure, group="year")
    this, base = values.get(last, 0), values.get(first, 0)
    return last, first, this, base, _ratio(this - base, base)


# ---- projects -----------------------------------------------------------------


def project_conds(pub_id, query, lexicon, period):
    conds = [projects.c.publication_id == pub_id]
    if query.regions:
        conds.append(projects.c.region_code.in_(query.regions))
    if query.depts:
        conds.append(projects.c.dept_code.in_(query.depts))
    conds += _class_cond(projects, query, lexicon)
    if query.category:
        conds.append(projects.c.category == query.category)
    if query.status:
        conds.append(projects.c.status == query.status)
    if query.contractor:
        conds.append(projects.c.contractor == query.contractor)
    if query.project:
        conds.append(projects.c.code == query.project)
    if query.output_unit:
        conds.append(projects.c.output_unit == query.output_unit)
    if query.min_investment_yuan:
        conds.append(projects.c.total_investment_fen >= int(query.min_investment_yuan * 100))
    if query.max_investment_yuan:
        conds.append(projects.c.total_investment_fen < int(query.max_investment_yuan * 100))
    if query.max_progress_pct is not None:
        conds.append(projects.c.progress_pct < query.max_progress_pct)
    if query.min_progress_pct is not None:
        conds.append(projects.c.progress_pct > query.min_progress_pct)
    if query.contractors:
        conds.append(projects.c.contractor.in_(query.contractors))
    if period is not None and period.explicit:
        if query.new_start:
            # extract() compiles to strftime on SQLite and EXTRACT on PostgreSQL (no strftime there)
            conds.append(extract("year", projects.c.start_date).in_(list(period.years)))
            if period.month_from:
                conds.append(extract("month", projects.c.start_date).between(period.month_from, period.month_to))
        else:
            conds.append(projects.c.year.in_(period.years))
    return conds


def project_order(query):
    """How a list of projects is ranked: by disbursement, by progress (slowest first) or by investment."""
    if query.measure == "disbursed":
        column = projects.c.disbursed_fen
    elif query.measure == "progress":
        column = projects.c.progress_pct
    else:
        column = projects.c.total_investment_fen
    return [column.asc() if query.order == "asc" else column.desc(), projects.c.code]


def project_rows(conn, pub_id, query, lexicon, period, *, order=None, limit=None):
    q = select(projects).where(*project_conds(pub_id, query, lexicon, period))
    if order is not None:
        q = q.order_by(*order, projects.c.code)  # equal amounts: by code, not in whatever order the database scans
    if limit:
        q = q.limit(limit)
    return [dict(r) for r in conn.execute(q).mappings()]


def project_count(conn, pub_id, query, lexicon, period):
    return int(conn.execute(select(func.count()).select_from(projects)
                            .where(*project_conds(pub_id, query, lexicon, period))).scalar())


def project_share(conn, pub_id, query, lexicon, period):
    """(part, whole) of a project share: a count or amount of the projects asked about within all the period's
    projects (「滞后项目占全部项目的比例」), or one amount against another of the same projects (已拨付占总投资)."""
    part_measure = query.base_measure if query.base_measure in ("investment", "disbursed") else "count"
    spec = query.share_of or {}
    whole_measure = spec.get("measure") if spec.get("measure") in ("investment", "disbursed", "count") else part_measure
    whole_query = query
    if not spec.get("same_projects"):
        whole_query = replace(query, status=None, category=spec.get("category"), contractor=None, output_unit=None,
                              max_progress_pct=None)
        if spec.get("regions") is not None:
            whole_query = replace(whole_query, regions=list(spec["regions"]), depts=[])
    part = project_sum(conn, pub_id, query, lexicon, period, part_measure)[None]
    whole = project_sum(conn, pub_id, whole_query, lexicon, period, whole_measure)[None]
    return int(part or 0), int(whole or 0)


def project_sum(conn, pub_id, query, lexicon, period, column, group=None):
    """Σ of a project column (fen or output units), {key: value} by ``group`` ("year") or {None: value}."""
    conds = project_conds(pub_id, query, lexicon, period)
    col = {"investment": func.sum(projects.c.total_investment_fen), "disbursed": func.sum(projects.c.disbursed_fen),
           "output": func.sum(_output_column(query)), "count": func.count()}[column]
    if group in ("year", "region", "category"):
        key = {"year": projects.c.year, "region": projects.c.region_code, "category": projects.c.category}[group]
        rows = conn.execute(select(key, col).where(*conds).group_by(key))
        return {k: v or 0 for k, v in rows}
    return {None: conn.execute(select(col).where(*conds)).scalar() or 0}


def _output_column(query):
    return projects.c.output_planned if query.planned else projects.c.output_actual


def output_sum(conn, pub_id, query, lexicon, period):
    conds = project_conds(pub_id, query, lexicon, period)
    total = conn.execute(select(func.coalesce(func.sum(_output_column(query)), 0), func.count())
                         .where(*conds)).first()
    return float(total[0] or 0), int(total[1])


def contractor_ranking(conn, pub_id, query, lexicon, period, limit):
    conds = project_conds(pub_id, query, lexicon, period) + [projects.c.contractor.is_not(None)]
    n = func.count().label("n")
    invest = func.sum(projects.c.total_investment_fen).label("invest")
    primary = 2 if query.measure == "investment" else 1
    rows = conn.execute(select(projects.c.contractor, n, invest).where(*conds).group_by(projects.c.contractor))
    # Ties by name in code-point order, here rather than in SQL: ORDER BY on text follows the
    # database's collation (bytewise on SQLite, pinyin under a zh-Hans PostgreSQL).
    return sorted((tuple(r) for r in rows), key=lambda r: (-(r[primary] or 0), r[0]))[:limit]


def by_year_available(conn, pub_id):
    rows = conn.execute(select(expenditures.c.year).where(expenditures.c.publication_id == pub_id).distinct())
    return sorted(r[0] for r in rows)


def last_month(conn, pub_id, year):
    """The last month with spending rows in ``year`` (0 when the year has only whole-year rows)."""
    return int(conn.execute(select(func.max(expenditures.c.month)).where(
        expenditures.c.publication_id == pub_id, expenditures.c.year == year)).scalar() or 0)


def whole(period):
    return Period(period.year_from, period.year_to, 0, 0, period.explicit)


__all__ = ["NoData", "sums", "measure_by", "growth", "project_rows", "project_count", "output_sum",
           "contractor_ranking", "project_sum", "project_share", "drop_root", "by_year_available", "last_month", "and_"]
