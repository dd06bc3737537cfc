"""/warnings lists its flags a page at a time (a province has 2,000, each with its links): every flag of the
JSON twin appears on exactly one page, grouped by kind as before, and the headings count the whole list."""
import re


def _ids(html):
    return re.findall(r'data-flag-id="([^"]+)"', html[html.index('id="list-title"'):html.index('id="rules-title"')])


def test_pages_cover_every_flag_once_in_kind_order(client):
    flags = client.get("/warnings.json").get_json()["flags"]
    assert len(flags) > 12  # several pages of 5
    kinds = list(dict.fromkeys(f["kind"] for f in flags))
    expected = [f["id"] for kind in kinds for f in flags if f["kind"] == kind]
    seen, page = [], 1
    while True:
        html = client.get(f"/warnings?per_page=5&page={page}").get_data(as_text=True)
        ids = _ids(html)
        assert len(ids) <= 5
        seen += ids
        if 'rel="next"' not in html:
            break
        page += 1
    assert seen == expected
    first = client.get("/warnings?per_page=5").get_data(as_text=True)
    assert f"（{len(flags)} 条，本页第 1–5 条）" in first


def test_a_kind_heading_counts_the_whole_list(client):
    flags = client.get("/warnings.json").get_json()["flags"]
    kind = flags[0]["kind"]
    total = sum(f["kind"] == kind for f in flags)
    html = client.get("/warnings?per_page=1").get_data(as_text=True)
    assert re.search(rf'id="kind-{kind}">[^<]+<small>（{total} 条(，本页 1 条)? · ', html)


def test_the_csv_still_has_every_flag(client):
    flags = client.get("/warnings.json").get_json()["flags"]
    lines = client.get("/warnings.csv").get_data(as_text=True).strip().splitlines()
    assert len(lines) == len(flags) + 1
