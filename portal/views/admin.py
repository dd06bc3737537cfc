"""Finance-bureau staff area: login, data upload and publishing, moderation, audit log."""
import datetime as dt
import math
import re
import secrets
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy import select

from ledger import schema

from .. import comments, lockout
from ..auth import (
    ROLE_LABELS,
    audit,
    authenticate,
    current_user,
    has_role,
    login_user,
    logout_user,
    recent_audit,
    role_required,
)
from ..context import connection, engine
from ..extensions import limiter
from ..publishing import confirm_staged, discard_staged, review, stage_files
from ..security import csrf_failure_message, local_redirect

bp = Blueprint("admin", __name__, url_prefix="/admin")
UPLOAD_SUFFIXES = (".csv", ".xlsx", ".xls")
MAX_UPLOAD_FILES = 20
ACTION_LABELS = {"login": "登录", "login_failed": "登录失败", "logout": "退出登录", "publish": "发布数据",
                 "publish_failed": "导入失败", "stage": "上传待审阅", "discard": "放弃导入", "comment_approve": "通过评议", "comment_reject": "驳回评议",
                 "comment_reply": "回复评议",
                 "inquiry_assign": "分派质询", "inquiry_reply": "答复质询", "inquiry_decline": "不予受理质询", "create_user": "创建账号", "reset_password": "重设密码",
                 "set_role": "更改角色", "logout_everywhere": "结束全部登录"}


def _deid_labels():
    """Chinese labels for the de-identification report (owned by anonymize/)."""
    try:
        from anonymize.policy import KIND_LABELS, TREATMENT_LABELS
    except ImportError:
        return {}, {}
    return KIND_LABELS, TREATMENT_LABELS


@bp.app_context_processor
def _staff_context():
    kinds, treatments = _deid_labels()
    return {"kind_labels": kinds, "treatment_labels": treatments,
            "role_labels": ROLE_LABELS, "status_labels": comments.STATUS_LABELS, "action_labels": ACTION_LABELS,
            "current_staff": current_user, "staff_can": lambda *roles: has_role(current_user(), *roles)}


@bp.after_request
def _private(response):
    """Staff pages are personal: never cached by browsers or proxies."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(CSRFError)
def _csrf_error(exc):
    return render_template("error.html", status=400, message=csrf_failure_message(exc)), 400


@bp.errorhandler(413)
def _too_large(_exc):
    """An upload over MAX_UPLOAD_MB: the upload form again, with the limit in Chinese (not a bare 413)."""
    limit = current_app.config["MAX_CONTENT_LENGTH"] / (1 << 20)
    message = (f"上传的文件过大：一次上传的文件合计不能超过 {limit:g} MB（MAX_UPLOAD_MB）。"
               "请分几次上传，或由管理员在服务器上用命令 mingzhang import 导入大文件。")
    if not current_user():
        return render_template("error.html", status=413, message=message), 413
    return render_template("admin/upload.html", title_value=f"{current_app.config['CITY_NAME']}预算执行数据",
                           dataset="import", errors=[message]), 413


# ---- login ---------------------------------------------------------------------

def _login_page(status=200, **fields):
    fields.setdefault("next", request.values.get("next", ""))
    return render_template("admin/login.html", **fields), status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], exempt_when=lambda: request.method == "GET")
def login():
    # Only POST is a login attempt (HEAD reaches views as GET: security.HeadAsGet); the per-client limit
    # counts every method but GET, so no method guesses passwords unlimited.
    if request.method == "POST":
        return _attempt_login()
    if current_user():
        return redirect(url_for("admin.dashboard"))
    return _login_page()


def _attempt_login():
    username = request.form.get("username", "").strip()[:64]
    target = local_redirect(request.form.get("next"), url_for("admin.dashboard"), prefix="/admin")
    db = engine()
    with db.connect() as conn:
        account = lockout.account_for(conn, username)
        wait = lockout.seconds_locked(conn, account)
    if wait:  # the password is not even checked while the account is locked
        return _locked_page(username, wait)
    user = authenticate(username, request.form.get("password", ""))
    if user is None:
        wait = lockout.record_failure(db, current_app.config, account, username)
        notice = f"。多次登录失败，该账号已暂时锁定，请 {_minutes(wait)} 后再试" if wait else ""
        return _login_page(401, username=username, error="用户名或密码错误" + notice)
    lockout.clear(db, account)
    login_user(user)
    audit("login", username=user["username"])
    return redirect(target, code=303)


def _minutes(seconds):
    return f"{math.ceil(seconds / 60)} 分钟"


def _locked_page(username, wait):
    body, status = _login_page(429, username=username,
                               error=f"该账号多次登录失败，已暂时锁定，请 {_minutes(wait)} 后再试。如非本人操作，请联系管理员。")
    return body, status, {"Retry-After": str(wait)}


@bp.post("/logout")
def logout():
    user = current_user()
    if user:
        audit("logout", username=user["username"])
    logout_user()
    return redirect(url_for("admin.login"), code=303)


# ---- dashboard -------------------------------------------------------------------

@bp.get("/")
@role_required()
def dashboard():
    conn = connection()
    latest = conn.execute(select(schema.publications).order_by(schema.publications.c.id.desc())
                          .limit(5)).mappings().all()
    return render_template("admin/dashboard.html", user=current_user(), counts=comments.status_counts(conn),
                           publications=latest)


# ---- upload and publish ---------------------------------------------------------------

def _upload_dir():
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = Path(current_app.config["INSTANCE_PATH"]) / "uploads" / f"{stamp}-{secrets.token_hex(4)}"
    folder.mkdir(parents=True, exist_ok=False)
    return folder


def _upload_name(filename):
    """A safe file name that keeps Chinese letters (the importer recognises 项目.csv by its name)."""
    name = Path((filename or "").replace("\\", "/")).name
    name = re.sub(r"[^\w.\-（）()]", "_", name).lstrip(".")
    return name[:120]


@bp.route("/upload", methods=["GET", "POST"])
@role_required("publisher")
def upload():
    default_title = f"{current_app.config['CITY_NAME']}预算执行数据"
    if request.method != "POST":  # only a POST (CSRF-checked) may publish; anything else shows the form
        return render_template("admin/upload.html", title_value=default_title, dataset="import")
    title = request.form.get("title", "").strip()[:200] or default_title
    dataset = request.form.get("dataset", "").strip()[:64] or "import"
    files = [f for f in request.files.getlist("files") if f and f.filename]
    names = [_upload_name(f.filename) for f in files]
    problems = _upload_problems(files, names)
    if problems:
        return render_template("admin/upload.html", title_value=title, dataset=dataset, errors=problems), 400
    folder = _upload_dir()
    paths = []
    for upload_file, name in zip(files, names):
        path = folder / name
        upload_file.save(path)
        paths.append(path)
    user = current_user()
    staged, _diff, errors = stage_files(current_app._get_current_object(), paths, dataset=dataset, title=title,
                                        created_by=user["username"], drop=request.form.getlist("drop"),
                                        with_diff=False)  # the review page shows it
    if staged is None:
        audit("publish_failed", target=dataset, detail={"files": names, "errors": len(errors),
                                                         "upload_dir": folder.name})
        return render_template("admin/upload.html", title_value=title, dataset=dataset,
                               row_errors=[e.as_dict() for e in errors], error_total=len(errors)), 422
    audit("stage", target=f"publication:{staged['id']}", detail={"files": names, "upload_dir": folder.name,
                                                                 "data_sha256": staged["data_sha256"]})
    return redirect(url_for("admin.review_upload", publication_id=staged["id"]), code=303)


def _upload_problems(files, names):
    problems = []
    if not files:
        problems.append("请选择至少一个 CSV 或 Excel（.xlsx）文件")
    elif len(files) > MAX_UPLOAD_FILES:
        problems.append(f"一次最多上传 {MAX_UPLOAD_FILES} 个文件")
    for original, name in zip(files, names):
        if not name.lower().endswith(UPLOAD_SUFFIXES):
            problems.append(f"文件「{original.filename}」不是 .csv、.xlsx 或 .xls 文件")
    if len(set(names)) != len(names):
        problems.append("上传的文件中有重名文件")
    return problems


@bp.context_processor
def _upload_context():
    return {"droppable_tables": _droppable_tables}


def _droppable_tables():
    """(table, label, rows now served) a publisher may choose to drop instead of carrying forward."""
    from ledger.db import current_publication
    from ledger.importer.layout import IMPORT_ORDER, LAYOUTS, REQUIRED_TABLES

    counts = (current_publication(connection()) or {}).get("row_counts") or {}
    return [(name, LAYOUTS[name].label, counts.get(name, 0)) for name in IMPORT_ORDER if name not in REQUIRED_TABLES]


# ---- review a staged upload, then publish or discard it ----------------------------------------------

@bp.get("/publications/<int:publication_id>/review")
@role_required("publisher")
def review_upload(publication_id, error=None, status=200):
    staged, base, fresh, diff = review(current_app._get_current_object(), publication_id)
    return render_template("admin/review.html", pub=staged, base=base, fresh=fresh, diff=diff, error=error,
                           carried=[t for t in diff if t["status"] == "carried"],
                           dropped=[t for t in diff if t["status"] == "dropped"]), status


@bp.post("/publications/<int:publication_id>/publish")
@role_required("publisher")
def publish_upload(publication_id):
    staged, _base, _fresh, diff = review(current_app._get_current_object(), publication_id)
    if any(t["status"] == "dropped" for t in diff) and request.form.get("confirm_drop") != "1":
        return review_upload(publication_id, status=400,
                             error="本次发布会删除数据表：请勾选「我确认删除以上数据表」后再发布，或放弃本次导入重新上传。")
    publication = confirm_staged(current_app._get_current_object(), publication_id)
    audit("publish", target=f"publication:{publication['id']}",
          detail={"files": publication["source_files"], "data_sha256": publication["data_sha256"]})
    flash(f"已发布 #{publication['id']}「{publication['title']}」", "admin")
    for warning in publication.get("warnings", []):
        flash(warning, "admin")
    return redirect(url_for("admin.publication_detail", publication_id=publication["id"]), code=303)


@bp.post("/publications/<int:publication_id>/discard")
@role_required("publisher")
def discard_upload(publication_id):
    discard_staged(current_app._get_current_object(), publication_id)
    audit("discard", target=f"publication:{publication_id}")
    flash(f"已放弃导入 #{publication_id}，未发布任何数据", "admin")
    return redirect(url_for("admin.upload"), code=303)


# ---- publications ----------------------------------------------------------------------

@bp.get("/publications")
@role_required("publisher")
def publication_list():
    rows = connection().execute(select(schema.publications).order_by(schema.publications.c.id.desc())
                                .limit(200)).mappings().all()
    return render_template("admin/publications.html", publications=rows)


@bp.get("/publications/<int:publication_id>")
@role_required("publisher")
def publication_detail(publication_id):
    row = connection().execute(select(schema.publications).where(
        schema.publications.c.id == publication_id)).mappings().first()
    if row is None:
        abort(404)
    years, regions = [], []
    if row["status"] == "published":  # for the white-paper buttons
        from ledger.queries import reference
        years = reference.years(connection(), publication_id)
        regions = [r for r in reference.all_regions(connection(), publication_id) if r["level"] == 1]
    return render_template("admin/publication.html", pub=row, whitepaper_year=years[-1] if years else None,
                           whitepaper_years=years, whitepaper_regions=regions)


# ---- moderation ----------------------------------------------------------------------------

@bp.get("/comments")
@role_required("moderator")
def moderation():
    status = request.args.get("status", "pending")
    if status not in ("pending", "approved", "rejected", "all"):
        abort(404)
    conn = connection()
    return render_template("admin/moderation.html", items=comments.queue(conn, status), status=status,
                           counts=comments.status_counts(conn))


def _moderation_action(comment_id, action):
    user = current_user()
    try:
        action(engine(), comment_id, user["username"])
    except comments.CommentError as exc:
        if exc.status == 404:
            abort(404)
        flash(exc.message, "admin-error")
    else:
        flash(f"已处理评议 #{comment_id}", "admin")
    return redirect(url_for("admin.moderation", status=request.form.get("back", "pending")) + f"#c{comment_id}",
                    code=303)


@bp.post("/comments/<int:comment_id>/approve")
@role_required("moderator")
def approve_comment(comment_id):
    return _moderation_action(comment_id, comments.approve)


@bp.post("/comments/<int:comment_id>/reject")
@role_required("moderator")
def reject_comment(comment_id):
    reason = request.form.get("reason", "")
    return _moderation_action(comment_id, lambda eng, cid, who: comments.reject(eng, cid, who, reason))


@bp.post("/comments/<int:comment_id>/reply")
@role_required("moderator")
def reply_comment(comment_id):
    text = request.form.get("reply", "")
    return _moderation_action(comment_id, lambda eng, cid, who: comments.reply(eng, cid, who, text))


# ---- audit log --------------------------------------------------------------------------------

@bp.get("/audit")
@role_required("admin")
def audit_log():
    return render_template("admin/audit.html", entries=recent_audit(500))
