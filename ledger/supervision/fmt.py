"""How numbers read inside a flag's explanation: one decimal for rates, the unit on every amount."""
from ..money import format_amount


def pct(value, digits=1):
    """0.611 -> "61.1%"; None -> "—"."""
    if value is None:
        return "—"
    return f"{round(value * 100, digits) + 0.0:.{digits}f}%"  # + 0.0: never "-0.0%"


def signed_pct(value):
    return "—" if value is None else ("+" if value > 0 else "") + pct(value)


def amount(fen):
    return format_amount(fen)


def joined(items):
    """「a、b、c」"""
    return "、".join(items)


def month_list(pairs):
    """[(9, "61.0%"), (10, "63.2%")] -> "9月 61.0%、10月 63.2%"."""
    return joined(f"{month}月 {text}" for month, text in pairs)


QUARTER_NAMES = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度"}
