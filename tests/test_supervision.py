"""Supervision rules (ledger/supervision): each rule fires on the cases built to fire and on none of the
controls, with the numbers worked out by hand in tests/supervision_fixture.py."""
import dataclasses

import pytest
import supervision_fixture as fx

from ledger import supervision
from ledger.supervision import rules as rules_module
from ledger.supervision.budget_flags import forecast_flags, pace_flags
from ledger.supervision.model import AsOf
from ledger.supervision.plans import plan_flags
from ledger.supervision.risk import risk_flags
from ledger.supervision.suppliers import share_flags, window_flags

RULES = rules_module.load()
# The linear rule (时间进度), for the tests written against it; the file's default basis is "profile".
LINEAR = dataclasses.replace(RULES, pace=dataclasses.replace(RULES.pace, basis="linear"))
JUNE = AsOf(2024, 6)


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory):
    engine, pub_id = fx.build(tmp_path_factory.mktemp("supervision") / "rules.db")
    with engine.connect() as conn:
        yield conn, pub_id
    engine.dispose()


def codes(flags, subject=None):
    return sorted(f.code for f in flags if subject is None or f.subject == subject)


def test_rules_file_is_the_documented_one():
    assert RULES.pace.ratio == 0.7 and RULES.pace.consecutive_months == 2 and RULES.pace.basis == "profile"
    assert RULES.plan.tolerance == 0.05 and RULES.risk.behind_points == 10 and RULES.risk.consecutive_quarters == 2
    with pytest.raises(ValueError, match="basis"):
        rules_module.parse(rules_module.RULES_FILE.read_text(encoding="utf-8").replace(
            'basis = "profile"', 'basis = "straight"'))
    with pytest.raises(ValueError, match="缺少"):
        rules_module.parse("[pace]\nratio = 0.7\n")


def test_pace_fires_after_two_months_under_the_line(fixture_db):
    conn, pub_id = fixture_db
    flags = pace_flags(conn, pub_id, JUNE, "region", LINEAR)
    # Controls: one month under only, recovered, below the minimum budget.
    assert codes(flags) == sorted([fx.LAG, fx.LINEAR_ONLY])
    lag = next(f for f in flags if f.code == fx.LAG)
    assert lag.detail == ("2024年累计执行率 5月 15.0%、6月 20.0%，均低于时间进度的70%（29.2%、35.0%）。"
                          "时间进度为 41.7%、50.0%，往年同期进度为 25.0%、30.0%。")
    assert lag.level == "需关注" and lag.period == "2024-06" and lag.region_code == fx.LAG
    history = lag.figures["history"]
    # 3% a month against a line of 5.8% a month: under from January, flagged from February on.
    assert [h["below"] for h in history] == [True] * 6
    assert [h["warning"] for h in history] == [False] + [True] * 5
    assert {link.target for link in lag.links} == {"records", "execution_region"}
    # History: in May RECOVERED (5% a month) was still flagged; its June spending lifted it above the line.
    assert codes(pace_flags(conn, pub_id, AsOf(2024, 5), "region", LINEAR)) == [fx.LAG, fx.RECOVERED, fx.LINEAR_ONLY]
    assert codes(pace_flags(conn, pub_id, AsOf(2024, 1), "region", LINEAR)) == []  # one month cannot be two


def test_pace_on_the_seasonal_profile(fixture_db):
    """basis = "profile" (the default): the line follows the earlier years' rhythm (25% by May, 30% by June)."""
    conn, pub_id = fixture_db
    flags = pace_flags(conn, pub_id, JUNE, "region", RULES)
    assert codes(flags) == [fx.LAG]  # 19% and 24% are above 70% of 25% and 30%
    assert "均低于往年同期进度（2021–2023年平均）的70%（17.5%、21.0%）" in flags[0].detail


def test_year_end_forecast_follows_the_profile(fixture_db):
    conn, pub_id = fixture_db
    flags = forecast_flags(conn, pub_id, JUNE, "region", RULES)
    lag = next(f for f in flags if f.code == fx.LAG)
    # 2,400,000 spent by June, 30% of a year's spending by June in 2021–2023: 8,000,000 of 12,000,000.
    assert lag.figures["forecast_fen"] == 800_000_000 and lag.figures["forecast_rate"] == pytest.approx(2 / 3)
    assert "预计2024年全年支出 800.00 万元，为年度预算 1,200.00 万元 的 66.7%，低于 85%" in lag.detail
    # RECOVERED: 4,800,000 by June on the same (area) rhythm is 16,000,000 — above the budget: no flag.
    assert fx.RECOVERED not in codes(flags) and fx.SMALL not in codes(flags)
    whole = supervision.year_end_forecast(conn, pub_id, 2024, 6)
    assert whole["basis"] == "profile" and whole["share"] == pytest.approx(0.3)


def test_plan_deviation_at_year_ends(fixture_db):
    conn, pub_id = fixture_db
    now = plan_flags(conn, pub_id, JUNE, RULES)  # the last closed year is 2023
    assert codes(now) == ["P2"]  # P1 -2%, P3 +4.9%, P4 one year, P5 plan too small
    assert now[0].detail == ("截至2023年末累计支付 212.00 万元，累计计划 200.00 万元，偏差 +6.0%，"
                             "超出 ±5%（支出快于计划）。")
    assert now[0].period == "2023年末"
    then = plan_flags(conn, pub_id, AsOf(2022, 12), RULES)  # December closes its own year
    assert codes(then) == ["P1"] and "偏差 -10.0%" in then[0].detail and "支出慢于计划" in then[0].detail


def test_project_risk_needs_two_consecutive_quarters(fixture_db):
    conn, pub_id = fixture_db
    flags = risk_flags(conn, pub_id, JUNE, RULES)
    assert codes(flags) == ["R1"]  # R2 caught up, R3 one quarter, R4 completed, R5 gap in reports, R6 exactly 10
    assert flags[0].level == "高风险" and flags[0].period == "2024年二季度末"
    assert flags[0].detail == ("2024年一季度末实际形象进度 25%，计划 40%（落后 15 个百分点）；2024年二季度末实际形象进度 35%，"
                               "计划 50%（落后 15 个百分点）：连续 2 个季度落后计划超过 10 个百分点。")
    # At the end of March only one quarter had been reported behind.
    assert codes(risk_flags(conn, pub_id, AsOf(2024, 3), RULES)) == []


def test_wins_across_unrelated_fields_in_a_short_window(fixture_db):
    conn, pub_id = fixture_db
    flags = window_flags(conn, pub_id, JUNE, RULES)
    assert codes(flags) == ["甲公司"]  # 乙: three classes only; 丙: the same spread over 280 days
    assert flags[0].detail.startswith("2024-01-05 至 2024-03-29（84 天）中标 8 个项目，分属 4 个功能分类")
    assert "、6 个预算单位" in flags[0].detail
    assert codes(window_flags(conn, pub_id, AsOf(2023, 12), RULES)) == []  # none of it had happened yet


def test_department_concentration(fixture_db):
    conn, pub_id = fixture_db
    flags = share_flags(conn, pub_id, JUNE, RULES)
    assert codes(flags) == ["D7"]  # D8: eight contractors; D1–D6: fewer than eight contracts each
    assert flags[0].figures["hhi"] == 4375 and flags[0].figures["top_contractor"] == "丁公司"
    assert "丁公司 5 份，占 62.5%；集中度指数 HHI 4,375（单一承建方占比达到 50%、HHI 达到 3,000）" in flags[0].detail


def test_evaluate_is_the_sum_of_the_rules(fixture_db):
    conn, pub_id = fixture_db
    flags = supervision.evaluate(conn, pub_id, 2024, 6)
    counts = supervision.counts(flags)
    assert counts["plan"] == 1 and counts["risk"] == 1 and counts["supplier_window"] == 1
    assert counts["supplier_share"] == 1
    # The rule file's basis (profile): LINEAR_ONLY is above the seasonal line.
    assert [f.id for f in supervision.select_flags(flags, kind="pace", subject="region")] == [
        f"pace:region:{fx.LAG}:2024-06"]
    history = supervision.history(conn, pub_id, 2024, 6)
    assert [h["counts"]["risk"] for h in history] == [0, 0, 0, 0, 0, 1]
    # The hooks the question box will call answer from the same flags.
    assert codes(supervision.high_risk_projects(conn, pub_id)) == ["R1"]
    assert fx.LAG in codes(supervision.lagging(conn, pub_id, level="region"))


def test_profile_falls_back_to_linear_without_complete_earlier_years(fixture_db):
    """No earlier year with all 12 months (a city's first year): the profile rule measures against 时间进度
    and says why, in the flag, in where-it-stands and in the rule's description."""
    conn, pub_id = fixture_db
    short = dataclasses.replace(RULES, pace=dataclasses.replace(RULES.pace, profile_years=1))
    with conn.begin_nested() as savepoint:  # drop December 2023: 2023 is no longer a complete year
        conn.exec_driver_sql("DELETE FROM expenditures WHERE year = 2023 AND month = 12")
        from ledger.queries import cache
        cache.clear()
        flags = pace_flags(conn, pub_id, JUNE, "region", short)
        savepoint.rollback()
    cache.clear()
    assert codes(flags) == sorted([fx.LAG, fx.LINEAR_ONLY])  # the linear line, as in the linear test
    note = "规则按往年同期进度判断，但2023年没有 12 个月齐全的支出数据，无法计算往年同期进度，改按时间进度判断"
    lag = next(f for f in flags if f.code == fx.LAG)
    assert "均低于时间进度的70%（29.2%、35.0%）" in lag.detail and note in lag.detail
    assert "没有 12 个月齐全的支出数据时" in supervision.describe(RULES)[0]["rule"]
    # With complete earlier years there is nothing to explain.
    assert all("改按时间进度" not in f.detail for f in pace_flags(conn, pub_id, JUNE, "region", RULES))
