"""Classes of payment questions beyond 「付给某公司多少钱」 (issue #18): 几笔 is the number of payments, not
their sum; payments for a purpose recorded on them (高龄津贴); a named project's payments in a year or in all;
a company paid by the treasury that builds no project (a supplier); 「项目已经付了多少」 is what the projects
were paid (已支付). Every expected figure by straight SQL on the published tables, and every answer's
records link lists exactly the vouchers it adds up."""
import pytest

PUB = "publication_id=1"


def _records(client, result):
    """(count, Σ 元) of the vouchers the answer's records link lists."""
    path, _, query = result["links"]["records"].partition("?")
    assert path == "/records/payments"
    body = client.get(f"{path}.json?{query}").get_json()
    return body["count"], body["sum"]


@pytest.fixture(scope="module")
def purpose(db):
    """The purpose of payments outside projects that names nothing else (the most paid one), with its
    2025 count and Σ fen."""
    rows = db.execute(f"select purpose, count(*), sum(amount_fen) from payments where {PUB} and project_code is null "
                      "and strftime('%Y', date)='2025' group by purpose order by count(*) desc").fetchall()
    return rows[0]


@pytest.fixture(scope="module")
def supplier(db):
    """A company paid in 2026 that builds no project, with its 2026 count and Σ fen."""
    return db.execute(f"select payee, count(*), sum(amount_fen) from payments where {PUB} and payee_type='单位' "
                      "and strftime('%Y', date)='2026' and payee not in (select contractor from projects "
                      f"where {PUB} and contractor is not null) group by payee order by payee limit 1").fetchone()


@pytest.fixture(scope="module")
def paid_project(db):
    """A project with a unique name paid in 2026 and in earlier years: (code, name)."""
    return db.execute(f"select p.code, p.name from projects p where p.{PUB} and (select count(*) from projects q "
                      f"where q.{PUB} and q.name=p.name)=1 and exists (select 1 from payments y where y.{PUB} "
                      "and y.project_code=p.code and strftime('%Y', y.date)='2026') and exists (select 1 from "
                      f"payments y where y.{PUB} and y.project_code=p.code and strftime('%Y', y.date)<'2026') "
                      "order by p.code limit 1").fetchone()


def test_how_many_payments_for_a_purpose_in_a_year(ask_demo, client, purpose):
    name, count, fen = purpose
    result = ask_demo(f"{name}在2025年一共发放过多少笔")
    answer = result["answer"]
    assert answer["value"] == count and answer["unit"] == "笔" and answer["payments"] == count
    assert _records(client, result) == (count, fen / 100)


def test_money_paid_for_a_purpose_in_a_year(ask_demo, client, purpose):
    name, count, fen = purpose
    result = ask_demo(f"2025年通过国库支付的{name}合计多少钱")
    assert result["answer"]["value"] == fen / 100 and result["answer"]["unit"] == "元"
    assert _records(client, result) == (count, fen / 100)


def test_a_supplier_that_builds_no_project(ask_demo, client, supplier):
    payee, count, fen = supplier
    money = ask_demo(f"今年财政给{payee}付了多少钱")
    assert money["answer"]["value"] == fen / 100 and money["answer"]["payments"] == count
    number = ask_demo(f"{payee}今年收款多少笔")
    assert number["answer"]["value"] == count and number["answer"]["unit"] == "笔"
    assert _records(client, number) == (count, fen / 100)


def test_a_projects_payments_this_year_and_how_many_in_all(ask_demo, client, db, paid_project):
    code, name = paid_project
    count_26, fen_26 = db.execute(f"select count(*), sum(amount_fen) from payments where {PUB} and project_code=? "
                                  "and strftime('%Y', date)='2026'", (code,)).fetchone()
    (count_all,) = db.execute(f"select count(*) from payments where {PUB} and project_code=?", (code,)).fetchone()
    this_year = ask_demo(f"{name}今年支付了多少")
    assert this_year["answer"]["value"] == fen_26 / 100
    assert _records(client, this_year) == (count_26, fen_26 / 100)
    number = ask_demo(f"{name}总共支付过多少笔")
    assert number["answer"]["value"] == count_all and number["answer"]["unit"] == "笔"


def test_what_a_project_has_been_paid_so_far_is_its_disbursement(ask_demo, db, paid_project):
    code, name = paid_project
    (fen,) = db.execute(f"select sum(amount_fen) from payments where {PUB} and project_code=?", (code,)).fetchone()
    result = ask_demo(f"{name}到现在付了多少钱")
    assert result["query"]["measure"] == "disbursed" and result["answer"]["value"] == fen / 100


def test_what_a_townships_projects_have_been_paid(ask_demo, db):
    township, name = db.execute(f"select t.code, t.name from townships t where t.{PUB} and (select count(*) from "
                                f"projects p where p.{PUB} and p.township_code=t.code) >= 2 order by t.code "
                                "limit 1").fetchone()
    (fen,) = db.execute(f"select sum(y.amount_fen) from payments y join projects p on p.{PUB} and "
                        f"p.code=y.project_code where y.{PUB} and p.township_code=?", (township,)).fetchone()
    result = ask_demo(f"{name}那些项目付了多少钱")
    assert result["query"]["measure"] == "disbursed" and result["answer"]["value"] == fen / 100


def test_since_the_first_payment_year_is_every_payment(ask_demo, db):
    payee, first = db.execute(f"select payee, min(strftime('%Y', date)) from payments where {PUB} and "
                              "payee_type='单位' group by payee order by payee limit 1").fetchone()
    (since,) = db.execute(f"select min(strftime('%Y', date)) from payments where {PUB}").fetchone()
    count, fen = db.execute(f"select count(*), sum(amount_fen) from payments where {PUB} and payee=?",
                            (payee,)).fetchone()
    result = ask_demo(f"自{since}年以来财政一共付给{payee}多少钱")
    assert result["answer"]["value"] == fen / 100 and result["answer"]["payments"] == count
    later = ask_demo(f"{int(since) + 2}年以来付给{payee}的钱一共多少")  # several years, not all: not cut exactly
    assert (later["answer"] or {}).get("value") != fen / 100 and (later["answer"] or {}).get("unit") != "元"


def test_number_and_sum_asked_together_answer_the_sum(ask_demo, supplier):
    payee, count, fen = supplier
    answer = ask_demo(f"{payee}今年到账几笔，金额一共多少")["answer"]
    assert answer["value"] == fen / 100 and answer["unit"] == "元" and answer["payments"] == count
