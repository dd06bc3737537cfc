"""Accessibility (WCAG 2.1 AA): axe-core finds no serious or critical violation on any page type,
the main journeys work with the keyboard alone, and every chart has a data-table alternative.

axe-core is vendored from npm under tests/vendor/axe-core/ (scripts/vendor-axe.sh; MPL-2.0, test-only).
The portal's CSP (script-src 'self') would block the injected script, so the axe pages run in a context
with bypass_csp=True — test tooling only; the CSP itself is asserted in test_security_headers.py.
"""
import re
from pathlib import Path

import pytest
from community_support import PROJECT, create_staff, make_portal, post_comment
from support.servers import serve_in_thread

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

pytestmark = pytest.mark.browser


def _first_link(client, path, pattern):
    html = client.get(path).get_data(as_text=True)
    match = re.search(pattern, html)
    assert match, f"no link matching {pattern} on {path}"
    return match.group(0).replace("&amp;", "&")


@pytest.fixture(scope="module")
def page_urls(demo_app):
    """One URL per page type, found by following the demo's own links (no hard-coded codes)."""
    client = demo_app.test_client()
    district = _first_link(client, "/execution", r'/execution/region/\d{2}\d*[1-9]\d?(?=[?"])')  # a district, not the city
    department = _first_link(client, district, r'/execution/region/\d+/dept/[\w-]+(?=[?"])')
    project = _first_link(client, "/projects", r'/projects/[\w-]+(?=[?"])')
    scored_project = _first_link(client, "/performance", r'/projects/[\w-]+(?=[?"#])')  # with its 绩效 radar
    document = _first_link(client, "/documents", r'/documents/[\w-]+(?=[?"])')
    contractor = _first_link(client, "/projects", r'/contractors/[^"?]+(?=[?"])')
    regions = re.findall(r'name="region" value="(\d+)"', client.get("/compare").get_data(as_text=True))
    assert len(regions) >= 2
    return {
        "home": "/",
        "execution": "/execution",
        "district": district,
        "department": department,
        "records": "/records/expenditures?year=2025",
        "projects": "/projects",
        "project": project,
        "scored-project": scored_project,
        "performance": "/performance",
        "compare": f"/compare?region={regions[0]}&region={regions[1]}",
        "documents": "/documents",
        "document": document,
        "whitepaper": "/reports/whitepaper?year=2025",
        "data": "/data",
        "publications": "/publications",
        "warnings": "/warnings",
        "contractor": contractor,
        "search": "/search?q=农村公路",
        "ask": "/ask?q=哪个区民生支出占比最高",
        "admin-login": "/admin/login",
        "not-found": "/no-such-page",
    }


def _axe_context(chromium, **options):
    """A page whose context lets the injected axe script run (bypass_csp: test tooling only)."""
    context = chromium.new_context(locale="zh-CN", bypass_csp=True, **options)
    page = context.new_page()
    # Generous: the first search loads the embedding model, which takes a while on a busy CI machine.
    page.set_default_timeout(60_000)
    return context, page


@pytest.fixture(scope="module")
def axe_page(chromium):
    """One desktop page, reused for every page type."""
    context, page = _axe_context(chromium, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture(scope="module")
def axe_mobile_page(chromium):
    """The same at 375 px, a phone (touch, 2× pixels): the layout axe judges is the one phones get."""
    context, page = _axe_context(chromium, viewport={"width": 375, "height": 740}, device_scale_factor=2,
                                 is_mobile=True, has_touch=True)
    yield page
    context.close()


def _axe_blocking(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA)
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"][:5]], "summary": v["nodes"][0].get("failureSummary", "")}
        for v in result["violations"] if v["impact"] in BLOCKING
    ]


def _check_pages(page, base_url, page_urls, statuses=None):
    """Visit each page and run axe; fails listing every serious/critical violation found."""
    failures = {}
    for name, path in page_urls.items():
        response = page.goto(base_url + path, wait_until="load")
        assert response.status == (statuses or {}).get(name, 200), (name, path)
        found = _axe_blocking(page)
        if found:
            failures[f"{name} {path}"] = found
    _report(failures)


def _report(failures):
    for where, found in failures.items():
        print(f"\n== {where}")
        for violation in found:
            print(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
            print(f"    {violation['nodes']}\n    {violation['summary']}")
    assert not failures, f"serious/critical WCAG 2.1 AA violations on: {', '.join(failures)}"


def test_no_serious_axe_violations_on_any_page_type(live_server, page_urls, axe_page):
    _check_pages(axe_page, live_server, page_urls, {"not-found": 404})


def test_no_serious_axe_violations_on_a_phone(live_server, page_urls, axe_mobile_page):
    _check_pages(axe_mobile_page, live_server, page_urls, {"not-found": 404})


@pytest.fixture(scope="module")
def staff_portal(tmp_path_factory):
    """The small publication with an admin and comments waiting for moderation, served over HTTP."""
    app = make_portal(tmp_path_factory.mktemp("a11y_staff"))
    password = create_staff(app, "alice", "admin")
    client = app.test_client()
    for body in ("路灯什么时候修好？", "施工噪音影响休息，希望调整施工时间。"):
        assert post_comment(client, body=body).status_code == 303
    with serve_in_thread(app) as base_url:
        yield base_url, password


def test_no_serious_axe_violations_on_staff_pages(staff_portal, axe_page, tmp_path):
    base_url, password = staff_portal
    page = axe_page
    page.goto(base_url + "/admin/login")
    failures = {}
    if found := _axe_blocking(page):
        failures["login"] = found
    page.fill("#password", "wrong-password")
    page.fill("#username", "alice")
    with page.expect_navigation():
        page.click("button[type=submit]")
    if found := _axe_blocking(page):  # the refused login, with its error message
        failures["login refused"] = found
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/admin/login" not in page.url, "login failed"
    # The newest publication's page is the review page with its de-identification report.
    page.goto(base_url + "/admin/publications")
    review = page.locator("a[href*='/admin/publications/']").first.get_attribute("href")
    _report(failures)
    _check_pages(page, base_url, {
        "dashboard": "/admin/", "upload": "/admin/upload", "publications": "/admin/publications",
        "review and de-identification report": review, "moderation queue": "/admin/comments",
        "moderation (all)": "/admin/comments?status=all", "audit log": "/admin/audit"})
    # A refused upload: the error table staff must read to fix their file.
    bad = tmp_path / "项目.csv"
    bad.write_text("项目编号,项目名称\nXM-1,缺少必填列的项目\n", encoding="utf-8")
    page.goto(base_url + "/admin/upload")
    page.set_input_files("#files", str(bad))
    with page.expect_navigation():
        page.click("form.comment-form button[type=submit]")
    assert page.locator("[role=alert]").count() > 0
    _report({"upload refused": found} if (found := _axe_blocking(page)) else {})


def test_every_chart_has_a_data_table(live_server, page_urls, browser_page):
    page = browser_page
    checked = 0
    for name in ("home", "execution", "district", "department", "project", "scored-project", "compare", "ask",
                 "whitepaper"):
        page.goto(live_server + page_urls[name])
        charts = page.locator("[data-chart]")
        for i in range(charts.count()):
            # A <details> with the chart's table (or the full table) follows the chart, or follows its <figure>
            # (the aria-label says "数据见下方表格"); either way a screen reader gets a real table.
            rows = charts.nth(i).evaluate("""el => {
                const figure = el.closest('figure') || el.parentElement;
                let table = null;
                for (let node = el.nextElementSibling; node && !table; node = node.nextElementSibling)
                    if (node.tagName === 'DETAILS' || node.tagName === 'TABLE' || node.classList.contains('table-wrap'))
                        table = node.tagName === 'TABLE' ? node : node.querySelector('table');
                if (!table && figure.tagName === 'FIGURE') {
                    const next = figure.nextElementSibling;
                    table = next && (next.tagName === 'TABLE' ? next : next.querySelector('table'));
                }
                return table ? table.querySelectorAll('tbody tr').length : -1;
            }""")
            assert rows > 0, f"chart #{i} on {name} has no data-table alternative"
            checked += 1
    assert checked >= 5, f"only {checked} charts found"


def _focused(page):
    return page.evaluate("""() => {
        const el = document.activeElement;
        return {tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '', id: el.id || '',
                value: el.value || '', text: (el.textContent || '').trim().slice(0, 20)};
    }""")


def _tab_until(page, predicate, limit=60):
    """Press Tab until the focused element matches; returns the tab count (fails after ``limit``)."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if predicate(_focused(page)):
            return presses
    raise AssertionError(f"focus never reached the control; last focus {_focused(page)}")


def test_keyboard_only_search_and_ask(live_server, browser_page):
    page = browser_page
    page.goto(live_server + "/")
    # The first Tab reaches the skip link, which is visible when focused.
    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "跳到正文"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0
    # The home page's one box (a question or a search) opens /ask.
    _tab_until(page, lambda f: f["tag"] == "input" and f["name"] == "q")
    page.keyboard.type("2025年全市农村公路项目总投资是多少")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/ask" in page.url
    assert page.locator(".answer-figure .value").first.inner_text().strip() != ""

    page.goto(live_server + "/search")
    _tab_until(page, lambda f: f["tag"] == "input" and f["name"] == "q")
    page.keyboard.type("农村公路")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search" in page.url
    assert page.locator(".result").count() > 0
    assert page.console_errors == []


@pytest.fixture()
def small_portal_url(tmp_path):
    with serve_in_thread(make_portal(tmp_path)) as base_url:
        yield base_url


def test_keyboard_only_comment(small_portal_url, browser_page):
    page = browser_page
    url = f"{small_portal_url}/projects/{PROJECT}"
    page.goto(url)
    # Tab into the rating group: one stop for the whole radio group; arrows move the choice.
    _tab_until(page, lambda f: f["type"] == "radio" and f["name"] == "rating")
    first = _focused(page)["value"]
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    chosen = _focused(page)
    assert chosen["type"] == "radio" and chosen["value"] != first
    assert page.locator(f"input[name=rating][value='{chosen['value']}']").is_checked()
    # Next stop after the radio group is the comment body.
    page.keyboard.press("Tab")
    assert _focused(page)["tag"] == "textarea"
    page.keyboard.type("键盘提交的评议：施工围挡夜间缺少照明。")
    _tab_until(page, lambda f: f["tag"] == "button", limit=5)
    assert "提交" in _focused(page)["text"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "审核通过后将公开显示" in page.locator("#community").inner_text()
    assert page.console_errors == []
