"""The demo builds valid data for any as-of date, not only the tests' 2026-10-31.

`make run` builds the demo for the last full month before today; a plan trimmed below zero on
2026-11-30 once made that publish fail while every test (pinned to 2026-10-31) passed.
"""
import datetime as dt

import pytest

from ledger.demo.generator import build, default_as_of

DATES = ["2026-10-31", "2026-11-30", "2026-12-31", "2027-01-31", "2026-03-31", "2027-06-30"]


@pytest.mark.parametrize("as_of", [default_as_of().isoformat(), *DATES])
def test_annual_plans_are_never_negative(as_of):
    tables = build(as_of=dt.date.fromisoformat(as_of))
    plans = tables["project_plans"]
    assert plans and min(row["plan_fen"] for row in plans) >= 0
    assert all(row["plan_fen"] >= 0 for row in plans)
