"""Project performance (绩效): a score from targets and actual values, and unit-cost outliers among peers.

Pure logic only: the figures come from ledger/queries/performance.py, the pages from portal/views/performance.py.

Weights follow the common indicator framework of 《项目支出绩效评价管理办法》(财预〔2020〕10号):
产出 50 (数量 15, 质量 15, 时效 10, 成本 10), 效益 30, 满意度 10, 预算执行率 10 — 100 in all.
Each indicator scores its weight times its achievement, capped at 100%:
- higher is better (数量, 质量, 效益, 满意度, 预算执行率): actual / target;
- lower is better (时效 in days, 成本 in yuan): target / actual.
An indicator without a target or an actual value is left out and the others are rescaled to 100, so
a project is not punished for what was never measured; ``complete`` says whether any was left out.
Public ratings feed 满意度: the average of 1–5 stars as a percentage of 5, once there are at least
MIN_RATINGS of them (fewer say too little). With a survey result (满意度调查) as well, 满意度 is the mean of
the two; with only one of them, that one (``satisfaction_actual``).

Unit cost (单位成本) of a project: once it is finished and its audited unit cost (实际单位成本) and actual
output are known, that cost; before, total investment ÷ planned output (``unit_cost_basis``).
"""
import statistics
from dataclasses import dataclass

MIN_RATINGS = 5
# Unit cost this many times the peer median or more (or this fraction or less) is flagged.
HIGH_RATIO = 1.5
LOW_RATIO = 0.5
MIN_PEERS = 3


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    weight: int
    lower_is_better: bool = False


INDICATORS = (
    Indicator("quantity", "产出数量", 15),
    Indicator("quality", "产出质量", 15),
    Indicator("timeliness", "产出时效", 10, lower_is_better=True),
    Indicator("cost", "产出成本", 10, lower_is_better=True),
    Indicator("benefit", "效益", 30),
    Indicator("satisfaction", "满意度", 10),
    Indicator("execution", "预算执行率", 10),
)


def achievement(indicator, target, actual):
    """Share of the target achieved, 0–1, or None when it cannot be measured."""
    if target is None or actual is None or target <= 0 or actual < 0:
        return None
    if indicator.lower_is_better:
        return 1.0 if actual == 0 else min(1.0, target / actual)
    return min(1.0, actual / target)


def satisfaction_from_ratings(average, count):
    """Public ratings as a 满意度 actual value (percent), or None when too few to say anything."""
    if average is None or count < MIN_RATINGS:
        return None
    return round(average / 5 * 100, 1)


def satisfaction_actual(survey_pct, ratings_pct):
    """满意度 from a survey result and public ratings (either may be None): their mean, or the one given."""
    given = [v for v in (survey_pct, ratings_pct) if v is not None]
    return round(sum(given) / len(given), 1) if given else None


def mean_score(scores):
    """The mean of scores given to one decimal (score() rounds them so), itself to one decimal, half up
    (四舍五入) on the exact decimal mean: integer tenths, so neither a float sum's last bit nor
    statistics.mean's cost (a Fraction per score: 1,800 departments at province scale) decides it."""
    tenths = [round(s * 10) for s in scores]
    if not tenths:
        return None
    return (2 * sum(tenths) + len(tenths)) // (2 * len(tenths)) / 10


def unit_cost_basis(total_investment, output_planned, output_actual=None, unit_cost_actual=None):
    """(cost, quantity, basis) for comparing a project's unit cost, or None without an output.

    basis 「决算」: the audited unit cost times the actual output; 「计划」: total investment and planned output.
    """
    if unit_cost_actual is not None and output_actual and output_actual > 0:
        return unit_cost_actual * output_actual, output_actual, "决算"
    if output_planned and output_planned > 0 and total_investment is not None:
        return total_investment, output_planned, "计划"
    return None


def score(targets, actuals):
    """{"score": 0–100 or None, "complete": bool, "parts": [...]} from dicts keyed by indicator key."""
    parts = []
    for indicator in INDICATORS:
        share = achievement(indicator, targets.get(indicator.key), actuals.get(indicator.key))
        parts.append({"key": indicator.key, "label": indicator.label, "weight": indicator.weight,
                      "achievement": share})
    measured = [p for p in parts if p["achievement"] is not None]
    weight = sum(p["weight"] for p in measured)
    total = round(100 * sum(p["weight"] * p["achievement"] for p in measured) / weight, 1) if weight else None
    return {"score": total, "complete": len(measured) == len(parts), "parts": parts}


def unit_cost_outliers(projects):
    """Projects whose unit cost is far from their peers' median, each with a Chinese explanation.

    ``projects``: dicts with code, peer_group (e.g. 「农村公路」), unit (e.g. 「公里」), cost (yuan) and
    quantity. Groups with fewer than MIN_PEERS measurable projects are not judged. The median includes
    the project itself, so one extreme project cannot drag its own yardstick far.
    """
    groups = {}
    for project in projects:
        if project.get("quantity") and project["quantity"] > 0 and project.get("cost") is not None:
            # Peers share a group and an output unit: 元/公里 and 元/平方米 never meet.
            groups.setdefault((project["peer_group"], project.get("unit")), []).append(project)
    flagged = []
    for (group, _unit), members in groups.items():
        if len(members) < MIN_PEERS:
            continue
        median = statistics.median(p["cost"] / p["quantity"] for p in members)
        flagged.extend(_flag(p, group, median) for p in members if _is_outlier(p, median))
    return flagged


def _is_outlier(project, median):
    ratio = project["cost"] / project["quantity"] / median if median else 0
    return ratio >= HIGH_RATIO or ratio <= LOW_RATIO


def _flag(project, group, median):
    unit_cost = project["cost"] / project["quantity"]
    ratio = unit_cost / median
    direction = "high" if ratio >= HIGH_RATIO else "low"
    unit = project.get("unit") or "单位"
    explanation = (f"每{unit} {unit_cost / 10_000:,.1f} 万元，是同类（{group}）项目中位数 "
                   f"{median / 10_000:,.1f} 万元的 {ratio:.1f} 倍")
    return {"code": project["code"], "peer_group": group, "unit_cost": unit_cost, "peer_median": median,
            "ratio": round(ratio, 2), "direction": direction, "explanation": explanation}
