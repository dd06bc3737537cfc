"""An XSS corpus pushed through every place the portal shows user or imported text renders inert.

Payloads (tests/data/xss_payloads.txt) go through the search box echo, the question box echo and its chips,
comments (posted with a CSRF token, approved by a moderator over HTTP), staff replies, and imported names,
notes and document text. Inertness is judged on the parsed HTML: no script code, no event-handler
attributes, no javascript:/data: URLs, no dangerous elements, and template syntax left unevaluated.
"""
import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from community_support import create_staff, csrf_token, login
from small_publication import CITY, EAST, write_raw
from sqlalchemy import select

PAYLOADS = [line for line in (Path(__file__).parent / "data" / "xss_payloads.txt").read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("# ")]
SECRET = "xss-test-secret-key"
# Elements the portal never emits itself: if one shows up, it came from a payload.
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base", "marquee",
                  "video", "audio", "source", "img", "template", "noscript", "x", "xmp", "plaintext",
                  "animate", "mtext", "mglyph", "isindex", "scr<script", "body-extra"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcset",
             "content"}
_NOISE = re.compile(r"[\x00-\x20]+")


def test_corpus_is_big_and_varied():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    for needle in ("<script", "onerror", "javascript:", "<svg", "<math", '" onmouseover', "{{7*7}}", "${7*7}",
                   "expression(", "&#", "%3C", "＜script"):
        assert any(needle.lower() in p.lower() for p in PAYLOADS), needle


class Page(HTMLParser):
    """Elements, attributes, script contents and visible text of one HTML page."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements, self.scripts, self.text = [], [], []
        self._script = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = (dict(attrs), [])
            self.scripts.append(self._script)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        (self._script[1] if self._script is not None else self.text).append(data)

    def values(self, tag, **match):
        """Attribute dicts of elements named ``tag`` whose attributes include ``match``."""
        return [dict(a) for t, a in self.elements if t == tag and all(dict(a).get(k) == v for k, v in match.items())]

    @property
    def all_text(self):
        return "".join(self.text)


def assert_inert(html, where):
    page = Page(html)
    for attrs, parts in page.scripts:
        code = "".join(parts).strip()
        if code:
            # The CSP allows no inline code: the only inline scripts are JSON data blocks.
            assert attrs.get("type") == "application/json", f"{where}: inline script {code[:80]!r}"
            json.loads(code)
        else:
            assert (attrs.get("src") or "").startswith("/static/"), f"{where}: script {attrs}"
    for tag, attrs in page.elements:
        assert tag not in FORBIDDEN_TAGS, f"{where}: <{tag}> element {attrs}"
        for name, value in attrs:
            assert not name.startswith("on"), f"{where}: event handler {name}={value!r} on <{tag}>"
            assert name != "srcdoc", f"{where}: srcdoc on <{tag}>"
            squashed = _NOISE.sub("", value or "").lower()
            if name in URL_ATTRS:
                assert not re.search(r"(^|url=)(javascript:|vbscript:|data:(text|application|image/svg))", squashed), \
                    f"{where}: {name}={value!r} on <{tag}>"
            if name == "style":
                assert "expression(" not in squashed and "javascript:" not in squashed, f"{where}: style {value!r}"
        if tag == "meta":
            assert dict(attrs).get("http-equiv", "").lower() != "refresh", f"{where}: meta refresh"
    assert "49xss" not in page.all_text, f"{where}: template expression evaluated"
    assert SECRET not in html, f"{where}: secret key leaked"
    return page


@pytest.mark.parametrize("active", [
    "<script>alert(1)</script>", '<img src=x onerror=alert(1)>', '<a href=" javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>", '<iframe srcdoc="x"></iframe>', '<div style="width: expression(alert(1))">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "<p>49xss</p>", SECRET])
def test_the_checker_catches_live_markup(active):
    """The inertness check is not vacuous: the same markup unescaped is flagged."""
    with pytest.raises(AssertionError):
        assert_inert(f"<!doctype html><html><body><p>ok</p>{active}</body></html>", "raw")


def template_probe(payload):
    """A payload with template syntax, tagged so its evaluation would be visible as 49xss."""
    return re.sub(r"7\*7( ?%>|\}\}|\})", r"7*7\1xss", payload)


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


IMPORTABLE = [p for p in PAYLOADS if not p.strip().startswith(("=", "+", "-", "@"))]


def write_hostile_raw(folder):
    """The small publication with payloads as department names, project names/descriptions, progress notes,
    document titles and bodies. Formula-leading payloads are refused by the importer, so they are left out
    of bare cells and only appear after a prefix."""
    write_raw(folder)
    _write(folder / "departments.csv", [{"code": "D0", "name": "示例市财政局", "region_code": CITY}] + [
        {"code": f"X{i}", "name": template_probe(p).strip()[:2000], "region_code": EAST}
        for i, p in enumerate(IMPORTABLE)])
    projects = []
    for i, payload in enumerate(PAYLOADS):
        projects.append({
            "code": f"XSS{i}", "name": f"工程{i} {template_probe(payload)}", "year": 2024, "region_code": EAST,
            "dept_code": f"X{i % len(IMPORTABLE)}", "class_code": "20502", "category": "学校建设",
            "total_investment_yuan": 1000, "annual_plan_yuan": 500, "disbursed_yuan": 100, "status": "在建",
            "progress_pct": 10, "contractor": "甲建设集团有限公司", "contractor_type": "单位",
            "end_date": "2024-12-31", "description": f"简介 {template_probe(payload)}"})
    _write(folder / "projects.csv", projects)
    _write(folder / "project_updates.csv", [
        {"project_code": f"XSS{i}", "date": "2024-05-01", "progress_pct": 10, "note": template_probe(p).strip()}
        for i, p in enumerate(IMPORTABLE)])
    body = "关于示例工程的报告\n\n" + "\n\n".join(
        f"（{i}）{template_probe(p)}" if i % 3 else f"{i}. 标题 {template_probe(p)}" for i, p in enumerate(PAYLOADS))
    _write(folder / "documents.csv", [
        {"slug": "hostile", "title": "示例报告 " + template_probe(PAYLOADS[0]), "doc_type": "执行情况", "year": 2024,
         "region_code": CITY, "published_date": "2024-07-15", "body": body}] + [
        {"slug": f"doc{i}", "title": template_probe(p).strip(), "doc_type": "执行情况", "year": 2024,
         "region_code": EAST, "published_date": "2024-07-15", "body": "正文 " + template_probe(p)}
        for i, p in enumerate(IMPORTABLE[:20])])
    return folder


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from ledger.importer.publish import publish
    from portal import create_app
    from search import reindex

    tmp = tmp_path_factory.mktemp("xss")
    app = create_app({
        "INSTANCE_PATH": tmp, "DATABASE_URL": f"sqlite:///{tmp / 'xss.db'}", "SEARCH_INDEX_PATH": tmp / "search.db",
        "SECRET_KEY": SECRET, "PSEUDONYM_KEY": "xss-pseudonym", "TESTING": True, "SEARCH_HYBRID": "0",
        "NLQ_EMBEDDINGS": False, "RATELIMIT_ENABLED": False, "RATELIMIT_WRITE": "100000 per minute",
        "RATELIMIT_ASK": "100000 per minute"})
    engine = app.extensions["mingzhang.engine"]
    publication = publish(engine, [write_hostile_raw(tmp / "raw")], pseudonym_key="xss-pseudonym",
                          dataset="xss", title="XSS 测试数据")
    reindex(app.config, engine, publication)  # what the admin upload's after-publish hook does
    return app


@pytest.fixture()
def client(app):
    return app.test_client()


def html_of(response, where, statuses=(200,)):
    assert response.status_code in statuses, f"{where}: HTTP {response.status_code}"
    assert response.mimetype == "text/html", where
    return assert_inert(response.get_data(as_text=True), where)


def json_of(response, where, statuses=(200, 400)):
    assert response.status_code in statuses, f"{where}: HTTP {response.status_code}"
    assert response.mimetype == "application/json", where
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    return response.get_json()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_box_echo(client, payload):
    page = html_of(client.get("/search", query_string={"q": payload}), "search", statuses=(200, 400))
    [box] = page.values("input", id="search-q")
    assert box["value"] == payload[:200]  # echoed as the exact value: no attribute breakout
    data = json_of(client.get("/search.json", query_string={"q": payload}), "search.json")
    assert "error" in data or data["query"] == payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_question_box_echo_and_chips(client, payload):
    probe = template_probe(payload)
    page = html_of(client.get("/ask", query_string={"q": probe}), "ask", statuses=(200, 400))
    [box] = page.values("input", id="ask-q")
    assert box["value"] == probe
    # A question the parser understands, with the payload riding along, shows chips.
    page = html_of(client.get("/ask", query_string={"q": f"2024年东城区教育支出 {probe}"}), "ask+chips",
                   statuses=(200, 400))
    # Edited chips come back as the question and are echoed too.
    chips = {"chip_time": "2024年", "chip_region": probe[:40], "chip_class": "教育支出", "chip_measure": probe[:40]}
    html_of(client.get("/ask", query_string=chips), "ask chips edited", statuses=(200, 400))
    data = json_of(client.get("/api/ask", query_string={"q": probe}), "api/ask")
    assert "error" in data or data["question"] == probe


def test_chips_are_shown_and_hold_edited_text_as_values(client):
    """The chip form is really exercised: edited chip text is an input value, never markup."""
    page = html_of(client.get("/ask", query_string={"q": "2024年东城区教育支出是多少"}), "ask")
    assert page.values("input", name="chip_region"), "the question should show chips"
    hostile = '"><svg onload=alert(1)>'
    page = html_of(client.get("/ask", query_string={"chip_time": "2024年", "chip_region": "东城区",
                                                   "chip_class": hostile, "chip_measure": "支出"}), "ask chips")
    [box] = page.values("input", id="ask-q")
    assert hostile in box["value"]


def stored_comments(app):
    from ledger import schema

    with app.extensions["mingzhang.engine"].connect() as conn:
        return [dict(r) for r in conn.execute(select(schema.comments).where(
            schema.comments.c.project_code == "XSS0").order_by(schema.comments.c.id)).mappings()]


def test_comments_and_staff_replies(app):
    citizen, staff = app.test_client(), app.test_client()
    page = "/projects/XSS0/comments"
    token = csrf_token(citizen, page)
    refused = 0
    for i, payload in enumerate(PAYLOADS):
        body = f"评议{i} {template_probe(payload)}"[:500]
        response = citizen.post(page, data={"rating": "3", "body": body, "return_to": page, "website": "",
                                            "csrf_token": token})
        if response.status_code in (400, 409):  # refused (e.g. duplicate): the form comes back, inert
            assert_inert(response.get_data(as_text=True), "refused comment form")
            refused += 1
        else:
            assert response.status_code == 303, response.status_code
    rows = stored_comments(app)
    assert len(rows) >= len(PAYLOADS) - refused and len(rows) >= 50
    create_staff(app, "xss-mod", "moderator")
    assert login(staff, "xss-mod").status_code == 303
    html_of(staff.get("/admin/comments"), "moderation queue")
    staff_token = csrf_token(staff, "/admin/comments")
    for row, payload in zip(rows, PAYLOADS):
        assert staff.post(f"/admin/comments/{row['id']}/approve",
                          data={"csrf_token": staff_token}).status_code == 303
        reply = f"回复 {template_probe(payload)}"
        assert staff.post(f"/admin/comments/{row['id']}/reply",
                          data={"csrf_token": staff_token, "reply": reply}).status_code == 303
    rows = stored_comments(app)
    assert all(r["status"] == "approved" and r["reply"] for r in rows)
    html_of(staff.get("/admin/comments", query_string={"status": "all"}), "moderation all")
    for path in (page, "/projects/XSS0"):
        shown = html_of(citizen.get(path), path)
        text = shown.all_text
        assert all(r["body"] in text and r["reply"] in text for r in rows), f"{path}: bodies and replies as text"
    api = json_of(citizen.get("/api/projects/XSS0/comments"), "comments api", statuses=(200,))
    assert {c["body"] for c in api["comments"]} == {r["body"] for r in rows}


def test_imported_names_and_notes(client):
    page = html_of(client.get(f"/execution/region/{EAST}"), "district page")
    for i, payload in enumerate(IMPORTABLE):
        dept = html_of(client.get(f"/execution/region/{EAST}/dept/X{i}"), f"department page X{i}")
        assert template_probe(payload).strip() in dept.all_text
    for i, payload in enumerate(PAYLOADS):
        project = html_of(client.get(f"/projects/XSS{i}"), f"project page XSS{i}")
        assert f"工程{i} {template_probe(payload)}".strip() in project.all_text
        assert f"简介 {template_probe(payload)}".strip() in project.all_text
    html_of(client.get("/projects", query_string={"per_page": 100}), "project list")
    json_of(client.get("/projects/XSS1.json"), "project json", statuses=(200,))
    doc = html_of(client.get("/documents/hostile"), "document page")
    assert "{{7*7}}xss" in doc.all_text
    html_of(client.get("/documents"), "document list")
    for i in range(20):
        html_of(client.get(f"/documents/doc{i}"), f"document doc{i}")
    assert page


def test_search_results_after_reindex(client):
    """Publishing re-indexed the hostile names; the result list and highlights stay inert."""
    seen = 0
    for q in ("工程", "简介", "alert", "script", "示例报告", "XSS"):
        for number in (1, 2):
            page = html_of(client.get("/search", query_string={"q": q, "size": 50, "page": number}),
                           f"search {q} p{number}", statuses=(200, 400))
            seen += len(page.values("li", **{"class": "result"}))
        json_of(client.get("/search.json", query_string={"q": q, "size": 50}), f"search.json {q}")
    assert seen >= 50, "the hostile records should be found"
