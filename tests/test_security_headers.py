"""Security headers on every kind of response, HSTS only behind TLS, and the session cookie's flags."""
import pytest
from small_publication import EAST, small  # noqa: F401 — module-scoped fixture over the small publication

PAGES = [
    "/", "/execution", f"/execution/region/{EAST}", f"/execution/region/{EAST}/dept/D1", "/projects",
    "/projects/P1", "/projects/P1/comments", "/records/expenditures", "/search?q=学校", "/ask?q=2024年教育支出",
    "/compare", "/documents", "/documents/2024-h1-execution", "/data", "/publications", "/admin/login",
    "/reports/whitepaper",
]
OTHER = [
    ("/api/summary", 200), ("/api/projects", 200), ("/search.json?q=学校", 200), ("/api/ask?q=2024年教育支出", 200),
    ("/api/projects/P1/comments", 200), ("/execution.csv", 200), ("/healthz", 200), ("/static/app.css", 200),
    ("/no-such-page", 404), ("/projects/NOPE", 404), ("/api/projects/NOPE", 404), ("/search?page=0", 400),
    ("/admin/", 302),
]


@pytest.fixture(scope="module")
def client(small):  # noqa: F811
    return small[0].test_client()


def assert_headers(response, where):
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives.get("script-src") == ["'self'"], f"{where}: CSP script-src {csp!r}"
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert directives.get("object-src") == ["'none'"], where
    assert directives.get("frame-ancestors") == ["'none'"], where
    assert headers.get("X-Frame-Options") == "DENY", where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") in ("strict-origin-when-cross-origin", "no-referrer", "same-origin"), where


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_carries_the_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.mimetype == "text/html"
    assert_headers(response, path)
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP: no HSTS


@pytest.mark.parametrize("path,status", OTHER)
def test_api_errors_downloads_and_static_carry_the_headers(client, path, status):
    response = client.get(path)
    assert response.status_code == status, path
    assert_headers(response, path)


def test_csrf_failure_page_carries_the_headers(client):
    response = client.post("/projects/P1/comments", data={"rating": "4", "body": "没有令牌"})
    assert response.status_code == 400
    assert_headers(response, "csrf failure")


@pytest.mark.parametrize("path", ["/", "/api/summary", "/projects/P1", "/no-such-page"])
def test_hsts_only_over_https(small, path):  # noqa: F811
    secure = small[0].test_client().get(path, base_url="https://localhost")
    hsts = secure.headers.get("Strict-Transport-Security", "")
    max_age = int(hsts.split("max-age=")[1].split(";")[0]) if "max-age=" in hsts else 0
    assert max_age >= 15552000, f"{path}: HSTS {hsts!r}"  # at least 180 days
    assert_headers(secure, path)
    assert "Strict-Transport-Security" not in small[0].test_client().get(path).headers


def session_cookie(response):
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    return {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")}


def test_session_cookie_is_httponly_and_samesite_lax_in_development(small):  # noqa: F811
    response = small[0].test_client().get("/admin/login")  # the form's CSRF token lives in the session
    flags = session_cookie(response)
    assert "httponly" in flags
    assert flags["samesite"].lower() == "samesite=lax"
    assert "secure" not in flags  # development over plain HTTP must still be able to log in


def test_session_cookie_is_secure_in_production(tmp_path):
    from portal import create_app

    app = create_app({"INSTANCE_PATH": tmp_path, "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.db'}",
                      "SEARCH_INDEX_PATH": tmp_path / "search.db", "MINGZHANG_ENV": "production",
                      "SECRET_KEY": "a-real-production-secret-0123456789", "PSEUDONYM_KEY": "p"})
    response = app.test_client().get("/admin/login", base_url="https://localhost")
    assert response.status_code == 200
    flags = session_cookie(response)
    assert "secure" in flags and "httponly" in flags
    assert flags["samesite"].lower() == "samesite=lax"
    assert "Strict-Transport-Security" in response.headers
    assert_headers(response, "production login")


def test_production_refuses_the_old_published_secret(tmp_path):
    """The development default once shipped in portal/config.py is refused (there is no default key now:
    tests/test_security_keys.py)."""
    from portal import create_app

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"INSTANCE_PATH": tmp_path, "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.db'}",
                    "MINGZHANG_ENV": "production", "SECRET_KEY": "dev-insecure-change-me"})
