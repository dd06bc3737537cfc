"""All flags of a publication at one moment, their history through the year, and the views pages need."""
from ..errors import UserError
from ..queries import reference
from ..queries.cache import per_publication, per_publication_shared
from ..queries.coverage import month_beyond_data
from . import store
from .budget_flags import forecast_flags, pace_flags
from .model import KINDS, AsOf
from .plans import plan_flags
from .risk import risk_flags
from .rules import load
from .suppliers import share_flags, window_flags

KIND_ORDER = list(KINDS)
SUBJECT_ORDER = ["region", "dept", "class", "project", "contractor"]


class SupervisionError(UserError):
    """A year or month the data does not cover; ``message`` is Chinese."""


def resolve_as_of(conn, pub_id, year=None, month=None):
    """The evaluation moment: ``year`` (default: the latest with spending) at the end of ``month`` (default:
    its last month with data; December for whole-year data). None when nothing is published."""
    years = reference.spending_years(conn, pub_id) or reference.years(conn, pub_id)
    if not years:
        return None
    year = years[-1] if year is None else year
    if year not in years:
        raise SupervisionError("bad_year", f"没有 {year} 年的数据；可选年度：{'、'.join(map(str, years))}", 404)
    last = reference.last_month(conn, pub_id, year) or 12
    month = last if month is None else month
    if not 1 <= month <= last:
        raise SupervisionError("bad_month", month_beyond_data(last, year, month) or "月份应在 1–12 之间", 400)
    return AsOf(year, month)


def has_monthly_data(conn, pub_id, year):
    return reference.last_month(conn, pub_id, year) > 0


def _sort_key(flag):
    return (KIND_ORDER.index(flag.kind), SUBJECT_ORDER.index(flag.subject), flag.region_code or "", flag.code)


def evaluate(conn, pub_id, year, month, rules=None):
    """Every flag that holds at the end of ``month`` of ``year``, in display order. The one source of flags:
    those stored with the publication when it was written (store.py), else computed by the rules."""
    return list(_flags_at(conn, pub_id, year, month, rules=rules))


@per_publication_shared  # a tuple of frozen flags: callers get a new list of the same flags
def _flags_at(conn, pub_id, year, month, rules=None):
    kept = store.read(conn, pub_id, year, month) if rules is None else None
    return tuple(kept if kept is not None else compute(conn, pub_id, year, month, rules))


def compute(conn, pub_id, year, month, rules=None):
    """Run every rule at the end of ``month`` of ``year`` (what ``evaluate`` does when nothing is stored)."""
    rules = rules or load()
    as_of = AsOf(year, month)
    flags = []
    if has_monthly_data(conn, pub_id, year):
        for level in rules.pace.levels:
            flags += pace_flags(conn, pub_id, as_of, level, rules)
        for level in rules.pace.levels:
            flags += forecast_flags(conn, pub_id, as_of, level, rules)
    flags += plan_flags(conn, pub_id, as_of, rules)
    flags += risk_flags(conn, pub_id, as_of, rules)
    flags += window_flags(conn, pub_id, as_of, rules)
    flags += share_flags(conn, pub_id, as_of, rules)
    return sorted(flags, key=_sort_key)


def build(conn, pub_id):
    """Compute and store every flag of a publication in the caller's transaction (at publish)."""
    return store.build(conn, pub_id, compute)


def ensure_stored(engine):
    """Store the current publication's flags if it has none of this rule version (portal start-up)."""
    return store.ensure(engine, compute)


def counts(flags):
    """{kind: number of flags} for every kind (zeros included), in display order."""
    out = {kind: 0 for kind in KIND_ORDER}
    for flag in flags:
        out[flag.kind] += 1
    return out


@per_publication
def history(conn, pub_id, year, through_month, rules=None):
    """[{"month", "counts": {kind: n}}] for months 1..through_month of ``year``: how the flags developed."""
    return [{"month": month, "counts": counts(evaluate(conn, pub_id, year, month, rules=rules))}
            for month in range(1, through_month + 1)]


def select_flags(flags, *, kind=None, subject=None, region=None, dept=None, code=None):
    """Flags narrowed by kind, subject, region (where they are), department or subject code."""
    out = []
    for flag in flags:
        if kind and flag.kind != kind or subject and flag.subject != subject:
            continue
        if region and flag.region_code != region or dept and flag.dept_code != dept or code and flag.code != code:
            continue
        out.append(flag)
    return out


def by_region(flags):
    """{region code: number of flags located there} (citywide class and contractor flags have no region)."""
    out = {}
    for flag in flags:
        if flag.region_code:
            out[flag.region_code] = out.get(flag.region_code, 0) + 1
    return out
