"""Reliability table of the question box: the confidence it reports against how often it is right.

Usage: .venv/bin/python -m pytest tests/eval -q   (writes .cache/eval/<set>.json with each answer's confidence)
       .venv/bin/python bench/reliability.py [SET ...]

Reads the results the evaluation harness wrote (every set, or the sets named) and prints, per confidence
bin, how many answers fell in it and how many of them were right; must-decline questions are counted
apart (a decline has confidence 0). The thresholds of nlq/answer.py (SUGGEST_BELOW) are read off this
table: below the threshold an answer is offered as 「您是不是想问」, not stated.
"""
import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / ".cache" / "eval"
BINS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0), (1.0, 1.01))


def load(names):
    paths = [RESULTS / f"{n}.json" for n in names] if names else sorted(RESULTS.glob("*.json"))
    results = []
    for path in paths:
        if path.stem.startswith("report"):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if "results" not in data:
            continue  # a task set's run (tests/eval/run_tasks.py) has no per-question confidence
        results += [{**r, "set": data["set"]} for r in data["results"] if "confidence" in r]
    return results


def table(results):
    lines = [f"{'confidence':<12}{'answers':>8}{'right':>7}{'accuracy':>10}"]
    answerable = [r for r in results if r["check"] != "decline"]
    for low, high in BINS:
        inside = [r for r in answerable if not r["declined"] and low <= (r["confidence"] or 0) < high]
        right = sum(r["ok"] for r in inside)
        label = "1.0" if low == 1.0 else f"{low:.1f}–{high:.1f}"
        accuracy = f"{right / len(inside):.1%}" if inside else "—"
        lines.append(f"{label:<12}{len(inside):>8}{right:>7}{accuracy:>10}")
    wrongly_declined = sum(r["declined"] for r in answerable)
    must = [r for r in results if r["check"] == "decline"]
    lines.append(f"answerable questions declined: {wrongly_declined} of {len(answerable)}")
    lines.append(f"must-decline questions declined: {sum(r['ok'] for r in must)} of {len(must)}")
    return "\n".join(lines)


def main(argv):
    results = load(argv)
    if not results:
        sys.exit(f"没有评测结果：先运行 .venv/bin/python -m pytest tests/eval（结果写入 {RESULTS}）")
    sets = sorted({r["set"] for r in results})
    print(f"sets: {', '.join(sets)} — {len(results)} questions")
    print(table(results))


if __name__ == "__main__":
    main(sys.argv[1:])
