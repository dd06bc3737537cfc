"""Evaluation of the question box over the demo: /api/ask answers vs straight SQL.

tests/data/nlq_eval.jsonl holds the questions and *what* each should compute (tables,
codes, periods); the expected figures are computed here with plain SQL, independently of nlq/.
Prints accuracy per kind; overall must be ≥ 95%.
"""
import json
import math
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text

EVAL = Path(__file__).parent / "data" / "nlq_eval.jsonl"  # generated from templates (make_nlq_eval.py)
EVAL_HAND = Path(__file__).parent / "data" / "nlq_eval_hand.jsonl"  # written by hand, free phrasing
AS_OF = "2026-10-31"


def load_eval():
    return [json.loads(line) for path in (EVAL, EVAL_HAND)
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class Expect:
    """Straight SQL over the published tables."""

    def __init__(self, conn, pub):
        self.conn, self.pub = conn, pub

    def _where(self, e, table, *, spending=True, with_class=True, years=None, regions="default"):
        sql, params = [f"{table}.publication_id = :pub"], {"pub": self.pub}
        years = years if years is not None else e.get("years")
        if years:
            sql.append(f"{table}.year IN ({','.join(str(int(y)) for y in years)})")
        months = e.get("months")
        if spending and months:
            sql.append(f"{table}.month BETWEEN {int(months[0])} AND {int(months[1])}")
        regions = e.get("regions") if regions == "default" else regions
        if regions:
            sql.append(f"{table}.region_code IN ({','.join(repr(str(r)) for r in regions)})")
        if with_class and e.get("classes"):
            sql.append("(" + " OR ".join(f"{table}.class_code LIKE '{c}%'" for c in e["classes"]) + ")")
        if with_class and e.get("class3"):
            sql.append(f"substr({table}.class_code, 1, 3) IN ({','.join(repr(c) for c in e['class3'])})")
        return " AND ".join(sql), params

    def total(self, e, table="expenditures", group=None, **kw):
        amount = "amount_fen" if table == "expenditures" else "budget_fen"
        where, params = self._where(e, table, spending=table == "expenditures", **kw)
        if group:
            rows = self.conn.execute(text(f"SELECT {group}, SUM({amount}) FROM {table} WHERE {where} GROUP BY {group}"), params)
            return {k: int(v or 0) for k, v in rows if k is not None}
        return int(self.conn.execute(text(f"SELECT COALESCE(SUM({amount}), 0) FROM {table} WHERE {where}"), params).scalar())

    def region_names(self):
        return dict(self.conn.execute(text("SELECT code, name FROM regions WHERE publication_id=:p AND level >= 1"),
                                      {"p": self.pub}).all())

    def dept_names(self):
        return dict(self.conn.execute(text("SELECT code, name FROM departments WHERE publication_id=:p"), {"p": self.pub}).all())


def expected(x, e):
    t = e["type"]
    if t == "sum":
        return x.total(e, e["table"]) / 100
    if t == "rate":
        return 100 * x.total(e) / x.total(e, "budgets")
    if t == "share":
        return 100 * x.total(e) / x.total(e, with_class=False)
    if t == "growth":
        a, b = (x.total(e, years=[y]) for y in e["years"])
        return 100 * (b - a) / a
    if t == "diff":
        a, b = (x.total(e, regions=[r]) for r in e["regions"])
        return (a - b) / 100
    if t == "compare":
        return [x.total(e, regions=[r]) / 100 for r in e["regions"]]
    if t == "series":
        per_year = x.total(e, group="year")
        return [per_year.get(y, 0) / 100 for y in e["years"] if y in per_year]
    if t in ("group_rate", "group_sum", "group_share"):
        col = "region_code" if e["group"] == "region" else "dept_code"
        spent = x.total(e, group=col)
        if t == "group_rate":
            budget = x.total(e, "budgets", group=col)
            values = {k: spent.get(k, 0) / b for k, b in budget.items() if b}
        elif t == "group_share":
            total = x.total(e, group=col, with_class=False)
            values = {k: spent.get(k, 0) / v for k, v in total.items() if v}
        else:
            values = spent
        names = x.region_names() if e["group"] == "region" else x.dept_names()
        values = {k: v for k, v in values.items() if k in names and names[k].endswith(e.get("name_suffix", ""))}
        if "below" in e:
            values = {k: v for k, v in values.items() if v < e["below"]}
        items = sorted(values.items(), key=lambda kv: (kv[1] if e["order"] == "asc" else -kv[1], kv[0]))
        if e.get("limit"):
            items = items[: e["limit"]]
        return [names[k] for k, _ in items]
    conn, pub = x.conn, x.pub
    if t == "project_top":
        rows = conn.execute(text("SELECT name FROM projects WHERE publication_id=:p ORDER BY total_investment_fen DESC, code "
                                 "LIMIT :n"), {"p": pub, "n": e["limit"]})
        return [r[0] for r in rows]
    if t == "project_list":
        sql = "SELECT COUNT(*) FROM projects WHERE publication_id=:p AND status=:s"
        if e.get("regions"):
            sql += f" AND region_code IN ({','.join(repr(r) for r in e['regions'])})"
        return conn.execute(text(sql), {"p": pub, "s": e["status"]}).scalar()
    if t == "contractor_top":
        return conn.execute(text("SELECT contractor FROM projects WHERE publication_id=:p AND contractor IS NOT NULL "
                                 "GROUP BY contractor ORDER BY COUNT(*) DESC, contractor LIMIT 1"), {"p": pub}).scalar()
    if t == "project_count":
        # 新开工: started in those years, and by the as_of date (a start planned for later has not happened)
        sql = ("SELECT COUNT(*) FROM projects WHERE publication_id=:p AND strftime('%Y', start_date) IN "
               f"({','.join(repr(str(y)) for y in e['start_years'])}) AND start_date <= '{AS_OF}'")
        if e.get("class3"):
            sql += f" AND substr(class_code, 1, 3) IN ({','.join(repr(c) for c in e['class3'])})"
        return conn.execute(text(sql), {"p": pub}).scalar()
    if t == "output":
        return float(conn.execute(text(
            "SELECT COALESCE(SUM(output_actual), 0) FROM projects WHERE publication_id=:p AND category=:c AND output_unit=:u "
            f"AND year IN ({','.join(str(int(y)) for y in e['years'])})"), {"p": pub, "c": e["category"], "u": e["unit"]}).scalar())
    if t == "project_progress":
        return conn.execute(text("SELECT progress_pct FROM projects WHERE publication_id=:p AND name=:n"),
                            {"p": pub, "n": e["name"]}).scalar()
    raise ValueError(t)


def pick_project(conn, pub, k):
    """The k-th project (by code) whose name is unique and not masked by de-identification."""
    rows = conn.execute(text("SELECT name FROM projects WHERE publication_id=:p AND name NOT LIKE '%*%' GROUP BY name "
                             "HAVING COUNT(*) = 1 ORDER BY MIN(code)"), {"p": pub}).all()
    return rows[k % len(rows)][0]


def _close(a, b, tol):
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=tol)


def check(answer, e, want):
    t = e["type"]
    a = answer.get("answer") or {}
    rows = a.get("rows") or []
    if t in ("sum", "diff"):
        return _close(a.get("value"), want, 0.01)
    if t in ("rate", "share", "growth"):
        return _close(a.get("value"), want, 0.01)
    if t in ("compare", "series"):
        got = [r[1] for r in rows]
        return len(got) == len(want) and all(_close(g, w, 0.01) for g, w in zip(got, want))
    if t in ("group_rate", "group_sum", "group_share", "project_top"):
        return [r[0] for r in rows] == want
    if t == "project_list":
        return a.get("count") == want
    if t == "contractor_top":
        return a.get("top") == want
    if t in ("project_count", "project_progress"):
        return a.get("value") == want
    if t == "output":
        return _close(a.get("value"), want, 0.01)
    return False


@pytest.fixture(scope="module")
def eval_results(demo_app):
    from ledger.db import current_publication

    client = demo_app.test_client()
    engine = demo_app.extensions["mingzhang.engine"]
    from portal.extensions import limiter

    limiter.enabled = False
    results = []
    try:
        with engine.connect() as conn:
            pub = current_publication(conn)["id"]
            x = Expect(conn, pub)
            for item in load_eval():
                if "{project}" in item["q"]:
                    name = pick_project(conn, pub, item["expect"]["pick"])
                    item = {**item, "q": item["q"].format(project=name), "expect": {**item["expect"], "name": name}}
                want = expected(x, item["expect"])
                resp = client.get("/api/ask", query_string={"q": item["q"], "as_of": AS_OF})
                ok = resp.status_code == 200 and check(resp.get_json(), item["expect"], want)
                results.append((item, ok, resp.get_json(), want))
    finally:
        limiter.enabled = True
    return results


def test_eval_accuracy_per_kind(eval_results):
    total, good = Counter(), Counter()
    for item, ok, _answer, _want in eval_results:
        total[item["kind"]] += 1
        good[item["kind"]] += ok
    lines = ["", f"{'kind':<12}{'n':>5}{'correct':>9}{'accuracy':>10}"]
    for kind in sorted(total):
        lines.append(f"{kind:<12}{total[kind]:>5}{good[kind]:>9}{good[kind] / total[kind]:>10.1%}")
    overall = sum(good.values()) / sum(total.values())
    lines.append(f"{'overall':<12}{sum(total.values()):>5}{sum(good.values()):>9}{overall:>10.1%}")
    hand = [ok for item, ok, _a, _w in eval_results if item.get("source") == "hand"]
    lines.append(f"{'(by hand)':<12}{len(hand):>5}{sum(hand):>9}{sum(hand) / max(len(hand), 1):>10.1%}")
    print("\n".join(lines))
    failures = [(i["q"], (a or {}).get("understood"), w) for i, ok, a, w in eval_results if not ok]
    for q, understood, want in failures[:40]:
        print("MISS", q, "|", understood, "| want", str(want)[:120])
    assert len(eval_results) >= 300
    assert set(total) >= {"figure", "execution", "ranking", "comparison", "trend", "growth", "share", "project"}
    assert overall >= 0.95
