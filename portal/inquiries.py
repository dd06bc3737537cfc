"""Inquiries (在线质询): submission, private follow-up, staff workflow, public list and statistics.

Submission reuses the comment checks (portal/comments.py): sensitive words, the same de-identification
(``comments._scrub``: anonymize.scrub_text in user-text mode) and duplicate suppression; the view adds
CSRF, the honeypot and the write rate limit exactly as for comments. The person receives a tracking
code (derived from the row id: it names an inquiry, it does not open it) and a private follow-up link
whose random token is stored only as its SHA-256. Deadlines and statistics use ledger/inquiries.py.
"""
import hashlib
import secrets

from flask import current_app
from sqlalchemy import insert, select, update

from ledger import inquiries as calendar
from ledger import schema
from ledger.queries import inquiries as q_inquiries

from . import comments
from .auth import audit

SUBJECT_KINDS = {"figure": "数字", "project": "项目", "department": "部门"}
MAX_QUESTION_CHARS = 1000
MAX_CONTACT_CHARS = 100
MAX_LABEL_CHARS = 200
TRANSITIONS = {"assign": ("accepted", "in_progress"), "reply": ("accepted", "in_progress"),
               "decline": ("accepted", "in_progress")}


class InquiryError(comments.CommentError):
    """A submission or staff action we refuse, with a Chinese message."""


def new_token():
    return secrets.token_urlsafe(24)


def token_hash(token):
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()


def tracking_code(inquiry_id):
    return f"ZX{inquiry_id:06d}"


def _today():
    return comments._now().date()


def _holidays():
    return current_app.config["INQUIRY_HOLIDAYS"]


def deadline_for(created):
    return calendar.add_working_days(created.date(), current_app.config["INQUIRY_DEADLINE_DAYS"], _holidays())


def check_question(text):
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) < comments.MIN_BODY_CHARS:
        raise InquiryError("question_too_short", f"请填写您的问题（至少 {comments.MIN_BODY_CHARS} 个字）")
    if len(text) > MAX_QUESTION_CHARS:
        raise InquiryError("question_too_long", f"问题不能超过 {MAX_QUESTION_CHARS} 个字（当前 {len(text)} 字）")
    if comments.find_sensitive(text):
        raise InquiryError("sensitive_words", "问题包含不文明用语或广告信息，请修改后再提交")
    return text


def _subject(kind, ref, url, label):
    if kind not in SUBJECT_KINDS:
        raise InquiryError("invalid_subject", "请从数字、项目或部门页面上的「对这个数字有疑问」进入")
    url = (url or "").strip()
    if url and (not url.startswith("/") or url.startswith("//") or any(c in url for c in "\\\t\r\n")):
        raise InquiryError("invalid_subject", "所涉页面地址无效")
    # Everything that came from the client is de-identified, not only the question: a crafted link
    # could carry a phone number in its reference, address or label.
    return {"subject_kind": kind, "subject_ref": comments._scrub((ref or "").strip()[:64]) or None,
            "subject_url": comments._scrub(url[:512]) or None,
            "subject_label": comments._scrub((label or "").strip()[:MAX_LABEL_CHARS]) or None}


def submit(engine, *, subject, question, contact, client, delegate=None):
    """Store one inquiry; returns (row dict, private token). Raises InquiryError."""
    question = comments._scrub(check_question(question))
    contact = (contact or "").strip()[:MAX_CONTACT_CHARS]
    if comments.find_sensitive(contact + (subject.get("label") or "")):
        raise InquiryError("sensitive_words", "联系方式或质询对象包含不文明用语或广告信息，请修改后再提交")
    contact = comments._scrub(contact) or None
    values = _subject(**subject)
    body_hash = hashlib.sha256(f"{values['subject_ref']}\n{comments._squash(question)}".encode("utf-8")).hexdigest()
    now = comments._now()
    token = new_token()
    with engine.begin() as conn:
        duplicate = conn.execute(select(schema.inquiries.c.id).where(
            schema.inquiries.c.body_hash == body_hash,
            schema.inquiries.c.created_at >= now - comments.DUPLICATE_WINDOW).limit(1)).first()
        if duplicate:
            raise InquiryError("duplicate", "相同内容的质询已经提交过，请勿重复提交", status=409)
        values.update(question=question, contact=contact, status="accepted", created_at=now,
                      deadline=deadline_for(now), client_hash=client, body_hash=body_hash,
                      token_hash=token_hash(token), delegate=delegate)
        inquiry_id = conn.execute(insert(schema.inquiries).values(**values)).inserted_primary_key[0]
    return {"id": inquiry_id, "code": tracking_code(inquiry_id), **values}, token


# ---- reading -------------------------------------------------------------------------------------

def _decorate(row, department_names):
    row = dict(row)
    row["code"] = tracking_code(row["id"])
    row["status_label"] = calendar.STATUS_LABELS[row["status"]]
    row["overdue"] = calendar.is_overdue(row, _today(), _holidays())
    row["department_name"] = department_names.get(row["department_code"])
    row["answer_days"] = calendar.answer_days(row, _holidays())
    return row


def department_names(conn, publication_id):
    rows = conn.execute(select(schema.departments.c.code, schema.departments.c.name)
                        .where(schema.departments.c.publication_id == publication_id)
                        .order_by(schema.departments.c.code))
    return dict(rows.all())


def by_token(conn, token, names):
    row = conn.execute(select(schema.inquiries).where(
        schema.inquiries.c.token_hash == token_hash(token))).mappings().first()
    return _decorate(row, names) if row else None


def by_id(conn, inquiry_id, names):
    row = conn.execute(select(schema.inquiries).where(schema.inquiries.c.id == inquiry_id)).mappings().first()
    return _decorate(row, names) if row else None


def staff_list(conn, names, status="open", limit=500):
    query = select(schema.inquiries)
    if status == "open":
        query = query.where(schema.inquiries.c.status.in_(calendar.OPEN_STATUSES))
    elif status != "all":
        query = query.where(schema.inquiries.c.status == status)
    rows = conn.execute(query.order_by(schema.inquiries.c.deadline, schema.inquiries.c.id).limit(limit)).mappings()
    return [_decorate(r, names) for r in rows]


def public_view(row):
    """What the public may see of an answered inquiry (scrubbed again: the scrubber improves over time)."""
    return {"code": row["code"], "subject_kind": row["subject_kind"], "subject_ref": row["subject_ref"],
            "subject_url": row["subject_url"], "subject_label": row["subject_label"],
            "question": comments._scrub(row["question"]), "reply": comments._scrub(row["reply"] or ""),
            "department_code": row["department_code"], "department_name": row["department_name"],
            "delegate": bool(row["delegate"]), "created_at": row["created_at"], "answered_at": row["answered_at"],
            "deadline": row["deadline"], "answer_days": row["answer_days"], "overdue": row["overdue"]}


def answered(conn, names, limit=500):
    rows = conn.execute(select(schema.inquiries).where(schema.inquiries.c.status == "answered")
                        .order_by(schema.inquiries.c.answered_at.desc()).limit(limit)).mappings()
    return [public_view(_decorate(r, names)) for r in rows]


def answer_time_statistics(conn, names=None, today=None, holidays=None):
    """Per-department answer-time statistics, slowest first (ledger.queries.inquiries, the function the
    question box calls too), with this deployment's holidays and today's date."""
    return q_inquiries.answer_time_statistics(conn, names, today or _today(),
                                              _holidays() if holidays is None else holidays)


def answer_time_summary(conn, today=None, holidays=None):
    """All inquiries together: counts, median and mean working days to answer, overdue."""
    return q_inquiries.answer_time_summary(conn, today or _today(), _holidays() if holidays is None else holidays)


# ---- staff workflow ------------------------------------------------------------------------------

def _act(engine, inquiry_id, username, action, values, detail=None):
    """Apply a staff action to an open inquiry, with its audit row in the same transaction."""
    with engine.begin() as conn:
        result = conn.execute(update(schema.inquiries).where(
            schema.inquiries.c.id == inquiry_id, schema.inquiries.c.status.in_(TRANSITIONS[action]))
            .values(handled_by=username, **values))
        if result.rowcount == 0:
            raise InquiryError("not_open", "质询不存在或已办结", status=409)
        audit(f"inquiry_{action}", target=f"inquiry:{inquiry_id}", detail=detail, username=username, conn=conn)


def assign(engine, inquiry_id, username, department_code, names):
    if department_code not in names:
        raise InquiryError("invalid_department", "请选择承办部门")
    _act(engine, inquiry_id, username, "assign", {"department_code": department_code, "status": "in_progress"},
         {"department": department_code})


def _required_text(text, code, message, limit):
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise InquiryError(code, message)
    if len(text) > limit:
        raise InquiryError(f"{code}_too_long", f"内容不能超过 {limit} 个字")
    return comments._scrub(text)


def reply(engine, inquiry_id, username, text):
    text = _required_text(text, "reply_required", "答复内容不能为空", comments.MAX_REPLY_CHARS)
    _act(engine, inquiry_id, username, "reply", {"reply": text, "status": "answered", "answered_at": comments._now()},
         {"chars": len(text)})


def decline(engine, inquiry_id, username, reason):
    reason = _required_text(reason, "reason_required", "不予受理必须填写理由", comments.MAX_REASON_CHARS)
    _act(engine, inquiry_id, username, "decline",
         {"decline_reason": reason, "status": "declined", "answered_at": comments._now()}, {"reason": reason})


# ---- comment follow-up -----------------------------------------------------------------------------

def issue_comment_followup(engine, comment_id):
    """A private token for a comment's author; only its hash is stored."""
    token = new_token()
    with engine.begin() as conn:
        conn.execute(insert(schema.comment_followups).values(token_hash=token_hash(token), comment_id=comment_id))
    return token


def comment_by_token(conn, token):
    followups = schema.comment_followups
    row = conn.execute(select(schema.comments).join(followups, followups.c.comment_id == schema.comments.c.id)
                       .where(followups.c.token_hash == token_hash(token))).mappings().first()
    if row is None:
        return None
    return {**comments.public_view(row), "project_code": row["project_code"], "status": row["status"],
            "status_label": comments.STATUS_LABELS[row["status"]],
            "reject_reason": row["reject_reason"] if row["status"] == "rejected" else None}
