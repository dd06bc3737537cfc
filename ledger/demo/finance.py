"""Regions, departments, functional classes, annual budgets and monthly spending."""
from dataclasses import dataclass, field

from . import catalog, vocab
from .areas import HOME

FEN = 100
YI_FEN = 100_000_000 * FEN  # one 亿元 in fen
BUDGET_FEN_PER_WEIGHT = 4.5 * YI_FEN  # a department-type weight of 1 = 4.5 亿元 a year citywide
AREA_DISTRICT_DEPT_COUNT = 10  # departments per district of an added area (areas.py)
CITY_SHARE = 0.35  # part of a type's money spent by the city-level department


@dataclass
class Department:
    code: str
    name: str
    region_code: str
    type: catalog.DeptType
    lagging: bool = False  # chronically slow to spend


@dataclass
class Finance:
    regions: list
    towns: dict  # district code -> [(town name, rural)]
    departments: list
    classes: list
    budgets: list = field(default_factory=list)  # rows with budget_fen
    expenditures: list = field(default_factory=list)  # rows with amount_fen

    def departments_of(self, region_code, type_key):
        return [d for d in self.departments if d.region_code == region_code and d.type.key == type_key]


def build_regions(area=HOME):
    """The city (home area only) and the area's districts; towns per district."""
    regions = [{"code": vocab.CITY_CODE, "name": vocab.CITY_NAME, "short_name": "示例", "parent_code": "",
                "level": 0, "population": sum(d[2] for d in vocab.DISTRICTS)}] if area.home else []
    towns = {}
    for index, (code, name, population, kind) in enumerate(area.districts):
        regions.append({"code": code, "name": name, "short_name": name[:-1], "parent_code": vocab.CITY_CODE,
                        "level": 1, "population": population})
        stems = area.town_stems[index * 8:(index + 1) * 8]
        streets = {"urban": 6, "mixed": 4, "rural": 1}[kind]
        towns[code] = [(stem + ("街道" if i < streets else "乡" if i == 7 and kind == "rural" else "镇"), i >= streets)
                       for i, stem in enumerate(stems)]
    return regions, towns


def build_departments(rng, scale, area=HOME):
    """City-level departments (home area only) and each district's; an added area's districts have
    AREA_DISTRICT_DEPT_COUNT departments each (a province of 20 areas: ~2,000 departments)."""
    city_types = catalog.DEPT_TYPES[:max(4, round(len(catalog.DEPT_TYPES) * scale))] if area.home else []
    district_types = [t for t in catalog.DEPT_TYPES if t.district_suffix][
        :max(2, round(catalog.DISTRICT_DEPT_COUNT * scale)) if area.home else AREA_DISTRICT_DEPT_COUNT]
    departments = []
    for seq, dept_type in enumerate(city_types, start=1):
        departments.append(Department(f"{vocab.CITY_CODE}{seq:03d}", dept_type.city_name, vocab.CITY_CODE, dept_type))
    for code, name, _pop, _kind in area.districts:
        for seq, dept_type in enumerate(district_types, start=1):
            suffix = dept_type.district_suffix
            if suffix == "公安分局" and name.endswith("县"):
                suffix = "公安局"
            departments.append(Department(f"{code}{seq:03d}", name + suffix, code, dept_type))
    # A few departments are chronically slow to spend (at least one, for the warnings).
    for dept in departments:
        dept.lagging = rng.random() < 0.06
    if not any(d.lagging for d in departments):
        departments[len(departments) // 2].lagging = True
    return departments


def build_classes(departments):
    used = {code for d in departments for code, _share in d.type.classes}
    rows = [{"code": code, "name": name} for code, name in catalog.CLASSES_LEVEL1.items()]
    rows += [{"code": code, "name": name} for code, name in catalog.CLASSES_LEVEL2.items()
             if code in used or code in {c.class_code for c in catalog.CATEGORIES}]
    return sorted(rows, key=lambda r: r["code"])


def build_finance(rng, scale, years, as_of, area=HOME):
    regions, towns = build_regions(area)
    departments = build_departments(rng, scale, area)
    finance = Finance(regions, towns, departments, build_classes(departments))
    population = {r["code"]: r["population"] for r in regions}
    # An added area's districts share a city's worth of district budgets among themselves.
    total_population = population[vocab.CITY_CODE] if area.home else sum(d[2] for d in area.districts)
    district_factor = _district_execution(rng, area)
    first_year = years[0]
    for dept in departments:
        has_districts = dept.type.district_suffix is not None
        if dept.region_code == vocab.CITY_CODE:
            share = CITY_SHARE if has_districts else 1.0
        else:
            share = (1 - CITY_SHARE) * population[dept.region_code] / total_population
        base = dept.type.weight * BUDGET_FEN_PER_WEIGHT * share * rng.uniform(0.8, 1.2)
        growth = rng.uniform(0.015, 0.085)
        for class_code, class_share in dept.type.classes:
            for year in years:
                budget = base * class_share * (1 + growth) ** (year - first_year) * rng.uniform(0.95, 1.05)
                budget_fen = max(1, round(budget / (1000 * FEN))) * 1000 * FEN  # whole thousands of 元
                finance.budgets.append({"year": year, "region_code": dept.region_code, "dept_code": dept.code,
                                        "class_code": class_code, "budget_fen": budget_fen})
                rate, backload = _execution(rng, dept, district_factor[dept.region_code])
                last_month = as_of.month if year == as_of.year else 12
                for month, amount in enumerate(_monthly(rng, budget_fen * rate, backload)[:last_month], start=1):
                    finance.expenditures.append({"year": year, "month": month, "region_code": dept.region_code,
                                                 "dept_code": dept.code, "class_code": class_code,
                                                 "amount_fen": amount})
    return finance


def _district_execution(rng, area=HOME):
    """Year-end execution level per region; two districts clearly lag behind."""
    factors = {vocab.CITY_CODE: rng.uniform(0.95, 0.99)}
    for code in area.codes:
        factors[code] = rng.uniform(0.93, 1.0)
    laggards = area.codes[8], area.codes[3]  # at home 桂岭县 (990124) and 星桥区 (990104)
    factors[laggards[0]] = 0.80
    factors[laggards[1]] = 0.88
    return factors


def _execution(rng, dept, district_factor):
    """(year-end spending as a share of budget, how strongly spending is pushed to year end)."""
    if dept.lagging:
        return rng.uniform(0.62, 0.8), rng.uniform(1.0, 1.5)
    roll = rng.random()
    if roll < 0.03:  # a one-off bad year for this line
        return rng.uniform(0.55, 0.75), rng.uniform(0.8, 1.2)
    if roll < 0.10:  # budget adjusted up during the year
        return rng.uniform(1.01, 1.08) * district_factor, 0.0
    lag = 1.0 - district_factor
    return min(1.0, district_factor * rng.uniform(0.97, 1.02)), lag * 4


def _monthly(rng, year_total, backload):
    weights = [w * (i + 1) ** backload * rng.uniform(0.85, 1.15) for i, w in enumerate(catalog.MONTH_WEIGHTS)]
    total = sum(weights)
    return [max(0, round(year_total * w / total)) for w in weights]
