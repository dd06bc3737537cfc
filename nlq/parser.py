"""Question text → Query (IR), with a confidence and the reasons behind it.

The stages, each in its own module:
1. normalise — nlq/text.py (full-width, traditional, numerals, homophones; done by the caller) and here the
   framing a delegate puts around a question (「请财政部门说明：」);
2. slots — nlq/slots.py: time words, the names of the lexicon, typo repair (nlq/repair.py), the words left
   unknown and, for those, the embedding matcher;
3. cues — nlq/cues.py: how the question asks (rate, share, growth, trend, top, a limit, a threshold …);
4. intent — nlq/intent.py: the ordered registry of per-kind builders (nlq/kinds/) picks and builds the
   Query, then refines it (the whole of a share, 款, 「哪个县」);
5. decline — nlq/decline.py: no budget subject or a place the publication does not have → a reason;
6. confidence — lowered by every guess (a repaired typo, an embedding match, words left unknown).
"""
from . import cues as cue_stage
from . import decline, intent
from . import slots as slot_stage
from .ir import Parse, Query
from .vocab import pattern


def parse(text, lexicon, as_of, *, latest_year=None, matcher=None):
    """Parse normalised ``text``. ``matcher(words) -> [(Entry, score)]`` resolves unknown words."""
    text = pattern("framing").sub(" ", text)
    slots = slot_stage.read(text, lexicon, as_of)
    slot_stage.match_unknown(slots, matcher, cue_stage.project_subject(slots))
    ctx = intent.Context(text, lexicon, as_of, slots, cue_stage.read(slots, lexicon, as_of))
    declined = decline.subject(text, slots, lexicon)
    query = intent.build(ctx) if declined is None else None
    if query is None:
        return Parse(None, 0.0, text, slots.notes, [], slots.unknown, declined)
    return _confidence(intent.refine(query, ctx), slots, text)


def _confidence(query, slots, text):
    """Every guess lowers the confidence; the embedding match's runner-ups become alternatives."""
    notes, unknown = slots.notes, slots.unknown
    confidence = 1.0
    if notes:
        confidence = min(confidence, 0.6)
    if unknown and not slots.alternatives and not notes:
        confidence -= 0.1 * min(len(unknown), 3)
        notes.append(f"未识别的词：{'、'.join(unknown)}")
    alternatives = []
    for entry in slots.alternatives:
        alt = Query(**{**query.__dict__})
        alt.classes, alt.class_set = ([], entry.value) if entry.type == "class_set" else ([entry.value], None)
        alternatives.append(alt)
    return Parse(query, round(max(confidence, 0.0), 2), text, notes, alternatives, unknown)
