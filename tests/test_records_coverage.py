"""Record lists refuse what the data does not cover, as /execution does (ledger/queries/coverage.py), and label
the city's own code 市本级 (ledger/semantics.py), never with the city's name, which means 全市."""
import csv
import io


def _last_period(db):
    year = db.execute("SELECT MAX(year) FROM expenditures").fetchone()[0]
    last = db.execute("SELECT MAX(month) FROM expenditures WHERE year = ?", (year,)).fetchone()[0]
    return year, last


def _city(db):
    return db.execute("SELECT code, name FROM regions WHERE level = 0").fetchone()


def test_a_month_after_the_data_is_refused_like_execution(client, db):
    year, last = _last_period(db)
    assert last < 12, "the demo's latest year is not complete"
    refused = client.get(f"/execution.json?year={year}&month={last + 1}")
    assert refused.status_code == 400
    for kind in ("expenditures", "budgets"):
        response = client.get(f"/records/{kind}.json?year={year}&month={last + 1}")
        assert response.status_code == 400
        error = response.get_json()["error"]
        assert error["code"] == "bad_month"
        assert error["message"] == refused.get_json()["error"]["message"]
        html = client.get(f"/records/{kind}?year={year}&month={last + 1}").get_data(as_text=True)
        assert f"数据截至 {last} 月" in html and f"1–{last + 1}月" not in html
    assert client.get(f"/records/expenditures.json?year={year}&month={last}").status_code == 200


def test_a_year_or_region_outside_the_data_says_so(client, db):
    last_year = db.execute("SELECT MAX(year) FROM budgets").fetchone()[0]
    response = client.get(f"/records/expenditures.json?year={last_year + 4}")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "bad_year"
    html = client.get(f"/records/expenditures?year={last_year + 4}").get_data(as_text=True)
    assert f"没有 {last_year + 4} 年的数据" in html and "0.00 元" not in html
    codes = {c for (c,) in db.execute("SELECT code FROM regions")}
    missing = next(str(n) for n in range(990199, 990300) if str(n) not in codes)
    response = client.get(f"/records/expenditures.json?year={last_year}&region={missing}")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "unknown_region"
    assert "本站没有地区代码" in client.get(f"/records/budgets?region={missing}").get_data(as_text=True)


def test_execution_offers_only_months_with_data(client, db):
    year, last = _last_period(db)
    html = client.get(f"/execution?year={year}").get_data(as_text=True)
    assert f'<option value="{last}"' in html and f'<option value="{last + 1}"' not in html


def test_the_citys_own_code_is_labelled_city_level(client, db):
    code, name = _city(db)
    year = db.execute("SELECT MIN(year) FROM expenditures").fetchone()[0]
    expected = db.execute("SELECT SUM(amount_fen) FROM expenditures WHERE year = ? AND region_code = ?",
                          (year, code)).fetchone()[0]
    data = client.get(f"/records/expenditures.json?year={year}&region={code}&per_page=50").get_json()
    assert round(data["sum"] * 100) == expected
    assert {row["region_name"] for row in data["records"]["rows"]} == {"市本级"}
    html = client.get(f"/records/expenditures?year={year}&region={code}").get_data(as_text=True)
    assert f"市本级（{code}）" in html and f"{name}（{code}）" not in html
    text = client.get(f"/records/expenditures.csv?year={year}&region={code}").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows and {row["地区"] for row in rows} == {"市本级"}


def test_warnings_offer_only_months_with_data(client, db):
    year, last = _last_period(db)
    html = client.get(f"/warnings?year={year}").get_data(as_text=True)
    assert f'<option value="{last}"' in html and f'<option value="{last + 1}"' not in html
