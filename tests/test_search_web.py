"""The search page, its .json twin, /api/search and /api/suggest over real HTTP handling."""
import pytest

from tests.search_corpus import CORPUS, DICTIONARY


@pytest.fixture(scope="module")
def search_app(tmp_path_factory):
    from portal import create_app
    from search.sqlite_backend import SQLiteBackend

    instance = tmp_path_factory.mktemp("search-web")
    app = create_app({"INSTANCE_PATH": instance, "DATABASE_URL": f"sqlite:///{instance / 'mingzhang.db'}",
                      "SEARCH_INDEX_PATH": instance / "search.db", "SECRET_KEY": "test", "TESTING": True,
                      "SEARCH_HYBRID": "0"})
    SQLiteBackend(instance / "search.db").build(CORPUS, publication_id=1, dictionary=DICTIONARY)
    return app


@pytest.fixture()
def web(search_app):
    return search_app.test_client()


def test_search_page_shows_highlighted_results_and_facets(web):
    response = web.get("/search?q=养老院")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<mark>养老院</mark>" in html
    assert "城南区中心<mark>养老院</mark>建设项目" in html
    assert "共找到 <strong>2</strong>" in html
    assert 'href="/search?q=%E5%85%BB%E8%80%81%E9%99%A2&amp;type=project"' in html
    assert "<script>" not in html  # CSP: no inline code


def test_filters_live_in_the_url(web):
    html = web.get("/search?q=农村公路&type=project&year=2024").get_data(as_text=True)
    assert "城西区农村公路养护工程" in html.replace("<mark>", "").replace("</mark>", "")
    assert "城东区农村公路提档升级工程" not in html.replace("<mark>", "").replace("</mark>", "")
    assert 'aria-current="true"' in html


def test_json_twin_and_api_agree(web):
    page = web.get("/search.json?q=农村公路&size=2").get_json()
    api = web.get("/api/search?q=农村公路&size=2").get_json()
    assert page["total"] == api["total"] == 3
    assert [r["id"] for r in page["results"]] == [r["id"] for r in api["results"]]
    assert page["results"][0]["unit"] == "元"
    assert page["pages"] == 2
    second = web.get("/api/search?q=农村公路&size=2&page=2").get_json()
    assert len(second["results"]) == 1


@pytest.mark.parametrize("query", ["page=0", "page=abc", "size=-1", "sort=random", "year=二零二五", "page=100000"])
def test_bad_parameters_get_clear_errors(web, query):
    api = web.get(f"/api/search?q=养老院&{query}")
    assert api.status_code == 400
    assert api.get_json()["error"]["code"] and api.get_json()["error"]["message"]
    page = web.get(f"/search?q=养老院&{query}")
    assert page.status_code == 400
    assert 'role="alert"' in page.get_data(as_text=True)


@pytest.mark.parametrize("query", ['"', "NEAR(", "*", "x" * 10_000, "😀", "'; DROP TABLE docs; --", "%00"])
def test_pathological_queries_never_500(web, query):
    assert web.get("/search", query_string={"q": query}).status_code == 200
    data = web.get("/api/search", query_string={"q": query}).get_json()
    assert "results" in data


def test_did_you_mean_on_the_page(web):
    html = web.get("/search?q=农村公陆").get_data(as_text=True)
    assert "您是不是要找" in html and "农村公路" in html


def test_suggest_api(web):
    data = web.get("/api/suggest?q=某某").get_json()
    assert "某某小学改扩建工程" in [s["text"] for s in data["suggestions"]]
    assert web.get("/api/suggest?q=" + "x" * 51).status_code == 400
    assert web.get("/api/suggest?q=").get_json()["suggestions"] == []


def test_missing_index_is_explained_not_a_500(empty_app):
    with empty_app.test_client() as web:
        response = web.get("/api/search?q=养老院")
        assert response.status_code == 200
        assert "尚未建立" in response.get_json()["notices"][0]
