"""One meaning per word for a district's projects (issue #18 item 2): 「某县的项目」 are the county's own — those its
budget books (projects.region_code, 按预算级次) — said so in ``understood``, with the city's own projects built in
the county told beside them as a labelled second figure with its own records; words that say where a project is
(位于、建在、在某县、某县的地方、境内、所在区县) count every project built there (所在地, the city's included), also
when the districts are ranked. Questions in words of their own; expected values by straight SQL."""
import pytest

PUB = "(SELECT max(id) FROM publications WHERE status = 'published')"
CITY = "990000"


def _code(db, name):
    return db.execute(f"SELECT code FROM regions WHERE publication_id = {PUB} AND name = ?", (name,)).fetchone()[0]


def _booked(db, region, where="1 = 1"):
    return db.execute(f"SELECT COUNT(*) FROM projects WHERE publication_id = {PUB} AND region_code = ? AND {where}",
                      (region,)).fetchone()[0]


def _built_in(db, region, where="1 = 1", booked_to=None):
    sql = (f"SELECT COUNT(*), COALESCE(SUM(p.total_investment_fen), 0) FROM projects p JOIN townships t "
           f"ON t.code = p.township_code AND t.publication_id = p.publication_id WHERE p.publication_id = {PUB} "
           f"AND t.region_code = ? AND {where}")
    params = [region]
    if booked_to:
        sql += " AND p.region_code = ?"
        params.append(booked_to)
    return db.execute(sql, params).fetchone()


def _json(client, url):
    path, _, args = url.partition("?")
    return client.get(f"{path}.json?{args}").get_json()


def test_a_countys_projects_are_its_own_with_the_citys_built_there_beside(ask_demo, db, client):
    region = _code(db, "竹源县")
    result = ask_demo("竹源县目前有多少个在建的项目")
    answer = result["answer"]
    assert answer["value"] == _booked(db, region, "status = '在建'"), result["understood"]
    assert "按预算级次：竹源县本级安排的项目" in result["understood"]
    city_there = _built_in(db, region, "p.status = '在建'", booked_to=CITY)[0]
    assert city_there > 0 and answer["also"]["count"] == city_there
    assert f"另有市本级在竹源县境内建设的项目 {city_there} 个" in answer["also"]["display"]
    assert f"合计 {answer['value'] + city_there} 个" in answer["also"]["display"]
    also = result["links"]["also"]
    assert f"located={region}" in also and f"region={CITY}" in also
    assert _json(client, also)["count"] == city_there  # its own records add up to it
    assert _json(client, result["links"]["records"])["count"] == answer["value"]


def test_an_amount_of_a_districts_projects_tells_the_citys_investment_beside(ask_demo, db):
    region = _code(db, "银杏区")
    result = ask_demo("银杏区的项目一共投了多少钱")
    count, fen = _built_in(db, region, booked_to=CITY)
    own = db.execute(f"SELECT SUM(total_investment_fen) FROM projects WHERE publication_id = {PUB} AND region_code = ?",
                     (region,)).fetchone()[0]
    assert round(result["answer"]["value"] * 100) == own
    assert result["answer"]["also"]["count"] == count and "总投资" in result["answer"]["also"]["display"]


def test_the_ask_page_shows_the_second_figure_with_its_link(client, db):
    html = client.get("/ask?q=" + "竹源县目前有多少个在建的项目").get_data(as_text=True)
    assert 'class="also-figure"' in html and "另有市本级在竹源县境内建设的项目" in html
    assert "查看这些项目" in html


@pytest.mark.parametrize("question", ["位于竹源县的在建项目有几个", "建在竹源县的在建项目有几个",
                                      "在竹源县的在建项目一共几个", "竹源县的地方上在建的项目有几个"])
def test_words_of_where_count_every_project_built_there(ask_demo, db, question):
    region = _code(db, "竹源县")
    expected = _built_in(db, region, "p.status = '在建'")[0]
    assert expected != _booked(db, region, "status = '在建'")  # the two bases differ here
    result = ask_demo(question)
    assert result["answer"]["value"] == expected or [r[1] for r in result["answer"]["rows"]] == [expected], \
        result["understood"]
    assert "所在地" in result["understood"] and f"located={region}" in result["links"]["records"]
    assert "also" not in result["answer"]


def test_districts_ranked_by_where_their_projects_are_built(ask_demo, db, client):
    rows = db.execute(f"""SELECT t.region_code, COUNT(*) FROM projects p JOIN townships t ON t.code = p.township_code
                          AND t.publication_id = p.publication_id WHERE p.publication_id = {PUB} AND p.status = '已完工'
                          GROUP BY t.region_code ORDER BY 2 DESC, 1 LIMIT 2""").fetchall()
    result = ask_demo("按所在区县算，已完工项目最多的两个区县")
    answer = result["answer"]
    names = {code: name for code, name in db.execute(f"SELECT code, name FROM regions WHERE publication_id = {PUB}")}
    assert [[r[0], r[1]] for r in answer["rows"]] == [[names[c], n] for c, n in rows], result["understood"]
    assert "所在地" in result["understood"]
    for row, link in zip(answer["rows"], result["links"]["rows"]):  # each row's projects: those built there
        assert _json(client, link["records"]["projects"])["count"] == row[1]


def test_a_township_is_always_read_by_location(ask_demo, db):
    code, name = db.execute(f"SELECT code, name FROM townships WHERE publication_id = {PUB} ORDER BY code LIMIT 1").fetchone()
    expected = db.execute(f"SELECT COUNT(*) FROM projects WHERE publication_id = {PUB} AND township_code = ?",
                          (code,)).fetchone()[0]
    result = ask_demo(f"{name}一共有几个项目")
    assert result["answer"]["value"] == expected and "also" not in result["answer"]


def test_the_city_itself_and_a_place_outside_the_data(ask_demo, db):
    result = ask_demo("市本级安排的项目有几个")
    assert result["answer"]["value"] == _booked(db, CITY) and "also" not in result["answer"]
    assert ask_demo("位于杭州市的项目有几个")["answer"]["kind"] == "decline"

