"""One module per kind of answer. Each has its builders (called by nlq/intent.py in the order of its
RULES), ``run`` (the answer and its chart), ``restate`` (the question as understood, in words),
``records`` (the links to the records behind each figure) and, where they differ from the common ones,
``chips``."""
from importlib import import_module

from .. import present
from ..ir import Kind

_MODULES = {Kind.FIGURE: "figure", Kind.EXECUTION: "execution", Kind.RANKING: "ranking",
            Kind.COMPARISON: "comparison", Kind.TREND: "trend", Kind.GROWTH: "growth", Kind.SHARE: "share",
            Kind.PROJECT: "project", Kind.SUPERVISION: "supervision", Kind.INQUIRY: "inquiry",
            Kind.UNIT_COST: "unit_cost", Kind.UNIT: "unit",
            Kind.POPULATION: "population", Kind.MEMBERS: "members",
            Kind.DOCUMENTS: "documents", Kind.AWARDS: "awards", Kind.PAYEES: "payees",
            Kind.TOWNSHIPS: "townships", Kind.SINGLE_PAYMENT: "single_payment", Kind.AVERAGE: "average",
            Kind.PLANS: "plans", Kind.MEASURES: "measures", Kind.CATALOG: "catalog",
            Kind.PERFORMANCE: "performance"}


def module(kind):
    """The module that answers ``kind``."""
    return import_module(f"{__name__}.{_MODULES[Kind(kind)]}")


def run(conn, pub_id, query, lexicon, context=None):
    """(answer, chart option | None) of a query. ``context`` ({"as_of", "config"}) reaches the kinds that
    declare NEEDS_CONTEXT (inquiries: today and the holidays)."""
    answerer = module(query.kind)
    if getattr(answerer, "NEEDS_CONTEXT", False):
        return answerer.run(conn, pub_id, query, lexicon, context)
    return answerer.run(conn, pub_id, query, lexicon)


def restate(query, lexicon, coverage=None):
    """The question as understood; ``coverage`` names a partial last year (「2026年截至10月」)."""
    return module(query.kind).restate(query, lexicon, coverage)


def records(query, lexicon, pub_id, answer):
    """{"records": url of the rows behind the figure, "rows": [the records behind each row of the answer]}."""
    return module(query.kind).records(query, lexicon, pub_id, answer)


def chips(query, lexicon):
    return getattr(module(query.kind), "chips", present.chips)(query, lexicon)
