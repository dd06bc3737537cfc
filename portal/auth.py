"""Staff accounts: password hashes, login sessions, roles and the audit log.

Roles: ``admin`` (everything, including the audit log), ``publisher`` (upload and
publish data), ``moderator`` (the comment queue). Passwords are stored only as
werkzeug salted hashes (scrypt); the session cookie holds the username and is
signed with SECRET_KEY (HttpOnly, SameSite=Lax, Secure in production).
"""
import datetime as dt
import functools

from flask import abort, current_app, g, redirect, request, session, url_for
from sqlalchemy import insert, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from ledger import schema
from ledger.errors import UserError

# delegate: a 人大代表 account issued by staff; it only labels the inquiries its holder raises.
ROLES = ("admin", "publisher", "moderator", "delegate")
ROLE_LABELS = {"admin": "管理员", "publisher": "数据发布员", "moderator": "评议审核员", "delegate": "人大代表"}
MIN_PASSWORD_LENGTH = 10
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

def create_user(username, password, role, engine=None):
    username = (username or "").strip()
    if not username or len(username) > 64:
        raise AuthError("用户名不能为空，且不超过 64 个字符")
    if role not in ROLES:
        raise AuthError(f"角色必须是 {' / '.join(ROLES)} 之一")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AuthError(f"密码至少 {MIN_PASSWORD_LENGTH} 个字符")
    with _engine(engine).begin() as conn:
        exists = conn.execute(select(schema.staff_users.c.username)
                              .where(schema.staff_users.c.username == username)).first()
        if exists:
            raise AuthError(f"用户「{username}」已存在")
        conn.execute(insert(schema.staff_users).values(
            username=username, password_hash=generate_password_hash(password), role=role, created_at=_now()))


def set_password(username, password, engine=None):
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AuthError(f"密码至少 {MIN_PASSWORD_LENGTH} 个字符")
    with _engine(engine).begin() as conn:
        result = conn.execute(update(schema.staff_users).where(schema.staff_users.c.username == username)
                              .values(password_hash=generate_password_hash(password)))
        if result.rowcount == 0:
            raise AuthError(f"用户「{username}」不存在")


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

def login_user(user):
    session.clear()  # a fresh session on login: no fixation of a pre-login session
    session["staff"] = user["username"]
    session.permanent = False


def logout_user():
    session.clear()


def current_user():
    """The logged-in staff user (re-read from the database each request), or None."""
    if "staff_user" not in g:
        username = session.get("staff")
        g.staff_user = get_user(username) if username else None
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
