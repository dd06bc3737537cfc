"""Open data: data dictionary, streamed CSV/XLSX/JSON downloads with filters, OpenAPI document."""
import io
import json

import pytest
from openpyxl import load_workbook
from small_publication import small, small_client  # noqa: F401 (fixtures)

from ledger.datadict import DATASETS
from ledger.schema import PUBLISHED_TABLES
from portal.exports import csv_chunks, neutralise
from portal.openapi import api_rules, openapi_path, undeclared


def test_dictionary_covers_every_published_table():
    assert set(DATASETS) == {t.name for t in PUBLISHED_TABLES}
    budgets = {f.name: f for f in DATASETS["budgets"].fields}
    assert budgets["budget_yuan"].label == "预算数" and budgets["budget_yuan"].unit == "元"
    assert DATASETS["regions"].field("population").unit == "人"
    for dataset in DATASETS.values():
        assert "publication_id" not in {f.name for f in dataset.fields}
        for field in dataset.fields:
            assert field.label != field.name, f"{dataset.name}.{field.name} has no Chinese label"


def test_data_page_lists_tables(small_client, small):
    html = small_client.get("/data").get_data(as_text=True)
    for dataset in DATASETS.values():
        assert f'id="table-{dataset.name}"' in html and dataset.label in html
    assert f"/data/payments.csv?pub={small[1]['id']}" in html
    assert "/api/openapi.json" in html
    catalogue = small_client.get("/api/datasets").get_json()
    rows = {d["name"]: d["rows"] for d in catalogue["datasets"]}
    assert rows["expenditures"] == 84 and rows["projects"] == 4


def test_csv_download(small_client, small):
    response = small_client.get("/data/budgets.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.is_streamed
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeffyear,region_code,dept_code,class_code,budget_yuan\r\n")
    assert len(text.strip().splitlines()) == 1 + 9
    assert "2024,990101,,20502,600000" in text
    assert response.headers["X-Mingzhang-Publication-SHA256"] == small[1]["data_sha256"]


def test_json_download_has_count_and_totals(small_client):
    data = small_client.get("/data/expenditures.json?year=2024&region_code=990101&month__lte=3"
                            "&class_code__prefix=205,208").get_json()
    assert data["count"] == 6 and data["totals"] == {"amount_yuan": 210_000} and data["unit"] == "元"
    assert len(data["rows"]) == 6 and sum(r["amount_yuan"] for r in data["rows"]) == 210_000
    assert data["publication"]["sha256"]
    assert data["filters"]["month__lte"] == "3"


def test_xlsx_download(small_client):
    response = small_client.get("/data/projects.xlsx?status__in=已完工,滞后")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    header = rows[2]
    assert header[0] == "code" and "项目编号" in rows[1][0]
    assert sorted(r[0] for r in rows[3:]) == ["P1", "P2", "P4"]


@pytest.mark.parametrize("url, code", [
    ("/data/nope.csv", "unknown_table"), ("/data/budgets.json?foo=1", "bad_filter"),
    ("/data/budgets.json?year=abc", "bad_filter"), ("/data/budgets.json?budget_yuan=1", "bad_filter"),
    ("/data/budgets.json?year__like=1", "bad_filter"), ("/data/projects.json?end_date__gte=yesterday", "bad_filter"),
])
def test_bad_requests(small_client, url, code):
    response = small_client.get(url)
    assert response.status_code in (400, 404)
    assert response.get_json()["error"]["code"] == code


def test_formula_injection_is_neutralised():
    assert neutralise("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert neutralise("+1") == "'+1" and neutralise("@cmd") == "'@cmd" and neutralise("-2") == "'-2"
    assert neutralise("正常文本") == "正常文本" and neutralise(-5) == -5
    text = "".join(csv_chunks(["a", "b"], [["=1+1", -3.5]]))
    assert text == "\ufeffa,b\r\n'=1+1,-3.5\r\n"


def test_openapi_document_is_valid_and_honest(small, small_client):
    app = small[0]
    document = small_client.get("/api/openapi.json").get_json()
    try:
        from openapi_spec_validator import validate
    except ImportError:  # structural check only
        assert document["openapi"].startswith("3.") and document["paths"]
    else:
        validate(document)
    assert undeclared(app) == [], "declare these routes in portal/openapi.py ENDPOINTS"
    served = {openapi_path(rule) for rule in api_rules(app)}
    assert set(document["paths"]) == served
    for path in ("/api/compare", "/api/openapi.json", "/api/documents", "/data/{table}.{fmt}"):
        assert path in document["paths"]
    params = {p["name"] for p in document["paths"]["/api/compare"]["get"]["parameters"]}
    assert {"year", "month", "region", "pub"} <= params


def test_demo_payments_stream(client):
    """The largest demo table downloads completely in every format's first bytes without error."""
    response = client.get("/data/payments.csv")
    assert response.is_streamed  # the publication's file, sent in blocks (a block may split a character)
    lines = 0
    for chunk in response.response:
        lines += (chunk if isinstance(chunk, bytes) else chunk.encode("utf-8")).count(b"\n")
    catalogue = client.get("/api/datasets").get_json()
    expected = next(d["rows"] for d in catalogue["datasets"] if d["name"] == "payments")
    assert lines == expected + 1
    head = json.loads(client.get("/data/payments.json?payee_type=单位&date__lte=2000-01-01").data)
    assert head["count"] == 0 and head["rows"] == []
