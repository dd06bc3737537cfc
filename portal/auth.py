"""Staff accounts: password hashes, login sessions, roles and the audit log.

Roles: ``admin`` (everything, including the audit log), ``publisher`` (upload and
publish data), ``moderator`` (the comment queue). Passwords are stored only as
werkzeug salted hashes (scrypt) and must pass portal/passwords.py.

A login is held on the server (``staff_sessions``): the session cookie (signed with SECRET_KEY,
HttpOnly, SameSite=Lax, Secure in production) carries only a random token, whose SHA-256 names the
row. Logout deletes the row; a password or role change deletes all of the user's rows; rows older
than STAFF_SESSION_HOURS no longer count. So a copied cookie stops working, and a cookie forged with
a leaked SECRET_KEY names no login at all.
"""
import datetime as dt
import functools
import hashlib
import secrets

from flask import abort, current_app, g, redirect, request, session, url_for
from sqlalchemy import delete, insert, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from ledger import schema
from ledger.errors import UserError

from . import passwords
from .lockout import UNKNOWN_ACCOUNT

# delegate: a 人大代表 account issued by staff; it only labels the inquiries its holder raises.
ROLES = ("admin", "publisher", "moderator", "delegate")
ROLE_LABELS = {"admin": "管理员", "publisher": "数据发布员", "moderator": "评议审核员", "delegate": "人大代表"}
SESSION_TOKEN_KEY = "staff_token"  # the key in the Flask session cookie
# A hash of a random password, checked when the username is unknown so that a wrong
# username takes as long as a wrong password (no username probing by timing).
_DUMMY_HASH = generate_password_hash("unknown-user-timing-guard")


class AuthError(UserError):
    """A user-facing (Chinese) problem with an account operation."""

    def __init__(self, message):
        super().__init__("account", message)


def _now():
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _engine(engine=None):
    return engine if engine is not None else current_app.extensions["mingzhang.engine"]


# ---- accounts ----------------------------------------------------------------

def check_password(password, username):
    found = passwords.problems(password, username)
    if found:
        raise AuthError("；".join(found))


def _check_role(role):
    if role not in ROLES:
        raise AuthError(f"角色必须是 {' / '.join(ROLES)} 之一")


def create_user(username, password, role, engine=None):
    username = (username or "").strip()
    if not username or len(username) > 64:
        raise AuthError("用户名不能为空，且不超过 64 个字符")
    if username == UNKNOWN_ACCOUNT:  # the lockout's row for names that are no account
        raise AuthError(f"用户名不能是「{UNKNOWN_ACCOUNT}」")
    _check_role(role)
    check_password(password, username)
    with _engine(engine).begin() as conn:
        exists = conn.execute(select(schema.staff_users.c.username)
                              .where(schema.staff_users.c.username == username)).first()
        if exists:
            raise AuthError(f"用户「{username}」已存在")
        conn.execute(insert(schema.staff_users).values(
            username=username, password_hash=generate_password_hash(password), role=role, created_at=_now()))


def set_password(username, password, engine=None):
    """A new password; every login of the user made with the old one ends."""
    check_password(password, username)
    _update_user(username, {"password_hash": generate_password_hash(password)}, engine)


def set_role(username, role, engine=None):
    """A new role; the user's logins end, so the new role starts with a fresh login."""
    _check_role(role)
    _update_user(username, {"role": role}, engine)


def _update_user(username, values, engine=None):
    with _engine(engine).begin() as conn:
        result = conn.execute(update(schema.staff_users).where(schema.staff_users.c.username == username)
                              .values(**values))
        if result.rowcount == 0:
            raise AuthError(f"用户「{username}」不存在")
        revoke_sessions(username, conn=conn)


def get_user(username, engine=None):
    with _engine(engine).connect() as conn:
        row = conn.execute(select(schema.staff_users.c.username, schema.staff_users.c.role,
                                  schema.staff_users.c.created_at)
                           .where(schema.staff_users.c.username == username)).mappings().first()
    return dict(row) if row else None


def list_users(engine=None):
    with _engine(engine).connect() as conn:
        rows = conn.execute(select(schema.staff_users.c.username, schema.staff_users.c.role,
                                   schema.staff_users.c.created_at)
                            .order_by(schema.staff_users.c.username)).mappings().all()
    return [dict(r) for r in rows]


def authenticate(username, password, engine=None):
    """The user dict when the password matches, else None."""
    with _engine(engine).connect() as conn:
        row = conn.execute(select(schema.staff_users).where(
            schema.staff_users.c.username == (username or "").strip())).mappings().first()
    if row is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(row["password_hash"], password or ""):
        return None
    return {"username": row["username"], "role": row["role"]}


# ---- sessions ------------------------------------------------------------------

def _token_id(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _session_cutoff():
    return _now() - dt.timedelta(hours=current_app.config["STAFF_SESSION_HOURS"])


def login_user(user):
    """Start a server-side login for ``user`` and put its token in a fresh session cookie."""
    token = secrets.token_urlsafe(32)
    sessions = schema.staff_sessions
    with _engine().begin() as conn:
        # The user's expired logins go now: the table holds live logins only, and stays small.
        conn.execute(delete(sessions).where(sessions.c.username == user["username"],
                                            sessions.c.created_at < _session_cutoff()))
        conn.execute(insert(sessions).values(id=_token_id(token), username=user["username"], created_at=_now()))
    session.clear()  # a fresh session on login: no fixation of a pre-login session
    session[SESSION_TOKEN_KEY] = token
    session.permanent = False
    g.pop("staff_user", None)


def logout_user():
    token = session.get(SESSION_TOKEN_KEY)
    if isinstance(token, str):
        with _engine().begin() as conn:
            conn.execute(delete(schema.staff_sessions).where(schema.staff_sessions.c.id == _token_id(token)))
    session.clear()
    g.pop("staff_user", None)


def revoke_sessions(username, engine=None, conn=None):
    """End every login of ``username`` (all browsers)."""
    statement = delete(schema.staff_sessions).where(schema.staff_sessions.c.username == username)
    if conn is not None:
        return conn.execute(statement).rowcount
    with _engine(engine).begin() as own:
        return own.execute(statement).rowcount


def _session_user(token):
    sessions, users = schema.staff_sessions, schema.staff_users
    query = (select(users.c.username, users.c.role, users.c.created_at)
             .join(sessions, sessions.c.username == users.c.username)
             .where(sessions.c.id == _token_id(token), sessions.c.created_at >= _session_cutoff()))
    with _engine().connect() as conn:
        row = conn.execute(query).mappings().first()
    return dict(row) if row else None


def current_user():
    """The logged-in staff user (role re-read from the database each request), or None.

    Only a live server-side login counts: a cookie naming a user but no token (as made before logins
    were held on the server, or forged with a leaked key), a revoked or an expired token is nobody.
    """
    if "staff_user" not in g:
        token = session.get(SESSION_TOKEN_KEY)
        g.staff_user = _session_user(token) if isinstance(token, str) and token else None
    return g.staff_user


def has_role(user, *roles):
    return user is not None and (user["role"] == "admin" or user["role"] in roles)


def role_required(*roles):
    """Only logged-in staff with one of ``roles`` (admins always pass) reach the view."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            user = current_user()
            if user is None:
                return redirect(url_for("admin.login", next=request.full_path.rstrip("?")))
            if roles and not has_role(user, *roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


login_required = role_required()


# ---- audit log -------------------------------------------------------------------

def audit(action, target=None, detail=None, username=None, engine=None, conn=None):
    """Record one staff action. Pass ``conn`` to write inside the action's own transaction."""
    if username is None:
        user = current_user()
        username = user["username"] if user else "anonymous"
    values = {"at": _now(), "username": username, "action": action,
              "target": None if target is None else str(target)[:128], "detail": detail}
    if conn is not None:
        conn.execute(insert(schema.audit_log).values(**values))
        return
    with _engine(engine).begin() as own:
        own.execute(insert(schema.audit_log).values(**values))


def recent_audit(limit=200, engine=None):
    with _engine(engine).connect() as conn:
        rows = conn.execute(select(schema.audit_log).order_by(schema.audit_log.c.id.desc())
                            .limit(limit)).mappings().all()
    return [dict(r) for r in rows]
