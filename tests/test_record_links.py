"""records_url builds a figure's records link without werkzeug's route building (a province's comparison page
has thousands): the string must be the one url_for builds, for every kind of scope a page links."""
import pytest
from flask import url_for

from ledger.queries.execution import Scope
from portal.views.pages import records_url, scope_args
from portal.views.urls import url_builder

SCOPES = [
    Scope(year=2026),
    Scope(year=2026, month=10, region="990101"),
    Scope(year=2026, month=10, month_from=4, region="990101", dept="990101-001"),
    Scope(year=2025, class_code="208"),
    Scope(years=(2024, 2025), regions=("990101", "990102")),
    Scope(year=2026, class_codes=("20819", "20820"), region="990000"),
    Scope(),
]


@pytest.mark.parametrize("scope", SCOPES, ids=range(len(SCOPES)))
@pytest.mark.parametrize("kind", ["budgets", "expenditures", "payments"])
@pytest.mark.parametrize("query", ["", "?pub=3", "?pub=%E7%A4%BA+a/b"])
def test_records_url_is_url_for(demo_app, scope, kind, query):
    with demo_app.test_request_context("/execution" + query):
        assert records_url(kind, scope) == url_for("pages.records", kind=kind, **scope_args(scope))


def test_records_url_under_a_mount_point(demo_app):
    with demo_app.test_request_context("/execution?year=2026", base_url="http://localhost/portal"):
        link = records_url("budgets", Scope(year=2026, region="990101"))
        assert link == "/portal/records/budgets?year=2026&region=990101"
        assert link == url_for("pages.records", kind="budgets", year=2026, region="990101")


@pytest.mark.parametrize("extra", [{"payee": "示例市 建设/集团 (有限) 公司&1"}, {"purpose": "A+B 100%"},
                                   {"flag": True, "page": 3}, {"codes": ["a b", "c"]}])
def test_records_url_quotes_like_url_for(demo_app, extra):
    """Values that are not plain ASCII letters and digits are quoted exactly as werkzeug quotes them."""
    scope = Scope(year=2026, region="990101")
    with demo_app.test_request_context("/execution"):
        assert records_url("payments", scope, **extra) == url_for("pages.records", kind="payments",
                                                                   **scope_args(scope), **extra)


@pytest.mark.parametrize("endpoint, vary, fixed", [
    ("pages.execution_region", "code", {"year": 2026, "month": 10}),
    ("pages.execution_region", "code", {"year": 2026, "month": None, "pub": "3", "_anchor": "township-map"}),
    ("opendata.table_data", "code", {"table": "regions", "fmt": "csv"}),
])
@pytest.mark.parametrize("value", ["990101", "A12", "示例 区/1", 7])
def test_url_builder_is_url_for(demo_app, endpoint, vary, fixed, value):
    with demo_app.test_request_context("/compare"):
        assert url_builder(endpoint, vary, **fixed)(value) == url_for(endpoint, **fixed, **{vary: value})
