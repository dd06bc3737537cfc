"""Second-level units (二级预算单位: 学校、医院、图书馆、卫生院) a question names: 「市图书馆花了多少钱」
「东港镇卫生院一年经费」「示例市人民医院 预算」. The question box answers for regions, departments and
classes; a unit's own figures are on its execution page (/execution/…/unit/<code>), and the question page
shows them in a card when the question names the unit and the answer is not about it.

Rule: a unit is named when its full name occurs in the question, or — for a unit whose name starts with
the city's name (示例市图书馆) — that name with the city's name cut to its level word (市图书馆). A name
inside a longer named one (人民医院 in 第二人民医院) does not count. The card gives the latest year's
budget and spending to the last month with data, and the previous year's full spending, from
ledger.queries.units (the numbers of the unit's page).
"""
from flask import url_for
from sqlalchemy import select

from ledger.queries import reference as q_ref
from ledger.queries import units as q_units
from ledger.schema import units
from search.text import normalize


def _forms(name, city):
    """The ways a question may write a unit's name: full, and 市… for the city's own units."""
    forms = [name]
    if city and len(city) > 1 and name.startswith(city) and len(name) > len(city) + 1:
        forms.append(city[-1] + name[len(city):])
    return forms


def named_units(conn, pub_id, question):
    """[unit card dict] for the units the question names (longest names first, none inside another)."""
    text = normalize(question or "")
    city = (q_ref.city(conn, pub_id) or {}).get("name", "")
    found = []
    for row in conn.execute(select(units).where(units.c.publication_id == pub_id)).mappings():
        hits = [form for form in _forms(row["name"], city) if form in text]
        if hits:
            found.append((max(hits, key=len), dict(row)))
    found.sort(key=lambda hit: -len(hit[0]))
    kept = []
    for form, row in found:
        if not any(form in longer for longer, _ in kept):
            kept.append((form, row))
    return [_card(conn, pub_id, row) for _, row in kept[:3]]


def _card(conn, pub_id, unit):
    dept = q_ref.department(conn, pub_id, unit["dept_code"]) or {}
    year = q_ref.latest_year(conn, pub_id)
    month = q_ref.last_month(conn, pub_id, year) if year else 0
    now = q_units.totals(conn, pub_id, q_units.UnitScope(year=year, month=month or None, unit=unit["code"]))
    before = q_units.totals(conn, pub_id, q_units.UnitScope(year=year - 1, unit=unit["code"])) if year else {}
    url = url_for("units.unit_page", code=dept.get("region_code", ""), dept=unit["dept_code"], unit=unit["code"]) \
        if dept else None
    return {"name": unit["name"], "kind": unit.get("kind"), "dept": dept.get("name"), "url": url, "year": year,
            "month": month, "budget_fen": now.get("budget_fen"), "spent_fen": now.get("spent_fen"),
            "last_year_spent_fen": (before or {}).get("spent_fen")}
