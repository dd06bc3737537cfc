"""A voucher number typed into the one box, in lower case or after 凭证号, shows that payment first (the site
index holds no vouchers, so the number alone found nothing but reports)."""
import pytest


@pytest.fixture(scope="module")
def a_voucher(db):
    return db.execute("SELECT id, payee FROM payments WHERE publication_id = (SELECT max(id) FROM publications "
                      "WHERE status = 'published') AND payee_type = '单位' ORDER BY id DESC LIMIT 1").fetchone()


@pytest.mark.parametrize("shape", [str.lower, str.upper, lambda v: f"凭证号：{v.lower()}"])
def test_a_voucher_number_in_any_case_is_that_payment(client, a_voucher, shape):
    number, payee = a_voucher
    html = client.get("/ask", query_string={"q": shape(number)}).get_data(as_text=True)
    matches = html.find('id="payment-matches-title"')
    assert matches >= 0 and html.find(number, matches) > matches and payee in html[matches:]
    assert matches < html.find('id="handoff-title"') or 'id="handoff-title"' not in html


def test_a_number_that_is_no_voucher_shows_no_payment(client):
    html = client.get("/ask", query_string={"q": "zz99999999"}).get_data(as_text=True)
    assert 'id="payment-matches-title"' not in html
