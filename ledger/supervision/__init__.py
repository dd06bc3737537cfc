"""Supervision (监督预警): rules that point at what deserves a second look, computed from published data.

One package, one rule file (rules.toml, thresholds documented there and in README 「监督预警」), one
function that produces every flag (:func:`evaluate`). The warnings page and its JSON/CSV twins, the
badges on home, execution, district, department, project, contractor and comparison pages, the white
paper and the tile map all read flags from here, so the same flag reads the same everywhere.

Kinds (model.KINDS): pace (执行进度滞后), forecast (预计年底执行率偏低), plan (分年度计划偏差),
risk (项目进度落后计划 → 高风险), supplier_window (短期内跨领域中标), supplier_share (承建方集中度高).
A flag is a signal to look at (需关注), never a finding of wrongdoing; each explains itself in plain
Chinese with its numbers and links to the records behind it.

For the question box (nlq, not wired yet): :func:`lagging`, :func:`high_risk_projects` and
:func:`year_end_forecast` answer 「哪些部门执行进度滞后」「有哪些高风险项目」「今年预计能完成多少预算」
from the same rules.
"""
from . import pace as _pace
from .budget_flags import basis_note, entity_names, expectation_label  # noqa: F401
from .describe import describe  # noqa: F401
from .model import KINDS, SUBJECTS, AsOf, Flag, Link  # noqa: F401
from .plans import plan_rows, year_ends
from .report import (  # noqa: F401
    SupervisionError,
    by_region,
    compute,
    counts,
    ensure_stored,
    evaluate,
    has_monthly_data,
    history,
    resolve_as_of,
    select_flags,
)
from .report import build as build_flags  # noqa: F401
from .risk import history as _quarter_history
from .risk import quarter_rows
from .rules import load as load_rules
from .store import clear as clear_flags  # noqa: F401


def flags(conn, pub_id, year=None, month=None, **narrow):
    """(AsOf, [Flag]) at the end of ``month`` of ``year`` (defaults: the latest data), narrowed by
    kind / subject / region / dept / code (see report.select_flags). (None, []) without data."""
    as_of = resolve_as_of(conn, pub_id, year, month)
    if as_of is None:
        return None, []
    return as_of, select_flags(evaluate(conn, pub_id, as_of.year, as_of.month), **narrow)


def pace_status(conn, pub_id, year, month, level="region"):
    """{key: {"rate", "below", "warning", "line"}} at ``month`` for every entity of ``level`` (the pace rule)."""
    rule = load_rules().pace
    out = {}
    for key, curve in _pace.curves(conn, pub_id, year, level, rules=load_rules()).items():
        if key == _pace.AREA or not month:
            continue
        out[key] = {"rate": curve.rate(month), "below": _pace.below(curve, month, rule),
                    "warning": _pace.judged(curve, month, rule),
                    "line": rule.ratio * curve.expected(month, rule.basis)}
    return out


def _area_curve(conn, pub_id, year):
    return _pace.curves(conn, pub_id, year, "region", rules=load_rules()).get(_pace.AREA)


def judge_cumulative(conn, pub_id, year, cumulative_fen, budget_fen, month):
    """The pace rule on any cumulative curve (list, January first), with the area's expectation: used for
    sums such as /compare's district average."""
    area = _area_curve(conn, pub_id, year)
    curve = _pace.Curve("sum", budget_fen, month, list(cumulative_fen) + [0] * (12 - len(cumulative_fen)), None,
                        area_profile=area.area_profile if area else None, area_years=area.area_years if area else [])
    return _pace.judged(curve, month, load_rules().pace)


def expected_lines(conn, pub_id, year, month):
    """[{"month", "linear", "profile", "expected", "line", "basis_label", "basis_note"}] for months 1..month: the
    pace the rule expects (its basis), both expectations, the warning line (ratio × expected), and why the
    linear pace stands in for the profile when there are no complete earlier years (else None)."""
    rule, area = load_rules().pace, _area_curve(conn, pub_id, year)
    if area is None or not month:
        return []
    label, note = expectation_label(area, rule.basis), basis_note(area, rule, year)
    return [{"month": m, "linear": area.linear(m), "profile": area.usual(m), "expected": area.expected(m, rule.basis),
             "line": rule.ratio * area.expected(m, rule.basis), "basis_label": label, "basis_note": note}
            for m in range(1, month + 1)]


def year_end_forecast(conn, pub_id, year=None, month=None, *, level=None, key=None):
    """The year-end forecast for the whole area (``level=None``) or one region/dept/class: {"year", "month",
    "budget_fen", "spent_fen", "forecast_fen", "forecast_rate", "share", "basis", "profile_years"}, or None."""
    as_of = resolve_as_of(conn, pub_id, year, month)
    if as_of is None or not has_monthly_data(conn, pub_id, as_of.year):
        return None
    curve = _pace.curves(conn, pub_id, as_of.year, level or "region", rules=load_rules()).get(key or _pace.AREA)
    if curve is None:
        return None
    outcome = _pace.forecast(curve, as_of.month)
    return {"year": as_of.year, "month": as_of.month, "budget_fen": curve.budget_fen,
            "spent_fen": curve.cumulative_fen[as_of.month - 1], "forecast_fen": outcome["spent_fen"],
            "forecast_rate": outcome["rate"], "share": outcome["share"], "basis": outcome["basis"],
            "profile_years": curve.profile_years}


def entity_pace(conn, pub_id, year=None, month=None, *, level=None, key=None):
    """Where the whole area (``level=None``) or one region/dept/class stands against the pace rule at ``month``:
    {"year", "month", "rate", "linear", "profile", "expected", "line", "basis_label", "basis_note", "below",
    "warning", "forecast", "profile_years"} (forecast: as :func:`year_end_forecast`; profile_years: the complete
    earlier years 「往年同期进度」 averages), or None without monthly data."""
    as_of = resolve_as_of(conn, pub_id, year, month)
    if as_of is None or not has_monthly_data(conn, pub_id, as_of.year):
        return None
    rule = load_rules().pace
    curve = _pace.curves(conn, pub_id, as_of.year, level or "region", rules=load_rules()).get(key or _pace.AREA)
    if curve is None:
        return None
    m = as_of.month
    return {"year": as_of.year, "month": m, "rate": curve.rate(m), "linear": curve.linear(m), "profile": curve.usual(m),
            "expected": curve.expected(m, rule.basis), "line": rule.ratio * curve.expected(m, rule.basis),
            "basis_label": expectation_label(curve, rule.basis), "basis_note": basis_note(curve, rule, as_of.year),
            "below": _pace.below(curve, m, rule),
            "warning": _pace.judged(curve, m, rule), "ratio": rule.ratio, "profile_years": list(curve.area_years),
            "forecast": year_end_forecast(conn, pub_id, as_of.year, m, level=level, key=key) if m < 12 else None}


def lagging(conn, pub_id, level="dept", year=None, month=None):
    """Pace flags of one level (「哪些部门执行进度滞后」: level="dept"; regions: "region"; classes: "class")."""
    return flags(conn, pub_id, year, month, kind="pace", subject=level)[1]


def high_risk_projects(conn, pub_id, year=None, month=None):
    """Projects marked 高风险 by the quarterly progress rule (「有哪些高风险项目」)."""
    return flags(conn, pub_id, year, month, kind="risk")[1]


def project_record(conn, pub_id, code, as_of):
    """What a project page shows: plan vs actual by year, quarter progress vs plan, and its flags."""
    day = as_of.date if as_of else None
    plans = plan_rows(conn, pub_id).get(code, [])
    closed = (as_of.year if as_of.month == 12 else as_of.year - 1) if as_of else 0
    quarters = quarter_rows(conn, pub_id).get(code, [])
    return {"plans": year_ends(plans, closed, load_rules().plan) if plans else [],
            "quarters": [{**q, "gap": None if q["actual"] is None else q["planned"] - q["actual"]}
                         for q in quarters],
            "quarter_history": _quarter_history(quarters, day, load_rules().risk) if day else [],
            "flags": flags(conn, pub_id, as_of.year, as_of.month, code=code)[1] if as_of else []}
