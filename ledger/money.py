"""Exact money: integer fen in, formatted 元/万元/亿元 out (unit always named)."""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN_PER_YUAN = 100
UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}


def to_fen(value, unit="元"):
    """Parse an amount given in ``unit`` into integer fen, exactly. Raises ValueError."""
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip().replace(",", "").replace("，", "")
    if text == "":
        raise ValueError("空金额")
    try:
        amount = Decimal(text) * UNITS[unit] * FEN_PER_YUAN
    except (InvalidOperation, KeyError) as exc:
        raise ValueError(f"无法识别的金额：{value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"无法识别的金额：{value!r}")
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fen_to_yuan(fen):
    """Fen as a JSON-friendly number of 元 (int when whole)."""
    if fen is None:
        return None
    yuan = Decimal(int(fen)) / FEN_PER_YUAN
    return int(yuan) if yuan == yuan.to_integral_value() else float(yuan)


def format_amount(fen, unit=None, digits=2):
    """Human format with the unit: picks 亿元 / 万元 / 元 unless ``unit`` is given."""
    if fen is None:
        return "—"
    yuan = Decimal(int(fen)) / FEN_PER_YUAN
    if unit is None:
        unit = "亿元" if abs(yuan) >= UNITS["亿元"] else "万元" if abs(yuan) >= UNITS["万元"] else "元"
    scaled = (yuan / UNITS[unit]).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{scaled:,.{digits}f} {unit}"


def format_rate(numerator, denominator, digits=1):
    if not denominator:
        return "—"
    pct = Decimal(int(numerator)) * 100 / Decimal(int(denominator))
    return f"{pct.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)}%"
