"""``field__suffix=`` on the open-data tables (as Datasette's __endswith): the townships of a district whose
names end in 镇 or 乡 — the rows a count of towns behind an answer counts."""


def test_suffix_filter_keeps_the_names_that_end_so(client, db):
    expected = db.execute("""SELECT count(*) FROM townships WHERE region_code = '990125'
                             AND (name LIKE '%镇' OR name LIKE '%乡')""").fetchone()[0]
    every = db.execute("SELECT count(*) FROM townships WHERE region_code = '990125'").fetchone()[0]
    assert 0 < expected < every
    body = client.get("/data/townships.json?region_code=990125&name__suffix=镇,乡").get_json()
    assert body["count"] == expected if "count" in body else len(body["rows"]) == expected
    rows = client.get("/data/townships.csv?region_code=990125&name__suffix=镇,乡").get_data(as_text=True).splitlines()
    assert len(rows) - 1 == expected and all(r.endswith(("镇,990125", "乡,990125")) for r in rows[1:])


def test_suffix_on_a_number_is_a_clear_error(client):
    response = client.get("/data/regions.json?population__suffix=0")
    assert response.status_code == 400 and "后缀筛选只适用于文本字段" in response.get_data(as_text=True)
