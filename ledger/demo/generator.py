"""Build the whole fictional city, then write it as raw files."""
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from . import catalog, vocab
from .areas import HOME, area_count, build_areas, place_words
from .documents import build_documents
from .finance import build_finance
from .identity import PersonFactory
from .payments import build_payments, build_people
from .performance import add_performance
from .projects import (
    PARTS,
    PERSON_NOTES,
    PLAIN_NOTES,
    PROJECTS_AT_SCALE_1,
    ProjectBuilder,
    build_companies,
    build_updates,
)
from .province import write_province
from .supervision import build_contracts, build_plans, build_quarters
from .units import build_townships, build_unit_money, build_units, place_projects, unit_rows
from .writers import RAW_FILES, write_csv, write_xlsx

DEFAULT_SEED = 20240101
YEARS_OF_HISTORY = 5


@dataclass
class Shared:
    """What the areas of a province share so that it stays unique across them."""
    id_numbers: set = field(default_factory=set)  # persons' ID numbers
    payment_counters: dict = field(default_factory=dict)  # year -> last payment sequence


def default_as_of(today=None):
    """The last day of the last full month before today."""
    today = today or dt.date.today()
    return today.replace(day=1) - dt.timedelta(days=1)


def _rng(seed, part, area=HOME):
    # String seeds are hashed with SHA-512 by random.Random: stable across runs and platforms.
    # An added area (province scale) has streams of its own; the home area's are the city's, unchanged.
    return random.Random(f"mingzhang-demo:{seed}:{part}" + ("" if area.home else f":area{area.index}"))


def _reserved_text(companies, area=HOME):
    """Ordinary text a person's name must not occur in (see PersonFactory)."""
    words = [vocab.CITY_NAME] + [d[1] for d in vocab.DISTRICTS] + vocab.TOWN_STEMS + vocab.VILLAGE_STEMS
    words += [] if area.home else place_words([area])
    words += vocab.NEIGHBOURHOOD_STEMS + vocab.SCHOOL_NAMES + vocab.HOSPITAL_NAMES + vocab.PARK_NAMES
    words += vocab.COMPANY_BRANDS + [c.name for pool in companies.values() for c in pool]
    words += list(catalog.CLASSES_LEVEL1.values()) + list(catalog.CLASSES_LEVEL2.values())
    words += [t.city_name for t in catalog.DEPT_TYPES] + [c.output_name for c in catalog.CATEGORIES]
    words += [t for c in catalog.CATEGORIES for t in c.templates] + [p.name for p in catalog.PROGRAMMES]
    words += PLAIN_NOTES + PERSON_NOTES + list(PARTS.values())
    return "|".join(words)


def build(seed=DEFAULT_SEED, as_of=None, scale=1.0, area=HOME, shared=None, payments_factor=1.0):
    """All tables of one area as lists of dicts (amounts in fen, internal keys start with _).

    The home area is the city 示例市; at province scale generate() builds the added areas
    (areas.py) one after another, with ``shared`` carrying what must stay unique across them.
    ``payments_factor``: payments are ~100,000 × scale × this (more subsidy and purchase payments; the
    projects, their payments and the people are those of ``scale``); 1 leaves every row as it was."""
    as_of = as_of or default_as_of()
    shared = shared or Shared()
    years = list(range(as_of.year - YEARS_OF_HISTORY, as_of.year + 1))
    finance = build_finance(_rng(seed, "finance", area), scale, years, as_of, area)
    district_names = {vocab.CITY_CODE: vocab.CITY_NAME, **{code: name for code, name, *_ in area.districts}}
    companies = build_companies(_rng(seed, "companies", area), scale, area)

    officials_rng = _rng(seed, "officials", area)
    name_maker = PersonFactory(officials_rng, finance.towns)
    officials = {}
    for dept in finance.departments:
        officials[dept.code] = name_maker.name(officials_rng.choice(("男", "男", "女")))
    persons = PersonFactory(_rng(seed, "persons", area), finance.towns, reserved_names=officials.values(),
                            reserved_text=_reserved_text(companies, area), used_ids=shared.id_numbers)

    people = build_people(_rng(seed, "people", area), persons, as_of, district_names, scale)
    builder = ProjectBuilder(_rng(seed, "projects", area), finance, persons, officials, companies, years, as_of,
                             district_names, area)
    projects = builder.build(max(20, round(PROJECTS_AT_SCALE_1 * scale)))
    updates = build_updates(_rng(seed, "updates", area), projects, persons, officials, as_of, district_names,
                            people)
    payments = build_payments(_rng(seed, "payments", area), projects, people, companies, years, as_of,
                              scale * payments_factor, shared.payment_counters)
    documents = build_documents(_rng(seed, "documents", area), finance, projects, people, persons, officials,
                                years, as_of, district_names, area)
    departments = [{"code": d.code, "name": d.name, "region_code": d.region_code} for d in finance.departments]
    # Near me and second-level units (issue #17): built last, from new streams only (see units.py).
    townships = build_townships(finance)
    place_projects(projects, townships)
    units = build_units(_rng(seed, "units", area), finance)
    unit_budgets, unit_expenditures = build_unit_money(_rng(seed, "unit-money", area), units, finance)
    # 绩效 targets and results (issue #16): own stream, fills only the performance columns.
    add_performance(_rng(seed, "performance"), projects)
    return {
        "regions": finance.regions, "departments": departments, "func_classes": finance.classes,
        "budgets": finance.budgets, "expenditures": finance.expenditures, "projects": projects,
        "project_updates": updates, "payments": payments, "documents": documents,
        "townships": townships, "units": unit_rows(units), "unit_budgets": unit_budgets,
        "unit_expenditures": unit_expenditures,
        # Supervision tables: new streams only, read after everything above (it stays byte-identical).
        "project_plans": build_plans(_rng(seed, "plans", area), projects, payments, as_of),
        "project_quarters": build_quarters(_rng(seed, "quarters", area), projects, as_of),
        "project_contracts": build_contracts(_rng(seed, "contracts", area), projects, as_of),
    }


def generate(out_dir: Path, seed: int = DEFAULT_SEED, as_of: dt.date | None = None, scale: float = 1.0,
             payments_factor: float = 1.0) -> list[Path]:
    """Write the demo city's raw files into ``out_dir``; same seed, as_of, scale and payments factor give the
    same bytes.

    From scale 1.5 on, the city is a province's worth (areas.py): round(scale) areas of ten districts,
    built and written one area at a time (province.py), so memory stays that of one area.
    ``payments_factor`` multiplies the payments alone (build()): the issue's province is scale 20 with
    payments × 2.5 — 40,000 projects and 5,000,000 payments."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    if payments_factor <= 0:
        raise ValueError("payments_factor must be positive")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    areas = area_count(scale)
    if areas > 1:
        return generate_province(out_dir, seed, as_of, areas, scale / areas, payments_factor)
    tables = build(seed, as_of, scale, payments_factor=payments_factor)
    return [write_csv(out_dir / name, sheets, tables[sheets]) if isinstance(sheets, str)
            else write_xlsx(out_dir / name, [(title, table, tables[table]) for title, table in sheets])
            for name, sheets in RAW_FILES]


def generate_province(out_dir: Path, seed: int, as_of: dt.date | None, areas: int, volume: float,
                      payments_factor: float = 1.0) -> list[Path]:
    """``areas`` cities' worth of districts (areas.py), each with ``volume`` times the city's projects,
    payments and people (payments × ``payments_factor`` more); written one area at a time. generate() at
    scale N: N areas of volume 1."""
    as_of = as_of or default_as_of()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    shared = Shared()
    per_area = (build(seed, as_of, volume, area, shared, payments_factor) for area in build_areas(seed, areas))
    return write_province(out_dir, per_area)
