"""Text normalisation and time words (no database, no model)."""
import datetime as dt

import pytest

from nlq.text import normalize
from nlq.timeparse import parse_period

AS_OF = dt.date(2026, 10, 31)


@pytest.mark.parametrize("raw, want", [
    ("近三年全市教育支出", "近3年全市教育支出"),
    ("投资超过三千万的五个项目", "投资超过30000000的5个项目"),
    ("一般公共预算", "一般公共预算"),
    ("二〇二四年衛生健康", "2024年卫生健康"),
    ("１－９月", "1-9月"),
    ("百分之五十", "50%"),
])
def test_normalize(raw, want):
    assert normalize(raw) == want


@pytest.mark.parametrize("text, want", [
    ("今年", (2026, 2026, 0, 0)), ("去年", (2025, 2025, 0, 0)), ("前年", (2024, 2024, 0, 0)),
    ("今年上半年", (2026, 2026, 1, 6)), ("前3季度", (2026, 2026, 1, 9)), ("近3年", (2024, 2026, 0, 0)),
    ("上个月", (2026, 2026, 9, 9)), ("2023年", (2023, 2023, 0, 0)), ("23年", (2023, 2023, 0, 0)),
    ("1至6月", (2026, 2026, 1, 6)), ("2019到2023年", (2019, 2023, 0, 0)), ("2024年比上年", (2024, 2024, 0, 0)),
    ("截至9月", (2026, 2026, 1, 9)), ("2019年以来", (2019, 2026, 0, 0)), ("自2021年起", (2021, 2026, 0, 0)),
])
def test_time_words(text, want):
    period, _spans = parse_period(normalize(text), AS_OF)
    assert (period.year_from, period.year_to, period.month_from, period.month_to) == want


def test_last_month_in_january_is_december_last_year():
    period, _ = parse_period("上个月", dt.date(2026, 1, 15))
    assert (period.year_from, period.month_from) == (2025, 12)


@pytest.mark.parametrize("text, want", [
    ("截止到去年8月", (2025, 2025, 1, 8)), ("今年前6个月", (2026, 2026, 1, 6)), ("2025年5月底", (2025, 2025, 1, 5)),
    ("前两个季度", (2026, 2026, 1, 6)), ("前三个季度", (2026, 2026, 1, 9)), ("去年第四季度", (2025, 2025, 10, 12)),
    ("2024年2到7月", (2024, 2024, 2, 7)), ("去年8月", (2025, 2025, 8, 8)),
])
def test_cumulative_months_and_quarters(text, want):
    """「截至…N月」「前N个月」 run from January; a month named alone is that month."""
    period, _spans = parse_period(normalize(text), AS_OF)
    assert (period.year_from, period.year_to, period.month_from, period.month_to) == want


def test_growth_typo_is_read_as_growth():
    assert normalize("支出增涨率") == "支出增长率"
