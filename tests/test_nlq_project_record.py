"""A named project is answered from its record (issue #18): whatever is asked of it — its contractor, its
dates, several measures at once, a project named by its code — the answer states the record's fields as its
page /projects/<code> shows them, and its records link is that page. Expected values by straight SQL."""
import pytest

PROJECT = ("select code, name, contractor, total_investment_fen, disbursed_fen, progress_pct, end_date, "
           "completed_date from projects p where publication_id=1 and status=? and contractor is not null "
           "and (select count(*) from projects q where q.publication_id=1 and q.name=p.name)=1 "
           "order by code limit 1")


@pytest.fixture(scope="module")
def done(db):
    """A completed project whose name is unique (so the name alone names it)."""
    return dict(zip(("code", "name", "contractor", "investment", "disbursed", "progress", "end", "completed"),
                    db.execute(PROJECT, ("已完工",)).fetchone()))


@pytest.fixture(scope="module")
def building(db):
    return dict(zip(("code", "name", "contractor", "investment", "disbursed", "progress", "end", "completed"),
                    db.execute(PROJECT, ("在建",)).fetchone()))


def _fields(answer):
    return {row[0]: row[1] for row in answer["rows"]}


def _on_its_page(client, result, code, name):
    url = result["links"]["records"]
    assert url.split("?")[0] == f"/projects/{code}"
    assert name in client.get(url).get_data(as_text=True)


@pytest.mark.parametrize("ask", ["{name}的承建单位是谁", "{name}谁在修？", "{name}是哪家公司建的"])
def test_who_builds_a_named_project_is_its_contractor(ask_demo, client, building, ask):
    result = ask_demo(ask.format(**building))
    assert result["answer"]["rows"][0][0] == building["contractor"] == result["answer"]["top"]
    assert "承建单位" in result["understood"]
    _on_its_page(client, result, building["code"], building["name"])


def test_dates_of_a_named_project_come_from_its_record(ask_demo, client, done):
    result = ask_demo(f"{done['name']}是否按期完工？计划和实际完工日期各是哪天？")
    fields = _fields(result["answer"])
    assert fields["计划完工"] == done["end"] and fields["实际完工"] == done["completed"]
    _on_its_page(client, result, done["code"], done["name"])


def test_several_measures_of_a_named_project_at_once(ask_demo, client, building):
    result = ask_demo(f"{building['name']}的总投资和已支付金额分别是多少？现在建到哪了")
    fields = _fields(result["answer"])
    assert fields["总投资"] == building["investment"] / 100 and fields["已支付"] == building["disbursed"] / 100
    assert fields["形象进度"] == building["progress"]
    assert result["answer"]["value"] == building["investment"] / 100  # the measure asked first


def test_a_project_named_by_its_code(ask_demo, client, building):
    result = ask_demo(f"项目{building['code']}已拨付多少钱")
    assert result["answer"]["value"] == building["disbursed"] / 100 and result["answer"]["unit"] == "元"
    assert building["name"] in result["understood"]
    _on_its_page(client, result, building["code"], building["name"])


def test_project_names_in_a_listing_link_to_their_pages(ask_demo, db):
    result = ask_demo("2026年在建的农村公路项目有哪些")
    rows, links = result["answer"]["rows"], result["links"]["rows"]
    assert rows and len(links) == len(rows)
    for row, link in zip(rows, links):
        code = link["records"]["project"].split("?")[0].rsplit("/", 1)[1]
        (name,) = db.execute("select name from projects where publication_id=1 and code=?", (code,)).fetchone()
        assert row[0] == link["label"] == name


def test_paid_on_projects_is_their_disbursement(ask_demo, db):
    """「已支付」 is the project page's word for 已拨付 (disbursed_fen): projects ranked by it."""
    want = [name for (name,) in db.execute("select name from projects where publication_id=1 and year=2026 "
                                           "order by disbursed_fen desc, code limit 3")]
    result = ask_demo("2026年度已支付资金最多的三个项目")
    assert [row[0] for row in result["answer"]["rows"]] == want
