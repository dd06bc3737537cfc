"""The JSON API and the .json twins: amounts in 元, the publication cited, errors as JSON."""
import re

import pytest


@pytest.fixture(scope="module")
def pub(db):
    return db.execute("SELECT id, data_sha256 FROM publications WHERE status='published' ORDER BY id DESC"
                      ).fetchone()


@pytest.fixture(scope="module")
def year(db, pub):
    return db.execute("SELECT max(year) FROM budgets WHERE publication_id=?", (pub[0],)).fetchone()[0]


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.get_data(as_text=True)[:200])
    assert response.mimetype == "application/json"
    return response.get_json()


def test_index_lists_endpoints_that_work(client, pub):
    data = get_json(client, "/api")
    names = {e["name"] for e in data["endpoints"]}
    assert {"summary", "execution", "projects", "project", "records"} <= names
    for endpoint in data["endpoints"]:
        assert endpoint["url"].startswith("/api/") and endpoint["description"]
        url = endpoint["url"].split("?")[0]
        if "<" not in url:  # concrete URL: it must answer
            assert get_json(client, url)["publication"]["id"] == pub[0]


def test_summary_amounts_are_yuan_numbers(client, db, pub, year):
    data = get_json(client, "/api/summary")
    assert data["unit"] == "元"
    assert data["publication"] == {**data["publication"], "id": pub[0], "sha256": pub[1]}
    budget_fen = db.execute("SELECT sum(budget_fen) FROM budgets WHERE publication_id=? AND year=?",
                            (pub[0], year)).fetchone()[0]
    assert data["year"] == year
    assert data["totals"]["budget"] == pytest.approx(budget_fen / 100)
    assert isinstance(data["totals"]["budget"], (int, float))
    assert 0 < data["totals"]["execution_rate_pct"] < 150
    assert data["trend"]["rows"] and data["top_classes"]["rows"]
    units = {c["key"]: c["unit"] for c in data["trend"]["columns"]}
    assert units["budget"] == "元" and units["rate"] == "%"


def test_execution_parts_add_up(client, year):
    data = get_json(client, f"/api/execution?year={year}")
    totals = data["totals"]
    assert sum(r["budget"] for r in data["regions"]["rows"]) == pytest.approx(totals["budget"])
    assert sum(r["spent"] for r in data["regions"]["rows"]) == pytest.approx(totals["spent"])
    assert sum(r["budget"] for r in data["classes"]["rows"]) == pytest.approx(totals["budget"])
    assert data["monthly"]["rows"][-1]["cumulative"] == pytest.approx(
        sum(r["spent"] for r in data["monthly"]["rows"]))
    for row in data["regions"]["rows"]:
        assert row["name_url"].startswith("/execution/region/")
        assert row["spent_url"].startswith("/records/expenditures?")
        if row["budget"]:
            assert row["rate"] == pytest.approx(row["spent"] * 100 / row["budget"], abs=0.01)


def test_json_twin_matches_api(client, year):
    assert client.get(f"/execution.json?year={year}").get_json() == client.get(
        f"/api/execution?year={year}").get_json()
    assert client.get("/projects.json?sort=name").get_json() == client.get("/api/projects?sort=name").get_json()


def test_drilldown_json(client, year):
    regions = get_json(client, f"/api/execution?year={year}")["regions"]["rows"]
    district = next(r for r in regions if r["name"] != "市本级" and r["budget"])
    region = get_json(client, f"/api/execution/region/{district['code']}?year={year}")
    assert region["totals"]["budget"] == pytest.approx(district["budget"])
    assert region["region_info"]["code"] == district["code"]
    dept = next(r for r in region["departments"]["rows"] if r["budget"])
    detail = get_json(client, f"/api/execution/region/{district['code']}/dept/{dept['code']}?year={year}")
    assert detail["totals"]["budget"] == pytest.approx(dept["budget"])
    assert sum(r["budget"] for r in detail["classes"]["rows"]) == pytest.approx(dept["budget"])
    assert all(re.fullmatch(r"\d{3}", r["code"]) for r in detail["classes"]["rows"])
    assert all(re.fullmatch(r"\d{5}", r["code"]) for r in detail["subclasses"]["rows"])


def test_city_level_region_counts_only_city_departments(client, db, pub, year):
    city = db.execute("SELECT code FROM regions WHERE publication_id=? AND level=0", (pub[0],)).fetchone()[0]
    own = db.execute("SELECT sum(budget_fen) FROM budgets WHERE publication_id=? AND year=? AND region_code=?",
                     (pub[0], year, city)).fetchone()[0] or 0
    data = get_json(client, f"/api/execution/region/{city}?year={year}")
    assert data["totals"]["budget"] == pytest.approx(own / 100)


def test_projects_api_filters_and_paging(client, db, pub):
    category, region = db.execute("SELECT category, region_code FROM projects WHERE publication_id=? "
                                  "GROUP BY category, region_code ORDER BY count(*) DESC LIMIT 1",
                                  (pub[0],)).fetchone()
    expected = db.execute("SELECT count(*), sum(disbursed_fen) FROM projects WHERE publication_id=? AND category=? "
                          "AND region_code=?", (pub[0], category, region)).fetchone()
    data = get_json(client, f"/api/projects?category={category}&region={region}&per_page=5&sort=progress")
    assert data["count"] == expected[0]
    assert data["sums"]["disbursed"] == pytest.approx(expected[1] / 100)
    assert len(data["projects"]["rows"]) == min(5, expected[0])
    progress = [r["progress_pct"] for r in data["projects"]["rows"]]
    assert progress == sorted(progress, reverse=True)
    assert data["filters"] == {"region": region, "category": category}


def test_project_detail(client, db, pub):
    code, disbursed = db.execute("SELECT code, disbursed_fen FROM projects WHERE publication_id=? "
                                 "ORDER BY total_investment_fen DESC LIMIT 1", (pub[0],)).fetchone()
    data = get_json(client, f"/api/projects/{code}")
    project = data["project"]
    assert project["code"] == code and project["disbursed"] == pytest.approx(disbursed / 100)
    assert project["payments_url"] == f"/records/payments?project={code}"
    assert set(project["output"]) == {"name", "unit", "planned", "actual"}
    payments = db.execute("SELECT count(*) FROM payments WHERE publication_id=? AND project_code=?",
                          (pub[0], code)).fetchone()[0]
    assert data["payments"]["count"] == payments
    assert get_json(client, f"/projects/{code}.json") == data


def test_records_api(client, year):
    data = get_json(client, f"/api/records/budgets?year={year}&per_page=3")
    assert data["kind"] == "budgets" and data["per_page"] == 3 and len(data["records"]["rows"]) == 3
    assert data["count"] > 3 and data["pages"] == -(-data["count"] // 3)
    payments = get_json(client, "/api/records/payments?per_page=2")
    dates = [r["date"] for r in payments["records"]["rows"]]
    assert dates == sorted(dates, reverse=True) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[0])


def test_reference_endpoints(client, db, pub):
    regions = get_json(client, "/api/regions")["regions"]
    assert len(regions) == db.execute("SELECT count(*) FROM regions WHERE publication_id=?", (pub[0],)).fetchone()[0]
    classes = get_json(client, "/api/classes")["classes"]
    assert all(c["level"] == (1 if len(c["code"]) == 3 else 2) for c in classes)
    district = next(r["code"] for r in regions if r["level"] == 1)
    departments = get_json(client, f"/api/departments?region={district}")["departments"]
    assert departments and all(d["region_code"] == district for d in departments)


@pytest.mark.parametrize("url, status, code", [
    ("/api/projects/NO-SUCH", 404, "not_found"),
    ("/api/execution?year=abc", 400, "bad_request"),
    ("/api/execution?month=0", 400, "bad_request"),
    ("/api/projects?sort=drop", 400, "bad_request"),
    ("/api/records/budgets?per_page=0", 400, "bad_request"),
    ("/api/execution/region/999999", 404, "not_found"),
    ("/api/nothing-here", 404, "not_found"),
    ("/execution.json?year=1", 400, "bad_request"),
])
def test_errors_are_json(client, url, status, code):
    error = get_json(client, url, status)["error"]
    assert error["code"] == code and re.search(r"[\u4e00-\u9fff]", error["message"])


def test_empty_api(empty_app):
    client = empty_app.test_client()
    for url in ("/api/summary", "/api/execution", "/api/projects", "/api/regions"):
        response = client.get(url)
        assert response.status_code == 503 and response.get_json()["error"]["code"] == "no_publication"
    assert client.get("/api").status_code == 200
