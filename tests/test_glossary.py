"""Plain words (issue #17 item 4): the glossary and its JSON twin, inline explanations wherever 执行率,
民生支出, 时间进度 and 市本级 appear, 合计 rows that add up to the rows shown, one unit per column, and a
short footer (the de-identification statistics live on /publications)."""
import re
from decimal import Decimal
from html import unescape

import pytest
from markupsafe import escape
from sqlalchemy import select

from ledger import schema

ISSUE_TERMS = {"执行率": "execution-rate", "民生支出": "minsheng", "时间进度": "time-pace", "市本级": "city-level"}
MARK = r'<span class="term"><abbr title="([^"]+)">{word}</abbr><a class="term-help" href="/glossary#term-{key}"'


def test_glossary_page_and_json_explain_every_term(client):
    html = client.get("/glossary").get_data(as_text=True)
    data = client.get("/glossary.json").get_json()
    keys = [t["key"] for t in data["terms"]]
    for word, key in ISSUE_TERMS.items():
        assert f'id="term-{key}"' in html and word in html
        term = data["terms"][keys.index(key)]
        assert term["term"] == word and term["short"] and term["definition"] and term["url"] == f"/glossary#term-{key}"
    minsheng = data["terms"][keys.index("minsheng")]
    assert "教育支出（205）" in minsheng["definition"] and "{classes}" not in minsheng["definition"]
    assert {"unit", "township"} <= set(keys)  # the new notions of this issue are explained too


@pytest.mark.parametrize("path, words", [
    ("/", ["执行率"]),
    ("/execution", ["执行率", "市本级"]),
    ("/execution/region/990000", ["市本级"]),
    ("/compare", ["执行率", "民生支出", "时间进度", "市本级"]),
])
def test_terms_are_explained_where_they_appear(client, path, words):
    html = client.get(path).get_data(as_text=True)
    shorts = {t["key"]: t["short"] for t in client.get("/glossary.json").get_json()["terms"]}
    for word in words:
        key = ISSUE_TERMS[word]
        found = re.search(MARK.format(word=re.escape(word), key=key), html)
        assert found, f"{word} not explained on {path}"
        assert unescape(found.group(1)) == shorts[key]  # the tooltip is the term's one-sentence explanation


def test_white_paper_defines_its_terms_in_footnotes(client):
    html = client.get("/reports/whitepaper?year=2025").get_data(as_text=True)
    assert 'id="wp-terms"' in html  # an in-document anchor: works printed and in the standalone file
    for word in ("执行率", "时间进度", "民生支出"):
        assert re.search(rf'<abbr title="[^"]+">{word}</abbr><sup class="fn"><a href="#wp-terms"', html), word
    notes = html[html.index('id="wp-terms"'):]
    for word in ISSUE_TERMS:
        assert f"<dt>{word}</dt>" in notes


def _yuan(text):
    return Decimal(text.replace(",", ""))


def test_home_class_table_total_adds_up_to_the_rows_shown(client):
    html = client.get("/").get_data(as_text=True)
    table = html[html.index('aria-labelledby="top-title"'):]
    table = table[:table.index("</table>")]
    body, foot = table[:table.index("<tfoot>")], table[table.index("<tfoot>"):]
    assert re.search(r"其他 \d+ 类", body), "the remaining classes are one row, named with their number"
    units = re.findall(r'<span class="unit">（(亿元|万元|元)）</span>', table)
    assert len(units) == 2  # 预算数 and 支出数 each name one unit in the header
    rows = re.findall(r'<td class="amount"[^>]*>(?:<a [^>]*>)?([\d,.]+)(?:</a>)?</td>', body)
    totals = re.findall(r'<td class="amount"[^>]*>(?:<a [^>]*>)?([\d,.]+)(?:</a>)?</td>', foot)
    budgets, spent = [_yuan(v) for v in rows[0::2]], [_yuan(v) for v in rows[1::2]]
    assert len(budgets) == 9
    # Rounded to 0.01 in the column's unit: the shown rows add up to the shown total within rounding.
    assert abs(sum(budgets) - _yuan(totals[0])) <= Decimal("0.01") * len(budgets)
    assert abs(sum(spent) - _yuan(totals[1])) <= Decimal("0.01") * len(spent)


@pytest.mark.parametrize("path", ["/", "/execution", "/execution/region/990101", "/projects",
                                  "/records/expenditures?year=2025&region=990101", "/compare"])
def test_one_unit_per_column(client, path):
    """No amount cell carries its own unit: the header (or the card label) names the column's unit."""
    html = client.get(path).get_data(as_text=True)
    for table in re.findall(r"<table class=\"data[^\"]*\">.*?</table>", html, flags=re.S):
        cells = re.findall(r'<td class="amount[^"]*"[^>]*>(.*?)</td>', table, flags=re.S)
        assert all(not re.search(r"亿元|万元", cell) for cell in cells), (path, cells[:3])
    for table in re.findall(r'<table class="data-table compare-table">.*?</table>', html, flags=re.S):
        cells = re.findall(r'<td class="num"[^>]*>(.*?)</td>', table, flags=re.S)
        assert cells and all(not re.search(r"亿元|万元", cell) for cell in cells), cells[:3]


def test_footer_is_short_and_the_statistics_are_on_publications(client, demo_app):
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        pub = conn.execute(select(schema.publications).where(schema.publications.c.status == "published")
                           .order_by(schema.publications.c.id.desc())).mappings().first()
    summary = str(escape(pub["deid_report"]["summary"]))
    html = client.get("/").get_data(as_text=True)
    footer = html[html.index("<footer"):]
    assert summary not in footer and len(re.sub(r"<[^>]+>", "", footer)) < 400
    assert "本数据已脱敏" in footer and f'href="/publications#pub-{pub["id"]}"' in footer
    assert 'href="/glossary"' in footer
    assert summary in client.get("/publications").get_data(as_text=True)
