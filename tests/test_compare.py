"""District comparison: exact figures on a small hand-made publication, the yearbook shape, the demo."""
import io
import re

import pytest
from openpyxl import load_workbook
from small_publication import EAST, SOUTH, WEST, make_yearbook_app, small, small_client  # noqa: F401 (fixtures)


def by_code(payload):
    return {r["code"]: r for r in payload["regions"]}


def test_measures_are_exact(small_client):
    data = small_client.get("/api/compare").get_json()
    assert data["unit"] == "元" and data["year"] == 2024 and data["month"] == 6
    assert data["expected_pace"] == pytest.approx(0.5)
    assert data["region_label"] == "区县"
    east, west, south = (by_code(data)[c] for c in (EAST, WEST, SOUTH))
    assert east["spent"] == 480_000 and east["budget"] == 1_000_000
    assert east["execution_rate"] == pytest.approx(0.48)
    assert east["per_capita"] == pytest.approx(4.8)
    assert east["yoy_growth"] == pytest.approx(1.0)            # 480,000 vs 240,000 in Jan–Jun 2023
    assert east["minsheng_share"] == pytest.approx(420 / 480)  # 教育 (款 20502 rolls up to 205) + 社保
    assert east["class_spent"] == {"201": 60_000, "205": 300_000, "208": 120_000}
    assert west["yoy_growth"] == pytest.approx(0.0)
    # Pace: 0.15 < 0.7 × 6/12 = 0.35 -> flagged; 0.525 and 0.48 are not.
    assert west["behind_pace"] is True and east["behind_pace"] is False and south["behind_pace"] is False
    # Ranked by spending by default.
    assert [r["code"] for r in data["regions"]] == [EAST, WEST, SOUTH]
    assert [r["rank"] for r in data["regions"]] == [1, 2, 3]


def test_average_is_over_all_districts(small_client):
    avg = small_client.get(f"/api/compare?regions={EAST},{WEST}").get_json()["average"]
    assert avg["label"] == "区县平均" and avg["districts"] == 3
    assert avg["spent"] == 330_000                                   # (480 + 300 + 210) / 3 thousand
    assert avg["execution_rate"] == pytest.approx(990_000 / 3_400_000)
    assert avg["per_capita"] == pytest.approx(round(990_000 / 350_000, 2))
    assert avg["yoy_growth"] == pytest.approx(990 / 750 - 1)


def test_period_and_sort_change_the_answer(small_client):
    data = small_client.get(f"/api/compare?month=3&sort=execution_rate&region={EAST}&region={WEST}&region={SOUTH}"
                            ).get_json()
    assert data["period"] == "2024年1–3月"
    assert [r["code"] for r in data["regions"]] == [SOUTH, EAST, WEST]
    east = by_code(data)[EAST]
    assert east["execution_rate"] == pytest.approx(0.24)
    assert [p["month"] for p in east["monthly"]] == [1, 2, 3]
    assert east["monthly"][-1]["cumulative"] == 240_000


def test_selected_regions_only(small_client):
    data = small_client.get(f"/api/compare?region={WEST}&region={SOUTH}").get_json()
    assert sorted(by_code(data)) == [WEST, SOUTH]


@pytest.mark.parametrize("query, code", [
    ("year=1999", "bad_year"), ("year=abc", "bad_year"), ("month=13", "bad_month"), ("month=9", "bad_month"),
    (f"region={EAST}", "too_few_regions"), ("region=123456&region=990101", "bad_region"),
    ("measure=nonsense", "bad_measure"), ("sort=drop", "bad_sort"),
])
def test_bad_choices_get_clear_errors(small_client, query, code):
    response = small_client.get("/api/compare?" + query)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == code and re.search(r"[\u4e00-\u9fff]", error["message"])
    if query == "month=9":  # the form clamps to the last month with data instead
        assert "2024年1–6月" in small_client.get("/compare?" + query).get_data(as_text=True)
        return
    page = small_client.get("/compare?" + query)
    assert page.status_code == 400 and error["message"] in page.get_data(as_text=True)


def test_page_shows_table_charts_and_keeps_choices(small_client):
    html = small_client.get(f"/compare?region={EAST}&region={WEST}&measure=spent&measure=execution_rate"
                            "&measure=minsheng_share&measure=yoy_growth").get_data(as_text=True)
    assert "东城区" in html and "西城区" in html and "进度滞后" in html
    assert re.search(rf'value="{EAST}" checked', html) and not re.search(rf'value="{SOUTH}" checked', html)
    assert 'id="radar-options"' in html and 'data-chart="radar-options"' in html
    assert 'id="class-options"' not in html  # class shares were not chosen
    assert "48.00 万元" in html  # amounts carry their unit
    # CSP: no inline script code, only JSON blocks and files.
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag
    assert "/compare.csv?" in html and "/compare.xlsx?" in html


def test_csv_export(small_client):
    response = small_client.get(f"/compare.csv?regions={EAST},{WEST}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff排名,地区代码")
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 2 + 1  # header, two districts, average
    assert lines[1].startswith(f"1,{EAST},东城区,100000,1000000,480000,48.0,否")
    assert "区县平均" in lines[-1]


def test_xlsx_export(small_client):
    response = small_client.get("/compare.xlsx?sort=code")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(rows) if r[0] == "排名")
    assert "SHA-256" in rows[1][0]
    first = rows[header_at + 1]
    assert first[1] == EAST and first[5] == 480000


def test_permalink_pins_the_publication(small, small_client):
    _app, publication = small
    data = small_client.get(f"/api/compare?pub={publication['id']}").get_json()
    assert data["publication"]["id"] == publication["id"]
    assert data["publication"]["sha256"] == publication["data_sha256"]
    assert f"pub={publication['id']}" in data["publication"]["permalink"]
    assert small_client.get("/api/compare?pub=999").status_code == 404
    html = small_client.get(f"/compare?pub={publication['id']}").get_data(as_text=True)
    assert publication["data_sha256"] in html
    assert f'name="pub" value="{publication["id"]}"' in html  # the form keeps the pin


def test_yearbook_shape(tmp_path):
    app, _pub = make_yearbook_app(tmp_path)
    client = app.test_client()
    data = client.get("/api/compare?year=2023").get_json()
    assert data["region_label"] == "地区" and data["average"]["label"] == "地区平均"
    assert data["month"] == 0 and data["period"] == "2023年全年"
    regions = by_code(data)
    assert regions["110000"]["spent"] == 900 and regions["110000"]["execution_rate"] is None
    assert regions["110000"]["yoy_growth"] == pytest.approx(900 / 800 - 1)
    assert regions["150000"]["per_capita"] is None  # no population in the data
    assert regions["110000"]["monthly"] == []
    html = client.get("/compare?year=2023").get_data(as_text=True)
    assert "地区对比" in html and "地区平均" in html and 'name="month"' not in html


def test_demo_districts_match_execution_queries(client, demo_app):
    """Cross-check against ledger.queries.execution on the full demo."""
    from ledger.queries import execution as q_exec
    from ledger.queries.execution import Scope

    data = client.get("/api/compare").get_json()
    assert len(data["regions"]) >= 2
    engine = demo_app.extensions["mingzhang.engine"]
    with engine.connect() as conn:
        pub_id = data["publication"]["id"]
        for row in data["regions"][:4]:
            totals = q_exec.totals(conn, pub_id, Scope(year=data["year"], month=data["month"] or None,
                                                       region=row["code"]))
            assert row["spent"] == totals["spent_fen"] / 100
            assert row["budget"] == totals["budget_fen"] / 100
    assert client.get("/compare").status_code == 200


def test_columns_the_data_cannot_fill_are_left_out(tmp_path):
    app, _pub = make_yearbook_app(tmp_path)
    html = app.test_client().get("/compare?year=2023").get_data(as_text=True)
    assert "预算执行率</th>" not in html and "不计算执行率" in html  # no budgets in yearbook data
    assert "人均支出</th>" in html and "不计算人均支出" not in html  # two provinces have a population
    assert "-0.0%" not in html
