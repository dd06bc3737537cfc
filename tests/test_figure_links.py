"""Every figure on a page links to the records that sum to it (audit #6, class E).

Each test reads a page as a visitor would, follows the links of its figures to their CSV downloads, adds the
records up and checks the sum against straight SQL over the same rows and against the figure shown (in the
unit its column header names). Derived figures (a share, a forecast, a warning line) link to the records of
their inputs; the test recomputes the figure from those sums.
"""
import re
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from test_answer_records import Records

from ledger import money


class FigureCells(HTMLParser):
    """The cells of every table on a page: (table index, unit of the column, text, href or None)."""

    def __init__(self):
        super().__init__()
        self.cells, self._table, self._units, self._col, self._cell, self._href, self._head = [], -1, [], 0, None, None, False

    @classmethod
    def parse(cls, html):
        parser = cls()
        parser.feed(html)
        return parser.cells

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table += 1
            self._units = []
        elif tag == "thead":
            self._head = True
        elif tag == "tr":
            self._col = 0
        elif tag in ("td", "th") and not self._head:
            self._cell, self._href = "", None
        elif tag == "th" and self._head:
            self._units.append(None)
        elif tag == "a" and self._cell is not None:
            self._href = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "thead":
            self._head = False
        elif tag in ("td", "th") and not self._head and self._cell is not None:
            unit = self._units[self._col] if self._col < len(self._units) else None
            self.cells.append((self._table, unit, self._cell.strip(), self._href))
            self._cell, self._col = None, self._col + 1

    def handle_data(self, data):
        if self._head and self._units:
            found = re.search(r"（(亿元|万元|元)）", data)
            if found:
                self._units[-1] = found.group(1)
        elif self._cell is not None:
            self._cell += data


def sql_sum(db, url):
    """Σ fen of the records a /records/budgets or /records/expenditures link selects, by straight SQL."""
    path, query = urlsplit(url).path, parse_qs(urlsplit(url).query)
    table, amount = ("budgets", "budget_fen") if path.endswith("budgets") else ("expenditures", "amount_fen")
    where, params = ["publication_id = (SELECT max(id) FROM publications)"], []
    for name, column in (("year", "year"), ("region", "region_code"), ("dept", "dept_code")):
        if name in query:
            where.append(f"{column} IN ({','.join('?' * len(query[name]))})")
            params += query[name]
    if "class" in query:
        where.append("(" + " OR ".join("class_code LIKE ?" for _ in query["class"]) + ")")
        params += [f"{code}%" for code in query["class"]]
    if table == "expenditures" and "month" in query:
        where.append("month BETWEEN ? AND ?")
        params += [int(query.get("month_from", ["1"])[0]), int(query["month"][0])]
    row = db.execute(f"SELECT coalesce(sum({amount}), 0) FROM {table} WHERE {' AND '.join(where)}", params)
    return row.fetchone()[0]


def linked_amounts(html):
    parser = FigureCells()
    parser.feed(html)
    return [cell for cell in parser.cells if cell[3] and re.match(r"/records/(budgets|expenditures)\b", cell[3])]


def check_amount_links(client, db, html):
    """Each linked amount: CSV sum == SQL sum, and the figure shown is that sum in its column's unit."""
    records, checked = Records(client), 0
    for _table, unit, text, href in linked_amounts(html):
        if not unit or not re.fullmatch(r"[\d,]+\.\d\d", text):
            continue
        fen = sql_sum(db, href)
        assert records.fen(href) == fen, href
        assert money.format_amount(fen, unit) == f"{text} {unit}", (href, text, unit)
        checked += 1
    return checked


def test_home_history_class_and_total_rows_link_to_their_records(client, db):
    html = client.get("/").get_data(as_text=True)
    linked = {href for _t, _u, _text, href in linked_amounts(html)}
    years = [row[0] for row in db.execute("SELECT DISTINCT year FROM budgets ORDER BY year")]
    for year in years:  # every row of 历年预算与支出
        assert f"/records/budgets?year={year}" in linked and f"/records/expenditures?year={year}" in linked
    others = [h for h in linked if h.count("class=") > 1]  # the 「其他 N 类」 row: its classes, each named
    assert others, "其他 N 类 has no records link"
    assert check_amount_links(client, db, html) >= 2 * len(years) + 2 * 9 + 2


def test_home_pace_line_links_to_the_records_of_its_inputs(client, db):
    html = client.get("/").get_data(as_text=True)
    block = re.search(r'<details class="sv-inputs.*?</details>', html, re.S)
    assert block, "the pace line does not say how its figures are computed"
    links = dict((label, href.replace("&amp;", "&")) for href, label in
                 re.findall(r'<a href="([^"]+)">([^<]+)</a>', block.group(0)))
    records = Records(client)
    for href in links.values():
        assert records.fen(href) == sql_sum(db, href), href
    line = re.search(r"截至(\d+)月末.*?往年同期进度 ([\d.]+)%；预警线 ([\d.]+)%.*?预计全年支出 ([^）]+)）", html, re.S)
    month, usual_shown, line_shown, forecast_shown = line.groups()
    earlier = sorted({int(m) for m in re.findall(r"(\d{4})年全年全部支出", " ".join(links))})
    assert earlier, links
    shares = [Decimal(records.fen(links[f"{y}年1–{month}月全部支出"])) / records.fen(links[f"{y}年全年全部支出"])
              for y in earlier]
    usual = sum(shares) / len(shares)
    assert f"{usual * 100:.1f}" == usual_shown
    ratio = Decimal(re.search(r"× (\d+)%", block.group(0)).group(1)) / 100
    assert f"{usual * ratio * 100:.1f}" == line_shown
    spent = next(records.fen(h) for label, h in links.items() if label.endswith(f"1–{month}月支出")
                 and not label.startswith(tuple(str(y) for y in earlier)))
    assert money.format_amount(int(spent / usual)) == forecast_shown.strip()


@pytest.mark.parametrize("path", ["/execution"])
def test_execution_total_rows_link_to_their_records(client, db, path):
    html = client.get(path).get_data(as_text=True)
    assert check_amount_links(client, db, html) > 0
    assert re.search(r'<tfoot>.*?<a href="/records/expenditures', html, re.S), "合计 row has no records link"


def test_compare_ranking_figures_link_to_each_districts_records(client, db):
    """支出 and 预算 of each district sum from its records; its 民生 share is its 民生 records ÷ its 支出 records;
    同比 is its 支出 ÷ the previous year's records; 人均 uses the population its link shows; the average's
    amounts are the sum of all districts' records ÷ their number."""
    html = client.get("/compare").get_data(as_text=True).replace("&amp;", "&")
    records, checked = Records(client), 0
    unit = re.search(r"支出总额（(亿元|万元|元)）", html).group(1)
    for code, row in re.findall(r'<tr[^>]*data-region="(\d+)">(.*?)</tr>', html, re.S):
        cells = dict((label, (href, text)) for label, href, text in
                     re.findall(r'data-label="([^"（]+)[^"]*"><a href="([^"]+)"[^>]*>([^<]+)</a>', row))
        spent_url, spent_text = cells["支出总额"]
        spent = records.fen(spent_url)
        assert spent == sql_sum(db, spent_url) and f"region={code}" in spent_url
        assert money.format_amount(spent, unit) == f"{spent_text} {unit}"
        minsheng_url, share_text = cells["民生支出占比"]
        assert f"region={code}" in minsheng_url and records.fen(minsheng_url) == sql_sum(db, minsheng_url)
        assert money.format_rate(records.fen(minsheng_url), spent) == share_text
        previous_url, growth_text = cells["同比增长"]
        assert money.format_rate(spent - records.fen(previous_url), records.fen(previous_url)) == growth_text
        population = int(re.search(r'href="/data/regions.csv\?code=' + code + r'"[^>]*>人口 ([\d,]+)', row)
                         .group(1).replace(",", ""))
        assert population == db.execute("SELECT population FROM regions WHERE code = ? AND publication_id = "
                                        "(SELECT max(id) FROM publications)", (code,)).fetchone()[0]
        assert f"{Decimal(spent) / 100 / population:,.2f}" == cells["人均支出"][1]
        checked += 1
    assert checked >= 2
    average = re.search(r'<tr class="average">(.*?)</tr>', html, re.S).group(1)
    href, text = re.search(r'data-label="支出总额[^"]*"><a href="([^"]+)"[^>]*>([^<]+)</a>', average).groups()
    districts = href.count("region=")
    assert money.format_amount(round(Decimal(records.fen(href)) / districts), unit) == f"{text} {unit}"
    check_client = client.get(re.search(r'href="(/data/regions.csv\?code=\d+)"', html).group(1))
    assert check_client.status_code == 200 and "population" in check_client.get_data(as_text=True)


def test_department_own_office_row_links_to_both_sides_of_its_difference(client, db):
    """「部门本级」 = the department's records − all its units' records; both lists are linked and the row shows
    their difference (checked against SQL over the unit tables)."""
    dept, region = db.execute("SELECT d.code, d.region_code FROM departments d JOIN units u ON u.dept_code = d.code "
                              "AND u.publication_id = d.publication_id WHERE d.publication_id = "
                              "(SELECT max(id) FROM publications) LIMIT 1").fetchone()
    year = db.execute("SELECT max(year) FROM expenditures").fetchone()[0]
    html = client.get(f"/execution/region/{region}/dept/{dept}?year={year}").get_data(as_text=True)
    block = re.search(r'id="own-office">(.*?)</p>', html, re.S).group(1).replace("&amp;", "&")
    dept_budgets, units_budgets, dept_spent, units_spent = re.findall(r'<a href="([^"]+)"', block)
    records = Records(client)
    unit_rows = ("SELECT coalesce(sum({0}), 0) FROM {1} WHERE year = ? AND unit_code IN "
                 "(SELECT code FROM units WHERE dept_code = ?)")
    assert records.fen(dept_budgets) == sql_sum(db, dept_budgets)
    assert records.fen(dept_spent) == sql_sum(db, dept_spent)
    unit_budget = int(records.total(units_budgets, "预算数（元）") * 100)
    assert unit_budget == db.execute(unit_rows.format("budget_fen", "unit_budgets"), (year, dept)).fetchone()[0]
    unit_spent = records.total(units_spent, "支出数（元）")
    assert int(unit_spent * 100) == db.execute(unit_rows.format("amount_fen", "unit_expenditures"),
                                               (year, dept)).fetchone()[0]
    own = [c for c in FigureCells.parse(html) if c[2].startswith("部门本级")]
    assert own and own[0][3] == "#own-office"
    table, cells = own[0][0], [c for c in FigureCells.parse(html) if c[0] == own[0][0]]
    index = cells.index(own[0])
    budget_cell, spent_cell = cells[index + 2], cells[index + 3]  # 二级预算单位 | 类型 | 预算数 | 支出数
    assert table == budget_cell[0]
    assert money.format_amount(records.fen(dept_budgets) - unit_budget, budget_cell[1]) == \
        f"{budget_cell[2]} {budget_cell[1]}"
    assert money.format_amount(records.fen(dept_spent) - int(unit_spent * 100), spent_cell[1]) == \
        f"{spent_cell[2]} {spent_cell[1]}"


def test_whitepaper_shares_link_to_numerator_and_denominator_records(client, db):
    """The generated white paper's 民生支出占比 and 预算执行率: the figure links to its numerator's records, and
    both 分子 and 分母 are linked; each list sums to the amount named (SQL) and their ratio is the figure."""
    year = db.execute("SELECT max(year) - 1 FROM expenditures").fetchone()[0]
    html = client.get(f"/reports/whitepaper?year={year}").get_data(as_text=True).replace("&amp;", "&")
    records, checked = Records(client), 0
    for figure in re.findall(r'<div class="figure">(.*?)</div>', html, re.S):
        value_href, value = re.search(r'<span class="value"><a class="src" href="([^"]+)">([^<]+)</a>', figure).groups()
        sources = re.findall(r'分(子|母)：[^ <]+ <a class="src" href="([^"]+)">([^<]+)</a>', figure)
        if not sources:
            continue
        fen = {}
        for side, href, amount in sources:
            href = href.replace(".json?", "?")
            fen[side] = records.fen(href)
            assert fen[side] == sql_sum(db, href), href
            assert money.format_amount(fen[side]) == amount
        assert value_href.replace(".json?", "?") == sources[0][1].replace(".json?", "?")
        assert money.format_rate(fen["子"], fen["母"]) == value
        checked += 1
    assert checked == 2


@pytest.mark.parametrize("question", ["{year}年哪个区县民生支出占比最高？", "{year}年民生支出占比最低的区县"])
def test_share_ranking_answer_links_numerator_and_denominator_of_its_region(client, db, question):
    """Audit #6 class B: a district's share links to that district's 民生 records and its whole spending."""
    from conftest import DEMO_AS_OF
    year = db.execute("SELECT max(year) - 1 FROM expenditures").fetchone()[0]
    body = client.get("/api/ask", query_string={"q": question.format(year=year), "as_of": DEMO_AS_OF}).get_json()
    answer, found = body["answer"], body["links"]
    assert answer["keys"] and len(answer["rows"]) == 1, answer
    region = answer["keys"][0]
    part, whole = found["records"], found["records_whole"]
    for url in (part, whole):
        assert f"region={region}" in url and f"year={year}" in url, url
    records = Records(client)
    assert records.fen(part) == sql_sum(db, part) and records.fen(whole) == sql_sum(db, whole)
    assert part.count("class=") >= 2 and "class=" not in whole
    assert money.format_rate(records.fen(part), records.fen(whole)) == answer["rows"][0][2]
    assert found["rows"][0]["records"] == {"part": part, "whole": whole}


def test_unit_cost_answer_sums_from_the_cost_column_it_links(client, db):
    """Audit #6 class C: 成本合计 of a district (决算: 实际单位成本 × 实际产出, else 总投资) is the sum, to the fen, of the
    成本 column of the project list it links; 产出合计 and the project count come from the same rows, and
    those rows are the district's projects of the category and unit (SQL)."""
    from conftest import DEMO_AS_OF
    body = client.get("/api/ask", query_string={"q": "哪个区修路每公里花钱最多", "as_of": DEMO_AS_OF}).get_json()
    answer, found = body["answer"], body["links"]
    unit = answer["unit"].removeprefix("元/")
    records = Records(client)
    for row, key, link in zip(answer["rows"], answer["keys"], found["rows"]):
        url = link["records"]["costs"]
        assert f"region={key}" in url
        assert records.total(url, "成本（元）") == Decimal(str(row[4])), (row, url)
        assert records.total(url, "产出") == Decimal(str(row[5]))
        codes = {r["项目编号"] for r in records.rows(url)}
        assert len(codes) == row[3]
        expected = {code for (code,) in db.execute(
            "SELECT code FROM projects WHERE publication_id = (SELECT max(id) FROM publications) AND category = ? "
            "AND region_code = ? AND output_unit = ? AND (output_planned > 0 OR "
            "(output_actual > 0 AND unit_cost_actual_fen IS NOT NULL))", (answer["category"], key, unit))}
        assert codes == expected


@pytest.mark.parametrize("question", ["{year}年{district}人均支出是多少？", "{year}年人均支出最高的区县"])
def test_per_capita_answer_links_the_population_it_divides_by(client, db, question):
    """A per-capita answer links its spending records and the regions-table row of the population used;
    spending ÷ that population is the answer."""
    import csv
    import io

    from conftest import DEMO_AS_OF
    year = db.execute("SELECT max(year) - 1 FROM expenditures").fetchone()[0]
    district = db.execute("SELECT name FROM regions WHERE level = 1 AND publication_id = "
                          "(SELECT max(id) FROM publications) ORDER BY code LIMIT 1").fetchone()[0]
    body = client.get("/api/ask", query_string={"q": question.format(year=year, district=district),
                                                "as_of": DEMO_AS_OF}).get_json()
    found = body["links"]
    rows = list(csv.DictReader(io.StringIO(client.get(found["population"]).get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 1 and f"region={rows[0]['code']}" in found["records"]
    population = int(rows[0]["population"])
    assert population == db.execute("SELECT population FROM regions WHERE code = ? AND publication_id = "
                                    "(SELECT max(id) FROM publications)", (rows[0]["code"],)).fetchone()[0]
    spent = Records(client).fen(found["records"])
    assert spent == sql_sum(db, found["records"])
    assert round(Decimal(spent) / 100 / population, 2) == Decimal(str(body["answer"]["value"]))
