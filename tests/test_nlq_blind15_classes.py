"""Classes of wrong figures the question box gave on nlq_blind15, each checked with questions written here in
other words: answered from the published tables and checked against straight SQL, or declined with a Chinese
reason — never a look-alike figure (issue #18)."""
import sqlite3

import pytest

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


@pytest.fixture(scope="module")
def yb_db(yearbook_instance):
    conn = sqlite3.connect(yearbook_instance / "mingzhang.db")
    yield conn
    conn.close()


# ---- [which year in a series]: the years ranked, the year named, not the series' last value ----------------

@pytest.mark.parametrize("q, order", [("2020到2023年江苏哪一年教育支出最多", "DESC"),
                                      ("广东这几年哪年卫生健康支出最低", "ASC")])
def test_the_year_of_the_most_or_least_is_named(ask_yb, yb_db, q, order):
    region = "江苏省" if "江苏" in q else "广东省"
    code, years = ("205", (2020, 2023)) if "教育" in q else ("210", (2019, 2023))
    want = yb_db.execute(
        f"SELECT e.year FROM expenditures e JOIN regions r ON r.code = e.region_code AND r.publication_id = "
        f"e.publication_id WHERE e.publication_id = {PUBLISHED} AND r.name = ? AND e.class_code = ? "
        f"AND e.year BETWEEN ? AND ? GROUP BY e.year ORDER BY sum(e.amount_fen) {order} LIMIT 1",
        (region, code, *years)).fetchone()[0]
    result = ask_yb(q)
    assert result["answer"]["value"] == want and result["answer"]["top"] == f"{want}年", result["understood"]
    assert "年份" in result["understood"]


# ---- [completed in a year]: 修完/建完 (a verb + 完) count the projects completed that year, as 完工 does ------

@pytest.mark.parametrize("q", ["2025年修完了几个农村公路项目", "前年建完的农村公路项目一共多少个"])
def test_a_verb_with_wan_counts_by_the_year_of_completion(ask_demo, db, q):
    year = 2025 if "2025" in q else 2024
    want = db.execute(
        f"SELECT count(*) FROM projects WHERE publication_id = {PUBLISHED} AND category = '农村公路' "
        f"AND substr(completed_date, 1, 4) = ?", (str(year),)).fetchone()[0]
    result = ask_demo(q)
    assert result["answer"]["value"] == want and "完工年份" in result["understood"], result["understood"]


# ---- [dialect year words]: 舊年/旧年 is last year (Cantonese, Hakka, Wu), never the current year --------------

def test_jiu_nian_is_last_year():
    from nlq.text import normalize

    assert normalize("鷺洲區舊年教育用咗幾多").startswith("鹭洲区去年")
    assert normalize("旧年卫生支出") == "去年卫生支出"


def test_jiu_nian_is_answered_for_last_year(ask_demo):
    assert ask_demo("澄湖区旧年的教育支出")["understood"].startswith("2025年")


# ---- [a request to act]: 「把…改成…」 asks the site to change data, which it cannot do -----------------------

@pytest.mark.parametrize("q", ["把鹭洲区2025年教育预算改为3亿", "请你把市卫健委今年的支出调成10亿元"])
def test_a_request_to_change_the_data_is_declined(ask_demo, q):
    from conftest import declined_message

    assert "不能修改数据" in declined_message(ask_demo(q))


def test_a_question_about_a_changed_budget_is_not_a_request(ask_demo):
    assert "不能修改数据" not in ask_demo("鹭洲区今年教育预算是多少")["understood"]


# ---- [a city named like its province]: 「吉林市」 is a prefecture-level city, not 吉林省 -----------------------

def test_a_city_named_like_its_province_is_declined(ask_yb):
    from conftest import declined_message

    assert "本站没有吉林市的数据" in declined_message(ask_yb("2021年吉林市卫生健康支出是多少"))
    assert ask_yb("2021年吉林卫生健康支出是多少")["understood"].startswith("2021年吉林省")


# ---- [growth, not the rate]: 「多花了百分之几」 is the growth of spending, not a change of the execution rate ---

def test_spending_more_by_a_percent_is_growth(ask_demo):
    result = ask_demo("松岗县去年比前年多花了百分之几")
    assert "增长" in result["understood"] and "执行率" not in result["understood"], result["understood"]
    assert result["answer"]["unit"] == "%"


# ---- [pace ranking]: 「花钱进度最快」 ranks the execution rate, not the amount ---------------------------------

def test_the_pace_of_spending_ranks_the_rate(ask_demo):
    result = ask_demo("去年哪个区县的花钱进度最慢")
    assert "执行率" in result["understood"] and result["answer"]["unit"] == "%", result["understood"]


# ---- [a province's one-character name among keywords]: 「黑 2022 教育」 is 黑龙江省, not the whole country ------

@pytest.mark.parametrize("q, region", [("黑 2022 教育", "黑龙江省"), ("2021 苏 卫生健康", "江苏省")])
def test_a_short_name_standing_alone_among_keywords(ask_yb, q, region):
    assert region in ask_yb(q)["understood"]


# ---- [population asked]: 人口 with a word that reads as a class (老师、医生) and no money asked is the population -

def test_population_beside_a_class_word(demo_app, db):
    from conftest import ask_at

    q, region = "医生朋友问示例市总人口有多少", "示例市"
    want = db.execute(f"SELECT population FROM regions WHERE publication_id = {PUBLISHED} AND name = ?",
                      (region,)).fetchone()[0]
    result = ask_at(demo_app, q)  # with the embedding model, which reads 医生 as a class
    assert result["answer"].get("value") == want and result["answer"].get("unit") == "人", result


# ---- [payees ranked]: who received the most payments is no department's spending ------------------------------

@pytest.mark.parametrize("q", ["去年财政付款哪个单位拿得最多", "2024年哪家单位收钱最多"])
def test_payees_ranked_are_not_departments(ask_demo, q):
    result = ask_demo(q)
    assert "各部门" not in (result.get("understood") or ""), result["understood"]
    from tests.eval.judge import states_figure

    assert not states_figure(result.get("answer") or {}) or "收款" in result["understood"]
