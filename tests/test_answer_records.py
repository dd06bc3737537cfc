"""Every numeric answer adds up from the records it links to (issue #18 item 3, issue #13 step 2).

For every evaluation question (tests/eval/sets/) answered with one number, the answer's records link —
/records/expenditures, /records/budgets or /projects with the scope the figure was computed over — is
followed to its CSV download, the records are added up, and the figure is computed again from those sums
by its definition: a sum to the fen, a number of projects, an output, a rate, a share, a balance, spending
per resident, a growth or a difference. Where a figure divides or subtracts amounts (the 支出 and 预算 of a
rate, the two years of a growth, the regions compared), each row of the answer links to its own records,
and each row's amount must add up from them to the fen as well.
"""
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from conftest import DEMO_AS_OF, _config_for
from eval.oracle import Oracle
from eval.sets import load_sets

AMOUNTS = {"/records/expenditures": "支出数（元）", "/records/budgets": "预算数（元）",
           "/records/unit/expenditures": "支出数（元）", "/records/unit/budgets": "预算数（元）"}  # a second-level unit's
PROJECT_AMOUNTS = {"investment": "总投资（元）", "disbursed": "已支付（元）", "output": "实际产出",
                   "planned_output": "计划产出"}


class Records:
    """The records behind links, read from their CSV downloads (each URL once)."""

    def __init__(self, client):
        self.client, self._rows = client, {}

    def rows(self, url):
        if url not in self._rows:
            path, _, query = url.partition("?")
            csv_path = path if path.endswith(".csv") else f"{path}.csv"  # open data links are CSV already
            response = self.client.get(f"{csv_path}?{query}")
            assert response.status_code == 200, (url, response.get_data(as_text=True)[:300])
            self._rows[url] = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
        return self._rows[url]

    def total(self, url, column=None):
        """Σ of a column (元 or an output) as a Decimal; by default the amount of /records."""
        column = column or AMOUNTS[url.partition("?")[0]]
        return sum((Decimal(row[column] or "0") for row in self.rows(url)), Decimal(0))

    def fen(self, url):
        return int(self.total(url) * 100)

    def count(self, url):
        return len(self.rows(url))

    def project(self, url):
        path, _, query = url.partition("?")
        return self.client.get(f"{path}.json?{query}").get_json()["project"]


def _yuan(value):
    return Decimal(str(value))


def _rate(spent_fen, budget_fen):
    """A ratio as the answer shows it: percent, 4 decimals (the same float operations as nlq/present.py)."""
    return round(spent_fen / budget_fen * 100, 4) if budget_fen else None


# ---- budget figures --------------------------------------------------------------------------------


def _row_sums(records, body):
    """[{side: fen}] for each row link of the answer."""
    return [{side: records.fen(url) for side, url in row["records"].items()} for row in body["links"]["rows"]]


def _rows_add_up(body, sums, sides):
    """Each row's amount (元) is the sum of its records, to the fen."""
    problems = []
    for row, found in zip(body["answer"]["rows"], sums):
        for side in sides:
            if side in found and _yuan(row[1]) != Decimal(found[side]) / 100:
                problems.append(f"row {row[0]}: {row[1]} != records {Decimal(found[side]) / 100}")
    return problems


def check_sum(records, body, people):
    value = _yuan(body["answer"]["value"])
    total = records.total(body["links"]["records"])
    return [] if total == value else [f"value {value} != records {total}"]


def check_per_capita(records, body, people):
    query = body["query"]
    population = sum(people[r] for r in query["regions"]) if query["regions"] else people["top"]
    expected = round(records.fen(body["links"]["records"]) / population / 100, 2)
    return [] if expected == body["answer"]["value"] else [f"value {body['answer']['value']} != {expected}"]


def check_rate(records, body, people):
    """支出 ÷ 预算, each row from its records."""
    sums = _row_sums(records, body)
    spent, budget = sums[0]["spent"], sums[1]["budget"]
    problems = _rows_add_up(body, sums, ("spent", "budget"))
    expected = _rate(spent, budget)
    return problems + ([] if expected == body["answer"]["value"] else [f"rate {body['answer']['value']} != {expected}"])


def check_time_pace(records, body, people):
    """执行进度 against 时间进度: the rate from its records, the pace a whole month's share of the year, their gap."""
    answer, problems = body["answer"], []
    rate_problems = check_rate(records, {**body, "answer": {**answer, "value": answer["rate"]}}, people)
    month = answer["pace"] * 12 / 100
    if abs(month - round(month)) > 1e-9 or not 1 <= round(month) <= 12:
        problems.append(f"pace {answer['pace']} is no month of twelve")
    gap = answer["pace"] - answer["rate"] if body["query"]["topic"] == "time_pace_behind" else answer["rate"] - answer["pace"]
    return rate_problems + problems + ([] if round(gap, 2) == answer["value"] else [f"gap {answer['value']} != {gap}"])


def check_document_days(records, body, people):
    """Days from the end of a document's year to its publication: from the document's row of the documents table."""
    title = body["answer"]["rows"][0][0]
    row = next((r for r in records.rows(body["links"]["records"]) if r["title"] == title), None)
    if row is None:
        return [f"{title} not in its records"]
    days = (dt.date.fromisoformat(row["published_date"]) - dt.date(int(row["year"]), 12, 31)).days
    return [] if days == body["answer"]["value"] else [f"days {body['answer']['value']} != {days}"]


def check_share(records, body, people):
    """part ÷ whole, each row from its records."""
    sums = [next(iter(s.values())) for s in _row_sums(records, body)]
    problems = _rows_add_up(body, _row_sums(records, body), ("spent", "budget"))
    expected = _rate(sums[0], sums[1])
    return problems + ([] if expected == body["answer"]["value"] else [f"share {body['answer']['value']} != {expected}"])


def check_remaining(records, body, people):
    """预算 − 已支出."""
    sums = _row_sums(records, body)
    problems = _rows_add_up(body, sums[:2], ("spent", "budget"))
    expected = Decimal(sums[0]["budget"] - sums[1]["spent"]) / 100
    value = _yuan(body["answer"]["value"])
    return problems + ([] if value == expected else [f"balance {value} != {expected}"])


def check_count_of_rates(records, body, people):
    """「执行率低于60%的区县有几个」: the rows counted, each rate from its records."""
    answer, problems = body["answer"], []
    for row, found in zip(answer["rows"], _row_sums(records, body)):
        if _rate(found["spent"], found["budget"]) != row[1]:
            problems.append(f"row {row[0]}: rate {row[1]} != {_rate(found['spent'], found['budget'])}")
    return problems + ([] if answer["value"] == len(answer["rows"]) else ["count != rows"])


def check_count_of_amounts(records, body, people):
    """「市直部门有几个」: the rows counted (those with an amount), each amount from its records."""
    answer, sums = body["answer"], _row_sums(records, body)
    problems = _rows_add_up(body, sums, (body["query"]["measure"],))
    problems += [f"row {row[0]}: no amount" for row in answer["rows"] if not row[1]]
    return problems + ([] if answer["value"] == len(answer["rows"]) else ["count != rows"])


def check_count_of_growth(records, body, people):
    """「支出比上年减少的省份有几个」: the rows counted, each one's growth from its base and this period's records,
    every one of them below the bound."""
    answer, problems = body["answer"], []
    for row, found in zip(answer["rows"], _row_sums(records, body)):
        side = "spent" if "this_spent" in found else "budget"
        base, this = found[f"base_{side}"], found[f"this_{side}"]
        if not base or this >= base:
            problems.append(f"row {row[0]}: {base} -> {this} is no fall")
    return problems + ([] if answer["value"] == len(answer["rows"]) else ["count != rows"])


def check_growth(records, body, people):
    """This period against the base: rows [base, this]."""
    query, answer = body["query"], body["answer"]
    sums = _row_sums(records, body)
    if query["base_measure"] == "rate":  # a change of two rates, in percentage points
        rates = [s["spent"] / s["budget"] for s in sums]
        shown = [round(r * 100, 4) for r in rates]
        problems = [f"row {row[0]}: {row[1]} != {r}" for row, r in zip(answer["rows"], shown) if row[1] != r]
        expected = round((rates[1] - rates[0]) * 100, 4)
    else:
        base, this = (next(iter(s.values())) for s in sums)
        problems = _rows_add_up(body, sums, ("spent", "budget"))
        expected = Decimal(this - base) / 100 if query["difference"] else round((this - base) / base * 100, 4)
        if query["versus"] == "annual":  # 年均增长: the compound rate per year over the span's years
            years = query["period"]["year_to"] - query["period"]["year_from"]
            expected = round(((this / base) ** (1 / years) - 1) * 100, 4)
        if query["difference"]:
            return problems + ([] if _yuan(answer["value"]) == expected else [f"difference {answer['value']} != {expected}"])
    return problems + ([] if answer["value"] == expected else [f"growth {answer['value']} != {expected}"])


def _row_value(measure, found, key, people):
    """A compared row's value from its records: 元, a rate (%), or spending per resident."""
    if measure == "rate":
        return found["spent"] / found["budget"]
    if measure == "per_capita":
        return found["spent"] / people[key]
    return found["spent" if measure == "spent" else "budget"]


def check_difference(records, body, people):
    """「A比B多多少」: the first row less the second (regions, classes), or the last less the first (years);
    「谁多？多多少」: the larger less the smaller."""
    query, answer = body["query"], body["answer"]
    measure, sums = query["measure"], _row_sums(records, body)
    keys = query["regions"] if query["group"] == "region" else [None] * len(sums)
    values = [_row_value(measure, found, key, people) for found, key in zip(sums, keys)]
    if query.get("topic") == "times":  # 「A是B的几倍」: the first over the second
        problems = _rows_add_up(body, sums, ("spent", "budget"))
        expected = round(values[0] / values[1], 2)
        return problems + ([] if answer["value"] == expected else [f"times {answer['value']} != {expected}"])
    diff = values[-1] - values[0] if query["group"] in ("year", "period") else values[0] - values[1]
    if query.get("gap"):  # 「谁多？多多少」「A和B差多少」: the larger less the smaller
        diff = abs(diff)
    expected = {"rate": lambda d: round(d * 100, 4), "per_capita": lambda d: round(d / 100, 2)}.get(
        measure, lambda d: Decimal(d) / 100)(diff)
    value = _yuan(answer["value"]) if measure in ("spent", "budget") else answer["value"]
    problems = _rows_add_up(body, sums, ("spent", "budget")) if measure in ("spent", "budget") else []
    return problems + ([] if value == expected else [f"difference {answer['value']} != {expected}"])


# ---- project figures -------------------------------------------------------------------------------


def _project_total(records, url, measure, planned=False):
    if measure == "count":
        return records.count(url)
    if measure == "output":
        return records.total(url, PROJECT_AMOUNTS["planned_output" if planned else "output"])
    return records.total(url, PROJECT_AMOUNTS[measure])


def check_projects(records, body, people):
    query, answer = body["query"], body["answer"]
    if query["group"] == "contractor" and query["count_only"]:  # different contractors of the projects listed
        rows = records.rows(body["links"]["records"])
        found = len({r["承建单位"] for r in rows if r.get("承建单位")})
        return [] if answer["value"] == found else [f"contractors {answer['value']} != {found}"]
    found = _project_total(records, body["links"]["records"], query["measure"], query["planned"])
    if query["measure"] == "output":
        return [] if abs(float(found) - answer["value"]) < 1e-6 else [f"output {answer['value']} != {found}"]
    value = answer["value"] if query["measure"] == "count" else _yuan(answer["value"])
    return [] if value == found else [f"{query['measure']} {answer['value']} != records {found}"]


def check_progress(records, body, people):
    found = records.project(body["links"]["records"])["progress_pct"]
    return [] if found == body["answer"]["value"] else [f"progress {body['answer']['value']} != {found}"]


PROJECT_RECORD_FIELDS = {"disbursed": lambda p, planned: p["disbursed"],
                         "investment": lambda p, planned: p["total_investment"],
                         "output": lambda p, planned: (p["output"] or {}).get("planned" if planned else "actual")}


def check_project_record(records, body, people):
    """One named project's figure: the field of its record (the project page's JSON twin; money in 元)."""
    query = body["query"]
    found = PROJECT_RECORD_FIELDS[query["measure"]](records.project(body["links"]["records"]), query["planned"])
    same = found is not None and _yuan(body["answer"]["value"]) == _yuan(found)
    return [] if same else [f"{query['measure']} {body['answer']['value']} != record {found}"]


def check_payments(records, body, people):
    """Money paid to a payee, of a project or for a purpose: the sum of the payments listed behind the answer
    (or, for 几笔, their number), and their number."""
    answer = body["answer"]
    if answer.get("difference"):  # the later year's payments less the earlier's: each year's vouchers, linked
        years = [records.rows(row["records"]["payments"]) for row in body["links"]["rows"]]
        sums = [len(rows) if body["query"]["measure"] == "payments"
                else sum((Decimal(row["金额（元）"] or "0") for row in rows), Decimal(0)) for rows in years]
        return [] if len(sums) == 2 and _yuan(answer["value"]) == sums[1] - sums[0] else \
            [f"change {answer['value']} != records {sums}"]
    rows = records.rows(body["links"]["records"])
    total = sum((Decimal(row["金额（元）"] or "0") for row in rows), Decimal(0))
    if body["query"]["measure"] == "payments":
        total = len(rows)
    if body["query"].get("topic") == "payees":  # the different payees of the vouchers listed
        total = len({row["收款人"] for row in rows})
    if answer.get("per_payment"):  # the mean of the vouchers: their sum over their number
        total = round(total / len(rows), 2)
    problems = [] if _yuan(answer["value"]) == total else [f"paid {answer['value']} != records {total}"]
    return problems + ([] if answer.get("payments") == len(rows) else
                       [f"{answer.get('payments')} payments != {len(rows)} records"])


def check_payment_periods(records, body, people):
    """A purpose's payments in two periods: each row's vouchers summed, their difference (later − earlier) or its
    change in percent."""
    rows = body["answer"]["rows"]
    totals = [sum((Decimal(r["金额（元）"] or "0") for r in records.rows(link["records"]["payments"])), Decimal(0))
              for link in body["links"]["rows"]]
    problems = [f"row {row[0]}: {row[1]} != records {t}" for row, t in zip(rows, totals) if _yuan(row[1]) != t]
    diff = totals[1] - totals[0]
    if body["answer"]["unit"] == "%":
        expected = float(diff / totals[0] * 100)
        return problems + ([] if abs(body["answer"]["value"] - expected) < 0.0001 else
                           [f"change {body['answer']['value']} != {expected}"])
    return problems + ([] if _yuan(body["answer"]["value"]) == diff else [f"difference {body['answer']['value']} != {diff}"])


FACT_PARTS = {"satisfaction": "satisfaction", "unit_cost": "cost", "benefit": "benefit"}  # performance parts
DAYS_BETWEEN = {"award_to_start": ("award_date", "start_date"), "days_late": ("end_date", "completed_date")}


def check_project_fact(records, body, people):
    """One field of a named project (its contract sum, an indicator): the same field of its page's JSON twin."""
    query = body["query"]
    path, _, args = body["links"]["records"].partition("?")
    page = records.client.get(f"{path}.json?{args}").get_json()
    project, contract = page["project"], page["project"]["contract"] or {}
    if query["topic"] == "contract":
        found = contract.get("contract")
    elif query["topic"] == "savings":  # the investment less the contract sum, or that as a share of the investment
        saved = _yuan(project["total_investment"]) - _yuan(contract["contract"])
        found = round(saved / _yuan(project["total_investment"]) * 100, 2) if query["percent_change"] else saved
    elif query["topic"] in DAYS_BETWEEN:  # days from one date of the page to another
        first, then = (dt.date.fromisoformat(project[k] if k in project else contract[k])
                       for k in DAYS_BETWEEN[query["topic"]])
        found = (then - first).days
    else:
        part = next(p for p in page["performance"]["parts"] if p["key"] == FACT_PARTS[query["topic"]])
        found = part["target" if query["planned"] else "actual"]
    same = found is not None and _yuan(body["answer"]["value"]) == _yuan(found)
    return [] if same else [f"{query['topic']} {body['answer']['value']} != page {found}"]


QUARTER_NAMES = "一二三四"


def check_project_quarter(records, body, people):
    """One named project at a quarter's end: the planned and actual 形象进度 of its page's quarter table (and the
    gap, when that is the figure)."""
    answer = body["answer"]
    path, _, args = body["links"]["records"].partition("?")
    page = records.client.get(f"{path}.json?{args}").get_json()
    label = f"{answer['period'][:5]}{QUARTER_NAMES[answer['quarter'] - 1]}季度"
    row = next((r for r in (page.get("quarters") or {}).get("rows", []) if r["label"] == label), None)
    if row is None:
        return [f"no quarter {label} on the project page"]
    want = row["gap"] if answer["unit"] == "个百分点" else row["actual"]
    cells = {r[0]: r[1] for r in answer["rows"]}
    same = answer["value"] == want and cells == {"计划进度": row["planned"], "实际进度": row["actual"]}
    return [] if same else [f"quarter {answer['value']} {cells} != page {row}"]


def check_project_share(records, body, people):
    query, answer = body["query"], body["answer"]
    part_measure = query["base_measure"] if query["base_measure"] in ("investment", "disbursed") else "count"
    whole_measure = (query["share_of"] or {}).get("measure") or part_measure
    urls = [row["records"]["projects"] for row in body["links"]["rows"]]
    part, whole = (_project_total(records, url, m) for url, m in zip(urls, (part_measure, whole_measure)))
    in_fen = [int(v * 100) if m != "count" else v for v, m in ((part, part_measure), (whole, whole_measure))]
    problems = [f"row {row[0]}: {row[1]} != records {v}" for row, v in zip(answer["rows"], (part, whole))
                if (_yuan(row[1]) if not isinstance(row[1], int) else row[1]) != v]
    expected = _rate(*in_fen)
    return problems + ([] if answer["value"] == expected else [f"share {answer['value']} != {expected}"])


def check_project_years(records, body, people):
    """Two years of a project figure: their difference, or its percent change."""
    query, answer = body["query"], body["answer"]
    totals = [_project_total(records, row["records"]["projects"], query["measure"], query["planned"])
              for row in body["links"]["rows"]]
    diff = totals[-1] - totals[0]
    if query["percent_change"] and totals[0]:
        first = totals[0] * 100 if query["measure"] != "count" else totals[0]
        expected = round(float(diff * 100 if query["measure"] != "count" else diff) / float(first) * 100, 4)
        return [] if answer["value"] == expected else [f"change {answer['value']} != {expected}"]
    value = _yuan(answer["value"])
    return [] if abs(value - Decimal(diff)) < Decimal("0.0001") else [f"difference {answer['value']} != {diff}"]


def check_population(records, body, people):
    """The published population: the 人口 of the regions its link lists, added up; a region's share of the whole's
    population: each row's own region, the part over the whole."""
    if body["query"]["measure"] == "share":
        part, whole = (sum(int(r["population"] or 0) for r in records.rows(row["records"]["population"]))
                       for row in body["links"]["rows"])
        expected = round(part * 100 / whole, 2)
        return [] if expected == body["answer"]["value"] else [f"population share {body['answer']['value']} != {expected}"]
    total = sum(int(row["population"] or 0) for row in records.rows(body["links"]["records"]))
    return [] if total == body["answer"]["value"] else [f"population {body['answer']['value']} != records {total}"]


def check_listed(records, body, people):
    """A count of published things (a department's second-level units, a district's townships): the rows of
    the open-data table its link filters, one each."""
    found = records.count(body["links"]["records"])
    return [] if found == body["answer"]["value"] else [f"count {body['answer']['value']} != {found} rows"]


def check_contracts(records, body, people):
    """Contracts awarded (中标合同): the rows of project_contracts its link lists, counted, or their contract
    sums added up."""
    rows, answer = records.rows(body["links"]["records"]), body["answer"]
    want = len(rows) if answer["unit"] == "份" else sum((Decimal(r["contract_yuan"] or "0") for r in rows), Decimal(0))
    if body["query"].get("topic") == "average":  # 合计 ÷ 份数, to the fen
        want = (want * 100 / len(rows)).quantize(Decimal(1), rounding="ROUND_HALF_UP") / 100
    return [] if _yuan(answer["value"]) == want else [f"contracts {answer['value']} != records {want}"]


def check_single_payment(records, body, people):
    """One payment picked out (the largest, the last …): its own voucher, the one record its link lists."""
    rows = records.rows(body["links"]["records"])
    if len(rows) != 1:
        return [f"{len(rows)} records behind one payment"]
    found = _yuan(rows[0]["金额（元）"])
    return [] if _yuan(body["answer"]["value"]) == found else [f"payment {body['answer']['value']} != record {found}"]


def check_average(records, body, people):
    """A total over its count: the records summed (projects, regions' or months' spending, payments), over the
    count the answer states, is the answer; the count of projects is the number of projects listed."""
    query, answer = body["query"], body["answer"]
    url = body["links"]["records"]
    path = url.partition("?")[0]
    if path == "/projects":
        column = "形象进度（%）" if query["measure"] == "progress" else PROJECT_AMOUNTS[query["measure"]]
        rows = records.rows(url)
        total = sum((Decimal((row[column] or "0").rstrip("%")) for row in rows), Decimal(0))
        if len(rows) != answer["count"]:
            return [f"{answer['count']} projects != {len(rows)} listed"]
        if query["measure"] == "progress":
            expected = round(total / len(rows), 2)
            return [] if Decimal(str(answer["value"])) == expected else [f"mean {answer['value']} != {expected}"]
    elif path == "/records/payments":
        total = sum((Decimal(row["金额（元）"] or "0") for row in records.rows(url)), Decimal(0))
    else:
        total = records.total(url)
    expected = (total * 100 / answer["count"]).quantize(Decimal(1), rounding="ROUND_HALF_UP") / 100
    return [] if _yuan(answer["value"]) == expected else [f"mean {answer['value']} != {total} / {answer['count']}"]


def check_median(records, body, people):
    """The middle region's figure (or the two middle ones', halved): each row adds up from its records."""
    answer = body["answer"]
    sums = _row_sums(records, body)
    problems = _rows_add_up(body, sums, ("spent", "budget"))
    fen = [next(iter(found.values())) for found in sums]
    expected = (Decimal(fen[0] + fen[-1]) / 2).quantize(Decimal(1), rounding="ROUND_HALF_UP") / 100
    return problems + ([] if _yuan(answer["value"]) == expected else [f"median {answer['value']} != {expected}"])


def check_plans(records, body, people):
    """Projects' 年度用款计划 of a year: the project_plans rows its link lists, added up; projects behind their plan
    at a quarter's end: the project_quarters rows its link lists whose actual progress is below the planned."""
    rows, answer = records.rows(body["links"]["records"]), body["answer"]
    if body["query"]["topic"] == "quarter_behind":
        want = sum(1 for r in rows if r["actual_pct"] and int(r["actual_pct"]) < int(r["planned_pct"]))
    else:
        want = sum((Decimal(r["plan_yuan"] or "0") for r in rows), Decimal(0))
    return [] if _yuan(answer["value"]) == want else [f"plans {answer['value']} != records {want}"]


def check_performance(records, body, people):
    """One 绩效 indicator across finished projects: the mean of the 实际值 column its records list, or the number
    of those rows whose 实际值 is above (below) their 目标值 or the bound asked."""
    rows, query, answer = records.rows(body["links"]["records"]), body["query"], body["answer"]
    values = [(Decimal(r["目标值"]) if r["目标值"] else None, Decimal(r["实际值"])) for r in rows]
    if query["measure"] == "output":  # a benefit added up: the 实际值 column summed
        want = sum(v for _, v in values)
        return [] if _yuan(answer["value"]) == want else [f"sum {answer['value']} != {want}"]
    if not query["count_only"]:
        want = (sum(v for _, v in values) / len(values)).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
        return [] if _yuan(answer["value"]) == want else [f"mean {answer['value']} != {want}"]
    op = query["threshold"]["op"]
    if op in ("above", "below"):
        want = sum(1 for t, v in values if t is not None and (v > t if op == "above" else v < t))
    else:
        bound = Decimal(str(query["threshold"]["value"])) * 100
        want = sum(1 for _, v in values if (v < bound if op == "<" else v > bound))
    return [] if answer["value"] == want else [f"count {answer['value']} != {want}"]


def check_for(body):
    """The check of an answer with one number, by what its query computed (None: none applies)."""
    query = body["query"]
    kind, measure, group = query["kind"], query["measure"], query["group"]
    if kind == "project" and measure == "paid" and query.get("difference") and query.get("years"):
        return check_payment_periods  # 「某补贴今年比去年同期多发了多少」
    if kind == "project" and measure in ("paid", "payments"):
        return check_payments
    if kind == "single_payment":
        return check_single_payment
    if kind == "performance":
        return check_performance
    if kind == "average" and query.get("topic") == "median_region":
        return check_median
    if kind == "average":
        return check_average
    if kind == "project" and query["project"] and query.get("topic") == "progress_at":
        return check_project_quarter
    if kind == "project" and query["project"] and query.get("topic"):
        return check_project_fact
    if kind == "project" and query["project"] and measure in PROJECT_RECORD_FIELDS:
        return check_project_record
    if kind == "project":
        return {"progress": check_progress, "share": check_project_share}.get(measure) or (
            check_project_years if group == "year" else check_projects)
    if kind == "awards":
        return check_contracts
    if kind == "plans":
        return check_plans
    if kind == "growth":
        return check_growth
    if kind == "population":
        return check_population
    if query.get("topic") in ("units_counted", "class_count") or kind == "members" or (kind == "documents" and query["topic"] == "count"):
        return check_listed
    if kind == "documents" and query["topic"] == "days":
        return check_document_days
    if kind == "comparison" or (kind == "measures" and query.get("difference")):  # 「东部比西部多多少」: two groups
        return check_difference
    if kind == "execution" and group is None and query.get("topic") in ("time_pace", "time_pace_behind"):
        return check_time_pace
    if group is not None:
        if not query["count_only"]:
            return None
        if measure == "growth" and query["base_measure"] != "rate":
            return check_count_of_growth
        return check_count_of_rates if measure == "rate" else check_count_of_amounts
    return {"spent": check_sum, "budget": check_sum, "per_capita": check_per_capita, "rate": check_rate,
            "share": check_share, "remaining": check_remaining}.get(measure)


# ---- the sets --------------------------------------------------------------------------------------

NO_LIMITS = {"RATELIMIT_ENABLED": False, "RATELIMIT_ASK": "100000 per minute"}
SETS = load_sets()


def _portal(instance, dataset, **config):
    from ledger.db import current_publication
    from portal import create_app

    app = create_app({**_config_for(instance), **NO_LIMITS, **config})
    with app.extensions["mingzhang.engine"].connect() as conn:
        oracle = Oracle(conn, current_publication(conn)["id"], dataset=dataset, as_of=DEMO_AS_OF)
        yield app.test_client(), oracle


@pytest.fixture(scope="module")
def city(demo_instance):
    yield from _portal(demo_instance, "city")


@pytest.fixture(scope="module")
def yearbook(yearbook_instance):
    yield from _portal(yearbook_instance, "yearbook", SEARCH_HYBRID=False)


def _people(client):
    regions = client.get("/api/regions").get_json()["regions"]
    people = {r["code"]: r["population"] or 0 for r in regions}
    people["top"] = next((r["population"] or 0 for r in regions if r["level"] == 0), 0)
    return people


@pytest.mark.parametrize("eval_set", SETS, ids=[s.name for s in SETS])
def test_numeric_answers_add_up_from_their_records(eval_set, request, ask_memo):
    checked, problems = 0, []
    for dataset in eval_set.datasets:
        client, oracle = request.getfixturevalue(dataset)
        records, people = Records(client), _people(client)
        for item in (i for i in eval_set.items if i.dataset == dataset):
            question = oracle.question(item)
            _status, body = ask_memo(client, question, DEMO_AS_OF)  # the session's answer (tests/eval/runner.py)
            answer = (body or {}).get("answer") or {}
            if answer.get("kind") != "figure" or not isinstance(answer.get("value"), (int, float)):
                continue
            if body["query"]["kind"] == "supervision":  # a year-end forecast is no sum of records:
                continue  # tests/test_nlq_supervision.py checks it against ledger.supervision's
            check = check_for(body)
            found = check(records, body, people) if check else ["no records check for this figure"]
            checked += 1
            problems += [f"{item.id} 「{question}」: {p}" for p in found]
    print(f"\n{eval_set.name}: {checked} numeric answers added up from their records, {len(problems)} problems")
    assert not problems, "\n".join(problems[:40])
