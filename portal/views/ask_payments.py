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
has, so those come first. A question that asks for payments in its own words (收款、付款、支付、凭证、
几笔 …: 「…收款记录」「…进度款付了几笔」) gets them first too: the projects a search finds for its other words
are not what it asks for, and on a phone they push the payments below the first screen.
"""
import bisect
import datetime as dt
import math
import re

from sqlalchemy import and_, case, func, or_, select

from ledger.queries.cache import per_publication_shared
from ledger.schema import payments
from search.text import default_segmenter, normalize

YEAR = re.compile(r"(?<![\d-])(20\d\d)(?![\d-])年?")
VOUCHER = re.compile(r"(?:(?:支付|付款)?凭证号?[:：]?\s*)?([A-Za-z]{2}\d{8,})")
VOUCHER_IN = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}\d{8,})(?![A-Za-z0-9])")
COLUMNS = (payments.c.id, payments.c.date, payments.c.payee, payments.c.payee_type, payments.c.purpose,
           payments.c.amount_fen, payments.c.project_code)
SHOWN = 5
# Words that ask for payments themselves (who was paid, a voucher, how many payments), not for a project.
ASKS_FOR_PAYMENTS = re.compile(r"收款|付款|支付|付给|付了|打款|转账|汇款|到账|凭证|流水|(?:几|多少|每|单|一|1)笔")
# The kinds of a works' payment (the ends of the payments' purposes): 「某工程进度款」 asks for those payments,
# though the box reads the project it names.
PAYMENT_KINDS = re.compile(r"进度款|结算款|预付款|尾款|质保金|工程款|设计费|监理费")


def asks_for_payments(question):
    """Whether the question asks for payments in its own words (a word of paying or a kind of payment)."""
    text = normalize(question or "")
    return bool(ASKS_FOR_PAYMENTS.search(text) or PAYMENT_KINDS.search(text))


def question_words(question):
    """([(piece number, word)], year): the question's words of two characters or more, and a year it names.
    A word that asks for payments (付款、收款) is no word of them: 「某项目 付款情况」 is not its 预付款 alone."""
    text = normalize(question or "")
    found = YEAR.search(text)
    words = [(number, word, subs) for number, piece in enumerate(re.findall(r"[^\W_]+", YEAR.sub(" ", text)))
             for word, subs in default_segmenter().query_words(piece)
             if len(word) >= 2 and not word.isdigit() and not ASKS_FOR_PAYMENTS.fullmatch(word)]
    return words, int(found.group(1)) if found else None


class PaymentTexts:
    """The distinct (purpose, organisation payee) pairs of a publication's payments (of one year), with the
    number of payments and their sum: a province's 2,000,000 payments hold ~170,000 pairs, so a word's count
    is found in them instead of in a LIKE scan of every payment (3 s a question at ×20)."""

    def __init__(self, rows):
        self.groups = [(purpose or "", payee or "", int(count), int(total or 0), latest)
                       for purpose, payee, count, total, latest in rows]
        # One text for every group, to find a word in all of them with str.find: 「purpose\x00payee\n」.
        self.starts, parts, at = [], [], 0
        for purpose, payee, *_ in self.groups:
            self.starts.append(at)
            part = f"{purpose}\x00{payee}\n"
            parts.append(part)
            at += len(part)
        self.text = "".join(parts)
        self.total = sum(g[2] for g in self.groups)

    def holding(self, term):
        """Indexes of the groups whose purpose or payee contains ``term``."""
        found, start = set(), self.text.find(term)
        while start != -1:
            found.add(bisect.bisect_right(self.starts, start) - 1)
            start = self.text.find(term, start + 1)
        return found

    def count(self, term):
        return sum(self.groups[i][2] for i in self.holding(term))


def _base(pub_id, year):
    base = [payments.c.publication_id == pub_id]
    if year:
        base.append(payments.c.date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return base


@per_publication_shared  # read-only: built once per publication and year
def payment_texts(conn, pub_id, year=None):
    payee = case((payments.c.payee_type == "单位", payments.c.payee), else_="")
    return PaymentTexts(conn.execute(select(payments.c.purpose, payee, func.count(), func.sum(payments.c.amount_fen),
                                            func.max(payments.c.date))
                                     .where(*_base(pub_id, year)).group_by(payments.c.purpose, payee)).all())


def _terms(texts, words):
    """({term: (payments holding it, piece number)}, number of payments): each word, or its parts when no
    payment holds it (two levels of jieba's sub-words at most)."""
    terms = {}
    pending = [(piece, word, [s for s in subs if len(s) >= 2] if subs else None) for piece, word, subs in words]
    for depth in range(3):
        deeper = []
        for piece, term, parts in pending:
            if term in terms:
                continue
            if parts is None:
                parts = [p for p in default_segmenter().index_tokens(term) if len(p) >= 2 and p != term]
            count = texts.count(term)
            if count or not parts or depth == 2:
                terms[term] = (count, piece)
            else:
                deeper += [(piece, part, None) for part in parts]
        if not deeper:
            break
        pending = deeper
    return terms, texts.total or 1


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
    names, or None. Scored by (purpose, payee) group: the payments of one group hold the same words. A voucher
    number alone (in any case: gk2026… is GK2026…) is that payment."""
    voucher = VOUCHER.fullmatch((question or "").strip())
    if voucher:
        return _voucher(conn, pub_id, voucher.group(1).upper())
    # 「gk2025… 这笔钱付给谁了」: a voucher number with a question around it is that payment, when it is one
    inside = VOUCHER_IN.search(question or "")
    found = inside and _voucher(conn, pub_id, inside.group(1).upper())
    if found:
        return found
    words, year = question_words(question)
    if not words:
        return None
    texts = payment_texts(conn, pub_id, year)
    terms, docs = _terms(texts, words)
    known = {term: found for term, found in terms.items() if found[0]}
    if not known:
        return None
    weight = {term: math.log(1 + docs / n) for term, (n, _) in known.items()}
    anchor = min(known, key=lambda t: known[t][0])
    scored = []
    for index in sorted(texts.holding(anchor)):
        purpose, payee, *_ = texts.groups[index]
        held = _held({"payee": payee, "payee_type": "单位" if payee else "", "purpose": purpose}, known)
        scored.append((sum(weight[t] for t in held), held, index))
    best, held, _ = max(scored, key=lambda s: s[0])
    if 2 * sum(map(len, held)) < sum(map(len, terms)):
        return None  # the words found are the lesser part of the question: a guess, not a match
    chosen = [texts.groups[index] for score, _, index in scored if score == best]
    payees, purposes = {g[1] for g in chosen}, {g[0] for g in chosen}
    return {"rows": _newest(conn, pub_id, year, chosen), "total": sum(g[2] for g in chosen), "year": year,
            "sum_fen": sum(g[3] for g in chosen), "complete": len(held) == len(terms) == len(words), "terms": held,
            "payee": next(iter(payees)) or None if len(payees) == 1 else None,
            "purpose": next(iter(purposes)) or None if len(purposes) == 1 else None}


def _voucher(conn, pub_id, number):
    """The payment with voucher ``number`` as a match of one, or None when there is none."""
    row = conn.execute(select(*COLUMNS).where(payments.c.publication_id == pub_id, payments.c.id == number)
                       ).mappings().first()
    if row is None:
        return None
    return {"rows": [dict(row)], "total": 1, "year": None, "sum_fen": row["amount_fen"], "complete": True,
            "terms": [number], "payee": None, "purpose": None}


def _group_condition(purpose, payee):
    named = payments.c.purpose == purpose if purpose else or_(payments.c.purpose.is_(None), payments.c.purpose == "")
    paid = and_(payments.c.payee_type == "单位", payments.c.payee == payee) if payee else \
        payments.c.payee_type != "单位"
    return and_(named, paid)


def _newest(conn, pub_id, year, groups):
    """The SHOWN newest payments of the groups (newest first, then by voucher number): each group's own newest
    from an index (its payee's, or its purpose's), groups taken by their latest date, until no group left
    can hold a newer payment than the SHOWN-th found."""
    columns = (payments.c.id, payments.c.date, payments.c.payee, payments.c.payee_type, payments.c.purpose,
               payments.c.amount_fen, payments.c.project_code)
    rows = []
    for purpose, payee, _count, _total, latest in sorted(groups, key=lambda g: g[4], reverse=True):
        if len(rows) >= SHOWN and latest < rows[SHOWN - 1]["date"]:
            break
        query = (select(*columns).where(*_base(pub_id, year), _group_condition(purpose, payee))
                 .order_by(payments.c.date.desc(), payments.c.id.desc()).limit(SHOWN))
        rows = sorted(rows + [dict(r) for r in conn.execute(query).mappings()], key=lambda r: (r["date"], r["id"]),
                      reverse=True)[:SHOWN]
    return rows


def payments_first(matches, search_result, question=""):
    """Whether named payments go above the site search's results (see the module's docstring)."""
    if not matches:
        return False
    if ASKS_FOR_PAYMENTS.search(normalize(question or "")):
        return True
    shown = " ".join(normalize(f"{item['title']} {item.get('snippet') or ''}")
                     for item in (search_result or {}).get("results", []))
    return any(term not in shown for term in matches["terms"])
