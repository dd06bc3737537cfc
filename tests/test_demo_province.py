"""`mingzhang demo --scale N` at province scale (issue #14): N cities' worth of districts with unique names,
written in bounded memory, importable — and scale 1 still the very same demo city, row for row."""
import csv
import hashlib
import json
import sqlite3

import pytest
from conftest import DEMO_AS_OF, DEMO_SEED
from openpyxl import load_workbook

from ledger.db import make_engine
from ledger.demo import build, vocab
from ledger.demo import province as writer
from ledger.demo.areas import build_areas
from ledger.demo.generator import generate_province
from ledger.importer.publish import publish

# SHA-256 (first 16 hex) and row count of every table build() gives at scale 1 (seed 20240101, as of
# 2026-10-31), over the columns each had at commit b501ffb: evaluation sets, tests and cached demo
# publications depend on these rows. A column added later (projects' performance targets) is not hashed.
SCALE_1 = {
    "budgets": ("29f4afca1fb817b0", 1446), "departments": ("d9b5455920b3746e", 87),
    "documents": ("a7afe23a8320a036", 40), "expenditures": ("d44048c7cdaf65e7", 16870),
    "func_classes": ("e7abd1c500fdacd5", 69), "payments": ("780e7600b5c6154e", 100000),
    "project_contracts": ("fddce17aef60c4cf", 1954), "project_plans": ("54e8d2b5643b2be9", 2462),
    "project_quarters": ("77cb52191e3e1072", 11000), "project_updates": ("8076176050fd5a67", 8076),
    "projects": ("90401986ff3fd53c", 2000), "regions": ("4332a3f41343b587", 11),
    "townships": ("877e0791797eeb41", 80), "unit_budgets": ("16ea0c609249b6ef", 1194),
    "unit_expenditures": ("e0fd2a13435439cd", 13930), "units": ("42a30145dfa21147", 199),
}
PROJECT_COLUMNS_AT_B501FFB = (
    "annual_plan_fen", "category", "class_code", "code", "completed_date", "contractor", "contractor_id_number",
    "contractor_phone", "contractor_type", "dept_code", "description", "disbursed_fen", "end_date", "location",
    "name", "output_actual", "output_name", "output_planned", "output_unit", "progress_pct", "region_code",
    "start_date", "status", "total_investment_fen", "township_code", "year")
AREAS, VOLUME = 3, 0.02  # three cities' worth of districts, each with 2% of the city's rows: a quick import


def _digest(rows, keys):
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps([row.get(k) for k in keys], ensure_ascii=False, default=str).encode() + b"\n")
    return digest.hexdigest()[:16]


def test_scale_1_rows_are_unchanged():
    tables = build(seed=DEMO_SEED, as_of=DEMO_AS_OF, scale=1)
    assert set(tables) >= set(SCALE_1)
    for name, expected in SCALE_1.items():
        rows = tables[name]
        keys = PROJECT_COLUMNS_AT_B501FFB if name == "projects" else sorted(k for k in rows[0] if k[0] != "_")
        assert (_digest(rows, keys), len(rows)) == expected, name


def test_area_names_are_unique_and_not_the_city_s_own():
    areas = build_areas(DEMO_SEED, 50)
    districts = [d for area in areas for d in area.districts]
    assert len(districts) == 500
    assert len({code for code, *_ in districts}) == len({name for _c, name, *_ in districts}) == 500
    assert all(name[-1] in "区县" and len(name) == 3 for _c, name, *_ in districts)
    assert areas[0].districts == tuple(vocab.DISTRICTS)
    own_words = {name[:-1] for _c, name, *_ in vocab.DISTRICTS} | set(vocab.TOWN_STEMS)
    assert not own_words & {stem for area in areas[1:] for stem in area.town_stems}
    assert all(len(set(area.town_stems)) == len(area.town_stems) for area in areas)
    assert build_areas(DEMO_SEED, 3)[1:] == areas[1:3]  # the same names whatever the scale
    assert build_areas(DEMO_SEED + 1, 3)[1] != areas[1]


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """Three areas' raw files, with payments split every 2,500 rows as ×11 and up split every 1,000,000."""
    patch = pytest.MonkeyPatch()
    patch.setattr(writer, "ROWS_PER_FILE", 2_500)
    out = tmp_path_factory.mktemp("province")
    yield out, generate_province(out, DEMO_SEED, DEMO_AS_OF, AREAS, VOLUME)
    patch.undo()


def _sheet(path, title):
    workbook = load_workbook(path, read_only=True)
    rows = list(workbook[title].iter_rows(values_only=True))
    workbook.close()
    return rows[1:]


def test_three_areas_make_three_times_the_districts(province):
    out, _paths = province
    regions = _sheet(out / "预算单位.xlsx", "地区")
    districts = [r for r in regions if r[4] == 1]
    assert len(districts) == AREAS * len(vocab.DISTRICTS)
    assert len({r[1] for r in districts}) == len(districts)  # unique names
    city = next(r for r in regions if r[4] == 0)
    assert city[0] == vocab.CITY_CODE and city[5] == sum(r[5] for r in districts)
    with open(out / "townships.csv", encoding="utf-8-sig", newline="") as fh:
        towns = list(csv.DictReader(fh))
    assert len(towns) == 8 * len(districts) and len({t["乡镇街道名称"] for t in towns}) == len(towns)
    departments = _sheet(out / "预算单位.xlsx", "预算单位")
    assert {d[2] for d in departments} == {r[0] for r in regions}  # every district has departments


def test_long_tables_go_on_in_further_files(province):
    out, paths = province
    parts = [p for p in paths if p.name == "payments.csv"]
    assert parts[0] == out / "payments.csv" and parts[1:] == [out / f"payments-{n}" / "payments.csv"
                                                               for n in range(2, len(parts) + 1)]
    counts = []
    for part in parts:
        with open(part, encoding="utf-8-sig", newline="") as fh:
            counts.append(sum(1 for _ in csv.reader(fh)) - 1)
    assert len(parts) == 3 and counts[:-1] == [2_500, 2_500] and 0 < counts[-1] <= 2_500


def test_province_imports_cleanly_with_unique_keys(province, tmp_path):
    out, paths = province
    engine = make_engine(f"sqlite:///{tmp_path / 'province.db'}")
    publication = publish(engine, paths, pseudonym_key="k", dataset="city", title="示例市", is_demo=True)
    engine.dispose()
    assert publication["status"] == "published"
    counts = publication["row_counts"]
    assert counts["regions"] == 1 + AREAS * len(vocab.DISTRICTS)
    assert counts["payments"] == round(100_000 * VOLUME) * AREAS  # every part imported
    with sqlite3.connect(tmp_path / "province.db") as db:
        per_district = dict(db.execute("select region_code, count(*) from projects group by region_code"))
        persons = db.execute("select count(distinct payee) from payments where payee_type = '个人'").fetchone()[0]
    assert sum(code[2:4] not in ("00", "01") for code in per_district) >= len(vocab.DISTRICTS)  # added areas build
    assert persons > 0


def test_province_files_are_reproducible(province, tmp_path):
    out, paths = province
    again = generate_province(tmp_path, DEMO_SEED, DEMO_AS_OF, AREAS, VOLUME)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]


def test_payments_factor_gives_each_area_more_payments(tmp_path):
    """The issue's province is `--scale 20 --payments-factor 2.5`: here two areas of 2%, payments × 2.5."""
    paths = generate_province(tmp_path, DEMO_SEED, DEMO_AS_OF, 2, VOLUME, payments_factor=2.5)
    payments = []
    for part in (p for p in paths if p.name == "payments.csv"):  # split into parts as ×11 and up are
        with open(part, encoding="utf-8-sig", newline="") as fh:
            payments += list(csv.DictReader(fh))
    assert len(payments) == 2 * round(100_000 * VOLUME * 2.5)
    assert len({p["凭证号"] for p in payments}) == len(payments)
    plain = generate_province(tmp_path / "plain", DEMO_SEED, DEMO_AS_OF, 2, VOLUME)
    projects = [p for p in paths if p.name == "项目.xlsx"][0]
    assert _sheet(projects, "项目") == _sheet([p for p in plain if p.name == "项目.xlsx"][0], "项目")
