"""Flags computed once per publication and kept with it (schema.supervision_flags).

Evaluating every rule takes a second or more per month on the demo, and the warnings page needs every
month of the year for its history: computed on a cold worker, its first view took seconds. A publication
never changes, so its flags are computed when it is written (``build``, in the publication's transaction)
and every page, the API and the white paper read the same stored flags (``read``).

A stored set is used only while the rules and the code that computed them are unchanged: ``VERSION`` is a
digest of rules.toml and this package's sources, so editing a threshold or a rule's wording (then
restarting) falls back to computing the flags afresh, exactly as before, instead of showing stale ones.
"""
import datetime as dt
import functools
import hashlib
import json
import logging
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from ..db import current_publication
from ..queries import reference
from ..schema import supervision_flags
from .model import Flag, Link

PACKAGE = Path(__file__).parent
log = logging.getLogger(__name__)


@functools.cache
def version():
    """A digest of the rule file and the rule code: stored flags of another version are not used."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE.glob("*.py"), PACKAGE / "rules.toml"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _default(value):
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"cannot store {type(value).__name__} in a flag")


def _hook(value):
    return dt.date.fromisoformat(value["$date"]) if set(value) == {"$date"} else value


def dumps(flags):
    rows = [{"kind": f.kind, "subject": f.subject, "code": f.code, "name": f.name, "year": f.year,
             "period": f.period, "detail": f.detail, "region_code": f.region_code, "dept_code": f.dept_code,
             "figures": f.figures, "links": [[x.label, x.target, [list(a) for a in x.args]] for x in f.links]}
            for f in flags]
    return json.dumps(rows, ensure_ascii=False, default=_default, separators=(",", ":"))


def loads(text):
    flags = []
    for row in json.loads(text, object_hook=_hook):
        links = tuple(Link(label, target, tuple(tuple(a) for a in args)) for label, target, args in row.pop("links"))
        flags.append(Flag(**row, links=links))
    return flags


def moments(conn, pub_id):
    """The (year, month) pairs stored: every month of the latest year (the default view and its history)
    and the last month of each earlier year (the white paper of a past year, a year picked on a page)."""
    years = reference.spending_years(conn, pub_id) or reference.years(conn, pub_id)
    out = []
    for year in years:
        last = reference.last_month(conn, pub_id, year) or 12
        out += [(year, m) for m in range(1, last + 1)] if year == years[-1] else [(year, last)]
    return out


def build(conn, pub_id, evaluate):
    """(Re)write the flags of ``pub_id`` in the caller's transaction; ``evaluate(conn, pub_id, y, m)``
    computes one moment's flags."""
    clear(conn, pub_id)
    rows = [{"publication_id": pub_id, "year": year, "month": month, "version": version(),
             "flags": dumps(evaluate(conn, pub_id, year, month))} for year, month in moments(conn, pub_id)]
    if rows:
        conn.execute(insert(supervision_flags), rows)
    return len(rows)


def clear(conn, pub_id):
    conn.execute(delete(supervision_flags).where(supervision_flags.c.publication_id == pub_id))


def read(conn, pub_id, year, month):
    """The stored flags of one moment, or None (not stored, or stored by other rules or code)."""
    text = conn.execute(select(supervision_flags.c.flags).where(
        supervision_flags.c.publication_id == pub_id, supervision_flags.c.year == year,
        supervision_flags.c.month == month, supervision_flags.c.version == version())).scalar()
    return None if text is None else loads(text)


def missing(conn, pub_id):
    return conn.execute(select(supervision_flags.c.publication_id).where(
        supervision_flags.c.publication_id == pub_id, supervision_flags.c.version == version()).limit(1)).first() is None


def ensure(engine, evaluate):
    """Store the current publication's flags when it has none of this version (a database published before
    flags were stored, or rules changed since): done once at start-up, not on some visitor's first view.
    Several workers starting at once: the unique index lets one win, the others roll back."""
    with engine.connect() as conn:
        current = current_publication(conn)
        if current is None or not missing(conn, current["id"]):
            return None
    try:
        with engine.begin() as conn:
            build(conn, current["id"], evaluate)
    except IntegrityError:  # another process stored them first
        return None
    except Exception:  # noqa: BLE001 - the portal must start; pages compute the flags (and say why) as before
        log.exception("could not store the supervision flags of publication %s", current["id"])
        return None
    return current["id"]
