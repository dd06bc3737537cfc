"""The data behind issue #17: townships and second-level budget units (二级预算单位) in the demo generator
and the import layout, added without changing a byte of the data that existed before (evaluation sets
name its projects and figures), with figures that link to the records they add up."""
import datetime as dt
import hashlib
import json
import re

import pytest
from sqlalchemy import create_engine, inspect, text

from ledger.db import init_schema, make_engine
from ledger.demo.generator import build
from ledger.importer.layout import IMPORT_ORDER, LAYOUTS, PERFORMANCE_COLUMNS
from ledger.integrity import FIRST_RELEASE_TABLES, publication_digest

# SHA-256 (first 16 hex) of each first-release table's rows, over the columns it had then, as generated
# by the demo of commit 719fc36 (before townships and units) at scale 0.05, seed 20240101, as of 2026-10-31.
FIRST_RELEASE = {
    "budgets": ("f802a22dbeab9645", 504), "departments": ("fe60581ff66c912e", 24),
    "documents": ("522cbfd60dda3c40", 40), "expenditures": ("04007e654c34fb3d", 5880),
    "func_classes": ("aa56928faa02c547", 38), "payments": ("f57232b8bc4e8d70", 5000),
    "project_updates": ("e6800dcf62201eed", 430), "projects": ("ccd45cb3d383fe72", 100),
    "regions": ("4332a3f41343b587", 11),
}
# performance targets and results (issue #16); money columns are held in fen once read
PERFORMANCE_KEYS = {col.key.replace("_yuan", "_fen") for col in PERFORMANCE_COLUMNS}
NEW_COLUMNS = {"projects": {"township_code", *PERFORMANCE_KEYS}}  # columns added after the first release


@pytest.fixture(scope="module")
def small_demo():
    return build(seed=20240101, as_of=dt.date(2026, 10, 31), scale=0.05)


def _digest(rows, keys):
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps([row.get(k) for k in keys], ensure_ascii=False, default=str).encode() + b"\n")
    return digest.hexdigest()[:16]


def test_existing_demo_rows_are_byte_identical(small_demo):
    """New fields come from new random streams only: every earlier column of every earlier row is unchanged."""
    for table, (expected, count) in FIRST_RELEASE.items():
        rows = small_demo[table]
        keys = sorted(k for k in rows[0] if not k.startswith("_") and k not in NEW_COLUMNS.get(table, ()))
        assert (_digest(rows, keys), len(rows)) == (expected, count), table


def test_units_break_down_part_of_their_department(small_demo):
    units = {u["code"]: u for u in small_demo["units"]}
    assert units and {u["kind"] for u in units.values()} >= {"学校", "医院"}
    assert all(code.startswith(u["dept_code"]) for code, u in units.items())
    dept_lines = {}
    for row in small_demo["expenditures"]:
        dept_lines[(row["dept_code"], row["class_code"], row["year"], row["month"])] = row["amount_fen"]
    covered = {}
    for row in small_demo["unit_expenditures"]:
        key = (units[row["unit_code"]]["dept_code"], row["class_code"], row["year"], row["month"])
        covered[key] = covered.get(key, 0) + row["amount_fen"]
    assert covered and all(0 <= fen <= dept_lines[key] for key, fen in covered.items())
    budget_lines = {(r["dept_code"], r["class_code"], r["year"]): r["budget_fen"] for r in small_demo["budgets"]}
    unit_budgets = {}
    for row in small_demo["unit_budgets"]:
        key = (units[row["unit_code"]]["dept_code"], row["class_code"], row["year"])
        unit_budgets[key] = unit_budgets.get(key, 0) + row["budget_fen"]
    assert all(fen < budget_lines[key] for key, fen in unit_budgets.items())


def test_import_layout_documents_the_new_fields():
    assert LAYOUTS["projects"].column("township_code").label == "乡镇街道代码"
    assert not LAYOUTS["projects"].column("township_code").required
    for name, label in (("townships", "乡镇街道"), ("units", "二级预算单位"), ("unit_budgets", "二级单位预算"),
                        ("unit_expenditures", "二级单位支出")):
        assert LAYOUTS[name].label == label and name in IMPORT_ORDER


def test_an_unknown_township_or_unit_code_is_refused(tmp_path):
    from ledger.importer.publish import publish
    from ledger.importer.readers import ImportFailure

    (tmp_path / "regions.csv").write_text("地区代码,地区名称,层级\n990000,示例市,0\n990101,鹭洲区,1\n", encoding="utf-8")
    (tmp_path / "func_classes.csv").write_text("科目编码,科目名称\n205,教育支出\n", encoding="utf-8")
    (tmp_path / "departments.csv").write_text("单位代码,单位名称,地区代码\n990101001,鹭洲区教育局,990101\n", encoding="utf-8")
    (tmp_path / "townships.csv").write_text("乡镇街道代码,乡镇街道名称,地区代码\n990101001,白沙街道,990101\n", encoding="utf-8")
    (tmp_path / "units.csv").write_text("二级单位代码,二级单位名称,单位代码\n99010100101,鹭洲区实验小学,990101001\n",
                                        encoding="utf-8")
    (tmp_path / "unit_budgets.csv").write_text("年度,二级单位代码,科目编码,预算数（元）\n2026,99010100199,205,100\n",
                                               encoding="utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with pytest.raises(ImportFailure) as failure:
        publish(engine, [tmp_path], pseudonym_key="k", dataset="t", title="t")
    assert any("二级单位代码「99010100199」" in str(e) for e in failure.value.errors)


def test_new_tables_and_columns_leave_older_digests_unchanged(tmp_path):
    """A database from before this issue: start-up adds projects.township_code, and every earlier
    publication's recorded SHA-256 still verifies (new tables and empty new columns add nothing)."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:  # the projects table as it was before township_code
        conn.execute(text("CREATE TABLE publications (id INTEGER PRIMARY KEY, created_at DATETIME, status VARCHAR(16), "
                          "dataset VARCHAR(64), title VARCHAR(200), is_demo INTEGER, as_of DATE, source_files JSON, "
                          "row_counts JSON, deid_report JSON, data_sha256 VARCHAR(64), prev_sha256 VARCHAR(64), "
                          "created_by VARCHAR(64), error TEXT)"))
        conn.execute(text("CREATE TABLE projects (publication_id INTEGER, code VARCHAR(32), name VARCHAR(200), "
                          "year SMALLINT, region_code VARCHAR(12), dept_code VARCHAR(16), class_code VARCHAR(8), "
                          "category VARCHAR(32), location VARCHAR(128), total_investment_fen BIGINT, "
                          "annual_plan_fen BIGINT, disbursed_fen BIGINT, output_name VARCHAR(32), output_unit VARCHAR(16), "
                          "output_planned FLOAT, output_actual FLOAT, start_date DATE, end_date DATE, completed_date DATE, "
                          "status VARCHAR(16), progress_pct SMALLINT, contractor VARCHAR(128), description TEXT)"))
        conn.execute(text("INSERT INTO projects VALUES (1, 'P1', '路', 2025, '990101', 'D1', '214', '农村公路', "
                          "'鹭洲区白沙街道', 100, 100, 50, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '在建', 50, NULL, NULL)"))
    # The digest the first release computed: every first-release table's header, rows as JSON lists.
    old = hashlib.sha256()
    for table in FIRST_RELEASE_TABLES:
        old.update(f"#{table}\n".encode())
        if table == "projects":
            old.update(json.dumps(["P1", "路", 2025, "990101", "D1", "214", "农村公路", "鹭洲区白沙街道", 100, 100, 50, None,
                                   None, None, None, None, None, None, "在建", 50, None, None],
                                  ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
    engine = make_engine(url)
    init_schema(engine)  # what the portal does on start-up
    assert "township_code" in {c["name"] for c in inspect(engine).get_columns("projects")}
    with engine.connect() as conn:
        assert publication_digest(conn, 1) == old.hexdigest()
        conn.execute(text("UPDATE projects SET township_code = '990101001'"))  # a value now counts
        assert publication_digest(conn, 1) != old.hexdigest()


def test_unit_figures_link_to_records_that_add_up(client, db):
    dept = "990101002"  # 鹭洲区卫生健康局: hospitals and township health centres
    page = client.get(f"/execution/region/990101/dept/{dept}.json?year=2025").get_json()
    units = page["units"]
    rows = [r for r in units["rows"] if r.get("code")]
    assert rows and any("医院" in r["name"] for r in rows)
    assert sum(r["budget"] for r in units["rows"]) == pytest.approx(units["totals"]["budget"])
    assert units["totals"]["budget"] == page["totals"]["budget"]  # units + 本级 = the department
    first = rows[0]
    records = client.get(first["spent_url"].replace("/records/unit/expenditures", "/records/unit/expenditures.json")
                         + "&per_page=500").get_json()
    assert records["sum"] == pytest.approx(first["spent"]) and records["count"] > 0
    unit_page = client.get(first["name_url"].replace("/unit/" + first["code"], "/unit/" + first["code"] + ".json"))
    detail = unit_page.get_json()
    assert detail["totals"]["budget"] == pytest.approx(first["budget"])
    assert detail["unit_info"]["code"] == first["code"]
    expected = db.execute("SELECT sum(budget_fen) FROM unit_budgets WHERE unit_code = ? AND year = 2025",
                          (first["code"],)).fetchone()[0]
    assert round(detail["totals"]["budget"] * 100) == expected
    html = client.get(f"/execution/region/990101/dept/{dept}?year=2025").get_data(as_text=True)
    assert "按" in html and re.search(r"部门本级", html) and 'href="/glossary#term-unit"' in html
    assert client.get(f"/execution/region/990102/dept/{dept}/unit/{first['code']}").status_code == 404
