"""Money paid to a named company is answered from the treasury payments (issue #18 item 7): their sum and
number, with a link to exactly those vouchers (/records/payments?payee=…) — never the company's project
count; a year or months of a year (its vouchers by date). Expected values by straight SQL."""
import pytest

PAYEES = ("select payee, count(*), sum(amount_fen) from payments where publication_id=1 and {where} "
          "and payee in (select contractor from projects where publication_id=1) group by payee order by payee")


@pytest.fixture(scope="module")
def paid_2025(db):
    """(company, number of payments, Σ fen) of the first contractor paid in 2025."""
    return db.execute(PAYEES.format(where="strftime('%Y', date)='2025'") + " limit 1").fetchone()


def _records(client, result):
    """(count, Σ 元) of the vouchers the answer's records link lists."""
    path, _, query = result["links"]["records"].partition("?")
    assert path == "/records/payments"
    body = client.get(f"{path}.json?{query}").get_json()
    return body["count"], body["sum"]


def test_paid_to_a_company_in_a_year(ask_demo, client, paid_2025):
    payee, count, fen = paid_2025
    result = ask_demo(f"2025年付给{payee}多少钱")
    answer = result["answer"]
    assert answer["value"] == fen / 100 and answer["unit"] == "元" and answer["payments"] == count
    assert "项目" not in result["understood"]  # payments, not the company's projects
    assert _records(client, result) == (count, fen / 100)


def test_received_by_a_company_over_all_years(ask_demo, client, db, paid_2025):
    payee = paid_2025[0]
    count, fen = db.execute("select count(*), sum(amount_fen) from payments where publication_id=1 and payee=?",
                            (payee,)).fetchone()
    result = ask_demo(f"{payee}一共收到多少财政资金")
    assert result["answer"]["value"] == fen / 100 and result["answer"]["payments"] == count
    assert _records(client, result) == (count, fen / 100)


def test_a_company_by_its_place_and_trade_name(ask_demo, db, lexicon_places):
    """「梅溪华建」: a district's name and the two characters after it name the one company that starts so."""
    names = [n for (n,) in db.execute("select distinct contractor from projects where publication_id=1 "
                                      "and contractor like '%公司' order by contractor")]
    alias, name = next((n[:len(p) + 2], n) for n in names for p in lexicon_places if n.startswith(p)
                       and sum(m.startswith(n[:len(p) + 2]) for m in names) == 1)
    (fen,) = db.execute("select sum(amount_fen) from payments where publication_id=1 and payee=? "
                        "and strftime('%Y', date)='2026'", (name,)).fetchone()
    result = ask_demo(f"今年给{alias}付了多少钱")
    assert name in result["understood"] and result["answer"]["value"] == fen / 100


def test_part_of_a_past_year_is_the_payments_of_those_months_not_a_count(ask_demo, client, db, paid_2025):
    """Once declined (payments were cut by whole years only): the payments dated in those months, and their vouchers."""
    payee = paid_2025[0]
    count, fen = db.execute("select count(*), sum(amount_fen) from payments where publication_id=1 and payee=? "
                            "and date between '2025-01-01' and '2025-06-30'", (payee,)).fetchone()
    result = ask_demo(f"2025年上半年付给{payee}多少钱")
    assert result["answer"]["value"] == fen / 100 and result["answer"]["payments"] == count
    assert _records(client, result) == (count, fen / 100)


def test_the_payments_page_filters_by_payee(client, paid_2025):
    payee, count, fen = paid_2025
    page = client.get("/records/payments", query_string={"payee": payee, "year": 2025})
    assert page.status_code == 200 and "收款人" in page.get_data(as_text=True)
    assert client.get("/records/payments", query_string={"payee": "x" * 200}).status_code == 400


@pytest.fixture(scope="module")
def lexicon_places(db):
    """The districts' names without 区/县 (梅溪, 竹源 …), as a person shortens them."""
    return [name[:-1] for (name,) in db.execute("select name from regions where publication_id=1 and level=1")]
