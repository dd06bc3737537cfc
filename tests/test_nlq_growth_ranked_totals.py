"""Regions ranked by growth from one year to another (issue #18): a total asked (地方支出、财政支出合计、总支出) is
ranked as the total — never a class the embedding match finds for a word left over (「年间」 of 「四年间」) — and
two full years joined by 到/至 without 年 (「2020到2023」) are the span; 「涨得最快」 ranks by growth rate. Expectations
by straight SQL over the yearbook, on the portal as the evaluation asks it (with the embedding match)."""
import sqlite3

import pytest
from conftest import DEMO_AS_OF, _config_for


@pytest.fixture(scope="module")
def ask_with_embeddings(yearbook_instance):
    from portal import create_app

    app = create_app({**_config_for(yearbook_instance), "RATELIMIT_ENABLED": False, "SEARCH_HYBRID": False})
    client = app.test_client()
    return lambda q: client.get("/api/ask", query_string={"q": q, "as_of": DEMO_AS_OF.isoformat()}).get_json()


def _growth(yearbook_instance, first, last, class_code=None):
    """{province: growth % from ``first`` to ``last``} of the total (or of one class) by straight SQL."""
    where = "AND substr(e.class_code, 1, 3) = ?" if class_code else ""
    def spent(year):
        with sqlite3.connect(yearbook_instance / "mingzhang.db") as conn:
            return dict(conn.execute(
                "SELECT r.name, sum(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
                "AND r.publication_id = e.publication_id WHERE e.publication_id = (SELECT max(id) FROM publications "
                f"WHERE status = 'published') AND e.year = ? {where} GROUP BY r.name",
                (year, class_code) if class_code else (year,)))
    this, before = spent(last), spent(first)
    return {name: 100 * (this[name] - before[name]) / before[name] for name in this if before.get(name)}


def _top(growth, n):
    return sorted(growth, key=growth.get, reverse=True)[:n]


@pytest.mark.parametrize("q, first, n", [
    ("2020到2023这四年间地方支出增长最快的三个省", 2020, 3),
    ("2021至2023全国地方支出涨得最快的是哪个省", 2021, 1),
    ("2019到2023财政支出合计增长最快的省份", 2019, 1),
])
def test_a_total_is_ranked_as_the_total(ask_with_embeddings, yearbook_instance, q, first, n):
    result = ask_with_embeddings(q)
    growth = _growth(yearbook_instance, first, 2023)
    rows = result["answer"]["rows"]
    assert [r[0] for r in rows[:n]] == _top(growth, n), result["understood"]
    assert rows[0][1] == pytest.approx(growth[rows[0][0]], abs=1e-3)
    assert "总支出" in result["understood"] and "按语义理解" not in " ".join(result.get("notes") or [])


def test_a_class_over_a_span_without_year_marks(ask_with_embeddings, yearbook_instance):
    result = ask_with_embeddings("2020到2023卫生健康支出涨得最快的省份")
    growth = _growth(yearbook_instance, 2020, 2023, "210")
    assert result["answer"]["rows"][0][0] == _top(growth, 1)[0], result["understood"]
    assert "卫生健康支出" in result["understood"] and "相比2020年" in result["understood"]


@pytest.mark.parametrize("q", ["2020到2023万元以上的支出有几笔", "2020至2023个项目"])
def test_two_years_before_an_amount_or_a_count_are_no_span(q):
    from nlq.timeparse import parse_period

    period, _spans = parse_period(q, DEMO_AS_OF)
    assert period is None or (period.year_from, period.year_to) != (2020, 2023)


def test_two_full_years_joined_by_dao_are_the_span():
    from nlq.timeparse import parse_period

    period, _spans = parse_period("2020到2023教育支出", DEMO_AS_OF)
    assert (period.year_from, period.year_to) == (2020, 2023)
