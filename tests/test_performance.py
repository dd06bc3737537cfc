"""Performance (绩效) logic: scores reproduced from the stated weights; unit-cost outliers on seeded
cases and controls. (Pure logic: ledger/performance.py.)"""
import pytest

from ledger import performance as perf

TARGETS = {"quantity": 20, "quality": 95, "timeliness": 300, "cost": 1_000_000, "benefit": 5000,
           "satisfaction": 90, "execution": 100}


def test_weights_follow_the_framework_and_sum_to_100():
    weights = {i.key: i.weight for i in perf.INDICATORS}
    assert weights == {"quantity": 15, "quality": 15, "timeliness": 10, "cost": 10, "benefit": 30,
                       "satisfaction": 10, "execution": 10}
    assert sum(weights.values()) == 100


def test_all_targets_met_scores_100():
    result = perf.score(TARGETS, dict(TARGETS))
    assert result == {**result, "score": 100.0, "complete": True}


def test_score_reproduced_by_hand_from_the_weights():
    actuals = {"quantity": 15, "quality": 95, "timeliness": 400, "cost": 1_250_000, "benefit": 6000,
               "satisfaction": 72, "execution": 80}
    # 15×0.75 + 15×1 + 10×(300/400) + 10×(1.0/1.25) + 30×1 (capped) + 10×(72/90) + 10×0.8
    expected = 11.25 + 15 + 7.5 + 8 + 30 + 8 + 8
    assert perf.score(TARGETS, actuals)["score"] == pytest.approx(expected, abs=0.05)  # rounded to 0.1


def test_unmeasured_indicator_is_left_out_and_the_rest_rescaled():
    actuals = {**TARGETS, "benefit": None, "quantity": 10}  # benefit not measured; quantity half done
    result = perf.score(TARGETS, actuals)
    assert result["complete"] is False
    assert result["score"] == pytest.approx(round(100 * (70 - 7.5) / 70, 1))


def test_public_ratings_feed_satisfaction_only_with_enough_of_them():
    assert perf.satisfaction_from_ratings(4.5, 12) == 90.0
    assert perf.satisfaction_from_ratings(4.5, perf.MIN_RATINGS - 1) is None
    assert perf.satisfaction_from_ratings(None, 0) is None


def _road(code, cost_wan, km, group="农村公路"):
    return {"code": code, "peer_group": group, "unit": "公里", "cost": cost_wan * 10_000, "quantity": km}


def test_unit_cost_outliers_flag_seeded_cases_not_controls():
    projects = [_road("A", 100, 1), _road("B", 220, 2), _road("C", 330, 3), _road("D", 105, 1),
                _road("HIGH", 400, 2),      # 200 万/公里: 1.8× the median (110)
                _road("LOW", 40, 1),        # 40 万/公里: under half the median
                _road("EDGE", 150, 1.1)]    # 136 万/公里: 1.24×, a control inside the band
    flagged = {f["code"]: f for f in perf.unit_cost_outliers(projects)}
    assert set(flagged) == {"HIGH", "LOW"}
    assert flagged["HIGH"]["direction"] == "high" and flagged["LOW"]["direction"] == "low"
    assert flagged["HIGH"]["explanation"] == "每公里 200.0 万元，是同类（农村公路）项目中位数 110.0 万元的 1.8 倍"


def test_small_or_unmeasurable_peer_groups_are_not_judged():
    projects = [_road("S1", 100, 1, group="学校"), _road("S2", 900, 1, group="学校"),
                _road("Z", 100, 0), _road("N", 100, None)]
    assert perf.unit_cost_outliers(projects) == []


def test_unit_cost_page_and_api_over_the_demo(client):
    data = client.get("/api/performance").get_json()
    roads = next(g for g in data["groups"] if g["category"] == "农村公路")
    assert roads["unit"] == "公里" and roads["projects"] > 3 and roads["median_unit_cost"] > 0
    assert data["outliers"], "the demo's spread of costs should flag some projects"
    top = data["outliers"][0]
    assert top["ratio"] >= perf.HIGH_RATIO and "倍" in top["explanation"]
    assert all(f["ratio"] >= perf.HIGH_RATIO or f["ratio"] <= perf.LOW_RATIO for f in data["outliers"])
    html = client.get("/performance").get_data(as_text=True)
    assert "单位成本中位数" in html and top["code"] in html


# ---- over the demo: seeded outliers, scores from the raw rows, page/JSON/CSV, white paper --------------

WEIGHTS = {"quantity": 15, "quality": 15, "timeliness": 10, "cost": 10, "benefit": 30, "satisfaction": 10,
           "execution": 10}


@pytest.fixture(scope="module")
def seeded():
    """The demo's seeded unit-cost cases, from the generator itself (internal key, never published)."""
    from conftest import DEMO_AS_OF, DEMO_SEED

    from ledger.demo.generator import build
    projects = build(DEMO_SEED, DEMO_AS_OF)["projects"]
    return {p["code"]: p["_perf_seed"] for p in projects if p["_perf_seed"]}


def test_seeded_unit_cost_outliers_fire_and_controls_do_not(client, seeded):
    assert sorted(set(seeded.values())) == ["control", "high", "low"]
    data = client.get("/api/performance?outlier_per_page=500").get_json()
    flagged = {f["code"]: f for f in data["outliers"]}
    assert len(flagged) == data["outliers_paging"]["count"]  # every outlier on this one page
    for code, kind in seeded.items():
        if kind == "control":
            assert code not in flagged, code
        else:
            assert flagged[code]["direction"] == kind, code
            assert "倍" in flagged[code]["explanation"] and "中位数" in flagged[code]["explanation"]
    high = next(c for c, k in seeded.items() if k == "high")
    html = client.get(f"/projects/{high}").get_data(as_text=True)
    assert 'id="performance"' in html and "偏高：" in html and flagged[high]["explanation"] in html
    radar = html[html.index('id="perf-radar"'):]
    assert "查看图表数据" in radar[:radar.index("</figure>")]  # the radar's numbers as a table too
    building = client.get("/projects.json?status=在建&per_page=1").get_json()["projects"]["rows"][0]["code"]
    html = client.get(f"/projects/{building}").get_data(as_text=True)
    assert "项目尚未完工，只公开绩效目标" in html and 'id="perf-radar"' not in html


def _raw_expected_score(db, code):
    """The score by hand from the published row and approved ratings: Σ weight × min(1, ratio) over the
    measured indicators, rescaled to 100 (ratio actual/target; target/actual for 工期 and 成本)."""
    import datetime as dt
    row = db.execute(
        "SELECT output_planned, output_actual, quality_target_pct, quality_actual_pct, start_date, end_date,"
        " completed_date, unit_cost_target_fen, unit_cost_actual_fen, benefit_target, benefit_actual,"
        " satisfaction_target_pct, satisfaction_actual_pct, disbursed_fen, total_investment_fen"
        " FROM projects p JOIN publications u ON u.id = p.publication_id"
        " WHERE u.status = 'published' AND p.code = ? ORDER BY u.id DESC LIMIT 1", (code,)).fetchone()
    (planned, actual, q_t, q_a, start, end, done, c_t, c_a, b_t, b_a, s_t, s_a, paid, total) = row
    day = dt.date.fromisoformat
    avg, count = db.execute("SELECT AVG(rating), COUNT(*) FROM comments WHERE status = 'approved'"
                            " AND project_code = ?", (code,)).fetchone()
    satisfaction = [v for v in (s_a, avg / 5 * 100 if count >= 5 else None) if v is not None]
    pairs = {"quantity": (planned, actual, False), "quality": (q_t, q_a, False),
             "timeliness": ((day(end) - day(start)).days, (day(done) - day(start)).days, True),
             "cost": (c_t, c_a, True), "benefit": (b_t, b_a, False),
             "satisfaction": (s_t, sum(satisfaction) / len(satisfaction) if satisfaction else None, False),
             "execution": (100, round(100 * paid / total, 1), False)}
    earned = weight = 0
    for key, (target, got, lower) in pairs.items():
        if target is None or got is None:
            continue
        ratio = (target / got if got else 1) if lower else got / target
        earned += WEIGHTS[key] * min(1, ratio)
        weight += WEIGHTS[key]
    return 100 * earned / weight


def test_demo_scores_reproduced_from_the_raw_rows_and_the_weights(client, db):
    data = client.get("/api/performance?per_page=500").get_json()
    rows = data["projects"]["rows"]
    assert data["count"] > 100 and len(rows) == 500
    picks = [rows[0], rows[len(rows) // 2], rows[-1]]
    for row in picks:
        assert row["score"] == pytest.approx(_raw_expected_score(db, row["code"]), abs=0.051), row["code"]
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert {w["key"]: w["weight"] for w in data["weights"]} == WEIGHTS


def test_page_json_and_csv_agree(client):
    import csv
    import io
    region = "990102"
    data = client.get(f"/performance.json?region={region}&per_page=20").get_json()
    assert data == {**data, **client.get(f"/api/performance?region={region}&per_page=20").get_json()}
    body = client.get(f"/performance.csv?region={region}&table=departments").get_data(as_text=True)
    lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert lines[0][:3] == ["名次", "预算单位", "评分项目数"]
    depts = data["departments"]["rows"]
    assert [(r[1], float(r[3])) for r in lines[1:]] == [(d["dept_name"], d["average_score"]) for d in depts]
    projects = list(csv.reader(io.StringIO(client.get(f"/performance.csv?region={region}&table=projects")
                                           .get_data(as_text=True).lstrip("\ufeff"))))[1:]
    assert len(projects) == data["count"]  # the download carries every row, the page 20
    assert [(r[1], float(r[6])) for r in projects[:20]] == [(p["code"], p["score"]) for p in data["projects"]["rows"]]
    html = client.get(f"/performance?region={region}&per_page=20").get_data(as_text=True)
    for dept in depts:
        assert dept["dept_name"] in html
    for project in data["projects"]["rows"]:
        assert f"/projects/{project['code']}" in html
    assert client.get("/performance?year=abc").status_code == 400


def _csv(client, url):
    import csv
    import io
    return list(csv.reader(io.StringIO(client.get(url).get_data(as_text=True).lstrip("\ufeff"))))[1:]


@pytest.mark.parametrize("name, table, key, first_column", [
    ("dept", "departments", "departments", 1), ("outlier", "unit_cost_outliers", "outliers", 0)])
def test_departments_and_outliers_come_a_page_at_a_time_and_read_as_the_download(client, name, table, key,
                                                                                  first_column):
    """Both lists grow with the data, so the page shows 20 rows of each; page 2 holds rows 21–40 of the
    complete CSV, and no count or total moves with the page."""
    whole = _csv(client, f"/performance.csv?table={table}")
    assert len(whole) > 20, "the demo should need a second page"
    first = client.get("/api/performance").get_json()
    second = client.get(f"/api/performance?{name}_page=2").get_json()
    assert second[f"{key}_paging"] == {**first[f"{key}_paging"], "page": 2}
    assert second[f"{key}_paging"] == {"count": len(whole), "page": 2, "per_page": 20, "pages": -(-len(whole) // 20)}
    assert [r[first_column] for r in whole[20:40]] == [
        r["dept_name" if name == "dept" else "code"] for r in second[table]["rows"]]
    for same in ("count", "groups", "unit_costs", "projects", "weights", "departments_paging" if name != "dept"
                 else "outliers_paging"):
        assert second[same] == first[same], same
    html = client.get(f"/performance?{name}_page=2").get_data(as_text=True)
    assert f"当前显示第 21–{min(40, len(whole))} 个" in html and "第 2 / " in html
    shown = [r["dept_name"] if name == "dept" else f"/projects/{r['code']}" for r in second[table]["rows"]]
    assert all(s in html for s in shown)
    if name == "dept":
        assert [r["rank"] for r in second[table]["rows"]] == list(range(21, 21 + len(shown)))
        # a department's projects summed over every page are every scored project
        rows = client.get("/api/performance?dept_per_page=500").get_json()["departments"]["rows"]
        assert sum(r["projects"] for r in rows) == first["count"]
    else:
        assert f"/projects/{first['outliers'][0]['code']}" not in html  # page 1's first row is not repeated


def test_a_list_page_keeps_the_filters_and_the_other_lists_page(client):
    region = "990102"
    data = client.get(f"/api/performance?region={region}&dept_per_page=2&outlier_per_page=2").get_json()
    assert data["departments_paging"]["pages"] > 1 and data["outliers_paging"]["pages"] > 1
    html = client.get(f"/performance?region={region}&dept_per_page=2&outlier_per_page=2&dept_page=2"
                      ).get_data(as_text=True)
    nav = html[html.index('aria-label="单位成本偏离分页"'):]
    next_link = nav[nav.index('href="') + 6:nav.index('" rel="next"')].replace("&amp;", "&")
    assert f"region={region}" in next_link and "dept_page=2" in next_link and "outlier_page=2" in next_link
    assert next_link.endswith("#unit-cost-outliers")
    page2 = client.get(next_link.split("#")[0].replace("/performance", "/performance.json", 1)).get_json()
    assert page2["filters"]["region"] == region
    assert page2["departments"]["rows"][0]["rank"] == 3 and page2["outliers_paging"]["page"] == 2
    beyond = client.get(f"/performance?region={region}&outlier_page=999").get_data(as_text=True)
    pages = -(-data["outliers_paging"]["count"] // 20)  # at the default 20 a page
    assert f"第 999 页超出范围（共 {pages} 页）" in beyond


@pytest.mark.parametrize("query, label", [("dept_page=abc", "预算单位排名页码"), ("outlier_page=0", "单位成本偏离页码"),
                                          ("dept_per_page=501", "预算单位排名每页条数")])
def test_a_bad_list_page_is_refused_in_chinese(client, query, label):
    response = client.get(f"/performance?{query}")
    assert response.status_code == 400 and f"参数「{label}」应为" in response.get_data(as_text=True)
    error = client.get(f"/api/performance?{query}").get_json()["error"]
    assert error["code"] == "bad_request" and label in error["message"]


def test_unit_cost_by_district_for_the_question_box(client, db):
    data = client.get("/api/performance/unit-costs?category=农村公路").get_json()
    assert data["unit"] == "公里" and len(data["regions"]) > 3
    assert {r["level"] for r in data["regions"]} <= {0, 1}
    # Independently: audited unit cost × actual output once finished, else investment over planned output.
    totals = {}
    for region, total, planned, actual, unit_cost in db.execute(
            "SELECT region_code, total_investment_fen, output_planned, output_actual, unit_cost_actual_fen"
            " FROM projects p JOIN publications u ON u.id = p.publication_id WHERE u.status = 'published'"
            " AND u.id = (SELECT MAX(id) FROM publications WHERE status = 'published')"
            " AND category = '农村公路' AND output_unit = '公里'"):
        cost, quantity = (unit_cost / 100 * actual, actual) if unit_cost is not None and actual else (total / 100, planned)
        if quantity:
            sums = totals.setdefault(region, [0, 0])
            sums[0] += cost
            sums[1] += quantity
    expected = sorted(((c / q, r) for r, (c, q) in totals.items()), reverse=True)
    assert [r["region_code"] for r in data["regions"]] == [r for _v, r in expected]
    assert data["regions"][0]["unit_cost_yuan"] == pytest.approx(expected[0][0], abs=0.01)
    assert client.get("/api/performance/unit-costs").get_json()["error"]["message"].startswith("请指定项目类别")
    assert client.get("/api/performance/unit-costs?category=不存在").status_code == 404


def test_white_paper_has_the_same_performance_figures(client):
    data = client.get("/api/performance?year=2025").get_json()
    html = client.get("/reports/whitepaper?year=2025").get_data(as_text=True)
    assert "项目绩效" in html and f"已完工并评分的有 {data['count']} 个" in html
    best = data["departments"]["rows"][0]
    assert best["dept_name"] in html and str(best["average_score"]) in html


def test_public_ratings_feed_satisfaction():
    from ledger.queries.performance import indicators
    row = {"status": "已完工", "output_planned": 10, "output_actual": 10, "start_date": None, "end_date": None,
           "completed_date": None, "satisfaction_target_pct": 90.0, "satisfaction_actual_pct": 80.0,
           "disbursed_fen": 100, "total_investment_fen": 100}
    assert indicators(row, (4.5, 12))[1]["satisfaction"] == 85.0  # mean of survey 80 and ratings 90
    assert indicators(row, (4.5, 2))[1]["satisfaction"] == 80.0  # too few ratings: the survey alone
    assert indicators({**row, "satisfaction_actual_pct": None}, (3.0, 6))[1]["satisfaction"] == 60.0
