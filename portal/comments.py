"""Citizens' ratings and comments (公众评议): checks, storage, moderation, statistics.

A comment is checked in this order: honeypot, length and rating, sensitive words,
then de-identified with ``anonymize.scrub_text`` — the publication's own detectors in user-text
mode, where cue words such as 「金额」「编号」 never switch detection off and numbers are read in
any form (full-width, Chinese numerals, dots, dashes, spaces) — so phone, ID and bank-card numbers,
names and house addresses never reach the database; then duplicates are suppressed. New comments
are ``pending`` unless COMMENTS_PREMODERATED is off; only ``approved`` ones are public.
Moderators see what was masked (``masked_kinds``): each mask has its own shape, so the kinds are
read back from the stored text; the raw text is never kept.
"""
import datetime as dt
import hashlib
import hmac
import re
import threading
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

from flask import current_app, has_app_context
from sqlalchemy import func, insert, select, update

from anonymize import scrub_text
from anonymize.masks import masked_kinds
from anonymize.policy import KIND_LABELS, VISIBLE_DIGITS
from ledger import schema
from ledger.errors import UserError

from .auth import audit

MAX_BODY_CHARS = 500
MIN_BODY_CHARS = 2
MAX_REPLY_CHARS = 2000
MAX_REASON_CHARS = 200
DUPLICATE_WINDOW = dt.timedelta(days=7)
WORDS_FILE = Path(__file__).resolve().parent / "data" / "sensitive_words.txt"
STATUS_LABELS = {"pending": "待审核", "approved": "已公开", "rejected": "未通过"}
# Characters ignored when matching sensitive words and duplicates ("傻 逼", "傻-逼").
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


class CommentError(UserError):
    """A submission we refuse, with a Chinese message for the citizen."""


def _now():
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def client_hash(ip, secret):
    """Keyed hash of the client address: lets us group a client's comments without storing its IP."""
    return hmac.new(secret.encode("utf-8"), (ip or "unknown").encode("utf-8"), hashlib.sha256).hexdigest()


def _squash(text):
    return _NOISE.sub("", unicodedata.normalize("NFKC", text).lower())


# Variant characters that OpenCC keeps (they are valid simplified characters too) but that stand in
# for a listed word's character. Only unambiguous ones: a wrong fold would refuse innocent comments.
_VARIANTS = str.maketrans({"妳": "你", "祢": "你", "艹": "草", "肏": "操"})
_converter_lock = threading.Lock()  # an OpenCC converter is not safe to share between threads


@lru_cache(maxsize=1)
def _to_simplified():
    from opencc import OpenCC

    return OpenCC("tw2sp")  # traditional characters, and Taiwan phrasing (網路→网络), to simplified


def word_form(text):
    """The form sensitive words are matched in, on both sides: NFKC (full-width letters, Kangxi radicals,
    compatibility ideographs), simplified Chinese, variants folded, lower case, no spaces or punctuation.
    So 「煞筆」「草泥馬」「網路賭博」「加ＱＱ」「⼈」 meet the list's 「煞笔」「草泥马」「网络赌博」「加qq」「人」."""
    text = unicodedata.normalize("NFKC", text or "")
    with _converter_lock:
        text = _to_simplified().convert(text)
    return _NOISE.sub("", text.translate(_VARIANTS).lower())


@lru_cache(maxsize=1)
def sensitive_words():
    words = []
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(word_form(line))
    return tuple(w for w in words if w)


def find_sensitive(text):
    normalised = word_form(text)
    return [w for w in sensitive_words() if w in normalised]


def parse_rating(value):
    try:
        rating = int(str(value).strip())
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise CommentError("invalid_rating", "请选择 1 到 5 星的评分")
    return rating


def check_body(body):
    body = (body or "").replace("\r\n", "\n").strip()
    if len(body) < MIN_BODY_CHARS:
        raise CommentError("body_too_short", f"请填写评议内容（至少 {MIN_BODY_CHARS} 个字）")
    if len(body) > MAX_BODY_CHARS:
        raise CommentError("body_too_long", f"评议内容不能超过 {MAX_BODY_CHARS} 个字（当前 {len(body)} 字）")
    if find_sensitive(body):
        raise CommentError("sensitive_words", "评议内容包含不文明用语或广告信息，请修改后再提交")
    return body


def _scrub(text):
    """User text scrubbed with the deployment's ANONYMIZE_VISIBLE_DIGITS (scripts without an app: the default)."""
    digits = current_app.config["ANONYMIZE_VISIBLE_DIGITS"] if has_app_context() else VISIBLE_DIGITS
    return scrub_text(text, visible_digits=digits)


def project_exists(conn, publication_id, code):
    return conn.execute(select(schema.projects.c.code).where(
        schema.projects.c.publication_id == publication_id, schema.projects.c.code == code)).first() is not None


def submit(engine, *, project_code, rating, body, client, premoderated):
    """Store one comment; returns its row dict. Raises CommentError."""
    rating = parse_rating(rating)
    body = _scrub(check_body(body))
    body_hash = hashlib.sha256(f"{project_code}\n{_squash(body)}".encode("utf-8")).hexdigest()
    now = _now()
    with engine.begin() as conn:
        duplicate = conn.execute(select(schema.comments.c.id).where(
            schema.comments.c.project_code == project_code, schema.comments.c.body_hash == body_hash,
            schema.comments.c.created_at >= now - DUPLICATE_WINDOW).limit(1)).first()
        if duplicate:
            raise CommentError("duplicate", "相同内容的评议已经提交过，请勿重复提交", status=409)
        values = {"project_code": project_code, "rating": rating, "body": body,
                  "status": "pending" if premoderated else "approved", "created_at": now,
                  "client_hash": client, "body_hash": body_hash}
        comment_id = conn.execute(insert(schema.comments).values(**values)).inserted_primary_key[0]
    return {"id": comment_id, **values}


# ---- public reading ------------------------------------------------------------

def public_view(row):
    """What the public may see of a comment (scrubbed again: the scrubber improves over time)."""
    return {"id": row["id"], "rating": row["rating"], "body": _scrub(row["body"]),
            "created_at": row["created_at"],
            "reply": _scrub(row["reply"]) if row["reply"] else None, "reply_at": row["reply_at"]}


def approved_comments(conn, project_code, limit=200):
    rows = conn.execute(select(schema.comments).where(
        schema.comments.c.project_code == project_code, schema.comments.c.status == "approved")
        .order_by(schema.comments.c.created_at.desc(), schema.comments.c.id.desc()).limit(limit)).mappings()
    return [public_view(r) for r in rows]


def rating_summary(conn, project_code):
    """Average and 1–5 distribution of approved ratings."""
    counts = dict(conn.execute(select(schema.comments.c.rating, func.count()).where(
        schema.comments.c.project_code == project_code, schema.comments.c.status == "approved")
        .group_by(schema.comments.c.rating)).all())
    total = sum(counts.values())
    average = round(sum(r * n for r, n in counts.items()) / total, 2) if total else None
    distribution = [{"stars": stars, "count": counts.get(stars, 0),
                     "percent": round(100 * counts.get(stars, 0) / total) if total else 0}
                    for stars in range(5, 0, -1)]
    return {"count": total, "average": average, "distribution": distribution}


# ---- moderation ------------------------------------------------------------------

def comment_by_id(conn, comment_id):
    row = conn.execute(select(schema.comments).where(schema.comments.c.id == comment_id)).mappings().first()
    return dict(row) if row else None


def masked_summary(text):
    """[{"kind", "label", "count"}] of the masks in a stored (already scrubbed) text."""
    counts = Counter(kind for kind, _value in masked_kinds(text or ""))
    return [{"kind": kind, "label": KIND_LABELS.get(kind, kind), "count": n} for kind, n in counts.items()]


def queue(conn, status="pending", limit=200):
    """Comments for the moderation queue, each with ``masked``: what de-identification hid in it."""
    query = select(schema.comments)
    if status != "all":
        query = query.where(schema.comments.c.status == status)
    order = schema.comments.c.id.asc() if status == "pending" else schema.comments.c.id.desc()
    rows = [dict(r) for r in conn.execute(query.order_by(order).limit(limit)).mappings()]
    for row in rows:
        row["masked"] = masked_summary(row["body"])
    return rows


def status_counts(conn):
    return dict(conn.execute(select(schema.comments.c.status, func.count())
                             .group_by(schema.comments.c.status)).all())


def _moderate(engine, comment_id, username, action, values, detail=None):
    with engine.begin() as conn:
        result = conn.execute(update(schema.comments).where(schema.comments.c.id == comment_id)
                              .values(moderated_by=username, **values))
        if result.rowcount == 0:
            raise CommentError("not_found", "评议不存在", status=404)
        audit(action, target=f"comment:{comment_id}", detail=detail, username=username, conn=conn)


def approve(engine, comment_id, username):
    _moderate(engine, comment_id, username, "comment_approve", {"status": "approved", "reject_reason": None})


def reject(engine, comment_id, username, reason):
    reason = (reason or "").strip()
    if not reason:
        raise CommentError("reason_required", "驳回评议必须填写理由")
    if len(reason) > MAX_REASON_CHARS:
        raise CommentError("reason_too_long", f"驳回理由不能超过 {MAX_REASON_CHARS} 个字")
    _moderate(engine, comment_id, username, "comment_reject", {"status": "rejected", "reject_reason": reason},
              {"reason": reason})


def reply(engine, comment_id, username, text):
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise CommentError("reply_required", "回复内容不能为空")
    if len(text) > MAX_REPLY_CHARS:
        raise CommentError("reply_too_long", f"回复不能超过 {MAX_REPLY_CHARS} 个字")
    text = _scrub(text)
    _moderate(engine, comment_id, username, "comment_reply", {"reply": text, "reply_at": _now()},
              {"chars": len(text)})
