"""Query (IR) → figures, through ledger.queries: the one figure engine of the pages and the answers.

What is here is only what a question means: which rows a query covers (a Scope or a ProjectFilter
built from its fields), which whole a share is taken of, which period a growth is set against. Every
sum, rate, share and growth is computed by ledger.queries. Amounts stay integer fen here.
"""
import datetime as dt
from dataclasses import replace

from ledger.queries import measures
from ledger.queries import projects as q_proj
from ledger.queries import records as q_rec
from ledger.queries import reference as q_ref
from ledger.queries.execution import Scope, amounts

GROUPINGS = {"kuan": "subclass"}  # the IR's group names → ledger's where they differ


def scope(query, lexicon, years, months=(0, 0), *, with_class=True):
    """The records a budget query covers over ``years`` and the month span ``months`` ((0, 0): the whole
    year, whole-year rows included)."""
    return Scope(years=tuple(years), month_from=months[0] or None, month=months[1] if months[0] else None,
                 regions=tuple(query.regions) or None, depts=tuple(query.depts) or None,
                 class_codes=(tuple(query.classes) or None) if with_class else None,
                 class_set=tuple(lexicon.minsheng) if with_class and query.class_set else None)


def period_scope(query, lexicon, period, **kw):
    return scope(query, lexicon, period.years, (period.month_from, period.month_to), **kw)


def _keyed(values, group):
    """A grouped answer lists named keys only (rows booked to no department are no row of it)."""
    return values if group is None else {k: v for k, v in values.items() if k is not None}


def sums(conn, pub_id, query, lexicon, years, months=(0, 0), *, measure="spent", group=None, with_class=True):
    """{key: fen} of spending, or of budgets for any other ``measure`` (key None without a group)."""
    values = amounts(conn, pub_id, scope(query, lexicon, years, months, with_class=with_class),
                     GROUPINGS.get(group, group), measure="spent" if measure == "spent" else "budget")
    return _keyed(values, group)


def share_scopes(query, lexicon, period, group=None):
    """(part, whole, keys) of a share: the whole is all classes of the part's scope, or what 「占…」 named
    (query.share_of); ``keys`` is set when each region is measured against one whole (全市)."""
    years, months = period.years, (period.month_from, period.month_to)
    part = scope(query, lexicon, years, months)
    spec = query.share_of
    if not spec:
        return part, scope(query, lexicon, years, months, with_class=False), None
    if spec.get("whole_year"):  # 「四季度支出占全年的比重」: same scope, all twelve months
        months = (0, 0)
        if not spec.get("classes") and spec.get("regions") is None:
            return part, scope(query, lexicon, years, months), None
    regions = spec.get("regions")
    # 「市教育局支出占全市教育支出」: the whole is every department's
    whole = replace(query, regions=query.regions if regions is None else list(regions), depts=[],
                    classes=list(spec.get("classes") or []), class_set=spec.get("class_set"))
    keys = None
    if group == "region" and regions is not None:  # each region's share of one named whole (全市)
        keys = scope(query, lexicon, years, months, with_class=False)
    return part, scope(whole, lexicon, years, months), keys


def share_whole(conn, pub_id, query, lexicon, period):
    """The whole (fen) one share figure is taken of."""
    return amounts(conn, pub_id, share_scopes(query, lexicon, period)[1], measure=share_measure(query))[None]


def share_measure(query):
    """Shares of budgets (「预算占全市预算的比例」) take budgets on both sides."""
    return "budget" if query.base_measure == "budget" else "spent"


def shares(conn, pub_id, query, lexicon, period, group=None):
    part, whole, keys = share_scopes(query, lexicon, period, group)
    return _keyed(measures.shares(conn, pub_id, part, whole, GROUPINGS.get(group, group),
                                  measure=share_measure(query), keys=keys), group)


def _year(period, year):
    return replace(period, year_from=year, year_to=year)


def measure_by(conn, pub_id, query, lexicon, period, group=None):
    """{key: value} for the query's measure: fen for spent/budget/remaining, fen per person for per_capita,
    a fraction for rate/share/growth."""
    by = GROUPINGS.get(group, group)
    here = period_scope(query, lexicon, period)
    if query.measure in ("spent", "budget"):
        return sums(conn, pub_id, query, lexicon, period.years, (period.month_from, period.month_to),
                    measure=query.measure, group=group)
    if query.measure == "share":
        return shares(conn, pub_id, query, lexicon, period, group)
    if query.measure == "growth":  # by group: this period against the same months of the year before, or
        # over a span of years (「2019到2023年增长最快」) the last year against the first, as one growth takes it
        this = period_scope(query, lexicon, _year(period, period.year_to))
        base_year = period.year_from if period.multi_year else period.year_to - 1
        before = period_scope(query, lexicon, _year(period, base_year))
        if query.base_measure == "rate":  # a change in percentage points
            return _keyed(measures.rate_change(conn, pub_id, this, before, by), group)
        return _keyed(measures.growth(conn, pub_id, this, before, by, measure=share_measure(query)), group)
    derived = {"rate": measures.rates, "remaining": measures.remaining, "per_capita": measures.per_capita}
    if query.measure not in derived:
        raise ValueError(query.measure)
    if query.measure == "per_capita":  # 「人均预算」: budgets per person, as a share of budgets takes budgets
        return _keyed(measures.per_capita(conn, pub_id, here, by, measure=share_measure(query)), group)
    return _keyed(derived[query.measure](conn, pub_id, here, by), group)


def drop_root(values, lexicon, group):
    """For 各区/各省, the top-level region's own rows (市本级) are not a district."""
    if group == "region":
        return {k: v for k, v in values.items() if lexicon.region_level.get(k, 1) >= 1}
    return values


def growth_scopes(query, lexicon, period):
    """(this label, base label, this scope, base scope) of a growth: the same months a year before, 环比
    (the same number of months just before: the base label is (year, first month, last month)), or the
    first → last year of a range."""
    months = (period.month_from, period.month_to)
    last = period.year_to
    first = period.year_from if period.multi_year else last - 1
    if query.versus == "previous" and period.month_from:  # 环比: the same number of months just before
        span = period.month_to - period.month_from + 1
        before_year, before_from = divmod((period.year_to * 12 + period.month_from - 1) - span, 12)
        before = (before_year, before_from + 1, before_from + span)
        return last, before, scope(query, lexicon, [last], months), scope(query, lexicon, [before[0]], before[1:])
    return last, first, scope(query, lexicon, [last], months), scope(query, lexicon, [first], months)


def growth_measure(query):
    """What a growth compares: spending, budgets, or (a rate's change) both."""
    if query.versus == "previous" and query.period is not None and query.period.month_from:
        return "spent"  # 环比 compares spending
    return "rate" if query.base_measure == "rate" else share_measure(query)


def growth(conn, pub_id, query, lexicon, period):
    """(this label, base label, this, base, growth) — year-on-year, 环比, a rate's change in percentage
    points (this and base are then rates), or first → last year of a range."""
    last, first, this_scope, base_scope = growth_scopes(query, lexicon, period)
    measure = growth_measure(replace(query, period=period))
    if measure == "rate":  # 「执行率比前年提高了几个百分点」: the difference of two rates
        this = measures.rates(conn, pub_id, this_scope)[None]
        base = measures.rates(conn, pub_id, base_scope)[None]
        return last, first, this, base, (this - base) if None not in (this, base) else None
    this = amounts(conn, pub_id, this_scope, measure=measure)[None]
    base = amounts(conn, pub_id, base_scope, measure=measure)[None]
    return last, first, this, base, measures.change(this, base)


def available_years(conn, pub_id):
    return q_ref.spending_years(conn, pub_id)


def last_month(conn, pub_id, year):
    """The last month with spending rows in ``year`` (0 when the year has only whole-year rows)."""
    return q_ref.last_month(conn, pub_id, year)


# ---- projects -----------------------------------------------------------------


def project_filter(query, lexicon, period):
    """The projects a query covers. A period counts only when the question named one: by the completion
    date for 完工/建成/修了/新增 in a year, by the start date for 新开工, else by the project's budget year."""
    named = period is not None and period.explicit
    completed = named and query.completed  # 「2025年完工的」: by the completion date, as the reports count
    started = named and query.new_start and not completed
    by_year = named and not query.new_start and not completed
    located = query.located and len(query.regions) == 1  # 「某县境内」: built there, whichever level books it
    # 「哪个区县境内…最多」: every project, grouped by where it is built (one region named: its projects only)
    by_place = query.located and query.group == "region" and len(query.regions) != 1
    # 「某县某镇有几个项目」: the district only says where the township is; its projects are those built there,
    # whichever level books them (never only the district's own budget units' projects)
    in_township = query.township and set(query.regions) <= {lexicon.township_region.get(query.township)}
    return q_proj.ProjectFilter(
        located=query.regions[0] if located and not by_place else None,
        regions=None if located or by_place or in_township else tuple(query.regions) or None, depts=tuple(query.depts) or None,
        class_codes=tuple(query.classes) or None, class_set=tuple(lexicon.minsheng) if query.class_set else None,
        category=query.category, status=query.status, contractor=query.contractor, code=query.project,
        township=query.township,
        output_unit=query.output_unit, contractors=tuple(query.contractors) or None,
        min_investment_fen=int(query.min_investment_yuan * 100) if query.min_investment_yuan else None,
        max_investment_fen=int(query.max_investment_yuan * 100) if query.max_investment_yuan else None,
        min_progress_pct=query.min_progress_pct, max_progress_pct=query.max_progress_pct,
        years=tuple(period.years) if by_year else None,
        started_years=tuple(period.years) if started else None,
        started_months=(period.month_from, period.month_to) if started and period.month_from else None,
        completed_years=tuple(period.years) if completed else None,
        completed_months=(period.month_from, period.month_to) if completed and period.month_from else None,
        finished=query.schedule if query.schedule in ("late", "on_time", "early") else None,
        overdue_on=dt.date.fromisoformat(query.due_by) if query.schedule == "overdue" and query.due_by else None,
        contractor_kind=query.contractor_kind)


def payment_filter(query):
    """The payments a payment question covers: to the payee, of the project or for the purpose named, in the
    year named (the builders take only periods that are whole years of payments)."""
    period = query.period
    months = (period.month_from, period.month_to) if period is not None and not period.whole_year else (None, None)
    bound = query.payment_bound or {}
    return q_rec.PaymentFilter(payee=query.contractor, project=query.project, purpose=query.purpose,
                               payee_type=query.payee_type,
                               year=period.year_from if period else None, month_from=months[0], month_to=months[1],
                               **{PAYMENT_BOUNDS[bound["op"]]: bound["fen"]} if bound else {})


PAYMENT_BOUNDS = {">": "amount_above", ">=": "amount_from", "<": "amount_below", "<=": "amount_to"}  # ir.Query.payment_bound's op


def payment_totals(conn, pub_id, query):
    """(number of payments, Σ amount in fen)."""
    return q_rec.payment_totals(conn, pub_id, payment_filter(query))


def payee_count(conn, pub_id, query):
    """How many different payees the payments went to (persons by their pseudonyms, never named)."""
    return q_rec.payee_count(conn, pub_id, payment_filter(query))


PROJECT_SORTS = {"disbursed": "disbursed", "progress": "progress"}  # else by investment


def project_rows(conn, pub_id, query, lexicon, period, *, sort="investment", ascending=None, limit=None):
    """Project rows (dicts), ordered by ``sort`` (ties by code), at most ``limit`` (None: all)."""
    return q_proj.list_projects(conn, pub_id, project_filter(query, lexicon, period), sort=sort,
                                ascending=ascending, per_page=limit).items


def ranked_sort(query):
    """How a list of projects is ranked: by disbursement, by progress or by investment, in the asked order."""
    return PROJECT_SORTS.get(query.measure, "investment"), query.order == "asc"


def project_total(conn, pub_id, query, lexicon, period, measure, group=None):
    """Σ of a project measure (count, investment, disbursed, output) {key: value} by ``group`` or {None: v}."""
    if measure == "output" and query.planned:  # 「计划新增多少张床位」: the planned output
        measure = "planned_output"
    if group == "year" and query.completed:  # 「2021到2025年每年完工多少个」: by the year of completion
        group = "completed_year"
    if group == "region" and query.located:  # 「按项目所在区县」: by where the projects are built
        group = "located"
    return q_proj.project_totals(conn, pub_id, project_filter(query, lexicon, period), measure, group)


def own_level(query, lexicon):
    """The one district or county a project question names, when its projects are read by budget level (「桂岭县的
    项目」: those the county's own budget books, issue #18 item 2); None for a place read by location (境内、位于, a
    township), for the city itself and for one named project."""
    if len(query.regions) != 1 or query.located or query.township or query.project:
        return None
    code = query.regions[0]
    return code if lexicon.region_level.get(code) == 1 and lexicon.root_code else None


def city_built_in(query, lexicon, period):
    """The filter of the city's own projects (市本级) built in the district ``own_level`` names, otherwise as the
    question asks: what the location basis adds to the district's own projects."""
    located = project_filter(replace(query, located=True), lexicon, period)
    return replace(located, region=lexicon.root_code)


def project_count(conn, pub_id, query, lexicon, period):
    return int(project_total(conn, pub_id, query, lexicon, period, "count")[None])


def output_sum(conn, pub_id, query, lexicon, period):
    """(Σ output, number of projects)."""
    total = project_total(conn, pub_id, query, lexicon, period, "output")[None]
    return float(total or 0), project_count(conn, pub_id, query, lexicon, period)


def contractor_ranking(conn, pub_id, query, lexicon, period, limit):
    return q_proj.contractor_ranking(conn, pub_id, project_filter(query, lexicon, period),
                                     by="investment" if query.measure == "investment" else "count", limit=limit)


def project_share_parts(query):
    """((part query, part measure), (whole query, whole measure)) of a project share: a count or amount of the
    projects asked about within all the period's projects (「滞后项目占全部项目的比例」), or one amount
    against another of the same projects (已拨付占总投资)."""
    part_measure = query.base_measure if query.base_measure in ("investment", "disbursed") else "count"
    spec = query.share_of or {}
    whole_measure = spec.get("measure") if spec.get("measure") in ("investment", "disbursed", "count") else part_measure
    whole_query = query
    if query.schedule and not spec.get("same_projects"):
        # 「已经完工的项目里，按期完工的占多少」: among the projects asked about, those that kept their plan
        return (query, part_measure), (replace(query, schedule=None, due_by=None), whole_measure)
    if not spec.get("same_projects"):
        whole_query = replace(query, status=None, category=spec.get("category"), contractor=None, output_unit=None,
                              max_progress_pct=None)
        if spec.get("regions") is not None:
            whole_query = replace(whole_query, regions=list(spec["regions"]), depts=[])
    return (query, part_measure), (whole_query, whole_measure)


def project_share(conn, pub_id, query, lexicon, period):
    """(part, whole) of a project share."""
    (part_query, part_measure), (whole_query, whole_measure) = project_share_parts(query)
    part = project_total(conn, pub_id, part_query, lexicon, period, part_measure)[None]
    whole_ = project_total(conn, pub_id, whole_query, lexicon, period, whole_measure)[None]
    return int(part or 0), int(whole_ or 0)
