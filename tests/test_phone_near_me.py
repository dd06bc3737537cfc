"""Projects near me (issue #17 item 1): every project names its 乡镇/街道; /projects filters by it; search
has a 乡镇/街道 facet in both backends; the township list is exposed by ledger for the question box."""
import re

import pytest
from sqlalchemy import func, select

from ledger import schema
from ledger.queries import reference as q_ref
from search.es_backend import KEYWORD_FIELDS, index_mappings
from search.request import FACET_FIELDS, FACET_LABELS, FACETS, SearchRequest

TAOWU = "990102006"  # 桃坞街道, 枫林区 (the example: 「桃坞街道有哪些项目」)


def test_every_demo_project_has_a_township_of_its_location(db):
    missing = db.execute("SELECT count(*) FROM projects WHERE township_code IS NULL").fetchone()[0]
    assert missing == 0
    wrong = db.execute("""SELECT p.code, p.location, t.name FROM projects p JOIN townships t
                          ON t.publication_id = p.publication_id AND t.code = p.township_code
                          WHERE p.location NOT LIKE '%' || t.name""").fetchall()
    assert wrong == []
    assert db.execute("SELECT name, region_code FROM townships WHERE code = ?", (TAOWU,)).fetchone() == ("桃坞街道", "990102")


def test_projects_filter_by_township_end_to_end(client, db):
    expected = db.execute("SELECT count(*) FROM projects WHERE township_code = ?", (TAOWU,)).fetchone()[0]
    assert expected > 0
    html = client.get(f"/projects?township={TAOWU}").get_data(as_text=True)
    assert "<h1>桃坞街道的项目</h1>" in html
    assert re.search(rf'<optgroup label="枫林区">.*?<option value="{TAOWU}" selected>桃坞街道（{expected}）</option>', html, re.S)
    data = client.get(f"/projects.json?township={TAOWU}&per_page=500").get_json()
    assert data["count"] == expected and data["filters"]["township"] == TAOWU
    assert {row["township_name"] for row in data["projects"]["rows"]} == {"桃坞街道"}
    # combines with the other filters, and an unknown township finds nothing (not the whole city)
    status = client.get(f"/projects.json?township={TAOWU}&status=已完工").get_json()
    assert 0 < status["count"] <= expected
    assert client.get("/projects.json?township=990199999").get_json()["count"] == 0
    assert client.get("/projects?township=bad%20code").status_code == 400


def test_project_page_names_its_township(client, db):
    code, location = db.execute("SELECT code, location FROM projects WHERE township_code = ? LIMIT 1",
                                (TAOWU,)).fetchone()
    assert "桃坞街道" in location
    assert client.get(f"/projects/{code}.json").get_json()["project"]["location"].endswith("桃坞街道")


def test_search_facet_by_township(client, db):
    data = client.get("/search.json?q=项目").get_json()
    facet = {item["value"]: item for item in data["facets"]["township"]}
    assert TAOWU in facet and facet[TAOWU]["label"] == "桃坞街道（枫林区）"
    narrowed = client.get(f"/search.json?q=项目&township={TAOWU}&size=50").get_json()
    assert narrowed["total"] == facet[TAOWU]["count"] > 0
    assert all(r["type"] == "project" for r in narrowed["results"])
    names = {r["url"].rsplit("/", 1)[-1] for r in narrowed["results"]}
    placed = {c for (c,) in db.execute("SELECT code FROM projects WHERE township_code = ?", (TAOWU,))}
    assert names <= placed
    html = client.get(f"/search?q=项目&township={TAOWU}").get_data(as_text=True)
    assert 'data-facet="township"' in html and "乡镇/街道" in html


def test_township_facet_is_declared_for_both_backends():
    assert "township" in FACETS and FACET_LABELS["township"] == "乡镇/街道"
    assert FACET_FIELDS["township"] == ("township_code", "township")
    properties = index_mappings({})["properties"]
    assert properties["township_code"] == {"type": "keyword"} and properties["township"] == {"type": "keyword"}
    assert {"township_code", "township"} <= set(KEYWORD_FIELDS)
    assert SearchRequest.from_args({"township": TAOWU}).filters == {"township": [TAOWU]}


def test_ledger_exposes_the_township_list_for_the_question_box(demo_app):
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        pub_id = conn.execute(select(func.max(schema.publications.c.id))).scalar()
        places = q_ref.all_townships(conn, pub_id)
        district = q_ref.all_townships(conn, pub_id, region_code="990102")
        one = q_ref.township(conn, pub_id, TAOWU)
    assert len(places) == 80 and len(district) == 8
    assert one == {"code": TAOWU, "name": "桃坞街道", "region_code": "990102", "region_name": "枫林区"}
    assert {p["name"][-2:] for p in places} >= {"街道"} and any(p["name"].endswith("镇") for p in places)
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        asked = [t["code"] for t in q_ref.townships_in(conn, pub_id, "桃坞街道有哪些项目")]
        stem = [t["code"] for t in q_ref.townships_in(conn, pub_id, "桃坞的学校")]
        district = q_ref.townships_in(conn, pub_id, "松岗县教育支出")  # the county, not 松岗街道
    assert asked == [TAOWU] and stem == [TAOWU] and district == []


@pytest.mark.browser
def test_a_citizen_finds_projects_near_them_on_a_phone(live_server, mobile_page):
    page = mobile_page
    page.goto(live_server + "/projects")
    page.select_option("select[name=township]", TAOWU)
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(rf"township={TAOWU}"))
    assert page.locator("h1").inner_text() == "桃坞街道的项目"
    cards = page.locator("table.data tbody tr")
    assert cards.count() > 0
    for i in range(min(cards.count(), 5)):
        assert cards.nth(i).locator("td[data-label='乡镇/街道']").inner_text().endswith("桃坞街道")
    assert page.console_errors == []
