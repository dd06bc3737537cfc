"""A tiny hand-made publication for fast, exact tests of compare / documents / white paper / open data.

Figures are chosen so that expected results can be worked out by hand (see the tests).
Three districts under 示例市 (990000): 东城区 (990101), 西城区 (990102), 南山县 (990103).
2024 data runs to June (as_of 2024-06-30); 2023 has January–June too for year-on-year growth.
"""
import csv
from pathlib import Path

import pytest

CITY = "990000"
EAST, WEST, SOUTH = "990101", "990102", "990103"

REGIONS = [
    {"code": CITY, "name": "示例市", "short_name": "示例市", "parent_code": "", "level": 0, "population": 350000},
    {"code": EAST, "name": "东城区", "short_name": "东城", "parent_code": CITY, "level": 1, "population": 100000},
    {"code": WEST, "name": "西城区", "short_name": "西城", "parent_code": CITY, "level": 1, "population": 200000},
    {"code": SOUTH, "name": "南山县", "short_name": "南山", "parent_code": CITY, "level": 1, "population": 50000},
]
CLASSES = [
    {"code": "201", "name": "一般公共服务支出"},
    {"code": "205", "name": "教育支出"},
    {"code": "20502", "name": "普通教育"},
    {"code": "208", "name": "社会保障和就业支出"},
    {"code": "214", "name": "交通运输支出"},
]
DEPARTMENTS = [
    {"code": "D0", "name": "示例市财政局", "region_code": CITY},
    {"code": "D1", "name": "东城区教育局", "region_code": EAST},
    {"code": "D2", "name": "西城区交通局", "region_code": WEST},
    {"code": "D3", "name": "南山县民政局", "region_code": SOUTH},
]
# 2024 annual budgets in 元: region -> class -> amount
BUDGETS_2024 = {
    CITY: {"201": 1_000_000},
    EAST: {"201": 200_000, "20502": 600_000, "208": 200_000},   # 1,000,000
    WEST: {"201": 400_000, "205": 400_000, "214": 1_200_000},   # 2,000,000
    SOUTH: {"201": 100_000, "208": 300_000},                    # 400,000
}
# monthly spending in 元 for months 1..6 of 2024 (same every month) and of 2023
MONTHLY_2024 = {
    EAST: {"201": 10_000, "20502": 50_000, "208": 20_000},      # 80,000 / month -> 480,000 by June
    WEST: {"201": 20_000, "205": 10_000, "214": 20_000},        # 50,000 / month -> 300,000
    SOUTH: {"201": 5_000, "208": 30_000},                       # 35,000 / month -> 210,000
    CITY: {"201": 40_000},
}
MONTHLY_2023 = {
    EAST: {"201": 10_000, "20502": 30_000},                     # 40,000 -> 240,000
    WEST: {"201": 25_000, "205": 25_000},                       # 50,000 -> 300,000
    SOUTH: {"208": 35_000},                                     # 35,000 -> 210,000
}
PROJECTS = [
    # code, name, region, dept, class, category, status, contractor
    ("P1", "东城小学改扩建", EAST, "D1", "20502", "学校建设", "已完工", "甲建设集团有限公司"),
    ("P2", "西城环路大修", WEST, "D2", "214", "农村公路", "滞后", "甲建设集团有限公司"),
    ("P3", "南山养老院", SOUTH, "D3", "208", "养老服务", "在建", "甲建设集团有限公司"),
    ("P4", "西城公交站", WEST, "D2", "214", "农村公路", "已完工", "乙路桥有限公司"),
]
DOCUMENT_BODY = """关于示例市2024年上半年预算执行情况的报告

一、总体情况

上半年全市一般公共预算支出稳步推进。

（一）教育支出

教育支出执行进度较快。

（二）社会保障

社会保障支出按计划拨付。

二、下一步工作

加快项目支出进度。"""


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def write_raw(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "regions.csv", REGIONS)
    _write(folder / "func_classes.csv", CLASSES)
    _write(folder / "departments.csv", DEPARTMENTS)
    _write(folder / "budgets.csv", [
        {"year": 2024, "region_code": region, "dept_code": "", "class_code": cls, "budget_yuan": amount}
        for region, per_class in BUDGETS_2024.items() for cls, amount in per_class.items()])
    exp = []
    for year, monthly in ((2023, MONTHLY_2023), (2024, MONTHLY_2024)):
        for region, per_class in monthly.items():
            for cls, amount in per_class.items():
                for month in range(1, 7):
                    exp.append({"year": year, "month": month, "region_code": region, "dept_code": "",
                                "class_code": cls, "amount_yuan": amount})
    _write(folder / "expenditures.csv", exp)
    _write(folder / "projects.csv", [
        {"code": code, "name": name, "year": 2024, "region_code": region, "dept_code": dept, "class_code": cls,
         "category": category, "total_investment_yuan": 1_000_000, "annual_plan_yuan": 500_000,
         "disbursed_yuan": 250_000, "status": status, "progress_pct": 100 if status == "已完工" else 40,
         "contractor": contractor, "contractor_type": "单位", "end_date": "2024-05-31",
         "description": "项目简介"}
        for code, name, region, dept, cls, category, status, contractor in PROJECTS])
    _write(folder / "documents.csv", [
        {"slug": "2024-h1-execution", "title": "示例市2024年上半年预算执行情况的报告", "doc_type": "执行情况",
         "year": 2024, "region_code": CITY, "published_date": "2024-07-15", "body": DOCUMENT_BODY},
        {"slug": "2023-final-east", "title": "东城区2023年决算报告", "doc_type": "决算报告",
         "year": 2023, "region_code": EAST, "published_date": "2024-06-01", "body": "一、决算情况\n\n收支平衡。"},
    ])
    return folder


def make_app(tmp_path, extra=None):
    """A portal over a fresh database holding the small publication. Returns (app, publication)."""
    from ledger.importer.publish import publish
    from portal import create_app

    config = {
        "INSTANCE_PATH": tmp_path,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'small.db'}",
        "SEARCH_INDEX_PATH": tmp_path / "search.db",
        "SECRET_KEY": "test-secret",
        "PSEUDONYM_KEY": "test-pseudonym-key",
        "TESTING": True,
        **(extra or {}),
    }
    app = create_app(config)
    raw = write_raw(tmp_path / "raw")
    publication = publish(app.extensions["mingzhang.engine"], [raw], pseudonym_key="test-pseudonym-key",
                          dataset="small", title="小型测试数据")
    return app, publication



# Fixtures for a test module that reads the small publication; import them by name into the module.
# Module scope: each importing module gets its own fresh portal.
@pytest.fixture(scope="module")
def small(tmp_path_factory, request):
    """(app, publication) over the small publication, built once per test module."""
    return make_app(tmp_path_factory.mktemp(request.module.__name__.removeprefix("test_")))


@pytest.fixture()
def small_client(small):
    return small[0].test_client()


YEARBOOK_SPENDING = {  # province -> {year: {class: 元}} whole-year only (month 0), no budgets
    "110000": {2022: {"201": 300, "205": 500}, 2023: {"201": 330, "205": 570}},
    "130000": {2022: {"201": 400, "208": 600}, 2023: {"201": 400, "208": 700}},
    "150000": {2022: {"205": 200}, 2023: {"205": 180}},
}


def make_yearbook_app(tmp_path):
    """A yearbook-shaped publication: 全国 over provinces, whole-year spending only, no budgets."""
    from ledger.importer.publish import publish
    from portal import create_app

    folder = tmp_path / "raw-yearbook"
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "regions.csv", [
        {"code": "100000", "name": "全国", "short_name": "全国", "parent_code": "", "level": 0, "population": 3000},
        {"code": "110000", "name": "北京市", "short_name": "北京", "parent_code": "100000", "level": 1, "population": 1000},
        {"code": "130000", "name": "河北省", "short_name": "河北", "parent_code": "100000", "level": 1, "population": 2000},
        {"code": "150000", "name": "内蒙古自治区", "short_name": "内蒙古", "parent_code": "100000", "level": 1,
         "population": ""},
    ])
    _write(folder / "func_classes.csv", [c for c in CLASSES if len(c["code"]) == 3])
    _write(folder / "expenditures.csv", [
        {"year": year, "month": 0, "region_code": region, "dept_code": "", "class_code": cls, "amount_yuan": amount}
        for region, years in YEARBOOK_SPENDING.items() for year, per_class in years.items()
        for cls, amount in per_class.items()])
    app = create_app({
        "INSTANCE_PATH": tmp_path, "DATABASE_URL": f"sqlite:///{tmp_path / 'yearbook.db'}",
        "SEARCH_INDEX_PATH": tmp_path / "search-yb.db", "SECRET_KEY": "t", "PSEUDONYM_KEY": "t", "TESTING": True})
    publication = publish(app.extensions["mingzhang.engine"], [folder], pseudonym_key="t", dataset="yearbook",
                          title="年鉴测试数据")
    return app, publication
