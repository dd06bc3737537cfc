"""Treasury payments: contractor payments for projects, subsidies to persons, purchases."""
import datetime as dt

from . import catalog
from .finance import FEN
from .projects import pick_company

PAYMENTS_AT_SCALE_1 = 100_000
PERSONS_AT_SCALE_1 = 22_000
MISC_SHARE = 0.03  # office purchases and services paid to companies, without a project


def build_people(rng, persons, as_of, district_names, scale):
    """The pool of subsidy recipients: about a quarter are 80 or older (高龄津贴)."""
    count = max(40, round(PERSONS_AT_SCALE_1 * scale))
    people = []
    for index in range(count):
        if index % 4 == 0:
            people.append(persons.person(as_of, district_names, 80, 99))
        else:
            people.append(persons.person(as_of, district_names, 18, 79))
    return people


def _eligible(person, programme, as_of):
    age = person.age_on(as_of)
    return {"any": True, "elderly": age >= 80, "rural": person.rural and age < 80,
            "working": 20 <= age <= 60}[programme.eligibility]


def project_payments(rng, projects, companies, as_of):
    """Progress payments that add up to each project's disbursed amount."""
    rows = []
    for project in projects:
        disbursed = project["disbursed_fen"]
        if disbursed <= 0:
            continue
        start = project["start_date"]
        first = start - dt.timedelta(days=rng.randint(5, 40)) if start <= as_of else start - dt.timedelta(days=60)
        first = min(first, as_of)
        last = min(as_of, (project["completed_date"] or as_of) + dt.timedelta(days=rng.randint(0, 120)))
        last = max(last, first)
        pieces = []  # (amount_fen, purpose, payee, person)
        rest = disbursed
        if project["total_investment_fen"] > 5_000_000 * FEN and project["status"] != "未开工":
            for trade, label, share in (("supervision", "工程监理费", (0.015, 0.03)), ("design", "勘察设计费", (0.01, 0.025))):
                amount = round(disbursed * rng.uniform(*share) / FEN) * FEN
                if 0 < amount < rest:
                    pieces.append((amount, label, pick_company(rng, companies, trade).name, None))
                    rest -= amount
        contractor = project["contractor"] or pick_company(rng, companies, project["_trade"]).name
        person = project["_person"]
        count = max(1, min(10, 1 + (last - first).days // 75))
        shares = [rng.uniform(0.5, 1.5) for _ in range(count)]
        amounts = [round(rest * share / sum(shares) / FEN) * FEN for share in shares[:-1]]
        amounts.append(rest - sum(amounts))  # the instalments add up exactly
        for index, amount in enumerate(amounts):
            purpose = "预付款" if index == 0 and count > 1 else (
                "结算款" if index == count - 1 and project["completed_date"] else "进度款")
            pieces.append((amount, purpose, contractor, person))
        span = max(0, (last - first).days)
        dates = sorted(first + dt.timedelta(days=rng.randint(0, span)) for _ in pieces)
        for (amount, purpose, payee, who), date in zip(pieces, dates):
            if amount <= 0:
                continue
            rows.append(_payment(project["code"], date, amount, payee, who, f"{project['name']}{purpose}"))
    return rows


def subsidy_payments(rng, people, count, years, as_of):
    """Recurring subsidies: each recipient has a stable amount per programme."""
    rows = []
    programmes = catalog.PROGRAMMES
    pools, amounts = {}, {}
    for programme in programmes:
        eligible = [p for p in people if _eligible(p, programme, as_of)] or people
        expected = programme.weight * count
        per_person = 1.4 if programme.eligibility == "working" or programme.name in ("临时救助", "农机购置补贴") else 6
        size = max(2, min(len(eligible), round(expected / per_person)))
        pools[programme.name] = rng.sample(eligible, size)
    year_weights = [as_of.month / 12 if y == as_of.year else 1.0 for y in years]
    for _ in range(count):
        programme = rng.choices(programmes, [p.weight for p in programmes])[0]
        person = rng.choice(pools[programme.name])
        while True:
            year = rng.choices(years, year_weights)[0]
            month = rng.choice(programme.months)
            if (year, month) <= (as_of.year, as_of.month):
                break
        date = dt.date(year, month, rng.randint(1, 28))
        key = (programme.name, person.id_number)
        if programme.name in ("临时救助", "个体承包劳务费", "农机购置补贴") or key not in amounts:
            amounts[key] = round(rng.uniform(*programme.amount)) * FEN
        rows.append(_payment(None, date, amounts[key], person.name, person, programme.name))
    return rows


MISC_PURPOSES = ["办公设备采购", "物业服务费", "信息系统运维费", "印刷费", "会议服务费", "车辆维修费", "食堂食材采购"]


def misc_payments(rng, companies, count, years, as_of):
    first = dt.date(years[0], 1, 1)
    span = (as_of - first).days
    suppliers = companies["supplies"]
    return [_payment(None, first + dt.timedelta(days=rng.randint(0, span)),
                     round(rng.uniform(2_000, 480_000)) * FEN, pick_company(rng, companies, "supplies").name,
                     None, rng.choice(MISC_PURPOSES)) for _ in range(count)] if suppliers else []


def _payment(project_code, date, amount_fen, payee, person, purpose):
    return {
        "project_code": project_code, "date": date, "amount_fen": amount_fen, "payee": payee,
        "payee_type": "个人" if person else "单位",
        "payee_id_number": person.id_number if person else None,
        "payee_phone": person.phone if person else None,
        "payee_bank_card": person.bank_card if person else None,
        "payee_address": person.address if person else None,
        "purpose": purpose,
    }


def build_payments(rng, projects, people, companies, years, as_of, scale, counters=None):
    """All payments, sorted, with ids GK{year}{sequence}; ``counters`` ({year: last sequence}) carries the
    sequence over from the areas built before (province scale), so ids stay unique."""
    rows = project_payments(rng, projects, companies, as_of)
    target = max(50, round(PAYMENTS_AT_SCALE_1 * scale))
    misc = round(target * MISC_SHARE)
    rows += misc_payments(rng, companies, misc, years, as_of)
    rows += subsidy_payments(rng, people, max(10, target - len(rows)), years, as_of)
    rows.sort(key=lambda r: (r["date"], r["project_code"] or "", r["payee"], r["amount_fen"]))
    counters = {} if counters is None else counters
    for row in rows:
        year = row["date"].year
        counters[year] = counters.get(year, 0) + 1
        row["id"] = f"GK{year}{counters[year]:07d}"
    return rows
