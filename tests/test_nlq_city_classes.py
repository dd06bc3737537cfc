"""Classes of city questions the question box got wrong on a blind set (issue #18), each checked with
questions written here in other words: answered from the one figure engine and checked against straight
SQL, or declined with a Chinese reason and keyword-search results — never a look-alike figure."""
import pytest

from tests.eval.judge import declined, states_figure


def _declined(result, reason):
    assert result["answer"]["kind"] == "decline", (result["question"], result["understood"])
    assert result["decline"]["reason"] == reason, result["decline"]
    assert result["decline"]["message"] and not states_figure(result["answer"]) and declined(200, result)
    assert result["search_fallback"] is not None and result["query"] is None
    return result["decline"]["message"]


# ---- must-decline questions that were answered ------------------------------------------------------

@pytest.mark.parametrize("q", ["去年国防以外的外交方面花了多少钱", "2024年援助其他地区支出多少", "今年还利息花了多少"])
def test_a_class_the_publication_lacks_is_declined_not_read_as_a_look_alike(ask_demo, db, q):
    """外交、援助其他地区、债务付息 are classes of the classification the demo city does not publish: a look-alike
    class (交通运输) or the whole city must not answer for them."""
    published = {name for (name,) in db.execute("SELECT name FROM func_classes")}
    message = _declined(ask_demo(q), "no_class")
    assert "没有" in message and not any(name in message for name in published)


def test_a_class_the_publication_has_still_answers(ask_demo):
    assert ask_demo("去年国防支出多少")["answer"]["kind"] == "figure"


@pytest.mark.parametrize("q", ["梅溪县财政局去年花了多少钱", "竹源县审计局今年的预算"])
def test_a_department_only_other_regions_have_is_declined(ask_demo, db, q):
    """「某县财政局」 where the county has no such department: not the city's department of that name."""
    region = q[:3]
    own = db.execute("SELECT count(*) FROM departments d JOIN regions r ON r.code = d.region_code "
                     "AND r.publication_id = d.publication_id WHERE r.name = ? AND d.name LIKE ?",
                     (region, f"%{q[3:6]}%")).fetchone()[0]
    assert own == 0  # the county has none of that name (the premise of the test)
    assert region in _declined(ask_demo(q), "unknown_dept")


def test_a_department_the_region_has_still_answers(ask_demo, db):
    name = db.execute("SELECT d.name FROM departments d JOIN regions r ON r.code = d.region_code "
                      "AND r.publication_id = d.publication_id WHERE r.level = 1 AND d.name LIKE '%教育局' "
                      "LIMIT 1").fetchone()[0]
    result = ask_demo(f"{name}2025年支出多少")
    assert result["answer"]["kind"] == "figure" and result["query"]["depts"], result["understood"]


@pytest.mark.parametrize("q", ["领低保的人都有谁", "哪些人领了困难补助", "今年受助对象名单能公布吗"])
def test_names_of_people_are_declined(ask_demo, q):
    assert "个人信息" in _declined(ask_demo(q), "privacy")


@pytest.mark.parametrize("q", ["流感疫苗去哪里打", "老年证在哪办", "医保卡在哪儿可以领"])
def test_where_to_get_something_done_is_declined(ask_demo, q):
    _declined(ask_demo(q), "procedure")


def test_spending_asked_with_where_still_answers(ask_demo):
    assert ask_demo("今年教育支出都花在哪了")["answer"]["kind"] != "decline"


def test_an_inquiry_count_of_one_department_or_year_is_declined(ask_demo):
    """The inquiry statistics are over every inquiry (or by department, all time): a question about one
    department's inquiries in a year is not answered with the whole list's answer time."""
    assert "质询" in _declined(ask_demo("去年代表给市民政局提了多少件质询"), "no_data")
    assert ask_demo("质询平均多少天答复")["query"]["kind"] == "inquiry"


# ---- per person -----------------------------------------------------------------------------------

def _population(db, name):
    return db.execute("SELECT population FROM regions WHERE name = ?", (name,)).fetchone()[0]


def _fen(db, table, column, where, args):
    return db.execute(f"SELECT SUM({column}) FROM {table} WHERE {where}", args).fetchone()[0]


def test_budget_per_person_divides_budgets_not_spending(ask_demo, db):
    """「人均预算」 is the annual budget over the population; its records are the budget lines."""
    result = ask_demo("2024年鹭洲区按人口平均的预算是多少")
    code = db.execute("SELECT code FROM regions WHERE name = '鹭洲区'").fetchone()[0]
    fen = _fen(db, "budgets", "budget_fen", "year = 2024 AND region_code = ?", (code,))
    assert result["answer"]["value"] == round(fen / _population(db, "鹭洲区") / 100, 2)
    assert result["answer"]["unit"] == "元/人" and "人均预算" in result["understood"]
    assert result["links"]["records"].startswith("/records/budgets")


@pytest.mark.parametrize("q", ["桂岭县去年每位居民摊到多少教育支出", "去年桂岭县教育支出落到每个人头上是多少，每个人多少"])
def test_every_person_words_ask_per_person(ask_demo, db, q):
    code = db.execute("SELECT code FROM regions WHERE name = '桂岭县'").fetchone()[0]
    fen = _fen(db, "expenditures", "amount_fen", "year = 2025 AND region_code = ? AND class_code LIKE '205%'", (code,))
    result = ask_demo(q)
    assert result["answer"]["value"] == round(fen / _population(db, "桂岭县") / 100, 2), result["understood"]
    assert result["links"]["records"].startswith("/records/expenditures")


# ---- every region of a level, asked as one ---------------------------------------------------------

def _level(db, suffix):
    """Codes of the districts whose names end in ``suffix`` (区, 县; "" = every district)."""
    return [c for (c,) in db.execute("SELECT code FROM regions WHERE level = 1 AND name LIKE ? ORDER BY code",
                                     (f"%{suffix}",))]


def _in(codes):
    return f"region_code IN ({','.join('?' * len(codes))})"


def test_the_number_of_all_districts_is_their_sum_in_a_growth(ask_demo, db):
    codes = _level(db, "区")
    this, before = (_fen(db, "expenditures", "amount_fen", f"year = ? AND {_in(codes)}", (y, *codes))
                    for y in (2024, 2023))
    result = ask_demo(f"{len(codes)}个区2024年的支出比2023年增长了多少")
    assert result["answer"]["kind"] == "figure" and result["query"]["regions"] == codes, result["understood"]
    assert result["answer"]["value"] == round((this / before - 1) * 100, 4)


def test_the_number_of_all_counties_is_their_sum_in_a_share(ask_demo, db):
    codes = _level(db, "县")
    part = _fen(db, "expenditures", "amount_fen", f"year = 2024 AND {_in(codes)}", codes)
    whole = _fen(db, "expenditures", "amount_fen", "year = 2024", ())
    result = ask_demo(f"2024年这{len(codes)}个县的支出在全市总支出中占多大比例")
    assert result["answer"]["kind"] == "figure", result["understood"]
    assert result["answer"]["value"] == round(part / whole * 100, 4)


def test_the_number_of_all_districts_is_their_sum_in_a_total_and_a_rate(ask_demo, db):
    counties, every = _level(db, "县"), _level(db, "")
    budget = _fen(db, "budgets", "budget_fen", f"year = 2026 AND {_in(counties)}", counties)
    assert ask_demo(f"{len(counties)}个县今年预算加起来有多少")["answer"]["value"] == budget / 100
    spent = _fen(db, "expenditures", "amount_fen", f"year = 2026 AND month BETWEEN 1 AND 10 AND {_in(every)}", every)
    whole = _fen(db, "budgets", "budget_fen", f"year = 2026 AND {_in(every)}", every)
    assert ask_demo(f"{len(every)}个区县今年执行率")["answer"]["value"] == round(spent / whole * 100, 4)


def test_a_ranked_number_of_districts_still_ranks(ask_demo):
    result = ask_demo("支出最多的3个县")
    assert result["query"]["group"] == "region" and len(result["answer"]["rows"]) == 3
    assert ask_demo("支出最多的5个县")["answer"]["kind"] == "table"


# ---- 款 ranked, asked with a number ------------------------------------------------------------------

def test_which_n_kuan_ranks_the_kuan(ask_demo, db):
    code = db.execute("SELECT code FROM regions WHERE name = '鹭洲区'").fetchone()[0]
    top = db.execute("SELECT f.name FROM expenditures e JOIN func_classes f ON f.publication_id = e.publication_id "
                     "AND f.code = substr(e.class_code, 1, 5) WHERE e.year = 2025 AND e.region_code = ? "
                     "GROUP BY f.code ORDER BY SUM(e.amount_fen) DESC LIMIT 2", (code,)).fetchall()
    result = ask_demo("去年鹭洲区哪两个款花钱最多")
    assert result["query"]["group"] == "kuan", result["understood"]
    assert [r[0].removesuffix("支出") for r in result["answer"]["rows"]] == [n.removesuffix("支出") for (n,) in top]


# ---- a figure quoted to be checked; colloquial words for the whole budget ----------------------------

def test_a_figure_quoted_from_a_press_release_is_checked_against_the_records(ask_demo, db):
    code = db.execute("SELECT code FROM regions WHERE name = '鹭洲区'").fetchone()[0]
    fen = _fen(db, "expenditures", "amount_fen", "year = 2024 AND region_code = ? AND class_code LIKE '205%'", (code,))
    result = ask_demo("有篇新闻稿写鹭洲区2024年教育支出8亿元，请核实准确数是多少")
    assert result["answer"]["value"] == fen / 100, result["understood"]


def test_the_whole_budget_in_colloquial_words(ask_demo, db):
    code = db.execute("SELECT code FROM regions WHERE name = '鹭洲区'").fetchone()[0]
    fen = _fen(db, "budgets", "budget_fen", "year = 2026 AND region_code = ?", (code,))
    result = ask_demo("今年鹭洲区预算的盘子有多大")
    assert result["answer"]["value"] == fen / 100 and result["query"]["classes"] == [], result["understood"]


# ---- a threshold at the whole's own rate -------------------------------------------------------------

def _rates(db, where, args, group="region_code"):
    spent = dict(db.execute(f"SELECT {group}, SUM(amount_fen) FROM expenditures WHERE {where} GROUP BY {group}", args))
    budget = dict(db.execute(f"SELECT {group}, SUM(budget_fen) FROM budgets WHERE {where} GROUP BY {group}", args))
    return {k: spent.get(k, 0) / budget[k] for k in budget if budget[k]}


def test_districts_below_the_whole_citys_rate(ask_demo, db):
    """「低于全市平均水平」: the city's own rate (every row, 市本级 too) is the bound, each district's rate is
    compared with it."""
    whole = _fen(db, "expenditures", "amount_fen", "year = 2025 AND class_code LIKE '205%'", ()) \
        / _fen(db, "budgets", "budget_fen", "year = 2025 AND class_code LIKE '205%'", ())
    districts = {c for (c,) in db.execute("SELECT code FROM regions WHERE level = 1")}
    rates = {k: v for k, v in _rates(db, "year = 2025 AND class_code LIKE '205%'", ()).items() if k in districts}
    below = {k for k, v in rates.items() if v < whole}
    assert 0 < len(below) < len(rates)  # the premise: the bound splits the districts
    result = ask_demo("2025年教育支出执行率在全市平均水平以下的区县有哪些")
    assert set(result["answer"]["keys"]) == below, result["understood"]
    counted = ask_demo("去年教育支出执行率低于全市平均值的区县有几个")["answer"]
    assert counted["value"] == len(below)
