"""Payments a handed-off question asks for in its own words go above the site search's results
(portal/views/ask_payments.py ``payments_first``): 收款/付款/支付/凭证/几笔 say the payments are what is sought,
even when the search finds projects holding the same names (a contractor's projects)."""
import pytest

from portal.views.ask_payments import payments_first

MATCHES = {"terms": ["远航", "建设"], "rows": [], "total": 3}
SEARCH = {"results": [{"title": "远航建设承建的码头工程", "snippet": ""}]}


@pytest.mark.parametrize("q", ["远航建设 付款明细", "远航建设收了多少笔钱", "给远航建设支付的凭证", "远航建设到账情况"])
def test_words_that_ask_for_payments_put_them_first(q):
    assert payments_first(MATCHES, SEARCH, q)


@pytest.mark.parametrize("q", ["远航建设", "远航建设的码头工程进展"])
def test_without_such_words_the_search_results_keep_their_place(q):
    """The payments' words are all in the search results' titles: the projects come first, as before."""
    assert not payments_first(MATCHES, SEARCH, q)


def test_no_payments_found_is_never_first():
    assert not payments_first(None, SEARCH, "远航建设付款明细")
