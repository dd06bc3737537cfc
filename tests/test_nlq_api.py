"""The question box over HTTP: shapes of answers, bad input, escaping, logging, the CLI."""
import datetime as dt
import re

import pytest

AS_OF = "2026-10-31"


@pytest.fixture()
def ask(client):
    from portal.extensions import limiter

    limiter.enabled = False

    def get(q, path="/api/ask", **extra):
        return client.get(path, query_string={"q": q, "as_of": AS_OF, **extra})

    yield get
    limiter.enabled = True


def test_figure_answer_has_number_unit_period_chips_and_links(ask):
    body = ask("2024年全市教育支出是多少？").get_json()
    assert body["answer"]["kind"] == "figure"
    assert isinstance(body["answer"]["value"], (int, float)) and body["answer"]["value"] > 0
    assert body["answer"]["unit"] == "元" and body["answer"]["period"] == "2024年"
    assert body["query"]["classes"] == ["205"] and body["query"]["period"]["year_from"] == 2024
    assert [c["label"] for c in body["chips"]] == ["时间", "地区", "科目", "指标", "排序"]
    assert "教育" in body["understood"]
    assert body["links"]["csv"].startswith("/ask.csv?")


def test_comparison_gets_a_bar_chart_and_trend_a_line(ask):
    from ledger.db import current_publication  # noqa: F401

    names = ask("各区教育支出").get_json()["answer"]["rows"]
    a, b = names[0][0], names[1][0]
    body = ask(f"比较{a}和{b}去年的交通运输支出").get_json()
    assert body["chart"]["series"][0]["type"] == "bar" and body["chart"]["xAxis"]["data"] == [a, b]
    trend = ask("近三年全市社会保障和就业支出变化").get_json()
    assert trend["chart"]["series"][0]["type"] == "line"
    assert trend["chart"]["xAxis"]["data"] == ["2024年", "2025年", "2026年"]


def test_traditional_fullwidth_and_numerals(ask):
    plain = ask("2024年各部门预算执行率").get_json()["answer"]["rows"]
    assert ask("２０２４年各部門預算執行率").get_json()["answer"]["rows"] == plain
    assert len(ask("支出最多的五个部门").get_json()["answer"]["rows"]) == 5


@pytest.mark.parametrize("q, code", [("", "empty_question"), ("   ", "empty_question"), ("字" * 5000, "question_too_long"),
                                     ("😀😀😀", "unreadable_question")])
def test_bad_input_is_a_clear_json_error(ask, q, code):
    resp = ask(q)
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == code and resp.get_json()["error"]["message"]


def test_bad_as_of_is_a_json_error(client):
    resp = client.get("/api/ask", query_string={"q": "教育支出", "as_of": "yesterday"})
    assert resp.status_code == 400 and resp.get_json()["error"]["code"] == "bad_as_of"


@pytest.mark.parametrize("q", ["'; DROP TABLE expenditures; --", "SELECT * FROM regions WHERE 1=1",
                               "<script>alert(1)</script>", "hello world"])
def test_hostile_or_unparseable_questions_fall_back_not_fail(ask, q):
    resp = ask(q)
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["answer"] is None and body["search_fallback"] is not None
    page = ask(q, path="/ask")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    if "<script>" in q:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # the data is still there
    assert ask("2024年全市教育支出是多少？").get_json()["answer"]["value"] > 0


def test_long_question_page_is_not_a_500(ask):
    resp = ask("字" * 5000, path="/ask")
    assert resp.status_code == 400 and "问题太长" in resp.get_data(as_text=True)


def test_ask_page_renders_answer_table_chart_and_suggestions(client, ask):
    html = ask("今年上半年各区预算执行率", path="/ask").get_data(as_text=True)
    assert 'data-chart="ask-chart-data"' in html and '<script type="application/json" id="ask-chart-data">' in html
    # static files are named by their content hash since 5ae3542 (charts.<hash>.js, ask.<hash>.css)
    assert re.search(r"/static/charts\.[0-9a-f]+\.js", html) and re.search(r"/static/ask\.[0-9a-f]+\.css", html)
    assert "<table" in html and "执行率" in html
    assert "onclick" not in html
    home = client.get("/").get_data(as_text=True)
    assert "可以这样问" in home


def test_chips_rebuild_the_question(client):
    first = client.get("/api/ask", query_string={"q": "2024年全市教育支出是多少", "as_of": AS_OF}).get_json()
    chips = {f"chip_{c['key']}": c["value"] for c in first["chips"]}
    chips["chip_time"] = "2023年"
    page = client.get("/ask", query_string={**chips, "as_of": AS_OF})
    assert page.status_code == 200 and "2023年" in page.get_data(as_text=True)


def test_csv_behind_an_answer(ask):
    resp = ask("2024年各部门预算执行率", path="/ask.csv")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert "执行率" in resp.get_data(as_text=True)


def test_questions_are_logged_without_ip(demo_app, ask):
    from sqlalchemy import select

    from ledger.schema import question_log

    ask("2024年教育支出 电话13812345678")
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        row = conn.execute(select(question_log).order_by(question_log.c.id.desc())).mappings().first()
    assert "13812345678" not in row["question"]
    assert row["client_hash"] and "127.0.0.1" not in row["client_hash"]


def test_bypass_forms_never_reach_the_question_log(demo_app, ask):
    """Issue #12 item 3 for the question box: a number or address written to slip past masking is
    masked in the stored question, through the API and the page alike."""
    from pii_bypasses import FORMS, leaks
    from sqlalchemy import func, select

    from ledger.schema import question_log

    engine = demo_app.extensions["mingzhang.engine"]
    with engine.connect() as conn:
        first = conn.execute(select(func.coalesce(func.max(question_log.c.id), 0))).scalar()
    for number, form in enumerate(FORMS):
        ask(f"2024年教育支出是多少？{form}", path="/api/ask" if number % 2 else "/ask")
    with engine.connect() as conn:
        logged = conn.execute(select(question_log.c.question).where(question_log.c.id > first)).scalars().all()
    assert len(logged) == len(FORMS) and all("教育支出" in question for question in logged)
    assert {question: leaks(question) for question in logged if leaks(question)} == {}


def test_rate_limit_answers_json(demo_app):
    from portal import create_app

    app = create_app({**demo_app.config, "RATELIMIT_ENABLED": True, "RATELIMIT_ASK": "2 per minute"})
    client = app.test_client()
    codes = [client.get("/api/ask", query_string={"q": "教育支出", "as_of": AS_OF}).status_code for _ in range(3)]
    assert codes[:2] == [200, 200] and codes[2] == 429


def test_unknown_words_matched_by_embeddings_are_offered_not_stated(ask):
    """「药品」 is not in the lexicon: its nearest class (卫生健康) wins by less than the margin over another class
    family, so the candidates are offered as 「您是不是想问」 and no figure is stated (#18 item 1)."""
    body = ask("2024年全市药品花了多少").get_json()
    assert body["query"] is None and body["decline"]["reason"] == "unsure" and any("语义" in n for n in body["notes"])
    assert 2 <= len(body["alternatives"]) <= 3 and "卫生健康" in body["alternatives"][0]["understood"]
    chosen = ask(body["alternatives"][0]["question"]).get_json()
    assert chosen["query"]["classes"] == ["210"] and chosen["answer"]["kind"] == "figure"
    page = ask("2024年全市药品花了多少", path="/ask").get_data(as_text=True)
    assert "没有把握理解" in page and "您是不是想问" in page


def test_answer_without_the_model(demo_app):
    """Lexicon-matched questions never load the embedding model."""
    from ledger.db import current_publication
    from nlq.answer import ask

    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        pub = current_publication(conn)
        result = ask(conn, pub, "去年各区卫生健康支出", as_of=dt.date(2026, 10, 31), config=demo_app.config,
                     use_embeddings=False)
    assert result["answer"]["rows"]


@pytest.mark.parametrize("q, want", [
    # a bare group noun ranks the regions; 「县」 alone means the counties only
    ("去年教育支出最高的三个区县", {"kind": "ranking", "group": "region", "limit": 3, "regions": []}),
    ("去年哪个县农林水支出最多", {"kind": "ranking", "group": "region", "limit": 1, "regions": "counties"}),
    # a 款 named by its own name beats the colloquial 类 synonym
    ("去年全市水利支出", {"kind": "figure", "classes": ["21303"]}),
    ("前年松岗县低保支出多少", {"kind": "figure", "classes": ["20819"]}),
    ("去年全市保障性安居工程支出", {"kind": "figure", "classes": ["22101"]}),
    ("2025年市本级预算执行率", {"kind": "execution", "regions": ["990000"]}),
    ("2025年全市人均教育支出", {"kind": "figure", "measure": "per_capita"}),
    ("2024年和2025年全市教育支出对比", {"kind": "comparison", "group": "year", "years": [2024, 2025]}),
    ("去年每月教育支出", {"kind": "trend", "group": "month"}),
    ("2025年鹭洲区支出占全市的比例", {"kind": "share", "share_of": {"regions": [], "classes": []}}),
    ("去年全市预算比前年增长了多少", {"kind": "growth", "base_measure": "budget"}),
    ("2024年建了多少套保障房", {"kind": "project", "measure": "output", "category": "保障性住房"}),
    ("2023年新增灌溉面积多少亩", {"kind": "project", "measure": "output", "category": "农田水利"}),
    ("二〇二二年全市农村公路建设里程", {"kind": "project", "measure": "output", "output_unit": "公里"}),
    ("今年的农村公路项目有几个滞后了", {"kind": "project", "measure": "count", "status": "滞后"}),
    ("2025年全市项目已拨付资金多少", {"kind": "project", "measure": "disbursed"}),
    ("2026年新开工项目总投资", {"kind": "project", "measure": "investment", "new_start": True}),
    ("去年哪个区县修的农村公路最多", {"kind": "project", "measure": "output", "group": "region", "limit": 1}),
    ("去年每个季度的教育支出", {"kind": "trend", "group": "quarter"}),
    ("2023年到2025年全市每年的民生支出占比", {"kind": "trend", "measure": "share", "group": "year"}),
    ("2025年全市支出比2024年多多少", {"kind": "comparison", "group": "year", "years": [2024, 2025], "difference": True}),
    ("2025年各区县教育支出占全市教育支出的比重", {"kind": "share", "group": "region",
                                                 "share_of": {"regions": [], "classes": ["205"]}}),
])
def test_phrasings_become_the_right_query(ask, q, want):
    query = ask(q).get_json()["query"]
    for key, value in want.items():
        if value == "counties":
            assert query[key] and all(code.startswith("99012") for code in query[key]), (q, query[key])
        else:
            assert query[key] == value, (q, key, query[key])


def test_restatement_names_partial_years_and_project_years(ask):
    trend = ask("近三年全市教育支出").get_json()
    assert "2024—2026年（2026年截至10月）" in trend["understood"] and trend["coverage"] == "2026年截至10月"
    growth = ask("今年全市教育支出同比增长").get_json()
    assert growth["query"]["period"]["month_to"] == 10 and any("同期" in n for n in growth["notes"])
    # 修了 in a year: completed that year (issue #18 item 2); 安排: the project's own year
    assert "按完工年份统计" in ask("去年修了多少公里农村公路").get_json()["understood"]
    assert "按项目年度统计" in ask("去年安排了多少个农村公路项目").get_json()["understood"]
    assert "各区县" in ask("今年上半年各区预算执行率").get_json()["understood"]


def test_projects_by_region_and_quarters_answer_with_tables(ask):
    roads = ask("去年各区县修了多少公里农村公路").get_json()["answer"]
    assert roads["unit"] == "公里" and len(roads["rows"]) >= 2 and "市本级" not in [r[0] for r in roads["rows"]]
    assert roads["rows"][0][1] >= roads["rows"][-1][1]
    quarters = ask("去年每个季度的教育支出").get_json()["answer"]
    assert [r[0] for r in quarters["rows"]] == ["第1季度", "第2季度", "第3季度", "第4季度"]
    whole = ask("去年教育支出").get_json()["answer"]["value"]
    assert abs(sum(r[1] for r in quarters["rows"]) - whole) < 0.05


# ---- derived measures: cumulative periods, budget balance, growth rankings, shares of a parent ----------


def _districts(ask):
    return [r[0] for r in ask("去年各区县支出").get_json()["answer"]["rows"]]


def test_to_date_month_is_cumulative_not_that_month(ask):
    """「截至去年7月」 = months 1–7, the sum of the monthly series, not July alone."""
    months = ask("去年每月卫生健康支出").get_json()["answer"]["rows"]
    want = round(sum(r[1] for r in months[:7]), 2)
    for q in ("截止到去年7月卫生健康支出", "去年前7个月卫生健康支出", "去年1到7月卫生健康支出"):
        body = ask(q).get_json()
        assert body["query"]["period"]["month_from"] == 1 and body["query"]["period"]["month_to"] == 7, q
        assert body["answer"]["value"] == pytest.approx(want, abs=0.02), q
    july = ask("去年7月卫生健康支出").get_json()["answer"]["value"]
    assert july == pytest.approx(months[6][1], abs=0.02)


def test_fourth_quarter_share_of_the_whole_year(ask):
    quarters = ask("2024年各季度支出").get_json()["answer"]["rows"]
    body = ask("2024年第四季度的支出在全年里占多少").get_json()
    assert body["query"]["period"]["month_from"] == 10 and body["answer"]["unit"] == "%"
    assert body["answer"]["value"] == pytest.approx(100 * quarters[3][1] / sum(r[1] for r in quarters), abs=0.01)
    assert "全年" in body["understood"]


def test_budget_balance_is_budget_minus_spent(ask):
    for q in ("2024年全市教育预算剩余多少没有花", "2024年教育经费还有多少没花"):
        body = ask(q).get_json()
        assert body["query"]["measure"] == "remaining", q
        assert body["answer"]["unit"] == "元" and "预算余额（预算 − 已支出）" in body["understood"]
        budget = ask("2024年教育预算").get_json()["answer"]["value"]
        spent = ask("2024年教育支出").get_json()["answer"]["value"]
        assert body["answer"]["value"] == pytest.approx(budget - spent, abs=0.02), q


def test_regions_and_classes_ranked_by_growth(ask):
    def rates(q):
        return {r[0]: r[1] for r in ask(q).get_json()["answer"]["rows"]}

    this, before = rates("2025年各区县支出"), rates("2024年各区县支出")
    growth = {k: (this[k] - before[k]) / before[k] for k in this}
    body = ask("2025年支出增速最快的是哪个区县").get_json()
    assert body["query"]["kind"] == "ranking" and body["query"]["measure"] == "growth"
    assert body["answer"]["top"] == max(growth, key=growth.get)
    assert body["answer"]["value"] == pytest.approx(100 * max(growth.values()), abs=0.01)

    this, before = rates("2025年各类支出"), rates("2024年各类支出")
    growth = {k: (this[k] - before[k]) / before[k] for k in this if before.get(k)}
    slowest = ask("2025年哪类支出同比增长最慢").get_json()
    assert slowest["query"]["group"] == "class"
    assert slowest["answer"]["top"] == min(growth, key=growth.get)


def test_top_classes_within_one_region(ask):
    region = _districts(ask)[0]
    body = ask(f"{region}去年支出最多的两类").get_json()
    assert body["query"]["group"] == "class" and body["query"]["limit"] == 2 and body["query"]["class_set"] is None
    everything = ask(f"{region}去年各类支出").get_json()["answer"]["rows"]
    assert [r[0] for r in body["answer"]["rows"]] == [r[0] for r in everything[:2]]


def test_project_categories_ranked_by_investment(ask):
    body = ask("2023年总投资最大的是哪类项目").get_json()
    assert body["query"]["group"] == "category" and body["answer"]["unit"] == "元"
    rows = body["answer"]["rows"]
    assert len(rows) == 1 and rows[0][1] > 0


def test_region_share_of_the_whole_city(ask):
    region = _districts(ask)[1]
    part = ask(f"{region}2024年支出").get_json()["answer"]["value"]
    city = ask("2024年全市支出").get_json()["answer"]["value"]
    body = ask(f"{region}2024年支出占全市几成").get_json()
    assert body["answer"]["unit"] == "%"
    assert body["answer"]["value"] == pytest.approx(100 * part / city, abs=0.01)


def test_class_share_of_the_same_class_citywide(ask):
    """「A区教育支出在全市教育支出中的比重」 is A's 教育 over all regions' 教育, not over A's total."""
    region = _districts(ask)[2]
    part = ask(f"{region}2024年教育支出").get_json()["answer"]["value"]
    city = ask("2024年全市教育支出").get_json()["answer"]["value"]
    for q in (f"2024年{region}教育支出在全市教育支出里占多少", f"2024年{region}教育支出占全市教育支出的百分之几"):
        body = ask(q).get_json()
        assert body["answer"]["value"] == pytest.approx(100 * part / city, abs=0.01), q
    own = ask("2024年市本级教育支出").get_json()["answer"]["value"]
    body = ask("2024年市本级的教育支出占全市教育支出多少").get_json()
    assert body["answer"]["value"] == pytest.approx(100 * own / city, abs=0.01)


def test_project_status_share_is_a_count_ratio(ask):
    delayed = ask("2023年滞后项目有多少个").get_json()["answer"]["value"]
    total = ask("2023年项目有多少个").get_json()["answer"]["value"]
    body = ask("2023年滞后的项目占所有项目的比重").get_json()
    assert body["query"]["kind"] == "project" and body["query"]["measure"] == "share"
    assert body["answer"]["value"] == pytest.approx(100 * delayed / total, abs=0.01)


def test_growth_against_a_named_base_year(ask):
    later = ask("2025年卫生健康支出").get_json()["answer"]["value"]
    earlier = ask("2022年卫生健康支出").get_json()["answer"]["value"]
    body = ask("2025年卫生健康支出较2022年增长多少").get_json()
    assert body["answer"]["difference"] == pytest.approx(later - earlier, abs=0.02)
    assert "2022年" in body["understood"]


def test_change_against_the_year_before_last_is_a_rate(ask):
    body = ask("去年教育支出跟前年比是多了还是少了，幅度多大").get_json()
    assert body["query"]["kind"] == "growth" and body["answer"]["unit"] == "%"
    this = ask("2025年教育支出").get_json()["answer"]["value"]
    base = ask("2024年教育支出").get_json()["answer"]["value"]
    assert body["answer"]["value"] == pytest.approx(100 * (this - base) / base, abs=0.01)


def test_city_level_row_is_labelled_as_such(ask):
    region = _districts(ask)[0]
    rows = ask(f"2024年{region}和市本级的卫生健康支出对比").get_json()["answer"]["rows"]
    assert "市本级" in [r[0] for r in rows]
