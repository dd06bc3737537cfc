"""Importing the supervision tables (项目分年度计划, 项目季度进度, 项目合同): documented layout, cell checks and
references with Chinese row errors, and the rules running on what was imported."""
import csv

import pytest
from small_publication import write_raw

from ledger import supervision
from ledger.db import make_engine
from ledger.importer.publish import publish
from ledger.importer.readers import ImportFailure

KEY = "test-pseudonym-key-0123456789"


def _write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def _supervision_files(folder, plans, quarters, contracts):
    """The three tables as CSV, named by their Chinese names (a table without rows is left out)."""
    for name, header, rows in (
            ("项目分年度计划", ["项目编号", "年度", "年度计划（元）", "年度实际支付（元）"], plans),
            ("季度进度", ["项目编号", "年度", "季度", "计划形象进度（%）", "实际形象进度（%）"], quarters),
            ("项目合同", ["项目编号", "中标日期", "合同金额（元）"], contracts)):
        if rows:
            _write(folder / f"{name}.csv", header, rows)


def test_valid_tables_are_published_and_judged(tmp_path):
    raw = write_raw(tmp_path / "raw")
    # P3 (南山养老院, 在建) behind plan two quarters running; P2 over two years, 10% behind at the end of 2023.
    _supervision_files(raw, plans=[["P2", 2023, "100000", "90000"], ["P2", 2024, "50000", ""]],
                       quarters=[["P3", 2024, 1, 40, 20], ["P3", 2024, 2, 60, 35], ["P3", 2024, 3, 80, ""]],
                       contracts=[["P1", "2023-12-01", "950000.50"], ["P3", "2024-01-15", ""]])
    engine = make_engine(f"sqlite:///{tmp_path / 'ok.db'}")
    publication = publish(engine, [raw], pseudonym_key=KEY, dataset="small", title="带监督数据")
    assert publication["row_counts"]["project_plans"] == 2 and publication["row_counts"]["project_quarters"] == 3
    with engine.connect() as conn:
        as_of, flags = supervision.flags(conn, publication["id"])
    assert as_of.key == "2024-06"
    assert {(f.kind, f.code) for f in flags if f.subject == "project"} == {("plan", "P2"), ("risk", "P3")}


@pytest.mark.parametrize("table, row, message", [
    ("quarters", ["P3", 2024, 5, 40, 20], "应在 1 到 4 之间"),
    ("quarters", ["P3", 2024, 1, 140, 20], "应在 0 到 100 之间"),
    ("plans", ["P2", 2023, "-100", ""], "不能为负数"),
    ("plans", ["P9", 2023, "100", ""], "项目编号「P9」在对应数据表中不存在"),
    ("contracts", ["P1", "2023/12/01", ""], "日期格式应为 YYYY-MM-DD"),
])
def test_bad_rows_are_refused_in_chinese(tmp_path, table, row, message):
    raw = write_raw(tmp_path / "raw")
    tables = {"plans": [], "quarters": [], "contracts": []}
    tables[table].append(row)
    _supervision_files(raw, tables["plans"], tables["quarters"], tables["contracts"])
    engine = make_engine(f"sqlite:///{tmp_path / 'bad.db'}")
    with pytest.raises(ImportFailure) as failure:
        publish(engine, [raw], pseudonym_key=KEY, dataset="small", title="错误的监督数据")
    assert any(message in str(error) for error in failure.value.errors), failure.value.errors


@pytest.mark.parametrize("table, rows, message", [
    ("plans", [["P2", 2023, "100000", "90000"], ["P2", 2024, "50000", ""], ["P2", 2023, "80000", ""]],
     "项目「P2」2023年的分年度计划重复：第2行和第4行"),
    ("quarters", [["P3", 2024, 1, 40, 20], ["P3", 2024, 2, 60, 35], ["P3", 2024, 1, 45, 25]],
     "项目「P3」2024年第1季度的进度重复：第2行和第4行"),
])
def test_duplicate_plan_rows_are_refused_naming_both_rows(tmp_path, table, rows, message):
    """Two rows for one project and period: the import stops with a Chinese row error naming both rows,
    and nothing is published (the database has no publication afterwards)."""
    raw = write_raw(tmp_path / "raw")
    _supervision_files(raw, rows if table == "plans" else [], rows if table == "quarters" else [], [])
    engine = make_engine(f"sqlite:///{tmp_path / 'dup.db'}")
    with pytest.raises(ImportFailure) as failure:
        publish(engine, [raw], pseudonym_key=KEY, dataset="small", title="重复的计划行")
    errors = failure.value.errors
    assert [e.row for e in errors if "重复" in e.message] == [4], errors
    assert any(message in str(e) for e in errors), errors
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM publications").scalar() == 0


def test_the_same_period_of_different_projects_is_not_a_duplicate(tmp_path):
    raw = write_raw(tmp_path / "raw")
    _supervision_files(raw, [["P2", 2023, "100000", "90000"], ["P3", 2023, "50000", ""]],
                       [["P3", 2024, 1, 40, 20], ["P1", 2024, 1, 40, 20]], [])
    engine = make_engine(f"sqlite:///{tmp_path / 'ok.db'}")
    publication = publish(engine, [raw], pseudonym_key=KEY, dataset="small", title="不同项目同一年度")
    assert publication["row_counts"]["project_plans"] == 2
