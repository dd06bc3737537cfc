"""Classes of questions the question box got wrong on nlq_blind13 (issue #18), each checked with questions
written here in other words: answered from the one figure engine and checked against straight SQL, or declined
with a Chinese reason — never a look-alike figure."""
import sqlite3

import pytest
from conftest import declined_message

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _spent(db, region, year, class_name=None, months=(0, 12)):
    """A region's spending (on a 类 and its 款 when named) in a year's months, in 元."""
    join = "JOIN func_classes f ON e.class_code LIKE f.code || '%' AND f.publication_id = e.publication_id " \
        if class_name else ""
    where = "AND f.name = ?" if class_name else ""
    return db.execute(
        "SELECT sum(e.amount_fen) / 100.0 FROM expenditures e JOIN regions r ON r.code = e.region_code "
        f"AND r.publication_id = e.publication_id {join}WHERE e.publication_id = {PUBLISHED} AND r.name = ? "
        f"AND e.year = ? AND e.month BETWEEN ? AND ? {where}",
        (region, year, *months, *([class_name] if class_name else []))).fetchone()[0]


# ---- [asker's preamble]: the asker's story around a clear question ----------------------------------------

@pytest.mark.parametrize("q", ["我是退休教师，听邻居说区里钱不够用，想问问枫林区去年卫生健康支出是多少？",
                               "作业：去年枫林区卫生健康支出是多少",
                               "家里老人常去看病，想知道去年枫林区卫生健康支出多少",
                               "去年枫林区卫生健康支出是多少？孩子学医想了解一下",
                               "我是社区网格员，正在整理一份材料，领导让核对。请问去年枫林区卫生健康支出是多少"])
def test_the_askers_story_is_not_the_subject(ask_demo, db, q):
    result = ask_demo(q)
    assert result["answer"]["kind"] == "figure", result["understood"]
    assert result["answer"]["value"] == pytest.approx(_spent(db, "枫林区", 2025, "卫生健康支出"), abs=0.01)


def test_a_word_of_everyday_speech_is_no_typo_of_a_budget_word(ask_demo, db):
    """「老头子」 sounds like 老投资: a real word is not repaired into a project question."""
    result = ask_demo("我老头子不识字，想问问去年枫林区总共花了多少")
    assert result["answer"]["kind"] == "figure", result["understood"]
    assert result["answer"]["value"] == pytest.approx(_spent(db, "枫林区", 2025), abs=0.01)


def test_a_story_that_narrows_the_class_still_counts(ask_demo):
    assert declined_message(ask_demo("我关心高等教育，去年枫林区教育支出是多少"))


# ---- [period outside the data answered] and [anchored month] ---------------------------------------------

@pytest.mark.parametrize("q", ["后年全市卫生健康支出是多少", "明年鹭洲区打算花多少钱"])
def test_a_year_ahead_is_outside_the_data(ask_demo, q):
    assert "没有20" in declined_message(ask_demo(q))


def test_the_month_the_asker_names_anchors_last_month(ask_demo, db):
    result = ask_demo("现在已经11月中旬了，上个月鹭洲区支出多少")
    assert result["answer"]["value"] == pytest.approx(_spent(db, "鹭洲区", 2026, months=(10, 10)), abs=0.01)
    assert "尚未发布" in declined_message(ask_demo("现在11月了，本月鹭洲区支出多少"))


def test_two_months_back(ask_demo, db):
    result = ask_demo("上上个月枫林区支出多少")
    assert result["answer"]["value"] == pytest.approx(_spent(db, "枫林区", 2026, months=(8, 8)), abs=0.01)


# ---- [not in the data answered] ----------------------------------------------------------------------------

def test_arrears_are_not_in_the_data(ask_demo):
    assert "拖欠" in declined_message(ask_demo("市里欠施工单位的拖欠款有多少"))


# ---- [difference asked] -------------------------------------------------------------------------------------

def test_how_much_more_one_region_spent_than_another(ask_yb, yearbook_instance):
    yearbook = sqlite3.connect(yearbook_instance / "mingzhang.db")

    def spent(name):
        return yearbook.execute(
            "SELECT sum(e.amount_fen) / 100.0 FROM expenditures e JOIN regions r ON r.code = e.region_code "
            f"AND r.publication_id = e.publication_id WHERE e.publication_id = {PUBLISHED} AND r.name = ? "
            "AND e.year = 2021", (name,)).fetchone()[0]
    result = ask_yb("2021年山东比河南多花了多少")
    assert result["answer"]["kind"] == "figure", result["understood"]
    assert result["answer"]["value"] == pytest.approx(spent("山东省") - spent("河南省"), abs=1)


# ---- [count answered with money] ---------------------------------------------------------------------------

def test_the_number_of_all_payments_in_a_year(ask_demo, db):
    count = db.execute(f"SELECT count(*) FROM payments WHERE publication_id = {PUBLISHED} "
                       "AND substr(date, 1, 4) = '2025'").fetchone()[0]
    result = ask_demo("去年国库一共付了几笔")
    assert (result["answer"]["value"], result["answer"]["unit"]) == (count, "笔")


def test_projects_counted_with_the_word_project_count(ask_demo, db):
    count = db.execute(f"SELECT count(*) FROM projects WHERE publication_id = {PUBLISHED} "
                       "AND year = 2023").fetchone()[0]
    result = ask_demo("2023年立项项目数")
    assert (result["answer"]["value"], result["answer"]["unit"]) == (count, "个")


# ---- [filler words] and the words that say how the question asks ------------------------------------------

def test_filler_words_around_a_sum(ask_demo, db):
    result = ask_demo("鹭洲区和枫林区去年加起来花了多少")
    both = _spent(db, "鹭洲区", 2025) + _spent(db, "枫林区", 2025)
    assert result["answer"]["value"] == pytest.approx(both, abs=0.01)


def test_several_figures_asked_are_answered_and_their_word_is_no_unknown_word(ask_demo):
    result = ask_demo("市教育局前年预算和支出分别是多少")  # both figures now (nlq/kinds/measures.py)
    assert [row[0] for row in result["answer"]["rows"]] == ["预算", "支出"]
    assert not any("分别" in note for note in result["notes"])


# ---- [average annual growth] ---------------------------------------------------------------------------

def test_average_annual_growth_is_the_compound_rate(ask_demo, db):
    first, last = _spent(db, "鹭洲区", 2022), _spent(db, "鹭洲区", 2025)
    result = ask_demo("鹭洲区2022到2025年支出年平均增速是多少")
    assert result["answer"]["unit"] == "%", result["understood"]
    assert result["answer"]["value"] == pytest.approx(((last / first) ** (1 / 3) - 1) * 100, abs=0.01)


# ---- [share denominator] -------------------------------------------------------------------------------

def test_the_districts_counted_after_zhan_are_the_whole(ask_demo, db):
    part = _spent(db, "鹭洲区", 2025, "教育支出")
    districts = db.execute(f"SELECT name FROM regions WHERE publication_id = {PUBLISHED} AND level = 1").fetchall()
    whole = sum(_spent(db, name, 2025, "教育支出") or 0 for (name,) in districts)
    result = ask_demo(f"去年鹭洲区教育支出占全市{len(districts)}个区县教育支出的比例")
    assert result["answer"]["value"] == pytest.approx(part / whole * 100, abs=0.01), result["understood"]


# ---- [entities counted] ---------------------------------------------------------------------------------

def test_a_departments_units_counted(ask_demo, db):
    dept, count = db.execute(
        f"SELECT d.name, count(*) FROM units u JOIN departments d ON d.code = u.dept_code "
        f"AND d.publication_id = u.publication_id WHERE u.publication_id = {PUBLISHED} "
        "AND d.name LIKE '市%' GROUP BY d.name ORDER BY count(*) DESC, d.name LIMIT 1").fetchone()
    result = ask_demo(f"{dept}下面一共有多少个二级单位")
    assert (result["answer"]["value"], result["answer"]["unit"]) == (count, "个"), result["understood"]


def test_the_budget_departments_counted(ask_demo, db):
    count = db.execute(f"SELECT count(*) FROM departments WHERE publication_id = {PUBLISHED}").fetchone()[0]
    result = ask_demo("全市总共有几个预算部门")
    assert (result["answer"]["value"], result["answer"]["unit"]) == (count, "个"), result["understood"]


# ---- [second-level unit]: the same office of every district --------------------------------------------

def test_the_office_of_every_district_ranked(ask_demo, db):
    top = db.execute(
        "SELECT d.name, sum(e.amount_fen) / 100.0 AS spent FROM expenditures e JOIN departments d ON d.code = e.dept_code "
        f"AND d.publication_id = e.publication_id WHERE e.publication_id = {PUBLISHED} AND e.year = 2025 "
        "AND d.name LIKE '%区卫生健康局' GROUP BY d.name ORDER BY spent DESC LIMIT 1").fetchone()
    result = ask_demo("去年哪个区的卫生健康局花钱最多")
    assert result["answer"]["rows"][0][:2] == [top[0], pytest.approx(top[1], abs=0.01)], result["understood"]


# ---- [project named loosely] ----------------------------------------------------------------------------

def test_a_paraphrase_before_the_full_name_in_brackets(ask_demo, db):
    name, progress = db.execute(f"SELECT name, progress_pct FROM projects WHERE publication_id = {PUBLISHED} "
                                "GROUP BY name HAVING count(*) = 1 ORDER BY total_investment_fen DESC LIMIT 1").fetchone()
    result = ask_demo(f"咱们那边新弄的那个（{name}）进度到多少了")
    assert result["answer"]["value"] == progress, result["understood"]


# ---- [project plans and quarters] -------------------------------------------------------------------------

def test_projects_behind_at_a_quarter_end_are_counted_from_the_quarters(ask_demo, db):
    (count,) = db.execute(f"SELECT count(*) FROM project_quarters WHERE publication_id = {PUBLISHED} AND year = 2026 "
                          "AND quarter = 2 AND actual_pct < planned_pct").fetchone()
    assert ask_demo("今年二季度末进度滞后的项目一共几个")["answer"]["value"] == count  # nlq/kinds/plans.py


@pytest.mark.parametrize("q", ["{name}去年三季度末的进度是多少"])
def test_progress_at_a_quarter_end_is_not_the_latest_progress(ask_demo, db, q):
    name = db.execute(f"SELECT name FROM projects WHERE publication_id = {PUBLISHED} "
                      "GROUP BY name HAVING count(*) = 1 ORDER BY name LIMIT 1").fetchone()[0]
    assert "最新" in declined_message(ask_demo(q.format(name=name)))


# ---- [second-level unit]: the units ranked --------------------------------------------------------------

def test_second_level_units_ranked_by_budget(ask_demo, db):
    top = db.execute(
        "SELECT u.name, sum(b.budget_fen) / 100.0 AS budget FROM unit_budgets b JOIN units u ON u.code = b.unit_code "
        f"AND u.publication_id = b.publication_id WHERE b.publication_id = {PUBLISHED} AND b.year = 2025 "
        "AND u.kind = '医院' GROUP BY u.name ORDER BY budget DESC LIMIT 2").fetchall()
    result = ask_demo("去年二级预算单位里年初预算最高的两家医院")
    assert [row[:2] for row in result["answer"]["rows"]] == [[name, pytest.approx(v, abs=0.01)] for name, v in top], \
        result["understood"]


def test_a_unit_named_by_the_township_said_before(ask_demo, db):
    code, name = db.execute(f"SELECT code, name FROM units WHERE publication_id = {PUBLISHED} AND name LIKE '%镇卫生院' "
                            "ORDER BY code LIMIT 1").fetchone()
    spent = db.execute(f"SELECT sum(amount_fen) / 100.0 FROM unit_expenditures WHERE publication_id = {PUBLISHED} "
                       "AND year = 2025 AND unit_code = ?", (code,)).fetchone()[0]
    town = name.removesuffix("卫生院")
    result = ask_demo(f"我老家是{town}的，镇里的卫生院去年支出多少")
    assert result["answer"]["value"] == pytest.approx(spent, abs=0.01), result["understood"]


def test_units_of_a_kind_counted(ask_demo, db):
    count = db.execute(f"SELECT count(*) FROM units WHERE publication_id = {PUBLISHED} AND kind = '医院'").fetchone()[0]
    result = ask_demo("二级预算单位里一共有几家医院")
    assert (result["answer"]["value"], result["answer"]["unit"]) == (count, "个"), result["understood"]
