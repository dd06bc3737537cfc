"""The evaluation report: per set and per kind, correct / total / accuracy, printed and written to
.cache/eval/ (<set>.json: every question's result; report.json and report.txt: the summary)."""
import json
from collections import Counter

from .sets import ROOT_DIR

RESULTS_DIR = ROOT_DIR / ".cache" / "eval"


def summary(results):
    total, correct = Counter(), Counter()
    for result in results:
        total[result["kind"]] += 1
        correct[result["kind"]] += result["ok"]
    kinds = {kind: _counts(correct[kind], total[kind]) for kind in sorted(total)}
    return {**_counts(sum(correct.values()), sum(total.values())), "per_kind": kinds}


def _counts(correct, total):
    return {"correct": correct, "total": total, "accuracy": round(correct / total, 4) if total else None}


def _row(label, counts):
    accuracy = f"{counts['accuracy']:.1%}" if counts["total"] else "—"
    return f"{label:<24}{counts['correct']:>8}{counts['total']:>7}{accuracy:>10}"


def table(summaries):
    """One block per set: a line per kind, then the set's overall line; a grand total at the end."""
    lines = [f"{'set / kind':<24}{'correct':>8}{'total':>7}{'accuracy':>10}"]
    for name, counts in summaries.items():
        lines += [_row(f"  {kind}", kind_counts) for kind, kind_counts in counts["per_kind"].items()]
        lines.append(_row(name, counts))
    if len(summaries) > 1:
        lines.append(_row("all sets", _counts(sum(c["correct"] for c in summaries.values()),
                                              sum(c["total"] for c in summaries.values()))))
    return "\n".join(lines)


def failure_lines(results, known):
    return [f"{'KNOWN' if r['id'] in known else 'FAIL'} {r['id']} [{r['kind']}] {r['question']}\n"
            f"     understood: {r['understood']}\n     expected: {str(r['expected'])[:300]}\n"
            f"     got: {str(r['got'])[:300]}" for r in results if not r["ok"]]


def write_set_results(name, results, as_of):
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps({"set": name, "as_of": as_of.isoformat(), **summary(results), "results": results},
                               ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return path


def write_report(summaries):
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "report.json").write_text(json.dumps(summaries, ensure_ascii=False, indent=1), encoding="utf-8")
    (RESULTS_DIR / "report.txt").write_text(table(summaries) + "\n", encoding="utf-8")
    return RESULTS_DIR / "report.txt"
