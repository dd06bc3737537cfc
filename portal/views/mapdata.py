"""The tile map of a period: district figures from the comparison query, pace and flag counts from the
supervision rules (portal/tilemap.py lays the tiles out)."""
from flask import current_app, request, url_for

from ledger import supervision
from ledger.queries.compare import CompareError, compare

from .. import tilemap
from ..context import connection

MAP_ARG = "map"


def _pace(conn, pub_id, year, month):
    if not month:
        return {}
    status = supervision.pace_status(conn, pub_id, year, month, "region")
    return {code: "warning" if s["warning"] else "below" if s["below"] else "ok"
            for code, s in status.items() if s["rate"] is not None}


def district_map(pub_id, year=None, month=None, default="rate"):
    """Template data for the map of ``year`` up to ``month`` (defaults: latest), or None (fewer than two
    districts). ``?map=`` in the request picks the metric shown first."""
    conn = connection()
    try:
        result = compare(conn, pub_id, year=year, month=month, config=current_app.config, clamp_month=True)
    except CompareError:
        return None
    year, month = result["year"], result["month"]
    _as_of, flags = supervision.flags(conn, pub_id, year, month or None)
    pub = request.args.get("pub")

    def href(code):
        return url_for("pages.execution_region", code=code, year=year, month=month or None, pub=pub)

    chosen = request.args.get(MAP_ARG) if request.args.get(MAP_ARG) in tilemap.METRICS else default
    data = tilemap.build(result["regions"], _pace(conn, pub_id, year, month), supervision.by_region(flags), href,
                         default=chosen, label=result["region_label"])
    data.update(period_label=result["period_label"], year=year, month=month)
    return data
