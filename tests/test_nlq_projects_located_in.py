"""「某县境内」「地界上」「辖区内」 projects: the projects built in the region named (their township lies in it),
whichever level's budget books them (the city's own projects there too), counted or listed, the list linked with
the same filter (/projects?located=…). Without the word, a region's projects stay those its budget books.
Expected values by straight SQL."""
import pytest

PUB = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _code(db, name):
    return db.execute(f"SELECT code FROM regions WHERE publication_id = {PUB} AND name = ?", (name,)).fetchone()[0]


def _located(db, region, where="1 = 1", params=()):
    return db.execute(f"SELECT COUNT(*) FROM projects p JOIN townships t ON t.code = p.township_code AND "
                      f"t.publication_id = p.publication_id WHERE p.publication_id = {PUB} AND t.region_code = ? "
                      f"AND {where}", (region, *params)).fetchone()[0]


@pytest.mark.parametrize("question", ["桂岭县境内一共有多少个在建项目", "桂岭县辖区内在建的项目有几个"])
def test_projects_built_in_a_county_are_counted_by_where_they_are(ask_demo, db, question):
    region = _code(db, "桂岭县")
    expected = _located(db, region, "p.status = '在建'")
    booked = db.execute(f"SELECT COUNT(*) FROM projects WHERE publication_id = {PUB} AND region_code = ? AND "
                        "status = '在建'", (region,)).fetchone()[0]
    result = ask_demo(question)
    assert result["answer"]["value"] == expected, result["understood"]
    assert expected != booked  # the two readings differ here, so the test tells them apart
    assert "境内" in result["understood"] and f"located={region}" in result["links"]["records"]


def test_the_list_of_projects_built_in_a_district(ask_demo, db):
    region = _code(db, "枫林区")
    names = {n for (n,) in db.execute(
        f"SELECT p.name FROM projects p JOIN townships t ON t.code = p.township_code AND t.publication_id = "
        f"p.publication_id WHERE p.publication_id = {PUB} AND t.region_code = ? AND p.status = '未开工'", (region,))}
    result = ask_demo("枫林区地界上还有哪些项目没开工")
    assert names and {row[0] for row in result["answer"]["rows"]} == names, result["understood"]


def test_without_the_word_a_region_keeps_its_own_projects(ask_demo, db):
    region = _code(db, "桂岭县")
    booked = db.execute(f"SELECT COUNT(*) FROM projects WHERE publication_id = {PUB} AND region_code = ? AND "
                        "status = '在建'", (region,)).fetchone()[0]
    result = ask_demo("桂岭县一共有多少个在建项目")
    assert result["answer"]["value"] == booked and "境内" not in result["understood"]


def test_regions_ranked_by_the_projects_built_in_them(ask_demo, db):
    """Once declined; now the counties (县) ranked by where the projects are built
    (tests/test_nlq_county_projects_two_bases.py)."""
    top = db.execute(f"SELECT t.region_code, COUNT(*) FROM projects p JOIN townships t ON t.code = p.township_code AND "
                     f"t.publication_id = p.publication_id WHERE p.publication_id = {PUB} AND p.status = '在建' "
                     f"AND t.region_code IN (SELECT code FROM regions WHERE publication_id = {PUB} AND name LIKE '%县') "
                     "GROUP BY t.region_code ORDER BY 2 DESC LIMIT 1").fetchone()
    result = ask_demo("哪个县境内在建项目最多")
    assert result["answer"]["value"] == top[1] and result["answer"]["keys"][0] == top[0], result["understood"]
