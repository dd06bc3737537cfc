"""Averages (issue #18): a total over the number of things it adds up — projects, regions, months — both parts
stated (合计 ÷ 个数 = 平均) and linked to the records summed; an average over a set the data do not define is
declined, never answered with a total or a ranking's first row."""
import pytest
from conftest import declined_message

LATEST = "(select max(id) from publications where status='published')"


def _mean(total, count):
    return round(total / count / 100, 2)


def test_mean_investment_of_a_project_category(ask_demo, db, client):
    total, count = db.execute(f"select sum(total_investment_fen), count(*) from projects where publication_id={LATEST} "
                              "and category='农村公路'").fetchone()
    result = ask_demo("农村公路项目平均一个投资多少钱")
    answer = result["answer"]
    assert result["query"]["kind"] == "average", result["understood"]
    assert (answer["value"], answer["count"], answer["total"]) == (_mean(total, count), count, total / 100)
    assert f"÷ {count}个项目" in result["sentence"] and "合计" in result["sentence"]
    path, _, args = result["links"]["records"].partition("?")
    listed = client.get(f"{path}.json?{args}").get_json()
    assert listed["count"] == count and listed["sums"]["total_investment"] == total / 100


def test_mean_progress_of_delayed_projects(ask_demo, db):
    total, count = db.execute(f"select sum(progress_pct), count(*) from projects where publication_id={LATEST} "
                              "and status='滞后'").fetchone()
    answer = ask_demo("滞后项目平均形象进度多少")["answer"]
    assert answer["value"] == round(total / count, 2) and answer["unit"] == "%"


def test_mean_spending_per_district(ask_demo, db):
    codes = [c for (c,) in db.execute(f"select code from regions where publication_id={LATEST} and level=1 "
                                      "and name like '%区'")]
    (total,) = db.execute(f"select sum(amount_fen) from expenditures where publication_id={LATEST} and year=2024 "
                          f"and region_code in ({','.join('?' * len(codes))})", codes).fetchone()
    result = ask_demo("2024年平均每个区花了多少钱")
    assert (result["answer"]["value"], result["answer"]["count"]) == (_mean(total, len(codes)), len(codes))
    assert "region=" in result["links"]["records"] and "year=2024" in result["links"]["records"]


def test_mean_budget_per_county(ask_demo, db):
    codes = [c for (c,) in db.execute(f"select code from regions where publication_id={LATEST} and level=1 "
                                      "and name like '%县'")]
    (total,) = db.execute(f"select sum(budget_fen) from budgets where publication_id={LATEST} and year=2025 "
                          f"and region_code in ({','.join('?' * len(codes))})", codes).fetchone()
    result = ask_demo("2025年每个县平均预算多少")
    assert result["answer"]["value"] == _mean(total, len(codes)), result["understood"]


def test_mean_spending_per_month_of_a_past_year(ask_demo, db):
    (total,) = db.execute(f"select sum(amount_fen) from expenditures where publication_id={LATEST} and year=2023 "
                          "and class_code like '205%'").fetchone()
    result = ask_demo("2023年教育支出月均多少")
    assert (result["answer"]["value"], result["answer"]["count"]) == (_mean(total, 12), 12), result["understood"]


def test_mean_payments_per_month_of_this_year(ask_demo, db):
    (total,) = db.execute(f"select sum(amount_fen) from payments where publication_id={LATEST} and purpose='高龄津贴' "
                          "and date between '2026-01-01' and '2026-10-31'").fetchone()
    result = ask_demo("今年高龄津贴平均每个月发多少")
    assert (result["answer"]["value"], result["answer"]["count"]) == (_mean(total, 10), 10), result["understood"]


def test_mean_over_provinces(ask_yb):
    result = ask_yb("2022年平均每个省份卫生健康支出多少")
    assert result["query"]["kind"] == "average" and result["answer"]["count"] == 31, result["understood"]


@pytest.mark.parametrize("q", ["平均每所医院花了多少钱", "平均每个乡镇的支出是多少", "各部门平均每个人多少预算"])
def test_a_mean_over_a_set_the_data_do_not_define_is_declined(ask_demo, q):
    declined_message(ask_demo(q))


def test_a_mean_growth_stays_a_growth(ask_demo):
    assert ask_demo("鹭洲区2022到2025年支出年均增长多少")["query"]["kind"] != "average"
