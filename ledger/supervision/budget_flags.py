"""Pace and forecast flags for regions, departments and classes (the rules live in pace.py)."""
from ..queries import reference
from . import fmt
from .model import Flag, link
from .pace import AREA, curves, forecast, judged, series


def entity_names(conn, pub_id, level):
    """{key: (name, region code, dept code)} for the entities of a level."""
    if level == "region":
        out = {}
        for region in reference.all_regions(conn, pub_id):
            name = region["name"]
            if region["level"] == 0:
                name = f"{name}（市本级）" if name.endswith("市") else f"{name}（本级）"
            out[region["code"]] = (name, region["code"], None)
        return out
    if level == "dept":
        return {d["code"]: (d["name"], d["region_code"], d["code"]) for d in reference.all_departments(conn, pub_id)}
    return {code: (name, None, None) for code, name in reference.class_names(conn, pub_id).items() if len(code) == 3}


def _span(years):
    return f"{years[0]}–{years[-1]}年" if len(years) > 1 else f"{years[0]}年"


def expectation_label(curve, basis):
    """What the pace is measured against, in words: 时间进度, or 往年同期进度 with its years."""
    if basis == "profile" and curve.area_profile:
        return f"往年同期进度（{_span(curve.area_years)}平均）"
    return "时间进度"


def basis_note(curve, rule, year):
    """Why the pace is measured against 时间进度 although the rule asks for 往年同期进度, or None."""
    if rule.basis != "profile" or curve.area_profile:
        return None
    years = f"{year - rule.profile_years}–{year - 1}年" if rule.profile_years > 1 else f"{year - 1}年"
    return f"规则按往年同期进度判断，但{years}没有 12 个月齐全的支出数据，无法计算往年同期进度，改按时间进度判断"


def _scope_links(level, key, region, year, month):
    filters = {"region": key} if level == "region" else {"dept": key} if level == "dept" else {"class": key}
    links = [link(f"{year}年1–{month}月支出明细", "records", kind="expenditures", year=year, month=month, **filters),
             link(f"{year}年预算明细", "records", kind="budgets", year=year, **filters)]
    if level == "region":
        links.append(link("该地区预算执行", "execution_region", code=key, year=year, month=month))
    elif level == "dept" and region:
        links.append(link("该单位预算执行", "execution_dept", code=region, dept=key, year=year, month=month))
    else:
        links.append(link("全市预算执行", "execution", year=year, month=month))
    return tuple(links)


def _pace_detail(curve, as_of, rule):
    months = list(range(as_of.month - rule.consecutive_months + 1, as_of.month + 1))
    rates = fmt.month_list((m, fmt.pct(curve.rate(m))) for m in months)
    lines = fmt.joined(fmt.pct(rule.ratio * curve.expected(m, rule.basis)) for m in months)
    both = "均" if len(months) > 1 else ""
    ratio = f"{round(rule.ratio * 100)}%"
    text = f"{as_of.year}年累计执行率 {rates}，{both}低于{expectation_label(curve, rule.basis)}的{ratio}（{lines}）。"
    text += f"时间进度为 {fmt.joined(fmt.pct(curve.linear(m)) for m in months)}"
    if curve.area_profile:
        text += f"，往年同期进度为 {fmt.joined(fmt.pct(curve.usual(m)) for m in months)}"
    note = basis_note(curve, rule, as_of.year)
    return text + (f"（{note}）" if note else "") + "。"


def pace_flags(conn, pub_id, as_of, level, rules):
    rule = rules.pace
    names = entity_names(conn, pub_id, level)
    flags = []
    for key, curve in curves(conn, pub_id, as_of.year, level, rules=rules).items():
        if key == AREA or key not in names or not judged(curve, as_of.month, rule):
            continue
        name, region, dept = names[key]
        history = series(curve, as_of.month, rule)
        flags.append(Flag(
            "pace", level, key, name, as_of.year, as_of.key, _pace_detail(curve, as_of, rule), region, dept,
            figures={"budget_fen": curve.budget_fen, "rate": curve.rate(as_of.month), "basis": rule.basis,
                     "ratio": rule.ratio, "history": history},
            links=_scope_links(level, key, region, as_of.year, as_of.month)))
    return flags


def _forecast_detail(curve, outcome, as_of, rule):
    month = as_of.month
    if outcome["basis"] == "profile":
        whose = "" if curve.profile_source == "own" else "全区域"
        how = f"按{whose}往年（{_span(curve.profile_years)}）1–{month}月支出占全年 {fmt.pct(outcome['share'])} 的规律"
    else:
        how = f"没有往年月度数据，按时间进度（{month}÷12）"
    return (f"{how}推算，预计{as_of.year}年全年支出 {fmt.amount(outcome['spent_fen'])}，为年度预算 "
            f"{fmt.amount(curve.budget_fen)} 的 {fmt.pct(outcome['rate'])}，低于 {fmt.pct(rule.min_rate, 0)}。"
            f"截至{month}月已支出 {fmt.amount(curve.cumulative_fen[month - 1])}。")


def forecast_flags(conn, pub_id, as_of, level, rules):
    if as_of.month >= 12:
        return []  # the year is complete: nothing left to forecast
    names = entity_names(conn, pub_id, level)
    flags = []
    for key, curve in curves(conn, pub_id, as_of.year, level, rules=rules).items():
        if key == AREA or key not in names or curve.budget_fen < rules.pace.min_budget_yuan * 100:
            continue
        outcome = forecast(curve, as_of.month)
        if outcome["rate"] is None or outcome["rate"] >= rules.forecast.min_rate:
            continue
        name, region, dept = names[key]
        flags.append(Flag(
            "forecast", level, key, name, as_of.year, as_of.key,
            _forecast_detail(curve, outcome, as_of, rules.forecast), region, dept,
            figures={"budget_fen": curve.budget_fen, "forecast_fen": outcome["spent_fen"],
                     "forecast_rate": outcome["rate"], "basis": outcome["basis"], "share": outcome["share"]},
            links=_scope_links(level, key, region, as_of.year, as_of.month)))
    return flags
