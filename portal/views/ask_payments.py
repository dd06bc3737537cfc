"""Payments a record-finding question names (「云峰锦程工程咨询 监理费」「鹭洲区儿童公园 结算款」): the
treasury vouchers are not in the site index, so the question page's search handoff looks for them here.

Rule: the question's words (jieba, as the site search cuts them; a year such as 2026 narrows to that
year's payments) are looked up in the purposes of the published payments and in the names of payees
that are organisations — a person's payee is a pseudonym and is never searched by name. A word that
occurs in no payment is replaced by its parts that do (学校食堂 → 学校, 食堂), else ignored. The words of
one piece of the question (text between spaces) count only inside one field, payee or purpose, so that
「竹源方圆建筑」 is not found as 竹源 in a purpose plus 方圆建筑 in another company's name. Among the
payments holding the rarest word found, those holding the most (idf-weighted) words are the matches,
newest first; the words found must make up at least half of the question's words (by characters).
``complete``: every word of the question was found in them. ``payments_first`` puts them before the
site search's results when a word found in them is in none of the search results' titles and snippets
(a payee, 结算款, 监理费, 食堂, 农机购置补贴: words that only payments hold); 「书香小区改造」 finds 进度款
of the projects that the search results already list, and 「…现在什么进度」 a word every project's text
has, so those come first.
"""
import datetime as dt
import math
import re

from sqlalchemy import and_, case, func, or_, select

from ledger.schema import payments
from search.text import default_segmenter, normalize

YEAR = re.compile(r"(?<![\d-])(20\d\d)(?![\d-])年?")
SHOWN = 5
CANDIDATES = 5000  # payments holding the rarest word that are scored; enough for any one payee or purpose


def question_words(question):
    """([(piece number, word)], year): the question's words of two characters or more, and a year it names."""
    text = normalize(question or "")
    found = YEAR.search(text)
    words = [(number, word, subs) for number, piece in enumerate(re.findall(r"[^\W_]+", YEAR.sub(" ", text)))
             for word, subs in default_segmenter().query_words(piece) if len(word) >= 2 and not word.isdigit()]
    return words, int(found.group(1)) if found else None


def _holds(term):
    """SQL: the payment's purpose, or its organisation payee's name, contains the term."""
    return or_(payments.c.purpose.contains(term, autoescape=True),
               and_(payments.c.payee_type == "单位", payments.c.payee.contains(term, autoescape=True)))


def _counts(conn, base, terms):
    """{term: payments holding it} and {None: all payments}, in one scan of the payments."""
    terms = sorted(terms)
    if not terms:
        return {}
    row = conn.execute(select(func.count(), *[func.sum(case((_holds(t), 1), else_=0)) for t in terms])
                       .where(*base)).one()
    return {None: row[0], **{term: int(n or 0) for term, n in zip(terms, row[1:])}}


def _terms(conn, base, words):
    """({term: (payments holding it, piece number)}, number of payments): each word, or its parts when no
    payment holds it (two levels of jieba's sub-words at most); one scan of the payments per level."""
    terms, total = {}, None
    pending = [(piece, word, [s for s in subs if len(s) >= 2] if subs else None) for piece, word, subs in words]
    for depth in range(3):
        counts = _counts(conn, base, {term for _, term, _ in pending} - set(terms))
        total = counts.get(None, total)
        deeper = []
        for piece, term, parts in pending:
            if term in terms:
                continue
            if parts is None:
                parts = [p for p in default_segmenter().index_tokens(term) if len(p) >= 2 and p != term]
            if counts[term] or not parts or depth == 2:
                terms[term] = (counts[term], piece)
            else:
                deeper += [(piece, part, None) for part in parts]
        if not deeper:
            break
        pending = deeper
    return terms, total or 1


def _held(row, known):
    """The terms a payment holds: per piece of the question, those in its payee or those in its purpose."""
    payee = row["payee"] if row["payee_type"] == "单位" else ""
    held = []
    for piece in {p for _, p in known.values()}:
        mine = [t for t, (_, p) in known.items() if p == piece]
        in_payee, in_purpose = [t for t in mine if t in payee], [t for t in mine if t in (row["purpose"] or "")]
        held += max(in_payee, in_purpose, key=lambda ts: sum(map(len, ts)))
    return held


def matching_payments(conn, pub_id, question):
    """{"rows", "total", "sum_fen", "complete", "payee", "purpose", "year"} of the payments the question
    names, or None. ``sum_fen`` is None when the candidates were cut at CANDIDATES."""
    words, year = question_words(question)
    if not words:
        return None
    base = [payments.c.publication_id == pub_id]
    if year:
        base.append(payments.c.date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    terms, docs = _terms(conn, base, words)
    known = {term: found for term, found in terms.items() if found[0]}
    if not known:
        return None
    weight = {term: math.log(1 + docs / n) for term, (n, _) in known.items()}
    anchor = min(known, key=lambda t: known[t][0])
    rows = conn.execute(select(payments.c.id, payments.c.date, payments.c.payee, payments.c.payee_type,
                               payments.c.purpose, payments.c.amount_fen, payments.c.project_code)
                        .where(*base, _holds(anchor)).limit(CANDIDATES + 1)).mappings().all()
    scored = [(sum(weight[t] for t in held), held, row) for row in rows[:CANDIDATES]
              for held in [_held(row, known)]]
    best, held, _ = max(scored, key=lambda s: s[0])
    if 2 * sum(map(len, held)) < sum(map(len, terms)):
        return None  # the words found are the lesser part of the question: a guess, not a match
    matches = sorted((row for score, _, row in scored if score == best), key=lambda r: (r["date"], r["id"]),
                     reverse=True)
    payees, purposes = {r["payee"] for r in matches}, {r["purpose"] for r in matches}
    return {"rows": [dict(r) for r in matches[:SHOWN]], "total": len(matches), "year": year,
            "sum_fen": None if len(rows) > CANDIDATES else sum(r["amount_fen"] for r in matches),
            "complete": len(held) == len(terms) == len(words), "terms": held,
            "payee": next(iter(payees)) if len(payees) == 1 and matches[0]["payee_type"] == "单位" else None,
            "purpose": next(iter(purposes)) if len(purposes) == 1 else None}


def payments_first(matches, search_result):
    """Whether named payments go above the site search's results (see the module's docstring)."""
    if not matches:
        return False
    shown = " ".join(normalize(f"{item['title']} {item.get('snippet') or ''}")
                     for item in (search_result or {}).get("results", []))
    return any(term not in shown for term in matches["terms"])
