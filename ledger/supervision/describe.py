"""Each rule in one plain Chinese sentence, with the thresholds in force (pages and the white paper show it)."""
from . import fmt
from .model import KINDS

BASIS_LABELS = {"linear": "时间进度（月份 ÷ 12）", "profile": "往年同期进度（往年全部地区 1 月至当月支出占全年的平均比例）"}
LEVEL_NAMES = {"region": "市本级与各区县", "dept": "预算单位", "class": "功能分类（类）"}


def _pace(rules):
    rule = rules.pace
    levels = "、".join(LEVEL_NAMES[level] for level in rule.levels)
    fallback = (f"；前 {rule.profile_years} 个年度没有 12 个月齐全的支出数据时，没有往年同期可比，改按时间进度判断并写明"
                if rule.basis == "profile" else "")
    return (f"{levels}的累计执行率（1 月至当月支出 ÷ 年度预算）连续 {rule.consecutive_months} 个月低于"
            f"{BASIS_LABELS[rule.basis]}的 {fmt.pct(rule.ratio, 0)}{fallback}。年度预算不足 "
            f"{rule.min_budget_yuan / 10_000:g} 万元的不判断。")


def _forecast(rules):
    return (f"按往年同期支出占全年的比例（各单位自己的规律；没有往年数据时按时间进度）推算全年支出，"
            f"预计年底执行率低于 {fmt.pct(rules.forecast.min_rate, 0)}。")


def _plan(rules):
    return (f"跨年度项目在每个已结束年度的年末，累计实际支付与累计分年度计划的偏差超过 ±{fmt.pct(rules.plan.tolerance, 0)}"
            f"（累计计划不足 {rules.plan.min_plan_yuan / 10_000:g} 万元的年份不比较）。")


def _risk(rules):
    return (f"未完工项目连续 {rules.risk.consecutive_quarters} 个季度末的实际形象进度比计划形象进度落后超过 "
            f"{rules.risk.behind_points} 个百分点，标为「高风险」。")


def _window(rules):
    rule = rules.supplier_window
    return (f"同一承建方在任意 {rule.window_days} 天内中标至少 {rule.min_wins} 个项目，且分属至少 {rule.min_classes} 个"
            f"功能分类（类）、至少 {rule.min_departments} 个预算单位。")


def _share(rules):
    rule = rules.supplier_share
    return (f"近 {rule.years} 年（含当年）按中标日期统计，合同不少于 {rule.min_contracts} 份的预算单位中，单一承建方合同金额"
            f"占比达到 {fmt.pct(rule.top_share, 0)}，或集中度指数 HHI（Σ 各承建方占比² × 10000）达到 {rule.hhi:,}。")


SENTENCES = {"pace": _pace, "forecast": _forecast, "plan": _plan, "risk": _risk, "supplier_window": _window,
             "supplier_share": _share}


def describe(rules):
    """[{"kind", "title", "level", "about", "rule"}] in display order."""
    return [{"kind": kind, "title": title, "level": level, "about": about, "rule": SENTENCES[kind](rules)}
            for kind, (title, level, about) in KINDS.items()]
