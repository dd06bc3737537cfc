"""HTTP validators: ETag/Last-Modified from the publication, 304s, and no validators on session pages."""
import pytest
from small_publication import make_app, write_raw
from werkzeug.http import parse_date

from ledger.importer.publish import publish

PUBLIC_URLS = ["/", "/execution", "/projects", "/api/summary", "/api/regions", "/search?q=教育", "/ask",
               "/data.json", "/publications.json"]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A fresh small portal of this module's own: one test republishes into it."""
    return make_app(tmp_path_factory.mktemp("caching"))


@pytest.fixture()
def client(small):
    return small[0].test_client()


def validators(response):
    assert response.status_code == 200, (response.status_code, response.request.path)
    etag = response.headers.get("ETag")
    assert etag, response.request.path
    return etag, response.headers.get("Last-Modified")


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_responses_carry_validators(client, small, url):
    response = client.get(url)
    etag, last_modified = validators(response)
    assert etag.startswith('W/"')
    assert response.headers["Cache-Control"] == "no-cache"
    # Last-Modified is the publication's created_at (stored as naive UTC), to the second
    assert parse_date(last_modified).replace(tzinfo=None) == small[1]["created_at"].replace(microsecond=0)


@pytest.mark.parametrize("url", ["/", "/api/summary", "/execution?year=2024"])
def test_if_none_match_gives_empty_304(client, url):
    etag, _ = validators(client.get(url))
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    # a stale validator gets the full page
    stale = client.get(url, headers={"If-None-Match": 'W/"0000"'})
    assert stale.status_code == 200 and stale.data


def test_if_modified_since_gives_304(client):
    _, last_modified = validators(client.get("/api/regions"))
    assert client.get("/api/regions", headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get("/api/regions", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200


def test_etag_follows_url(client):
    home, _ = validators(client.get("/"))
    execution, _ = validators(client.get("/execution"))
    filtered, _ = validators(client.get("/execution?year=2023"))
    assert len({home, execution, filtered}) == 3


def test_streamed_download_gets_etag_and_304(client):
    response = client.get("/data/budgets.csv?year=2024")  # filtered: built per request, streamed
    etag, _ = validators(response)
    assert response.is_streamed and "Content-Length" not in response.headers  # not buffered to measure it
    assert response.data.decode("utf-8-sig").splitlines()[0].startswith("year,")  # the stream still delivers
    again = client.get("/data/budgets.csv?year=2024", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_whole_table_download_is_a_file_with_etag_length_and_304(client):
    response = client.get("/data/budgets.csv")  # the publication's file (portal/views/opendata.py)
    etag, _ = validators(response)
    assert int(response.headers["Content-Length"]) == len(response.data) > 0
    again = client.get("/data/budgets.csv", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_session_pages_get_no_validators(client):
    # the project page renders the comment form's CSRF token; the login page too; /admin is staff-only
    for url in ("/projects/P1", "/admin/login"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "ETag" not in response.headers, url
        assert response.headers["Cache-Control"] == "private, no-store", url
    # the same project as JSON has no form and no session: it is cacheable
    validators(client.get("/projects/P1.json"))


def test_admin_redirect_is_private(client):
    response = client.get("/admin/")
    assert "ETag" not in response.headers
    assert response.headers["Cache-Control"] == "private, no-store"


def test_errors_and_health_get_no_validators(client):
    assert "ETag" not in client.get("/projects/NOPE").headers
    assert "ETag" not in client.get("/api/projects/NOPE").headers
    assert "ETag" not in client.get("/healthz").headers


def test_permalink_and_republish_change_the_etag(small, client, tmp_path):
    app, first = small
    url = "/api/summary"
    before, _ = validators(client.get(url))
    permalink_before, _ = validators(client.get(f"{url}?pub={first['id']}"))
    assert permalink_before != before  # the query string is part of the URL

    second = publish(app.extensions["mingzhang.engine"], [write_raw(tmp_path / "raw2")],
                     pseudonym_key="test-pseudonym-key", dataset="small", title="小型测试数据（第二版）")
    assert second["id"] != first["id"]

    after, last_modified = validators(client.get(url))
    assert after != before
    # the browser's old copy is no longer current: full answer, not 304
    assert client.get(url, headers={"If-None-Match": before}).status_code == 200
    assert client.get(url, headers={"If-None-Match": after}).status_code == 304
    assert parse_date(last_modified).replace(tzinfo=None) == second["created_at"].replace(microsecond=0)

    # an older publication by permalink: its own validator, different from the current one's
    old, old_modified = validators(client.get(f"{url}?pub={first['id']}"))
    new, _ = validators(client.get(f"{url}?pub={second['id']}"))
    assert old != new and old != after
    assert parse_date(old_modified) <= parse_date(last_modified)
    # …and it also changed with the republish (its page now points at a newer publication)
    assert old != permalink_before


def test_code_upgrade_changes_the_etag(small, client):
    from portal.caching import source_digest

    app = small[0]
    before, _ = validators(client.get("/api/regions"))
    assert app.extensions["mingzhang.build_id"] == source_digest()
    app.extensions["mingzhang.build_id"] = "next-release"
    try:
        after, _ = validators(client.get("/api/regions"))
    finally:
        app.extensions["mingzhang.build_id"] = source_digest()
    assert after != before


def test_head_request_gets_304(client):
    etag, _ = validators(client.get("/api/summary"))
    head = client.head("/api/summary", headers={"If-None-Match": etag})
    assert head.status_code == 304
