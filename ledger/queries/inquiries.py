"""Inquiry (质询) answer-time statistics, read from the ``inquiries`` table the portal writes.

The one place these figures come from: the public list (/inquiries and its JSON, through
portal/inquiries.py) and the question box (「哪个部门回复质询最慢」「质询平均多少天答复」) both call here, so
they agree. Inquiries are live (not part of a publication); department names come from the caller. The
working-day arithmetic is ledger/inquiries.py; ``today`` decides what is overdue, ``holidays`` (the
deployment's INQUIRY_HOLIDAYS) do not count as working days.
"""
import datetime as dt

from sqlalchemy import select

from .. import inquiries as calendar
from ..schema import inquiries

COLUMNS = ("status", "department_code", "created_at", "deadline", "answered_at")


def _rows(conn):
    return [dict(r) for r in conn.execute(select(*(inquiries.c[name] for name in COLUMNS))).mappings()]


def answer_time_statistics(conn, names=None, today=None, holidays=frozenset()):
    """Per-department statistics, slowest first (the first row answers 「哪个部门回复质询最慢」). Each row:
    department_code (None: not yet assigned), department_name, total, answered, open, median_days and
    mean_days (working days, None if nothing answered yet), overdue."""
    stats = calendar.department_statistics(_rows(conn), today or dt.date.today(), holidays)
    for row in stats:
        row["department_name"] = (names or {}).get(row["department_code"])
    return stats


def answer_time_summary(conn, today=None, holidays=frozenset()):
    """All inquiries together (「质询平均多少天答复」): total, answered, open, median_days, mean_days, overdue."""
    return calendar.summary(_rows(conn), today or dt.date.today(), holidays)
