"""Which project figure a question asks for: disbursement, investment, a count or an output unit."""
from ...ir import Measure
from ...vocab import has_any, measure_words, pattern


def named_in(text):
    """The amount a piece of the question names (已拨付 → disbursed, 投资 → investment), or None."""
    if has_any(text, measure_words("disbursed")):
        return Measure.DISBURSED
    if has_any(text, measure_words("investment")):
        return Measure.INVESTMENT
    return None


def asked(ctx):
    """Disbursement, investment, or else how many projects."""
    c = ctx.cues
    return Measure.DISBURSED if c.asks("disbursed") else Measure.INVESTMENT if c.asks("investment") else Measure.COUNT


def output_unit(ctx):
    """The output unit asked for, or the category's own when a building verb asks for it (「修了多少」) and no
    investment is asked."""
    c, s, lexicon = ctx.cues, ctx.slots, ctx.lexicon
    if c.output_unit:
        return c.output_unit
    built = s.outputs or pattern("built").search(c.ask_text)
    if s.category in lexicon.outputs and built and not c.asks("investment"):
        return lexicon.outputs[s.category][1]
    return None
