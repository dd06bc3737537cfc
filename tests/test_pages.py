"""HTML pages over the real demo publication: home, execution drill-down, records, projects."""
import csv
import io
import json
import re

import pytest

from ledger.money import format_amount

NO_DATA = "尚未发布数据，请管理员导入"


@pytest.fixture(scope="module")
def pub_id(db):
    return db.execute("SELECT max(id) FROM publications WHERE status='published'").fetchone()[0]


@pytest.fixture(scope="module")
def latest_year(db, pub_id):
    return db.execute("SELECT max(year) FROM budgets WHERE publication_id=?", (pub_id,)).fetchone()[0]


@pytest.fixture(scope="module")
def district(db, pub_id):
    """A district (level 1) that has budget lines, with one of its departments."""
    return db.execute(
        "SELECT r.code, r.name, b.dept_code FROM regions r JOIN budgets b ON b.region_code = r.code "
        "AND b.publication_id = r.publication_id WHERE r.publication_id=? AND r.level=1 AND b.dept_code IS NOT NULL "
        "ORDER BY r.code LIMIT 1", (pub_id,)).fetchone()


@pytest.fixture(scope="module")
def project_code(db, pub_id):
    return db.execute("SELECT project_code FROM payments WHERE publication_id=? AND project_code IS NOT NULL "
                      "GROUP BY project_code ORDER BY count(*) DESC LIMIT 1", (pub_id,)).fetchone()[0]


def html(response):
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def chart_options(page):
    """The JSON option blocks of every chart on the page (parsed)."""
    ids = re.findall(r'data-chart="([^"]+)"', page)
    assert ids, "page has no chart"
    options = []
    for chart_id in ids:
        match = re.search(rf'<script type="application/json" id="{chart_id}">(.*?)</script>', page, re.S)
        assert match, f"no option block for {chart_id}"
        options.append(json.loads(match.group(1)))
    return options


def assert_no_inline_script(page):
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S):
        assert "src=" in attrs or 'type="application/json"' in attrs, f"inline script: {attrs} {body[:80]}"
    assert not re.search(r"\son[a-z]+=\"", page), "inline event handler"


def test_home_shows_latest_year_headline_figures(client, db, pub_id, latest_year):
    page = html(client.get("/"))
    budget = db.execute("SELECT sum(budget_fen) FROM budgets WHERE publication_id=? AND year=?",
                        (pub_id, latest_year)).fetchone()[0]
    spent = db.execute("SELECT sum(amount_fen) FROM expenditures WHERE publication_id=? AND year=?",
                       (pub_id, latest_year)).fetchone()[0]
    assert f"{latest_year}年全市预算执行" in page
    assert format_amount(budget) in page
    assert format_amount(spent) in page
    assert f"{spent * 100 / budget:.1f}%" in page
    assert "数据截至" in page


def test_home_has_one_box_and_charts(client):
    page = html(client.get("/"))
    # One box for questions and searches alike (issue #18 item 7): /ask answers or hands off to search.
    assert len(re.findall(r'<form[^>]*role="search"[^>]*action="/ask"', page)) == 1
    assert 'action="/search"' not in page
    assert page.count('name="q"') == 1
    trend, classes = chart_options(page)[:2]
    assert len(trend["xAxis"]["data"]) >= 2  # several years
    assert trend["mzUnit"] in ("亿元", "万元")
    assert all(isinstance(v, (int, float)) for v in trend["series"][0]["data"])
    assert "查看图表数据" in page  # data-table alternative
    assert_no_inline_script(page)


def test_execution_overview_lists_every_region_with_drilldown_links(client, db, pub_id, latest_year):
    page = html(client.get(f"/execution?year={latest_year}"))
    districts = db.execute("SELECT code, name FROM regions WHERE publication_id=? AND level=1", (pub_id,)).fetchall()
    assert districts
    for code, name in districts:
        assert name in page
        assert f"/execution/region/{code}?year={latest_year}" in page
    assert "市本级" in page
    assert "/records/expenditures?" in page  # figures link to their records
    assert len(chart_options(page)) == 3
    assert_no_inline_script(page)


def test_execution_month_is_cumulative(client, latest_year):
    march = client.get(f"/execution.json?year={latest_year}&month=3").get_json()["totals"]["spent"]
    june = client.get(f"/execution.json?year={latest_year}&month=6").get_json()["totals"]["spent"]
    whole = client.get(f"/execution.json?year={latest_year}").get_json()["totals"]["spent"]
    assert 0 < march < june <= whole
    page = html(client.get(f"/execution?year={latest_year}&month=6"))
    assert "1–6月累计" in page


def test_drilldown_region_department_class(client, district, latest_year):
    code, name, dept = district
    region_page = html(client.get(f"/execution/region/{code}?year={latest_year}"))
    assert name in region_page
    assert f"/execution/region/{code}/dept/{dept}?year={latest_year}" in region_page
    dept_page = html(client.get(f"/execution/region/{code}/dept/{dept}?year={latest_year}"))
    assert "按功能分类（款）" in dept_page
    assert f'href="/execution/region/{code}?year={latest_year}"' in dept_page  # breadcrumb back up
    assert f"dept={dept}" in dept_page and "/records/budgets?" in dept_page
    assert chart_options(dept_page)


def test_department_figure_matches_its_records(client, district, latest_year):
    code, _name, dept = district
    figures = client.get(f"/execution/region/{code}/dept/{dept}.json?year={latest_year}").get_json()
    records = client.get(f"/records/expenditures.json?region={code}&dept={dept}&year={latest_year}").get_json()
    assert records["sum"] == figures["totals"]["spent"]
    assert records["count"] > 0
    assert all(row["dept_code"] == dept for row in records["records"]["rows"])
    budgets = client.get(f"/records/budgets.json?region={code}&dept={dept}&year={latest_year}").get_json()
    assert budgets["sum"] == figures["totals"]["budget"]


def test_records_page_is_paged_and_names_its_filters(client, district, latest_year):
    code, name, _dept = district
    page = html(client.get(f"/records/expenditures?region={code}&year={latest_year}&per_page=5"))
    assert name in page and "共 " in page
    assert page.count("<tr>") == 5 + 1  # header + 5 rows
    assert "page=2" in page


def test_csv_download_has_bom_units_and_neutralised_formulas(client, latest_year):
    response = client.get(f"/execution.csv?year={latest_year}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["地区代码", "地区", "预算数（元）", "支出数（元）", "执行率（%）", "监督预警"]
    assert len(rows) > 2 and float(rows[1][2]) > 0
    classes = client.get(f"/execution.csv?year={latest_year}&table=classes").get_data(as_text=True)
    assert "功能分类（类）" in classes
    assert client.get("/execution.csv?table=nope").status_code == 400


def test_csv_neutralises_formula_injection():
    from portal.views.tables import Column, Table, csv_response, neutralise

    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralise("@SUM") == "'@SUM" and neutralise("+1") == "'+1" and neutralise("-x") == "'-x"
    assert neutralise("正常") == "正常" and neutralise(-5) == -5
    table = Table("t", [Column("name", "名称"), Column("amount_fen", "金额", "amount")],
                  [{"name": "=cmd|' /C calc'!A0", "amount_fen": -1234}])
    text = csv_response(table).get_data(as_text=True)
    assert "'=cmd" in text and "-12.34" in text


def test_projects_list_filters_sort_and_counts(client, db, pub_id):
    status = db.execute("SELECT status FROM projects WHERE publication_id=? GROUP BY status "
                        "ORDER BY count(*) DESC LIMIT 1", (pub_id,)).fetchone()[0]
    expected = db.execute("SELECT count(*) FROM projects WHERE publication_id=? AND status=?",
                          (pub_id, status)).fetchone()[0]
    page = html(client.get(f"/projects?status={status}&sort=investment"))
    assert f"共 {expected} 个" in page
    data = client.get(f"/projects.json?status={status}&sort=investment&per_page=50").get_json()
    assert data["count"] == expected
    rows = data["projects"]["rows"]
    assert all(row["status"] == status for row in rows)
    investments = [row["total_investment"] for row in rows]
    assert investments == sorted(investments, reverse=True)
    by_name = client.get("/projects.json?sort=name&per_page=30").get_json()["projects"]["rows"]
    assert [r["name"] for r in by_name] == sorted(r["name"] for r in by_name)


def test_projects_filter_form_and_pagination(client, db, pub_id):
    total = db.execute("SELECT count(*) FROM projects WHERE publication_id=?", (pub_id,)).fetchone()[0]
    page = html(client.get("/projects"))
    for name in ("region", "class", "category", "status", "year", "sort"):
        assert f'name="{name}"' in page
    if total > 20:
        assert "下一页" in page and "page=2" in page
    second = client.get("/projects.json?page=2").get_json()
    assert second["page"] == 2 and second["count"] == total
    assert len(client.get("/projects.csv").get_data(as_text=True).strip().splitlines()) == total + 1


def test_project_page(client, db, pub_id, project_code):
    name, contractor, unit = db.execute(
        "SELECT name, contractor, output_unit FROM projects WHERE publication_id=? AND code=?",
        (pub_id, project_code)).fetchone()
    page = html(client.get(f"/projects/{project_code}"))
    assert name in page
    if contractor:
        assert contractor in page
    if unit:
        assert unit in page
    for heading in ("资金：预算与支付", "实物进度", "进展记录", "支付明细"):
        assert heading in page
    assert f"/records/payments?project={project_code}" in page  # disbursed links to its payments
    assert chart_options(page)
    assert_no_inline_script(page)
    payments = db.execute("SELECT count(*) FROM payments WHERE publication_id=? AND project_code=?",
                          (pub_id, project_code)).fetchone()[0]
    assert f"共 {payments} 笔" in page


def test_project_payments_are_paged(client, db, pub_id, project_code):
    payments = db.execute("SELECT count(*) FROM payments WHERE publication_id=? AND project_code=?",
                          (pub_id, project_code)).fetchone()[0]
    assert payments >= 2
    page = html(client.get(f"/projects/{project_code}?per_page=1&page=2"))
    assert f"第 2 / {payments} 页" in page and "上一页" in page


def test_payment_records_never_show_personal_data(client):
    html(client.get("/records/payments?payee_type=个人&per_page=100"))
    rows = client.get("/records/payments.json?payee_type=个人&per_page=100").get_json()["records"]["rows"]
    for row in rows:
        assert row["payee_type"] == "个人"
        text = f"{row['payee']} {row['purpose'] or ''}"
        assert not re.search(r"\d{17}[\dXx]", text)  # no ID card numbers
        assert not re.search(r"1[3-9]\d{9}", text)  # no mobile numbers


@pytest.mark.parametrize("url, status", [
    ("/execution?year=1800", 400), ("/execution?year=abc", 400), ("/execution?month=13", 400),
    ("/execution?year=2100", 404), ("/execution/region/000000", 404), ("/projects/NO-SUCH", 404),
    ("/projects?sort=evil", 400), ("/projects?per_page=100000", 400), ("/records/expenditures?region=%27%3B--", 400),
    ("/no-such-page", 404),
])
def test_bad_input_gets_a_chinese_error_page(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    text = response.get_data(as_text=True)
    assert "<html" in text and re.search(r"[\u4e00-\u9fff]{4,}", text)


def test_region_department_mismatch_is_404(client, db, pub_id, district):
    other = db.execute("SELECT code FROM departments WHERE publication_id=? AND region_code<>? LIMIT 1",
                       (pub_id, district[0])).fetchone()[0]
    assert client.get(f"/execution/region/{district[0]}/dept/{other}").status_code == 404


def test_permalink_to_publication(client, pub_id):
    page = html(client.get(f"/execution?pub={pub_id}"))
    assert "本页永久链接" in page
    links = re.findall(r'href="(/execution/region/[^"]+|/records/[^"]+)"', page)
    assert links and all(f"pub={pub_id}" in link for link in links)  # drill-down stays on that publication
    assert client.get("/execution?pub=99999").status_code == 404


def test_healthz(client, pub_id):
    data = client.get("/healthz").get_json()
    assert data["status"] == "ok" and data["publication"]["id"] == pub_id


def test_empty_portal_shows_friendly_notice(empty_app):
    client = empty_app.test_client()
    home = client.get("/")
    assert home.status_code == 200 and NO_DATA in home.get_data(as_text=True)
    for url in ("/execution", "/projects", "/records/expenditures", "/projects/X1"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert NO_DATA in response.get_data(as_text=True)
    error = client.get("/execution.json").get_json()["error"]
    assert error["code"] == "no_publication" and error["message"] == NO_DATA
