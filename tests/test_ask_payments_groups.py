"""The question page finds named payments by (purpose, payee) group (portal/views/ask_payments.py): the same
vouchers, count and sum as scoring every payment row one by one, the way it was done before (3 s a question
at province scale). The oracle below scores rows with straight SQL scans."""
import math
import sqlite3

import pytest

from portal.views import ask_payments as ap

PUB = "(SELECT max(id) FROM publications WHERE status='published')"


def _oracle(db, question):
    words, year = ap.question_words(question)
    where = f"publication_id={PUB}" + (f" AND date BETWEEN '{year}-01-01' AND '{year}-12-31'" if year else "")
    rows = [dict(zip(("id", "date", "payee", "payee_type", "purpose", "amount_fen"), r)) for r in db.execute(
        f"SELECT id, date, payee, payee_type, purpose, amount_fen FROM payments WHERE {where}")]

    def holding(term):
        return sum(1 for r in rows if term in (r["purpose"] or "") or (r["payee_type"] == "单位" and term in r["payee"]))

    terms, pending = {}, [(piece, word, [s for s in subs if len(s) >= 2] if subs else None) for piece, word, subs in words]
    for depth in range(3):
        deeper = []
        for piece, term, parts in pending:
            if term in terms:
                continue
            parts = parts if parts is not None else [
                p for p in ap.default_segmenter().index_tokens(term) if len(p) >= 2 and p != term]
            n = holding(term)
            if n or not parts or depth == 2:
                terms[term] = (n, piece)
            else:
                deeper += [(piece, part, None) for part in parts]
        if not deeper:
            break
        pending = deeper
    known = {t: f for t, f in terms.items() if f[0]}
    if not known:
        return None
    weight = {t: math.log(1 + len(rows) / n) for t, (n, _) in known.items()}
    anchor = min(known, key=lambda t: known[t][0])
    scored = [(sum(weight[t] for t in held), held, r) for r in rows
              if anchor in (r["purpose"] or "") or (r["payee_type"] == "单位" and anchor in r["payee"])
              for held in [ap._held(r, known)]]
    best, held, _ = max(scored, key=lambda s: s[0])
    if 2 * sum(map(len, held)) < sum(map(len, terms)):
        return None
    matches = sorted((r for s, _, r in scored if s == best), key=lambda r: (r["date"], r["id"]), reverse=True)
    return {"ids": [r["id"] for r in matches[:ap.SHOWN]], "total": len(matches),
            "sum_fen": sum(r["amount_fen"] for r in matches)}


@pytest.fixture(scope="module")
def questions(demo_instance):
    with sqlite3.connect(demo_instance / "mingzhang.db") as db:
        purposes = [p for p, in db.execute(f"SELECT purpose FROM payments WHERE publication_id={PUB} GROUP BY purpose "
                                           "ORDER BY count(*) DESC LIMIT 400")]
        payees = [p for p, in db.execute(f"SELECT payee FROM payments WHERE publication_id={PUB} AND payee_type='单位' "
                                         "GROUP BY payee ORDER BY count(*) DESC LIMIT 40")]
    picked = purposes[::40] + [f"{p[:4]} {p[-3:]}" for p in purposes[5::50]]
    picked += [f"{p.replace('示例市', '')[:6]} 进度款" for p in payees[::8]] + [f"2025年 {p[-6:]}" for p in purposes[::97]]
    return picked + ["农机购置补贴", "结算款", "学校食堂", "2024年 监理费", "不存在的东西"]


def test_groups_find_what_scoring_every_row_finds(demo_app, demo_instance, questions):
    db = sqlite3.connect(demo_instance / "mingzhang.db")
    found = 0
    with demo_app.app_context(), demo_app.extensions["mingzhang.engine"].connect() as conn:
        pub_id = conn.exec_driver_sql("SELECT max(id) FROM publications WHERE status='published'").scalar()
        for question in questions:
            ours, expected = ap.matching_payments(conn, pub_id, question), _oracle(db, question)
            assert (ours is None) == (expected is None), question
            if ours:
                found += 1
                got = {"ids": [r["id"] for r in ours["rows"]], "total": ours["total"], "sum_fen": ours["sum_fen"]}
                assert got == expected, question
    db.close()
    assert found >= len(questions) // 2
