"""Blind evaluation of the question box (/api/ask) on questions written without reading nlq/.

tests/data/nlq_eval_blind.jsonl holds questions phrased the way citizens, journalists and
delegates type them (colloquial words, traditional characters, full-width and Chinese
numerals, relative time words, district short names). Each line carries a small *spec* of
the expected answer; this module turns the spec into straight SQL over the demo publication
(SQLAlchemy Core on ledger.schema, nothing from nlq/), asks the real Flask app, compares,
prints a per-kind accuracy table and writes every result to .cache/nlq_blind_results.json.

Interpretations (as_of = 2026-10-31, the last full month of the demo):
- 今年 = 2026, months 1–10 (the data stops at October); 去年 = 2025; 前年 = 2024;
  "23年"/"二〇二三年" = 2023. A past year without months = the whole year (months 1–12).
- 上半年 = months 1–6 and 前三季度 = 1–9 of 2026 unless a year is named; 一季度 = 1–3;
  下半年 = 7–12; 第四季度 = 10–12; "1至6月"/"1-10月" = those months of 2026.
- 全市 / 示例市 = every region together (city level 990000 + the ten districts/counties);
  市本级 = region 990000 only. A named department = that dept_code only.
- spent = Σ expenditures.amount_fen over the months; budget = Σ annual budgets.budget_fen;
  execution rate = spent / annual budget × 100 (unit %); per capita = spent / regions.population.
- A class word selects every 款 under a 类 prefix (看病/卫生 → 210, 上学/教育 → 205,
  低保 → 20819, 社保和就业 → 208, 环保 → 211, 公安 → 20402, 消防救援 → 22402 …);
  民生支出 = ledger.semantics.MINSHENG_CLASS_CODES.
- share = part / whole × 100; growth = (this period / same period a year earlier − 1) × 100,
  for a partial year the same months of the previous year.
- Rankings of regions are over the ten level-1 regions; "哪个区" keeps only names ending in 区,
  "哪个县" only those ending in 县; "哪一类" ranks 类 (3-digit prefixes).
- Projects are selected by their budget year (projects.year); "修了多少公里农村公路" =
  Σ output_actual of category 农村公路 in that year (all statuses: partial outputs count);
  project investment = Σ total_investment_fen; 已拨付 = Σ disbursed_fen.
- "上个月", "近三年" and a district's own projects are genuinely two-way (2026-10 — the last
  month of data — or 2026-09, the month before as_of's month; 2024–2026 or 2023–2025; projects
  funded by the district, or also the city's projects located there): such lines
  use {"any_of": [...]} and pass on either reading. Other ambiguous wordings were left out.

Checks: "value" (within 0.5 %, or 0.05 percentage points for %), "count" (equal), "top1"
(first row's name), "topn_set" (the first N names as a set), "rows_values" (each expected
label found in the answer's rows with a matching number), "diff" (money difference, in
answer.value or answer.difference).
"""
import collections
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import DEMO_AS_OF, ROOT, _config_for
from sqlalchemy import and_, func, or_, select

from ledger.schema import budgets, expenditures, func_classes, projects, regions
from ledger.semantics import MINSHENG_CLASS_CODES

EVAL_FILE = Path(__file__).parent / "data" / "nlq_eval_blind.jsonl"
RESULTS_FILE = ROOT / ".cache" / "nlq_blind_results.json"
TARGET_ACCURACY = 0.85
KINDS = ("figure", "execution", "ranking", "comparison", "trend", "growth", "share", "project")
CHECKS = ("value", "count", "top1", "topn_set", "rows_values", "diff")


def load_questions():
    with EVAL_FILE.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# ---- expected answers: straight SQL on the publication -----------------------------------

class Oracle:
    def __init__(self, conn, pub_id):
        self.conn = conn
        self.pub = pub_id
        rows = conn.execute(select(regions.c.code, regions.c.name, regions.c.level, regions.c.population)
                            .where(regions.c.publication_id == pub_id)).all()
        self.region_name = {r.code: r.name for r in rows}
        self.population = {r.code: r.population for r in rows}
        self.city = next(r.code for r in rows if r.level == 0)
        self.districts = [r.code for r in rows if r.level == 1]
        self.class_name = dict(conn.execute(select(func_classes.c.code, func_classes.c.name)
                                            .where(func_classes.c.publication_id == pub_id,
                                                   func_classes.c.level == 1)).all())

    @staticmethod
    def _class_filter(column, prefix):
        if prefix is None:
            return None
        prefixes = MINSHENG_CLASS_CODES if prefix == "minsheng" else (
            [prefix] if isinstance(prefix, str) else prefix)
        return or_(*[column.like(f"{p}%") for p in prefixes])

    def _sum(self, table, amount, spec, months=None):
        conds = [table.c.publication_id == self.pub, table.c.year == spec["year"]]
        if months:
            first, last = months
            month_cond = table.c.month.between(first, last)
            if (first, last) == (1, 12):  # month 0 = a whole year without monthly detail
                month_cond = or_(month_cond, table.c.month == 0)
            conds.append(month_cond)
        if spec.get("region"):
            conds.append(table.c.region_code == spec["region"])
        if spec.get("dept"):
            conds.append(table.c.dept_code == spec["dept"])
        class_cond = self._class_filter(table.c.class_code, spec.get("class_prefix"))
        if class_cond is not None:
            conds.append(class_cond)
        total = self.conn.execute(select(func.sum(amount)).where(and_(*conds))).scalar()
        return (total or 0) / 100  # fen -> 元

    def spent(self, spec):
        return self._sum(expenditures, expenditures.c.amount_fen, spec, spec["months"])

    def budget(self, spec):
        return self._sum(budgets, budgets.c.budget_fen, spec)

    def measure(self, spec):
        kind = spec["measure"]
        if kind == "spent":
            return self.spent(spec)
        if kind == "budget":
            return self.budget(spec)
        if kind == "rate":
            return 100 * self.spent(spec) / self.budget(spec)
        if kind == "per_capita":
            return self.spent(spec) / self.population[spec.get("region") or self.city]
        raise ValueError(kind)

    def _project_conds(self, filters):
        conds = [projects.c.publication_id == self.pub]
        for key in ("year", "category", "status", "contractor"):
            if filters.get(key) is not None:
                conds.append(getattr(projects.c, key) == filters[key])
        if filters.get("region"):
            region_cond = projects.c.region_code == filters["region"]
            if filters.get("located_in"):
                region_cond = or_(region_cond, projects.c.location.like(f"{filters['located_in']}%"))
            conds.append(region_cond)
        return conds

    def projects_agg(self, spec):
        column = {
            "count": func.count(),
            "output": func.sum(projects.c.output_actual),
            "investment": func.sum(projects.c.total_investment_fen) / 100.0,
            "disbursed": func.sum(projects.c.disbursed_fen) / 100.0,
        }[spec["agg"]]
        return self.conn.execute(select(column).where(and_(*self._project_conds(spec["projects"])))).scalar() or 0

    def value(self, spec):
        if "measure" in spec:
            return self.measure(spec)
        if "projects" in spec:
            return self.projects_agg(spec)
        if "share" in spec:
            return 100 * self.value(spec["share"]["num"]) / self.value(spec["share"]["den"])
        if "growth" in spec:
            return 100 * (self.value(spec["growth"]["cur"]) / self.value(spec["growth"]["prev"]) - 1)
        if "diff" in spec:
            return self.value(spec["diff"]["cur"]) - self.value(spec["diff"]["prev"])
        raise ValueError(spec)

    def ranking(self, spec):
        """Names in rank order, each with its value (to spot ties)."""
        reverse = spec.get("order", "desc") == "desc"
        if spec["rank"] == "region":
            codes = self.districts
            if spec.get("filter"):
                codes = [c for c in codes if self.region_name[c].endswith(spec["filter"])]
            scored = [(self.region_name[c], self.value({**spec["metric"], "region": c})) for c in codes]
        elif spec["rank"] == "class":
            scored = [(self.class_name[c], self.value({**spec["metric"], "class_prefix": c}))
                      for c in self.class_name]
        elif spec["rank"] == "project":
            rows = self.conn.execute(select(projects.c.name, projects.c.total_investment_fen)
                                     .where(and_(*self._project_conds(spec["projects"])))).all()
            scored = [(r.name, r.total_investment_fen / 100) for r in rows]
        elif spec["rank"] == "contractor":
            conds = self._project_conds(spec["projects"]) + [projects.c.contractor.like("%公司")]
            rows = self.conn.execute(select(projects.c.contractor, func.count())
                                     .where(and_(*conds)).group_by(projects.c.contractor)).all()
            scored = [(r[0], r[1]) for r in rows]
        else:
            raise ValueError(spec)
        return sorted(scored, key=lambda item: item[1], reverse=reverse)


# ---- reading the API's answer --------------------------------------------------------------

def _normal(text):
    text = re.sub(r"\s+", "", str(text))
    return text[:-2] if text.endswith("支出") and len(text) > 2 else text


def names_match(expected, got):
    """A region/class/company/project name matches when one contains the other (鹭洲 ~ 鹭洲区)."""
    want, have = _normal(expected), _normal(got)
    return bool(want and have) and (want in have or have in want)


def label_matches(label, cell):
    if re.fullmatch(r"\d+", label):  # a year or month number: digit-bounded, "1" ≠ "11"
        return re.search(rf"(?<!\d)0*{label}(?!\d)", str(cell)) is not None
    return names_match(label, cell)


def _is_number(cell):
    return isinstance(cell, (int, float)) and not isinstance(cell, bool)


def close(expected, got, unit=None):
    if not _is_number(got):
        return False
    if unit == "%" and abs(expected - got) <= 0.05:
        return True
    return abs(expected - got) <= 0.005 * abs(expected) + 1e-9


def row_names(answer):
    rows = answer.get("rows") or []
    names = [row[0] for row in rows if isinstance(row, (list, tuple)) and row]
    if not names and answer.get("top"):
        names = [answer["top"]]
    return names


def judge(check, expected, answer, unit):
    """(ok, got) for one check against the answer JSON."""
    if check == "value":
        got = answer.get("value")
        ok = close(expected, got, unit)
        if ok and unit and not str(answer.get("unit", "")).startswith(unit):
            return False, {"value": got, "unit": answer.get("unit")}
        return ok, got
    if check == "diff":
        got = [answer.get("value"), answer.get("difference")]
        return any(close(expected, g) for g in got), got
    if check == "count":
        got = next((answer[k] for k in ("count", "value") if _is_number(answer.get(k))), None)
        if got is None and answer.get("rows") is not None:
            got = len(answer["rows"])
        return got is not None and round(got) == got and int(got) == expected, got
    if check == "top1":
        names = row_names(answer)
        got = names[0] if names else answer.get("top")
        return got is not None and names_match(expected[0], got), got
    if check == "topn_set":
        got = row_names(answer)[: len(expected)]
        ok = len(got) == len(expected) and all(any(names_match(e, g) for g in got) for e in expected)
        return ok, got
    if check == "rows_values":
        rows = [r for r in (answer.get("rows") or []) if isinstance(r, (list, tuple)) and r]
        unit = answer.get("unit")
        ok = bool(rows)
        for label, value in expected:
            hits = [r for r in rows if label_matches(label, r[0])]
            if not any(close(value, cell, unit) for r in hits for cell in r[1:]):
                ok = False
        return ok, [list(r[:2]) for r in rows]
    raise ValueError(check)


def expected_for(oracle, check, spec):
    if check in ("value", "diff", "count"):
        return oracle.value(spec)
    if check in ("top1", "topn_set"):
        ranked = oracle.ranking(spec)
        return [name for name, _ in ranked[: spec.get("n", 1)]]
    if check == "rows_values":
        return [(item["label"], oracle.value(item["spec"])) for item in spec["items"]]
    raise ValueError(check)


# ---- fixtures ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def blind_app(demo_instance):
    """Its own app over the shared demo instance, without the per-minute limit on /api/ask."""
    from portal import create_app

    return create_app({**_config_for(demo_instance), "RATELIMIT_ENABLED": False,
                       "RATELIMIT_ASK": "10000 per minute"})


@pytest.fixture(scope="module")
def oracle(blind_app):
    from ledger.db import current_publication

    engine = blind_app.extensions["mingzhang.engine"]
    with engine.connect() as conn:
        yield Oracle(conn, current_publication(conn)["id"])


def test_blind_set_is_well_formed():
    questions = load_questions()
    assert len(questions) >= 120
    assert len({q["id"] for q in questions}) == len(questions)
    assert len({q["question"] for q in questions}) == len(questions)
    assert {q["kind"] for q in questions} == set(KINDS)
    assert all(q["check"] in CHECKS for q in questions)


def test_oracle_spots_real_rankings(oracle):
    """The expected side can fail: rankings it is asked for have no ties at the cut-off."""
    for q in load_questions():
        if q["check"] not in ("top1", "topn_set"):
            continue
        for spec in q["expected"].get("any_of", [q["expected"]]):
            ranked = oracle.ranking(spec)
            n = spec.get("n", 1)
            assert len(ranked) > n, q["id"]
            assert ranked[n - 1][1] != ranked[n][1], f"{q['id']} has a tie at rank {n}"


def test_blind_accuracy(blind_app, oracle, capsys):
    client = blind_app.test_client()
    results = []
    for q in load_questions():
        url = f"/api/ask?q={quote(q['question'])}&as_of={DEMO_AS_OF.isoformat()}"
        response = client.get(url)
        body = response.get_json(silent=True) or {}
        answer = body.get("answer") or {}
        specs = q["expected"].get("any_of", [q["expected"]])
        expected, got, ok = None, None, False
        for spec in specs:
            expected = expected_for(oracle, q["check"], spec)
            ok, got = judge(q["check"], expected, answer, q.get("unit")) if response.status_code == 200 else (
                False, body.get("error") or response.status_code)
            if ok:
                break
        results.append({
            "id": q["id"], "kind": q["kind"], "question": q["question"], "ok": ok,
            "check": q["check"], "expected": expected, "got": got,
            "understood": body.get("understood"), "answer_kind": answer.get("kind"),
            "unit": answer.get("unit"), "status": response.status_code,
        })

    per_kind = collections.defaultdict(lambda: [0, 0])
    for r in results:
        per_kind[r["kind"]][0] += r["ok"]
        per_kind[r["kind"]][1] += 1
    accuracy = sum(r["ok"] for r in results) / len(results)
    summary = {kind: {"correct": c, "total": n, "accuracy": round(c / n, 4)} for kind, (c, n) in per_kind.items()}

    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_FILE.write_text(json.dumps({
        "as_of": DEMO_AS_OF.isoformat(), "accuracy": round(accuracy, 4), "per_kind": summary,
        "results": results}, ensure_ascii=False, indent=1, default=str), encoding="utf-8")

    with capsys.disabled():
        print(f"\nnlq blind evaluation ({len(results)} questions) — results in {RESULTS_FILE}")
        print(f"{'kind':<12}{'correct':>8}{'total':>7}{'accuracy':>10}")
        for kind in KINDS:
            c, n = per_kind[kind]
            print(f"{kind:<12}{c:>8}{n:>7}{c / n:>10.1%}")
        print(f"{'overall':<12}{sum(r['ok'] for r in results):>8}{len(results):>7}{accuracy:>10.1%}")
        for r in results:
            if not r["ok"]:
                print(f"FAIL {r['id']} [{r['kind']}] {r['question']}\n     understood: {r['understood']}"
                      f"\n     expected: {r['expected']}\n     got: {r['got']}")
    assert accuracy >= TARGET_ACCURACY, f"blind accuracy {accuracy:.1%} < {TARGET_ACCURACY:.0%}"
