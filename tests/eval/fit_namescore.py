"""Fit the weights of anonymize/namescore.py (a logistic regression over its features).

Usage: python tests/eval/fit_namescore.py [--corpora 1,2,...] [--with-dev]

Training data: every reading anonymize.names.scored_readings proposes in the nine blind corpora
(tests/eval/pii/pii_blind1..9, read on the simplified view find_names reads); a reading is positive
when it is exactly a name span (private or official: whether an official is kept is decided after,
by official_in_role). ``--with-dev`` adds the development corpus (tests/data/pii_corpus.jsonl, texts
from our own generator). Prints the weights to paste into namescore.WEIGHTS / BIAS and
precision/recall per score threshold. Whether these features and this fit generalise is measured by
tests/eval/loo_namescore.py (fit on eight corpora, score the ninth).
"""
import json
from pathlib import Path

import numpy as np

from anonymize.chars import simplified
from anonymize.names import _CANTONESE, _tokens, scored_readings

ROOT = Path(__file__).resolve().parents[1]


def _examples(text, positives, rows, labels):
    by_start = {start: (word, flag) for start, word, flag in _tokens(text)}
    for start, end, feats in scored_readings(text, by_start):
        rows.append(feats)
        labels.append(1.0 if (start, end) in positives else 0.0)


def training_data(corpora=tuple(f"pii_blind{n}" for n in range(1, 10)), dev=False):
    rows, labels = [], []
    for corpus in corpora:
        for line in (ROOT / "eval" / "pii" / f"{corpus}.jsonl").open(encoding="utf-8"):
            if not line.strip():
                continue
            item = json.loads(line)
            spans = {(s["start"], s["end"]) for s in item["spans"] if s["type"] in ("name", "official")}
            _examples(simplified(item["text"]).translate(_CANTONESE), spans, rows, labels)
    for line in (ROOT / "data" / "pii_corpus.jsonl").open(encoding="utf-8") if dev else ():
        item = json.loads(line)
        if "text" not in item:
            continue  # table records
        text, spans = item["text"], set()
        for entity in item["entities"]:
            if entity["type"] == "person_name":
                pos = text.find(entity["text"])
                while pos >= 0:
                    spans.add((pos, pos + len(entity["text"])))
                    pos = text.find(entity["text"], pos + 1)
        _examples(text, spans, rows, labels)
    return rows, np.array(labels)


def fit(x, y, ridge=0.001, rounds=30):
    """Newton–Raphson for an L2-regularised logistic regression; the last column is the bias."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = ridge * len(y) * np.r_[np.ones(len(w) - 1), 0]
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-xb @ w))
        gradient = xb.T @ (p - y) + penalty * w
        hessian = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty)
        w -= np.linalg.solve(hessian, gradient)
    return w, xb


def main():
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpora", default="1,2,3,4,5,6,7,8,9", help="blind corpora to fit on")
    parser.add_argument("--with-dev", action="store_true", help="add the development corpus")
    args = parser.parse_args()
    rows, y = training_data(tuple(f"pii_blind{n}" for n in args.corpora.split(",")), dev=args.with_dev)
    keys = sorted(rows[0])
    w, xb = fit(np.array([[r[k] for k in keys] for r in rows]), y)
    print(f"{len(y)} readings, {int(y.sum())} names")
    print("WEIGHTS =", {k: round(float(v), 3) for k, v in zip(keys, w[:-1])})
    print("BIAS =", round(float(w[-1]), 3))
    for threshold in (-1.0, -0.5, 0.0, 1.0, 2.0):
        chosen = xb @ w >= threshold
        tp = float((chosen & (y == 1)).sum())
        print(f"threshold {threshold:+.1f}: precision {tp / max(1, chosen.sum()):.1%} recall {tp / y.sum():.1%}")


if __name__ == "__main__":
    main()
