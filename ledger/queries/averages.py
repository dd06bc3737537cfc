"""Averages: a total divided by the number of things it adds up (projects, regions, months), both parts
kept, so an answer can state 「合计 X ÷ N 个 = 平均 Y」 and link to the records summed.

Each function returns ``Average(total, count, mean)``: ``total`` as summed (fen for money, the figure
itself otherwise), ``mean`` the total over the count rounded half up to ``places`` decimals of the
total's unit (0: whole fen), None without a count.
"""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .execution import amounts
from .projects import project_totals
from .records import payment_totals


@dataclass(frozen=True)
class Average:
    total: int | float
    count: int
    mean: Decimal | None


def average(total, count, places=0):
    """``total`` ÷ ``count`` (an Average), the mean rounded half up to ``places`` decimals."""
    if not count:
        return Average(total, count, None)
    step = Decimal(1).scaleb(-places)
    return Average(total, count, (Decimal(str(total)) / Decimal(count)).quantize(step, rounding=ROUND_HALF_UP))


def per_project(conn, pub_id, flt, measure="investment"):
    """The mean of a project figure (investment or disbursed in fen, progress in %) over the projects ``flt``
    selects: their sum over their number."""
    total = project_totals(conn, pub_id, flt, measure)[None] or 0
    count = project_totals(conn, pub_id, flt, "count")[None] or 0
    places = 2 if measure == "progress" else 0
    return average(float(total) if measure == "progress" else int(total), int(count), places)


def per_region(conn, pub_id, scope, regions, *, measure="spent"):
    """Spending (or budgets) of the ``regions`` named in ``scope``'s period and classes, summed, over their
    number: 「平均每个区县」 (each region counts once, whether it has rows or not)."""
    regions = tuple(regions)
    total = amounts(conn, pub_id, scope.with_(region=None, regions=regions), measure=measure)[None] or 0
    return average(int(total), len(regions))


def per_month(conn, pub_id, scope, months, *, measure="spent"):
    """Spending in ``scope`` (its months) over the number of ``months`` it covers: 「平均每月支出」."""
    total = amounts(conn, pub_id, scope, measure=measure)[None] or 0
    return average(int(total), int(months))


def payments_per_month(conn, pub_id, flt, months):
    """The payments ``flt`` selects, summed, over the number of ``months`` of its period."""
    _count, total = payment_totals(conn, pub_id, flt)
    return average(int(total), int(months))
