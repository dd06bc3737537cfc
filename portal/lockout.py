"""Failed staff logins: a per-account lockout with exponential backoff, and a bounded audit trail.

The per-client rate limit (RATELIMIT_LOGIN) stops one address; an attacker with many addresses is
stopped here, per account: after LOGIN_LOCKOUT_THRESHOLD failures in a row the account refuses every
login (the password is not even checked) for LOGIN_LOCKOUT_SECONDS, doubling with each further
failure up to LOGIN_LOCKOUT_MAX_SECONDS. A success clears the count; so does a day without failures.

Names that are no account share one row ("*"), so guessing names fills no table. They are never
locked (there is nothing to protect), only counted.

Audit: one ``login_failed`` row per account and AUDIT_WINDOW, counting the failures in its detail,
instead of one row per attempt: a brute force cannot grow the audit log without bound.
"""
import datetime as dt
import math

from sqlalchemy import case, insert, select, update
from sqlalchemy.exc import IntegrityError

from ledger import schema

UNKNOWN_ACCOUNT = "*"
UNKNOWN_TARGET = "（不存在的用户名）"
AUDIT_WINDOW = dt.timedelta(hours=1)
RESET_AFTER = dt.timedelta(days=1)
MAX_NAMES_KEPT = 10  # attempted unknown names listed in an audit row (they may be typos of passwords)

failures_table = schema.login_failures


def _now():
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def account_for(conn, username):
    """The lockout key of a login attempt: the staff username, or UNKNOWN_ACCOUNT."""
    users = schema.staff_users
    found = conn.execute(select(users.c.username).where(users.c.username == username)).first()
    return found[0] if found else UNKNOWN_ACCOUNT


def seconds_locked(conn, account, now=None):
    """Seconds until ``account`` may try again (0: not locked)."""
    now = now or _now()
    row = conn.execute(select(failures_table.c.locked_until)
                       .where(failures_table.c.account == account)).first()
    if row is None or row[0] is None or row[0] <= now:
        return 0
    return math.ceil((row[0] - now).total_seconds())


def lock_seconds(failures, config):
    """How long ``failures`` failures in a row lock an account: 0 below the threshold, then doubling."""
    beyond = failures - config["LOGIN_LOCKOUT_THRESHOLD"]
    if beyond < 0:
        return 0
    return min(config["LOGIN_LOCKOUT_SECONDS"] * 2 ** min(beyond, 30), config["LOGIN_LOCKOUT_MAX_SECONDS"])


def record_failure(engine, config, account, attempted_name, now=None):
    """Count one failed login of ``account``; return the seconds it is now locked for (0: not locked)."""
    now = now or _now()
    _ensure_row(engine, account, now)
    with engine.begin() as conn:
        # The increment is the transaction's first statement: it takes the write lock, so concurrent
        # failures are all counted. A day after the last failure the count starts again.
        stale = failures_table.c.last_failure_at < now - RESET_AFTER
        conn.execute(update(failures_table).where(failures_table.c.account == account).values(
            failures=case((stale, 1), else_=failures_table.c.failures + 1), last_failure_at=now))
        row = conn.execute(select(failures_table).where(failures_table.c.account == account)).mappings().one()
        wait = 0 if account == UNKNOWN_ACCOUNT else lock_seconds(row["failures"], config)
        locked_until = now + dt.timedelta(seconds=wait) if wait else None
        audit_id, since = _audit(conn, row, attempted_name, locked_until, now)
        conn.execute(update(failures_table).where(failures_table.c.account == account).values(
            locked_until=locked_until, audit_id=audit_id, audit_since=since))
    return wait


def clear(engine, account):
    """A successful login: the account's failures are forgiven."""
    with engine.begin() as conn:
        conn.execute(update(failures_table).where(failures_table.c.account == account)
                     .values(failures=0, locked_until=None))


def _ensure_row(engine, account, now):
    with engine.connect() as conn:
        if conn.execute(select(failures_table.c.account).where(failures_table.c.account == account)).first():
            return
    try:
        with engine.begin() as conn:
            conn.execute(insert(failures_table).values(account=account, failures=0, last_failure_at=now))
    except IntegrityError:
        pass  # a concurrent first failure inserted it


def _audit(conn, row, attempted_name, locked_until, now):
    """Count the failure in this window's audit row (a new row once the window is over)."""
    log = schema.audit_log
    if row["audit_id"] is not None and row["audit_since"] is not None and now - row["audit_since"] < AUDIT_WINDOW:
        entry = conn.execute(select(log.c.detail).where(log.c.id == row["audit_id"])).first()
        if entry is not None:
            detail = _counted(dict(entry[0] or {}), row, attempted_name, locked_until, now)
            conn.execute(update(log).where(log.c.id == row["audit_id"]).values(detail=detail))
            return row["audit_id"], row["audit_since"]
    detail = _counted({"count": 0, "first_at": _iso(now)}, row, attempted_name, locked_until, now)
    target = UNKNOWN_TARGET if row["account"] == UNKNOWN_ACCOUNT else row["account"]
    result = conn.execute(insert(log).values(at=now, username="anonymous", action="login_failed",
                                             target=target, detail=detail))
    return result.inserted_primary_key[0], now


def _counted(detail, row, attempted_name, locked_until, now):
    detail["count"] = detail.get("count", 0) + 1
    detail["last_at"] = _iso(now)
    detail["failures_in_a_row"] = row["failures"]
    if row["account"] == UNKNOWN_ACCOUNT:
        names = detail.setdefault("names", [])
        name = (attempted_name or "（空）")[:64]
        if name not in names and len(names) < MAX_NAMES_KEPT:
            names.append(name)
    if locked_until is not None:
        detail["locked_until"] = _iso(locked_until)
    return detail


def _iso(moment):
    return moment.isoformat(timespec="seconds") + "Z"
