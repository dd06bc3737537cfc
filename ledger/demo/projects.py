"""Investment projects with physical outputs, their contractors and progress notes."""
import datetime as dt
from dataclasses import dataclass

from . import catalog, vocab
from .areas import HOME
from .finance import FEN

PROJECTS_AT_SCALE_1 = 2000
COMPANIES_AT_SCALE_1 = 180


@dataclass
class Company:
    name: str
    trade: str


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def build_companies(rng, scale, area=HOME):
    """Contractor pool per trade, in rank order (the first ones win most tenders)."""
    places = [vocab.CITY_NAME] * 4 + [name[:-1] for _c, name, *_ in area.districts]
    companies, seen = {}, set()
    per_trade = max(6, round(COMPANIES_AT_SCALE_1 * scale / len(vocab.COMPANY_TRADES)))
    for trade, suffixes in vocab.COMPANY_TRADES.items():
        pool = []
        while len(pool) < per_trade:
            name = rng.choice(places) + rng.choice(vocab.COMPANY_BRANDS) + rng.choice(suffixes)
            if name not in seen:
                seen.add(name)
                pool.append(Company(name, trade))
        companies[trade] = pool
    return companies


def pick_company(rng, companies, trade):
    pool = companies[trade]
    return rng.choices(pool, [1.0 / (rank + 1) ** 0.9 for rank in range(len(pool))])[0]


def role_title(dept_name):
    return "主任" if dept_name.endswith(("委员会", "办公室")) else "局长"


class ProjectBuilder:
    def __init__(self, rng, finance, persons, officials, companies, years, as_of, district_names, area=HOME):
        self.rng = rng
        self.finance = finance
        self.persons = persons  # identity.PersonFactory
        self.officials = officials  # dept code -> name
        self.companies = companies
        self.years = years
        self.as_of = as_of
        self.district_names = district_names
        self.area = area
        self.sequence = {}
        # Some districts run late more often: comparisons between districts show it.
        self.delay_bias = {code: rng.choice((0.08, 0.1, 0.12, 0.15, 0.3)) for code in area.codes}
        self.delay_bias[area.codes[8]] = 0.35  # at home 桂岭县 (990124)
        self.individual_contractors = []

    def build(self, count):
        rng = self.rng
        year_weights = [self.as_of.month / 12 if y == self.as_of.year else 1.0 for y in self.years]
        districts = self.area.codes
        projects = []
        for _ in range(count):
            category = rng.choices(catalog.CATEGORIES, [c.weight for c in catalog.CATEGORIES])[0]
            year = rng.choices(self.years, year_weights)[0]
            weights = [pop * (2.2 if category.rural and kind == "rural" else 1.0)
                       for _c, _n, pop, kind in self.area.districts]
            district = rng.choices(districts, weights)[0]
            projects.append(self._project(category, year, district))
        projects.sort(key=lambda p: p["code"])
        return projects

    def _department(self, category, district):
        """The district's department for this kind of project; sometimes the city builds it."""
        local = self.finance.departments_of(district, category.dept_type)
        if local and self.rng.random() > 0.08:
            return local[0]
        city = self.finance.departments_of(vocab.CITY_CODE, category.dept_type)
        if city:
            return city[0]
        if local:
            return local[0]
        in_district = [d for d in self.finance.departments if d.region_code == district]
        return in_district[0] if in_district else self.finance.departments[0]

    def _name(self, category, district, town):
        rng = self.rng
        district_name = self.district_names[district]
        return rng.choice(category.templates).format(
            district=district_name, town=town, village=rng.choice(vocab.VILLAGE_STEMS),
            school=rng.choice(vocab.SCHOOL_NAMES), hospital=rng.choice(vocab.HOSPITAL_NAMES),
            park=rng.choice(vocab.PARK_NAMES), estate=rng.choice(vocab.NEIGHBOURHOOD_STEMS),
            n=rng.randint(2, 9))

    def _project(self, category, year, district):
        rng, as_of = self.rng, self.as_of
        dept = self._department(category, district)
        towns = [t for t in self.finance.towns[district] if t[1] == category.rural] or self.finance.towns[district]
        town = rng.choice(towns)[0]
        key = (year, dept.region_code)
        self.sequence[key] = self.sequence.get(key, 0) + 1
        code = f"{year}-{dept.region_code}-{self.sequence[key]:04d}"

        low, high = category.quantity
        # Individual contractors (个体承包) only take on small works.
        individual = rng.random() < category.individual_share
        planned = rng.uniform(low, low + (high - low) * 0.12) if individual else rng.uniform(low, high)
        planned = round(planned, 1) if category.output_unit == "公里" else float(round(planned))
        total_fen = round(planned * rng.uniform(*category.unit_cost) / 100) * 100 * FEN  # whole hundreds of 元
        months = rng.randint(*category.months)
        start = dt.date(year, rng.randint(2, 10), rng.randint(1, 28))
        if year >= as_of.year - 1 and rng.random() < 0.12:
            start = as_of + dt.timedelta(days=rng.randint(10, 150))  # approved, not started yet
        end = add_months(start, months)

        roll = rng.random()
        bias = self.delay_bias[district]
        delay = rng.uniform(1.3, 2.2) if roll < bias else rng.uniform(2.5, 4.0) if roll < bias + 0.03 \
            else rng.uniform(0.85, 1.1)
        actual_days = max(30, round((end - start).days * delay))
        if start > as_of:
            status, progress, completed, actual = "未开工", 0, None, None
            disbursed = round(total_fen * rng.uniform(0, 0.1) / FEN) * FEN if rng.random() < 0.3 else 0
        elif start + dt.timedelta(days=actual_days) <= as_of:
            completed = start + dt.timedelta(days=actual_days)
            status, progress = "已完工", 100
            actual = planned if category.output_unit in DISCRETE_UNITS and rng.random() < 0.8 \
                else _output(planned * rng.uniform(0.96, 1.06), category.output_unit)
            retained = rng.uniform(0.0, 0.05) if (as_of - completed).days < 730 else 0.0
            disbursed = round(total_fen * (1 - retained) / FEN) * FEN
        else:
            completed = None
            elapsed = (as_of - start).days
            progress = max(1, min(98, round(100 * elapsed / actual_days)))
            schedule = min(100, 100 * elapsed / max(1, (end - start).days))
            status = "滞后" if as_of > end or schedule - progress > 25 else "在建"
            actual = _output(planned * progress / 100 * rng.uniform(0.8, 1.0), category.output_unit)
            disbursed = round(total_fen * min(0.95, progress / 100 * rng.uniform(0.7, 1.05)) / FEN) * FEN
        annual_plan = total_fen if months <= 12 else round(total_fen * 12 / months / (1000 * FEN)) * 1000 * FEN

        contractor, contractor_type, person = None, None, None
        if status != "未开工" or rng.random() < 0.4:
            if individual:
                person = self.persons.person(as_of, self.district_names, 28, 65, district=district, rural=True)
                contractor, contractor_type = person.name, "个人"
                self.individual_contractors.append(person)
            else:
                contractor, contractor_type = pick_company(rng, self.companies, category.trade).name, "单位"

        location = f"{self.district_names[district]}{town}"
        name = self._name(category, district, town)
        official = self.officials.get(dept.code)
        description = (f"项目位于{location}，由{dept.name}组织实施，计划{category.output_name}"
                       f"{_number(planned)}{category.output_unit}，总投资{total_fen / FEN / 10_000:.2f}万元，"
                       f"计划工期{months}个月。")
        if official and rng.random() < 0.3:
            description += f"项目责任人为{dept.name}{role_title(dept.name)}{official}。"
        return {
            "code": code, "name": name, "year": year, "region_code": dept.region_code, "dept_code": dept.code,
            "class_code": category.class_code, "category": category.name, "location": location,
            "total_investment_fen": total_fen, "annual_plan_fen": annual_plan, "disbursed_fen": disbursed,
            "output_name": category.output_name, "output_unit": category.output_unit,
            "output_planned": planned, "output_actual": actual, "start_date": start, "end_date": end,
            "completed_date": completed, "status": status, "progress_pct": progress,
            "contractor": contractor, "contractor_type": contractor_type,
            "contractor_id_number": person.id_number if person else None,
            "contractor_phone": person.phone if person else None,
            "description": description,
            # Internal (not written): used for payments and notes.
            "_person": person, "_trade": category.trade, "_district": district, "_town": town,
            "_dept_name": dept.name,
        }


DISCRETE_UNITS = ("个", "张", "套", "户")


def _output(value, unit):
    return round(value, 1) if unit == "公里" else float(round(value))


def _number(value):
    return f"{value:g}" if value != int(value) else str(int(value))


# ---- progress notes --------------------------------------------------------

PLAIN_NOTES = [
    "完成{part}，累计完成形象进度{p}%。",
    "{contractor}组织{workers}名工人、{machines}台机械设备进场作业，施工进展顺利。",
    "监理单位组织隐蔽工程验收，质量合格，进入下一道工序。",
    "受连续降雨影响，施工进度有所放缓，已督促施工单位增加作业人员。",
    "完成年度投资{invest}万元，资金按合同约定拨付。",
    "开展安全生产专项检查，发现问题{n}项，均已整改完毕。",
    "因征地协调未完成，部分路段暂缓施工，正在会同{town}开展协调工作。",
    "材料价格上涨，施工单位申请调整工期，业主单位正在审核。",
    "{town}组织群众代表参与现场质量监督。",
]
OFFICIAL_NOTES = [
    "{dept}{role}{official}带队到现场检查工程质量和安全生产，要求按期完工。",
    "{district}人民政府副{head}{official}主持召开项目推进会，协调解决用地问题。",
]
PERSON_NOTES = [
    "村民{name}（身份证号{id}，电话{phone}）反映施工扬尘问题，已协调处理。",
    "联系人：{name} {phone}",
    "{name}（住{address}）反映房屋墙体出现裂缝，已委托第三方机构鉴定。",
    "青苗补偿款已发放至农户{name}（银行卡号{card}）。",
    "居民{name}来电（{phone}）反映夜间施工噪音扰民，已要求施工单位调整作业时间。",
    "经与被征收户{name}（身份证号{id}）协商一致，签订补偿协议。",
]
PARTS = {"公里": "路基土石方及涵洞施工", "平方米": "主体结构施工", "个": "主体结构封顶", "张": "主体结构及水电安装",
         "套": "主体结构施工", "户": "管网改造及外立面整治", "亩": "土地平整和沟渠建设", "人": "管道铺设"}


def build_updates(rng, projects, persons, officials, as_of, district_names, scale_pool):
    """Progress notes per started project; some mention private persons (raw PII)."""
    rows = []
    for project in projects:
        start = project["start_date"]
        if start > as_of:
            continue
        until = project["completed_date"] or as_of
        span = max(1, (until - start).days)
        count = max(1, min(9, span // 75))
        days = sorted(rng.sample(range(1, span + 1), min(count, span)))
        final = project["progress_pct"]
        previous = 0
        for index, day in enumerate(days):
            date = start + dt.timedelta(days=day)
            if date > as_of:
                break
            progress = final if index == len(days) - 1 else max(previous, round(final * (day / span) * rng.uniform(0.85, 1.05)))
            progress = min(progress, final)
            previous = progress
            if project["completed_date"] and index == len(days) - 1:
                note = "工程已完工，通过竣工验收并交付使用。"
            else:
                note = _note(rng, project, progress, persons, officials, as_of, district_names, scale_pool)
            rows.append({"project_code": project["code"], "date": date, "progress_pct": progress, "note": note})
    return rows


def _note(rng, project, progress, persons, officials, as_of, district_names, pool):
    district = district_names.get(project["region_code"]) or district_names[project["_district"]]
    roll = rng.random()
    if roll < 0.09:
        # Often a person who also appears in payments, sometimes somebody only named here.
        person = rng.choice(pool) if pool and rng.random() < 0.5 else persons.person(
            as_of, district_names, district=project["_district"])
        return rng.choice(PERSON_NOTES).format(name=person.name, id=person.id_number, phone=person.phone,
                                               address=person.address, card=person.bank_card)
    if roll < 0.17:
        official = officials.get(project["dept_code"])
        head = "县长" if district.endswith("县") else "区长" if district.endswith("区") else "市长"
        if official:
            return rng.choice(OFFICIAL_NOTES).format(dept=project["_dept_name"], role=role_title(project["_dept_name"]),
                                                     official=official, district=district, head=head)
    return rng.choice(PLAIN_NOTES).format(
        part=PARTS.get(project["output_unit"], "主体工程"), p=progress,
        contractor=project["contractor"] if project["contractor_type"] == "单位" else "施工单位",
        workers=rng.randint(12, 160), machines=rng.randint(3, 30), n=rng.randint(1, 9), town=project["_town"],
        invest=f"{project['annual_plan_fen'] * rng.uniform(0.3, 1.0) / 100 / 10_000:.2f}")
