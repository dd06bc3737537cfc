"""A hand-made publication for exact tests of the supervision rules (ledger/supervision).

Every entity is either a case a rule must flag or a control it must leave alone; the comments give the
numbers that decide it, so each expectation can be checked by hand. Rows are written straight into a
fresh SQLite database (no import, no de-identification: fast). Data runs to June 2024.
"""
import datetime as dt

from sqlalchemy import insert

from ledger import schema
from ledger.db import init_schema, make_engine

CITY = "990000"
LAG, ONE_MONTH, RECOVERED, SMALL, LINEAR_ONLY = "990101", "990102", "990103", "990104", "990105"
REGIONS = {LAG: "滞后区", ONE_MONTH: "单月区", RECOVERED: "回升区", SMALL: "小额县", LINEAR_ONLY: "季节县"}
BUDGET = 12_000_000  # 元, every region except SMALL
# 2024 spending in 元 for months 1..6, chosen for the cumulative rates at May and June:
SPENDING_2024 = {
    LAG: [360_000] * 5 + [600_000],          # 15% and 20% < 29.2% and 35%: two months under -> flagged
    ONE_MONTH: [720_000] * 5 + [120_000],    # 30% (above 29.2%) then 31% (< 35%): one month only
    RECOVERED: [600_000] * 5 + [1_800_000],  # 25% (< 29.2%) then 40% (above 35%): recovered
    SMALL: [10_000] * 6,                     # far under, but a 500,000 元 budget is below the minimum
    LINEAR_ONLY: [456_000] * 5 + [600_000],  # 19%, 24%: under the linear line, above the seasonal one
}
SMALL_BUDGET = 500_000
# LAG's earlier years: 5% of 10 million a month, 45% in December (so 25% by May, 30% by June).
EARLIER = [500_000] * 11 + [4_500_000]

DEPTS = [f"D{i}" for i in range(1, 9)]  # D1..D8, one per district (then spread)
CLASSES = {"201": "一般公共服务支出", "205": "教育支出", "208": "社会保障和就业支出", "210": "卫生健康支出",
           "212": "城乡社区支出", "213": "农林水支出"}


def _day(text):
    return dt.date.fromisoformat(text)


# ---- projects: plans, quarters, awards -------------------------------------------------------------
# code -> [(year, plan 元, actual 元)]
PLANS = {
    "P1": [(2022, 1_000_000, 900_000), (2023, 1_000_000, 1_060_000)],  # -10% at 2022 end; -2% at 2023 end
    "P2": [(2023, 2_000_000, 2_120_000), (2024, 1_000_000, 300_000)],  # +6% at 2023 end -> flagged now
    "P3": [(2023, 1_000_000, 1_049_000), (2024, 500_000, None)],       # +4.9%: within ±5%
    "P4": [(2023, 1_000_000, 500_000)],                                # one year only: not multi-year
    "P5": [(2023, 50_000, 10_000), (2024, 950_000, None)],             # plan below 100,000 元: not compared
}
# code -> [(year, quarter, planned %, actual %)], completed date or None
QUARTERS = {
    "R1": ([(2024, 1, 40, 25), (2024, 2, 50, 35)], None),                 # 15 and 15 behind -> 高风险
    "R2": ([(2024, 1, 40, 25), (2024, 2, 50, 45)], None),                 # caught up in Q2
    "R3": ([(2024, 1, 40, 35), (2024, 2, 50, 35)], None),                 # only the last quarter behind
    "R4": ([(2024, 1, 40, 25), (2024, 2, 50, 35)], _day("2024-06-15")),   # completed: no longer at risk
    "R5": ([(2023, 4, 40, 25), (2024, 1, 45, None), (2024, 2, 50, 35)], None),  # Q1 not reported: not consecutive
    "R6": ([(2024, 1, 40, 30), (2024, 2, 50, 40)], None),                 # exactly 10 behind: not more than 10
}
# awards: (project code, contractor, award date, class, dept, contract 元)
WINDOW_CLASSES = ["205", "208", "210", "212"]


def _awards():
    rows = []
    start = _day("2024-01-05")
    for i in range(8):  # X: 8 wins in 96 days, 4 classes, 6 departments -> flagged
        rows.append((f"X{i}", "甲公司", start + dt.timedelta(days=12 * i), WINDOW_CLASSES[i % 4], DEPTS[i % 6], 1_000_000))
    for i in range(8):  # Y: same pace and spread of departments but only 3 classes
        rows.append((f"Y{i}", "乙公司", start + dt.timedelta(days=12 * i), WINDOW_CLASSES[i % 3], DEPTS[i % 6], 1_000_000))
    for i in range(8):  # Z: 4 classes and 6 departments, but over 280 days
        rows.append((f"Z{i}", "丙公司", _day("2023-06-01") + dt.timedelta(days=40 * i), WINDOW_CLASSES[i % 4],
                     DEPTS[i % 6], 1_000_000))
    # D7: 8 contracts, 丁公司 5 of them (62.5%, HHI 4,375) -> flagged; D8: 8 contracts, 8 contractors -> not
    for i in range(8):
        rows.append((f"S{i}", "丁公司" if i < 5 else f"戊{i}公司", _day("2022-03-01") + dt.timedelta(days=90 * i),
                     "213", "D7", 1_000_000))
        rows.append((f"T{i}", f"己{i}公司", _day("2022-03-01") + dt.timedelta(days=90 * i), "213", "D8", 1_000_000))
    return rows


AWARDS = _awards()


def _project(code, dept="D1", class_code="213", contractor=None, completed=None, region=LAG):
    return {"code": code, "name": f"{code}号工程", "year": 2023, "region_code": region, "dept_code": dept,
            "class_code": class_code, "category": "测试", "total_investment_fen": 300_000_000,
            "annual_plan_fen": 100_000_000, "disbursed_fen": 0, "status": "已完工" if completed else "在建",
            "progress_pct": 50, "contractor": contractor, "completed_date": completed,
            "start_date": _day("2022-01-10")}


def _reference_rows():
    regions = [{"code": CITY, "name": "测试市", "short_name": "测试", "parent_code": "", "level": 0, "population": 1}]
    regions += [{"code": c, "name": n, "short_name": n[:-1], "parent_code": CITY, "level": 1, "population": 100_000}
                for c, n in REGIONS.items()]
    codes = list(REGIONS)
    departments = [{"code": d, "name": f"{d}局", "region_code": codes[i % len(codes)]} for i, d in enumerate(DEPTS)]
    classes = [{"code": c, "name": n, "parent_code": None, "level": 1} for c, n in CLASSES.items()]
    return {"regions": regions, "departments": departments, "func_classes": classes}


def _money_rows():
    depts = {d["region_code"]: d["code"] for d in reversed(_reference_rows()["departments"])}
    budgets, spending = [], []
    for region, months in SPENDING_2024.items():
        budget = SMALL_BUDGET if region == SMALL else BUDGET
        budgets.append({"year": 2024, "region_code": region, "dept_code": depts[region], "class_code": "201",
                        "budget_fen": budget * 100})
        spending += [{"year": 2024, "month": m, "region_code": region, "dept_code": depts[region], "class_code": "201",
                      "amount_fen": fen * 100} for m, fen in enumerate(months, 1)]
    for year in (2021, 2022, 2023):
        spending += [{"year": year, "month": m, "region_code": LAG, "dept_code": depts[LAG], "class_code": "201",
                      "amount_fen": fen * 100} for m, fen in enumerate(EARLIER, 1)]
    return {"budgets": budgets, "expenditures": spending}


def _project_rows():
    projects = [_project(code) for code in PLANS]
    projects += [_project(code, completed=done) for code, (_q, done) in QUARTERS.items()]
    projects += [_project(code, dept, cls, contractor) for code, contractor, _d, cls, dept, _v in AWARDS]
    plans = [{"project_code": code, "year": y, "plan_fen": plan * 100,
              "actual_fen": None if actual is None else actual * 100}
             for code, years in PLANS.items() for y, plan, actual in years]
    quarters = [{"project_code": code, "year": y, "quarter": q, "planned_pct": planned, "actual_pct": actual}
                for code, (rows, _done) in QUARTERS.items() for y, q, planned, actual in rows]
    contracts = [{"project_code": code, "award_date": date, "contract_fen": value * 100}
                 for code, _c, date, _cls, _d, value in AWARDS]
    return {"projects": projects, "project_plans": plans, "project_quarters": quarters, "project_contracts": contracts}


def build(path):
    """(engine, publication id) of the hand-made publication in a new SQLite file at ``path``."""
    engine = make_engine(f"sqlite:///{path}")
    init_schema(engine)
    tables = {**_reference_rows(), **_money_rows(), **_project_rows()}
    with engine.begin() as conn:
        pub_id = conn.execute(insert(schema.publications).values(
            created_at=dt.datetime(2024, 7, 1), status="published", dataset="test", title="监督规则测试",
            as_of=_day("2024-06-30"), source_files=[], row_counts={}, deid_report={},
            data_sha256=f"supervision-fixture-{path}")).inserted_primary_key[0]
        for name, rows in tables.items():
            conn.execute(insert(getattr(schema, name)), [{**row, "publication_id": pub_id} for row in rows])
    return engine, pub_id
