"""Projects by who builds them: a person (the publication's pseudonym 「个人承包方…」 is the only mark of one), no
contractor yet, or no contract awarded — counted, summed and listed with records links that add up, never a
person's name asked for."""
import pytest

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"
KINDS = {
    "person": "contractor LIKE '个人承包方%'",
    "none": "contractor IS NULL",
    "uncontracted": f"code NOT IN (SELECT project_code FROM project_contracts WHERE publication_id = {PUBLISHED})",
}


def _projects(db, kind, year=None):
    extra = f" AND year = {int(year)}" if year else ""
    return db.execute(f"SELECT count(*), sum(total_investment_fen) FROM projects WHERE publication_id = {PUBLISHED} "
                      f"AND {KINDS[kind]}{extra}").fetchone()


@pytest.mark.parametrize("q, kind", [
    ("由个人承建的工程一共几个", "person"),
    ("施工方是自然人的项目数量", "person"),
    ("目前尚无承建单位的工程有多少个", "none"),
    ("哪些项目还没有签订合同，一共几个", "uncontracted"),
])
def test_projects_of_a_contractor_kind_are_counted(ask_demo, db, q, kind):
    result = ask_demo(q)
    count, _fen = _projects(db, kind)
    assert count and result["answer"]["value"] == count, result["understood"]
    assert f"contractor_kind={kind}" in result["links"]["records"]


def test_the_investment_of_persons_projects_in_a_year_is_summed(ask_demo, db):
    result = ask_demo("2025年个人承包工程的总投资是多少")
    _count, fen = _projects(db, "person", 2025)
    assert result["answer"]["value"] == pytest.approx(fen / 100), result["understood"]
    assert "个人" in result["understood"] and "2025年" in result["understood"]


def test_projects_without_a_contractor_are_listed_not_their_contractors_ranked(ask_demo, db):
    result = ask_demo("还没定下施工方的工程是哪些")
    count, _fen = _projects(db, "none")
    assert "承包商" not in result["understood"] and "尚无承建单位" in result["understood"], result["understood"]
    assert result["answer"]["value"] is not None and len(result["answer"]["rows"]) <= count


def test_the_records_link_lists_exactly_the_persons_projects(ask_demo, client, db):
    link = ask_demo("个人承包的工程有几个")["links"]["records"]
    page = client.get(link).get_data(as_text=True)
    count, _fen = _projects(db, "person")
    assert f"{count}" in page and "个人承包方" in page


@pytest.mark.parametrize("q", ["个人承包的项目是谁在做，真名叫什么", "承建项目的个人承包方真实姓名是什么"])
def test_a_persons_name_behind_the_pseudonym_is_still_declined(ask_demo, q):
    result = ask_demo(q)
    assert not (result.get("answer") or {}).get("value"), result["understood"]
