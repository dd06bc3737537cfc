"""Townships (乡镇/街道) and second-level budget units (二级预算单位) of the demo city.

Both were added after the demo's first release, when evaluation sets already named its projects
and figures: they read the finance and projects built before them and draw only from their own
random streams (generator._rng parts "units" and "unit-money"), so every other table stays
byte-identical. Townships need no randomness at all: they are the towns the projects were placed in.
"""
from collections import defaultdict
from dataclasses import dataclass

from . import vocab
from .finance import FEN

# Department type -> what hangs under it: (款 the units spend, unit name suffixes, kind, (fewest, most)).
# Units named after towns (基层医疗卫生机构) use "{town}" and are picked from the district's towns.
UNIT_TYPES = {
    "edu": (("20501", ("教师发展中心",), "事业单位", (1, 1)),
            ("20502", ("实验小学", "第一中学", "第二中学", "第三小学", "育才中学", "中心小学", "实验中学",
                       "第四小学", "外国语学校", "第五中学"), "学校", (3, 5)),
            ("20503", ("职业中学",), "学校", (1, 1))),
    "health": (("21002", ("人民医院", "中医院", "第二人民医院"), "医院", (2, 3)),
               ("21003", ("{town}",), "医院", (2, 3)),
               ("21004", ("疾病预防控制中心", "妇幼保健院"), "事业单位", (1, 2))),
    "transport": (("21401", ("公路事业发展中心",), "事业单位", (1, 1)),),
    "civil": (("20810", ("社会福利院",), "事业单位", (1, 1)), ("20820", ("救助管理站",), "事业单位", (1, 1))),
    "agri": (("21301", ("农业技术推广中心",), "事业单位", (1, 1)),),
    "housing": (("22101", ("住房保障服务中心",), "事业单位", (1, 1)),),
    "water": (("21303", ("水库管理所",), "事业单位", (1, 1)),),
    "hrss": (("20805", ("社会保险事业管理中心",), "事业单位", (1, 1)), ("20807", ("就业服务中心",), "事业单位", (1, 1))),
    "urban": (("21205", ("环境卫生管理处",), "事业单位", (1, 1)),),
    "eco": (("21103", ("生态环境监测站",), "事业单位", (1, 1)),),
    "culture": (("20701", ("图书馆", "文化馆"), "事业单位", (2, 2)), ("20702", ("博物馆",), "事业单位", (1, 1)),
                ("20703", ("体育中心",), "事业单位", (1, 1))),
}
# Share of a 款 line its units spend together (the rest is the department's own office, 本级).
LINE_SHARE = {"学校": (0.62, 0.85), "医院": (0.55, 0.8), "事业单位": (0.3, 0.6)}


@dataclass
class Unit:
    code: str
    name: str
    dept_code: str
    kind: str
    class_code: str
    share: float  # of each of its department's rows under class_code


def build_townships(finance):
    """Rows of the townships table: eight towns per district, codes district code + 001…008."""
    return [{"code": f"{district}{index:03d}", "name": name, "region_code": district}
            for district, towns in finance.towns.items() for index, (name, _rural) in enumerate(towns, start=1)]


def place_projects(projects, townships):
    """Each project's township code, from the town it was generated in (no random draw)."""
    codes = {(t["region_code"], t["name"]): t["code"] for t in townships}
    for project in projects:
        project["township_code"] = codes.get((project["_district"], project["_town"]))


def build_units(rng, finance):
    """Second-level units of every department whose type has them."""
    places = {r["code"]: r["name"] for r in finance.regions}
    units = []
    for dept in finance.departments:
        lines = {code for code, _share in dept.type.classes}
        prefix = vocab.CITY_NAME if dept.region_code == vocab.CITY_CODE else places[dept.region_code]
        seq = 0
        for class_code, suffixes, kind, (fewest, most) in UNIT_TYPES.get(dept.type.key, ()):
            if class_code not in lines:
                continue
            names = _unit_names(rng, suffixes, prefix, finance.towns.get(dept.region_code, ()), fewest, most)
            if not names:
                continue
            weights = [rng.uniform(0.5, 1.5) for _ in names]
            line_share = rng.uniform(*LINE_SHARE[kind])
            for name, weight in zip(names, weights):
                seq += 1
                units.append(Unit(f"{dept.code}{seq:02d}", name, dept.code, kind, class_code, line_share * weight / sum(weights)))
    return units


def _unit_names(rng, suffixes, prefix, towns, fewest, most):
    if suffixes == ("{town}",):  # township health centres: only districts have towns
        chosen = rng.sample(list(towns), min(len(towns), rng.randint(fewest, most))) if towns else []
        return [f"{town}{'社区卫生服务中心' if town.endswith('街道') else '卫生院'}" for town, _rural in chosen]
    count = min(len(suffixes), rng.randint(fewest, most))
    return [prefix + suffix for suffix in rng.sample(list(suffixes), count)]


def build_unit_money(rng, units, finance):
    """(unit budget rows, unit monthly spending rows): each unit's share of its department's rows.

    A unit's budget varies a little around its share; its spending follows the department's months
    at a pace of its own (some units spend faster than their department, some slower). Shares of a
    line add up to at most 0.85, so units never exceed their department."""
    by_line = defaultdict(list)
    for unit in units:
        by_line[(unit.dept_code, unit.class_code)].append(unit)
    budgets, spending, pace = [], [], {}
    for row in finance.budgets:
        for unit in by_line.get((row["dept_code"], row["class_code"]), ()):
            budget = round(row["budget_fen"] * unit.share * rng.uniform(0.97, 1.03) / (1000 * FEN)) * 1000 * FEN
            budgets.append({"year": row["year"], "unit_code": unit.code, "class_code": row["class_code"],
                            "budget_fen": budget})
            pace[(unit.code, row["year"])] = rng.uniform(0.9, 1.06)
    for row in finance.expenditures:
        for unit in by_line.get((row["dept_code"], row["class_code"]), ()):
            amount = round(row["amount_fen"] * unit.share * pace[(unit.code, row["year"])])
            spending.append({"year": row["year"], "month": row["month"], "unit_code": unit.code,
                             "class_code": row["class_code"], "amount_fen": amount})
    return budgets, spending


def unit_rows(units):
    return [{"code": u.code, "name": u.name, "dept_code": u.dept_code, "kind": u.kind} for u in units]
