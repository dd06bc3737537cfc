"""A named project's contract and dates (issue #18): the winning bid (中标价), the savings of the bid against
the investment in 元 or in per cent, the award, start, planned and actual completion dates, the days from
award to start and the days finished after the plan, and its builder asked as 「谁家」 — each from the
project's record (projects, project_contracts) and linked to its page. Expected values by straight SQL."""
import datetime as dt

import pytest
from support.answers import assert_declined

PUB = "publication_id=1"
UNIQUE = f"(select count(*) from projects q where q.{PUB} and q.name=p.name)=1"


@pytest.fixture(scope="module")
def awarded(db):
    """A finished project with a unique name, an award with a sum, a start date and a planned end: its fields."""
    return db.execute(
        f"select p.name, p.total_investment_fen, c.contract_fen, c.award_date, p.start_date, p.end_date, "
        f"p.completed_date, p.contractor from projects p join project_contracts c on c.{PUB} and c.project_code=p.code "
        f"where p.{PUB} and {UNIQUE} and p.status='已完工' and c.contract_fen is not null and p.start_date is not null "
        "and p.completed_date > p.end_date and (select count(*) from project_contracts d where d.project_code=p.code "
        f"and d.{PUB})=1 order by p.code limit 1").fetchone()


def _page(client, result):
    path, _, query = result["links"]["records"].partition("?")
    assert path.startswith("/projects/")
    return client.get(f"{path}.json?{query}").get_json()["project"]


def test_winning_bid_and_what_it_saved(ask_demo, client, awarded):
    name, investment, bid = awarded[:3]
    assert ask_demo(f"{name}的中标价是多少钱")["answer"]["value"] == bid / 100
    result = ask_demo(f"{name}合同价比总投资少了多少")
    assert result["answer"]["value"] == (investment - bid) / 100 and result["answer"]["unit"] == "元"
    page = _page(client, result)
    assert page["total_investment"] - page["contract"]["contract"] == pytest.approx(result["answer"]["value"])
    result = ask_demo(f"{name}中标价比总投资低了百分之多少")
    assert result["answer"]["unit"] == "%"
    assert result["answer"]["value"] == round((investment - bid) / investment * 100, 2)


def test_dates_of_the_works(ask_demo, awarded):
    name, award, start, end, done = awarded[0], *awarded[3:7]
    assert ask_demo(f"{name}是几号定的标")["answer"]["value"] == award
    assert ask_demo(f"{name}什么时候动工的")["answer"]["value"] == start
    assert ask_demo(f"{name}原定的完工日期")["answer"]["value"] == end
    assert ask_demo(f"{name}哪一天竣工的")["answer"]["value"] == done


def test_days_between_dates(ask_demo, awarded):
    name, award, start, end, done = awarded[0], *awarded[3:7]
    days = (dt.date.fromisoformat(start) - dt.date.fromisoformat(award)).days
    result = ask_demo(f"{name}定标以后过了多少天才开工")
    assert result["answer"]["value"] == days and result["answer"]["unit"] == "天"
    late = (dt.date.fromisoformat(done) - dt.date.fromisoformat(end)).days
    assert late > 0
    assert ask_demo(f"{name}比计划完工推迟了多少天")["answer"]["value"] == late


def test_builder_asked_as_whose(ask_demo, awarded):
    name, contractor = awarded[0], awarded[7]
    assert ask_demo(f"{name}是谁家干的")["answer"]["value"] == contractor


def test_an_unfinished_project_has_no_completion_to_compare(ask_demo, db):
    (name,) = db.execute(f"select name from projects p where {PUB} and status='在建' and {UNIQUE} "
                         "order by code limit 1").fetchone()
    assert_declined(ask_demo(f"{name}比计划晚完工了几天"))
    assert_declined(ask_demo(f"{name}实际完工日期是哪天"))
