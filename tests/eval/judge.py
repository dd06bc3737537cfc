"""The one judge: does an /api/ask answer state the expected figure, ranking or table? Did it decline?

``judge(check, expected, answer, unit, tolerance)`` returns ``(ok, got)`` where ``got`` is what the
answer said, for the report. ``tolerance(expected, unit)`` is the largest difference accepted; a set
picks one of TOLERANCES (see tests/eval/README.md).
"""
import re
from decimal import Decimal

MONEY_UNITS = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
RATE_UNITS = ("%", "个百分点")
COUNT_UNITS = ("个", "项", "家", "人", "次", "所", "套")
# Refusals of the question itself (HTTP 400): nothing was answered.
QUESTION_REFUSALS = {"empty_question", "unreadable_question", "question_too_long"}


def relative_tolerance(expected, unit):
    """0.5 % of the figure; for a percentage also anything within 0.05 percentage points."""
    return max(0.05 if unit == "%" else 0.0, 0.005 * abs(expected) + 1e-9)


def fen_tolerance(expected, unit):
    """One fen (0.01 元), or 0.01 percentage points."""
    return Decimal("0.01") if isinstance(expected, Decimal) else 0.01


def display_tolerance(line_unit):
    """Half of the last digit the portal shows: amounts in 亿元/万元/元 with 2 decimals (the unit picked by
    the size, as ledger.money.format_amount does), rates with 1 decimal, counts exactly."""
    def tolerance(expected, unit):
        if line_unit in MONEY_UNITS:
            shown_in = 1e8 if abs(expected) >= 1e8 else 1e4 if abs(expected) >= 1e4 else 1
            return 0.005 * shown_in
        if line_unit in RATE_UNITS:
            return 0.05
        if line_unit in COUNT_UNITS:
            return 1e-9
        return 0.005
    return tolerance


TOLERANCES = {"relative": relative_tolerance, "fen": fen_tolerance}


def is_number(value):
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def close(expected, got, unit, tolerance):
    if isinstance(expected, str):  # a date recorded as text (a project's 实际完工 day): the same text
        return isinstance(got, str) and got.strip() == expected
    if expected is None or not is_number(got):
        return False
    allowed = tolerance(expected, unit)
    if isinstance(expected, Decimal):
        return abs(Decimal(str(got)) - expected) <= allowed
    return abs(float(expected) - float(got)) <= allowed


# ---- names and labels ---------------------------------------------------------------------

def _normal(text):
    text = re.sub(r"\s+", "", str(text))
    return text[:-2] if text.endswith("支出") and len(text) > 2 else text


def names_match(expected, got):
    """A region/class/company/project name matches when one contains the other (鹭洲 ~ 鹭洲区)."""
    want, have = _normal(expected), _normal(got)
    return bool(want and have) and (want in have or have in want)


def label_matches(label, cell):
    """A label (or a list of accepted labels) against a row's first cell; "1" ≠ "11"."""
    if isinstance(label, list):
        return any(label_matches(one, cell) for one in label)
    if re.fullmatch(r"\d+", label):
        return re.search(rf"(?<!\d)0*{label}(?!\d)", str(cell)) is not None
    return names_match(label, cell)


def _rows(answer):
    return [r for r in (answer.get("rows") or []) if isinstance(r, (list, tuple)) and r]


def row_names(answer):
    names = [row[0] for row in _rows(answer)]
    if not names and answer.get("top"):
        names = [answer["top"]]
    return names


# ---- the checks: (expected, answer, unit, tolerance) -> (ok, got) ------------------------------

def check_value(expected, answer, unit, tolerance):
    got = answer.get("value")
    if expected is None:  # nothing to state (a project without progress): the answer states nothing
        return got is None, got
    ok = close(expected, got, unit, tolerance)
    if ok and unit and not str(answer.get("unit", "")).startswith(unit):
        return False, {"value": got, "unit": answer.get("unit")}
    return ok, got


def check_diff(expected, answer, unit, tolerance):
    """The figure as the answer's value or as its difference (「多多少」 answered with both sides)."""
    got = [answer.get("value"), answer.get("difference")]
    if isinstance(expected, str):  # a date: the value or any cell of the answer's rows
        cells = [cell for row in _rows(answer) for cell in row[1:]]
        if any(close(expected, g, unit, tolerance) for g in got + cells):
            return True, got + cells
        # a name (「哪个省最多」 recorded as one name): the one the answer ranks first or finds larger
        top = answer.get("top")
        return top is not None and names_match(expected, top), top
    return any(close(expected, g, unit, tolerance) for g in got), got


def check_count(expected, answer, unit, tolerance):
    got = next((answer[k] for k in ("count", "value") if is_number(answer.get(k))), None)
    if got is None and answer.get("rows") is not None:
        got = len(answer["rows"])
    return got is not None and round(got) == got and int(got) == expected, got


def check_top1(expected, answer, unit, tolerance):
    names = row_names(answer)
    got = names[0] if names else answer.get("top")
    return got is not None and names_match(expected[0], got), got


def check_topn_set(expected, answer, unit, tolerance):
    got = row_names(answer)[: len(expected)]
    return len(got) == len(expected) and all(any(names_match(e, g) for g in got) for e in expected), got


def _row_with(label, value, rows, tolerance, unit):
    """Index of the first row labelled ``label`` holding ``value`` in one of its cells, or None."""
    return next((i for i, row in enumerate(rows)
                 if label_matches(label, row[0]) and any(close(value, cell, unit, tolerance) for cell in row[1:])),
                None)


def check_rows_values(expected, answer, unit, tolerance):
    """Each (label, value) is in some row, in any order."""
    rows = _rows(answer)
    pairs = expected.items() if isinstance(expected, dict) else expected
    found = [_row_with(label, value, rows, tolerance, answer.get("unit")) for label, value in pairs]
    return bool(rows) and None not in found, [list(r[:2]) for r in rows]


def check_ordered_rows(expected, answer, unit, tolerance):
    """Each (label, value) is in some row, in the expected order."""
    rows, start, ok = _rows(answer), 0, True
    for label, value in expected:
        at = _row_with(label, value, rows[start:], tolerance, answer.get("unit"))
        ok, start = ok and at is not None, start + (at or 0) + 1
    return bool(rows) and ok, [list(r[:2]) for r in rows]


def check_ordered_values(expected, answer, unit, tolerance):
    """The rows' figures, in order (the rows' labels are not read)."""
    got = [r[1] for r in answer.get("rows") or []]
    return len(got) == len(expected) and all(close(w, g, unit, tolerance) for g, w in zip(got, expected)), got


def check_ranked_names(expected, answer, unit, tolerance):
    """Exactly these names, in this order, and no other row."""
    got = [r[0] for r in answer.get("rows") or []]
    return got == expected, got


def check_ranked_keys(expected, answer, unit, tolerance):
    """The first keys (codes) in this order, and the first one's figure as the answer's value."""
    keys = (answer.get("keys") or [])[: len(expected)]
    ok = keys == [key for key, _ in expected] and close(expected[0][1], answer.get("value"), unit, tolerance)
    return ok, {"keys": keys, "value": answer.get("value")}


def check_keyed_values(expected, answer, unit, tolerance):
    """Each (key, value): the row of that key (answer.keys run alongside the rows) holds the value."""
    got = dict(zip(answer.get("keys") or [], [r[1] for r in answer.get("rows") or []]))
    return all(close(value, got.get(key), unit, tolerance) for key, value in expected), got


CHECKS = {
    "value": check_value, "diff": check_diff, "count": check_count, "top1": check_top1,
    "topn_set": check_topn_set, "rows_values": check_rows_values, "ordered_rows": check_ordered_rows,
    "ordered_values": check_ordered_values, "ranked_names": check_ranked_names,
    "ranked_keys": check_ranked_keys, "keyed_values": check_keyed_values,
}


def judge(check, expected, answer, unit, tolerance):
    """(ok, got) for one check of one answer (the "answer" object of /api/ask's JSON)."""
    return CHECKS[check](expected, answer or {}, unit, tolerance)


# ---- declining ---------------------------------------------------------------------------------

def states_figure(answer):
    """True when an answer states a number, a ranking or a table."""
    answer = answer or {}
    return (any(is_number(answer.get(key)) for key in ("value", "difference", "count"))
            or bool(answer.get("rows")) or bool(answer.get("top")))


def declined(status, body):
    """Did /api/ask decline to answer? The one place that knows how the API says "no answer".

    Today: HTTP 400 refusing the question itself, or HTTP 200 with no answer at all (the question was
    not understood and the API hands off to keyword search: "query" null, "search_fallback" set).
    An answer of kind "decline" counts too, so that an explicit decline kind needs no change here
    unless it comes in another shape. Anything that states a figure is not a decline.
    """
    body = body or {}
    if status == 400:
        return (body.get("error") or {}).get("code") in QUESTION_REFUSALS
    answer = body.get("answer")
    if status != 200 or states_figure(answer):
        return False
    return answer is None or answer.get("kind") == "decline"


def same_answer(expected, recorded, unit, tolerance):
    """Two answers of one shape (a number, {label: value}, [[label, value], …] or [names]) agree."""
    if isinstance(expected, dict):
        return expected.keys() == recorded.keys() and all(
            close(expected[label], recorded[label], unit, tolerance) for label in expected)
    if expected and isinstance(expected, list) and isinstance(expected[0], list):
        return [label for label, _ in expected] == [str(label) for label, _ in recorded] and all(
            close(want, got, unit, tolerance) for (_, want), (_, got) in zip(expected, recorded))
    if isinstance(expected, list):
        return expected == [str(name) for name in recorded]
    return close(expected, recorded, unit, tolerance)
