"""Leave-one-corpus-out measurement of the statistical name scorer (anonymize/namescore.py).

Usage: python tests/eval/loo_namescore.py [--threshold T ...] [--misses] [--corpora 1,2,...]

For each blind corpus N of tests/eval/pii/pii_blind1..9.jsonl: the scorer's logistic weights are
fitted (tests/eval/fit_namescore.fit) on the readings of the eight other corpora only, then the whole
publication path (anonymize.Deidentifier with the text's known names, as tests/eval/pii_score.py
runs it) de-identifies corpus N with those weights. Printed per corpus:

- unknown-name recall: private name spans not on the text's known list whose every character a
  changed finding covers (pii_score's rule);
- name precision: changed person-name findings that overlap a private span, over all of them;
- ``stat``: unknown names caught where the scorer is what proposed the name (rules missed it);
- ``rules only``: the same run with the scorer switched off (how much the held-out scorer adds).

With --misses, each held-out unknown name still missed is put in one class: ``no candidate`` (no
surname + given reading of exactly that span is proposed), ``low score`` (proposed, scored under the
threshold), ``filtered`` (scored over it, then dropped by a filter or an overlap).

Caveat: only the scorer's weights are held out. The cue rules in anonymize/names.py were written from
the classes of all nine corpora, so the rules-only column is in-sample for every corpus after its first
run; the first-run figures (tests/eval/pii/README.md) are the rules' held-out measure.
"""
import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from anonymize import Deidentifier, names, namescore
from anonymize.chars import simplified
from anonymize.names import _CANTONESE, _tokens, scored_readings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from eval.fit_namescore import fit  # noqa: E402
from eval.pii_score import covered  # noqa: E402

PII = Path(__file__).resolve().parent / "pii"
CORPORA = [f"pii_blind{n}" for n in range(1, 10)]


def load(corpus):
    return [json.loads(line) for line in (PII / f"{corpus}.jsonl").open(encoding="utf-8") if line.strip()]


def readings(items):
    """Every reading the scorer sees in ``items`` (on the simplified view find_names reads), labelled 1
    when it is exactly a name span (private or an official's: officials are decided after the score)."""
    rows, labels, where = [], [], []
    for i, item in enumerate(items):
        view = simplified(item["text"]).translate(_CANTONESE)
        spans = {(s["start"], s["end"]) for s in item["spans"] if s["type"] in ("name", "official")}
        by_start = {start: (word, flag) for start, word, flag in _tokens(view)}
        for start, end, feats in scored_readings(view, by_start):
            rows.append(feats)
            labels.append(1.0 if (start, end) in spans else 0.0)
            where.append((i, start, end))
    return rows, labels, where


def set_weights(weights, bias, threshold):
    namescore.WEIGHTS.clear()
    namescore.WEIGHTS.update(weights)
    namescore.BIAS = bias
    names.THRESHOLD = threshold


def fitted(data, held_out, keys):
    x = np.array([[r[k] for k in keys] for c in data if c != held_out for r in data[c][0]])
    y = np.array([lab for c in data if c != held_out for lab in data[c][1]])
    w, _ = fit(x, y)
    return {k: float(v) for k, v in zip(keys, w[:-1])}, float(w[-1])


def run(items):
    """(unknown caught, unknown total, name findings right, name findings, caught by the scorer, misses)."""
    caught = total = right = found = stat = 0
    misses = []
    for i, item in enumerate(items):
        text = item["text"]
        deid = Deidentifier("loo-key", known_person_names=item.get("known_names", []))
        finds = deid.findings(text)
        private = [s for s in item["spans"] if s["private"]]
        for s in private:
            if s["type"] != "name" or s.get("known"):
                continue
            total += 1
            if covered(s, finds):
                caught += 1
                stat += any(f.source == "stat" and f.start < s["end"] and s["start"] < f.end for f in finds)
            else:
                misses.append((i, s["start"], s["end"]))
        for f in finds:
            if f.kind != "person_name":
                continue
            found += 1
            right += any(f.start < s["end"] and s["start"] < f.end for s in private)
    return caught, total, right, found, stat, misses


def miss_classes(items, misses, rows, where, threshold):
    scored = {w: namescore.score(r) for r, w in zip(rows, where)}
    classes = Counter()
    examples = {}
    for i, start, end in misses:
        value = scored.get((i, start, end))
        kind = "no candidate" if value is None else "low score" if value < threshold else "filtered"
        classes[kind] += 1
        text = items[i]["text"]
        examples.setdefault(kind, []).append((items[i]["id"], text[start:end], text[max(0, start - 10):end + 10],
                                              None if value is None else round(value, 2)))
    return classes, examples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, nargs="*", default=[namescore_threshold()])
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--corpora", default="1,2,3,4,5,6,7,8,9", help="held-out corpora to report")
    args = parser.parse_args()
    corpora = {c: load(c) for c in CORPORA}
    data = {c: readings(items) for c, items in corpora.items()}
    keys = sorted(data[CORPORA[0]][0][0])
    saved = dict(namescore.WEIGHTS), namescore.BIAS, names.THRESHOLD
    report = [f"pii_blind{n}" for n in args.corpora.split(",")]
    folds = {corpus: fitted(data, corpus, keys) for corpus in report}
    bases = {}
    for threshold in args.threshold:
        print(f"\n== leave-one-corpus-out, threshold {threshold:+.2f} (publication path)")
        print(f"{'held out':12} {'unknown names':>16} {'name precision':>18} {'by scorer':>9} {'rules only':>16}")
        sums = Counter()
        all_classes = Counter()
        for corpus in report:
            weights, bias = folds[corpus]
            if corpus not in bases:
                set_weights(weights, bias, float("inf"))
                bases[corpus] = run(corpora[corpus])
            base = bases[corpus]
            set_weights(weights, bias, threshold)
            caught, total, right, found, stat, misses = run(corpora[corpus])
            print(f"{corpus:12} {caught:5}/{total:4} {caught / total:6.1%} {right:6}/{found:5} {right / max(found, 1):6.1%} "
                  f"{stat:9} {base[0]:5}/{total:4} {base[0] / total:6.1%}")
            for key, value in zip(("caught", "total", "right", "found", "stat", "base", "base_right", "base_found"),
                                  (caught, total, right, found, stat, base[0], base[2], base[3])):
                sums[key] += value
            if args.misses:
                classes, examples = miss_classes(corpora[corpus], misses, *data[corpus][::2], threshold)
                all_classes.update(classes)
                for kind, rows in sorted(examples.items()):
                    print(f"   -- {kind}: {len(rows)}")
                    for row in rows[:25]:
                        print("      ", row)
        print(f"{'all':12} {sums['caught']:5}/{sums['total']:4} {sums['caught'] / sums['total']:6.1%} "
              f"{sums['right']:6}/{sums['found']:5} {sums['right'] / max(sums['found'], 1):6.1%} {sums['stat']:9} "
              f"{sums['base']:5}/{sums['total']:4} {sums['base'] / sums['total']:6.1%}")
        print(f"rules only, name precision {sums['base_right']}/{sums['base_found']} = "
              f"{sums['base_right'] / max(sums['base_found'], 1):.1%}")
        if args.misses:
            print("misses:", dict(all_classes))
    set_weights(*saved)


def namescore_threshold():
    return names.THRESHOLD


if __name__ == "__main__":
    main()
