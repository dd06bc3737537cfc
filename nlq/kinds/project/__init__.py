"""Projects: counts, investment, disbursement, outputs, progress and lists (builders in rules.py, answers in
answers.py, the restatement in words.py, the records behind them in records.py)."""
from ... import present
from . import facts
from .answers import run  # noqa: F401
from .records import records  # noqa: F401
from .rules import PROGRESS_AT
from .words import restate  # noqa: F401


def chips(query, lexicon):
    chips = present.chips(query, lexicon, subject_default="项目")
    if query.township:  # the place below the district the question named
        chips[1]["value"] = present.township_name(lexicon, query.township)
    if query.project and query.topic == PROGRESS_AT:  # a quarter's end (answers.py progress_at)
        chips[3]["value"] = "季度末进度"
    elif query.project and query.topic:  # one field of a named project (facts.py)
        chips[3]["value"] = facts.facts()[query.topic]["label"]
    return chips
