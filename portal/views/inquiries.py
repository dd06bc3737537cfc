"""Inquiries (在线质询): the public form and follow-up pages, the answered list, and staff triage."""
import datetime as dt

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for

from .. import comments, inquiries
from ..auth import current_user, role_required
from ..context import connection, engine, publication
from ..errors import wants_json
from ..extensions import limiter
from .community import client_key

bp = Blueprint("inquiries", __name__)
# The comments' write limit (RATELIMIT_WRITE), keyed the same way (see community.py); counted
# separately for this blueprint, so a busy commenter can still ask.
limiter.limit(lambda: current_app.config["RATELIMIT_WRITE"], key_func=client_key, methods=["POST"])(bp)
staff_bp = Blueprint("inquiry_admin", __name__, url_prefix="/admin/inquiries")
DELEGATE_ROLE = "delegate"


def _names():
    pub = publication()
    return inquiries.department_names(connection(), pub["id"]) if pub else {}


def _subject_from(source):
    return {"kind": source.get("kind", ""), "ref": source.get("ref", ""), "url": source.get("url", ""),
            "label": source.get("label", "")}


def _delegate():
    """The 人大代表 account raising this inquiry, if a delegate is logged in."""
    user = current_user()
    return user["username"] if user and user["role"] == DELEGATE_ROLE else None


@bp.get("/inquiries/new")
def new_inquiry():
    return render_template("inquiries/new.html", subject=_subject_from(request.args), form={},
                           delegate=_delegate(), max_chars=inquiries.MAX_QUESTION_CHARS)


@bp.post("/inquiries/new")
def post_inquiry():
    as_json = request.is_json or wants_json()
    data = (request.get_json(silent=True) or {}) if request.is_json else request.form
    subject = _subject_from(data)
    if data.get("website"):
        # Honeypot filled: a bot. Answer as if accepted, store nothing.
        return _accepted(as_json, None, None)
    try:
        stored, token = inquiries.submit(engine(), subject=subject, question=data.get("question"),
                                         contact=data.get("contact"), client=client_key(), delegate=_delegate())
    except inquiries.InquiryError as exc:
        if as_json:
            raise  # the one UserError handler answers the JSON error object
        form = {"question": data.get("question", ""), "contact": data.get("contact", ""), "error": exc.message}
        return render_template("inquiries/new.html", subject=subject, form=form, delegate=_delegate(),
                               max_chars=inquiries.MAX_QUESTION_CHARS), exc.status
    return _accepted(as_json, stored, token)


def _accepted(as_json, stored, token):
    link = url_for("inquiries.track", token=token, _external=True) if token else None
    code = stored["code"] if stored else None
    if as_json:
        return jsonify({"code": code, "status": "accepted", "followup_url": link,
                        "deadline": stored["deadline"].isoformat() if stored else None}), 201
    return render_template("inquiries/accepted.html", code=code, link=link,
                           deadline=stored["deadline"] if stored else None), 201


def _private(template, **context):
    response = current_app.make_response(render_template(template, **context))
    # A private link: never cached, never indexed, never leaked to other sites through Referer.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/inquiries/track/<token>")
def track(token):
    inquiry = inquiries.by_token(connection(), token, _names())
    if inquiry is None:
        abort(404)
    return _private("inquiries/track.html", inquiry=inquiry)


@bp.get("/comments/track/<token>")
def track_comment(token):
    comment = inquiries.comment_by_token(connection(), token)
    if comment is None:
        abort(404)
    return _private("inquiries/comment_track.html", comment=comment)


def _public_data():
    conn = connection()
    names = _names()
    items = inquiries.answered(conn, names)
    return {"statistics": inquiries.answer_time_statistics(conn, names),
            "inquiries": [i for i in items if not i["delegate"]],
            "delegate_inquiries": [i for i in items if i["delegate"]]}


@bp.get("/inquiries")
def public_list():
    return render_template("inquiries/list.html", summary=inquiries.answer_time_summary(connection()), **_public_data())


def _json_value(value):
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@bp.get("/inquiries.json")
@bp.get("/api/inquiries")
def public_json():
    data = _public_data()
    body = {key: [{k: _json_value(v) for k, v in row.items()} for row in rows] for key, rows in data.items()}
    return jsonify({**body, "summary": inquiries.answer_time_summary(connection())})


# ---- staff --------------------------------------------------------------------------------------

@staff_bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@staff_bp.get("/")
@role_required("moderator")
def staff_list():
    status = request.args.get("status", "open")
    if status not in ("open", "all", *inquiries.calendar.STATUS_LABELS):
        status = "open"
    return render_template("admin/inquiries.html", items=inquiries.staff_list(connection(), _names(), status),
                           status=status, status_labels=inquiries.calendar.STATUS_LABELS)


@staff_bp.get("/<int:inquiry_id>")
@role_required("moderator")
def staff_detail(inquiry_id, error=None, status=200):
    names = _names()
    inquiry = inquiries.by_id(connection(), inquiry_id, names)
    if inquiry is None:
        abort(404)
    # What de-identification hid in the question and the contact, as moderators see it for comments.
    masked = comments.masked_summary("\n".join(filter(None, (inquiry["question"], inquiry["contact"]))))
    return render_template("admin/inquiry.html", inquiry=inquiry, masked=masked, departments=names,
                           error=error), status


def _staff_action(inquiry_id, action, *args):
    try:
        action(engine(), inquiry_id, current_user()["username"], *args)
    except inquiries.InquiryError as exc:
        return staff_detail(inquiry_id, error=exc.message, status=exc.status)
    flash(f"已处理质询 {inquiries.tracking_code(inquiry_id)}", "admin")
    return redirect(url_for("inquiry_admin.staff_detail", inquiry_id=inquiry_id), code=303)


@staff_bp.post("/<int:inquiry_id>/assign")
@role_required("moderator")
def assign(inquiry_id):
    return _staff_action(inquiry_id, inquiries.assign, request.form.get("department", ""), _names())


@staff_bp.post("/<int:inquiry_id>/reply")
@role_required("moderator")
def reply(inquiry_id):
    return _staff_action(inquiry_id, inquiries.reply, request.form.get("reply", ""))


@staff_bp.post("/<int:inquiry_id>/decline")
@role_required("moderator")
def decline(inquiry_id):
    return _staff_action(inquiry_id, inquiries.decline, request.form.get("reason", ""))
