"""The first-screen judge of tests/eval/tasks.py on hand-made HTML (no portal, no server): the page is
set in the system Chromium at 1280×800 and read with the same script the task runner uses."""
from decimal import Decimal

import pytest

from .tasks import judge, numbers_with_units, read_screen

MONEY = {"type": "figure", "unit": "元", "values": [3023999776.58]}
RATE = {"type": "figure", "unit": "%", "values": [68.4]}
GROWTH = {"type": "figure", "unit": "%", "values": [5.0]}
COUNT = {"type": "figure", "unit": "个", "values": [65]}
PROJECT = {"type": "project", "ids": ["2021-990000-0007", "2023-990000-0036"]}
DOCUMENT = {"type": "document", "ids": ["2025-990000-whitepaper"]}
PAYMENT = {"type": "payment", "ids": ["GK20260009135"], "projects": ["2021-990000-0007"]}
DECLINE = {"type": "decline"}
BELOW = '<div style="height:2000px"></div>'


@pytest.fixture()
def desktop(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


def verdict(page, html, target):
    """Judge ``html`` served at a made-up origin by Playwright itself (links need an origin to resolve)."""
    body = f"<!doctype html><html><head><meta charset=utf-8></head><body>{html}</body></html>"
    page.route("http://judge.test/**", lambda route: route.fulfill(body=body, content_type="text/html"))
    page.goto("http://judge.test/ask")
    return judge(read_screen(page), target)


@pytest.mark.browser
@pytest.mark.parametrize("html, ok", [
    ("<p>枫林区 2025 年支出 <b>30.24</b> 亿元</p>", True),
    ("<p>支出 30.24亿</p>", True),
    ("<p>支出 302,399.98 万元</p>", True),
    ("<p>支出 3,023,999,776.58 元</p>", True),
    ("<p>支出 30 亿元</p>", False),  # half a step (0.5 亿) is more than 1 % of the target
    ("<p>支出 30.25 亿元</p>", False),
    ("<p>常住人口 30.24 万人</p>", False),
    ("<p>支出 30.24</p>", False),  # no unit
    ("<table><thead><tr><th>地区</th><th>支出（亿元）</th></tr></thead>"
     "<tbody><tr><td>枫林区</td><td>30.24</td></tr></tbody></table>", True),
    ("<table><thead><tr><th>地区</th><th>支出（万元）</th></tr></thead>"
     "<tbody><tr><td>枫林区</td><td>30.24</td></tr></tbody></table>", False),
    ("<table><tr><th>支出（亿元）</th><th>说明</th></tr><tr><td>30.24</td><td>元旦</td></tr></table>", True),
    (BELOW + "<p>支出 30.24 亿元</p>", False),
    ('<p style="display:none">支出 30.24 亿元</p>', False),
    ('<div style="width:300px;overflow-x:auto"><p style="width:3000px;margin:0">'
     '<span style="display:inline-block;width:2000px"></span>30.24 亿元</p></div>', False),
])
def test_money_is_matched_as_shown_on_the_first_screen(desktop, html, ok):
    assert verdict(desktop, html, MONEY).success is ok


@pytest.mark.browser
@pytest.mark.parametrize("html, target, ok", [
    ("<p>执行率 68.4%</p>", RATE, True),
    ("<p>执行率 68%</p>", RATE, True),
    ("<p>执行率 68.5%</p>", RATE, False),
    ("<p>增长 5%</p>", GROWTH, True),
    ("<p>增长 6%</p>", GROWTH, False),
    ("<p>滞后项目 65 个</p>", COUNT, True),
    ("<p>滞后<strong>65</strong></p>", COUNT, True),
    ("<p>项目 2021-990000-0065</p>", COUNT, False),
    ("<p>滞后 65 天</p>", COUNT, False),
])
def test_rates_and_counts(desktop, html, target, ok):
    assert verdict(desktop, html, target).success is ok


@pytest.mark.browser
@pytest.mark.parametrize("html, target, ok", [
    ('<a href="/projects/2023-990000-0036">饮水工程</a>', PROJECT, True),
    ('<a href="/projects/2023-990000-0036?tab=payments#p">饮水工程</a>', PROJECT, True),
    ('<a href="/projects/2023-990000-0099">另一项目</a>', PROJECT, False),
    ('<a href="/search?q=2023-990000-0036">搜索</a>', PROJECT, False),
    (BELOW + '<a href="/projects/2023-990000-0036">饮水工程</a>', PROJECT, False),
    ('<details><summary>更多</summary><a href="/projects/2023-990000-0036">饮水工程</a></details>', PROJECT, False),
    ('<a href="/documents/2025-990000-whitepaper">白皮书</a>', DOCUMENT, True),
    ('<a href="/reports/whitepaper?year=2025">白皮书</a>', DOCUMENT, False),
    ("<table><tr><th>凭证号</th></tr><tr><td>GK20260009135</td></tr></table>", PAYMENT, True),
    ("<p>XGK202600091351</p>", PAYMENT, False),
])
def test_records(desktop, html, target, ok):
    assert verdict(desktop, html, target).success is ok


@pytest.mark.browser
@pytest.mark.parametrize("html, ok", [
    ('<div class="decline"><p><strong>无法回答：</strong>本站没有北京市的数据</p></div>', True),
    ('<p class="no-results">没有找到相关结果。请换一个词。</p>', True),
    ("<p>全市支出 30.24 亿元</p>", False),
    ('<a href="/projects/2023-990000-0036">饮水工程</a>', False),  # search hits say nothing of the data
    (BELOW + "<p>无法回答：本站没有北京市的数据</p>", False),
])
def test_declines(desktop, html, ok):
    assert verdict(desktop, html, DECLINE).success is ok


@pytest.mark.browser
def test_failure_classes(desktop):
    assert verdict(desktop, BELOW + "<p>30.24 亿元</p>", MONEY).failure == "on the page but below the first screen"
    assert verdict(desktop, "<p>没有</p>", MONEY).failure == "not on the page"
    partial = verdict(desktop, '<a href="/projects/2021-990000-0007">项目</a>', PAYMENT)
    assert not partial.success and partial.partial == ["2021-990000-0007"]


def test_number_tokens_and_units():
    assert numbers_with_units("预算 484.75 亿元，1-10月") == [(Decimal("484.75"), 2, "亿元")]
    assert numbers_with_units("凭证 GK20260009135 日期 2026-10-31") == []
    assert numbers_with_units("1,234", header="金额（万元）") == [(Decimal("1234"), 0, "万元")]
