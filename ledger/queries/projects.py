"""Projects: filtered/sorted listing, totals (counts, investment, disbursement, outputs) by year, region,
category or contractor, one project, its progress updates."""
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, extract, func, or_, select

from anonymize.policy import PSEUDONYM_PREFIX

from ..schema import project_contracts, project_plans, project_quarters, project_updates, projects, townships
from .cache import per_publication
from .conditions import choice_conditions, class_prefixes, one_or_many, place_conditions
from .paging import Page, clamp, stream
from .plans import project_columns, year_paid_column, year_plan_column

# sort key -> (column, descending?)
SORTS = {
    "investment": (projects.c.total_investment_fen, True),
    "disbursed": (projects.c.disbursed_fen, True),
    "progress": (projects.c.progress_pct, True),
    "name": (projects.c.name, False),
}
DEFAULT_SORT = "investment"


@dataclass(frozen=True)
class ProjectFilter:
    region: str | None = None
    class_code: str | None = None  # 类 or 款 prefix
    category: str | None = None
    status: str | None = None
    year: int | None = None
    dept: str | None = None
    township: str | None = None  # a townships.code (乡镇/街道): projects near me
    # a region code: projects built there (their township lies in it), whichever level funds them — the
    # city's own projects in a district too; ``region`` is the level that books the project
    located: str | None = None
    # What the question box narrows by besides (None = no condition; tuples: any of the values).
    years: tuple | None = None
    regions: tuple | None = None
    depts: tuple | None = None
    class_codes: tuple | None = None  # 类 or 款 prefixes
    class_set: tuple | None = None  # 类 codes of a set such as 民生支出
    code: str | None = None  # one project
    contractor: str | None = None
    contractors: tuple | None = None
    output_unit: str | None = None
    min_investment_fen: int | None = None  # total investment at least this
    max_investment_fen: int | None = None  # total investment below this
    min_progress_pct: float | None = None  # progress above this
    max_progress_pct: float | None = None  # progress below this
    started_years: tuple | None = None  # started (start_date) in one of these years …
    started_months: tuple | None = None  # … and within these (first, last) months
    # completed (completed_date, 实际完工日期) in one of these years: the basis of the reports' outputs
    completed_years: tuple | None = None
    completed_months: tuple | None = None  # … and within these (first, last) months
    # completed against the plan (end_date, 计划完工日期): "late" after it, "on_time" on or before it, "early" before it
    finished: str | None = None
    overdue_on: dt.date | None = None  # not completed and planned to be completed before this date (逾期未完工)
    # who builds it (CONTRACTOR_KINDS): a person (the publication's pseudonym for one), no contractor yet, or no
    # contract awarded (no row in project_contracts)
    contractor_kind: str | None = None


# 「个人承包的」: a natural person's name is published as this prefix and a code (anonymize/policy.py), the only
# mark of a person among contractors the publication keeps
PERSON_CONTRACTOR = PSEUDONYM_PREFIX["contractor"]
CONTRACTOR_KINDS = {"person": "个人（已假名化）承建", "none": "尚无承建单位", "uncontracted": "尚无中标合同"}


def filter_args(flt):
    """The query-string pairs of /projects that select the same projects (a name given several times means
    any of its values; investment bounds in 元)."""
    pairs = [("region", r) for r in one_or_many(flt.region, flt.regions)]
    pairs += [("dept", d) for d in one_or_many(flt.dept, flt.depts)]
    pairs += [("class", c) for c in class_prefixes(one_or_many(flt.class_code, flt.class_codes), flt.class_set)]
    pairs += [("year", y) for y in one_or_many(flt.year, flt.years)]
    pairs += [(name, value) for name, value in (
        ("category", flt.category), ("status", flt.status), ("township", flt.township), ("located", flt.located),
        ("project", flt.code),
        ("output_unit", flt.output_unit)) if value]
    pairs += [("contractor", c) for c in ([flt.contractor] if flt.contractor else []) + list(flt.contractors or ())]
    pairs += [(name, _yuan(fen)) for name, fen in (("min_investment", flt.min_investment_fen),
                                                    ("max_investment", flt.max_investment_fen)) if fen]
    pairs += [(name, f"{pct:g}") for name, pct in (("min_progress", flt.min_progress_pct),
                                                    ("max_progress", flt.max_progress_pct)) if pct is not None]
    pairs += [("started_year", y) for y in flt.started_years or ()]
    if flt.started_months:
        pairs += [("started_month_from", flt.started_months[0]), ("started_month_to", flt.started_months[1])]
    pairs += [("completed_year", y) for y in flt.completed_years or ()]
    if flt.completed_months:
        pairs += [("completed_month_from", flt.completed_months[0]), ("completed_month_to", flt.completed_months[1])]
    pairs += [(name, value) for name, value in (("finished", flt.finished),
                                                ("overdue_on", flt.overdue_on and flt.overdue_on.isoformat()),
                                                ("contractor_kind", flt.contractor_kind)) if value]
    return [(name, str(value)) for name, value in pairs]


def _yuan(fen):
    return str(fen // 100) if fen % 100 == 0 else f"{fen / 100:.2f}"


def _conditions(pub_id, flt):
    conds = [projects.c.publication_id == pub_id,
             *place_conditions(projects, region=flt.region, dept=flt.dept, class_code=flt.class_code),
             *choice_conditions(projects, regions=flt.regions, depts=flt.depts, class_codes=flt.class_codes,
                                class_set=flt.class_set)]
    equal = [(projects.c.category, flt.category), (projects.c.code, flt.code),
             (projects.c.contractor, flt.contractor), (projects.c.output_unit, flt.output_unit)]
    conds += [column == value for column, value in equal if value]
    if flt.status:  # 「在建或滞后」: any of the statuses joined by 或 (projects under way)
        conds.append(projects.c.status.in_(flt.status.split("或")))
    if flt.year is not None:
        conds.append(projects.c.year == flt.year)
    if flt.township:
        conds.append(projects.c.township_code == flt.township)
    if flt.located:
        conds.append(_located_in(pub_id, flt.located))
    if flt.contractor_kind:
        conds.append(_contractor_kind(pub_id, flt.contractor_kind))
    return conds + _range_conditions(flt)


def _contractor_kind(pub_id, kind):
    """Projects built by a person, without a contractor yet, or without an awarded contract (CONTRACTOR_KINDS)."""
    if kind == "person":
        return projects.c.contractor.startswith(PERSON_CONTRACTOR, autoescape=True)
    if kind == "none":
        return projects.c.contractor.is_(None)
    if kind == "uncontracted":
        awarded = select(project_contracts.c.project_code).where(project_contracts.c.publication_id == pub_id)
        return projects.c.code.not_in(awarded)
    raise ValueError(f"unknown contractor kind: {kind}")


def _located_in(pub_id, region_code):
    """Built in the region: the project's township lies in it (a project without a township: booked to it)."""
    inside = select(townships.c.code).where(townships.c.publication_id == pub_id,
                                            townships.c.region_code == region_code)
    return or_(projects.c.township_code.in_(inside),
               and_(projects.c.township_code.is_(None), projects.c.region_code == region_code))


def _range_conditions(flt):
    conds = []
    if flt.years:
        conds.append(projects.c.year.in_(list(flt.years)))
    if flt.contractors:
        conds.append(projects.c.contractor.in_(list(flt.contractors)))
    if flt.min_investment_fen:
        conds.append(projects.c.total_investment_fen >= flt.min_investment_fen)
    if flt.max_investment_fen:
        conds.append(projects.c.total_investment_fen < flt.max_investment_fen)
    if flt.max_progress_pct is not None:
        conds.append(projects.c.progress_pct < flt.max_progress_pct)
    if flt.min_progress_pct is not None:
        conds.append(projects.c.progress_pct > flt.min_progress_pct)
    if flt.started_years:
        # extract() compiles to strftime on SQLite and EXTRACT on PostgreSQL (no strftime there)
        conds.append(extract("year", projects.c.start_date).in_(list(flt.started_years)))
    if flt.started_months:
        conds.append(extract("month", projects.c.start_date).between(*flt.started_months))
    if flt.completed_years:
        conds.append(extract("year", projects.c.completed_date).in_(list(flt.completed_years)))
    if flt.completed_months:
        conds.append(extract("month", projects.c.completed_date).between(*flt.completed_months))
    if flt.finished == "late":
        conds.append(projects.c.completed_date > projects.c.end_date)
    elif flt.finished == "on_time":
        conds.append(projects.c.completed_date <= projects.c.end_date)
    elif flt.finished == "early":
        conds.append(projects.c.completed_date < projects.c.end_date)
    if flt.overdue_on is not None:
        conds += [projects.c.completed_date.is_(None), projects.c.end_date < flt.overdue_on]
    return conds


def list_projects(conn, pub_id, flt, *, sort=DEFAULT_SORT, page=1, per_page=20, ascending=None):
    """A Page of project rows (dicts) with sums of investment/plan/disbursed over all matches.

    ``ascending`` overrides the sort's own direction (「进度最慢的」: by progress, lowest first)."""
    page, per_page, offset = clamp(page, per_page)
    query = _listing_query(pub_id, flt, sort, ascending)
    rows = conn.execute(query.limit(per_page).offset(offset)).mappings()
    count, sums = project_sums(conn, pub_id, flt)
    return Page([dict(r) for r in rows], count, page, per_page, sums)


def project_rows(conn, pub_id, flt, *, sort=DEFAULT_SORT, ascending=None):
    """Every project of ``list_projects``, in its order, streamed from the cursor (downloads)."""
    return stream(conn, _listing_query(pub_id, flt, sort, ascending))


def _listing_query(pub_id, flt, sort, ascending):
    column, descending = SORTS.get(sort, SORTS[DEFAULT_SORT])
    if ascending is not None:
        descending = not ascending
    order = [column.desc() if descending else column.asc(), projects.c.code]
    return select(*project_columns()).where(*_conditions(pub_id, flt)).order_by(*order)


@per_publication
def project_sums(conn, pub_id, flt):
    """(count, {investment, plan, disbursed sums}) of the projects ``flt`` selects; memoised per
    publication, so paging and re-sorting a listing (province scale: 40,000 projects) reads them once.
    annual_plan_fen / annual_paid_fen: each project's 年度计划 and payments of its own year (queries/plans)."""
    count, investment, plan, paid, disbursed = conn.execute(select(
        func.count(), func.coalesce(func.sum(projects.c.total_investment_fen), 0),
        func.coalesce(func.sum(year_plan_column()), 0), func.coalesce(func.sum(year_paid_column()), 0),
        func.coalesce(func.sum(projects.c.disbursed_fen), 0)).where(*_conditions(pub_id, flt))).one()
    return int(count), {"total_investment_fen": int(investment), "annual_plan_fen": int(plan),
                        "annual_paid_fen": int(paid), "disbursed_fen": int(disbursed)}


# What a project total adds up: how many projects, money (fen) or physical output (the output's unit).
TOTALS = {
    "count": func.count(),
    "investment": func.sum(projects.c.total_investment_fen),
    "disbursed": func.sum(projects.c.disbursed_fen),
    "output": func.sum(projects.c.output_actual),
    "planned_output": func.sum(projects.c.output_planned),
    "progress": func.sum(projects.c.progress_pct),  # added up only to be averaged (ledger.queries.averages)
}
TOTAL_GROUPS = {"year": projects.c.year, "region": projects.c.region_code, "category": projects.c.category,
                "contractor": projects.c.contractor, "completed_year": extract("year", projects.c.completed_date),
                "township": projects.c.township_code}


@per_publication  # the question box asks the same totals again and again; a group-by reads every project
def project_totals(conn, pub_id, flt, measure="count", by=None):
    """{key: total} of ``measure`` (one of TOTALS) over the filtered projects, grouped ``by`` year | region |
    category | contractor | completed_year | township (projects without one are left out) | located (the
    region a project is built in, whichever level books it: ``located`` of ProjectFilter), or {None: total};
    a sum over no projects is 0."""
    conds = _conditions(pub_id, flt)
    if by == "township":
        conds.append(projects.c.township_code.is_not(None))
    column = TOTALS[measure]
    if by is None:
        return {None: conn.execute(select(column).where(*conds)).scalar() or 0}
    if by == "located":
        key = func.coalesce(townships.c.region_code, projects.c.region_code)
        where = projects.outerjoin(townships, and_(townships.c.publication_id == projects.c.publication_id,
                                                   townships.c.code == projects.c.township_code))
        return {k: v or 0 for k, v in conn.execute(select(key, column).select_from(where).where(*conds).group_by(key))}
    key = TOTAL_GROUPS[by]
    return {k: v or 0 for k, v in conn.execute(select(key, column).where(*conds).group_by(key))}


@per_publication
def contractor_ranking(conn, pub_id, flt, *, by="count", limit=None):
    """[(contractor, number of projects, total investment fen)] of the filtered projects with a contractor,
    most projects (``by="count"``) or most investment first; ties by name."""
    conds = _conditions(pub_id, flt) + [projects.c.contractor.is_not(None)]
    rows = conn.execute(select(projects.c.contractor, TOTALS["count"], TOTALS["investment"])
                        .where(*conds).group_by(projects.c.contractor))
    primary = 2 if by == "investment" else 1
    # Ties by name in code-point order, here rather than in SQL: ORDER BY on text follows the
    # database's collation (bytewise on SQLite, pinyin under a zh-Hans PostgreSQL).
    ranked = sorted((tuple(r) for r in rows), key=lambda r: (-(r[primary] or 0), r[0]))
    return ranked[:limit] if limit else ranked


@per_publication
def facet_values(conn, pub_id):
    """Distinct categories, statuses and years for the filter form."""
    def distinct(column):
        return [v for (v,) in conn.execute(select(column).where(projects.c.publication_id == pub_id)
                                           .distinct().order_by(column))]
    return {"category": distinct(projects.c.category), "status": distinct(projects.c.status),
            "year": distinct(projects.c.year)}


@per_publication
def township_counts(conn, pub_id, flt):
    """{township code: number of projects} within the filter (ignoring its own township)."""
    conds = _conditions(pub_id, ProjectFilter(**{**flt.__dict__, "township": None}))
    rows = conn.execute(select(projects.c.township_code, func.count()).where(*conds, projects.c.township_code.is_not(None))
                        .group_by(projects.c.township_code))
    return dict(rows.all())


@per_publication
def township_summary(conn, pub_id, flt):
    """{township code: {"projects", "investment_fen", "disbursed_fen", "codes"}} of the projects within the
    filter that name a township (the tile map's township level: spending below a district is known only
    through its projects)."""
    rows = conn.execute(select(projects.c.township_code, projects.c.code, projects.c.total_investment_fen,
                               projects.c.disbursed_fen)
                        .where(*_conditions(pub_id, flt), projects.c.township_code.is_not(None)))
    out = {}
    for township, code, investment, disbursed in rows:
        entry = out.setdefault(township, {"projects": 0, "investment_fen": 0, "disbursed_fen": 0, "codes": []})
        entry["projects"] += 1
        entry["investment_fen"] += int(investment or 0)
        entry["disbursed_fen"] += int(disbursed or 0)
        entry["codes"].append(code)
    return out


@per_publication
def status_counts(conn, pub_id, flt):
    """{status: number of projects} within the filter (ignoring its own status)."""
    conds = _conditions(pub_id, ProjectFilter(**{**flt.__dict__, "status": None}))
    rows = conn.execute(select(projects.c.status, func.count()).where(*conds).group_by(projects.c.status))
    return dict(rows.all())


def get_project(conn, pub_id, code):
    row = conn.execute(select(*project_columns()).where(projects.c.publication_id == pub_id,
                                                        projects.c.code == code)).mappings().first()
    return dict(row) if row else None


def updates(conn, pub_id, code):
    """Progress updates of a project, oldest first."""
    rows = conn.execute(select(project_updates.c.date, project_updates.c.progress_pct, project_updates.c.note)
                        .where(project_updates.c.publication_id == pub_id,
                               project_updates.c.project_code == code)
                        .order_by(project_updates.c.date)).mappings()
    return [dict(r) for r in rows]


def contract(conn, pub_id, code):
    """A project's award (定标): {"award_date", "contract_fen"}, or None when none is published."""
    row = conn.execute(select(project_contracts.c.award_date, project_contracts.c.contract_fen)
                       .where(project_contracts.c.publication_id == pub_id, project_contracts.c.project_code == code)
                       .order_by(project_contracts.c.award_date)).mappings().first()
    return dict(row) if row else None


def contract_ranking(conn, pub_id, *, year=None, ascending=False, limit=None):
    """[(code, name, first award date, Σ contract_fen)] of the projects with contracts awarded (定标) in ``year``
    (every year when None), the largest contract sum first (the smallest with ``ascending``); ties by code."""
    conds = [project_contracts.c.publication_id == pub_id, project_contracts.c.contract_fen.is_not(None)]
    if year is not None:
        conds.append(extract("year", project_contracts.c.award_date) == year)
    total = func.sum(project_contracts.c.contract_fen)
    rows = conn.execute(select(projects.c.code, projects.c.name, func.min(project_contracts.c.award_date), total)
                        .join(projects, and_(projects.c.publication_id == project_contracts.c.publication_id,
                                             projects.c.code == project_contracts.c.project_code))
                        .where(*conds).group_by(projects.c.code, projects.c.name)).all()
    rows = sorted(rows, key=lambda r: (r[3] if ascending else -r[3], r[0]))
    return [tuple(r) for r in (rows[:limit] if limit else rows)]


def contract_totals(conn, pub_id, year=None):
    """(number of contracts, Σ contract_fen) awarded (定标, project_contracts.award_date) in ``year`` (every
    year when None): the rows of the open-data table project_contracts dated in it."""
    conds = [project_contracts.c.publication_id == pub_id]
    if year is not None:
        conds.append(extract("year", project_contracts.c.award_date) == year)
    count, total = conn.execute(select(func.count(), func.coalesce(func.sum(project_contracts.c.contract_fen), 0))
                                .where(*conds)).one()
    return int(count), int(total)


def quarter_progress(conn, pub_id, code, year, quarter):
    """A project's planned and actual 形象进度 (%) at the end of one quarter (project_quarters):
    {"planned", "actual"} (actual None before the quarter is reported), or None when it has no such row."""
    row = conn.execute(select(project_quarters.c.planned_pct, project_quarters.c.actual_pct)
                       .where(project_quarters.c.publication_id == pub_id, project_quarters.c.project_code == code,
                              project_quarters.c.year == year, project_quarters.c.quarter == quarter)).first()
    return {"planned": row[0], "actual": row[1]} if row else None


def _selected_codes(pub_id, flt):
    return select(projects.c.code).where(*_conditions(pub_id, flt))


@per_publication
def plan_totals(conn, pub_id, year, flt):
    """The 分年度计划 rows (project_plans) of ``year`` of the projects ``flt`` selects, added up:
    {"plan_fen", "actual_fen", "codes"} — the planned spending of that calendar year and what was paid in it (to
    date for the current year), and the projects with such a row (by code)."""
    conds = [project_plans.c.publication_id == pub_id, project_plans.c.year == year,
             project_plans.c.project_code.in_(_selected_codes(pub_id, flt))]
    rows = conn.execute(select(project_plans.c.project_code, project_plans.c.plan_fen, project_plans.c.actual_fen)
                        .where(*conds).order_by(project_plans.c.project_code)).all()
    return {"plan_fen": sum(int(r.plan_fen) for r in rows),
            "actual_fen": sum(int(r.actual_fen or 0) for r in rows),
            "codes": [r.project_code for r in rows]}


@per_publication
def quarter_rows(conn, pub_id, year, quarter, flt):
    """Every project ``flt`` selects with a project_quarters row at the end of ``quarter`` of ``year``:
    [{"code", "name", "planned", "actual"}] by code (actual None before the quarter is reported)."""
    rows = conn.execute(
        select(projects.c.code, projects.c.name, project_quarters.c.planned_pct, project_quarters.c.actual_pct)
        .select_from(project_quarters.join(projects, (projects.c.publication_id == pub_id)
                                           & (projects.c.code == project_quarters.c.project_code)))
        .where(project_quarters.c.publication_id == pub_id, project_quarters.c.year == year,
               project_quarters.c.quarter == quarter, *_conditions(pub_id, flt))
        .order_by(projects.c.code)).all()
    return [{"code": r.code, "name": r.name, "planned": r.planned_pct, "actual": r.actual_pct} for r in rows]
