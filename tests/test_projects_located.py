"""Projects built in a district (/projects?located=): the district's own projects and the city's projects
whose township lies there — what a citizen means by 「我们区的项目」, beside ``region`` (the booking level)."""
import re

DISTRICT = "990102"  # 枫林区


def _expected(db, region):
    return db.execute("""SELECT count(*), sum(p.total_investment_fen), sum(p.region_code = '990000')
                         FROM projects p JOIN townships t
                           ON t.publication_id = p.publication_id AND t.code = p.township_code
                         WHERE t.region_code = ?""", (region,)).fetchone()


def test_located_lists_the_districts_projects_and_the_citys_built_there(client, db):
    count, investment_fen, citys = _expected(db, DISTRICT)
    booked = db.execute("SELECT count(*) FROM projects WHERE region_code = ?", (DISTRICT,)).fetchone()[0]
    assert citys > 0 and count == booked + citys  # the city's projects there are the difference
    data = client.get(f"/projects.json?located={DISTRICT}&per_page=1").get_json()
    assert data["count"] == count and data["filters"]["located"] == DISTRICT
    assert round(float(data["sums"]["total_investment"]) * 100) == investment_fen
    assert client.get(f"/projects.json?region={DISTRICT}").get_json()["count"] == booked


def test_located_combines_and_round_trips_through_the_form_and_download(client, db):
    status = client.get(f"/projects.json?located={DISTRICT}&status=已完工").get_json()
    expected = db.execute("""SELECT count(*) FROM projects p JOIN townships t ON t.code = p.township_code
                             WHERE t.region_code = ? AND p.status = '已完工'""", (DISTRICT,)).fetchone()[0]
    assert status["count"] == expected > 0
    html = client.get(f"/projects?located={DISTRICT}").get_data(as_text=True)
    assert re.search(rf'<select name="located">.*?<option value="{DISTRICT}" selected>枫林区</option>', html, re.S)
    csv_rows = client.get(f"/projects.csv?located={DISTRICT}").get_data(as_text=True).strip().splitlines()
    assert len(csv_rows) - 1 == _expected(db, DISTRICT)[0]
    assert client.get("/projects.json?located=990199").get_json()["count"] == 0  # no such district: nothing
    assert client.get("/projects?located=bad%20code").status_code == 400


def test_a_project_page_links_to_every_project_built_in_its_district(client, db):
    code, region = db.execute("""SELECT p.code, t.region_code FROM projects p JOIN townships t ON t.code = p.township_code
                                 WHERE p.region_code = '990000' ORDER BY p.code LIMIT 1""").fetchone()
    html = client.get(f"/projects/{code}").get_data(as_text=True)
    assert f'href="/projects?located={region}"' in html
