"""The question box answers supervision questions (issue #15) from the same rules as /warnings: 「哪些部门
执行进度滞后」「哪些区县预警」「有哪些高风险项目」「哪些承建商被标记」「今年预计能完成多少预算」「年底执行率预计多少」.
Each answer lists exactly the flags the warnings page lists, links to that page and to each flag's records,
and questions that only look alike keep their old kinds."""
import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from ledger import supervision
from ledger.money import fen_to_yuan

AS_OF = dt.date(2026, 10, 31)
PUB = 1


@pytest.fixture(scope="module")
def ask_demo(demo_app):
    from ledger.db import current_publication
    from nlq.answer import ask

    def run(q, as_of=AS_OF):
        with demo_app.extensions["mingzhang.engine"].connect() as conn:
            return ask(conn, current_publication(conn), q, as_of=as_of, config=demo_app.config,
                       use_embeddings=False)
    return run


@pytest.fixture(scope="module")
def engine(demo_app):
    return demo_app.extensions["mingzhang.engine"]


def _json_twin(client, url):
    """The JSON of a page link: /warnings?… → /warnings.json?…"""
    path, _, query = url.partition("?")
    response = client.get(f"{path}.json?{query}")
    assert response.status_code == 200, url
    return response.get_json()


@pytest.mark.parametrize("q, level", [
    ("哪些部门执行进度滞后", "dept"),
    ("哪些区县预警", "region"),
    ("2026年哪些区县执行进度落后", "region"),
])
def test_lagging_lists_the_pace_flags_of_the_warnings_page(ask_demo, engine, client, q, level):
    result = ask_demo(q)
    answer = result["answer"]
    assert result["query"]["kind"] == "supervision" and result["query"]["topic"] == "pace", result["understood"]
    with engine.connect() as conn:
        expected = supervision.lagging(conn, PUB, level)
    assert answer["keys"] == [f.code for f in expected]
    assert answer["value"] == len(expected) and answer["sentence"].startswith("截至2026年10月")
    page = _json_twin(client, result["links"]["records"])
    assert parse_qs(urlsplit(result["links"]["records"]).query)["subject"] == [level]
    assert [f["code"] for f in page["flags"]] == answer["keys"]
    assert [f["detail"] for f in page["flags"]] == [row[3] for row in answer["rows"]]


def test_a_lagging_department_links_to_the_records_its_rate_divides(ask_demo, client, db):
    result = ask_demo("哪些部门执行进度滞后")
    assert result["answer"]["rows"], "the demo seeds lagging departments"
    first = result["links"]["rows"][0]["records"]
    code = result["answer"]["keys"][0]
    spent = client.get(first["spent"].replace("/records/expenditures?", "/records/expenditures.json?")).get_json()
    budget = client.get(first["budget"].replace("/records/budgets?", "/records/budgets.json?")).get_json()
    # independently: the department's spending January–October and its 2026 budget, straight from SQL
    (spent_fen,) = db.execute("select sum(amount_fen) from expenditures where publication_id=1 and year=2026 "
                              "and month<=10 and dept_code=?", (code,)).fetchone()
    (budget_fen,) = db.execute("select sum(budget_fen) from budgets where publication_id=1 and year=2026 "
                               "and dept_code=?", (code,)).fetchone()
    assert spent["sum"] == pytest.approx(fen_to_yuan(spent_fen)) and budget["sum"] == pytest.approx(fen_to_yuan(budget_fen))
    rate = float(result["answer"]["rows"][0][3].split("10月 ")[1].split("%")[0])
    assert rate == pytest.approx(spent_fen / budget_fen * 100, abs=0.05)  # the rate the flag states


def test_lagging_departments_of_one_district(ask_demo, engine):
    result = ask_demo("星桥区哪些部门执行进度滞后")
    with engine.connect() as conn:
        expected = [f.code for f in supervision.lagging(conn, PUB, "dept") if f.region_code == "990104"]
    assert result["answer"]["keys"] == expected
    assert "region=990104" in result["links"]["records"]


def test_high_risk_projects_are_the_risk_flags(ask_demo, engine, client):
    result = ask_demo("有哪些高风险项目")
    with engine.connect() as conn:
        expected = supervision.high_risk_projects(conn, PUB)
        behind = supervision.load_rules().risk.behind_points
    assert result["answer"]["keys"] == [f.code for f in expected] and expected
    for flag in expected:  # independently: its last two quarters are each behind the plan by more than the rule
        closed = [q for q in flag.figures["quarters"] if q["actual"] is not None][-2:]
        assert all(q["planned"] - q["actual"] > behind for q in closed), flag.code
    assert [f["code"] for f in _json_twin(client, result["links"]["records"])["flags"]] == result["answer"]["keys"]
    project_link = result["links"]["rows"][0]["records"]["project"]
    assert client.get(project_link).status_code == 200


def test_flagged_contractors(ask_demo, engine, client):
    result = ask_demo("哪些承建商被标记")
    with engine.connect() as conn:
        _as_of, flags = supervision.flags(conn, PUB, subject="contractor")
    assert result["answer"]["keys"] == [f.code for f in flags] and flags
    assert client.get(result["links"]["rows"][0]["records"]["contractor"]).status_code == 200


def test_year_end_forecast_is_the_warnings_page_forecast(ask_demo, engine, client, db):
    amount = ask_demo("按预警规则，今年预计能完成多少预算")
    rate = ask_demo("按预警规则年底执行率预计多少")
    with engine.connect() as conn:
        outcome = supervision.year_end_forecast(conn, PUB, 2026)
    assert amount["answer"]["value"] == fen_to_yuan(outcome["forecast_fen"]) and amount["answer"]["unit"] == "元"
    assert rate["answer"]["value"] == pytest.approx(outcome["forecast_rate"] * 100) and rate["answer"]["unit"] == "%"
    page = _json_twin(client, amount["links"]["records"])["forecast"]
    assert page["forecast"] == amount["answer"]["value"] and page["forecast_rate"] == pytest.approx(outcome["forecast_rate"])
    # independently: spending to October and the budget from SQL; the forecast is spending over the usual share
    (spent,) = db.execute("select sum(amount_fen) from expenditures where publication_id=1 and year=2026 and month<=10"
                          ).fetchone()
    (budget,) = db.execute("select sum(budget_fen) from budgets where publication_id=1 and year=2026").fetchone()
    rows = {r[0]: r[1] for r in amount["answer"]["rows"]}
    assert rows["截至10月已支出"] == fen_to_yuan(spent) and rows["年度预算"] == fen_to_yuan(budget)
    assert outcome["forecast_fen"] == pytest.approx(spent / outcome["share"], abs=1)
    assert f"{outcome['forecast_rate'] * 100:.1f}%" in amount["answer"]["sentence"]


def test_forecast_of_one_district(ask_demo, engine):
    result = ask_demo("梅溪县按监督预警规则年底执行率预计多少")
    with engine.connect() as conn:
        outcome = supervision.year_end_forecast(conn, PUB, 2026, level="region", key="990122")
    assert result["answer"]["value"] == pytest.approx(outcome["forecast_rate"] * 100)
    assert "region=990122" in result["links"]["rows"][0]["records"]["budget"]


@pytest.mark.parametrize("q, kind", [
    ("哪些部门执行率最低", "ranking"),  # a rate ranking, not the pace rule
    ("各区执行进度", "execution"),
    ("每月执行进度", "trend"),
    ("滞后项目有多少个", "project"),  # a project status
    ("哪些项目进度滞后", "project"),
    ("进度最慢的两个项目", "project"),
    ("哪家公司承建的项目最多", "project"),  # contractors ranked, not flagged
    ("2024年预算是多少", "figure"),
    ("哪个部门支出最多", "ranking"),
])
def test_near_misses_keep_their_kinds(ask_demo, q, kind):
    result = ask_demo(q)
    assert result["query"] and result["query"]["kind"] == kind, (q, result["understood"])


@pytest.mark.parametrize("q, kind, topic", [
    ("哪些区县预警", "supervision", "pace"),
    ("有哪些高风险项目", "supervision", "risk"),
    ("哪些承建商被标记", "supervision", "supplier"),
    ("按预警规则，今年预计能完成多少预算", "supervision", "forecast"),
    ("按预警规则年底执行率预计多少", "supervision", "forecast"),
    ("哪个部门回复质询最慢", "inquiry", "answer_days"),
    ("质询平均多少天答复", "inquiry", "answer_days"),
])
def test_the_embedding_matcher_reads_no_class_into_these_words(demo_app, q, kind, topic):
    """「预计」「预警」「质询」 are the question's own words, not an unknown subject the embeddings would turn
    into a class of spending (the portal asks with the embedding matcher on)."""
    from ledger.db import current_publication
    from nlq.answer import ask

    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        result = ask(conn, current_publication(conn), q, as_of=AS_OF, config=demo_app.config)
    assert result["query"] and (result["query"]["kind"], result["query"]["topic"]) == (kind, topic), result["understood"]
    assert result["query"]["classes"] == [] and not any("语义" in n for n in result["notes"])


def test_the_ask_page_states_the_answer_once_with_its_rule(client, ask_demo):
    html = client.get("/ask", query_string={"q": "哪些部门执行进度滞后", "as_of": AS_OF.isoformat()}).get_data(as_text=True)
    sentence = ask_demo("哪些部门执行进度滞后")["answer"]["sentence"]
    assert html.count('class="answer-sentence"') == 1 and sentence.split("：")[0] in html
    assert "判断规则" in html and "不是违规结论" in html and "/warnings?" in html
