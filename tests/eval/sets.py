"""Evaluation sets: JSONL files of questions and what each answer must be, with their known failures.

Every tests/eval/sets/<name>.jsonl is one set; <name>.known.json next to it lists the questions the
question box is known to get wrong (``{"known_failures": [{"id", "reason"}]}``) and, under
"weak_expectations", lines whose expected side fails a self-check the set predates. Three forms of line
are read (one per set; tests/eval/README.md has the details):

- "generated": ``{"q", "kind", "expect": {"type": …}}`` — the template set and the hand-written one;
- "spec": ``{"id", "question", "kind", "check", "expected", "unit"}`` — the written blind sets;
- "sql": ``{"id", "dataset", "audience", "question", "expect": "answer"|"decline", "kind", "sql", "answer",
  "unit", "interpretation", "decline_reason"}`` — new blind sets, answers from their own SQL.
"""
import json
from dataclasses import dataclass, field
from pathlib import Path

from .judge import TOLERANCES, display_tolerance

HERE = Path(__file__).parent
ROOT_DIR = HERE.parent.parent
SETS_DIR = HERE / "sets"
EXAMPLES_DIR = HERE / "examples"
DATASETS = ("city", "yearbook")
KINDS = ("figure", "execution", "ranking", "comparison", "trend", "growth", "share", "project")

# The template set's expectation types, and the check that compares each with the answer.
GENERATED_CHECKS = {
    "sum": "value", "diff": "value", "rate": "value", "share": "value", "growth": "value", "output": "value",
    "project_progress": "value", "compare": "ordered_values", "series": "ordered_values",
    "group_rate": "ranked_names", "group_sum": "ranked_names", "group_share": "ranked_names",
    "project_top": "ranked_names", "project_count": "value", "project_list": "count", "contractor_top": "top1",
}
SQL_FIELDS = ("id", "dataset", "audience", "question", "expect", "kind", "sql", "answer", "unit",
              "interpretation", "decline_reason")


@dataclass(frozen=True)
class Reading:
    """One acceptable reading of a question: the oracle computes ``spec``; the judge applies ``check``."""
    check: str
    spec: object
    unit: str | None
    form: str  # "generated" | "spec" | "sql"


@dataclass
class Item:
    id: str
    kind: str
    question: str
    dataset: str
    readings: list
    tolerance: object  # (expected, unit) -> the largest difference accepted
    expect_decline: bool = False
    line: dict = field(default_factory=dict, repr=False)


@dataclass
class EvalSet:
    name: str
    path: Path
    form: str
    items: list
    known_failures: dict  # id -> reason
    weak_expectations: dict  # id -> reason

    @property
    def datasets(self):
        return sorted({item.dataset for item in self.items})


def set_paths(folder=SETS_DIR):
    return sorted(folder.glob("*.jsonl"))


def read_lines(path):
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def line_form(line):
    if "q" in line and "expect" in line:
        return "generated"
    if "check" in line and "expected" in line:
        return "spec"
    if line.get("expect") in ("answer", "decline"):
        return "sql"
    raise ValueError(f"unknown evaluation line: {line}")


def load_set(path):
    lines = read_lines(path)
    forms = {line_form(line) for line in lines}
    if len(forms) != 1:
        raise ValueError(f"{path.name} mixes forms of line: {sorted(forms)}")
    form = forms.pop()
    items = [ITEM_BUILDERS[form](path.stem, number, line) for number, line in enumerate(lines, 1)]
    return EvalSet(path.stem, path, form, items, known(path, "known_failures"), known(path, "weak_expectations"))


def load_sets(folder=SETS_DIR):
    return [load_set(path) for path in set_paths(folder)]


def known_path(path):
    return path.with_suffix(".known.json")


def known(path, key):
    """{id: reason} listed under ``key`` in <set>.known.json (no file or no key: none)."""
    file = known_path(path)
    entries = json.loads(file.read_text(encoding="utf-8")).get(key, []) if file.exists() else []
    return {entry["id"]: entry["reason"] for entry in entries}


# ---- one item per line, by form ----------------------------------------------------------------

def generated_item(set_name, number, line):
    """Template lines have no id: theirs is the set's name and the line number."""
    reading = Reading(GENERATED_CHECKS[line["expect"]["type"]], line["expect"], None, "generated")
    return Item(f"{set_name}-{number:03d}", line["kind"], line["q"], "city", [reading], TOLERANCES["fen"], line=line)


def spec_readings(line):
    """The readings a spec line accepts: one, or each entry of {"any_of": [...]} (a spec, or
    {"check", "unit", "spec"} when that reading is judged differently)."""
    for entry in line["expected"].get("any_of", [line["expected"]]):
        if "spec" in entry and "check" in entry:
            yield Reading(entry["check"], entry["spec"], entry.get("unit", line.get("unit")), "spec")
        else:
            yield Reading(line["check"], entry, line.get("unit"), "spec")


def spec_item(set_name, number, line):
    """City figures are matched within 0.5 % (0.05 points for a %); yearbook ones to the fen."""
    dataset = line.get("dataset", "city")
    tolerance = TOLERANCES["fen" if dataset == "yearbook" else "relative"]
    return Item(line["id"], line["kind"], line["question"], dataset, list(spec_readings(line)), tolerance, line=line)


def answer_shape(answer):
    if isinstance(answer, dict):
        return "mapping"
    if isinstance(answer, list):
        return "pairs" if answer and isinstance(answer[0], list) else "names"
    return "number"


# How a blind line's recorded answer is compared: a number as the value (or the difference); a mapping's
# labels in any order; pairs in their order; names as the first rows, in any order.
SHAPE_CHECKS = {"number": "diff", "mapping": "rows_values", "pairs": "ordered_rows", "names": "topn_set"}


def sql_item(set_name, number, line):
    problems = sql_line_problems(line)
    if problems:
        raise ValueError(f"{set_name} line {number}: {'; '.join(problems)}")
    decline = line["expect"] == "decline"
    shape = None if decline else answer_shape(line["answer"])
    readings = [] if decline else [Reading(SHAPE_CHECKS[shape], {"sql": line["sql"], "shape": shape},
                                           line.get("unit"), "sql")]
    return Item(line["id"], line["kind"], line["question"], line["dataset"], readings,
                display_tolerance(line.get("unit")), expect_decline=decline, line=line)


def sql_line_problems(line):
    """What makes a blind line unreadable (missing fields, an answer without SQL, …)."""
    required = SQL_FIELDS if line.get("expect") == "decline" else [k for k in SQL_FIELDS if k != "decline_reason"]
    problems = [f"no {key!r}" for key in required if key not in line]
    if problems:
        return problems
    if line["dataset"] not in DATASETS:
        problems.append(f"dataset {line['dataset']!r} is not one of {DATASETS}")
    if line["expect"] == "decline":
        if line["sql"] is not None or line["answer"] is not None or not line["decline_reason"]:
            problems.append("a decline has no sql and no answer, and says why")
    elif not line["sql"] or line["answer"] is None:
        problems.append("an answer needs its sql and the answer it gave")
    return problems


ITEM_BUILDERS = {"generated": generated_item, "spec": spec_item, "sql": sql_item}
