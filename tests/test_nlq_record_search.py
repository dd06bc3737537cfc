"""Record-seeking questions (issue #18 item 7): a facility or kind of record named with nothing asked of it
(「枫林区医院」「松岗养老院」「星桥老小区改造」) is declined with keyword-search results that hold the records —
never answered with the whole spending class the facility belongs to. A question that asks something stays a
figure."""
import re

import pytest


@pytest.mark.parametrize("q, word", [("枫林区医院", "医院"), ("松岗养老院", "敬老院"), ("星桥老小区改造", "老旧小区")])
def test_a_record_named_and_nothing_asked_gets_the_records(ask_demo, client, db, q, word):
    result = ask_demo(q)
    assert result["answer"] is None or result["answer"].get("kind") == "decline"
    assert result["decline"]["reason"] == "record_search" and "搜索结果" in result["decline"]["message"]
    page = client.get("/ask", query_string={"q": q, "as_of": "2026-10-31"}).get_data(as_text=True)
    codes = re.findall(r'href="/projects/([0-9-]+)', page)[:5]
    names = [db.execute("select name from projects where publication_id=1 and code=?", (c,)).fetchone()[0]
             for c in codes]
    assert any(word in name for name in names), names


@pytest.mark.parametrize("q", ["2025年公安支出", "枫林区医院的支出是多少", "2025年枫林区卫生健康支出"])
def test_a_question_that_asks_stays_a_figure(ask_demo, q):
    result = ask_demo(q)
    assert result["decline"] is None and result["answer"]["value"] is not None
