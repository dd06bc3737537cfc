"""The demo generator: deterministic raw files, realistic personal data, clean publication."""
import csv
import datetime as dt
import hashlib
import re
import sqlite3
from collections import Counter, defaultdict

import pytest
from conftest import DEMO_AS_OF, DEMO_SEED
from openpyxl import load_workbook

from ledger.demo import build, default_as_of, generate
from ledger.importer.layout import LAYOUTS

SMALL = 0.05
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])")
MOBILE = re.compile(r"^1[3-9]\d{9}$")
MOBILE_IN_TEXT = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ADDRESS = re.compile(r"^示例市.+(区|县).+(街道|镇|乡).+(村\d+组\d+号|小区\d+栋\d+单元\d+室)$")


def valid_id(number):
    """GB 11643: 6-digit region, real birth date, ISO 7064 MOD 11-2 check character."""
    if not re.fullmatch(r"\d{17}[\dX]", number) or number[:2] in ("00", "99"):
        return False
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return "10X98765432"[sum(int(d) * w for d, w in zip(number, ID_WEIGHTS)) % 11] == number[17]


def valid_luhn(number):
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def read_sheet(path, title):
    workbook = load_workbook(path, read_only=True)
    rows = workbook[title].iter_rows(values_only=True)
    header = next(rows)
    out = [dict(zip(header, row)) for row in rows]
    workbook.close()
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-small")
    return out, generate(out, seed=DEMO_SEED, as_of=DEMO_AS_OF, scale=SMALL)


@pytest.fixture(scope="module")
def full_raw(demo_instance):
    return demo_instance / "raw" / "city"


def _digests(paths):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_same_seed_gives_identical_bytes(small, tmp_path):
    _out, first = small
    again = generate(tmp_path / "again", seed=DEMO_SEED, as_of=DEMO_AS_OF, scale=SMALL)
    assert _digests(first) == _digests(again)
    other = generate(tmp_path / "other", seed=DEMO_SEED + 1, as_of=DEMO_AS_OF, scale=SMALL)
    assert _digests(other)["payments.csv"] != _digests(first)["payments.csv"]


def test_default_as_of_is_end_of_last_full_month():
    assert default_as_of(dt.date(2026, 11, 15)) == dt.date(2026, 10, 31)
    assert default_as_of(dt.date(2026, 3, 1)) == dt.date(2026, 2, 28)
    assert default_as_of(dt.date(2027, 1, 31)) == dt.date(2026, 12, 31)


def test_files_use_the_documented_layout_with_chinese_headers(small):
    out, paths = small
    names = {p.name for p in paths}
    assert {"payments.csv", "expenditures.csv", "documents.csv", "项目.xlsx", "预算单位.xlsx"} <= names
    assert all(p.parent == out and p.exists() for p in paths)
    for table in ("payments", "expenditures", "documents"):
        with open(out / f"{table}.csv", encoding="utf-8-sig") as fh:
            header = next(csv.reader(fh))
        assert header == [c.label for c in LAYOUTS[table].columns]
    workbook = load_workbook(out / "项目.xlsx", read_only=True)
    assert workbook.sheetnames == ["项目", "项目进展"]
    assert [c.value for c in next(workbook["项目"].iter_rows(max_row=1))] == [c.label for c in LAYOUTS["projects"].columns]
    workbook.close()


def test_payments_carry_realistic_personal_data(small):
    out, _paths = small
    payments = read_csv(out / "payments.csv")
    persons = [p for p in payments if p["收款人类型"] == "个人"]
    companies = [p for p in payments if p["收款人类型"] == "单位"]
    assert len(persons) > len(payments) * 0.5 and companies
    for row in persons:
        assert valid_id(row["收款人身份证号"]), row
        assert MOBILE.match(row["收款人电话"]), row
        assert valid_luhn(row["收款账号"]) and len(row["收款账号"]) in (16, 19), row
        assert ADDRESS.match(row["收款人住址"]), row
        assert 2 <= len(row["收款人"]) <= 3
    assert any("村" in r["收款人住址"] for r in persons) and any("小区" in r["收款人住址"] for r in persons)
    assert all(not r["收款人身份证号"] and "有限公司" in r["收款人"] for r in companies)
    # The same person is paid several times.
    per_person = Counter(r["收款人身份证号"] for r in persons)
    assert sum(1 for n in per_person.values() if n >= 3) > len(per_person) * 0.2
    # Vouchers are unique; amounts are positive with two decimals.
    assert len({r["凭证号"] for r in payments}) == len(payments)
    assert all(re.fullmatch(r"\d+\.\d\d", r["金额（元）"]) and float(r["金额（元）"]) > 0 for r in payments)
    assert all(r["支付日期"] <= DEMO_AS_OF.isoformat() for r in payments)


def test_free_text_mentions_private_persons(small):
    out, _paths = small
    notes = [r["进展说明"] or "" for r in read_sheet(out / "项目.xlsx", "项目进展")]
    bodies = [r["正文"] for r in read_csv(out / "documents.csv")]
    for texts in (notes, bodies):
        ids = [m for t in texts for m in ID_IN_TEXT.findall(t)]
        assert ids and all(valid_id(i) for i in ids)
        assert any(MOBILE_IN_TEXT.search(t) for t in texts)
    assert any("局长" in n for n in notes)  # officials in role stay in the text
    projects = read_sheet(out / "项目.xlsx", "项目")
    individuals = [p for p in projects if p["承建方类型"] == "个人"]
    assert all(valid_id(p["承建人身份证号"]) and MOBILE.match(p["承建人联系电话"]) for p in individuals)
    assert re.fullmatch(r"\d{4}-99\d{4}-\d{4}", projects[0]["项目编号"])


def test_small_scale_publishes_cleanly(small, tmp_path):
    from ledger.db import make_engine
    from ledger.importer.publish import publish

    out, paths = small
    engine = make_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    publication = publish(engine, paths, pseudonym_key="k", dataset="city", title="示例市", is_demo=True)
    engine.dispose()
    assert publication["status"] == "published"
    assert publication["as_of"] == DEMO_AS_OF
    payments = read_csv(out / "payments.csv")
    counts = publication["row_counts"]
    assert counts["payments"] == len(payments)
    assert counts["regions"] == 11 and counts["projects"] == round(2000 * SMALL)
    with sqlite3.connect(tmp_path / "demo.db") as db:
        published_ids = db.execute("select count(*) from payments where payee_type = '个人' "
                                   "and payee in (select payee from payments where payee_type = '单位')").fetchone()
        raw_name = next(p["收款人"] for p in payments if p["收款人类型"] == "个人")
        leaked = db.execute("select count(*) from payments where payee = ?", (raw_name,)).fetchone()[0]
    assert published_ids[0] == 0 and leaked == 0


def test_rejects_nonpositive_scale(tmp_path):
    with pytest.raises(ValueError):
        generate(tmp_path, scale=0)


def test_cli_scale_option_reaches_the_generator(tmp_path, monkeypatch):
    """`mingzhang demo --scale N` (bench/scale.py): N times the projects and payments of the demo city."""
    from click.testing import CliRunner

    from portal.cli import main

    monkeypatch.setenv("MINGZHANG_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    monkeypatch.setenv("PSEUDONYM_KEY", "test-pseudonym-key")
    out = tmp_path / "raw"
    result = CliRunner().invoke(main, ["demo", "--no-publish", "--scale", "0.02", "--out", str(out),
                                       "--as-of", DEMO_AS_OF.isoformat(), "--seed", str(DEMO_SEED)])
    assert result.exit_code == 0, result.output
    assert "--scale 0.02" in result.output  # the command that rebuilds the same data
    assert 1_500 <= len(read_csv(out / "payments.csv")) <= 2_500  # ~100,000 × 0.02
    assert CliRunner().invoke(main, ["demo", "--no-publish", "--scale", "0", "--out", str(out)]).exit_code != 0


def test_cli_payments_factor_multiplies_the_payments_alone(tmp_path, monkeypatch):
    """`mingzhang demo --payments-factor F`: ~100,000 × N × F payments; the projects are those of --scale."""
    from click.testing import CliRunner

    from portal.cli import main

    monkeypatch.setenv("MINGZHANG_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    monkeypatch.setenv("PSEUDONYM_KEY", "test-pseudonym-key")
    out = tmp_path / "raw"
    result = CliRunner().invoke(main, ["demo", "--no-publish", "--scale", "0.02", "--payments-factor", "2.5",
                                       "--out", str(out), "--as-of", DEMO_AS_OF.isoformat(), "--seed", str(DEMO_SEED)])
    assert result.exit_code == 0, result.output
    assert "--scale 0.02 --payments-factor 2.5" in result.output  # the command that rebuilds the same data
    assert len(read_csv(out / "payments.csv")) == round(100_000 * 0.02 * 2.5)
    plain = build(seed=DEMO_SEED, as_of=DEMO_AS_OF, scale=0.02)
    more = build(seed=DEMO_SEED, as_of=DEMO_AS_OF, scale=0.02, payments_factor=2.5)
    assert len(more["payments"]) == round(2.5 * len(plain["payments"]))
    assert more["projects"] == plain["projects"] and more["departments"] == plain["departments"]

    def project_payments(rows):  # the voucher numbers run on through the extra payments
        return [{k: v for k, v in p.items() if k != "id"} for p in rows if p["project_code"]]

    assert project_payments(more["payments"]) == project_payments(plain["payments"])
    assert len({p["id"] for p in more["payments"]}) == len(more["payments"])
    assert CliRunner().invoke(main, ["demo", "--no-publish", "--payments-factor", "0", "--out", str(out)]).exit_code != 0


# ---- the full-scale build shared by the suite -------------------------------------------------

def test_full_scale_row_counts(full_raw, demo_instance):
    payments = read_csv(full_raw / "payments.csv")
    assert 95_000 <= len(payments) <= 105_000
    projects = read_sheet(full_raw / "项目.xlsx", "项目")
    assert 1_900 <= len(projects) <= 2_100
    departments = read_sheet(full_raw / "预算单位.xlsx", "预算单位")
    assert 70 <= len(departments) <= 100
    documents = read_csv(full_raw / "documents.csv")
    assert 30 <= len(documents) <= 60
    regions = read_sheet(full_raw / "预算单位.xlsx", "地区")
    assert [r["层级"] for r in regions].count(1) == 10
    with sqlite3.connect(demo_instance / "mingzhang.db") as db:
        published = db.execute("select count(*) from payments").fetchone()[0]
    assert published == len(payments)
    # Natural persons recur across many payments.
    persons = Counter(p["收款人身份证号"] for p in payments if p["收款人类型"] == "个人")
    assert 5_000 <= len(persons) <= 40_000 and max(persons.values()) >= 5


def test_full_scale_data_is_interesting_to_compare(full_raw):
    expenditures = read_csv(full_raw / "expenditures.csv")
    budgets = read_sheet(full_raw / "年度预算.xlsx", "年度预算")
    years = sorted({int(r["年度"]) for r in budgets})
    assert years == list(range(DEMO_AS_OF.year - 5, DEMO_AS_OF.year + 1))
    months_now = {int(r["月份"]) for r in expenditures if int(r["年度"]) == DEMO_AS_OF.year}
    assert months_now == set(range(1, DEMO_AS_OF.month + 1))

    budget_by_year = defaultdict(float)
    dept_budget = defaultdict(float)
    for r in budgets:
        budget_by_year[int(r["年度"])] += float(r["预算数（元）"])
        dept_budget[(int(r["年度"]), r["单位代码"])] += float(r["预算数（元）"])
    assert all(budget_by_year[a] < budget_by_year[b] for a, b in zip(years, years[1:]))  # growth

    by_month = defaultdict(float)
    dept_h1 = defaultdict(float)
    for r in expenditures:
        year, month = int(r["年度"]), int(r["月份"])
        by_month[(year, month)] += float(r["支出数（元）"])
        if month <= 6:
            dept_h1[(year, r["单位代码"])] += float(r["支出数（元）"])
    for year in years[:-1]:
        others = sum(by_month[(year, m)] for m in range(1, 12)) / 11
        assert by_month[(year, 12)] > 1.4 * others  # December spike
        assert by_month[(year, 1)] < others  # slow start
    rates = [dept_h1[(DEMO_AS_OF.year, d)] / b for (y, d), b in dept_budget.items() if y == DEMO_AS_OF.year]
    slow = [r for r in rates if r < 0.5 * 0.75]
    assert 1 <= len(slow) <= len(rates) * 0.3  # a few clearly lagging units, not most
    assert sorted(rates)[len(rates) // 2] > 0.40  # the typical unit is near schedule

    projects = read_sheet(full_raw / "项目.xlsx", "项目")
    assert {"未开工", "在建", "已完工", "滞后"} <= {p["项目状态"] for p in projects}
    winners = Counter(p["承建单位"] for p in projects if p["承建方类型"] == "单位")
    assert winners.most_common(1)[0][1] >= 25  # a few contractors win many tenders
    roads = [p for p in projects if p["项目类别"] == "农村公路" and p["计量单位"] == "公里"]
    assert len(roads) > 200
