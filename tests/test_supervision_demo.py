"""Supervision on the demo publication: every rule fires on the demo's cases and agrees with an independent
computation in straight SQL, the same flag reads the same on every page, the API and the white paper, and the
tables added for supervision left every earlier raw table of the demo unchanged."""
import json
import re
from html import unescape

import pytest
from demo_columns import column_digests

AS_OF = "2026-10-31"
LAST_CLOSED = 2025
# Every column of the raw demo files as they were before the supervision tables were added (seed 20240101,
# as of 2026-10-31): the evaluation sets name projects, contractors and figures from these.
BEFORE_SUPERVISION = {
    'documents.csv/文档编号' : 'f6e0b970d3faf6df',
    'documents.csv/标题' : '6e8ce8bc86735b94',
    'documents.csv/类型' : '5d34d1143842b3c0',
    'documents.csv/年度' : '669a65df95e2cd32',
    'documents.csv/地区代码' : 'a655d037427a0d37',
    'documents.csv/发布日期' : '040e092126184a70',
    'documents.csv/正文' : '945ae495852022ab',
    'expenditures.csv/年度' : '7b34d217857e9215',
    'expenditures.csv/月份' : '0b084895e25fc419',
    'expenditures.csv/地区代码' : '9d3cff3522f5d4bd',
    'expenditures.csv/单位代码' : 'c04576dd8a861640',
    'expenditures.csv/科目编码' : 'a1e522f5e100d55a',
    'expenditures.csv/支出数（元）' : 'eaed025ede21a520',
    'payments.csv/凭证号' : '3ef52186e2381d87',
    'payments.csv/项目编号' : '743278b81556b260',
    'payments.csv/支付日期' : '1741e644d0a7c261',
    'payments.csv/金额（元）' : '147a65e1e2aeb937',
    'payments.csv/收款人' : '6650c8894bd725db',
    'payments.csv/收款人类型' : '52642776442650fa',
    'payments.csv/收款人身份证号' : 'c053ffe7de29f577',
    'payments.csv/收款人电话' : '716cf67fd16ad8bc',
    'payments.csv/收款账号' : '5aef22f3fda68a97',
    'payments.csv/收款人住址' : 'd83d6cf119ae3793',
    'payments.csv/用途' : '77b8c907a1f59bc0',
    '年度预算.xlsx:年度预算/年度' : 'a2be3f974eb17c6d',
    '年度预算.xlsx:年度预算/地区代码' : '74445a0b4db750f6',
    '年度预算.xlsx:年度预算/单位代码' : '1ce67c261035206b',
    '年度预算.xlsx:年度预算/科目编码' : 'a3ea9628252a0f4c',
    '年度预算.xlsx:年度预算/预算数（元）' : '5ee4a84ac30903e1',
    '项目.xlsx:项目/项目编号' : '712b5746da692404',
    '项目.xlsx:项目/项目名称' : '5260a20e44e17ebe',
    '项目.xlsx:项目/年度' : '6e7cd99ef8f63249',
    '项目.xlsx:项目/地区代码' : '9ba4a3bee397a2b9',
    '项目.xlsx:项目/单位代码' : 'bd9561fcdc96b3dc',
    '项目.xlsx:项目/科目编码' : '5c12f0b7501f053d',
    '项目.xlsx:项目/项目类别' : 'bbec4c46ceca665e',
    '项目.xlsx:项目/建设地点' : 'caa04af1fc184e56',
    '项目.xlsx:项目/总投资（元）' : 'b3bf202a4ef7c589',
    '项目.xlsx:项目/年度计划（元）' : '24b6cdd8a0b9c1ea',
    '项目.xlsx:项目/已支付（元）' : '6cc5a7affa7593f1',
    '项目.xlsx:项目/产出指标' : '8cb4f3b86a6b2384',
    '项目.xlsx:项目/计量单位' : '30c2307eb7b5c2f0',
    '项目.xlsx:项目/计划产出' : 'a7ef182077f51b4e',
    '项目.xlsx:项目/实际产出' : '50895612acb7efc5',
    '项目.xlsx:项目/开工日期' : 'd30217a61b267069',
    '项目.xlsx:项目/计划完工日期' : 'a7d67a27387e27b7',
    '项目.xlsx:项目/实际完工日期' : '2d55911dcaf11ac1',
    '项目.xlsx:项目/项目状态' : 'e4f017b7b4197c9d',
    '项目.xlsx:项目/形象进度（%）' : '55d155af05d66c8b',
    '项目.xlsx:项目/承建单位' : '26d422a5c6ce2421',
    '项目.xlsx:项目/承建方类型' : '4a387b2592d2dd36',
    '项目.xlsx:项目/承建人身份证号' : '3467a150ab980521',
    '项目.xlsx:项目/承建人联系电话' : 'a925dcfbe395acbe',
    '项目.xlsx:项目/项目简介' : '7d2a5732f2564821',
    '项目.xlsx:项目进展/项目编号' : '618466793f5c9597',
    '项目.xlsx:项目进展/日期' : '4520137624ef776d',
    '项目.xlsx:项目进展/形象进度（%）' : 'a4227b517bb7072f',
    '项目.xlsx:项目进展/进展说明' : '9985d20a247099c3',
    '预算单位.xlsx:地区/地区代码' : '6327a824d3867e4b',
    '预算单位.xlsx:地区/地区名称' : 'a5b89ba665211c48',
    '预算单位.xlsx:地区/简称' : '824e2eefc4201404',
    '预算单位.xlsx:地区/上级地区代码' : '37fa128a712150b9',
    '预算单位.xlsx:地区/层级' : 'd07ad5746d7149e1',
    '预算单位.xlsx:地区/常住人口' : 'f7567cf922b43a33',
    '预算单位.xlsx:预算单位/单位代码' : '04069827bcfe89f2',
    '预算单位.xlsx:预算单位/单位名称' : '4abca6881069b5db',
    '预算单位.xlsx:预算单位/地区代码' : '80b46695a6f82516',
    '预算单位.xlsx:功能分类科目/科目编码' : 'ae6e5376d3c02a16',
    '预算单位.xlsx:功能分类科目/科目名称' : 'ff211f68feb04129',
}


def test_earlier_raw_tables_are_unchanged(demo_instance):
    assert column_digests(demo_instance / "raw" / "city", only=BEFORE_SUPERVISION) == BEFORE_SUPERVISION


@pytest.fixture(scope="module")
def flags(demo_app):
    data = demo_app.test_client().get("/api/warnings").get_json()
    assert data["as_of"] == "2026-10"
    return data["flags"]


def of_kind(flags, kind, subject=None):
    return {f["code"] for f in flags if f["kind"] == kind and (subject is None or f["subject"] == subject)}


def test_every_rule_fires_on_the_demo(flags):
    counts = {kind: len(of_kind(flags, kind)) for kind in
              ("pace", "forecast", "plan", "risk", "supplier_window", "supplier_share")}
    assert all(counts.values()), counts
    assert counts["plan"] == 5  # the plans seeded to miss in 2025 (ledger/demo/supervision.py SEEDED_CURRENT)



def test_the_lagging_districts_are_flagged_against_the_usual_pace(client):
    """The demo's slow districts (demo finance) against 往年同期进度: 星桥区, 梅溪县 and 桂岭县 from February
    to April and no other district (时间进度 would flag all ten and 市本级 in February); by October all three
    are back within 70% of the usual pace (桂岭县 53.2% against a line of 52.4%)."""
    def regions(month):
        data = client.get(f"/api/warnings?year=2026&month={month}&kind=pace&subject=region").get_json()
        return {f["code"] for f in data["flags"]}

    for month in (2, 3, 4):
        assert regions(month) == {"990104", "990122", "990124"}, month
    assert regions(7) == {"990124"} and regions(10) == set()


def test_plan_flags_match_straight_sql(db, flags):
    rows = db.execute("""
        SELECT project_code, SUM(plan_fen), SUM(COALESCE(actual_fen, 0)) FROM project_plans
        WHERE publication_id = 1 AND year <= ? AND project_code IN (
            SELECT project_code FROM project_plans WHERE publication_id = 1 GROUP BY project_code HAVING COUNT(*) >= 2)
        GROUP BY project_code HAVING MAX(year) = ?""", (LAST_CLOSED, LAST_CLOSED)).fetchall()
    expected = {code for code, plan, actual in rows if plan >= 100_000 * 100 and abs(actual / plan - 1) > 0.05}
    assert of_kind(flags, "plan") == expected
    assert len(rows) > 100  # the controls: multi-year projects whose plan was met within ±5%


def test_risk_flags_match_straight_sql(db, flags):
    quarters = {}
    for code, year, quarter, planned, actual in db.execute("""
            SELECT q.project_code, q.year, q.quarter, q.planned_pct, q.actual_pct FROM project_quarters q
            JOIN projects p ON p.publication_id = q.publication_id AND p.code = q.project_code
            WHERE q.publication_id = 1 AND q.actual_pct IS NOT NULL AND (q.year < 2026 OR q.quarter <= 3)
              AND (p.completed_date IS NULL OR p.completed_date > ?) ORDER BY q.year, q.quarter""", (AS_OF,)):
        quarters.setdefault(code, []).append((year * 4 + quarter, planned - actual))
    expected = set()
    for code, reported in quarters.items():
        last = reported[-2:]
        if len(last) == 2 and last[1][0] - last[0][0] == 1 and all(gap > 10 for _q, gap in last):
            expected.add(code)
    assert of_kind(flags, "risk") == expected and len(quarters) > len(expected) > 0
    assert all(f["level"] == "高风险" for f in flags if f["kind"] == "risk")


def test_department_pace_matches_straight_sql(db, flags):
    budgets = dict(db.execute("SELECT dept_code, SUM(budget_fen) FROM budgets WHERE publication_id = 1 AND year = 2026 "
                              "GROUP BY dept_code"))
    spent = {}
    for dept, month, fen in db.execute("SELECT dept_code, month, SUM(amount_fen) FROM expenditures "
                                       "WHERE publication_id = 1 AND year = 2026 GROUP BY dept_code, month"):
        spent.setdefault(dept, {})[month] = fen
    # 往年同期进度: the share of the year's spending done by month m, all regions, averaged over 2023–2025.
    monthly = dict(((year, month), fen) for year, month, fen in db.execute(
        "SELECT year, month, SUM(amount_fen) FROM expenditures WHERE publication_id = 1 AND year BETWEEN 2023 AND "
        "2025 AND month >= 1 GROUP BY year, month"))
    usual = {m: sum(sum(monthly[(y, k)] for k in range(1, m + 1)) / sum(monthly[(y, k)] for k in range(1, 13))
                    for y in (2023, 2024, 2025)) / 3 for m in (9, 10)}
    expected = set()
    for dept, budget in budgets.items():
        if budget < 1_000_000 * 100:
            continue
        rates = {m: sum(v for k, v in spent.get(dept, {}).items() if k <= m) / budget for m in (9, 10)}
        if rates[9] < 0.7 * usual[9] and rates[10] < 0.7 * usual[10]:
            expected.add(dept)
    assert of_kind(flags, "pace", "dept") == expected and 0 < len(expected) < len(budgets)


def test_concentration_matches_straight_sql(db, flags):
    shares = {}
    for dept, contractor, value in db.execute("""
            SELECT p.dept_code, p.contractor, SUM(c.contract_fen) FROM project_contracts c
            JOIN projects p ON p.publication_id = c.publication_id AND p.code = c.project_code
            WHERE c.publication_id = 1 AND c.award_date BETWEEN '2024-01-01' AND ? AND p.contractor IS NOT NULL
            GROUP BY p.dept_code, p.contractor""", (AS_OF,)):
        shares.setdefault(dept, {})[contractor] = value
    counts = dict(db.execute("""SELECT p.dept_code, COUNT(*) FROM project_contracts c JOIN projects p
            ON p.publication_id = c.publication_id AND p.code = c.project_code
            WHERE c.publication_id = 1 AND c.award_date BETWEEN '2024-01-01' AND ? AND p.contractor IS NOT NULL
            GROUP BY p.dept_code""", (AS_OF,)))
    expected = set()
    for dept, values in shares.items():
        whole = sum(values.values())
        hhi = round(sum((v / whole) ** 2 for v in values.values()) * 10_000)
        if counts[dept] >= 8 and (max(values.values()) / whole >= 0.5 or hhi >= 3000):
            expected.add(dept)
    assert of_kind(flags, "supplier_share") == expected


def test_window_flags_show_their_evidence(db, flags):
    for flag in (f for f in flags if f["kind"] == "supplier_window"):
        codes = flag["figures"]["projects"]
        marks = ",".join("?" * len(codes))
        dates, classes, depts, names = zip(*db.execute(
            f"SELECT c.award_date, substr(p.class_code, 1, 3), p.dept_code, p.contractor FROM project_contracts c "
            f"JOIN projects p ON p.publication_id = c.publication_id AND p.code = c.project_code "
            f"WHERE c.publication_id = 1 AND c.project_code IN ({marks})", codes))
        assert set(names) == {flag["code"]} and len(codes) >= 8
        assert len(set(classes)) >= 4 and len(set(depts)) >= 6
        first, last = min(dates), max(dates)
        assert f"{first} 至 {last}" in flag["detail"]


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(re.sub(r"<[^>]+>", "", response.get_data(as_text=True)))


def test_the_same_flag_reads_the_same_everywhere(client, flags):
    assert client.get("/warnings.json").get_json()["flags"] == flags
    assert len(flags) <= 500  # the list is paged (100 a page); one page of 500 holds them all
    page = text_of(client, "/warnings?per_page=500")
    paper = text_of(client, "/reports/whitepaper?year=2026")
    listed = {}
    for flag in flags:
        assert flag["detail"] in page, flag["id"]
        listed.setdefault(flag["kind"], []).append(flag)
    for these in listed.values():  # the white paper lists the first 15 of each kind
        for flag in these[:15]:
            assert flag["detail"] in paper, flag["id"]
    for flag in [f for f in flags if f["region_code"] and f["kind"] in ("pace", "plan", "risk")][:12]:
        assert flag["detail"] in text_of(client, f"/execution/region/{flag['region_code']}"), flag["id"]
    for flag in [f for f in flags if f["subject"] == "project"][:6]:
        assert flag["detail"] in text_of(client, f"/projects/{flag['code']}"), flag["id"]
    for flag in [f for f in flags if f["kind"] == "supplier_window"]:
        assert flag["detail"] in text_of(client, f"/contractors/{flag['code']}"), flag["id"]


def test_compare_flags_districts_by_the_same_rule(client):
    june = client.get("/api/warnings?year=2026&month=6").get_json()["flags"]
    data = client.get("/api/compare?year=2026&month=6").get_json()
    behind = {r["code"] for r in data["regions"] if r["behind_pace"]}
    districts = {r["code"] for r in data["regions"]}
    assert behind == of_kind(june, "pace", "region") & districts and behind
    html = client.get("/compare?year=2026&month=6").get_data(as_text=True)
    assert html.count('<span class="flag">进度滞后</span>') >= len(behind)


def test_one_pace_basis_on_every_page(client, flags):
    """The rule file's basis (往年同期进度 over the three complete years before) words the pace flags, where the
    city stands (home, /execution), the comparison's rule line and the white paper alike."""
    label = "往年同期进度（2023–2025年平均）"
    pace = [f for f in flags if f["kind"] == "pace"]
    assert pace and all(f"均低于{label}的70%" in f["detail"] for f in pace)
    for url in ("/", "/execution", "/compare?year=2026&month=10"):
        assert f"{label}的 70%" in text_of(client, url), url
    for url in ("/warnings", "/reports/whitepaper?year=2026"):
        assert f"均低于{label}的70%" in text_of(client, url), url
    assert "改按时间进度" not in text_of(client, "/")


def test_contractor_filter_and_pages(client, db):
    contractor, count = db.execute("SELECT contractor, COUNT(*) FROM projects WHERE publication_id = 1 AND "
                                   "contractor IS NOT NULL GROUP BY contractor ORDER BY 2 DESC, 1 LIMIT 1").fetchone()
    listing = client.get(f"/projects.json?contractor={contractor}&per_page=5").get_json()
    assert listing["count"] == count and listing["filters"]["contractor"] == contractor
    assert all(row["contractor"] == contractor for row in listing["projects"]["rows"])
    assert all(row["contractor_url"].startswith("/contractors/") for row in listing["projects"]["rows"])
    paid = db.execute("SELECT COUNT(*), SUM(amount_fen) FROM payments WHERE publication_id = 1 AND payee = ?",
                      (contractor,)).fetchone()
    page = client.get(f"/api/contractors/{contractor}").get_json()
    assert page["projects"]["count"] == count
    assert page["payments"]["count"] == paid[0] and page["payments"]["sum"] == paid[1] / 100
    html = client.get("/projects").get_data(as_text=True)
    assert 'href="/contractors/' in html
    assert client.get("/contractors/没有这家公司").status_code == 404


def test_project_page_shows_plan_and_quarters(client, flags):
    plan = next(f for f in flags if f["kind"] == "plan")
    data = client.get(f"/projects/{plan['code']}.json").get_json()
    assert data["plans"]["rows"] and data["quarters"]["rows"]
    assert [f["id"] for f in data["flags"]] == [f["id"] for f in flags if f["code"] == plan["code"]]
    verdicts = {row["label"]: row["verdict"] for row in data["plans"]["rows"]}
    assert verdicts[f"{LAST_CLOSED}年"].startswith("超出")
    html = client.get(f"/projects/{plan['code']}").get_data(as_text=True)
    assert "分年度计划与实际支付" in html and "季度形象进度：计划与实际" in html


@pytest.mark.parametrize("url", ["/", "/execution", "/compare", "/warnings"])
def test_tile_map_on_pages(client, url):
    html = client.get(url).get_data(as_text=True)
    tiles = re.findall(r'<a class="tile" data-code="(\d+)" href="([^"]+)"', html)
    assert len(tiles) == 10 and all(href.startswith(f"/execution/region/{code}") for code, href in tiles)
    assert 'class="tilemap-legend"' in html and "地图数据" in html


def test_district_page_has_its_township_map(client, db):
    """The map's drill-down level: a district tile leads to the district page's township map, whose tiles
    count and sum the district's projects of the year in each 乡镇/街道 (checked in straight SQL)."""
    city = client.get("/execution?year=2026&month=10").get_data(as_text=True)
    assert 'href="/execution/region/990124?year=2026&amp;month=10#township-map"' in city
    html = client.get("/execution/region/990124?year=2026&month=10").get_data(as_text=True)
    data = json.loads(unescape(re.search(r'<script type="application/json" id="township-map-data">(.*?)</script>',
                                         html, re.S).group(1)))
    expected = {code: (n, invest, paid) for code, n, invest, paid in db.execute("""
        SELECT t.code, COUNT(p.code), COALESCE(SUM(p.total_investment_fen), 0), COALESCE(SUM(p.disbursed_fen), 0)
        FROM townships t LEFT JOIN projects p ON p.publication_id = t.publication_id AND p.township_code = t.code
             AND p.year = 2026
        WHERE t.publication_id = 1 AND t.region_code = '990124' GROUP BY t.code""")}
    assert [t["code"] for t in data["tiles"]] == sorted(expected) and len(expected) == 8
    for tile in data["tiles"]:
        count, invest, paid = expected[tile["code"]]
        assert tile["shown"]["projects"]["text"] == f"{count} 个"
        assert tile["shown"]["progress"]["text"] == (f"{paid / invest * 100:.1f}%" if invest else "—")
        assert tile["href"] == f"/projects?township={tile['code']}&year=2026"
    assert data["default"] == "progress" and 'class="tilemap-legend"' in html and "地图数据 · 2026年项目" in html


def test_warnings_filters_and_twins(client, flags):
    risk = client.get("/api/warnings?kind=risk&region=990124").get_json()
    assert {f["id"] for f in risk["flags"]} == {f["id"] for f in flags if f["kind"] == "risk"
                                                and f["region_code"] == "990124"}
    assert len(risk["history"]) == 10 and set(risk["history"][0]) >= {"month", "pace", "risk"}
    csv = client.get("/warnings.csv?kind=plan").get_data(as_text=True)
    assert csv.startswith("\ufeff预警类型") and csv.count("分年度计划偏差") == 5
    earlier = client.get("/api/warnings?year=2026&month=6").get_json()
    assert earlier["as_of"] == "2026-06"
    assert client.get("/api/warnings?kind=nonsense").status_code == 400
    assert client.get("/api/warnings?year=2026&month=12").status_code == 400  # data runs to October
    assert client.get("/api/warnings?year=1999").status_code == 404


def test_yearbook_map_places_the_provinces(yearbook_instance):
    from conftest import _config_for

    from portal import create_app

    client = create_app({**_config_for(yearbook_instance), "SEARCH_HYBRID": False}).test_client()
    html = client.get("/execution").get_data(as_text=True)
    tiles = re.findall(r'<a class="tile" data-code="(\d+)" href="[^"]+" style="grid-row: (\d+); grid-column: (\d+);',
                       html)
    assert len(tiles) == 31
    places = {code: (int(row), int(col)) for code, row, col in tiles}
    assert len(set(places.values())) == 31  # one square each
    assert places["230000"][0] < places["440000"][0] and places["650000"][1] < places["310000"][1]
    assert client.get("/warnings").status_code == 200  # whole-year figures: no pace flags, the page still works
