"""Yearbook import: the five published 表7-6 files, parsed by content and checked against the published figures."""
from decimal import Decimal

import pytest
from click.testing import CliRunner
from conftest import ROOT, _config_for
from sqlalchemy import func, select

from ledger import schema
from ledger.db import current_publication
from ledger.importer import gazetteer
from ledger.importer.publish import ImportFailure, publish
from ledger.importer.yearbook import (
    REMAINDER_CODE,
    TOTAL,
    bundled_yearbook_files,
    load_sheets,
    parse_workbook,
    province_document,
)
from portal import create_app

SHARED = ROOT.parent / "shared" / "data" / "yearbook-7-6"
YEARS = [2019, 2020, 2021, 2022, 2023]
# (year, region code | TOTAL, class code | TOTAL, published figure in 亿元 as printed)
PUBLISHED = [
    (2023, TOTAL, TOTAL, "236403.46"),
    (2023, "110000", "205", "1227.90"),
    (2023, "440000", TOTAL, "18527.03"),
    (2023, "650000", "229", "120.65"),
    (2023, "540000", "202", "0.11"),
    (2023, "150000", "219", "0.00"),
    (2022, TOTAL, TOTAL, "224981.29"),
    (2022, "110000", TOTAL, "7469.15"),
    (2022, "420000", "205", "1279.08"),
    (2022, "650000", "208", "1035.55"),
    (2022, "420000", "232", "176.20"),
    (2021, TOTAL, TOTAL, "210623.04"),
    (2021, "110000", TOTAL, "7205.1201"),
    (2021, "110000", "205", "1147.8293"),
    (2021, "650000", "201", "491.9039"),
    (2021, "460000", "219", "0.0022"),
    (2020, TOTAL, TOTAL, "210583.46"),
    (2020, "110000", TOTAL, "7116.18"),
    (2020, "110000", "205", "1138.29"),
    (2020, "420000", "210", "1019.71"),
    (2020, "650000", "213", "1127.88"),
    (2019, TOTAL, TOTAL, "203743.22"),
    (2019, "110000", TOTAL, "7408.19"),
    (2019, "110000", "208", "972.98"),
    (2019, "420000", "214", "429.39"),
    (2019, "650000", "229", "78.01"),
    (2019, "120000", "217", "4.71"),
]
# Cells printed empty: «no data», so no row.
EMPTY = [(2023, "110000", "202"), (2022, "150000", "219"), (2021, "110000", "202"), (2019, "150000", "219")]


@pytest.fixture(scope="module")
def tables():
    return {table.year: table for table in (parse_workbook(p) for p in bundled_yearbook_files())}


@pytest.fixture(scope="module")
def yearbook_app(tmp_path_factory):
    from portal.cli import run_publish
    instance = tmp_path_factory.mktemp("yearbook")
    app = create_app({**_config_for(instance), "SEARCH_HYBRID": False})  # BM25 suffices here; keeps it fast
    with app.app_context():
        pub = run_publish(app, bundled_yearbook_files(), dataset="yearbook", title="年鉴", created_by="tests")
    app.config["TEST_PUBLICATION"] = pub
    return app


@pytest.fixture(scope="module")
def published(yearbook_app):
    return yearbook_app.extensions["mingzhang.engine"], yearbook_app.config["TEST_PUBLICATION"]


def test_bundled_files_are_the_published_ones():
    files = bundled_yearbook_files()
    assert [p.name for p in files] == [f"table-7-6-{y}.{'xlsx' if y in (2021, 2023) else 'xls'}" for y in YEARS]
    source = (files[0].parent / "SOURCE.md").read_text(encoding="utf-8")
    assert "huhuaping/techme" in source and "MIT" in source
    from ledger.importer.readers import sha256_file
    for path in files:
        assert sha256_file(path) in source
        if SHARED.is_dir():
            assert path.read_bytes() == (SHARED / path.name).read_bytes()


def test_default_password_xls_is_decrypted_in_memory():
    import msoffcrypto
    for name in ("table-7-6-2019.xls", "table-7-6-2022.xls"):
        path = bundled_yearbook_files()[0].parent / name
        with open(path, "rb") as fh:
            assert msoffcrypto.OfficeFile(fh).is_encrypted()
        sheets = load_sheets(path)
        assert any("分地区一般公共预算支出" in str(cells[0]) for _n, rows in sheets for cells in rows[:3])


@pytest.mark.parametrize("year", YEARS)
def test_every_year_has_31_provinces_24_classes_and_the_total_row(tables, year):
    table = tables[year]
    assert table.year == year and table.unit == "亿元"
    assert len(table.provinces()) == 31
    assert TOTAL in table.values  # 地方合计, kept as a check value only
    classes = set().union(*(set(table.values[p.code]) for p in table.provinces())) - {TOTAL}
    assert len(classes) == 24 and {"201", "205", "208", "210", "229", "233"} <= classes


@pytest.mark.parametrize("year,region,code,figure", PUBLISHED)
def test_cells_match_the_published_figures(tables, year, region, code, figure):
    assert tables[year].values[region][code].value == Decimal(figure)


@pytest.mark.parametrize("year,region,code", EMPTY)
def test_empty_cells_are_no_data(tables, year, region, code):
    assert code not in tables[year].values[region]


@pytest.mark.parametrize("year", YEARS)
def test_each_province_adds_up_to_its_total_within_rounding(tables, year):
    table = tables[year]
    places = 4 if year == 2021 else 2
    for province in table.provinces():
        row = table.values[province.code]
        parts = sum(v.value for k, v in row.items() if k != TOTAL)
        assert abs(row[TOTAL].value - parts) <= Decimal(len(row)) * Decimal(5) / 10 ** (places + 1), province.name


@pytest.mark.parametrize("year", YEARS)
def test_provinces_add_up_to_the_local_total_within_rounding(tables, year):
    table = tables[year]
    provinces = sum(table.values[p.code][TOTAL].value for p in table.provinces())
    assert abs(table.values[TOTAL][TOTAL].value - provinces) <= Decimal("0.16")


def test_published_rows_are_exact_fen_and_totals_match_to_the_fen(published, tables):
    engine, pub = published
    assert pub["status"] == "published" and pub["dataset"] == "yearbook"
    assert pub["row_counts"]["regions"] == 32
    assert all(f.get("notes") for f in pub["source_files"])  # the 地方合计 check is recorded
    e = schema.expenditures
    with engine.connect() as conn:
        regions = {r.code: r for r in conn.execute(select(schema.regions).where(
            schema.regions.c.publication_id == pub["id"]))}
        assert regions["100000"].level == 0 and regions["100000"].name == "全国"
        assert regions["150000"].name == "内蒙古自治区" and regions["150000"].parent_code == "100000"
        assert {r.level for c, r in regions.items() if c != "100000"} == {1}
        assert not conn.execute(select(func.count()).where(e.c.region_code == "100000")).scalar()
        assert set(conn.execute(select(e.c.month).distinct()).scalars()) == {0}
        beijing_edu = conn.execute(select(e.c.amount_fen).where(
            e.c.year == 2023, e.c.region_code == "110000", e.c.class_code == "205")).scalar_one()
        assert beijing_edu == 122_790_000_000_00  # 1227.90 亿元 in fen
        for year, table in tables.items():
            rows = conn.execute(select(e.c.region_code, func.sum(e.c.amount_fen), func.count())
                                .where(e.c.year == year).group_by(e.c.region_code)).all()
            assert len(rows) == 31
            cells = sum(len(table.values[p.code]) - 1 for p in table.provinces())
            remainders = conn.execute(select(func.count()).where(
                e.c.year == year, e.c.class_code == REMAINDER_CODE)).scalar()
            assert sum(n for _c, _s, n in rows) == cells + remainders
            for code, total_fen, _n in rows:
                assert total_fen == int(table.values[code][TOTAL].value * 10**10), (year, code)
        names = dict(conn.execute(select(schema.func_classes.c.code, schema.func_classes.c.name)).all())
        assert names["210"] == "卫生健康支出" and names["207"] == "文化旅游体育与传媒支出"


def test_each_province_year_is_a_searchable_document_with_the_printed_figures(published, tables, yearbook_app):
    engine, pub = published
    assert pub["row_counts"]["documents"] == 31 * 5
    with engine.connect() as conn:
        doc = conn.execute(select(schema.documents).where(
            schema.documents.c.slug == "yearbook-2023-110000")).one()
    assert doc.title == "北京市2023年一般公共预算支出（统计年鉴表7-6）" and doc.region_code == "110000"
    assert "一般公共预算支出7971.25亿元" in doc.body and "教育支出1227.90亿元" in doc.body
    assert list(province_document(tables[2023], gazetteer.lookup("北京"))) == [
        doc.title, doc.doc_type, str(doc.year), doc.region_code, doc.body]  # de-identification left it intact
    client = yearbook_app.test_client()
    found = client.get("/api/search", query_string={"q": "广东 卫生健康"}).get_json()
    assert found["results"] and found["results"][0]["region_code"] == "440000"


@pytest.mark.parametrize("url", ["/", "/compare", "/compare.json?year=2023", "/api/summary", "/api/regions",
                                 "/documents", "/search?q=教育支出", "/execution?year=2022"])
def test_portal_pages_work_on_the_yearbook(yearbook_app, url):
    response = yearbook_app.test_client().get(url)
    assert response.status_code == 200, url


def test_national_figure_is_the_sum_of_provinces(yearbook_app, tables):
    summary = yearbook_app.test_client().get("/api/summary").get_json()
    assert summary["year"] == 2023
    provinces = sum(tables[2023].values[p.code][TOTAL].value for p in tables[2023].provinces())
    assert Decimal(str(summary["totals"]["spent"])) == provinces * 10**8  # 元, no double count of 地方合计


@pytest.mark.parametrize("spelling,code", [
    ("北京", "110000"), ("北京市", "110000"), ("Beijing", "110000"), (" 北  京", "110000"), ("北\u3000京", "110000"),
    ("内蒙古", "150000"), ("Inner Mongolia", "150000"), ("内蒙古自治区", "150000"), ("广西壮族自治区", "450000"),
    ("Xizang", "540000"), ("Tibet", "540000"), ("新  疆", "650000"), ("陕西", "610000"), ("Shaanxi", "610000"),
])
def test_gazetteer_normalises_spellings(spelling, code):
    assert gazetteer.lookup(spelling).code == code


def test_gazetteer_totals_and_unknowns():
    assert len({p.code for p in gazetteer.PROVINCES}) == 31
    assert gazetteer.is_total("地方合计") and gazetteer.is_total("Total of All\nRegions") and gazetteer.is_total("全 国")
    assert not gazetteer.is_total("北京") and gazetteer.lookup("地方合计") is None
    assert gazetteer.lookup("火星") is None and gazetteer.lookup("") is None


# ---- messy inputs that must fail clearly, or work -----------------------------------------------

def _workbook(path, *, unit="单位:亿元", header=None, rows=None, title="7-6 分地区一般公共预算支出(2023年)"):
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "1-2"
    sheet.append([title])
    if unit:
        sheet.append([unit])
    sheet.append(header or ["地 区", "Region", "地方一般公\n共预算支出\nGeneral", "教育支出\nEducation", "其他支出"])
    for row in rows or [["地方合计", "Total", "30.00", "20.00", "10.00"],
                        ["北 京", "Beijing", "12.50", "10.00", "2.50"],
                        ["天津", "Tianjin", "17.50", "10.00", "7.50"]]:
        sheet.append(row)
    book.save(path)
    return path


def test_small_workbook_in_wan_yuan_converts_exactly(tmp_path):
    path = _workbook(tmp_path / "t.xlsx", unit="单位：万元", rows=[
        ["北京市", "", "1.23", "1.00", "0.23"], ["Tianjin", "", "0.01", "", "0.01"]])
    table = parse_workbook(path)
    assert table.unit == "万元" and table.year == 2023
    assert table.amount_yuan(table.values["110000"]["205"]) == Decimal("10000")
    assert "205" not in table.values["120000"]


@pytest.mark.parametrize("kwargs,message", [
    ({"unit": None}, "计量单位"),
    ({"header": ["地区", "Region", "一般公共预算支出", "教育支出", "神秘支出"]}, "无法识别的表头「神秘支出」"),
    ({"rows": [["北京", "", "12.50", "10.00", "十"]]}, "不是数字"),
    ({"rows": [["北京", "", "99.00", "10.00", "2.50"]]}, "各科目之和与合计相差"),
    ({"rows": [["地方合计", "", "99.00", "89.00", "10.00"], ["北京", "", "12.50", "10.00", "2.50"]]},
     "之和与地方合计相差"),
    ({"title": "分地区一般公共预算支出", "header": ["省份", "x"], "rows": [["北京", "1"]]}, "无法识别的工作簿"),
])
def test_files_that_cannot_be_understood_fail_in_chinese_and_publish_nothing(tmp_path, kwargs, message):
    path = _workbook(tmp_path / "bad.xlsx", **kwargs)
    with pytest.raises(ImportFailure) as failure:
        parse_workbook(path)
    assert message in str(failure.value)
    app = create_app(_config_for(tmp_path))
    engine = app.extensions["mingzhang.engine"]
    with pytest.raises(ImportFailure):
        publish(engine, [path, *bundled_yearbook_files()], pseudonym_key="k", dataset="yearbook", title="x")
    with engine.connect() as conn:
        assert current_publication(conn) is None


def test_damaged_xls_fails_clearly(tmp_path):
    path = tmp_path / "broken.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ImportFailure) as failure:
        parse_workbook(path)
    assert "无法打开 Excel 文件" in str(failure.value)


def test_year_and_continued_sheet_must_agree(tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    first = book.active
    for row in (["7-6 分地区一般公共预算支出(2023年)"], ["单位:亿元"], ["地区", "合计", "教育支出", "其他支出"],
                ["北京", "3", "1", "1"], ["天津", "3", "1", "1"]):
        first.append(row)
    second = book.create_sheet("3")
    for row in (["7-6 续表2"], ["单位:亿元"], ["地区", "住房保障支出"], ["北京", "1"]):
        second.append(row)
    book.save(tmp_path / "t.xlsx")
    with pytest.raises(ImportFailure) as failure:
        parse_workbook(tmp_path / "t.xlsx")
    assert "续表缺少地区「天津」" in str(failure.value)


def test_cli_demo_yearbook_publishes_the_five_years(tmp_path, monkeypatch):
    from portal.cli import main
    monkeypatch.setenv("MINGZHANG_INSTANCE", str(tmp_path))
    monkeypatch.setenv("SEARCH_INDEX_PATH", str(tmp_path / "search.db"))
    monkeypatch.setenv("SEARCH_HYBRID", "0")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = CliRunner().invoke(main, ["demo", "--dataset", "yearbook"])
    assert result.exit_code == 0, result.output
    assert "expenditures" in result.output
    app = create_app({"INSTANCE_PATH": tmp_path, "DATABASE_URL": f"sqlite:///{tmp_path / 'mingzhang.db'}"})
    with app.extensions["mingzhang.engine"].connect() as conn:
        pub = current_publication(conn)
    assert pub["dataset"] == "yearbook" and pub["row_counts"]["regions"] == 32
    assert [f["name"] for f in pub["source_files"]] == [p.name for p in bundled_yearbook_files()]


def test_documented_layout_xlsx_still_takes_the_documented_path(tmp_path):
    from openpyxl import Workbook

    from ledger.importer.readers import read_file
    book = Workbook()
    book.active.title = "regions"
    book.active.append(["地区代码", "地区名称", "层级"])
    book.active.append(["990000", "示例市", "0"])
    book.save(tmp_path / "data.xlsx")
    tables = read_file(tmp_path / "data.xlsx")
    assert [t.layout.name for t in tables] == ["regions"] and not tables[0].shared


@pytest.mark.parametrize("password,ok", [("VelvetSweatshop", True), ("secret", False)])
def test_encrypted_xlsx_with_the_default_password_opens_and_others_fail_clearly(tmp_path, password, ok):
    from msoffcrypto.format.ooxml import OOXMLFile
    plain = _workbook(tmp_path / "plain.xlsx")
    target = tmp_path / "locked.xlsx"
    with open(plain, "rb") as source, open(target, "wb") as out:
        OOXMLFile(source).encrypt(password, out)
    from ledger.importer.readers import read_file
    if ok:
        tables = {t.layout.name: t for t in read_file(target)}
        assert len(tables["expenditures"].rows) == 4  # 北京 教育/其他, 天津 教育/其他; totals add up
    else:
        with pytest.raises(ImportFailure) as failure:
            read_file(target)
        assert "打开密码" in str(failure.value)


def test_cli_import_of_a_file_it_cannot_understand_exits_1_and_says_why(tmp_path, monkeypatch):
    from portal.cli import main
    monkeypatch.setenv("MINGZHANG_INSTANCE", str(tmp_path))
    monkeypatch.setenv("SEARCH_HYBRID", "0")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    bad = _workbook(tmp_path / "表7-6.xlsx", header=["地区", "合计", "教育支出", "火星探测支出"])
    result = CliRunner().invoke(main, ["import", str(bad), str(bundled_yearbook_files()[-1]), "--dataset", "yearbook"])
    assert result.exit_code == 1
    assert "导入失败，未发布任何数据" in result.output and "无法识别的表头「火星探测支出」" in result.output
    app = create_app({"INSTANCE_PATH": tmp_path, "DATABASE_URL": f"sqlite:///{tmp_path / 'mingzhang.db'}"})
    with app.extensions["mingzhang.engine"].connect() as conn:
        assert current_publication(conn) is None


def test_the_same_year_twice_is_refused_not_double_counted(tmp_path):
    import shutil
    original = bundled_yearbook_files()[-1]
    copy = shutil.copy(original, tmp_path / "table-7-6-2023-copy.xlsx")
    engine = create_app(_config_for(tmp_path)).extensions["mingzhang.engine"]
    with pytest.raises(ImportFailure) as failure:
        publish(engine, [original, copy], pseudonym_key="k", dataset="yearbook", title="x")
    assert "yearbook-2023-110000" in str(failure.value) and "重复" in str(failure.value)
