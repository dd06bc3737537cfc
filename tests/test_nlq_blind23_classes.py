"""nlq_blind23's wrong-figure classes, in our own wordings (issue #18): questions with no budget figure behind
them (a tax rate, a ticket, medical advice, an age group's share, where aid went, a crypto reserve, a level the
yearbook lacks, per capita with no population, a procedure nothing of the data was read in) are declined with a
Chinese reason; counts by a condition are never a rate or an amount; a class's shortened name is the class, and
「市政府」 alone the city's total. Figures are checked against straight SQL over the demo."""
import pytest
from conftest import declined_message

PUB = "(SELECT max(id) FROM publications WHERE status = 'published')"


@pytest.mark.parametrize("q, word", [
    ("契税的税率现在是几个点", "税率"),
    ("上个月在鹭洲区吃了张违章罚单，能查到罚款吗", "罚单"),
    ("市里有没有买比特币，储备了多少", "比特币"),
    ("孩子发烧了到哪家医院看最好", "医院"),
    ("全市65岁以上的人口占比是多少", "岁以上"),
    ("市里对口支援的钱都拨给了哪些地方", "哪些地方"),
    ("护照过期了咋个换新的", "不能回答"),
])
def test_questions_without_a_budget_figure_are_declined(ask_demo, q, word):
    assert word in declined_message(ask_demo(q)), q


@pytest.mark.parametrize("q", [
    "今年有几个区县的执行率已经超过了六成",
    "2022到2025年有几年全市的支出没达到预算",
])
def test_counts_by_a_condition_are_never_a_rate_or_an_amount(ask_demo, q):
    assert declined_message(ask_demo(q)), q


def test_a_vague_need_naming_a_village_still_finds_its_projects(ask_demo):
    result = ask_demo("桃花村那条路")
    assert result.get("decline") is None and result["search_fallback"]["results"], result["understood"]


def _one(db, statement):
    return db.execute(statement).fetchone()[0]


def test_the_shortened_culture_class_is_the_whole_class(ask_demo, db):
    spent = {year: _one(db, f"SELECT sum(amount_fen) FROM expenditures WHERE publication_id = {PUB} AND year = {year} "
                            "AND class_code LIKE '207%'") for year in (2023, 2024)}
    result = ask_demo("全市文旅体育传媒2024年比2023年增长了多少百分比")
    assert result["answer"]["value"] == pytest.approx((spent[2024] / spent[2023] - 1) * 100, abs=1e-3), result["understood"]


def test_the_shortened_emergency_class_is_the_whole_class(ask_demo, db):
    budget = _one(db, f"SELECT sum(budget_fen) FROM budgets WHERE publication_id = {PUB} AND year = 2025 "
                      "AND class_code LIKE '224%'") / 100
    result = ask_demo("2025年全市灾害防治应急管理的预算是多少")
    assert result["answer"]["value"] == pytest.approx(budget, abs=0.01), result["understood"]


def test_the_city_government_alone_is_the_city_total(ask_demo, db):
    total = _one(db, f"SELECT sum(amount_fen) FROM expenditures WHERE publication_id = {PUB} AND year = 2025") / 100
    result = ask_demo("2025年市政府总共花出去多少钱")
    assert result["answer"]["value"] == pytest.approx(total, abs=0.01), result["understood"]


def test_the_office_written_out_is_the_department(ask_demo):
    assert "市人民政府办公室" in ask_demo("市政府办公室2025年支出多少")["understood"]


def test_a_level_below_the_yearbook_is_declined(ask_yb):
    assert "县级" in declined_message(ask_yb("2022年湖北省县级支出一共多少"))


def test_per_capita_without_population_is_declined_not_an_empty_table(ask_yb):
    assert "人口" in declined_message(ask_yb("2022年各省人均卫生健康支出排名"))


@pytest.mark.parametrize("q, word", [
    ("去年9月全市的支出跟前年9月比是多了还是少了", "多了还是少了"),
    ("2025年预算比2024年加得最多的是哪个类别，增加了多少", "增加了多少"),
    ("明年计划竣工的项目有几个", "计划竣工"),
    ("哪个项目的投资尚未拨付的最多", "尚未拨付"),
    ("星桥区的项目都是什么状态，分别有几个", "分别有几个"),
])
def test_another_figure_never_answers_for_the_one_asked(ask_demo, q, word):
    assert word in declined_message(ask_demo(q)), q


def test_a_growth_rate_asked_keeps_its_answer(ask_demo):
    result = ask_demo("2026年预算比2025年增长最快的是哪一类")
    assert result["answer"]["kind"] == "table" and result["answer"]["unit"] == "%", result["understood"]


def test_districts_below_the_whole_written_with_bi(ask_demo, db):
    def rate(where):
        spent, = db.execute(f"SELECT sum(amount_fen) FROM expenditures WHERE publication_id = {PUB} AND year = 2025 "
                            f"AND {where}").fetchone()
        budget, = db.execute(f"SELECT sum(budget_fen) FROM budgets WHERE publication_id = {PUB} AND year = 2025 "
                             f"AND {where}").fetchone()
        return spent / budget
    whole = rate("1 = 1")
    codes = [c for (c,) in db.execute(f"SELECT code FROM regions WHERE publication_id = {PUB} AND level = 1")]
    below = {c for c in codes if rate(f"region_code = '{c}'") < whole}
    names = dict(db.execute(f"SELECT code, name FROM regions WHERE publication_id = {PUB}").fetchall())
    result = ask_demo("2025年哪几个区县的执行率比全市的整体水平还要低")
    assert {row[0] for row in result["answer"]["rows"]} == {names[c] for c in below}, result["understood"]
