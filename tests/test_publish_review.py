"""Issue #12, finding 5: a partial upload must not empty the site, and numbers and dates are strict.

Before: uploading budgets and payments alone published a publication with 0 projects (every project
page 404) without any confirmation; negative budgets and investment were accepted, and
``2025-01-01junk`` was read as 2025-01-01. Now an upload is staged and reviewed (diff against the
current publication) before it is published; tables missing from it are carried forward unless
their removal is confirmed; bad numbers and dates are refused with Chinese row errors.
"""
import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from community_support import create_staff, csrf_token, login
from small_publication import make_app
from sqlalchemy import func, select

from ledger import schema
from ledger.db import current_publication
from ledger.importer.publish import ImportFailure, publish

FAST = {"SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": False}
PAYMENTS_HEADER = ["凭证号", "项目编号", "支付日期", "金额（元）", "收款人", "收款人类型", "用途"]
BUDGETS_HEADER = ["年度", "地区代码", "单位代码", "科目编码", "预算数（元）"]


def _csv(rows, header):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def budgets_csv(amount="700000"):
    return _csv([["2024", "990101", "", "20502", amount], ["2024", "990102", "", "214", "1300000"]], BUDGETS_HEADER)


def payments_csv(date="2024-03-01", amount="120000"):
    return _csv([["V1", "P1", date, amount, "甲建设集团有限公司", "单位", "工程款"],
                 ["V2", "P2", "2024-04-01", "80000.50", "乙路桥有限公司", "单位", "工程款"]], PAYMENTS_HEADER)


@pytest.fixture()
def portal(tmp_path):
    app, first = make_app(tmp_path, FAST)
    create_staff(app, "pete", "publisher")
    client = app.test_client()
    login(client, "pete")
    return app, first, client


def upload(client, files, **form):
    data = {"csrf_token": csrf_token(client, "/admin/upload"), "title": "部分上传", "dataset": "small",
            "files": [(io.BytesIO(content), name) for name, content in files.items()], **form}
    return client.post("/admin/upload", data=data, content_type="multipart/form-data")


def press_publish(client, review_url, **form):
    token = csrf_token(client, review_url)
    return client.post(review_url.replace("/review", "/publish"), data={"csrf_token": token, **form})


def serving(app):
    with app.extensions["mingzhang.engine"].connect() as conn:
        return current_publication(conn)


def table_rows(app, table, publication_id):
    with app.extensions["mingzhang.engine"].connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(
            table.c.publication_id == publication_id)).scalar_one()


def test_partial_upload_is_reviewed_then_carries_the_missing_tables_forward(portal):
    app, first, client = portal
    response = upload(client, {"budgets.csv": budgets_csv(), "payments.csv": payments_csv()})
    assert response.status_code == 303 and response.headers["Location"].endswith("/review")
    review_url = response.headers["Location"]
    # Staged, not served: the public site still shows the first publication.
    assert serving(app)["id"] == first["id"]
    page = client.get(review_url).get_data(as_text=True)
    assert "尚未发布" in page and "沿用的数据表" in page and "原样沿用" in page
    assert re.search(r"项目（projects）：4 行", page)  # carried forward, stated on the review page
    # budgets: 9 rows before, 2 after; the money total before and after
    assert re.search(r"年度预算（budgets）.*?</th>\s*<td>本次上传</td>\s*<td>9</td><td>2</td>", page, re.S)
    assert "预算数：4,400,000.00 元 → 2,000,000.00 元" in page and "行数减少一半以上" in page
    assert "预算数：600,000.00 元 → 700,000.00 元" in page  # a sample of a changed row
    assert "金额：0.00 元 → 200,000.50 元" in page and "凭证号 V1" in page  # an added table and row

    response = press_publish(client, review_url)
    assert response.status_code == 303
    second = serving(app)
    assert second["id"] > first["id"] and second["row_counts"]["projects"] == 4
    assert table_rows(app, schema.projects, second["id"]) == 4
    assert client.get("/projects/P1").status_code == 200  # the attack emptied this: 404 before
    assert "东城小学改扩建" in client.get("/projects/P1").get_data(as_text=True)
    carried = {e["table"]: e for e in second["source_files"] if e.get("carried_from")}
    assert set(carried) == {"regions", "departments", "func_classes", "expenditures", "projects", "documents"}
    assert carried["projects"]["carried_from"] == first["id"] and carried["projects"]["rows"] == 4
    assert carried["projects"]["source_sha256"] == first["data_sha256"]
    assert second["as_of"] == first["as_of"]  # spending carried forward: its date too
    assert second["prev_sha256"] == first["data_sha256"]  # the hash chain holds
    from portal.verify import verify_publications
    assert verify_publications(app.extensions["mingzhang.engine"])["ok"]


def test_dropping_a_table_needs_explicit_confirmation(portal):
    app, first, client = portal
    response = upload(client, {"budgets.csv": budgets_csv()}, drop=["documents"])
    review_url = response.headers["Location"]
    page = client.get(review_url).get_data(as_text=True)
    assert "将被删除的数据表" in page and "报告文档（documents）：当前 2 行 → 0 行" in page
    refused = press_publish(client, review_url)  # the box not ticked
    assert refused.status_code == 400 and "我确认删除以上数据表" in refused.get_data(as_text=True)
    assert serving(app)["id"] == first["id"]
    assert press_publish(client, review_url, confirm_drop="1").status_code == 303
    second = serving(app)
    assert second["row_counts"]["documents"] == 0 and second["row_counts"]["projects"] == 4
    assert [e for e in second["source_files"] if e.get("dropped")][0]["rows_before"] == 2


def test_discarded_or_stale_reviews_never_publish(portal):
    app, first, client = portal
    one = upload(client, {"budgets.csv": budgets_csv("710000")}).headers["Location"]
    two = upload(client, {"budgets.csv": budgets_csv("720000")}).headers["Location"]
    assert press_publish(client, two).status_code == 303
    # One was built on the first publication; publishing it now would lose two's data.
    assert client.get(one).status_code == 404  # discarded when two was published
    token = csrf_token(client, "/admin/upload")
    assert client.post(one.replace("/review", "/publish"), data={"csrf_token": token}).status_code == 404
    three = upload(client, {"budgets.csv": budgets_csv("730000")}).headers["Location"]
    discard = client.post(three.replace("/review", "/discard"), data={"csrf_token": token})
    assert discard.status_code == 303
    pid = int(three.split("/")[-2])
    assert table_rows(app, schema.regions, pid) == 0  # a discarded import keeps no rows
    statuses = [r["status"] for r in _publications(app)]
    assert statuses == ["published", "discarded", "published", "discarded"]


def test_stale_confirmation_is_refused_by_the_database(tmp_path):
    """Two imports built on the same publication: once one is published, the other cannot be."""
    from small_publication import write_raw

    from ledger.errors import UserError
    from ledger.importer.publish import confirm, stage

    app, first = make_app(tmp_path, FAST)
    engine = app.extensions["mingzhang.engine"]
    folder = write_raw(tmp_path / "again")
    a, _plan = stage(engine, [folder], pseudonym_key="test-pseudonym-key", dataset="small", title="A")
    b, _plan = stage(engine, [folder], pseudonym_key="test-pseudonym-key", dataset="small", title="B")
    confirm(engine, b["id"])
    with pytest.raises(UserError) as caught:
        confirm(engine, a["id"])
    assert caught.value.status == 409 and "已过时" in caught.value.message
    assert serving(app)["id"] == b["id"]


def _publications(app):
    with app.extensions["mingzhang.engine"].connect() as conn:
        return [dict(r) for r in conn.execute(select(schema.publications).order_by(schema.publications.c.id))
                .mappings()]


# ---- the command line --------------------------------------------------------------------------------------

def _cli(tmp_path, *args, stdin=""):
    env = {**os.environ, "MINGZHANG_INSTANCE": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'small.db'}",
           "SEARCH_INDEX_PATH": str(tmp_path / "search.db"), "SECRET_KEY": "test-secret",
           "PSEUDONYM_KEY": "test-pseudonym-key", "SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": "0"}
    cli = Path(sys.executable).with_name("mingzhang")
    return subprocess.run([str(cli), "import", *map(str, args)], input=stdin, capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=300)


def test_cli_import_carries_forward_prints_the_diff_and_drops_only_after_confirmation(tmp_path):
    app, first = make_app(tmp_path, FAST)
    app.extensions["mingzhang.engine"].dispose()
    folder = tmp_path / "partial"
    folder.mkdir()
    (folder / "budgets.csv").write_bytes(budgets_csv())
    result = _cli(tmp_path, folder, "--dataset", "small")
    assert result.returncode == 0, result.stderr
    assert "与当前发布相比" in result.stdout and "项目（projects）：沿用（未变化），4 → 4 行" in result.stdout
    assert "年度预算（budgets）：本次上传，9 → 2 行（新增 0，删除 7，修改 2）" in result.stdout
    assert "预算数 4,400,000.00 元 → 2,000,000.00 元" in result.stdout
    carried = serving(app)
    assert carried["row_counts"]["projects"] == 4

    refused = _cli(tmp_path, folder, "--drop", "项目", stdin="n\n")  # Chinese table names work too
    assert refused.returncode == 1 and "将删除数据表：项目" in refused.stdout and "已取消" in refused.stderr
    assert serving(app)["id"] == carried["id"]
    no_terminal = _cli(tmp_path, folder, "--drop", "projects")  # stdin closed: never taken as yes
    assert no_terminal.returncode == 1 and serving(app)["id"] == carried["id"]

    dropped = _cli(tmp_path, folder, "--drop", "projects", "--drop", "project_updates", stdin="y\n")
    assert dropped.returncode == 0, dropped.stderr
    latest = serving(app)
    assert latest["row_counts"]["projects"] == 0 and latest["id"] > carried["id"]
    assert app.test_client().get("/projects/P1").status_code == 404  # removed on purpose, and said so

    unknown = _cli(tmp_path, folder, "--drop", "nope")
    assert unknown.returncode == 1 and "没有名为「nope」的数据表" in unknown.stderr


# ---- strict numbers and dates --------------------------------------------------------------------------------

@pytest.mark.parametrize("file, content, column, message", [
    ("budgets.csv", budgets_csv("-700000"), "预算数（元）", "不能为负数"),
    ("payments.csv", payments_csv(amount="-120000"), "金额（元）", "不能为负数"),
    ("payments.csv", payments_csv(date="2025-01-01junk"), "支付日期", "日期格式应为 YYYY-MM-DD"),
    ("payments.csv", payments_csv(date="20250101"), "支付日期", "日期格式应为 YYYY-MM-DD"),
    ("payments.csv", payments_csv(date="2025-02-30"), "支付日期", "日期不存在"),
    ("budgets.csv", budgets_csv("1e6"), "预算数（元）", "金额应为数字"),
    ("budgets.csv", budgets_csv("12.345"), "预算数（元）", "最多两位小数"),
])
def test_bad_numbers_and_dates_are_refused_with_chinese_row_errors(portal, file, content, column, message):
    app, first, client = portal
    response = upload(client, {file: content})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "导入失败，未发布任何数据" in page
    assert re.search(rf"<td>{re.escape(file)}</td><td></td><td>2</td><td>{re.escape(column)}</td><td>[^<]*{message}",
                     page), page[page.find("<table"):][:800]
    assert serving(app)["id"] == first["id"]


def test_negative_investment_and_trailing_date_text_are_refused_on_the_command_line_path(tmp_path):
    from small_publication import write_raw

    folder = write_raw(tmp_path / "raw")
    text = (folder / "projects.csv").read_text(encoding="utf-8")
    text = text.replace(",1000000,500000,", ",-1000000,500000,", 1).replace("2024-05-31", "2024-05-31junk", 1)
    (folder / "projects.csv").write_text(text, encoding="utf-8")
    app, _first = make_app(tmp_path / "inst", FAST)
    with pytest.raises(ImportFailure) as caught:
        publish(app.extensions["mingzhang.engine"], [folder], pseudonym_key="k", dataset="t", title="x")
    errors = {(e.file, e.row, e.column): e.message for e in caught.value.errors}
    assert "不能为负数" in errors[("projects.csv", 2, "总投资（元）")]
    assert "「2024-05-31junk」" in errors[("projects.csv", 2, "计划完工日期")]
