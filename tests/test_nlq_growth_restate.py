"""A growth reading offered as an alternative before its period is known is restated, not a 500 (nlq_blind11's
q107 「… education spending YoY for Jan-Oct 2026?」 failed with AttributeError on the period)."""
from nlq import kinds
from nlq.ir import Kind, Query


def test_a_growth_without_a_period_is_restated(demo_app):
    from ledger.db import current_publication
    from nlq.lexicon import for_publication

    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        lexicon = for_publication(conn, current_publication(conn)["id"])
    text = kinds.restate(Query(kind=Kind.GROWTH), lexicon)
    assert text.endswith("相比上年的增长")
