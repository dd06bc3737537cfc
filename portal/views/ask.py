"""The question box: /ask (HTML), /api/ask (JSON), /ask.csv (the table behind an answer)."""
import csv
import datetime as dt
import hashlib
import hmac
import io

from flask import Blueprint, Response, current_app, render_template, request

from ledger.errors import UserError
from ledger.schema import question_log
from nlq.answer import QuestionError, ask
from nlq.suggest import suggestions

from ..args import arg_date
from ..context import connection, publication
from ..errors import api_error
from ..exports import neutralise
from ..extensions import limiter
from .ask_extras import page_extras
from .search import first_results, site_search

bp = Blueprint("ask", __name__)


def _rate_limit():
    return current_app.config.get("RATELIMIT_ASK", "30 per minute")


def _as_of():
    return arg_date("as_of", "as_of ", code="bad_as_of")


CHIP_ORDER = ("time", "region", "class", "measure", "order")


def rebuilt_question():
    """?q=, or the question rebuilt from edited chips (时间 · 地区 · 科目 · 指标 · 排序)."""
    question = request.args.get("q")
    if question is None and any(f"chip_{k}" in request.args for k in CHIP_ORDER):
        parts = [request.args.get(f"chip_{k}", "").strip()[:40] for k in CHIP_ORDER]
        if request.args.get("asked") and all(
                p == request.args.get(f"was_{k}", "").strip()[:40] for k, p in zip(CHIP_ORDER, parts)):
            return request.args["asked"]  # chips sent back unchanged: the question they came from, same answer
        question = " ".join(p for p in parts if p and p not in ("全部支出", "全部年度"))
    return question


def _answer():
    """(result | None, error | None) for the request's ?q= (or chips)."""
    question = rebuilt_question()
    pub = publication()
    if pub is None:
        return None, QuestionError("no_publication", "尚未发布任何数据")
    try:
        as_of = _as_of()
        result = ask(connection(), pub, question, as_of=as_of, config=current_app.config, search=site_search)
    except UserError as exc:
        return None, exc
    _log(question, result)
    return result, None


def _log(question, result):
    """De-identified question log (for improving the lexicon); the client is a keyed hash, never the IP."""
    try:
        from anonymize import scrub_text

        text = scrub_text(question, visible_digits=current_app.config["ANONYMIZE_VISIBLE_DIGITS"])[:200]
    except Exception:  # the log must never break an answer
        text = ""
    key = current_app.config["SECRET_KEY"].encode()
    client = hmac.new(key, (request.remote_addr or "").encode(), hashlib.sha256).hexdigest()
    kind = (result.get("query") or {}).get("kind") or ("decline" if result.get("decline") else "fallback")
    engine = current_app.extensions["mingzhang.engine"]
    try:
        with engine.begin() as conn:
            conn.execute(question_log.insert().values(at=dt.datetime.now(), question=text, kind=kind,
                                                      confidence=result.get("confidence"), client_hash=client))
    except Exception as exc:  # noqa: BLE001 — logging is best effort
        current_app.logger.warning("question log failed: %s", exc)


@bp.get("/api/ask")
@limiter.limit(_rate_limit)
def api_ask():
    result, error = _answer()
    if error is not None:
        status = 503 if error.code == "no_publication" else 400
        return api_error(status, error.code, error.message)
    return result


@bp.get("/ask")
@limiter.limit(_rate_limit)
def ask_page():
    question = rebuilt_question()
    result = error = None
    if question is not None:
        result, error = _answer()
    status = 400 if error is not None and error.code != "no_publication" else 200
    pub = publication()
    search_query, search_result = _search_handoff(result)
    return render_template("ask.html", question=question or "", result=result, error=error,
                           search_query=search_query, search_result=search_result,
                           **page_extras(result, search_result),
                           suggestions=suggestions(connection(), pub, current_app.config) if pub else []), status


def _search_handoff(result):
    """Site-search results when the answer hands off to search (a declined, vague or record-finding
    question: ``search_fallback``): the whole question, else each of its words. (None, None) otherwise."""
    fallback = (result or {}).get("search_fallback")
    if not fallback:
        return None, None
    return first_results([fallback.get("query") or result["normalized"], *(fallback.get("words") or [])])


@bp.get("/ask.csv")
@limiter.limit(_rate_limit)
def ask_csv():
    result, error = _answer()
    if error is not None:
        return api_error(400, error.code, error.message)
    answer = (result or {}).get("answer") or {}
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads UTF-8 with a BOM
    writer = csv.writer(buffer)

    def safe(cells):  # the question echo and imported names: no formulas
        return [neutralise(c) for c in cells]
    writer.writerow(safe(["问题", result["question"]]))
    writer.writerow(safe(["理解为", result["understood"]]))
    if answer.get("columns"):
        writer.writerow(safe(answer["columns"]))
        writer.writerows(safe(row) for row in answer.get("rows") or [])
    elif answer:
        writer.writerow(["数值", "单位", "期间"])
        writer.writerow(safe([answer.get("value"), answer.get("unit"), answer.get("period")]))
    return Response(buffer.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=answer.csv"})


@bp.app_context_processor
def _suggested():
    def ask_suggestions():
        try:
            pub = publication()
            return suggestions(connection(), pub, current_app.config) if pub else []
        except Exception:  # the home page must render without it
            return []

    return {"ask_suggestions": ask_suggestions}
