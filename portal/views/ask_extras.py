"""What the question page shows besides the answer, for a first-time user who types anything into the
one box (issue #18 item 7; the failures of tasks_blind3): the records behind an answer, payments and
second-level units the question names, and — for a keyword-style question answered with one figure —
the site search's first results, since keywords may as well be looking for a record."""
import re

from sqlalchemy import select

from ledger.documents import list_documents
from ledger.schema import regions

from ..context import connection
from .ask_payments import asks_for_payments, matching_payments, payments_first
from .ask_records import records_preview
from .ask_units import named_units
from .search import site_search

RELATED_SHOWN = 3
# Kinds of published documents: a question naming one looks for the document as much as for a figure.
DOCUMENT_WORDS = ("决算", "报告", "白皮书", "审计", "草案", "通报")


def period_report(result):
    """{"slug", "title"} of the half-year execution report (上半年预算执行情况报告) of the region and year a figure
    for January–June answers, or None: 「某区2024年上半年预算执行」 may look for the report as much as for the rate,
    so both are on the first screen."""
    query = (result or {}).get("query") if _answered(result) else None
    period = (query or {}).get("period") or {}
    if period.get("month_from") != 1 or period.get("month_to") != 6 or period.get("year_from") != period.get("year_to") \
            or len(query.get("regions") or []) > 1 or query.get("depts") or query.get("units"):
        return None
    conn, pub_id = connection(), result["publication"]
    region = (query.get("regions") or [None])[0] or conn.execute(
        select(regions.c.code).where(regions.c.publication_id == pub_id, regions.c.level == 0)).scalar()
    found = list_documents(conn, pub_id, year=period["year_from"], doc_type="执行情况", region=region)
    return {"slug": found[0]["slug"], "title": found[0]["title"]} if region and len(found) == 1 else None


def page_extras(result, search_result):
    """Template variables: records_preview, payment_matches, payments_above, payments_first, named_units,
    units_after_search, related_search, period_report."""
    payments = _payments_named(result)
    above = payments if payments and _asks_for_project_payments(result) else None  # shown under the answer
    preview = _records_behind(result)
    units = _units_named(result)
    projects = [item["title"] for item in (search_result or {}).get("results", []) if item.get("type") == "project"]
    question = (result or {}).get("question") or ""
    later = [u for u in units if any(_asks_for_project(question, u["name"], title) for title in projects)]
    return {"records_preview": preview, "payment_matches": payments, "payments_above": above,
            "payments_first": not above and payments_first(payments, search_result, (result or {}).get("question")),
            "named_units": [u for u in units if u not in later], "units_after_search": later,
            "related_search": _related_search(result) if preview is None else None,
            "period_report": period_report(result)}


def _payments_named(result):
    """Payments a question handed to search names (a payee, a purpose); never for a question about a
    person (declined as private: the vouchers of 高龄津贴 are not an answer to 「邻居领了多少」). Also those of
    a project answer whose question asks for payments in its own words (「某工程进度款」「某中心 付款记录」):
    the box reads the project, the asker wants its vouchers, shown right under the answer."""
    if not result or (result.get("decline") or {}).get("reason") == "privacy":
        return None
    if not result.get("search_fallback") and not _asks_for_project_payments(result):
        return None
    return matching_payments(connection(), result["publication"], result["question"])


def _asks_for_project_payments(result):
    query = result.get("query") or {}
    return _answered(result) and query.get("kind") == "project" and asks_for_payments(result.get("question"))


def _units_named(result):
    """Second-level units the question names that its answer is not about (the box answers for regions,
    departments and classes): their own figures, shown above the answer."""
    if not result:
        return []
    return [u for u in named_units(connection(), result["publication"], result["question"])
            if u["name"] not in (result.get("understood") or "")]


def _asks_for_project(question, unit, title):
    """The question names a project of the unit, not the unit: after the unit's name it goes on with the
    project's words (「星桥区人民医院住院楼」, project 星桥区人民医院住院综合楼…), so the unit's card comes
    after the search results; 「鹭洲区实验小学今年花了多少钱」 asks for the school itself."""
    if unit not in question or unit not in title or unit == title:
        return False
    asked, named = question[question.index(unit) + len(unit):], title[title.index(unit) + len(unit):]
    return len(asked) >= 2 and asked[:2] == named[:2]


def _records_behind(result):
    """The first projects or payments behind an answer (its records link), unless its table already
    lists projects with their links (a project list answer)."""
    if not _answered(result) or _lists_projects(result):
        return None
    return records_preview((result.get("links") or {}).get("records"))


def keyword_style(question):
    """Words typed with spaces between them (「澄湖区 上半年 预算执行」), or a kind of document named
    (「星桥区决算」): what is sought may be a record as much as a figure."""
    question = (question or "").strip()
    return bool(re.search(r"\S\s+\S", question)) or any(word in question for word in DOCUMENT_WORDS)


def _related_search(result):
    """The site search's first results for a keyword-style question answered with a figure; None for a
    question handed to search (its results are shown anyway) or an answer that lists projects."""
    if not _answered(result) or result.get("search_fallback") or _lists_projects(result) \
            or not keyword_style(result.get("question")):
        return None
    found = site_search(result["question"], size=RELATED_SHOWN)
    return {"query": result["question"], **found} if found and found.get("total") else None


def _answered(result):
    return bool(result and not result.get("decline") and result.get("answer"))


def _lists_projects(result):
    return any((row.get("records") or {}).get("project") for row in (result.get("links") or {}).get("rows") or [])
