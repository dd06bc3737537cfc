"""Budget reports, final accounts, audit follow-ups and white papers, written from the data."""
import datetime as dt
from collections import defaultdict

from . import catalog, vocab
from .areas import HOME
from .finance import FEN


def _yi(fen):
    return f"{fen / FEN / 100_000_000:.2f}亿元"


def _wan(fen):
    return f"{fen / FEN / 10_000:.2f}万元"


def _pct(part, whole):
    return f"{100 * part / whole:.1f}%" if whole else "—"


class Figures:
    """Sums over the generated data, so that reports quote the same numbers as the tables."""

    def __init__(self, finance, projects):
        self.budget = defaultdict(int)  # (year, region) -> fen
        self.spent = defaultdict(int)  # (year, region, month) -> fen
        self.class_spent = defaultdict(int)  # (year, 类 code) -> fen
        self.dept_budget = defaultdict(int)  # (year, dept) -> fen
        self.dept_spent = defaultdict(int)  # (year, dept, month) -> fen
        for row in finance.budgets:
            self.budget[(row["year"], row["region_code"])] += row["budget_fen"]
            self.dept_budget[(row["year"], row["dept_code"])] += row["budget_fen"]
        for row in finance.expenditures:
            self.spent[(row["year"], row["region_code"], row["month"])] += row["amount_fen"]
            self.class_spent[(row["year"], row["class_code"][:3])] += row["amount_fen"]
            self.dept_spent[(row["year"], row["dept_code"], row["month"])] += row["amount_fen"]
        self.departments = finance.departments
        self.projects = projects

    def total_budget(self, year, region=None):
        return sum(v for (y, r), v in self.budget.items() if y == year and (region is None or r == region))

    def total_spent(self, year, region=None, upto=12):
        return sum(v for (y, r, m), v in self.spent.items()
                   if y == year and m <= upto and (region is None or r == region))

    def top_classes(self, year, n=5):
        rows = sorted(((v, c) for (y, c), v in self.class_spent.items() if y == year), reverse=True)[:n]
        return [(catalog.CLASSES_LEVEL1[c], v) for v, c in rows]

    def dept_rate(self, year, dept, upto=12):
        spent = sum(self.dept_spent.get((year, dept.code, m), 0) for m in range(1, upto + 1))
        budget = self.dept_budget.get((year, dept.code), 0)
        return spent / budget if budget else 0.0

    def completed_outputs(self, year, region=None):
        out = defaultdict(float)
        for p in self.projects:
            done = p["completed_date"]
            if done and done.year == year and (region is None or p["_district"] == region):
                out[(p["category"], p["output_name"], p["output_unit"])] += p["output_actual"] or 0
        return out

    def project_counts(self, year, region=None, on=None):
        """Projects funded in ``year`` by their status on the date ``on``."""
        counts = defaultdict(int)
        for p in self.projects:
            if p["year"] == year and (region is None or p["_district"] == region or p["region_code"] == region):
                counts[_status_on(p, on)] += 1
        return counts


def _status_on(project, day):
    if project["start_date"] > day:
        return "未开工"
    if project["completed_date"] and project["completed_date"] <= day:
        return "已完工"
    return "滞后" if project["end_date"] < day else "在建"


def _outputs_sentence(outputs):
    parts = [f"{name}{value:.1f}{unit}" if unit == "公里" else f"{name}{value:,.0f}{unit}"
             for (_cat, name, unit), value in sorted(outputs.items(), key=lambda kv: -kv[1]) if value]
    return "，".join(parts[:6]) if parts else "暂无竣工项目"


def build_documents(rng, finance, projects, people, persons, officials, years, as_of, district_names, area=HOME):
    """The city's reports (home area only) and some of the area's districts' reports."""
    figures = Figures(finance, projects)
    docs = []
    city = vocab.CITY_CODE
    districts = area.codes

    def add(slug, title, doc_type, year, region, published, paragraphs):
        if published <= as_of:
            docs.append({"slug": slug, "title": title, "doc_type": doc_type, "year": year, "region_code": region,
                         "published_date": published, "body": "\n\n".join(paragraphs)})

    def day(year, month, low, high):
        return dt.date(year, month, rng.randint(low, high))

    for year in years:
        full_year = year < as_of.year
        # Mid-year report, city and two districts.
        if area.home:
            add(f"{year}-{city}-midyear", f"关于{vocab.CITY_NAME}{year}年上半年预算执行情况的报告", "执行情况", year,
                city, day(year, 7, 20, 31), _midyear(figures, year, None, vocab.CITY_NAME, finance))
        for district in rng.sample(districts, 2):
            paragraphs = _midyear(figures, year, district, district_names[district], finance)
            if rng.random() < 0.5:
                paragraphs.append(_petition(rng, persons, people, as_of, district_names, district))
            add(f"{year}-{district}-midyear", f"{district_names[district]}{year}年上半年预算执行情况报告", "执行情况",
                year, district, day(year, 7, 25, 31), paragraphs)
        if not full_year:
            continue
        if area.home:
            add(f"{year}-{city}-budget-report", f"关于{vocab.CITY_NAME}{year}年预算执行情况和{year + 1}年预算草案的报告",
                "预算报告", year, city, day(year + 1, 1, 10, 25), _budget_report(figures, year, years))
            add(f"{year}-{city}-final-accounts", f"{vocab.CITY_NAME}{year}年市级决算报告", "决算报告", year, city,
                day(year + 1, 8, 20, 30), _final_accounts(figures, year, city, vocab.CITY_NAME))
        district = rng.choice(districts)
        add(f"{year}-{district}-final-accounts", f"关于{district_names[district]}{year}年财政决算的报告", "决算报告",
            year, district, day(year + 1, 9, 1, 20), _final_accounts(figures, year, district, district_names[district]))
        if area.home:
            add(f"{year}-{city}-audit-rectification",
                f"关于{vocab.CITY_NAME}{year}年度市级预算执行和其他财政收支审计查出问题整改情况的报告", "审计整改报告",
                year, city, day(year + 1, 10, 15, 28), _audit(rng, figures, year, people, officials, district_names))
    white_years = [y for y in years if y < as_of.year][-2:] if area.home else []
    for year in white_years:
        add(f"{year}-{city}-whitepaper", f"{vocab.CITY_NAME}财政预算公开白皮书（{year}）", "白皮书", year, city,
            day(year + 1, 3, 1, 28), _whitepaper(figures, year, district_names))
    return docs


def _midyear(figures, year, region, place, finance):
    budget = figures.total_budget(year, region)
    spent = figures.total_spent(year, region, upto=6)
    paragraphs = [
        f"{year}年上半年，{place}财政部门坚持稳中求进工作总基调，统筹发展和安全，预算执行总体平稳。",
        f"1—6月，全{'市' if region is None else place[-1]}纳入统计的部门预算支出{_yi(spent)}，"
        f"占年初预算{_yi(budget)}的{_pct(spent, budget)}。",
    ]
    depts = [d for d in figures.departments if region is None or d.region_code == region]
    slow = sorted(((figures.dept_rate(year, d, 6), d) for d in depts), key=lambda t: t[0])[:3]
    slow = [(rate, d) for rate, d in slow if rate < 0.4]
    if slow:
        names = "、".join(f"{d.name}（{rate * 100:.1f}%）" for rate, d in slow)
        paragraphs.append(f"部分单位支出进度偏慢，{names}执行率低于40%，财政部门已约谈相关单位，督促加快项目实施和资金拨付。")
    else:
        paragraphs.append("各预算单位支出进度总体符合序时要求，未发现明显滞后的单位。")
    counts = figures.project_counts(year, region, on=dt.date(year, 6, 30))
    if counts:
        paragraphs.append(
            f"当年安排的重点项目中，已完工{counts.get('已完工', 0)}个、在建{counts.get('在建', 0)}个、"
            f"未开工{counts.get('未开工', 0)}个、进度滞后{counts.get('滞后', 0)}个。下半年将加强对滞后项目的调度。")
    return paragraphs


def _budget_report(figures, year, years):
    budget, spent = figures.total_budget(year), figures.total_spent(year)
    top = "；".join(f"{name}{_yi(v)}" for name, v in figures.top_classes(year))
    outputs = _outputs_sentence(figures.completed_outputs(year))
    paragraphs = [
        "各位代表：",
        f"受{vocab.CITY_NAME}人民政府委托，现将{vocab.CITY_NAME}{year}年预算执行情况和{year + 1}年预算草案提请"
        f"市人民代表大会审议，并请市政协各位委员和其他列席人员提出意见。",
        f"一、{year}年预算执行情况",
        f"{year}年，全市纳入统计的部门预算数{_yi(budget)}，实际支出{_yi(spent)}，预算执行率{_pct(spent, budget)}。"
        f"主要支出项目：{top}。",
        f"全年重点项目建设成效明显：{outputs}。",
        "分地区看，" + "；".join(
            f"{name}支出{_yi(figures.total_spent(year, code))}，执行率"
            f"{_pct(figures.total_spent(year, code), figures.total_budget(year, code))}"
            for code, name in _district_list()) + "。",
        "民生保障有力有效。坚持把保障和改善民生作为财政工作的出发点，落实耕地地力保护补贴、高龄津贴、"
        "城乡最低生活保障等惠民惠农补贴政策，补贴资金通过“一卡通”直接发放到户到人。",
    ]
    if year + 1 in years:
        nxt = figures.total_budget(year + 1)
        paragraphs += [f"二、{year + 1}年预算草案",
                       f"{year + 1}年全市部门预算安排{_yi(nxt)}，比上年预算增长{_pct(nxt - budget, budget)}。"
                       f"继续优先保障教育、社会保障和就业、卫生健康等基本民生支出。"]
    paragraphs.append("三、做好预算管理工作的主要措施：深化零基预算改革，强化预算绩效管理，严格落实过紧日子要求，"
                      "加强地方政府债务管理，推进预决算公开。")
    return paragraphs


def _district_list():
    return [(code, name) for code, name, *_ in vocab.DISTRICTS]


def _final_accounts(figures, year, region, place):
    budget, spent = figures.total_budget(year, region), figures.total_spent(year, region)
    outputs = _outputs_sentence(figures.completed_outputs(year, None if region == vocab.CITY_CODE else region))
    return [
        f"{place}{year}年财政决算已编制完成，现报告如下。",
        f"{year}年{place}纳入统计的部门预算数为{_yi(budget)}，决算支出{_yi(spent)}，完成预算的{_pct(spent, budget)}。"
        f"结转结余资金按规定收回统筹使用。",
        f"当年竣工项目主要产出：{outputs}。",
        "决算数据已经审计部门审计，审计发现的问题正在按要求整改。",
    ]


def _audit(rng, figures, year, people, officials, district_names):
    lagging = [d for d in figures.departments
               if d.region_code == vocab.CITY_CODE and figures.dept_rate(year, d) < 0.85]
    paragraphs = [
        f"根据市人大常委会审议意见，现将{year}年度市级预算执行和其他财政收支审计查出问题的整改情况报告如下。",
        f"审计查出问题涉及金额{_yi(round(figures.total_budget(year) * rng.uniform(0.002, 0.006)))}，"
        f"截至报告时已整改{rng.randint(82, 97)}%。",
    ]
    if lagging:
        names = "、".join(d.name for d in lagging[:4])
        paragraphs.append(f"关于部分预算资金执行缓慢的问题：{names}等单位年度预算执行率低于85%，"
                          f"已收回存量资金并调整用于急需领域。")
    if people:
        person = rng.choice(people)
        amount = rng.randint(3, 40) * 1000
        paragraphs.append(
            f"关于违规发放补助资金的问题：经查，{district_names[person.region_code]}{person.town}居民{person.name}"
            f"（身份证号{person.id_number}，联系电话{person.phone}）不符合条件仍领取补助{amount}元，"
            f"相关款项已全部追回，并对经办人员进行了问责。")
        other = rng.choice(people)
        paragraphs.append(f"信访件办理情况：群众{other.name}反映的补贴发放问题已核实处理，"
                          f"款项已补发至其银行账户{other.bank_card}。")
    city_official = next((officials[d.code] for d in figures.departments if d.type.key == "finance"
                          and d.region_code == vocab.CITY_CODE and d.code in officials), None)
    if city_official:
        paragraphs.append(f"下一步，市财政局局长{city_official}表示，将把整改情况纳入部门预算绩效评价。")
    return paragraphs


def _petition(rng, persons, people, as_of, district_names, district):
    person = persons.person(as_of, district_names, district=district)
    if rng.random() < 0.5:
        return (f"群众来信来访方面，上半年共受理涉及财政补助的信访件{rng.randint(5, 40)}件。"
                f"其中，{person.name}（住{person.address}，电话{person.phone}）反映的耕地地力保护补贴少发问题，"
                f"经核实已补发到位。")
    return f"联系人：{person.name}，联系电话：{person.phone}。"


def _whitepaper(figures, year, district_names):
    budget, spent = figures.total_budget(year), figures.total_spent(year)
    per_district = []
    for code, name in district_names.items():
        if code == vocab.CITY_CODE:
            continue
        b, s = figures.total_budget(year, code), figures.total_spent(year, code)
        per_district.append(f"{name}{_yi(s)}（执行率{_pct(s, b)}）")
    return [
        f"为方便市民了解财政资金的来龙去脉，{vocab.CITY_NAME}财政局编制本白皮书，以通俗语言介绍{year}年财政收支情况。",
        f"{year}年全市纳入统计的部门预算{_yi(budget)}，实际支出{_yi(spent)}，执行率{_pct(spent, budget)}。",
        "各区县支出情况：" + "；".join(per_district) + "。",
        "主要民生投入：" + "；".join(f"{name}{_yi(v)}" for name, v in figures.top_classes(year, 6)) + "。",
        f"一年来，财政资金支持完成的主要实事：{_outputs_sentence(figures.completed_outputs(year))}。",
        "本白皮书所列数据均可在明账平台查询原始明细，欢迎市民监督。",
    ]
