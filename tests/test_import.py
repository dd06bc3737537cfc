"""Import pipeline: good files publish atomically; bad files publish nothing and say where."""
import csv

import pytest
from sqlalchemy import func, select

from ledger import schema
from ledger.db import current_publication
from ledger.importer.publish import ImportFailure, publish, record_failure
from ledger.integrity import publication_digest
from portal import create_app


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def small_dataset(folder, *, payee_name="王桂芳", budget="1200000.50"):
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "regions.csv", ["地区代码", "地区名称", "上级地区代码", "层级", "常住人口"],
              [["990000", "示例市", "", "0", "1000000"], ["990101", "东城区", "990000", "1", "300000"]])
    write_csv(folder / "功能分类.csv", ["科目编码", "科目名称"],
              [["205", "教育支出"], ["20502", "普通教育"], ["214", "交通运输支出"]])
    write_csv(folder / "departments.csv", ["单位代码", "单位名称", "地区代码"],
              [["D001", "东城区教育局", "990101"]])
    write_csv(folder / "budgets.csv", ["年度", "地区代码", "单位代码", "科目编码", "预算数（元）"],
              [["2025", "990101", "D001", "20502", budget]])
    write_csv(folder / "expenditures.csv", ["年度", "月份", "地区代码", "单位代码", "科目编码", "支出数（元）"],
              [["2025", "1", "990101", "D001", "20502", "100000.25"],
               ["2025", "2", "990101", "D001", "20502", "200000"]])
    write_csv(folder / "payments.csv",
              ["凭证号", "项目编号", "支付日期", "金额（元）", "收款人", "收款人类型", "收款人身份证号", "收款人电话",
               "收款账号", "收款人住址", "用途"],
              [["P1", "", "2025-02-03", "800.00", payee_name, "个人", "11010519491231002X", "13812345678",
                "6222020200112233445", "东城区新华村3组12号", "高龄津贴"],
               ["P2", "", "2025-02-04", "50000", "示例建设工程有限公司", "单位", "", "", "", "", "工程款"]]
              # four more recipients of the same subsidy: the published table must stay 5-anonymous
              + [[f"P{n}", "", "2025-02-05", "800.00", name, "个人", "", "", "", "", "高龄津贴"]
                 for n, name in enumerate(["李秀英", "张伟", "刘洋", "陈静"], start=3)])
    return folder


@pytest.fixture()
def engine(tmp_path):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}", "INSTANCE_PATH": tmp_path,
                      "SEARCH_INDEX_PATH": tmp_path / "search.db"})
    return app.extensions["mingzhang.engine"]


def test_good_files_publish_with_exact_amounts_and_manifest(engine, tmp_path):
    folder = small_dataset(tmp_path / "raw")
    pub = publish(engine, [folder], pseudonym_key="k", dataset="t", title="测试")
    assert pub["status"] == "published"
    assert {f["name"] for f in pub["source_files"]} >= {"regions.csv", "payments.csv"}
    assert all(len(f["sha256"]) == 64 for f in pub["source_files"])
    assert pub["row_counts"]["payments"] == 6
    with engine.connect() as conn:
        budget = conn.execute(select(schema.budgets.c.budget_fen)).scalar_one()
        assert budget == 120000050  # 1,200,000.50 元 in fen, exactly
        spent = conn.execute(select(func.sum(schema.expenditures.c.amount_fen))).scalar_one()
        assert spent == 30000025
        assert publication_digest(conn, pub["id"]) == pub["data_sha256"]
        region = conn.execute(select(schema.regions).where(schema.regions.c.code == "990101")).mappings().one()
        assert region["short_name"] == "东城"
        level = dict(conn.execute(select(schema.func_classes.c.code, schema.func_classes.c.parent_code)).all())
        assert level["20502"] == "205" and level["205"] is None


def test_private_payee_is_pseudonymised_and_raw_pii_never_stored(engine, tmp_path):
    folder = small_dataset(tmp_path / "raw")
    pub = publish(engine, [folder], pseudonym_key="k", dataset="t", title="测试")
    with engine.connect() as conn:
        payees = dict(conn.execute(select(schema.payments.c.id, schema.payments.c.payee)).all())
        dump = "\n".join(str(tuple(r)) for t in schema.PUBLISHED_TABLES
                         for r in conn.execute(select(t).where(t.c.publication_id == pub["id"])))
    assert payees["P2"] == "示例建设工程有限公司"  # companies stay readable
    assert payees["P1"] != "王桂芳"
    for secret in ("王桂芳", "11010519491231002X", "13812345678", "6222020200112233445", "新华村3组12号"):
        assert secret not in dump


def test_same_person_gets_same_pseudonym_across_publications(engine, tmp_path):
    first = publish(engine, [small_dataset(tmp_path / "a")], pseudonym_key="k", dataset="t", title="一")
    second = publish(engine, [small_dataset(tmp_path / "b")], pseudonym_key="k", dataset="t", title="二")
    with engine.connect() as conn:
        names = [conn.execute(select(schema.payments.c.payee).where(
            schema.payments.c.publication_id == p["id"], schema.payments.c.id == "P1")).scalar_one()
            for p in (first, second)]
    assert names[0] == names[1]


def test_bad_file_is_rejected_with_row_level_errors_and_previous_publication_keeps_serving(engine, tmp_path):
    good = publish(engine, [small_dataset(tmp_path / "good")], pseudonym_key="k", dataset="t", title="好")
    bad = small_dataset(tmp_path / "bad", budget="一百万")
    write_csv(bad / "expenditures.csv", ["年度", "月份", "地区代码", "单位代码", "科目编码", "支出数（元）"],
              [["2025", "1", "990101", "D001", "20502", "100"], ["2025", "2", "999999", "D001", "20502", "5"]])
    with pytest.raises(ImportFailure) as caught:
        publish(engine, [bad], pseudonym_key="k", dataset="t", title="坏")
    messages = [str(e) for e in caught.value.errors]
    assert any("budgets.csv" in m and "第2行" in m and "预算数（元）" in m for m in messages), messages
    record_failure(engine, caught.value, dataset="t", title="坏")
    with engine.connect() as conn:
        assert current_publication(conn)["id"] == good["id"]
        statuses = [r.status for r in conn.execute(select(schema.publications.c.status))]
        assert statuses == ["published", "failed"]
        # nothing from the failed attempt was written
        assert conn.execute(select(func.count()).select_from(schema.budgets)).scalar_one() == 1


def test_dangling_reference_is_reported_with_its_location(engine, tmp_path):
    folder = small_dataset(tmp_path / "raw")
    write_csv(folder / "expenditures.csv", ["年度", "月份", "地区代码", "单位代码", "科目编码", "支出数（元）"],
              [["2025", "1", "990101", "D001", "20502", "1"], ["2025", "2", "999999", "D001", "20502", "5"]])
    with pytest.raises(ImportFailure) as caught:
        publish(engine, [folder], pseudonym_key="k", dataset="t", title="x")
    assert any("expenditures.csv" in str(e) and "第3行" in str(e) and "999999" in str(e)
               for e in caught.value.errors)


@pytest.mark.parametrize("content,expected", [
    ("地区代码,地区名称\n".encode("gbk"), "UTF-8"),
    (b"", "\u6587\u4ef6\u4e3a\u7a7a"),
])
def test_unreadable_csv_gets_a_clear_message(engine, tmp_path, content, expected):
    folder = small_dataset(tmp_path / "raw")
    (folder / "regions.csv").write_bytes(content if content else b"")
    with pytest.raises(ImportFailure) as caught:
        publish(engine, [folder], pseudonym_key="k", dataset="t", title="x")
    assert any(expected in str(e) for e in caught.value.errors)


def test_formula_injection_in_text_cells_is_refused(engine, tmp_path):
    folder = small_dataset(tmp_path / "raw")
    write_csv(folder / "departments.csv", ["单位代码", "单位名称", "地区代码"],
              [["D001", '=HYPERLINK("http://x","点我")', "990101"]])
    with pytest.raises(ImportFailure) as caught:
        publish(engine, [folder], pseudonym_key="k", dataset="t", title="x")
    assert any("公式" in str(e) for e in caught.value.errors)


def test_a_subsidy_table_that_would_single_out_a_person_is_refused(engine, tmp_path):
    folder = small_dataset(tmp_path / "raw")
    with open(folder / "payments.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["P9", "", "2025-03-01", "5000", "赵一鸣", "个人", "", "", "", "", "临时救助"])
    with pytest.raises(ImportFailure) as caught:
        publish(engine, [folder], pseudonym_key="k", dataset="t", title="x")
    assert any("k-匿名" in str(e) and "临时救助" in str(e) for e in caught.value.errors)


def test_unknown_file_name_is_rejected(engine, tmp_path):
    folder = small_dataset(tmp_path / "raw")
    write_csv(folder / "notes.csv", ["a"], [["b"]])
    with pytest.raises(ImportFailure) as caught:
        publish(engine, [folder], pseudonym_key="k", dataset="t", title="x")
    assert any("notes.csv" in str(e) for e in caught.value.errors)


def test_xlsx_sheets_are_read_by_name(engine, tmp_path):
    from openpyxl import Workbook

    folder = small_dataset(tmp_path / "raw")
    (folder / "departments.csv").unlink()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "预算单位"
    sheet.append(["单位代码", "单位名称", "地区代码"])
    sheet.append(["D001", "东城区教育局", "990101"])
    workbook.save(folder / "单位.xlsx")
    pub = publish(engine, [folder], pseudonym_key="k", dataset="t", title="x")
    assert pub["row_counts"]["departments"] == 1


def test_cli_import_exits_nonzero_and_prints_chinese_errors(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    folder = small_dataset(tmp_path / "raw", budget="abc")
    env = {**os.environ, "MINGZHANG_INSTANCE": str(tmp_path / "inst")}
    cli = Path(sys.executable).with_name("mingzhang")
    result = subprocess.run([str(cli), "import", str(folder)], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "导入失败" in result.stderr and "budgets.csv" in result.stderr
