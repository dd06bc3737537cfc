"""A population asked (人口、常住人口) is the regions table's population as published, or declined where the data
have none (the yearbook) — never a project's output counted in 人 or the spending: 「某区多少人口」 was answered
with a project category's output and 「某市人口」 with the total spending."""
import pytest
from conftest import ask_at, declined_message

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _population(db, level=None, name=None):
    sql = f"SELECT name, population FROM regions WHERE publication_id = {PUBLISHED}"
    if name:
        return db.execute(sql + " AND name = ?", (name,)).fetchone()[1]
    return db.execute(sql + " AND level = ?", (level,)).fetchall()


def _a_county(db):
    return sorted(_population(db, level=1))[-1][0]


def test_a_district_population_is_the_published_one(ask_demo, db):
    county = _a_county(db)
    result = ask_demo(f"{county}一共有多少人口")
    assert result["answer"]["kind"] == "figure", result["understood"]
    assert (result["answer"]["value"], result["answer"]["unit"]) == (_population(db, name=county), "人")


@pytest.mark.parametrize("question", ["全市人口有多少", "本市常住人口是多少？"])
def test_the_whole_city_population(ask_demo, db, question):
    (city, people), = _population(db, level=0)
    result = ask_demo(question)
    assert result["answer"]["value"] == people and result["answer"]["unit"] == "人", result["understood"]


def test_regions_ranked_by_population(ask_demo, db):
    largest = max(_population(db, level=1), key=lambda row: row[1])
    result = ask_demo("人口最多的是哪个区县")
    assert [result["answer"]["rows"][0][0], result["answer"]["rows"][0][1]] == list(largest), result["understood"]


def test_a_change_of_population_is_declined(ask_demo, db):
    assert declined_message(ask_demo(f"{_a_county(db)}人口比去年增加了多少"))


def test_the_yearbook_has_no_population(yearbook_app):
    assert "人口" in declined_message(ask_at(yearbook_app, "2022年四川省人口有多少"))


def test_people_a_project_serves_stay_the_project_output(ask_demo):
    result = ask_demo("农村供水项目一共受益人口多少")
    assert result["answer"]["kind"] != "decline" and "人口（本站发布" not in result["understood"]


def test_spending_per_person_is_still_per_capita(ask_demo):
    assert ask_demo("今年全市人均卫生健康支出")["answer"]["unit"] == "元/人"
