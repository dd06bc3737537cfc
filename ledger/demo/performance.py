"""Performance targets and results (绩效目标与实际) of the demo's projects, with seeded unit-cost outliers.

Runs after every other table is built, from its own random stream, and only fills the performance
columns (ledger/importer/layout.py PERFORMANCE_COLUMNS): every earlier column stays byte-identical.

Every project gets targets; a finished one (已完工) also gets actual values. The audited unit cost of a
finished project is its investment per unit of actual output — except for a few seeded cases whose audit
found a cost far above (超概算) or below their peers', and a few controls placed near the band's edges
that must not be flagged. Their codes are kept under ``_perf_seed`` (internal, never written).
"""
import statistics

from .. import performance
from .finance import FEN

# Per category: (效益指标, 计量单位, beneficiaries per unit of planned output).
BENEFITS = {
    "农村公路": ("受益人口", "人", 900), "学校改扩建": ("新增受益学生", "人", 0.12),
    "幼儿园建设": ("新增入园幼儿", "人", 0.95), "养老服务设施": ("年服务老人", "人次", 40),
    "污水管网": ("新增污水收集量", "吨/日", 300), "保障性住房": ("保障家庭", "户", 1.0),
    "老旧小区改造": ("受益居民", "户", 1.0), "医疗卫生机构": ("年服务门诊", "人次", 600),
    "高标准农田": ("亩均增产", "公斤", 0.1), "农田水利": ("受益农户", "户", 0.3),
    "公园绿地": ("年接待游客", "人次", 3), "农村供水": ("受益人口", "人", 1.0),
}
# The peer groups the issue names (per km of road, school place, bed, household renovated): where the
# seeded cases go. (category, direction or "control", factor × the peer median before seeding)
SEEDS = (("农村公路", "high", 2.4), ("农村公路", "control", 1.25), ("幼儿园建设", "high", 2.1),
         ("幼儿园建设", "control", 0.7), ("养老服务设施", "low", 0.35), ("医疗卫生机构", "high", 2.6),
         ("老旧小区改造", "low", 0.4), ("老旧小区改造", "control", 1.3))


def add_performance(rng, projects):
    """Fill the performance columns of ``projects`` in place; returns {code: "high"|"low"|"control"}."""
    # Departments differ in how well they deliver: the department ranking has something to show.
    delivery = {}
    for project in projects:
        _targets(rng, project)
        if project["status"] == "已完工" and project["output_actual"]:
            if project["dept_code"] not in delivery:
                delivery[project["dept_code"]] = rng.uniform(0.65, 1.0)
            _actuals(rng, project, delivery[project["dept_code"]])
    seeded = _seed_unit_costs(rng, projects)
    for project in projects:
        project["_perf_seed"] = seeded.get(project["code"])
    return seeded


def _targets(rng, project):
    planned = project["output_planned"]
    project["quality_target_pct"] = 100.0 if rng.random() < 0.6 else 95.0
    # The cost standard (概算): investment per planned unit, whole 元.
    project["unit_cost_target_fen"] = round(project["total_investment_fen"] / planned / FEN) * FEN
    name, unit, per_output = BENEFITS.get(project["category"], ("受益人口", "人", 1.0))
    project.update(benefit_name=name, benefit_unit=unit,
                   benefit_target=float(max(1, round(planned * per_output * rng.uniform(0.8, 1.2)))),
                   satisfaction_target_pct=rng.choice((85.0, 90.0, 90.0)))


def _actuals(rng, project, delivery):
    """Actual values of a finished project; ``delivery`` (0.65–1) is its department's track record."""
    target = project["quality_target_pct"]
    project["quality_actual_pct"] = target if rng.random() < 0.4 + 0.4 * delivery \
        else round(rng.uniform(target - 20, target), 1)
    project["unit_cost_actual_fen"] = round(project["total_investment_fen"] / project["output_actual"] / FEN) * FEN
    project["benefit_actual"] = float(round(project["benefit_target"] * delivery * rng.uniform(0.6, 1.15)))
    project["satisfaction_actual_pct"] = round(min(99.0, rng.uniform(60, 92) + 10 * delivery), 1)


def _unit_cost(project):
    basis = performance.unit_cost_basis(project["total_investment_fen"], project["output_planned"],
                                        project["output_actual"], project.get("unit_cost_actual_fen"))
    return basis[0] / basis[1] if basis else None


def _seed_unit_costs(rng, projects):
    seeded = {}
    for category, direction, factor in SEEDS:
        peers = [p for p in projects if p["category"] == category and _unit_cost(p) is not None]
        finished = [p for p in peers if p.get("unit_cost_actual_fen") is not None and p["code"] not in seeded]
        if len(peers) < performance.MIN_PEERS + 2 or not finished:
            continue  # a small demo (scale ≪ 1) may have too few peers to compare
        median = statistics.median(_unit_cost(p) for p in peers)
        chosen = rng.choice(sorted(finished, key=lambda p: p["code"]))
        chosen["unit_cost_actual_fen"] = round(median * factor / FEN) * FEN
        seeded[chosen["code"]] = direction
    return seeded
