"""Precision and recall per identifier type on a labelled corpus (tests/data/pii_corpus.jsonl).

``python -m anonymize.evaluate [corpus]`` prints the table.
"""
import json
import sys
from collections import Counter
from pathlib import Path

from .deidentify import Deidentifier

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "pii_corpus.jsonl"
VALIDATED = ("id_number", "mobile", "landline", "bank_card", "email", "passport", "plate", "uscc")


def _norm(value):
    return "".join(value.split())


def load(path=CORPUS):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(items, key="evaluation-key"):
    """{type: {"tp", "fp", "fn", "precision", "recall"}} plus a list of the errors."""
    tp, fp, fn, errors = Counter(), Counter(), Counter(), []
    for item in items:
        if "text" not in item:
            continue
        deid = Deidentifier(key, item.get("known", ()), public_terms=item.get("public", ()))
        predicted = Counter((s.kind, _norm(s.value)) for s in deid.findings(item["text"]))
        gold = Counter((e["type"], _norm(e["text"])) for e in item["entities"])
        for pair in (predicted | gold):
            hit = min(predicted[pair], gold[pair])
            tp[pair[0]] += hit
            fp[pair[0]] += predicted[pair] - hit
            fn[pair[0]] += gold[pair] - hit
            if predicted[pair] != gold[pair]:
                errors.append((item["id"], pair, "FP" if predicted[pair] > gold[pair] else "FN", item["text"]))
    table = {}
    for kind in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 1.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 1.0
        table[kind] = {"tp": tp[kind], "fp": fp[kind], "fn": fn[kind], "precision": p, "recall": r}
    return table, errors


def format_table(table):
    lines = [f"{'type':<12} {'TP':>5} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}"]
    for kind, row in table.items():
        lines.append(f"{kind:<12} {row['tp']:>5} {row['fp']:>4} {row['fn']:>4} {row['precision']:>10.1%} {row['recall']:>8.1%}")
    return "\n".join(lines)


if __name__ == "__main__":
    items = load(sys.argv[1] if len(sys.argv) > 1 else CORPUS)
    table, errors = evaluate(items)
    print(f"{sum(1 for i in items if 'text' in i)} sentences, {sum(1 for i in items if 'record' in i)} records")
    print(format_table(table))
    for error in errors:
        print(*error)
