"""Light pages (issue #17 item 3): content-hashed static URLs served with immutable caching, compressed
bodies with the right Content-Encoding and Vary, precompressed variants that match their files, gzipped
pages except private ones, and a chart bundle with only the chart types the portal draws."""
import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest

from portal import create_app

STATIC = Path(__file__).resolve().parent.parent / "portal" / "static"
HASHED = re.compile(r'(?:src|href)="(/static/[^"]+\.[0-9a-f]{10}\.(?:css|js))"')


@pytest.fixture()
def app(tmp_path):
    return create_app({"INSTANCE_PATH": tmp_path, "DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}",
                       "SEARCH_INDEX_PATH": tmp_path / "search.db", "SECRET_KEY": "t", "PSEUDONYM_KEY": "t",
                       "TESTING": True})


def test_pages_link_static_files_by_content_hash(client):
    html = client.get("/").get_data(as_text=True)
    urls = HASHED.findall(html)
    assert any("/static/app." in u for u in urls) and any("/static/charts." in u for u in urls)
    bundle = re.search(r'data-echarts="(/static/vendor/echarts\.min\.[0-9a-f]{10}\.js)"', html)
    assert bundle, "the chart bundle is named by its hash too"
    for url in urls + [bundle.group(1)]:
        name = re.sub(r"\.[0-9a-f]{10}(\.\w+)$", r"\1", url[len("/static/"):])
        digest = hashlib.sha256((STATIC / name).read_bytes()).hexdigest()
        assert url.rsplit(".", 2)[-2] == digest[:10], url
    assert not re.search(r'(?:src|href)="/static/[\w/]+\.(?:css|js)"', html), "an unhashed static URL"


def test_hashed_urls_are_immutable_and_plain_names_revalidate(app):
    client = app.test_client()
    with app.test_request_context():
        from flask import url_for
        hashed = url_for("static", filename="app.css")
    response = client.get(hashed, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in response.headers["Vary"]
    assert gzip.decompress(response.data) == (STATIC / "app.css").read_bytes()
    assert response.mimetype == "text/css"
    plain = client.get("/static/app.css")
    assert plain.headers["Cache-Control"] == "no-cache" and plain.data == (STATIC / "app.css").read_bytes()
    again = client.get("/static/app.css", headers={"If-None-Match": plain.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/static/app.0123456789.css").status_code == 404  # a stale hash is not served as current
    assert client.get("/static/../pyproject.toml").status_code == 404


def test_chart_bundle_is_served_precompressed(app):
    client = app.test_client()
    with app.test_request_context():
        from flask import url_for
        url = url_for("static", filename="vendor/echarts.min.js")
    source = (STATIC / "vendor" / "echarts.min.js").read_bytes()
    brotli = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert brotli.headers["Content-Encoding"] == "br"
    assert brotli.data == (STATIC / "vendor" / "echarts.min.js.br").read_bytes() and len(brotli.data) < len(source) / 3
    gzipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip" and gzip.decompress(gzipped.data) == source
    identity = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in identity.headers and identity.data == source
    assert all("Accept-Encoding" in r.headers["Vary"] for r in (brotli, gzipped, identity))


def test_precompressed_variants_match_their_files():
    """make vendor writes them with the SHA-256 of their source; the portal serves them only while it matches."""
    manifest = json.loads((STATIC / "precompressed.json").read_text())
    assert "vendor/echarts.min.js" in manifest
    for name, entry in manifest.items():
        source = (STATIC / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(source).hexdigest(), f"{name}: stale variants, run make vendor"
        assert gzip.decompress((STATIC / entry["gzip"]).read_bytes()) == source


def test_stale_precompressed_variant_is_not_served(tmp_path):
    from portal.assets import StaticFiles

    (tmp_path / "a.js").write_text("var a = 1;" * 200)
    (tmp_path / "a.js.br").write_bytes(b"old brotli bytes")
    (tmp_path / "precompressed.json").write_text(json.dumps({"a.js": {"sha256": "0" * 64, "br": "a.js.br"}}))
    body, encoding = StaticFiles(tmp_path).body("a.js", {"br", "gzip"})
    assert encoding == "gzip" and gzip.decompress(body) == (tmp_path / "a.js").read_bytes()


def test_pages_and_json_are_gzipped_but_private_pages_are_not(client):
    page = client.get("/execution", headers={"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in page.headers["Vary"]
    assert "预算执行" in gzip.decompress(page.data).decode()
    assert len(page.data) < len(client.get("/execution").data) / 3
    api = client.get("/api/execution", headers={"Accept-Encoding": "gzip"})
    assert api.headers["Content-Encoding"] == "gzip" and json.loads(gzip.decompress(api.data))
    # A page carrying a CSRF token (the login form) is private: never compressed (BREACH).
    login = client.get("/admin/login", headers={"Accept-Encoding": "gzip"})
    assert "private" in login.headers["Cache-Control"] and "Content-Encoding" not in login.headers
    # A 304 stays empty
    etag = page.headers["ETag"]
    assert client.get("/execution", headers={"Accept-Encoding": "gzip", "If-None-Match": etag}).status_code == 304


def test_chart_bundle_holds_only_the_chart_types_used():
    root = Path(__file__).resolve().parent.parent
    entry = (root / "scripts" / "echarts-entry.mjs").read_text()
    charts = re.search(r'import \{([^}]*)\} from "echarts/charts"', entry).group(1)
    assert {c.strip() for c in charts.split(",")} == {"BarChart", "LineChart", "RadarChart"}
    used = set()
    for path in [*(root / "portal" / "views").glob("*.py"), *(root / "nlq").glob("*.py")]:
        used |= set(re.findall(r'"type": "(bar|line|radar|pie|scatter|heatmap|map|gauge|funnel|tree)"', path.read_text()))
    assert used <= {"bar", "line", "radar"}, f"a chart type outside the bundle: {used}"
    bundle = (STATIC / "vendor" / "echarts.min.js").read_bytes()
    assert len(bundle) < 600_000  # the full ECharts build is 1.03 MB
    version = (STATIC / "vendor" / "echarts.VERSION").read_text()
    assert "bar, line, radar" in version and hashlib.sha256(bundle).hexdigest() in version
