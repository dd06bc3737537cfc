"""Inquiry deadlines and answer-time statistics: pure logic over a working-day calendar.

A working day is a weekday that is not in the holiday list. Deadlines count working days after the
day an inquiry arrived (the arrival day itself does not count, as with official reply periods), so an
inquiry received on a Friday with a 1-day deadline is due the next Monday. Make-up working Saturdays
(调休) are not modelled: the holiday list is short and configured per deployment.
"""
import datetime as dt
import statistics

OPEN_STATUSES = ("accepted", "in_progress")
CLOSED_STATUSES = ("answered", "declined")
STATUS_LABELS = {"accepted": "已受理", "in_progress": "办理中", "answered": "已答复", "declined": "不予受理"}


def parse_holidays(text):
    """「2026-01-01, 2026-10-01」 -> frozenset of dates; a malformed entry raises ValueError."""
    return frozenset(dt.date.fromisoformat(part.strip()) for part in (text or "").split(",") if part.strip())


def is_working_day(day, holidays=frozenset()):
    return day.weekday() < 5 and day not in holidays


def add_working_days(start, days, holidays=frozenset()):
    """The date ``days`` working days after ``start`` (a date)."""
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_between(start, end, holidays=frozenset()):
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            count += 1
    return count


def is_overdue(inquiry, today, holidays=frozenset()):
    """Open past its deadline, or answered/declined after it (a late answer stays counted as late)."""
    deadline = inquiry["deadline"]
    closed_at = inquiry.get("answered_at")
    if inquiry["status"] in CLOSED_STATUSES and closed_at is not None:
        return _as_date(closed_at) > deadline
    return today > deadline


def _as_date(value):
    return value.date() if isinstance(value, dt.datetime) else value


def answer_days(inquiry, holidays=frozenset()):
    """Working days from arrival to answer, or None if not answered."""
    if inquiry["status"] != "answered" or inquiry.get("answered_at") is None:
        return None
    return working_days_between(_as_date(inquiry["created_at"]), _as_date(inquiry["answered_at"]), holidays)


def department_statistics(inquiries, today, holidays=frozenset()):
    """Per assigned department: counts, median working days to answer, overdue count; slowest first.

    ``inquiries`` are dicts with status, department_code, created_at, deadline, answered_at. Unassigned
    inquiries are grouped under department_code None. Sorted by median answer time (none last), then
    by overdue count, so the first row answers 「哪个部门回复质询最慢」.
    """
    groups = {}
    for inquiry in inquiries:
        groups.setdefault(inquiry.get("department_code"), []).append(inquiry)
    rows = [_department_row(code, items, today, holidays) for code, items in groups.items()]
    return sorted(rows, key=lambda r: (r["median_days"] is None, -(r["median_days"] or 0), -r["overdue"],
                                       r["department_code"] or ""))


def _department_row(code, items, today, holidays):
    return {"department_code": code, **summary(items, today, holidays)}


def summary(inquiries, today, holidays=frozenset()):
    """Counts, median and mean working days to answer (None if nothing is answered), overdue count."""
    days = [d for d in (answer_days(i, holidays) for i in inquiries) if d is not None]
    return {"total": len(inquiries), "answered": len(days),
            "open": sum(1 for i in inquiries if i["status"] in OPEN_STATUSES),
            "median_days": statistics.median(days) if days else None,
            "mean_days": round(statistics.fmean(days), 1) if days else None,
            "overdue": sum(1 for i in inquiries if is_overdue(i, today, holidays))}
