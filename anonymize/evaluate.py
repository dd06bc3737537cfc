"""Precision and recall per identifier type on a labelled corpus (tests/data/pii_corpus.jsonl).

``python -m anonymize.evaluate [corpus] [--errors]`` prints the table, the public spans that did not
survive and the private spans that still show (whole or in part) in the scrubbed text.

Corpus lines: {"id", "text", "entities": [{"type", "text"}], "known": [payee names],
"public": [the publication's public names], "keep": [public spans that must survive unaltered],
"mode": "user" for user text (comments, questions), "group": the failure class}.
"""
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from .deidentify import Deidentifier

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "pii_corpus.jsonl"
VALIDATED = ("id_number", "mobile", "landline", "bank_card", "email", "passport", "plate", "uscc")
_NUMERALS = str.maketrans("〇零一幺二两三四五六七八九", "0011223456789")


def _norm(value):
    return "".join(value.split())


def load(path=CORPUS):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def deidentifier_for(item, key="evaluation-key"):
    return Deidentifier(key, item.get("known", ()), public_terms=item.get("public", ()),
                        user_text=item.get("mode") == "user")


def _digits(value):
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", value).translate(_NUMERALS))


def residue(entity, published, original=""):
    """Whether a private span still shows in the published text: the whole span, a name less one
    character (「诸葛*X」 keeps two of three), more than four of a number's digits, or an address's
    house or room number. Pieces the rest of the original text holds anyway (an amount written
    with the same digits) do not count."""
    kind, value = entity["type"], _norm(entity["text"])
    flat = _norm(published)
    head, _sep, tail = original.rpartition(entity["text"])
    rest = _digits(head + " " + tail)
    if flat.count(value) > _norm(head + tail).count(value):
        return True
    if kind == "person_name":
        return len(value) >= 3 and (value[1:] in flat or value[:-1] + "某" not in flat and value[:-1] in flat)
    if kind == "address":
        return any(n in flat for n in re.findall(r"\d+(?:-\d+)*(?:室|号|户|单元|栋|幢)?", value) if len(n) >= 3)
    digits = _digits(value)
    if len(digits) >= 7:
        out = _digits(published)
        return any(digits[i:i + 5] in out and digits[i:i + 5] not in rest for i in range(len(digits) - 4))
    return False


def evaluate(items, key="evaluation-key"):
    """{type: {"tp", "fp", "fn", "precision", "recall"}} and the errors; ``evaluate.last`` holds the
    keep and residue counts of the run."""
    tp, fp, fn, errors = Counter(), Counter(), Counter(), []
    kept, leaks = Counter(), []
    for item in items:
        if "text" not in item:
            continue
        deid = deidentifier_for(item, key)
        predicted = Counter((s.kind, _norm(s.value)) for s in deid.findings(item["text"]))
        gold = Counter((e["type"], _norm(e["text"])) for e in item["entities"])
        for pair in (predicted | gold):
            hit = min(predicted[pair], gold[pair])
            tp[pair[0]] += hit
            fp[pair[0]] += predicted[pair] - hit
            fn[pair[0]] += gold[pair] - hit
            if predicted[pair] != gold[pair]:
                errors.append((item["id"], pair, "FP" if predicted[pair] > gold[pair] else "FN", item["text"]))
        published = deid.text(item["text"])
        for span in item.get("keep", ()):
            kept["spans"] += 1
            if published.count(span) < item["text"].count(span):
                kept["altered"] += 1
                errors.append((item["id"], ("keep", span), "ALTERED", published))
        for entity in item["entities"]:
            if residue(entity, published, item["text"]):
                leaks.append((item["id"], entity["type"], entity["text"], published))
    table = {}
    for kind in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 1.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 1.0
        table[kind] = {"tp": tp[kind], "fp": fp[kind], "fn": fn[kind], "precision": p, "recall": r}
    evaluate.last = {"keep_spans": kept["spans"], "keep_altered": kept["altered"], "residue": leaks}
    return table, errors


def by_group(items, key="evaluation-key"):
    """Recall per failure class (the corpus's "group" field): {group: (found, gold)}."""
    out = {}
    for item in items:
        if "text" not in item or not item.get("group"):
            continue
        deid = deidentifier_for(item, key)
        predicted = Counter((s.kind, _norm(s.value)) for s in deid.findings(item["text"]))
        gold = Counter((e["type"], _norm(e["text"])) for e in item["entities"])
        found, total = out.get(item["group"], (0, 0))
        out[item["group"]] = (found + sum((predicted & gold).values()), total + sum(gold.values()))
    return out


def format_table(table, extra=None):
    lines = [f"{'type':<12} {'TP':>5} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}"]
    for kind, row in table.items():
        lines.append(f"{kind:<12} {row['tp']:>5} {row['fp']:>4} {row['fn']:>4} {row['precision']:>10.1%} {row['recall']:>8.1%}")
    extra = extra or getattr(evaluate, "last", None)
    if extra:
        lines.append(f"public spans altered: {extra['keep_altered']}/{extra['keep_spans']}; "
                     f"private spans still showing after scrub: {len(extra['residue'])}")
    return "\n".join(lines)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    items = load(args[0] if args else CORPUS)
    table, errors = evaluate(items)
    print(f"{sum(1 for i in items if 'text' in i)} sentences, {sum(1 for i in items if 'record' in i)} records")
    print(format_table(table))
    for group, (found, total) in sorted(by_group(items).items()):
        print(f"  {group:<16} {found:>4}/{total:<4} {found / total if total else 1:.1%}")
    if "--errors" in sys.argv:
        for error in errors:
            print(*error)
        for leak in evaluate.last["residue"]:
            print("RESIDUE", *leak)
