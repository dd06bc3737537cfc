"""A project page names both places of a project (issue #18 item 2): 预算级次, the level whose budget books it,
and 所在地, where it is built (linked to every project built in that district); /projects labels its two
filters the same way."""
import re


def test_a_city_project_built_in_a_district_shows_both_places(client, db):
    code, location, district = db.execute(
        """SELECT p.code, p.location, r.name FROM projects p JOIN townships t ON t.code = p.township_code
           AND t.publication_id = p.publication_id JOIN regions r ON r.code = t.region_code
           AND r.publication_id = p.publication_id WHERE p.region_code = '990000' ORDER BY p.code LIMIT 1""").fetchone()
    html = client.get(f"/projects/{code}").get_data(as_text=True)
    level = re.search(r"<dt>预算级次</dt><dd>(.*?)</dd>", html, re.S).group(1)
    place = re.search(r"<dt>所在地</dt><dd>(.*?)</dd>", html, re.S).group(1)
    assert "市本级安排" in level
    assert location in place and f">{district}</a>" in place and "located=" in place


def test_a_districts_own_project_says_so(client, db):
    code = db.execute("SELECT code FROM projects WHERE region_code <> '990000' ORDER BY code LIMIT 1").fetchone()[0]
    html = client.get(f"/projects/{code}").get_data(as_text=True)
    assert "区县本级安排" in re.search(r"<dt>预算级次</dt><dd>(.*?)</dd>", html, re.S).group(1)


def test_the_projects_filters_are_named_for_the_two_bases(client):
    html = client.get("/projects").get_data(as_text=True)
    assert re.search(r"<label>预算级次\s*<select name=\"region\">", html)
    assert re.search(r"<label>所在地（区县）\s*<select name=\"located\">", html)
