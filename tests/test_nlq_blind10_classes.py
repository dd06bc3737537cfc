"""Classes of questions the question box got wrong on nlq_blind10's first run (issue #18), each checked with
questions written here in other words: answered from the one figure engine and checked against straight
SQL, or declined with a Chinese reason — never a look-alike figure."""
import pytest
from conftest import declined_message


@pytest.fixture(scope="module")
def yb_sql(yearbook_sql):
    return yearbook_sql


def _yb_class_fen(yb_sql, year, class_name, region_name=None):
    statement = ("SELECT SUM(e.amount_fen) FROM expenditures e JOIN func_classes c ON c.code = e.class_code "
                 "AND c.publication_id = e.publication_id JOIN regions r ON r.code = e.region_code "
                 "AND r.publication_id = e.publication_id WHERE e.publication_id = :pub AND e.year = :year "
                 "AND c.name = :cls" + (" AND r.name = :region" if region_name else ""))
    return yb_sql(statement, year=year, cls=class_name, region=region_name)[0][0]


# ---- a share's part that names only a place takes the whole's class ----------------------------------

@pytest.mark.parametrize("q", ["2022年全国教育支出里面，江苏省所占的比例", "2022年江苏省占全国教育支出的比重是多少"])
def test_a_place_as_the_part_of_a_class_whole_is_that_class_of_the_place(ask_yb, yb_sql, q):
    """The part is 江苏省's 教育支出 (not all its spending, which set against one class passes 100%)."""
    result = ask_yb(q)
    part = _yb_class_fen(yb_sql, 2022, "教育支出", "江苏省")
    whole = _yb_class_fen(yb_sql, 2022, "教育支出")
    assert result["answer"]["value"] == pytest.approx(100 * part / whole, abs=0.01), result["understood"]
    assert result["understood"].count("教育支出") == 2


def test_a_part_with_its_own_class_keeps_it(ask_yb, yb_sql):
    result = ask_yb("2022年江苏省教育支出占总支出的比重")
    assert "江苏省教育支出" in result["understood"], result["understood"]


# ---- English budget words are read, and a Latin word not known is not dropped ----------------------

def test_english_budget_words_are_read_as_the_chinese_words(ask_demo, db):
    """「Q2」「health」「expenditure」 name a quarter, a class and the measure (checked against straight SQL)."""
    result = ask_demo("枫林区2025年Q2的health expenditure")
    fen = db.execute("SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
                     "AND r.publication_id = e.publication_id WHERE r.name = '枫林区' AND e.class_code LIKE "
                     "(SELECT code FROM func_classes WHERE name = '卫生健康支出' AND publication_id = e.publication_id)"
                     " || '%' AND e.year = 2025 AND e.month BETWEEN 4 AND 6 AND e.publication_id = "
                     "(SELECT max(id) FROM publications WHERE status = 'published')").fetchone()[0]
    assert result["answer"]["value"] == pytest.approx(fen / 100, abs=0.01), result["understood"]


def test_yoy_asks_a_growth(ask_yb, yb_sql):
    result = ask_yb("2021年浙江省教育支出 Year-on-Year")
    now, before = (_yb_class_fen(yb_sql, year, "教育支出", "浙江省") for year in (2021, 2020))
    assert result["query"]["measure"] == "growth"
    assert result["answer"]["value"] == pytest.approx(100 * (now - before) / before, abs=0.01)


@pytest.mark.parametrize("q", ["2024年星桥区教育支出的deficit是多少", "今年全市surplus多少"])
def test_a_latin_word_not_understood_is_declined(ask_demo, q):
    assert declined_message(ask_demo(q))


def test_codes_with_latin_letters_are_no_foreign_words(ask_demo):
    from nlq.unmatched import foreign_words

    assert foreign_words("ZF2050 1E849ED0 vs top") == [] and foreign_words("GDP 是多少") == ["GDP"]


# ---- a clause about the asker is background, not the subject -------------------------------------------

def _region_class_fen(db, region, class_name, year):
    return db.execute("SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
                      "AND r.publication_id = e.publication_id WHERE r.name = ? AND e.year = ? AND e.class_code LIKE "
                      "(SELECT code FROM func_classes WHERE name = ? AND publication_id = e.publication_id) || '%' "
                      "AND e.publication_id = (SELECT max(id) FROM publications WHERE status = 'published')",
                      (region, year, class_name)).fetchone()[0]


@pytest.mark.parametrize("q", ["我在写一篇论文，2024年梅溪县卫生健康支出是多少", "我妈妈让我问问：2024年梅溪县卫生健康支出多少"])
def test_a_clause_about_the_asker_does_not_block_the_question(ask_demo, db, q):
    result = ask_demo(q)
    assert result["answer"]["value"] == pytest.approx(_region_class_fen(db, "梅溪县", "卫生健康支出", 2024) / 100,
                                                      abs=0.01), result["understood"]


@pytest.mark.parametrize("q", ["我想打听第一人民医院，去年花了多少", "我想问问滨江小学，去年花了多少"])
def test_a_clause_naming_a_facility_is_not_background(ask_demo, q):
    """The hospital or the school is the subject: never answered with the city's 卫生健康 or 教育 spending."""
    declined_message(ask_demo(q))


# ---- periods: complete years, and a range that ends (or starts) with a relative year --------------------

AS_OF = __import__("datetime").date(2026, 10, 31)


@pytest.mark.parametrize("words, years", [
    ("最近两年（不含今年）", (2024, 2025)), ("近4个完整年度", (2022, 2025)), ("过去5个整年", (2021, 2025)),
    ("近三年", (2024, 2026)),  # without such a word the current year stays in (the data's last month is shown)
    ("2022年到去年", (2022, 2025)), ("大前年至去年", (2023, 2025)), ("前年到今年", (2024, 2026)),
])
def test_complete_years_and_relative_ranges(words, years):
    from nlq.text import normalize
    from nlq.timeparse import parse_period

    period, _spans = parse_period(normalize(words), AS_OF)
    assert (period.year_from, period.year_to) == years


def test_a_range_to_last_year_is_every_year_of_it(ask_demo, db):
    result = ask_demo("梅溪县卫生健康支出22年到去年每年多少")
    got = {row[0]: row[1] for row in result["answer"]["rows"]}
    assert list(got) == ["2022年", "2023年", "2024年", "2025年"], result["understood"]
    assert got["2023年"] == pytest.approx(_region_class_fen(db, "梅溪县", "卫生健康支出", 2023) / 100, abs=0.01)


# ---- must-decline questions that were answered with a look-alike figure ----------------------------------

@pytest.mark.parametrize("q", ["为何枫林区去年教育支出下降了", "什么原因导致全市执行率偏低"])
def test_a_why_question_is_declined(ask_demo, q):
    assert "原因" in declined_message(ask_demo(q))


@pytest.mark.parametrize("q", ["各社区去年的城乡社区支出是多少", "澄湖区每个社区的卫生健康支出"])
def test_a_level_the_city_lacks_is_declined(ask_demo, q):
    assert "社区一级" in declined_message(ask_demo(q))


def test_prefecture_cities_are_a_level_the_yearbook_lacks(ask_yb):
    message = declined_message(ask_yb("2022年湖南省各地级市的教育支出"))
    assert "地级市" in message and "这一级" in message


@pytest.mark.parametrize("q", ["今年养老保险缴费比例多少", "各县低保补助标准是多少"])
def test_a_policy_parameter_is_no_budget_figure(ask_demo, q):
    declined_message(ask_demo(q))


def test_a_word_that_narrows_a_class_the_yearbook_lacks_is_not_dropped(ask_yb):
    """「职业教育」: the yearbook publishes 类 only; 教育支出 is not the answer."""
    assert "职业" in declined_message(ask_yb("2022年江苏省职业教育支出多少"))


@pytest.mark.parametrize("q", ["松岗县第一小学去年花了多少", "市第五人民医院今年预算"])
def test_a_numbered_school_or_hospital_is_not_its_class(ask_demo, q):
    declined_message(ask_demo(q))


# ---- a payment purpose with 发了/发放, or typed with a character of the same sound ----------------------

def _purpose(db, purpose, year, count=False):
    what = "count(*)" if count else "SUM(amount_fen) / 100.0"
    return db.execute(f"SELECT {what} FROM payments WHERE purpose = ? AND date BETWEEN ? AND ? AND publication_id = "
                      "(SELECT max(id) FROM publications WHERE status = 'published')",
                      (purpose, f"{year}-01-01", f"{year}-12-31")).fetchone()[0]


@pytest.mark.parametrize("q, purpose, year", [
    ("2024年一次性创业补贴总共发了多少", "一次性创业补贴", 2024),
    ("去年农机购置补帖发了多少钱", "农机购置补贴", 2025),  # 帖 for 贴: the same sound
    ("2024年支付明细中用途为「最低生活保障金」的款项付了多少", "最低生活保障金", 2024),
])
def test_a_payment_purpose_paid_out_is_its_payments(ask_demo, db, q, purpose, year):
    result = ask_demo(q)
    assert result["query"] and result["query"]["purpose"] == purpose, result["understood"]
    assert result["answer"]["value"] == pytest.approx(_purpose(db, purpose, year), abs=0.01)


def test_a_misspelt_purpose_counts_its_payments(ask_demo, db):
    result = ask_demo("2024年临时救住发放了几笔")  # 住 for 助: the same sound
    assert result["answer"]["value"] == _purpose(db, "临时救助", 2024, count=True), result["understood"]


# ---- 「财政的钱」「财政资金」 are all spending, never the 财政事务 line --------------------------------------

def test_the_treasurys_money_per_person_is_all_spending_per_person(ask_demo, db):
    result = ask_demo("2024年梅溪县人均用了多少财政资金")
    population = db.execute("SELECT population FROM regions WHERE name = '梅溪县' AND publication_id = "
                            "(SELECT max(id) FROM publications WHERE status = 'published')").fetchone()[0]
    fen = db.execute("SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
                     "AND r.publication_id = e.publication_id WHERE r.name = '梅溪县' AND e.year = 2024 AND "
                     "e.publication_id = (SELECT max(id) FROM publications WHERE status = 'published')").fetchone()[0]
    assert result["query"]["classes"] == [] and result["query"]["measure"] == "per_capita", result["understood"]
    assert result["answer"]["value"] == pytest.approx(fen / 100 / population, abs=0.01)
