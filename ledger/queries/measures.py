"""Figures derived from budget and spending sums: execution rate, balance, per-capita spending, shares
and changes between two scopes.

Every function returns {key: value} like ``execution.amounts`` (grouped ``by`` one of its groupings, or
{None: value}): fen for amounts, fractions for rates, shares and growth, None where the base is 0.
The question box computes every budget figure through these, so an answer and a page agree.
"""
from . import reference
from .execution import amounts


def ratio(part, whole):
    """part / whole, or None without a whole."""
    return part / whole if whole else None


def change(this, base):
    """Growth from ``base`` to ``this`` as a fraction (0.1 = +10 %), None from a base of 0."""
    return ratio(this - base, base)


def rates(conn, pub_id, scope, by=None):
    """Execution rate: spending in the scope's months over the annual budget."""
    spent = amounts(conn, pub_id, scope, by)
    budget = amounts(conn, pub_id, scope, by, measure="budget")
    return {k: ratio(spent.get(k, 0), budget.get(k, 0)) for k in set(spent) | set(budget)}


def remaining(conn, pub_id, scope, by=None):
    """The budget not yet spent: annual budget − spending in the scope's months (fen)."""
    spent = amounts(conn, pub_id, scope, by)
    budget = amounts(conn, pub_id, scope, by, measure="budget")
    return {k: budget.get(k, 0) - spent.get(k, 0) for k in set(spent) | set(budget)}


def populations(conn, pub_id):
    """{region code: residents} (0 where none is published)."""
    return {r["code"]: r["population"] or 0 for r in reference.all_regions(conn, pub_id)}


def per_capita(conn, pub_id, scope, by=None, *, measure="spent"):
    """Fen of spending (or of budgets: 「人均预算」) per resident. By region: each region's own population;
    otherwise the population of the scope's regions, or of the whole publication (its top level) when no
    region is named."""
    spent = amounts(conn, pub_id, scope, by, measure=measure)
    people = populations(conn, pub_id)
    if by == "region":
        return {k: ratio(v, people.get(k) or 0) for k, v in spent.items()}
    named = tuple(scope.regions or ()) + ((scope.region,) if scope.region else ())
    top = reference.city(conn, pub_id)
    population = sum(people.get(r) or 0 for r in named) if named else people.get(top["code"] if top else None) or 0
    return {k: ratio(v, population) for k, v in spent.items()}


def growth(conn, pub_id, scope, base, by=None, *, measure="spent"):
    """Growth of spending (or budgets) from the ``base`` scope to ``scope``, key by key."""
    this = amounts(conn, pub_id, scope, by, measure=measure)
    before = amounts(conn, pub_id, base, by, measure=measure)
    return {k: change(this.get(k, 0), before.get(k, 0)) for k in set(this) | set(before)}


def rate_change(conn, pub_id, scope, base, by=None):
    """The change of the execution rate from ``base`` to ``scope`` (a difference of fractions: 0.02 = two
    percentage points), for the keys that have a rate in both."""
    this, before = rates(conn, pub_id, scope, by), rates(conn, pub_id, base, by)
    return {k: this[k] - before[k] for k in set(this) & set(before) if None not in (this[k], before[k])}


def shares(conn, pub_id, part, whole, by=None, *, measure="spent", keys=None):
    """Each key's ``part`` within the ``whole`` (same grouping), keyed by the whole's keys.

    With ``keys`` (a scope) every key that has spending in that scope is set against one total of the
    whole: each district's share of the whole city's figure."""
    parts = amounts(conn, pub_id, part, by, measure=measure)
    if keys is not None:
        total = amounts(conn, pub_id, whole, measure=measure)[None]
        wholes = {k: total for k in amounts(conn, pub_id, keys, by, measure=measure)}
    else:
        wholes = amounts(conn, pub_id, whole, by, measure=measure)
    return {k: ratio(parts.get(k, 0), wholes[k]) for k in wholes}
