"""绩效 columns in the import layout: optional, validated with Chinese row errors, and scored by hand."""
import pytest
from sqlalchemy import select
from test_import import small_dataset, write_csv

from ledger import schema
from ledger.importer.publish import ImportFailure, publish
from ledger.queries import performance as q_perf
from portal import create_app

BASE = ["项目编号", "项目名称", "年度", "地区代码", "单位代码", "科目编码", "项目类别", "总投资（元）", "年度计划（元）",
        "已支付（元）", "计量单位", "计划产出", "实际产出", "开工日期", "计划完工日期", "实际完工日期", "项目状态",
        "形象进度（%）"]
PERF = ["质量目标（合格率%）", "质量实际（合格率%）", "单位成本目标（元）", "实际单位成本（元）", "效益指标", "效益计量单位",
        "效益目标值", "效益实际值", "满意度目标（%）", "满意度调查（%）"]
ROW = ["X1", "东城区某路改建", "2024", "990101", "D001", "20502", "农村公路", "10000000", "10000000", "9000000",
       "公里", "10", "8", "2024-03-01", "2024-12-31", "2025-03-01", "已完工", "100"]
PERF_ROW = ["100", "90", "1000000", "1250000", "受益人口", "人", "5000", "6000", "90", "72"]


@pytest.fixture()
def engine(tmp_path):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}", "INSTANCE_PATH": tmp_path,
                      "SEARCH_INDEX_PATH": tmp_path / "search.db"})
    return app.extensions["mingzhang.engine"]


def _publish(engine, folder, header, rows):
    write_csv(folder / "projects.csv", header, rows)
    return publish(engine, [folder], pseudonym_key="k", dataset="t", title="绩效")


def test_projects_without_performance_columns_still_import(engine, tmp_path):
    pub = _publish(engine, small_dataset(tmp_path / "raw"), BASE, [ROW])
    with engine.connect() as conn:
        stored = conn.execute(select(schema.projects)).mappings().one()
        assert stored["quality_target_pct"] is None and stored["benefit_name"] is None
        # Quantity, timeliness and execution come from the base columns: still scored.
        scored = q_perf.scored_projects(conn, pub["id"])
    parts = {p["key"]: p["achievement"] for p in scored[0]["parts"]}
    assert parts["quality"] is None and parts["quantity"] == 0.8 and scored[0]["complete"] is False


def test_performance_columns_are_stored_and_scored_from_the_weights(engine, tmp_path):
    pub = _publish(engine, small_dataset(tmp_path / "raw"), BASE + PERF, [ROW + PERF_ROW])
    # By hand: 数量 15×8/10, 质量 15×90/100, 时效 10×305/365 days, 成本 10×1.0/1.25 万, 效益 30×1 (capped),
    # 满意度 10×72/90, 执行率 10×9/10.
    expected = 15 * 0.8 + 15 * 0.9 + 10 * 305 / 365 + 10 * 0.8 + 30 + 10 * 0.8 + 10 * 0.9
    with engine.connect() as conn:
        result = q_perf.project_performance(conn, pub["id"], "X1")
    assert result["complete"] is True
    assert result["score"] == pytest.approx(expected, abs=0.051)
    cost = next(p for p in result["parts"] if p["key"] == "cost")
    assert (cost["target"], cost["actual"]) == (1_000_000, 1_250_000)


@pytest.mark.parametrize("column, value, message", [
    ("质量实际（合格率%）", "150", "应在 0 到 100 之间"),
    ("效益目标值", "很多", "应为数字"),
    ("满意度调查（%）", "-5", "不能为负数"),
    ("单位成本目标（元）", "12.345", "金额最多两位小数"),
    ("单位成本目标（元）", "", "填写了「实际单位成本（元）」就必须填写「单位成本目标（元）」"),
    ("效益指标", "", "填写了「效益目标值」就必须填写「效益指标」"),
    ("满意度目标（%）", "", "填写了「满意度调查（%）」就必须填写「满意度目标（%）」"),
])
def test_bad_performance_cells_are_refused_with_chinese_row_errors(engine, tmp_path, column, value, message):
    row = ROW + PERF_ROW
    row[(BASE + PERF).index(column)] = value
    with pytest.raises(ImportFailure) as caught:
        _publish(engine, small_dataset(tmp_path / "raw"), BASE + PERF, [row])
    errors = [str(e) for e in caught.value.errors]
    assert any("projects.csv" in e and "第2行" in e and message in e for e in errors), errors


def test_an_audited_unit_cost_needs_the_actual_output(engine, tmp_path):
    row = ROW + PERF_ROW
    row[BASE.index("实际产出")] = ""
    with pytest.raises(ImportFailure) as caught:
        _publish(engine, small_dataset(tmp_path / "raw"), BASE + PERF, [row])
    assert any("就必须填写「实际产出」" in str(e) for e in caught.value.errors)
