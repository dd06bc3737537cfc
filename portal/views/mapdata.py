"""The tile map of a period: district figures from the comparison query, pace and flag counts from the
supervision rules; one level down, a district's townships from their projects (portal/tilemap.py lays the
tiles out)."""
from flask import current_app, request, url_for

from ledger import supervision
from ledger.queries import projects as q_proj
from ledger.queries import reference as q_ref
from ledger.queries.compare import CompareError, compare

from .. import tilemap
from ..context import connection
from .urls import url_builder

MAP_ARG = "map"
TOWNSHIP_MAP_ID = "township-map"  # the township map's element id on a district page: where a district tile leads


def _pace(conn, pub_id, year, month):
    if not month:
        return {}
    status = supervision.pace_status(conn, pub_id, year, month, "region")
    return {code: "warning" if s["warning"] else "below" if s["below"] else "ok"
            for code, s in status.items() if s["rate"] is not None}


def district_map(pub_id, year=None, month=None, default="rate", comparison=None):
    """Template data for the map of ``year`` up to ``month`` (defaults: latest), or None (fewer than two
    districts). ``?map=`` in the request picks the metric shown first. ``comparison``: the page's own
    comparison of every district in the default order, when it has one (a province's is 200 rows to copy)."""
    conn = connection()
    try:
        result = comparison or compare(conn, pub_id, year=year, month=month, config=current_app.config,
                                       clamp_month=True)
    except CompareError:
        return None
    year, month = result["year"], result["month"]
    _as_of, flags = supervision.flags(conn, pub_id, year, month or None)
    pub = request.args.get("pub")

    drill = bool(q_ref.all_townships(conn, pub_id))  # a district tile opens the district's township map

    href = url_builder("pages.execution_region", "code", year=year, month=month or None, pub=pub,
                       _anchor=TOWNSHIP_MAP_ID if drill else None)

    chosen = request.args.get(MAP_ARG) if request.args.get(MAP_ARG) in tilemap.METRICS else default
    data = tilemap.build(result["regions"], _pace(conn, pub_id, year, month), supervision.by_region(flags), href,
                         default=chosen, label=result["region_label"])
    data.update(period_label=result["period_label"], year=year, month=month,
                caption=data["caption"] + ("和它的乡镇街道地图。" if drill else "。"))
    return data


def township_map(pub_id, region_code, year, month=None, default="progress"):
    """The township level of the map for one district (the projects of ``year`` located in each 乡镇/街道),
    or None when the district has no townships. ``?map=`` picks the metric shown first."""
    conn = connection()
    townships = q_ref.all_townships(conn, pub_id, region_code)
    if not townships:
        return None
    # Every project located in the township, whichever budget (district or city) pays for it: the same
    # projects its tile's link lists (/projects?township=).
    summary = q_proj.township_summary(conn, pub_id, q_proj.ProjectFilter(year=year))
    where = {code: town for town, entry in summary.items() for code in entry["codes"]}
    _as_of, flags = supervision.flags(conn, pub_id, year, month or None)
    flag_counts = {}
    for flag in flags:
        if flag.subject == "project" and flag.code in where:
            flag_counts[where[flag.code]] = flag_counts.get(where[flag.code], 0) + 1
    pub = request.args.get("pub")

    def href(code):
        return url_for("pages.projects", township=code, year=year, pub=pub)

    chosen = request.args.get(MAP_ARG) if request.args.get(MAP_ARG) in tilemap.TOWNSHIP_METRICS else default
    data = tilemap.township_build(townships, summary, flag_counts, href, default=chosen)
    region = q_ref.region(conn, pub_id, region_code) or {"name": region_code}
    data.update(period_label=f"{year}年项目", year=year, month=month, caption=data["caption"] + "。",
                element_id=TOWNSHIP_MAP_ID, title=f"{region['name']}乡镇街道地图")
    return data
