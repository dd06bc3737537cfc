"""Supplier rules, on contract awards (project_contracts) and the winner named on each project.

- Window (rules.toml [supplier_window]): one contractor wins at least ``min_wins`` projects within
  ``window_days`` days, spread over at least ``min_classes`` functional classes (类) and ``min_departments``
  departments — much unrelated work in a short time. Evaluated for windows whose last award falls in the
  year, up to the evaluation date; the densest such window is reported.
- Share (rules.toml [supplier_share]): per department, over the award years ``year - years + 1 .. year``,
  each contractor's share of the contract value and the Herfindahl–Hirschman index (Σ share² × 10,000);
  flagged when a department with at least ``min_contracts`` contracts has one contractor at ``top_share``
  or an HHI at ``hhi``.
"""
import datetime as dt

from sqlalchemy import func, select

from ..queries import reference
from ..queries.cache import per_publication_shared
from ..schema import project_contracts, projects
from . import fmt
from .model import Flag, link


@per_publication_shared  # read-only: callers never modify it
def awards(conn, pub_id):
    """Every award with its project: [{"contractor", "date", "value_fen", "code", "class", "dept", "region"}]."""
    rows = conn.execute(
        select(projects.c.contractor, project_contracts.c.award_date, project_contracts.c.contract_fen,
               projects.c.total_investment_fen, projects.c.code, func.substr(projects.c.class_code, 1, 3),
               projects.c.dept_code, projects.c.region_code)
        .join(projects, (projects.c.publication_id == project_contracts.c.publication_id)
              & (projects.c.code == project_contracts.c.project_code))
        .where(project_contracts.c.publication_id == pub_id, projects.c.contractor.is_not(None),
               projects.c.contractor != "")
        .order_by(projects.c.contractor, project_contracts.c.award_date, projects.c.code))
    return [{"contractor": r[0], "date": r[1], "value_fen": int(r[2] if r[2] is not None else r[3] or 0),
             "code": r[4], "class": r[5], "dept": r[6], "region": r[7]} for r in rows]


def _by_contractor(items):
    out = {}
    for item in items:
        out.setdefault(item["contractor"], []).append(item)
    return out


def densest_window(wins, first_end, day, rule):
    """The qualifying window (list of awards) with the most wins whose last award is in [first_end, day]."""
    best = None
    for i, first in enumerate(wins):
        window = [w for w in wins[i:] if (w["date"] - first["date"]).days <= rule.window_days and w["date"] <= day]
        if not window or window[-1]["date"] < first_end:
            continue
        if (len(window) >= rule.min_wins and len({w["class"] for w in window}) >= rule.min_classes
                and len({w["dept"] for w in window}) >= rule.min_departments):
            if best is None or len(window) > len(best):
                best = window
    return best


def _window_detail(window, class_names):
    first, last = window[0]["date"], window[-1]["date"]
    classes = sorted({w["class"] for w in window})
    return (f"{first} 至 {last}（{(last - first).days} 天）中标 {len(window)} 个项目，分属 {len(classes)} 个功能分类"
            f"（{fmt.joined(class_names.get(c, c) for c in classes)}）、{len({w['dept'] for w in window})} 个预算单位，"
            f"合同金额合计 {fmt.amount(sum(w['value_fen'] for w in window))}。")


def window_flags(conn, pub_id, as_of, rules):
    day, first_end = as_of.date, dt.date(as_of.year, 1, 1)
    class_names = reference.class_names(conn, pub_id)
    flags = []
    for contractor, wins in _by_contractor(awards(conn, pub_id)).items():
        window = densest_window(wins, first_end, day, rules.supplier_window)
        if not window:
            continue
        period = f"{window[0]['date']}至{window[-1]['date']}"
        flags.append(Flag(
            "supplier_window", "contractor", contractor, contractor, as_of.year, period,
            _window_detail(window, class_names),
            figures={"wins": len(window), "classes": sorted({w["class"] for w in window}),
                     "departments": len({w["dept"] for w in window}), "projects": [w["code"] for w in window],
                     "value_fen": sum(w["value_fen"] for w in window)},
            links=(link("该承建方的全部项目、支付与提示", "contractor", name=contractor),
                   link("项目列表", "projects", contractor=contractor))))
    return flags


def department_shares(items):
    """[(contractor, contracts, value fen, share)] by value, and the HHI (0–10,000)."""
    totals, counts = {}, {}
    for item in items:
        totals[item["contractor"]] = totals.get(item["contractor"], 0) + item["value_fen"]
        counts[item["contractor"]] = counts.get(item["contractor"], 0) + 1
    whole = sum(totals.values())
    shares = sorted(((c, counts[c], v, v / whole if whole else 0.0) for c, v in totals.items()),
                    key=lambda s: (-s[2], s[0]))
    return shares, round(sum(s[3] ** 2 for s in shares) * 10_000)


def _share_detail(items, shares, hhi, first_year, as_of, rule):
    top, count, _value, share = shares[0]
    span = f"{first_year}–{as_of.year}年" if first_year < as_of.year else f"{as_of.year}年"
    reasons = []
    if share >= rule.top_share:
        reasons.append(f"单一承建方占比达到 {fmt.pct(rule.top_share, 0)}")
    if hhi >= rule.hhi:
        reasons.append(f"HHI 达到 {rule.hhi:,}")
    return (f"{span}（截至{as_of.label}）共 {len(items)} 份合同、合同金额 {fmt.amount(sum(i['value_fen'] for i in items))}；"
            f"{top} {count} 份，占 {fmt.pct(share)}；集中度指数 HHI {hhi:,}（{fmt.joined(reasons)}）。")


def share_flags(conn, pub_id, as_of, rules):
    rule = rules.supplier_share
    first_year = as_of.year - rule.years + 1
    items = [a for a in awards(conn, pub_id) if dt.date(first_year, 1, 1) <= a["date"] <= as_of.date]
    by_dept = {}
    for item in items:
        by_dept.setdefault(item["dept"], []).append(item)
    names = {d["code"]: d for d in reference.all_departments(conn, pub_id)}
    flags = []
    for dept, dept_items in sorted(by_dept.items()):
        shares, hhi = department_shares(dept_items)
        if len(dept_items) < rule.min_contracts or dept not in names:
            continue
        if shares[0][3] < rule.top_share and hhi < rule.hhi:
            continue
        flags.append(Flag(
            "supplier_share", "dept", dept, names[dept]["name"], as_of.year, f"{first_year}–{as_of.year}年",
            _share_detail(dept_items, shares, hhi, first_year, as_of, rule), names[dept]["region_code"], dept,
            figures={"contracts": len(dept_items), "hhi": hhi, "top_contractor": shares[0][0],
                     "top_share": shares[0][3], "shares": [list(s) for s in shares]},
            links=(link("该单位与首位承建方的项目", "projects", dept=dept, contractor=shares[0][0]),
                   link("该单位全部项目", "projects", dept=dept),
                   link("首位承建方详情", "contractor", name=shares[0][0]))))
    return flags
