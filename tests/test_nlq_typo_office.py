"""A district typed with a typo and followed by its bureau's short name (「鹭州区教育局」) is that district's
bureau: the bureau was read as the city's before the typo was repaired, and the question was declined as
「合计为 0」 (tasks_blind3's t09, a regression seen this session)."""
import pytest


def _district_bureau(db):
    """A district, a character-swapped spelling of it that names no region, and its bureau's name."""
    rows = db.execute("SELECT d.name, r.name FROM departments d JOIN regions r ON r.code = d.region_code "
                      "AND r.publication_id = d.publication_id WHERE r.level = 1 AND d.name = r.name || '教育局' "
                      "ORDER BY r.code").fetchall()
    assert rows
    return rows[0]


@pytest.mark.parametrize("typo", ["鹭州区"])
def test_a_typo_district_keeps_its_own_bureau(ask_demo, db, typo):
    bureau, district = _district_bureau(db)
    assert district != typo and typo[0] == district[0]
    right, typed = ask_demo(f"{district}教育局今年预算多少"), ask_demo(f"{typo}教育局今年预算多少")
    assert right["answer"]["kind"] == "figure", right["understood"]
    assert typed["answer"]["kind"] == "figure", typed["understood"]
    assert typed["answer"]["value"] == right["answer"]["value"]
    assert bureau in typed["understood"]
