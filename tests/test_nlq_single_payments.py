"""One payment picked out of many (issue #18): the largest or smallest single payment of a year, a purpose, a
project or the projects of a department, and to whom; a project's last or first payment, its day and amount.
Each answer links to the payment's own voucher; a person's payment never shows who was paid."""
import pytest
from conftest import declined_message

LATEST = "select max(id) from publications where status='published'"


def _one(db, where, args=(), order="amount_fen desc, date desc, id"):
    return db.execute(f"select id, date, amount_fen, payee, payee_type from payments where publication_id=({LATEST}) "
                      f"and {where} order by {order} limit 1", args).fetchone()


def _voucher_rows(client, result):
    path, _, args = result["links"]["records"].partition("?")
    return client.get(f"{path}.json?{args}").get_json()


def test_the_largest_payment_of_a_year_and_its_payee(ask_demo, db, client):
    voucher, day, fen, payee, _type = _one(db, "date between '2023-01-01' and '2023-12-31'")
    result = ask_demo("2023年国库集中支付里单笔金额最大的是哪一笔，付给了谁")
    answer = result["answer"]
    assert result["query"]["kind"] == "single_payment", result["understood"]
    assert (answer["value"], answer["top"], answer["date"]) == (fen / 100, payee, day)
    listed = _voucher_rows(client, result)
    assert listed["count"] == 1 and listed["sum"] == fen / 100


def test_organisations_only_when_a_company_is_asked(ask_demo, db):
    _v, _d, fen, payee, kind = _one(db, "payee_type='单位' and date between '2025-01-01' and '2025-12-31'")
    result = ask_demo("去年哪家公司拿到的单笔付款最高，多少钱")
    assert (result["answer"]["value"], result["answer"]["top"], kind) == (fen / 100, payee, "单位")


def test_a_persons_payment_never_names_the_person(ask_demo, db):
    voucher, _d, fen, payee, kind = _one(db, "purpose='高龄津贴' and date between '2024-01-01' and '2024-12-31'")
    result = ask_demo("2024年高龄津贴金额最高的一笔发给谁了")
    answer = result["answer"]
    assert kind == "个人" and answer["value"] == fen / 100 and answer["voucher"] == voucher
    shown = str(answer) + result["understood"]
    assert payee not in shown and "隐去" in answer["top"]


def test_the_last_payment_of_a_project_by_day(ask_demo, db):
    code, name = db.execute(f"select code, name from projects where publication_id=({LATEST}) and code in "
                            "(select project_code from payments) order by disbursed_fen desc limit 1").fetchone()
    _v, day, fen, _p, _t = _one(db, "project_code=?", (code,), order="date desc, amount_fen desc, id")
    result = ask_demo(f"{name}最近一次拨款是哪天")
    assert result["answer"]["value"] == day and result["answer"]["rows"][0][1] == fen / 100, result["understood"]
    first = ask_demo(f"{name}的第一笔付款多少钱")
    _v, day, fen, _p, _t = _one(db, "project_code=?", (code,), order="date asc, amount_fen desc, id")
    assert (first["answer"]["value"], first["answer"]["date"]) == (fen / 100, day), first["understood"]


def test_the_smallest_payment_of_a_purpose(ask_demo, db):
    _v, _d, fen, _p, _t = _one(db, "purpose='最低生活保障金' and date between '2026-01-01' and '2026-12-31'",
                               order="amount_fen asc, date asc, id")
    result = ask_demo("今年最低生活保障金金额最小的一笔是多少")
    assert result["answer"]["value"] == fen / 100, result["understood"]


def test_several_years_are_declined(ask_demo):
    assert "某一年" in declined_message(ask_demo("2021到2023年单笔最大的一笔付款"))


@pytest.mark.parametrize("q", ["今年付款合计多少", "2025年高龄津贴发了几笔"])
def test_totals_and_counts_stay_totals(ask_demo, q):
    assert (ask_demo(q)["query"] or {}).get("kind") != "single_payment"
