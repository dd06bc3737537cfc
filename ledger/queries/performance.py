"""Unit cost (单位成本) of projects against their peers: per category and output unit, the median cost per
unit of planned output, and the projects far from it (rules in ledger/performance.py)."""
import statistics

from sqlalchemy import select

from .. import performance
from ..schema import projects


def unit_cost_projects(conn, pub_id):
    """Projects with a planned output: total investment (yuan) per planned unit, grouped by category+unit."""
    rows = conn.execute(select(projects.c.code, projects.c.name, projects.c.category, projects.c.output_unit,
                               projects.c.output_planned, projects.c.total_investment_fen, projects.c.region_code)
                        .where(projects.c.publication_id == pub_id, projects.c.output_planned > 0,
                               projects.c.output_unit.is_not(None))
                        .order_by(projects.c.code)).mappings()
    return [{"code": r["code"], "name": r["name"], "peer_group": r["category"], "unit": r["output_unit"],
             "cost": r["total_investment_fen"] / 100, "quantity": r["output_planned"],
             "region_code": r["region_code"]} for r in rows]


def unit_cost_comparison(conn, pub_id):
    """{"groups": [per category: unit, projects, median unit cost, high/low counts], "outliers": [...]}."""
    items = unit_cost_projects(conn, pub_id)
    outliers = performance.unit_cost_outliers(items)
    names = {p["code"]: p["name"] for p in items}
    for flag in outliers:
        flag["name"] = names[flag["code"]]
    groups = {}
    for item in items:
        groups.setdefault((item["peer_group"], item["unit"]), []).append(item["cost"] / item["quantity"])
    summary = [{"category": category, "unit": unit, "projects": len(costs),
                "median_unit_cost": statistics.median(costs),
                "high": sum(1 for f in outliers if f["peer_group"] == category and f["direction"] == "high"),
                "low": sum(1 for f in outliers if f["peer_group"] == category and f["direction"] == "low")}
               for (category, unit), costs in sorted(groups.items())]
    outliers.sort(key=lambda f: -f["ratio"])
    return {"groups": summary, "outliers": outliers}
