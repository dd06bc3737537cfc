"""The supervision thresholds, read once from rules.toml (the one documented place) and checked."""
import functools
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

RULES_FILE = Path(__file__).with_name("rules.toml")
PACE_BASES = ("linear", "profile")
PACE_LEVELS = ("region", "dept", "class")


@dataclass(frozen=True)
class PaceRule:
    ratio: float
    consecutive_months: int
    basis: str
    profile_years: int
    levels: tuple
    min_budget_yuan: int


@dataclass(frozen=True)
class ForecastRule:
    min_rate: float


@dataclass(frozen=True)
class PlanRule:
    tolerance: float
    min_plan_yuan: int


@dataclass(frozen=True)
class RiskRule:
    behind_points: int
    consecutive_quarters: int


@dataclass(frozen=True)
class WindowRule:
    window_days: int
    min_wins: int
    min_classes: int
    min_departments: int


@dataclass(frozen=True)
class ShareRule:
    years: int
    min_contracts: int
    top_share: float
    hhi: int


@dataclass(frozen=True)
class Rules:
    pace: PaceRule
    forecast: ForecastRule
    plan: PlanRule
    risk: RiskRule
    supplier_window: WindowRule
    supplier_share: ShareRule


SECTIONS = {"pace": PaceRule, "forecast": ForecastRule, "plan": PlanRule, "risk": RiskRule,
            "supplier_window": WindowRule, "supplier_share": ShareRule}


def _section(name, cls, table):
    """One [section] as its dataclass; a missing or unknown key is a plain error naming the file."""
    given = table.get(name)
    if not isinstance(given, dict):
        raise ValueError(f"{RULES_FILE}: 缺少 [{name}] 一节")
    names = {f.name for f in fields(cls)}
    missing, unknown = names - set(given), set(given) - names
    if missing or unknown:
        raise ValueError(f"{RULES_FILE} [{name}]: 缺少 {sorted(missing)}，多余 {sorted(unknown)}")
    values = {key: tuple(value) if isinstance(value, list) else value for key, value in given.items()}
    return cls(**values)


def _check(rules):
    """Values that would make a rule meaningless are refused at start-up, not discovered on a page."""
    problems = []
    if rules.pace.basis not in PACE_BASES:
        problems.append(f"pace.basis 应为 {PACE_BASES} 之一")
    if not set(rules.pace.levels) <= set(PACE_LEVELS):
        problems.append(f"pace.levels 只能取 {PACE_LEVELS}")
    if not 0 < rules.pace.ratio <= 1 or not 0 < rules.forecast.min_rate <= 2:
        problems.append("pace.ratio 应在 (0, 1]，forecast.min_rate 应在 (0, 2]")
    counts = (rules.pace.consecutive_months, rules.risk.consecutive_quarters, rules.pace.profile_years,
              rules.supplier_window.min_wins, rules.supplier_share.years, rules.supplier_share.min_contracts)
    if min(counts) < 1:
        problems.append("连续月数、季度数、年数和个数都应至少为 1")
    if problems:
        raise ValueError(f"{RULES_FILE}: " + "；".join(problems))
    return rules


def parse(text):
    table = tomllib.loads(text)
    return _check(Rules(**{name: _section(name, cls, table) for name, cls in SECTIONS.items()}))


@functools.cache
def load():
    """The rules in force (rules.toml next to this module)."""
    return parse(RULES_FILE.read_text(encoding="utf-8"))
