"""The first run of a frozen blind set (tests/eval/frozen/README.md): asked once, reported, never tuned on before.

    EVAL_FIRST_RUN=tests/eval/frozen/<set>.jsonl .venv/bin/python -m pytest tests/eval/test_first_run.py -s

Prints the table (per kind) and every wrong answer, and writes .cache/eval/<set>.json like the other sets.
Without EVAL_FIRST_RUN the test is not collected as a run (it is skipped with the reason)."""
import os
from pathlib import Path

import pytest
from conftest import DEMO_AS_OF

from .report import failure_lines, summary, table, write_set_results
from .runner import run_set
from .sets import load_set
from .test_eval_sets import city_target, targets, yearbook_target  # noqa: F401 — the same targets

FIRST_RUN = os.environ.get("EVAL_FIRST_RUN")


@pytest.mark.skipif(not FIRST_RUN, reason="only on purpose: EVAL_FIRST_RUN=<frozen set>")
def test_first_run(targets):  # noqa: F811
    path = Path(FIRST_RUN)
    eval_set = load_set(path)
    results = run_set(eval_set, targets(eval_set), DEMO_AS_OF)
    counts = summary(results)
    answerable = [r for r in results if r["check"] != "decline"]
    must = [r for r in results if r["check"] == "decline"]
    print(f"\n{path.name}: {len(results)} questions — results in {write_set_results(path.stem, results, DEMO_AS_OF)}")
    print(table({path.stem: counts}))
    print(f"answerable right: {sum(r['ok'] for r in answerable)} of {len(answerable)}; "
          f"must-decline declined: {sum(r['ok'] for r in must)} of {len(must)}; "
          f"answerable declined: {sum(r['declined'] for r in answerable)}")
    print("\n".join(failure_lines(results, set())))
    assert results
