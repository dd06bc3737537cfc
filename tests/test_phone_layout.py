"""Citizens on phones (issue #17): at 375 px every listing shows each row's name and its key figure(s)
inside the screen, without horizontal scrolling — the page is no wider than the screen and the key
cells of the first rows lie wholly between its left and right edges. Real Chromium, real HTTP."""
import re

import pytest

pytestmark = pytest.mark.browser

# The cells of one row that must be on screen: the name, and the figure(s) the listing is about.
IN_VIEW = """([rowSelector, cellSelectors]) => {
    // rows of the listing itself, not of a chart's folded data table
    const rows = [...document.querySelectorAll(rowSelector)].filter(row => !row.closest('details')).slice(0, 5);
    return rows.map(row => cellSelectors.map(selector => {
        const cell = row.querySelector(selector);
        if (!cell) return [selector, 'missing'];
        const box = cell.getBoundingClientRect();
        const shown = box.width > 0 && box.height > 0 && getComputedStyle(cell).visibility !== 'hidden';
        const inside = box.left >= 0 && box.right <= window.innerWidth + 0.5;
        return [selector, shown && inside ? 'ok' : `left=${box.left} right=${box.right} width=${box.width}`];
    }));
}"""


def cell_of(label):
    """The cell under a column label (data-label carries it, with the column's unit)."""
    return f"td[data-label^='{label}']"


def _first(client, path, pattern):
    match = re.search(pattern, client.get(path).get_data(as_text=True))
    assert match, f"no link like {pattern} on {path}"
    return match.group(0).replace("&amp;", "&")


@pytest.fixture(scope="module")
def listings(demo_app):
    """(path, row selector, [name cell, key figure cells]) for every listing page type."""
    client = demo_app.test_client()
    district = _first(client, "/execution", r'/execution/region/99\d{2}[1-9]\d?(?=[?"])')
    department = _first(client, "/execution", r'/execution/region/990101(?=[?"])') + "/dept/990101001"
    unit = _first(client, department, r'/execution/region/\d+/dept/\d+/unit/\d+(?=[?"])')
    data_rows = "table.data tbody tr"

    def section(title):  # the listing under a page's section heading
        return f"[aria-labelledby={title}] table.data tbody tr"
    figures = [cell_of("预算数"), cell_of("支出数"), cell_of("执行率")]
    return [
        ("/", section("top-title"), ["td.card-lead"] + figures),
        ("/execution", section("regions-title"), ["td.card-lead"] + figures),
        (district, section("depts-title"), ["td.card-lead"] + figures),
        (department, section("units-title"), ["td.card-lead"] + figures),  # its 二级预算单位 (cards)
        (unit, section("sub-title"), ["td.card-lead"] + figures),
        ("/records/expenditures?year=2025&region=990101", data_rows, ["td.card-lead", cell_of("支出数")]),
        ("/records/budgets?year=2025", data_rows, ["td.card-lead", cell_of("预算数")]),
        ("/records/unit/expenditures?year=2025&dept=990101001", data_rows, ["td.card-lead", cell_of("支出数")]),
        ("/projects", data_rows, ["td.card-lead", cell_of("总投资"), cell_of("已支付"), cell_of("形象进度")]),
        ("/projects?township=990102006", data_rows,
         ["td.card-lead", cell_of("总投资"), cell_of("已支付"), cell_of("形象进度")]),
        ("/compare", ".compare-table tbody tr", ["th[scope=row]", "td[data-label^='民生支出占比']",
                                                 "td[data-label^='预算执行率']", "td[data-label^='支出总额']"]),
    ]


def test_every_listing_shows_name_and_key_figures_at_375px(live_server, mobile_page, listings):
    page = mobile_page
    problems = []
    for path, rows, cells in listings:
        response = page.goto(live_server + path, wait_until="load")
        assert response.status == 200, path
        width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width > viewport:
            problems.append(f"{path}: page is {width}px wide on a {viewport}px screen")
        found = page.evaluate(IN_VIEW, [rows, cells])
        assert found, f"{path}: no rows"
        problems += [f"{path}: {selector} {state}" for row in found for selector, state in row if state != "ok"]
    assert not problems, "\n".join(problems)
    assert page.console_errors == []


def test_figures_read_as_numbers_under_one_unit_per_column(live_server, mobile_page):
    """On a phone card the figure's label names its unit (总投资（亿元）) and the value is a bare number."""
    page = mobile_page
    page.goto(live_server + "/projects", wait_until="load")
    labels = page.eval_on_selector_all("table.data tbody tr:first-child td.amount",
                                       "cells => cells.map(c => [c.dataset.label, c.innerText.trim()])")
    assert labels
    for label, value in labels:
        assert re.fullmatch(r".+（(亿元|万元|元)）", label), label
        assert re.fullmatch(r"[\d,]+\.\d{2}", value), value


def test_radar_axis_names_are_not_clipped_at_375px(live_server, mobile_page):
    page = mobile_page
    page.goto(live_server + "/compare", wait_until="load")
    page.locator("#radar-chart[data-chart-ready='true']").wait_for()
    box = page.locator("#radar-chart").bounding_box()
    texts = page.eval_on_selector_all("#radar-chart svg text", """els => els
        .filter(t => /（/.test(t.textContent) || /支出|执行率|增长/.test(t.textContent))
        .map(t => { const b = t.getBoundingClientRect(); return [t.textContent, b.left, b.right]; })""")
    assert texts, "no radar axis names drawn"
    for text, left, right in texts:
        assert box["x"] - 0.5 <= left and right <= box["x"] + box["width"] + 0.5, (text, left, right, box)
    assert page.console_errors == []


def test_compare_prints_on_a4_with_legends_clear_of_the_plots(live_server, browser_page):
    """Print media at A4 width: charts redraw at their printed size with whole (non-scrolling) legends
    that do not overlap the axis names or the plot."""
    page = browser_page
    page.set_viewport_size({"width": 794, "height": 1123})
    page.goto(live_server + "/compare", wait_until="load")
    page.locator("#class-chart[data-chart-ready='true']").wait_for()
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(300)
    legend = page.eval_on_selector_all(".compare-table tbody th[scope=row], .compare-table tfoot th[scope=row]",
                                       "els => els.map(e => e.textContent.trim())")
    overlaps = page.evaluate("""([legend]) => ['#radar-chart', '#class-chart'].map(id => {
        const texts = [...document.querySelectorAll(id + ' svg text')].map(t => [t.textContent.trim(), t.getBoundingClientRect()])
            .filter(([s, b]) => s && b.width > 0);
        const clash = [];
        for (const [a, p] of texts.filter(([s]) => legend.includes(s))) for (const [b, q] of texts) {
            if (a === b && p === q) continue;
            if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1) clash.push(a + ' / ' + b);
        }
        return [id, clash];
    })""", [legend])
    for chart, clash in overlaps:
        assert not clash, f"{chart}: overlapping labels in print: {clash[:5]}"
    pager = page.eval_on_selector_all("#class-chart svg text", "els => els.map(t => t.textContent)")
    assert not any(re.fullmatch(r"\d+/\d+", t) for t in pager), "print legend still pages (scroll type)"
