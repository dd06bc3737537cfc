"""Contracts awarded (中标合同: counted, summed, a project's award date) and the organisations the treasury paid,
ranked or compared — answered from project_contracts and payments through ledger.queries, with records links
that add up; persons (pseudonymised) are never ranked."""
import pytest
from conftest import declined_message

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _contracts(db, year):
    return db.execute(f"SELECT count(*), sum(contract_fen) FROM project_contracts WHERE publication_id = {PUBLISHED} "
                      "AND award_date LIKE ?", (f"{year}%",)).fetchone()


@pytest.mark.parametrize("q, year", [("2024年一共签订了几份中标合同", 2024), ("前年的中标合同有多少个", 2024)])
def test_contracts_awarded_in_a_year_are_counted(ask_demo, db, q, year):
    result = ask_demo(q)
    assert result["answer"]["value"] == _contracts(db, year)[0] and result["answer"]["unit"] == "份", result["understood"]
    assert "award_date__gte=2024-01-01" in result["links"]["records"]


@pytest.mark.parametrize("q, year", [("2023年中标合同金额一共多少钱", 2023), ("2022年签的中标合同加起来总额多少", 2022)])
def test_contracts_awarded_in_a_year_are_summed(ask_demo, db, q, year):
    result = ask_demo(q)
    assert result["answer"]["value"] == pytest.approx(_contracts(db, year)[1] / 100), result["understood"]
    assert "中标合同" in result["understood"] and f"{year}年" in result["understood"]


def test_a_projects_award_day_is_its_contracts(ask_demo, db):
    name, day = db.execute(
        f"SELECT p.name, c.award_date FROM project_contracts c JOIN projects p ON p.code = c.project_code AND "
        f"p.publication_id = c.publication_id WHERE c.publication_id = {PUBLISHED} AND (SELECT count(*) FROM "
        f"projects q WHERE q.publication_id = p.publication_id AND q.name = p.name) = 1 ORDER BY p.code LIMIT 1"
    ).fetchone()
    assert ask_demo(f"{name}是什么时候定的中标")["answer"]["value"] == day


def _payees(db, year, limit):
    return db.execute(f"SELECT payee, sum(amount_fen) FROM payments WHERE publication_id = {PUBLISHED} AND "
                      "payee_type = '单位' AND date LIKE ? GROUP BY payee ORDER BY 2 DESC, payee LIMIT ?",
                      (f"{year}%", limit)).fetchall()


def test_the_organisation_paid_most_in_a_year_is_named(ask_demo, db):
    (name, fen), = _payees(db, 2024, 1)
    result = ask_demo("2024年拿到财政资金最多的公司是哪一家")
    assert result["answer"]["top"] == name and result["answer"]["rows"][0][2] == fen / 100, result["understood"]
    assert "不含个人" in result["understood"]
    assert result["links"]["rows"][0]["records"]["payments"].startswith("/records/payments?payee=")


def test_the_organisations_paid_most_are_ranked(ask_demo, db):
    want = _payees(db, 2025, 3)
    result = ask_demo("2025年收款金额排名前三的单位")
    assert [(r[0], r[2]) for r in result["answer"]["rows"]] == [(n, f / 100) for n, f in want], result["understood"]


def test_two_named_companies_are_compared_by_what_they_were_paid(ask_demo, db):
    a, b = [n for n, _f in _payees(db, 2024, 2)]
    result = ask_demo(f"{b}和{a}，2024年哪个收到的钱多")
    assert [r[0] for r in result["answer"]["rows"]] == [b, a] and result["answer"]["top"] == a, result["understood"]


def test_persons_are_never_ranked_by_what_they_received(ask_demo):
    message = declined_message(ask_demo("今年领钱最多的农户是哪几个"))
    assert "个人" in message
