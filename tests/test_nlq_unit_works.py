"""A unit's building or works named right after the unit (「某医院住院楼投资多少」) is the project that holds the
unit's name, never the unit's own spending (a wrong figure with an official look); a unit asked about alone keeps
its spending. A weather word in a question about works (「因为下雨停工的工程」) looks for projects whose update
notes say it (keyword search over the notes), never a weather decline."""
import pytest


def _investment(db, name):
    (fen,) = db.execute("SELECT total_investment_fen FROM projects WHERE name = ? AND publication_id = "
                        "(SELECT max(id) FROM publications WHERE status = 'published') ORDER BY code DESC",
                        (name,)).fetchone()
    return round(fen / 100, 2)


@pytest.mark.parametrize("question, project", [
    ("枫林区妇幼保健院住院楼总投资是多少", "枫林区妇幼保健院住院综合楼建设项目"),
    ("星桥区职业中学运动场投资多少", "星桥区职业中学运动场及附属设施改造工程"),
    ("星桥区人民医院的新住院楼一共投资了多少", "星桥区人民医院住院综合楼建设项目"),
])
def test_a_units_building_is_its_project(ask_demo, db, question, project):
    result = ask_demo(question)
    assert result["answer"]["kind"] == "figure" and project in result["understood"], result["understood"]
    assert "单位" not in result["understood"]
    assert result["answer"]["value"] == _investment(db, project)


def test_the_unit_alone_keeps_its_spending(ask_demo):
    result = ask_demo("星桥区育才中学去年花了多少钱")
    assert result["answer"]["kind"] == "figure" and "二级单位" in result["understood"], result["understood"]


def test_rain_in_a_works_question_searches_the_update_notes(ask_demo):
    result = ask_demo("松岗县哪些工程因为下雨停工了")
    assert result["decline"]["reason"] == "record_search", result["understood"]
    query = result["search_fallback"]["query"]
    assert "降雨" in query and "松岗县" in query


def test_weather_alone_is_still_declined(ask_demo):
    result = ask_demo("明天松岗县下雨吗")
    assert result["decline"]["reason"] == "no_subject"
