"""Performance (绩效) logic: scores reproduced from the stated weights; unit-cost outliers on seeded
cases and controls. (Pure logic: ledger/performance.py.)"""
import pytest

from ledger import performance as perf

TARGETS = {"quantity": 20, "quality": 95, "timeliness": 300, "cost": 1_000_000, "benefit": 5000,
           "satisfaction": 90, "execution": 100}


def test_weights_follow_the_framework_and_sum_to_100():
    weights = {i.key: i.weight for i in perf.INDICATORS}
    assert weights == {"quantity": 15, "quality": 15, "timeliness": 10, "cost": 10, "benefit": 30,
                       "satisfaction": 10, "execution": 10}
    assert sum(weights.values()) == 100


def test_all_targets_met_scores_100():
    result = perf.score(TARGETS, dict(TARGETS))
    assert result == {**result, "score": 100.0, "complete": True}


def test_score_reproduced_by_hand_from_the_weights():
    actuals = {"quantity": 15, "quality": 95, "timeliness": 400, "cost": 1_250_000, "benefit": 6000,
               "satisfaction": 72, "execution": 80}
    # 15×0.75 + 15×1 + 10×(300/400) + 10×(1.0/1.25) + 30×1 (capped) + 10×(72/90) + 10×0.8
    expected = 11.25 + 15 + 7.5 + 8 + 30 + 8 + 8
    assert perf.score(TARGETS, actuals)["score"] == pytest.approx(expected, abs=0.05)  # rounded to 0.1


def test_unmeasured_indicator_is_left_out_and_the_rest_rescaled():
    actuals = {**TARGETS, "benefit": None, "quantity": 10}  # benefit not measured; quantity half done
    result = perf.score(TARGETS, actuals)
    assert result["complete"] is False
    assert result["score"] == pytest.approx(round(100 * (70 - 7.5) / 70, 1))


def test_public_ratings_feed_satisfaction_only_with_enough_of_them():
    assert perf.satisfaction_from_ratings(4.5, 12) == 90.0
    assert perf.satisfaction_from_ratings(4.5, perf.MIN_RATINGS - 1) is None
    assert perf.satisfaction_from_ratings(None, 0) is None


def _road(code, cost_wan, km, group="农村公路"):
    return {"code": code, "peer_group": group, "unit": "公里", "cost": cost_wan * 10_000, "quantity": km}


def test_unit_cost_outliers_flag_seeded_cases_not_controls():
    projects = [_road("A", 100, 1), _road("B", 220, 2), _road("C", 330, 3), _road("D", 105, 1),
                _road("HIGH", 400, 2),      # 200 万/公里: 1.8× the median (110)
                _road("LOW", 40, 1),        # 40 万/公里: under half the median
                _road("EDGE", 150, 1.1)]    # 136 万/公里: 1.24×, a control inside the band
    flagged = {f["code"]: f for f in perf.unit_cost_outliers(projects)}
    assert set(flagged) == {"HIGH", "LOW"}
    assert flagged["HIGH"]["direction"] == "high" and flagged["LOW"]["direction"] == "low"
    assert flagged["HIGH"]["explanation"] == "每公里 200.0 万元，是同类（农村公路）项目中位数 110.0 万元的 1.8 倍"


def test_small_or_unmeasurable_peer_groups_are_not_judged():
    projects = [_road("S1", 100, 1, group="学校"), _road("S2", 900, 1, group="学校"),
                _road("Z", 100, 0), _road("N", 100, None)]
    assert perf.unit_cost_outliers(projects) == []


def test_unit_cost_page_and_api_over_the_demo(client):
    data = client.get("/api/performance").get_json()
    roads = next(g for g in data["groups"] if g["category"] == "农村公路")
    assert roads["unit"] == "公里" and roads["projects"] > 3 and roads["median_unit_cost"] > 0
    assert data["outliers"], "the demo's spread of costs should flag some projects"
    top = data["outliers"][0]
    assert top["ratio"] >= perf.HIGH_RATIO and "倍" in top["explanation"]
    assert all(f["ratio"] >= perf.HIGH_RATIO or f["ratio"] <= perf.LOW_RATIO for f in data["outliers"])
    html = client.get("/performance").get_data(as_text=True)
    assert "单位成本中位数" in html and top["code"] in html
