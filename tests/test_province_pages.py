"""The city-wide pages with a province's worth of districts (issue #14): every district stays in the tables,
the JSON twins and the downloads, while the charts fold what no one can read (200 bars, 200 radar lines, 200
small charts) — and what they leave out is summed in their captions."""
import json
import re
from decimal import Decimal

import pytest
from conftest import DEMO_AS_OF, DEMO_SEED, _config_for

from ledger.demo.generator import generate_province
from ledger.money import format_amount
from portal.views.charts import CHART_KEPT_BARS
from portal.views.compare import DETAIL_MAX

AREAS, VOLUME = 3, 0.02  # 30 districts: more than a chart shows, a quick import


@pytest.fixture(scope="module")
def province_client(tmp_path_factory):
    from portal import create_app
    from portal.cli import run_publish

    instance = tmp_path_factory.mktemp("province-instance")
    files = generate_province(instance / "raw", DEMO_SEED, DEMO_AS_OF, AREAS, VOLUME)
    app = create_app({**_config_for(instance), "SEARCH_HYBRID": False})
    with app.app_context():
        run_publish(app, files, dataset="city", title="示例省", is_demo=True, created_by="tests")
    yield app.test_client()
    app.extensions["mingzhang.engine"].dispose()


def _chart(page, chart_id):
    block = re.search(rf'<script type="application/json" id="{chart_id}">(.*?)</script>', page, re.S)
    return json.loads(block.group(1))


def _wan(fen):
    return round(fen / 1_000_000, 2)


def test_execution_lists_every_district_and_folds_its_chart(province_client):
    data = province_client.get("/execution.json").get_json()
    rows = data["regions"]["rows"]
    assert len(rows) == 1 + AREAS * 10  # 市本级 and every district
    page = province_client.get("/execution").get_data(as_text=True)
    table = page[page.index('aria-label="按地区（市本级与各区县）"'):]
    table = table[:table.index("</table>")]
    assert table.count("<tr>") == len(rows) + 2  # header, every row, 合计
    chart = _chart(page, "regions-data")
    names = chart["xAxis"]["data"]
    by_budget = sorted(rows, key=lambda r: -r["budget"])
    assert len(names) == CHART_KEPT_BARS  # the rest is not one bar: it would dwarf the others
    assert set(names) == {r["name"] for r in by_budget[:CHART_KEPT_BARS]}
    rest = by_budget[CHART_KEPT_BARS:]
    budget = format_amount(round(sum(Decimal(str(r["budget"])) for r in rest) * 100))
    spent = format_amount(round(sum(Decimal(str(r["spent"])) for r in rest) * 100))
    assert f"其余 {len(rest)} 个地区合计预算 {budget}、支出 {spent}，未画出" in page
    assert 'id="regions-data"' in page and page.count("查看图表数据") == 1  # only the monthly chart's table


def test_compare_ranks_every_district_and_draws_the_first_twelve(province_client):
    data = province_client.get("/api/compare?sort=execution_rate").get_json()
    ranked = [r["name"] for r in data["regions"]]
    assert len(ranked) == AREAS * 10
    page = province_client.get("/compare?sort=execution_rate").get_data(as_text=True)
    assert page.count('data-region="') == len(ranked)  # the ranking table: every district
    assert f"前 {DETAIL_MAX} 个" in page and f"包含全部 {len(ranked)} 个" in page
    radar = _chart(page, "radar-options")["series"][0]["data"]
    assert [d["name"] for d in radar[:-1]] == ranked[:DETAIL_MAX]  # then the average
    bars = _chart(page, "class-options")["series"]
    assert [s["name"] for s in bars] == ranked[:DETAIL_MAX]
    assert len(re.findall(r'data-chart="monthly-', page)) == DETAIL_MAX
    head = re.search(r'<thead><tr><th scope="col">类</th>(.*?)</tr></thead>', page, re.S).group(1)
    assert re.findall(r'<th scope="col" class="num">([^<]+)</th>', head)[:-1] == ranked[:DETAIL_MAX]


def test_compare_draws_every_chosen_district_up_to_twelve(province_client):
    codes = [r["code"] for r in province_client.get("/api/compare").get_json()["regions"]][-5:]
    page = province_client.get("/compare?" + "&".join(f"region={c}" for c in codes)).get_data(as_text=True)
    assert 'id="detail-note"' not in page
    assert len(re.findall(r'data-chart="monthly-', page)) == 5
