"""Build the whole fictional city, then write it as raw files."""
import datetime as dt
import random
from pathlib import Path

from . import catalog, vocab
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
from .supervision import build_contracts, build_plans, build_quarters
from .units import build_townships, build_unit_money, build_units, place_projects, unit_rows
from .writers import write_csv, write_xlsx

DEFAULT_SEED = 20240101
YEARS_OF_HISTORY = 5


def default_as_of(today=None):
    """The last day of the last full month before today."""
    today = today or dt.date.today()
    return today.replace(day=1) - dt.timedelta(days=1)


def _rng(seed, part):
    # String seeds are hashed with SHA-512 by random.Random: stable across runs and platforms.
    return random.Random(f"mingzhang-demo:{seed}:{part}")


def _reserved_text(companies):
    """Ordinary text a person's name must not occur in (see PersonFactory)."""
    words = [vocab.CITY_NAME] + [d[1] for d in vocab.DISTRICTS] + vocab.TOWN_STEMS + vocab.VILLAGE_STEMS
    words += vocab.NEIGHBOURHOOD_STEMS + vocab.SCHOOL_NAMES + vocab.HOSPITAL_NAMES + vocab.PARK_NAMES
    words += vocab.COMPANY_BRANDS + [c.name for pool in companies.values() for c in pool]
    words += list(catalog.CLASSES_LEVEL1.values()) + list(catalog.CLASSES_LEVEL2.values())
    words += [t.city_name for t in catalog.DEPT_TYPES] + [c.output_name for c in catalog.CATEGORIES]
    words += [t for c in catalog.CATEGORIES for t in c.templates] + [p.name for p in catalog.PROGRAMMES]
    words += PLAIN_NOTES + PERSON_NOTES + list(PARTS.values())
    return "|".join(words)


def build(seed=DEFAULT_SEED, as_of=None, scale=1.0):
    """All tables as lists of dicts (amounts in fen, internal keys start with _)."""
    as_of = as_of or default_as_of()
    years = list(range(as_of.year - YEARS_OF_HISTORY, as_of.year + 1))
    finance = build_finance(_rng(seed, "finance"), scale, years, as_of)
    district_names = {vocab.CITY_CODE: vocab.CITY_NAME, **{code: name for code, name, *_ in vocab.DISTRICTS}}
    companies = build_companies(_rng(seed, "companies"), scale)

    officials_rng = _rng(seed, "officials")
    name_maker = PersonFactory(officials_rng, finance.towns)
    officials = {}
    for dept in finance.departments:
        officials[dept.code] = name_maker.name(officials_rng.choice(("男", "男", "女")))
    persons = PersonFactory(_rng(seed, "persons"), finance.towns, reserved_names=officials.values(),
                            reserved_text=_reserved_text(companies))

    people = build_people(_rng(seed, "people"), persons, as_of, district_names, scale)
    builder = ProjectBuilder(_rng(seed, "projects"), finance, persons, officials, companies, years, as_of,
                             district_names)
    projects = builder.build(max(20, round(PROJECTS_AT_SCALE_1 * scale)))
    updates = build_updates(_rng(seed, "updates"), projects, persons, officials, as_of, district_names, people)
    payments = build_payments(_rng(seed, "payments"), projects, people, companies, years, as_of, scale)
    documents = build_documents(_rng(seed, "documents"), finance, projects, people, persons, officials, years,
                                as_of, district_names)
    departments = [{"code": d.code, "name": d.name, "region_code": d.region_code} for d in finance.departments]
    # Near me and second-level units (issue #17): built last, from new streams only (see units.py).
    townships = build_townships(finance)
    place_projects(projects, townships)
    units = build_units(_rng(seed, "units"), finance)
    unit_budgets, unit_expenditures = build_unit_money(_rng(seed, "unit-money"), units, finance)
    # 绩效 targets and results (issue #16): own stream, fills only the performance columns.
    add_performance(_rng(seed, "performance"), projects)
    return {
        "regions": finance.regions, "departments": departments, "func_classes": finance.classes,
        "budgets": finance.budgets, "expenditures": finance.expenditures, "projects": projects,
        "project_updates": updates, "payments": payments, "documents": documents,
        "townships": townships, "units": unit_rows(units), "unit_budgets": unit_budgets,
        "unit_expenditures": unit_expenditures,
        # Supervision tables: new streams only, read after everything above (it stays byte-identical).
        "project_plans": build_plans(_rng(seed, "plans"), projects, payments, as_of),
        "project_quarters": build_quarters(_rng(seed, "quarters"), projects, as_of),
        "project_contracts": build_contracts(_rng(seed, "contracts"), projects, as_of),
    }


def generate(out_dir: Path, seed: int = DEFAULT_SEED, as_of: dt.date | None = None, scale: float = 1.0) -> list[Path]:
    """Write the demo city's raw files into ``out_dir``; same seed and as_of give the same bytes."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = build(seed, as_of, scale)
    return [
        write_xlsx(out_dir / "预算单位.xlsx", [("地区", "regions", tables["regions"]),
                                            ("预算单位", "departments", tables["departments"]),
                                            ("功能分类科目", "func_classes", tables["func_classes"])]),
        write_xlsx(out_dir / "年度预算.xlsx", [("年度预算", "budgets", tables["budgets"])]),
        write_csv(out_dir / "expenditures.csv", "expenditures", tables["expenditures"]),
        write_xlsx(out_dir / "项目.xlsx", [("项目", "projects", tables["projects"]),
                                         ("项目进展", "project_updates", tables["project_updates"])]),
        write_csv(out_dir / "payments.csv", "payments", tables["payments"]),
        write_csv(out_dir / "documents.csv", "documents", tables["documents"]),
        write_csv(out_dir / "townships.csv", "townships", tables["townships"]),
        write_xlsx(out_dir / "二级预算单位.xlsx", [("二级预算单位", "units", tables["units"]),
                                               ("二级单位预算", "unit_budgets", tables["unit_budgets"])]),
        write_csv(out_dir / "unit_expenditures.csv", "unit_expenditures", tables["unit_expenditures"]),
        write_xlsx(out_dir / "项目计划与合同.xlsx", [
            ("项目分年度计划", "project_plans", tables["project_plans"]),
            ("项目季度进度", "project_quarters", tables["project_quarters"]),
            ("项目合同", "project_contracts", tables["project_contracts"])]),
    ]
