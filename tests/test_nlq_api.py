"""The question box over HTTP: shapes of answers, bad input, escaping, logging, the CLI."""
import datetime as dt

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
    from portal.db import current_publication  # noqa: F401

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
    assert "charts.js" in html and "ask.css" in html and "<table" in html and "执行率" in html
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

    from portal.schema import question_log

    ask("2024年教育支出 电话13812345678")
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        row = conn.execute(select(question_log).order_by(question_log.c.id.desc())).mappings().first()
    assert "13812345678" not in row["question"]
    assert row["client_hash"] and "127.0.0.1" not in row["client_hash"]


def test_rate_limit_answers_json(demo_app):
    from portal import create_app

    app = create_app({**demo_app.config, "RATELIMIT_ENABLED": True, "RATELIMIT_ASK": "2 per minute"})
    client = app.test_client()
    codes = [client.get("/api/ask", query_string={"q": "教育支出", "as_of": AS_OF}).status_code for _ in range(3)]
    assert codes[:2] == [200, 200] and codes[2] == 429


def test_unknown_words_matched_by_embeddings_with_low_confidence(ask):
    body = ask("2024年全市药品花了多少").get_json()  # 「药品」 is not in the lexicon
    assert body["query"]["classes"] == ["210"]
    assert body["confidence"] < 0.8 and any("语义" in n for n in body["notes"])
    assert 2 <= len(body["alternatives"]) <= 3 and all(a["question"] for a in body["alternatives"])
    page = ask("2024年全市药品花了多少", path="/ask").get_data(as_text=True)
    assert "不太确定" in page and "您是不是想问" in page


def test_answer_without_the_model(demo_app):
    """Lexicon-matched questions never load the embedding model."""
    from portal.db import current_publication

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
    assert "按项目年度统计" in ask("去年修了多少公里农村公路").get_json()["understood"]
    assert "各区县" in ask("今年上半年各区预算执行率").get_json()["understood"]


def test_projects_by_region_and_quarters_answer_with_tables(ask):
    roads = ask("去年各区县修了多少公里农村公路").get_json()["answer"]
    assert roads["unit"] == "公里" and len(roads["rows"]) >= 2 and "市本级" not in [r[0] for r in roads["rows"]]
    assert roads["rows"][0][1] >= roads["rows"][-1][1]
    quarters = ask("去年每个季度的教育支出").get_json()["answer"]
    assert [r[0] for r in quarters["rows"]] == ["第1季度", "第2季度", "第3季度", "第4季度"]
    whole = ask("去年教育支出").get_json()["answer"]["value"]
    assert abs(sum(r[1] for r in quarters["rows"]) - whole) < 0.05
