"""The question box answers unit cost by district (issue #16 绩效): 「哪个区修路每公里花钱最多」 — from
ledger.queries.performance.unit_cost_by_region, the function /api/performance/unit-costs answers with."""

import pytest


def _districts(client, category, suffixes=("区", "县")):
    """The API's rows of the districts (level 1) whose names end in one of ``suffixes`` (「哪个区」: the 区)."""
    regions = client.get("/api/performance/unit-costs", query_string={"category": category}).get_json()["regions"]
    return [r for r in regions if r["level"] == 1 and r["region_name"].endswith(suffixes)]


def test_road_cost_per_km_by_district_is_the_apis(ask_demo, client):
    result = ask_demo("哪个区修路每公里花钱最多")
    answer = result["answer"]
    assert result["query"]["kind"] == "unit_cost" and result["query"]["category"] == "农村公路"
    expected = _districts(client, "农村公路", ("区",))  # 「哪个区」 ranks the 区, not the 县
    assert expected and answer["keys"] == [r["region_code"] for r in expected]
    assert answer["value"] == expected[0]["unit_cost_yuan"] and answer["top"] == expected[0]["region_name"]
    assert answer["unit"] == "元/公里" and expected[0]["region_name"] in answer["sentence"]
    # each row's records: the district's road projects, as many as the figure adds up
    for row, link, region in zip(answer["rows"], result["links"]["rows"], expected):
        path, _, query = link["records"]["projects"].partition("?")
        listed = client.get(f"{path}.json?{query}").get_json()
        assert listed["count"] == region["projects"] == row[3]


def test_cheapest_first_when_asked(ask_demo, client):
    answer = ask_demo("哪个区县幼儿园每个学位花钱最少")["answer"]
    expected = sorted(_districts(client, "幼儿园建设"), key=lambda r: (r["unit_cost_yuan"], r["region_code"]))
    assert answer["keys"][0] == expected[0]["region_code"] and answer["value"] == expected[0]["unit_cost_yuan"]


@pytest.mark.parametrize("q, kind", [
    ("去年修了多少公里农村公路", "project"),
    ("哪个区交通运输支出最多", "ranking"),
    ("农村公路项目总投资多少", "project"),
])
def test_near_misses_keep_their_kinds(ask_demo, q, kind):
    assert ask_demo(q)["query"]["kind"] == kind
