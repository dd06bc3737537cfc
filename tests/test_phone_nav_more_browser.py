"""On a 375×740 phone every item of the top navigation is reachable without a hidden sideways scroll: the
items that do not fit sit in a visible 「更多」 menu on the header's line (wide screens show them all)."""
import pytest

pytestmark = pytest.mark.browser

WIDE_ONLY = ["区县对比", "监督预警", "绩效", "报告", "开放数据"]


def _inside_screen(page, locator):
    box = locator.bounding_box()
    return box is not None and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= 375 + 0.5 \
        and box["y"] + box["height"] <= 740


def test_every_nav_item_is_reachable_on_a_phone_without_scrolling_sideways(live_server, mobile_page):
    page = mobile_page
    page.goto(live_server + "/projects")
    nav = page.locator("nav[aria-label='主导航']")
    # nothing of the header hides past the right edge
    assert nav.evaluate("el => el.querySelector('ul').scrollWidth <= el.querySelector('ul').clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for label in ["首页", "预算执行", "项目", "搜索", "问答"]:
        assert _inside_screen(page, nav.get_by_role("link", name=label, exact=True).first), label
    more = nav.locator("summary", has_text="更多")
    assert _inside_screen(page, more)
    more.click()
    for label in WIDE_ONLY:
        link = nav.locator(".nav-more").get_by_role("link", name=label, exact=True)
        assert link.is_visible() and _inside_screen(page, link), label
    nav.locator(".nav-more").get_by_role("link", name="开放数据", exact=True).click()
    page.wait_for_url("**/data**")


def test_wide_screens_show_every_item_and_no_more_menu(live_server, browser_page):
    page = browser_page
    page.goto(live_server + "/")
    nav = page.locator("nav[aria-label='主导航']")
    for label in WIDE_ONLY:
        assert nav.locator("li.nav-wide").get_by_role("link", name=label, exact=True).is_visible(), label
    assert not nav.locator("summary", has_text="更多").is_visible()
