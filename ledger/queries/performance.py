"""Project performance (绩效) figures: scores from targets and actual values, department rankings, unit cost
against peers (per category and output unit) and by district. Rules and weights: ledger/performance.py.

The one place these figures come from: the 绩效 page, the project page, the API, the white paper and the
question box (``unit_cost_by_region``) all call here.

Scores and unit costs are computed once per publication over every project and then filtered: a project's
row never changes once published, and its score depends only on that row and its approved public ratings,
so the scores without ratings are memoised per publication (ledger/queries/cache.py) and the projects with
approved ratings are scored again on each call.
"""
import heapq
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from sqlalchemy import func, select

from .. import performance
from ..schema import comments, departments, projects, regions
from .cache import per_publication, per_publication_shared

COMPLETED = "已完工"  # only a finished project is scored (事后评价): an unfinished one has no results yet


@dataclass(frozen=True)
class PerformanceFilter:
    year: int | None = None
    region: str | None = None
    dept: str | None = None
    category: str | None = None


def _conditions(pub_id, flt):
    conds = [projects.c.publication_id == pub_id]
    for column, value in ((projects.c.year, flt.year), (projects.c.region_code, flt.region),
                          (projects.c.dept_code, flt.dept), (projects.c.category, flt.category)):
        if value is not None:
            conds.append(column == value)
    return conds


def _project_rows(conn, pub_id, flt=PerformanceFilter()):
    result = conn.execute(select(projects).where(*_conditions(pub_id, flt)).order_by(projects.c.code))
    keys = list(result.keys())  # zip, not dict(RowMapping): that rebuilds the keys view on every row
    return [dict(zip(keys, row)) for row in result]


def _in_filter(items, flt, category_key="category"):
    """The scored or unit-cost items (which carry their project's year, region, department and category)
    that lie in the filter: the same test as ``_conditions`` on the project rows."""
    wanted = [(key, value) for key, value in (("year", flt.year), ("region_code", flt.region),
                                              ("dept_code", flt.dept), (category_key, flt.category))
              if value is not None]
    return [item for item in items if all(item[key] == value for key, value in wanted)] if wanted else list(items)


def ratings(conn, codes=None):
    """{project code: (average stars, count)} of approved public ratings (公众评议)."""
    query = (select(comments.c.project_code, func.avg(comments.c.rating), func.count())
             .where(comments.c.status == "approved").group_by(comments.c.project_code))
    if codes is not None:
        query = query.where(comments.c.project_code.in_(list(codes)))
    return {code: (float(avg), count) for code, avg, count in conn.execute(query).all()}


def _fen_to_yuan(value):
    return None if value is None else value / 100


def indicators(row, rating=None):
    """(targets, actuals, satisfaction sources) of one project row, keyed by indicator key."""
    finished = row["status"] == COMPLETED or row.get("completed_date") is not None
    start, end, done = row.get("start_date"), row.get("end_date"), row.get("completed_date")
    from_ratings = performance.satisfaction_from_ratings(*rating) if rating else None
    targets = {"quantity": row["output_planned"], "quality": row.get("quality_target_pct"),
               "timeliness": (end - start).days if start and end else None,
               "cost": _fen_to_yuan(row.get("unit_cost_target_fen")), "benefit": row.get("benefit_target"),
               "satisfaction": row.get("satisfaction_target_pct"), "execution": 100.0}
    actuals = dict.fromkeys(targets)
    if finished:
        actuals.update(
            quantity=row["output_actual"], quality=row.get("quality_actual_pct"),
            timeliness=(done - start).days if start and done else None,
            cost=_fen_to_yuan(row.get("unit_cost_actual_fen")), benefit=row.get("benefit_actual"),
            satisfaction=performance.satisfaction_actual(row.get("satisfaction_actual_pct"), from_ratings),
            execution=round(100 * row["disbursed_fen"] / row["total_investment_fen"], 1)
            if row["total_investment_fen"] else None)
    sources = {"survey_pct": row.get("satisfaction_actual_pct"), "ratings_pct": from_ratings,
               "ratings": rating[1] if rating else 0}
    return targets, actuals, sources


def _scored(row, rating):
    targets, actuals, sources = indicators(row, rating)
    result = performance.score(targets, actuals)
    for part in result["parts"]:
        part.update(target=targets[part["key"]], actual=actuals[part["key"]])
    return {"code": row["code"], "name": row["name"], "year": row["year"], "region_code": row["region_code"],
            "dept_code": row["dept_code"], "category": row["category"], "status": row["status"],
            "output_unit": row["output_unit"], "benefit_name": row.get("benefit_name"),
            "benefit_unit": row.get("benefit_unit"), "score": result["score"], "complete": result["complete"],
            "parts": result["parts"], "satisfaction": sources}


def scored_projects(conn, pub_id, flt=PerformanceFilter()):
    """Every finished project in the filter with its score (best first; ties by code). Items are read-only
    mappings shared with the memo (a page copies the rows it shows before numbering them: copying all
    20,000 of a province on every request was a third of /performance).

    The scores without public ratings are memoised per publication; the few projects that have approved
    ratings are scored again on every call, so an approval counts at once and the memo never grows with
    the ratings."""
    rated = _rescored(conn, pub_id)
    unrated = [item for item in _in_filter(_scored_without_ratings(conn, pub_id), flt) if item["code"] not in rated]
    rescored = sorted((item for item in _in_filter(rated.values(), flt) if item["score"] is not None),
                      key=_best_first)
    return list(heapq.merge(unrated, rescored, key=_best_first)) if rescored else unrated


def _rescored(conn, pub_id):
    """{code: scored item} of the finished projects with approved public ratings, scored with them now."""
    given = ratings(conn)
    return {row["code"]: MappingProxyType(_scored(row, given.get(row["code"]))) for row in _rated_rows(conn, pub_id)}


def _best_first(item):
    return -item["score"], item["code"]


def _finished(row):
    return row["status"] == COMPLETED or row.get("completed_date") is not None


@per_publication_shared  # read-only mappings: scored_projects hands them out as they are
def _scored_without_ratings(conn, pub_id):
    """Every finished project of the publication with a score when no public rating counts, best first."""
    items = [_scored(r, None) for r in _project_rows(conn, pub_id) if _finished(r)]
    return tuple(MappingProxyType(i) for i in sorted((i for i in items if i["score"] is not None), key=_best_first))


def _rated_rows(conn, pub_id):
    """The finished projects of the publication that have approved public ratings."""
    approved = select(comments.c.project_code).where(comments.c.status == "approved")
    result = conn.execute(select(projects).where(projects.c.publication_id == pub_id,
                                                 projects.c.code.in_(approved)))
    keys = list(result.keys())
    return [row for row in (dict(zip(keys, values)) for values in result) if _finished(row)]


def department_ranking(conn, pub_id, flt=PerformanceFilter()):
    """Departments by the mean score of their scored projects in the filter (best first), with their weakest
    project. Memoised per filter and per state of the approved ratings (the rescored projects' scores are
    part of the key), so an approval still counts at once."""
    ratings_now = tuple(sorted((code, item["score"]) for code, item in _rescored(conn, pub_id).items()))
    return _department_ranking(conn, pub_id, flt, ratings_now)


@per_publication
def _department_ranking(conn, pub_id, flt, _ratings_now):
    items = scored_projects(conn, pub_id, flt)
    names = dict(conn.execute(select(departments.c.code, departments.c.name)
                              .where(departments.c.publication_id == pub_id)).all())
    groups = {}
    for item in items:
        groups.setdefault(item["dept_code"], []).append(item)
    ranking = [{"dept_code": code, "dept_name": names.get(code, code), "projects": len(members),
                "average_score": performance.mean_score([m["score"] for m in members]),
                "below_60": sum(1 for m in members if m["score"] < 60),
                "lowest_code": min(members, key=lambda m: (m["score"], m["code"]))["code"]}
               for code, members in groups.items()]
    ranking.sort(key=lambda d: (-d["average_score"], d["dept_code"]))
    return ranking


# ---- one indicator across projects ----------------------------------------------------------------

INDICATOR_UNITS = {"satisfaction": "%", "quality": "%"}  # cost: 元 per output unit; benefit: its own unit


def indicator_values(conn, pub_id, indicator, flt=PerformanceFilter(), benefit_name=None):
    """The finished projects in the filter with an actual value of one indicator (satisfaction, quality, cost,
    benefit), in code order: {code, name, year, category, region_code, dept_code, unit, benefit_name, target,
    actual}. The values are the ones the score and the project's page read (``indicators``): 满意度 includes
    public ratings once there are enough of them (ledger/performance.py), 单位成本 is in 元 per output unit.
    ``benefit_name``: only the projects whose 效益 indicator is that one (受益人口, 年接待游客 …)."""
    out = []
    for item in scored_projects(conn, pub_id, flt):
        if indicator == "benefit" and benefit_name is not None and item["benefit_name"] != benefit_name:
            continue
        part = next(p for p in item["parts"] if p["key"] == indicator)
        if part["actual"] is None:
            continue
        unit = INDICATOR_UNITS.get(indicator) or (item["benefit_unit"] if indicator == "benefit"
                                                  else f"元/{item['output_unit'] or '单位'}")
        out.append({"code": item["code"], "name": item["name"], "year": item["year"], "category": item["category"],
                    "region_code": item["region_code"], "dept_code": item["dept_code"], "unit": unit,
                    "benefit_name": item["benefit_name"], "target": part["target"], "actual": part["actual"]})
    out.sort(key=lambda r: r["code"])
    return out


def indicator_mean(values):
    """The mean actual value of ``indicator_values`` rows, to two decimals half up (四舍五入) on the exact decimal
    mean of the values as published (None without any)."""
    if not values:
        return None
    total = sum((Decimal(str(r["actual"])) for r in values), Decimal(0))
    return float((total / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def indicator_total(values):
    """The sum of the actual values of ``indicator_values`` rows (a benefit counted in people or households: 受益人口
    of every finished project), as published (None without any)."""
    if not values:
        return None
    return float(sum((Decimal(str(r["actual"])) for r in values), Decimal(0)))


def against_target(values, above):
    """The rows whose actual value is above (``above``) or below their target; rows without a target are left out."""
    return [r for r in values if r["target"] is not None
            and (r["actual"] > r["target"] if above else r["actual"] < r["target"])]


# ---- unit cost ------------------------------------------------------------------------------------

def unit_cost_projects(conn, pub_id, flt=PerformanceFilter()):
    """Projects with an output: cost and quantity (yuan, units) on the basis of ledger/performance.py
    ``unit_cost_basis`` — audited unit cost × actual output once finished, else investment ÷ planned.
    Ordered by project code; callers get their own copies."""
    return [dict(item) for item in _in_filter(_all_unit_costs(conn, pub_id), flt, "peer_group")]


@per_publication_shared  # read-only: unit_cost_projects hands out copies
def _all_unit_costs(conn, pub_id):
    out = []
    for r in _project_rows(conn, pub_id):
        if not r["output_unit"]:
            continue
        basis = performance.unit_cost_basis(r["total_investment_fen"] / 100, r["output_planned"],
                                            r["output_actual"], _fen_to_yuan(r.get("unit_cost_actual_fen")))
        if basis:
            cost, quantity, kind = basis
            # 元 to the fen: a district's 成本合计 is then the sum of the costs its project list shows
            out.append({"code": r["code"], "name": r["name"], "peer_group": r["category"], "unit": r["output_unit"],
                        "cost": round(cost, 2), "quantity": quantity, "basis": kind, "region_code": r["region_code"],
                        "dept_code": r["dept_code"], "year": r["year"]})
    return tuple(out)


@per_publication  # no ratings in it: unit costs come from the published rows alone
def unit_cost_comparison(conn, pub_id, flt=PerformanceFilter()):
    """{"groups": [per category: unit, projects, median unit cost, high/low counts], "outliers": [...]}.

    Peers are compared over the whole publication (a filter only narrows which outliers are listed), so a
    district's page judges its projects against the same yardstick as everyone's."""
    items = unit_cost_projects(conn, pub_id)
    outliers = performance.unit_cost_outliers(items)
    shown = {i["code"] for i in unit_cost_projects(conn, pub_id, flt)} if flt != PerformanceFilter() else None
    names = {p["code"]: p["name"] for p in items}
    for flag in outliers:
        flag.update(name=names[flag["code"]], unit_cost=round(flag["unit_cost"], 2),
                    peer_median=round(flag["peer_median"], 2))
    groups = {}
    for item in items:
        if shown is None or item["code"] in shown:
            groups.setdefault((item["peer_group"], item["unit"]), []).append(item["cost"] / item["quantity"])
    outliers = [f for f in outliers if shown is None or f["code"] in shown]
    summary = [{"category": category, "unit": unit, "projects": len(costs),
                "median_unit_cost": round(statistics.median(costs), 2),
                "high": sum(1 for f in outliers if f["peer_group"] == category and f["direction"] == "high"),
                "low": sum(1 for f in outliers if f["peer_group"] == category and f["direction"] == "low")}
               for (category, unit), costs in sorted(groups.items())]
    outliers.sort(key=lambda f: (-f["ratio"], f["code"]))
    return {"groups": summary, "outliers": outliers}


def unit_cost_by_region(conn, pub_id, category, *, year=None, unit=None):
    """Unit cost of one project category per district, highest first — 「哪个区修路每公里花钱最多」.

    ``category``: a project category as published (e.g. 「农村公路」); ``unit``: its output unit when the
    category has several (None: the most common). Per district: the sum of cost over the sum of output
    (the same basis as the peer comparison), so a district with one tiny project does not top the list on
    a fluke of averaging ratios. Returns {"category", "unit", "year", "regions": [{region_code, region_name,
    level (0: the city's own projects, 1: a district), projects, cost_yuan, quantity, unit_cost_yuan, codes}]};
    "regions" is empty when nothing matches.
    """
    items = unit_cost_projects(conn, pub_id, PerformanceFilter(year=year, category=category))
    units = [i["unit"] for i in items]
    unit = unit or (max(sorted(set(units)), key=units.count) if units else None)
    known = {code: (name, level) for code, name, level in conn.execute(
        select(regions.c.code, regions.c.name, regions.c.level).where(regions.c.publication_id == pub_id))}
    by_region = {}
    for item in items:
        if item["unit"] == unit:
            by_region.setdefault(item["region_code"], []).append(item)
    rows = [{"region_code": code, "region_name": known.get(code, (code, None))[0],
             "level": known.get(code, (code, None))[1], "projects": len(members),
             "cost_yuan": round(sum(m["cost"] for m in members), 2),
             "quantity": round(sum(m["quantity"] for m in members), 2),
             "unit_cost_yuan": round(sum(m["cost"] for m in members) / sum(m["quantity"] for m in members), 2),
             "codes": sorted(m["code"] for m in members)} for code, members in by_region.items()]
    rows.sort(key=lambda r: (-r["unit_cost_yuan"], r["region_code"]))
    return {"category": category, "unit": unit, "year": year, "regions": rows}


# ---- one project against its peers ---------------------------------------------------------------

def project_performance(conn, pub_id, code):
    """A project's score and indicators, each beside the median of its peers (same category and output
    unit, scored), and its unit cost against the peer median; None for an unknown project."""
    found = conn.execute(select(projects).where(projects.c.publication_id == pub_id, projects.c.code == code)
                         ).mappings().first()
    if found is None:
        return None
    row = dict(found)
    own = _scored(row, ratings(conn, [code]).get(code))
    count, median_score, part_medians = _peer_figures(conn, pub_id, row, len(own["parts"]))
    radar = [{"key": part["key"], "label": part["label"], "project": _pct(part["achievement"]),
              "peer_median": _pct(median)} for part, median in zip(own["parts"], part_medians)]
    return {**own, "peers": count, "peer_median_score": median_score, "radar": radar,
            "unit_cost": _unit_cost_against_peers(conn, pub_id, row)}


def _peer_figures(conn, pub_id, row, parts):
    """(peers, their median score, the median achievement of each of ``parts`` indicators) over the scored
    projects of ``row``'s category with its output unit — what scored_projects gives for the category,
    kept to the unit. Read from per-publication figures by group, not a scan of every scored project
    (a project page at province scale); recomputed for the group only when one of its projects has
    approved public ratings, which count at once."""
    group = (row["category"], row["output_unit"])
    given = ratings(conn)
    rated = {r["code"]: _scored(r, given.get(r["code"])) for r in _rated_rows(conn, pub_id)
             if (r["category"], r["output_unit"]) == group}
    unrated = _scored_by_group(conn, pub_id).get(group)
    if not rated:
        return unrated["figures"] if unrated else (0, None, [None] * parts)
    peers = [item for item in (unrated["items"] if unrated else ()) if item["code"] not in rated]
    return _medians(peers + [item for item in rated.values() if item["score"] is not None], parts)


def _medians(peers, parts):
    achievements = ([p["parts"][index]["achievement"] for p in peers
                     if p["parts"][index]["achievement"] is not None] for index in range(parts))
    return (len(peers), statistics.median(p["score"] for p in peers) if peers else None,
            [statistics.median(values) if values else None for values in achievements])


@per_publication_shared  # read-only: _peer_figures only reads it
def _scored_by_group(conn, pub_id):
    """{(category, output unit): its scored projects without public ratings and their figures}."""
    groups = {}
    for item in _scored_without_ratings(conn, pub_id):
        groups.setdefault((item["category"], item["output_unit"]), []).append(item)
    return {group: {"items": tuple(items), "figures": _medians(items, len(items[0]["parts"]))}
            for group, items in groups.items()}


def _pct(share):
    return None if share is None else round(share * 100, 1)


def _unit_cost_against_peers(conn, pub_id, row):
    group = _unit_cost_groups(conn, pub_id).get((row["category"], row["output_unit"]))
    own = group and group["by_code"].get(row["code"])
    if not own:
        return None
    flag = group["outliers"].get(row["code"])
    return {"unit": own["unit"], "basis": own["basis"], "unit_cost": own["cost"] / own["quantity"],
            "peer_median": group["median"], "peers": len(group["by_code"]),
            "outlier": dict(flag) if flag else None}


@per_publication_shared  # read-only: _unit_cost_against_peers copies what it hands out
def _unit_cost_groups(conn, pub_id):
    """{(peer group, unit): its projects by code, their median unit cost and outliers}, for the groups
    large enough to be judged (MIN_PEERS): computed once per publication, not on every project page.
    Unit costs do not depend on public ratings, so nothing here changes until the next publication."""
    members = {}
    for item in _all_unit_costs(conn, pub_id):
        members.setdefault((item["peer_group"], item["unit"]), []).append(item)
    groups = {}
    for key, items in members.items():
        if len(items) < performance.MIN_PEERS:
            continue
        groups[key] = {"by_code": {i["code"]: i for i in items},
                       "median": statistics.median(i["cost"] / i["quantity"] for i in items),
                       "outliers": {f["code"]: f for f in performance.unit_cost_outliers(items)}}
    return groups
