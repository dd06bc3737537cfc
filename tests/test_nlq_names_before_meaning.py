"""Words that name no spending class never become one (issue #18): a match by meaning (embeddings) is taken only
from a noun that is no part of a unit, project, category or document name, never as the catch-all 其他支出; a
unit named without its place is that unit; a township named stays in the reading (its projects, or a decline);
and a few shapes read wrongly before — a class named with its own part, a sum over a span of years said with
这几年, a count of times, projects without a contractor, the last place of a ranking, project categories ranked,
advice and judgements of firms. Questions in this file's own words; figures by straight SQL."""
import pytest
from conftest import ask_at, declined_message
from support.answers import PUBLISHED
from support.answers import spent as _spent


@pytest.fixture(scope="module")
def ask(demo_app):
    """The question box as the portal runs it: with the embedding match."""
    return lambda question: ask_at(demo_app, question)




def _rate(db, year, region):
    budget = db.execute(f"SELECT SUM(budget_fen) FROM budgets WHERE publication_id = {PUBLISHED} AND year = ? AND "
                        f"region_code = (SELECT code FROM regions WHERE publication_id = {PUBLISHED} AND name = ?)",
                        [year, region]).fetchone()[0] / 100
    return _spent(db, [year], region=region) / budget * 100


# ---- words that name no class ------------------------------------------------------------------------

def test_a_filler_word_is_no_class(ask, db):
    result = ask("澄湖区今年三月单月支出是好多嘛")
    assert "其他支出" not in result["understood"]
    assert result["answer"]["value"] == pytest.approx(_spent(db, [2026], (3, 3), region="澄湖区"), abs=0.01)


def test_a_verb_of_pace_is_no_class(ask, db):
    result = ask("枫林区跟澄湖区今年哪个执行得快，各自执行率是多少")
    assert "其他支出" not in result["understood"]
    rows = {row[0]: row[1] for row in result["answer"]["rows"]}
    assert rows["枫林区"] == pytest.approx(_rate(db, 2026, "枫林区"), abs=0.01)
    assert rows["澄湖区"] == pytest.approx(_rate(db, 2026, "澄湖区"), abs=0.01)


def test_a_word_of_a_document_title_is_no_class(ask):
    result = ask("澄湖区的预算执行情况报告")
    assert "教育" not in (result["understood"] or "")


def test_a_word_of_a_project_name_is_no_class(ask, db):
    word = "绿道"
    assert db.execute(f"SELECT count(*) FROM projects WHERE publication_id = {PUBLISHED} AND name LIKE ?",
                      [f"%{word}%"]).fetchone()[0]
    result = ask(f"梅溪县滨河{word}")
    assert "交通运输" not in (result["understood"] or "") and "节能环保" not in (result["understood"] or "")


def test_a_unit_named_without_its_place_is_that_unit(ask, db):
    expected = db.execute(f"SELECT SUM(budget_fen) FROM unit_budgets WHERE publication_id = {PUBLISHED} AND year = 2025 "
                          f"AND unit_code = (SELECT code FROM units WHERE publication_id = {PUBLISHED} "
                          "AND name = '示例市图书馆')").fetchone()[0] / 100
    result = ask("图书馆去年的预算有多少")
    assert "图书馆" in result["understood"]
    assert result["answer"]["value"] == pytest.approx(expected, abs=0.01)


def test_a_housing_word_alone_looks_for_the_housing_projects(ask):
    result = ask("鹭洲区廉租房")
    assert "保障性住房项目" in result["understood"]
    assert result["answer"]["kind"] == "table"


# ---- a township named stays in the reading -----------------------------------------------------------

def test_roads_of_a_township_are_its_road_projects(ask, db):
    result = ask("九曲镇修路")
    assert "九曲镇" in result["understood"] and "农村公路项目" in result["understood"]
    names = {row[0] for row in result["answer"]["rows"]}
    located = {name for (name,) in db.execute(f"SELECT name FROM projects WHERE publication_id = {PUBLISHED} "
                                              "AND location LIKE '%九曲镇' AND category = '农村公路'")}
    assert names and names <= located


def test_a_class_of_a_township_is_declined_never_the_citys(ask):
    assert "九曲镇" in declined_message(ask("九曲镇的交通运输支出是多少"))


# ---- other shapes ------------------------------------------------------------------------------------

def test_a_class_named_with_its_own_part_is_the_part(ask, db):
    result = ask("全市社保这块，行政事业单位养老支出，去年是多少")
    assert result["answer"]["kind"] == "figure"
    assert result["answer"]["value"] == pytest.approx(_spent(db, [2025], class_name="行政事业单位养老支出"), abs=0.01)


def test_a_span_of_years_added_up_is_one_sum(ask, db):
    result = ask("澄湖区这几年的教育支出总共多少，22年到24年加起来")
    assert result["answer"]["kind"] == "figure"
    assert result["answer"]["value"] == pytest.approx(_spent(db, [2022, 2024], region="澄湖区", class_name="教育支出"),
                                                      abs=0.01)


def test_a_count_of_times_is_never_a_percentage(ask, db):
    (name,) = db.execute(f"SELECT name FROM projects WHERE publication_id = {PUBLISHED} GROUP BY name "
                         "HAVING count(*) = 1 ORDER BY name LIMIT 1").fetchone()
    result = ask(f"{name}的进度一共报了多少次")
    assert result["answer"]["kind"] == "decline" or result["answer"]["unit"] in ("次", "笔")


def test_projects_without_a_contractor_are_not_the_contractors_ranked(ask, db):
    """Counted since nlq17b (tests/test_nlq_projects_by_contractor_kind.py): the count, never contractors ranked."""
    (none,) = db.execute(f"SELECT count(*) FROM projects WHERE publication_id = {PUBLISHED} AND contractor IS NULL").fetchone()
    result = ask("哪些项目还没定承建单位，有几个")
    assert result["answer"]["value"] == none and "承包商" not in result["understood"], result["understood"]


def test_the_last_place_of_a_ranking_is_one_place(ask, db):
    result = ask("今年卫生健康支出排名最后的是哪")
    districts = [name for (name,) in db.execute(f"SELECT name FROM regions WHERE publication_id = {PUBLISHED} "
                                                "AND parent_code IS NOT NULL")]
    spent = {name: _spent(db, [2026], (1, 10), region=name, class_name="卫生健康支出") for name in districts}
    assert [row[0] for row in result["answer"]["rows"]] == [min(spent, key=spent.get)]


def test_project_categories_ranked_by_investment(ask, db):
    result = ask("2025年哪个类别的项目总投资最高")
    (top,) = db.execute(f"SELECT category FROM projects WHERE publication_id = {PUBLISHED} AND year = 2025 "
                        "GROUP BY category ORDER BY SUM(total_investment_fen) DESC LIMIT 1").fetchone()
    assert [row[0] for row in result["answer"]["rows"]] == [top]


@pytest.mark.parametrize("question", ["银杏区哪所小学最值得推荐", "示例市哪个县最适合定居", "这些施工单位靠不靠谱",
                                      "哪家承建商干活最可能偷工减料"])
def test_advice_and_judgements_of_firms_are_declined(ask, question):
    declined_message(ask(question))
