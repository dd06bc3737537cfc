"""Citizens' ratings and comments on projects (公众评议)."""
import datetime as dt

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    get_flashed_messages,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf.csrf import CSRFError

from .. import comments, inquiries
from ..context import connection, engine, publication_id
from ..errors import api_error, wants_json
from ..extensions import limiter
from ..security import local_redirect

bp = Blueprint("community", __name__)
BEIJING = dt.timezone(dt.timedelta(hours=8))
CSRF_MESSAGE = "页面已过期或缺少安全令牌，请刷新页面后重新提交"


def client_key():
    """Rate-limit and storage key for a client: a keyed hash, so no raw IP is kept anywhere."""
    return comments.client_hash(request.remote_addr, current_app.config["SECRET_KEY"])


# The write budget is a blueprint limit, so the limiter checks it in before_request, ahead of the
# body-size guard and of CSRF (see create_app): posts refused as too large or without a token use up
# the budget too, instead of being free to repeat.
limiter.limit(lambda: current_app.config["RATELIMIT_WRITE"], key_func=client_key, methods=["POST"])(bp)


def local_time(value):
    if value is None:
        return ""
    return value.replace(tzinfo=dt.timezone.utc).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def _project_or_404(code):
    if not comments.project_exists(connection(), publication_id(), code):
        abort(404)


def panel_data(code):
    conn = connection()
    return {"summary": comments.rating_summary(conn, code), "comments": comments.approved_comments(conn, code),
            "max_chars": comments.MAX_BODY_CHARS,
            "premoderated": current_app.config["COMMENTS_PREMODERATED"],
            "messages": get_flashed_messages(category_filter=["community"]),
            "followups": get_flashed_messages(category_filter=["community-followup"])}


@bp.app_context_processor
def _panel_helpers():
    return {"community_panel": panel_data, "community_time": local_time}


@bp.errorhandler(CSRFError)
def _csrf_error(_exc):
    if wants_json() or request.is_json:
        return api_error(400, "csrf_failed", CSRF_MESSAGE)
    return render_template("error.html", status=400, message=CSRF_MESSAGE), 400


@bp.get("/projects/<code>/comments")
def comments_page(code):
    _project_or_404(code)
    return render_template("community/comments_page.html", project={"code": code})


def _return_to(code):
    """Back to the page that showed the form (a local path), else the comments page.

    A malformed target (a tab, a newline) is refused with a 400 by local_redirect; post_comment asks
    before storing anything, so a refused target never leaves a stored comment behind.
    """
    default = url_for("community.comments_page", code=code)
    return local_redirect(request.form.get("return_to", ""), default).split("#")[0] + "#community"


@bp.post("/projects/<code>/comments")
def post_comment(code):
    _project_or_404(code)
    _return_to(code)  # a malformed return_to is refused (400) before anything is stored
    as_json = request.is_json or wants_json()
    data = (request.get_json(silent=True) or {}) if request.is_json else request.form
    premoderated = current_app.config["COMMENTS_PREMODERATED"]
    thanks = "感谢您的评议！工作人员审核通过后将公开显示。" if premoderated else "感谢您的评议，已公开显示。"
    if data.get("website"):
        # Honeypot filled: a bot. Answer as if accepted, store nothing.
        return _accepted(code, as_json, thanks, status="pending")
    try:
        stored = comments.submit(engine(), project_code=code, rating=data.get("rating"), body=data.get("body"),
                                 client=client_key(), premoderated=premoderated)
    except comments.CommentError as exc:
        if as_json:
            raise  # the one UserError handler answers the JSON error object
        form = {"rating": data.get("rating", ""), "body": data.get("body", ""), "error": exc.message}
        return render_template("community/comments_page.html", project={"code": code}, comment_form=form,
                               return_to=request.form.get("return_to", "")), exc.status
    token = inquiries.issue_comment_followup(engine(), stored["id"])
    return _accepted(code, as_json, thanks, status=stored["status"], comment_id=stored["id"], token=token)


def _accepted(code, as_json, message, status, comment_id=None, token=None):
    # The author's private link to the comment's status and reply (portal/views/inquiries.py).
    link = url_for("inquiries.track_comment", token=token, _external=True) if token else None
    if as_json:
        return jsonify({"id": comment_id, "status": status, "message": message, "followup_url": link}), 201
    flash(message, "community")
    if link:
        flash(link, "community-followup")
    return redirect(_return_to(code), code=303)


@bp.get("/api/projects/<code>/comments")
def api_comments(code):
    if not comments.project_exists(connection(), publication_id(), code):
        return api_error(404, "not_found", f"项目「{code}」不存在")
    conn = connection()
    items = [{**c, "created_at": c["created_at"].isoformat(timespec="seconds") + "Z",
              "reply_at": c["reply_at"].isoformat(timespec="seconds") + "Z" if c["reply_at"] else None}
             for c in comments.approved_comments(conn, code)]
    return jsonify({"project_code": code, "rating": comments.rating_summary(conn, code), "comments": items})
