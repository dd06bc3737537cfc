"""Reference data of a publication: years, regions, departments, functional classes."""
import re

from sqlalchemy import func, select, union

from ..schema import budgets, departments, expenditures, func_classes, regions, townships
from .cache import per_publication

CITY_LEVEL = 0


@per_publication
def years(conn, pub_id):
    """Budget years present in budgets or expenditures, ascending."""
    query = union(
        select(budgets.c.year).where(budgets.c.publication_id == pub_id),
        select(expenditures.c.year).where(expenditures.c.publication_id == pub_id),
    )
    return sorted(row[0] for row in conn.execute(query))


@per_publication
def spending_years(conn, pub_id):
    """Years with expenditure rows, ascending: what 「今年」 and 「最新」 are answered from."""
    rows = conn.execute(select(expenditures.c.year).where(expenditures.c.publication_id == pub_id).distinct())
    return sorted(row[0] for row in rows)


def latest_year(conn, pub_id):
    found = years(conn, pub_id)
    return found[-1] if found else None


@per_publication
def last_month(conn, pub_id, year):
    """The last month (1–12) with expenditure data in ``year``; 0 when only whole-year data exists."""
    value = conn.execute(select(func.max(expenditures.c.month)).where(
        expenditures.c.publication_id == pub_id, expenditures.c.year == year)).scalar()
    return value or 0


@per_publication
def all_regions(conn, pub_id):
    """Regions ordered city first, then districts by code."""
    rows = conn.execute(select(regions).where(regions.c.publication_id == pub_id)
                        .order_by(regions.c.level, regions.c.code)).mappings()
    return [dict(r) for r in rows]


def region(conn, pub_id, code):
    row = conn.execute(select(regions).where(regions.c.publication_id == pub_id, regions.c.code == code)
                       ).mappings().first()
    return dict(row) if row else None


def city(conn, pub_id):
    """The top-level region (level 0), or None."""
    return next((r for r in all_regions(conn, pub_id) if r["level"] == CITY_LEVEL), None)


@per_publication
def all_departments(conn, pub_id, region_code=None):
    query = select(departments).where(departments.c.publication_id == pub_id)
    if region_code:
        query = query.where(departments.c.region_code == region_code)
    return [dict(r) for r in conn.execute(query.order_by(departments.c.code)).mappings()]


def department(conn, pub_id, code):
    row = conn.execute(select(departments).where(
        departments.c.publication_id == pub_id, departments.c.code == code)).mappings().first()
    return dict(row) if row else None


@per_publication
def class_names(conn, pub_id):
    """{code: name} for every 类 and 款."""
    rows = conn.execute(select(func_classes.c.code, func_classes.c.name)
                        .where(func_classes.c.publication_id == pub_id))
    return {code: name for code, name in rows}


def func_class(conn, pub_id, code):
    row = conn.execute(select(func_classes).where(
        func_classes.c.publication_id == pub_id, func_classes.c.code == code)).mappings().first()
    return dict(row) if row else None


@per_publication
def top_classes(conn, pub_id):
    """The 类 (3-digit) classes, by code."""
    rows = conn.execute(select(func_classes.c.code, func_classes.c.name).where(
        func_classes.c.publication_id == pub_id, func.length(func_classes.c.code) == 3
    ).order_by(func_classes.c.code))
    return [{"code": c, "name": n} for c, n in rows]


@per_publication
def all_townships(conn, pub_id, region_code=None):
    """Townships and streets (乡镇/街道) with their district, by code: [{code, name, region_code,
    region_name}]. The one list of place names below the district, for the /projects filter, search
    and the question box (「桃坞街道有哪些项目」)."""
    query = (select(townships.c.code, townships.c.name, townships.c.region_code, regions.c.name.label("region_name"))
             .select_from(townships.outerjoin(regions, (regions.c.publication_id == pub_id)
                                              & (regions.c.code == townships.c.region_code)))
             .where(townships.c.publication_id == pub_id))
    if region_code:
        query = query.where(townships.c.region_code == region_code)
    return [dict(r) for r in conn.execute(query.order_by(townships.c.code)).mappings()]


def township(conn, pub_id, code):
    return next((t for t in all_townships(conn, pub_id) if t["code"] == code), None)


def townships_in(conn, pub_id, text):
    """The townships a text names, as all_townships rows, longest name first: 「桃坞街道有哪些项目」 and
    the bare stem 「桃坞」 both find 桃坞街道. For the question box (nlq) to narrow projects with
    ProjectFilter(township=code); a stem shared by two places returns both (the caller asks which)."""
    found = []
    for place in sorted(all_townships(conn, pub_id), key=lambda t: -len(t["name"])):
        stem = place["name"].removesuffix("街道").removesuffix("镇").removesuffix("乡")
        # a bare stem followed by 县/区/市 is the district of the same name (松岗县), not the town
        bare = len(stem) >= 2 and re.search(re.escape(stem) + "(?![县区市])", text)
        if place["name"] in text or bare:
            found.append(place)
    return found
