"""Projects: filtered/sorted listing, one project, its progress updates."""
from dataclasses import dataclass

from sqlalchemy import func, select

from ..schema import project_updates, projects
from .cache import per_publication
from .conditions import place_conditions
from .paging import Page, clamp

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


def _conditions(pub_id, flt):
    conds = [projects.c.publication_id == pub_id,
             *place_conditions(projects, region=flt.region, dept=flt.dept, class_code=flt.class_code)]
    if flt.category:
        conds.append(projects.c.category == flt.category)
    if flt.status:
        conds.append(projects.c.status == flt.status)
    if flt.year is not None:
        conds.append(projects.c.year == flt.year)
    return conds


def list_projects(conn, pub_id, flt, *, sort=DEFAULT_SORT, page=1, per_page=20):
    """A Page of project rows (dicts) with sums of investment/plan/disbursed over all matches."""
    page, per_page, offset = clamp(page, per_page)
    conds = _conditions(pub_id, flt)
    column, descending = SORTS.get(sort, SORTS[DEFAULT_SORT])
    order = [column.desc() if descending else column.asc(), projects.c.code]
    rows = conn.execute(select(projects).where(*conds).order_by(*order).limit(per_page).offset(offset)).mappings()
    count, investment, plan, disbursed = conn.execute(select(
        func.count(), func.coalesce(func.sum(projects.c.total_investment_fen), 0),
        func.coalesce(func.sum(projects.c.annual_plan_fen), 0),
        func.coalesce(func.sum(projects.c.disbursed_fen), 0)).where(*conds)).one()
    return Page([dict(r) for r in rows], count, page, per_page,
                {"total_investment_fen": int(investment), "annual_plan_fen": int(plan),
                 "disbursed_fen": int(disbursed)})


@per_publication
def facet_values(conn, pub_id):
    """Distinct categories, statuses and years for the filter form."""
    def distinct(column):
        return [v for (v,) in conn.execute(select(column).where(projects.c.publication_id == pub_id)
                                           .distinct().order_by(column))]
    return {"category": distinct(projects.c.category), "status": distinct(projects.c.status),
            "year": distinct(projects.c.year)}


@per_publication
def status_counts(conn, pub_id, flt):
    """{status: number of projects} within the filter (ignoring its own status)."""
    conds = _conditions(pub_id, ProjectFilter(**{**flt.__dict__, "status": None}))
    rows = conn.execute(select(projects.c.status, func.count()).where(*conds).group_by(projects.c.status))
    return dict(rows.all())


def get_project(conn, pub_id, code):
    row = conn.execute(select(projects).where(projects.c.publication_id == pub_id, projects.c.code == code)
                       ).mappings().first()
    return dict(row) if row else None


def updates(conn, pub_id, code):
    """Progress updates of a project, oldest first."""
    rows = conn.execute(select(project_updates.c.date, project_updates.c.progress_pct, project_updates.c.note)
                        .where(project_updates.c.publication_id == pub_id,
                               project_updates.c.project_code == code)
                        .order_by(project_updates.c.date)).mappings()
    return [dict(r) for r in rows]
