"""区县对比: compare districts side by side — HTML page, /api/compare JSON, CSV and XLSX exports.

Every choice lives in the query string, so a comparison URL can be shared and ``?pub=N``
pins it to one publication.
"""
from functools import wraps

from flask import Blueprint, current_app, jsonify, render_template, request, url_for

from ledger import money
from ledger.queries import reference
from ledger.queries.compare import MEASURES, RADAR_MEASURES, SORTABLE, CompareError, compare
from ledger.queries.execution import Scope

from ..args import arg_int
from ..citation import citation, stamp
from ..context import connection, publication_id
from ..exports import csv_response, xlsx_response
from . import compare_charts
from .mapdata import district_map
from .pages import records_url
from .urls import url_builder

bp = Blueprint("compare", __name__)

DEFAULT_MEASURES = tuple(MEASURES)


def _split(values):
    out = []
    for value in values:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def _int_arg(name, label):
    """A year or month; its range is checked against the data by the comparison itself."""
    return arg_int(name, low=0, high=9999, label=label, code=f"bad_{name}",
                   message=f"{label}应为数字：{request.args.get(name, '').strip()[:20]}")


def parse_choices():
    """(year, month, region codes or None, measures, sort) from the query string."""
    year = _int_arg("year", "年份")
    month = _int_arg("month", "月份")
    codes = _split(request.args.getlist("region") + request.args.getlist("regions"))
    if not codes or "all" in codes:
        codes = None
    measures = _split(request.args.getlist("measure") + request.args.getlist("measures")) or list(DEFAULT_MEASURES)
    unknown = [m for m in measures if m not in MEASURES]
    if unknown:
        raise CompareError("bad_measure", f"不支持的指标：{'、'.join(unknown)}；可选：{'、'.join(MEASURES)}")
    sort = request.args.get("sort", "spent")
    return year, month, codes, measures, sort


def run_comparison(clamp_month=False):
    year, month, codes, measures, sort = parse_choices()
    result = compare(connection(), publication_id(), year=year, month=month, codes=codes, sort=sort,
                     config=current_app.config, clamp_month=clamp_month)
    result["measures"] = [m for m in MEASURES if m in measures]
    return result


def _choice_args():
    """The current choices as query arguments (for export links)."""
    return {k: v for k, v in request.args.to_dict(flat=False).items()}


@bp.get("/compare")
def compare_page():
    pub_id = publication_id()
    conn = connection()
    error, result = None, None
    try:
        result = run_comparison(clamp_month=True)  # the form keeps its month when the year changes
    except CompareError as exc:
        error = exc.message
    detail = detail_of(result) if result else None
    charts = compare_charts.build(detail) if detail else {}
    chosen = set(_split(request.args.getlist("region") + request.args.getlist("regions")))
    all_regions = result["all_regions"] if result else [
        {"code": r["code"], "name": r["name"]} for r in reference.all_regions(conn, pub_id) if r["level"] == 1]
    html = render_template(
        "compare.html", result=result, error=error, charts=charts, measures=MEASURES,
        radar_measures=RADAR_MEASURES, sortable=SORTABLE, chosen=chosen, all_regions=all_regions,
        years=reference.years(conn, pub_id), args=_choice_args(),
        chosen_measures=result["measures"] if result else list(DEFAULT_MEASURES),
        export_links=export_links(_choice_args()), links=figure_links(result, detail) if result else {},
        detail_regions=detail["regions"] if detail else [],
        sv_map=district_map(pub_id, result["year"], result["month"] or None,
                            comparison=result if _every_region_by_default() else None) if result else None)
    return html, (400 if error else 200)


def _every_region_by_default():
    """The page compares every district in the default order: the map can draw from its comparison."""
    _year, _month, codes, _measures, sort = parse_choices()
    return not codes and sort == "spent"


DETAIL_MAX = 12  # regions drawn in the radar, the class-share table and the monthly charts


def detail_of(result):
    """The comparison the charts below the ranking draw: every region up to DETAIL_MAX, else the first
    DETAIL_MAX in the ranking's order (a province's 200 radar lines and 200 small charts say nothing). The
    ranking table, the map and the downloads keep every region."""
    if len(result["regions"]) <= DETAIL_MAX:
        return result
    return {**result, "regions": result["regions"][:DETAIL_MAX]}


def figure_links(result, detail=None):
    """{region code or "average": {figure: URL}}: the records each figure of the ranking table sums.

    A share links to its numerator (民生 classes) beside the 支出 cell, its denominator; 人均 to the spending
    and to the region's row of the published regions table (the population used); 同比 to the same months
    of the previous year. The average's amounts link to the records of all the districts it averages."""
    minsheng = tuple(c["code"] for c in result["minsheng"]["classes"])
    period = {"year": result["year"], "month": result["month"] or None}

    def links(scope):
        return {"spent": records_url("expenditures", scope), "budget": records_url("budgets", scope),
                "minsheng": records_url("expenditures", scope.with_(class_codes=minsheng)),
                "previous": records_url("expenditures", scope.with_(year=result["previous_year"]))}
    out = {"average": links(Scope(**period, regions=tuple(r["code"] for r in result["all_regions"])))}
    in_detail = {row["code"] for row in (detail or result)["regions"]}  # only they show class shares
    page = url_builder("pages.execution_region", "code", **period)
    population = url_builder("opendata.table_data", "code", table="regions", fmt="csv")
    for row in result["regions"]:
        out[row["code"]] = {**links(Scope(**period, region=row["code"])),
                            "page": page(row["code"]), "population": population(row["code"]),
                            "classes": {c: records_url("expenditures", Scope(**period, region=row["code"], class_code=c))
                                        for c in row["class_share"]} if row["code"] in in_detail else {}}
    return out


def with_comparison(view):
    """Run the comparison for a machine-readable view (JSON, CSV, XLSX); bad choices answer a JSON 400."""
    @wraps(view)
    def wrapper():
        return view(run_comparison())
    return wrapper


@bp.get("/compare.json")
@bp.get("/api/compare")
@with_comparison
def compare_api(result):
    return jsonify(to_json(result))


def to_json(result):
    def region_json(row, average=False):
        out = {} if average else {"rank": row["rank"], "code": row["code"], "name": row["name"],
                                  "population": row["population"]}
        out.update({
            "budget": money.fen_to_yuan(row["budget_fen"]),
            "spent": money.fen_to_yuan(row["spent_fen"]),
            "execution_rate": row["execution_rate"],
            "behind_pace": row["behind_pace"],
            "per_capita": money.fen_to_yuan(row["per_capita_fen"]),
            "yoy_growth": row["yoy_growth"],
            "minsheng_share": row["minsheng_share"],
            "class_share": row["class_share"],
        })
        if not average:
            out["previous_spent"] = money.fen_to_yuan(row["previous_spent_fen"])
            out["minsheng_spent"] = money.fen_to_yuan(row["minsheng_fen"])
            out["class_spent"] = {k: money.fen_to_yuan(v) for k, v in row["class_spent_fen"].items()}
        else:
            out["districts"] = row["districts"]
        out["monthly"] = [{"month": p["month"], "cumulative": money.fen_to_yuan(p["cumulative_fen"]),
                           "execution_rate": p["rate"]} for p in row["monthly"]]
        return out

    return {
        "publication": citation(),
        "unit": "元",
        "per_capita_unit": "元/人",
        "rates": "小数（0.25 表示 25%）",
        "year": result["year"],
        "month": result["month"],
        "period": result["period_label"],
        "expected_pace": result["expected_pace"],
        "pace_warning_ratio": result["pace_warning_ratio"],
        "pace_rule": {k: v for k, v in result["pace_rule"].items() if k != "lines"},
        "previous_year": result["previous_year"],
        "region_label": result["region_label"],
        "measures": {m: {"label": MEASURES[m][0], "unit": MEASURES[m][1]} for m in result["measures"]},
        "sort": result["sort"],
        "minsheng": result["minsheng"],
        "classes": result["classes"],
        "regions": [region_json(r) for r in result["regions"]],
        "average": {"label": result["average_label"], **region_json(result["average"], average=True)},
    }


def _pct(value):
    return None if value is None else round(value * 100, 2)


def table_rows(result):
    """Header and rows of the ranked table (amounts in 元, rates in %), average last."""
    classes = result["classes"]
    header = ["排名", "地区代码", "地区名称", "常住人口（人）", "预算数（元）", "支出数（元）", "预算执行率（%）",
              "执行进度预警", "人均支出（元/人）", f"{result['previous_year']}年同期支出（元）", "同比增长（%）",
              "民生支出（元）", "民生支出占比（%）"]
    header += [f"{c['name']}（{c['code']}）支出（元）" for c in classes]
    rows = []
    for r in result["regions"]:
        rows.append([r["rank"], r["code"], r["name"], r["population"], money.fen_to_yuan(r["budget_fen"]),
                     money.fen_to_yuan(r["spent_fen"]), _pct(r["execution_rate"]), "是" if r["behind_pace"] else "否",
                     money.fen_to_yuan(r["per_capita_fen"]), money.fen_to_yuan(r["previous_spent_fen"]),
                     _pct(r["yoy_growth"]), money.fen_to_yuan(r["minsheng_fen"]), _pct(r["minsheng_share"])]
                    + [money.fen_to_yuan(r["class_spent_fen"].get(c["code"], 0)) for c in classes])
    a = result["average"]
    rows.append(["", "", result["average_label"], None, money.fen_to_yuan(a["budget_fen"]),
                 money.fen_to_yuan(a["spent_fen"]), _pct(a["execution_rate"]), "是" if a["behind_pace"] else "否",
                 money.fen_to_yuan(a["per_capita_fen"]), None, _pct(a["yoy_growth"]), None,
                 _pct(a["minsheng_share"])] + [None for _ in classes])
    return header, rows


def _notes(result):
    cite = citation()
    return [f"{result['region_label']}对比 · {result['period_label']} · 金额单位：元",
            f"数据来源：发布 #{cite['id']}「{cite['title']}」 SHA-256 {cite['sha256']}",
            f"执行进度预警：累计执行率连续 {result['pace_rule']['consecutive_months']} 个月低于"
            f"{result['pace_rule'].get('basis_label') or '时间进度'}的 {round(result['pace_warning_ratio'] * 100)}%"
            "（监督预警同一规则）"]


def _filename(result, ext):
    return f"{result['region_label']}对比-{result['year']}-{result['month']:02d}-pub{publication_id()}.{ext}"


@bp.get("/compare.csv")
@with_comparison
def compare_csv(result):
    header, rows = table_rows(result)
    return stamp(csv_response(_filename(result, "csv"), header, rows))


@bp.get("/compare.xlsx")
@with_comparison
def compare_xlsx(result):
    header, rows = table_rows(result)
    return stamp(xlsx_response(_filename(result, "xlsx"), f"{result['region_label']}对比", header, rows,
                               notes=_notes(result)))


def export_links(args):
    return {fmt: url_for(f"compare.{endpoint}", **args) for fmt, endpoint in
            (("CSV", "compare_csv"), ("XLSX", "compare_xlsx"), ("JSON", "compare_api"))}
