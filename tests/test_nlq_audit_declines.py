"""Two classes an outside audit found answered with figures the data cannot support (issue #18): a region
named with one of its few distinctive characters wrong (not a homophone) is another place, not a typo; and
growth against the year before the data starts has no base."""

import pytest


def _region_names(db):
    return [r[0] for r in db.execute("SELECT name FROM regions WHERE level = 1")]


def _first_year(db):
    return db.execute("SELECT min(year) FROM expenditures").fetchone()[0]


def _another_place(name, names):
    """``name`` with its first character replaced by one that makes no region's name or sound."""
    from pypinyin import lazy_pinyin

    sounds = {"".join(lazy_pinyin(n)) for n in names}
    for ch in "东西南北金白青红":
        other = ch + name[1:]
        if other not in names and "".join(lazy_pinyin(other)) not in sounds:
            return other
    raise AssertionError("no replacement character")


def test_three_character_region_with_a_wrong_character_is_declined(ask_demo, db):
    names = [n for n in _region_names(db) if len(n) == 3]
    typed = _another_place(names[0], names)
    result = ask_demo(f"{typed}去年教育支出")
    assert result["answer"]["kind"] == "decline", result["understood"]
    assert result["decline"]["reason"] == "unknown_region"
    assert typed in result["decline"]["message"]


def test_homophone_of_a_region_is_still_repaired(ask_demo, db):
    from pypinyin import lazy_pinyin

    name = next(n for n in _region_names(db) if len(n) == 3)
    homophones = {"桥": "乔", "洲": "州", "林": "琳", "湖": "胡", "岗": "冈", "源": "园", "杏": "幸", "溪": "希"}
    ch = next(c for c in name[:2] if c in homophones)
    typed = name.replace(ch, homophones[ch], 1)
    assert lazy_pinyin(typed) == lazy_pinyin(name)
    result = ask_demo(f"{typed}去年教育支出")
    assert result["answer"]["kind"] == "figure", result["understood"]
    assert name in result["understood"]


def test_growth_of_the_first_year_says_the_year_before_is_missing(ask_demo, db):
    first = _first_year(db)
    result = ask_demo(f"{first}年全市支出同比增长多少")
    assert result["answer"]["kind"] == "decline", result["understood"]
    assert result["decline"]["reason"] == "out_of_range"
    assert f"没有{first - 1}年的数据" in result["decline"]["message"]


@pytest.mark.parametrize("offset", [1, 2])
def test_growth_of_later_years_is_still_answered(ask_demo, db, offset):
    year = _first_year(db) + offset
    result = ask_demo(f"{year}年全市支出同比增长多少")
    assert result["answer"]["kind"] == "figure", result["understood"]
