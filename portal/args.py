"""Query-string arguments, checked in one place: each bad value is a UserError with a Chinese message.

Every check is ASCII-only before ``int()`` ('¹' and '٣' are digits to ``str.isdigit``) and bounded in
length (``10**40`` must not reach SQLite's 64-bit integers).
"""
import datetime as dt

from flask import request

from ledger.errors import UserError

MAX_REPEATS = 50  # a name given more often than this is cut (a class set has 8 codes)


def _text(name):
    return request.args.get(name, "").strip()


def is_small_int(raw, max_digits=9):
    digits = raw.removeprefix("-")
    return digits.isascii() and digits.isdigit() and len(digits) <= max_digits


def arg_int(name, *, low, high, label, code="bad_request", message=None):
    """An integer in [low, high], or None when absent."""
    raw = _text(name)
    if raw == "":
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9) or not low <= int(raw) <= high:
        raise UserError(code, message or f"参数「{label}」应为 {low}–{high} 之间的整数，收到「{raw[:20]}」")
    return int(raw)


def arg_code(name, label):
    """A code (letters, digits, - and _), or None when absent."""
    raw = _text(name)
    if raw and not (raw.isascii() and raw.replace("-", "").replace("_", "").isalnum() and len(raw) <= 32):
        raise UserError("bad_request", f"参数「{label}」格式不正确")
    return raw or None


def arg_name(name, label, max_length=128):
    """A name as written (a payee, a company), or None when absent; longer than any stored name is refused."""
    raw = _text(name)
    if len(raw) > max_length:
        raise UserError("bad_request", f"参数「{label}」太长（最多 {max_length} 个字）")
    return raw or None


def arg_ints(name, *, low, high, label):
    """Every integer given for ``name`` (?year=2024&year=2025), each in [low, high]; [] when absent."""
    values = []
    for raw in (v.strip() for v in request.args.getlist(name)[:MAX_REPEATS]):
        if raw == "":
            continue
        if not is_small_int(raw) or not low <= int(raw) <= high:
            raise UserError("bad_request", f"参数「{label}」应为 {low}–{high} 之间的整数，收到「{raw[:20]}」")
        values.append(int(raw))
    return values


def arg_codes(name, label):
    """Every code given for ``name`` (?region=a&region=b); [] when absent."""
    values = []
    for raw in (v.strip() for v in request.args.getlist(name)[:MAX_REPEATS]):
        if raw and not (raw.isascii() and raw.replace("-", "").replace("_", "").isalnum() and len(raw) <= 32):
            raise UserError("bad_request", f"参数「{label}」格式不正确")
        if raw:
            values.append(raw)
    return values


def arg_number(name, *, low, high, label):
    """A decimal number in [low, high] (「12.5」), or None when absent."""
    raw = _text(name)
    if raw == "":
        return None
    digits = raw.replace(".", "", 1)
    if not (digits.isascii() and digits.isdigit() and len(raw) <= 15) or not low <= float(raw) <= high:
        raise UserError("bad_request", f"参数「{label}」应为 {low}–{high} 之间的数，收到「{raw[:20]}」")
    return float(raw)


def arg_date(name, label, code="bad_request"):
    """A YYYY-MM-DD date, or None when absent."""
    raw = _text(name)
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise UserError(code, f"{label}须为 YYYY-MM-DD 格式的日期") from None
