"""One part of a year set against another with 比 (issue #18): 「三季度比二季度增减多少」 is the first period less the
second, signed, with both periods' figures shown and linked; a period past the data still gets no figure."""
from support.answers import PUBLISHED, assert_declined


def _spent(db, year, first, last, where="1=1"):
    return db.execute(f"SELECT SUM(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} AND year = ? "
                      f"AND month BETWEEN ? AND ? AND {where}", (year, first, last)).fetchone()[0] / 100


def test_a_quarter_less_the_quarter_before_is_signed(ask_demo, db):
    want = round(_spent(db, 2025, 4, 6) - _spent(db, 2025, 1, 3), 2)
    result = ask_demo("2025年二季度比一季度全市支出增减了多少")
    answer = result["answer"]
    assert answer["value"] == want, result["understood"]
    assert len(answer["rows"]) == 2 and len(result["links"]["rows"]) == 2


def test_the_first_half_against_the_second_in_the_order_asked(ask_demo, db):
    want = round(_spent(db, 2024, 1, 6) - _spent(db, 2024, 7, 12), 2)
    result = ask_demo("2024年上半年比下半年支出多了多少")
    assert result["answer"]["value"] == want, result["understood"]


def test_a_quarter_past_the_data_states_no_figure(ask_demo):
    assert_declined(ask_demo("今年四季度比三季度支出增减多少"), "out_of_range")
