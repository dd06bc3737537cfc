"""Search documents built from one publication's PUBLISHED tables.

Only the published tables are read (they hold de-identified data only): raw files and
portal-owned tables (comments, staff, logs) never reach the index.
"""
from collections import defaultdict

from sqlalchemy import func, select

from ledger import schema
from ledger.money import format_amount

TYPE_LABELS = {"project": "项目", "report": "报告", "department": "部门", "budget": "预算"}
# Static prior: the order documents get their index position in, which decides which
# candidates are ranked first when a very common term matches more than the ranking cap.
TYPE_PRIORITY = {"project": 0, "report": 1, "department": 2, "budget": 3}


def build_documents(engine, publication_id):
    """Every document of one publication, as plain dicts (see FIELDS in search.backend)."""
    with engine.connect() as conn:
        pub = publication_id
        regions = {r.code: r for r in conn.execute(
            select(schema.regions).where(schema.regions.c.publication_id == pub))}
        depts = {d.code: d for d in conn.execute(
            select(schema.departments).where(schema.departments.c.publication_id == pub))}
        classes = {c.code: c for c in conn.execute(
            select(schema.func_classes).where(schema.func_classes.c.publication_id == pub))}

        def region_name(code):
            row = regions.get(code)
            return row.name if row else ""

        def top_class(code):
            code3 = (code or "")[:3]
            row = classes.get(code3)
            return code3, (row.name if row else "")

        # 乡镇/街道 facet labels name the district too: 「城关镇」 exists in many counties.
        townships = {t.code: f"{t.name}（{region_name(t.region_code)}）" for t in conn.execute(
            select(schema.townships).where(schema.townships.c.publication_id == pub))}

        docs = []
        updates = defaultdict(list)
        for row in conn.execute(select(schema.project_updates.c.project_code, schema.project_updates.c.note)
                                .where(schema.project_updates.c.publication_id == pub)
                                .order_by(schema.project_updates.c.date)):
            if row.note:
                updates[row.project_code].append(row.note)

        for p in conn.execute(select(schema.projects).where(schema.projects.c.publication_id == pub)):
            class3, class_name = top_class(p.class_code)
            names = project_names(p, region_name, depts, classes)
            body = [p.description or ""]
            if p.output_planned is not None and p.output_unit:
                body.append(f"计划{p.output_name or '产出'}{p.output_planned:g}{p.output_unit}")
            body.append(f"总投资{format_amount(p.total_investment_fen)}，{p.status}，进度{p.progress_pct}%")
            body.extend(updates.get(p.code, [])[-3:])
            date = p.completed_date or p.start_date
            docs.append(_doc("project", f"project:{p.code}", p.name, names, body, year=p.year,
                             region_code=p.region_code, region=region_name(p.region_code),
                             class_code=class3, class_name=class_name, status=p.status,
                             amount_fen=p.total_investment_fen, date=date, url=f"/projects/{p.code}",
                             code=p.code, township_code=p.township_code,
                             township=townships.get(p.township_code or "", "")))

        for d in conn.execute(select(schema.documents).where(schema.documents.c.publication_id == pub)):
            docs.append(_doc("report", f"report:{d.slug}", d.title, [d.doc_type, region_name(d.region_code)],
                             [d.body], year=d.year, region_code=d.region_code or "",
                             region=region_name(d.region_code), status=d.doc_type,
                             date=d.published_date, url=f"/documents/{d.slug}", code=d.slug))

        budget_rows = conn.execute(
            select(schema.budgets.c.year, schema.budgets.c.region_code, schema.budgets.c.dept_code,
                   schema.budgets.c.class_code, func.sum(schema.budgets.c.budget_fen).label("fen"))
            .where(schema.budgets.c.publication_id == pub)
            .group_by(schema.budgets.c.year, schema.budgets.c.region_code, schema.budgets.c.dept_code,
                      schema.budgets.c.class_code)).all()
        dept_totals = defaultdict(lambda: defaultdict(int))
        dept_classes = defaultdict(set)
        for b in budget_rows:
            class3, class_name = top_class(b.class_code)
            sub = classes.get(b.class_code)
            dept = depts.get(b.dept_code) if b.dept_code else None
            if dept:
                dept_totals[b.dept_code][b.year] += b.fen
                dept_classes[b.dept_code].add(class_name)
            line = sub.name if sub else class_name
            title = f"{b.year}年{region_name(b.region_code)}{dept.name if dept else ''}{line}预算"
            docs.append(_doc("budget", f"budget:{b.year}:{b.region_code}:{b.dept_code or ''}:{b.class_code}",
                             title, [line, class_name, dept.name if dept else "", region_name(b.region_code)],
                             [f"{b.year}年预算{format_amount(b.fen)}，科目{b.class_code}{line}，属{class_name}"],
                             year=b.year, region_code=b.region_code, region=region_name(b.region_code),
                             class_code=class3, class_name=class_name, amount_fen=b.fen,
                             url=f"/execution?year={b.year}&region={b.region_code}&class={b.class_code}"))

        for code, d in depts.items():
            totals = dept_totals.get(code, {})
            year = max(totals) if totals else None
            body = [f"{region_name(d.region_code)}{d.name}"]
            if year:
                body.append(f"{year}年预算合计{format_amount(totals[year])}")
            body.append("主要支出：" + "、".join(sorted(c for c in dept_classes.get(code, ()) if c)))
            docs.append(_doc("department", f"department:{code}", d.name, [region_name(d.region_code)], body,
                             year=year, region_code=d.region_code, region=region_name(d.region_code),
                             amount_fen=totals.get(year) if year else None,
                             url=f"/execution?dept={code}", code=code))

    docs.sort(key=lambda doc: (TYPE_PRIORITY[doc["type"]], -(doc["amount_fen"] or 0), doc["id"]))
    return docs


def project_names(p, region_name, depts, classes):
    """A project document's names, in order: the first one is what its passage text calls its category."""
    dept = depts.get(p.dept_code)
    sub_class = classes.get(p.class_code)
    class_row = classes.get((p.class_code or "")[:3])
    return [p.category, region_name(p.region_code), dept.name if dept else "",
            sub_class.name if sub_class else (class_row.name if class_row else ""), p.contractor or "",
            p.location or "", p.output_name or ""]


def passage_documents(tables):
    """The project, report and department documents' fields their passage text reads (title, names, class
    name), from a publication's published rows held in memory (dicts per table) rather than its database:
    an import computes them before it writes, so their vectors can be made while it writes
    (search/prefetch.py). The same fields as build_documents' documents (a test checks it)."""
    row = _Row
    regions = {r["code"]: r["name"] for r in tables.get("regions", ())}
    depts = {d["code"]: row(d) for d in tables.get("departments", ())}
    classes = {c["code"]: row(c) for c in tables.get("func_classes", ())}

    def region_name(code):
        return regions.get(code, "")

    def class_name(code):
        found = classes.get((code or "")[:3])
        return found.name if found else ""

    docs = [_doc("project", "", p["name"], project_names(row(p), region_name, depts, classes), [],
                 class_name=class_name(p.get("class_code"))) for p in tables.get("projects", ())]
    docs += [_doc("report", "", d["title"], [d.get("doc_type"), region_name(d.get("region_code"))], [])
             for d in tables.get("documents", ())]
    docs += [_doc("department", "", d.name, [region_name(d.region_code)], []) for d in depts.values()]
    return docs


class _Row(dict):
    """A published row read by attribute, as a database row is (absent columns read as None)."""
    __getattr__ = dict.get


def dictionary_words(docs):
    """User-dictionary words: region, department, class, category and contractor names.

    Whole project titles are left out on purpose: jieba's cut_for_search only re-emits the 2- and
    3-character parts of a long word, so a title-as-one-word would hide 「农村公路」 inside it.
    """
    words = set()
    for doc in docs:
        parts = doc["names"].split(" · ")
        if doc["type"] == "project" and len(parts) > 5:
            parts = parts[:5]  # the location (a township) and output name are phrases, not words
        for name in parts:
            if 2 <= len(name) <= 20:
                words.add(name)
        if doc["type"] == "department" and len(doc["title"]) <= 20:
            words.add(doc["title"])
        for value in (doc["region"], doc["class_name"]):
            if value and len(value) >= 2:
                words.add(value)
    return sorted(words)


def _doc(doc_type, doc_id, title, names, body, *, year=None, region_code="", region="", class_code="",
         class_name="", status="", amount_fen=None, date=None, url="", code="", township_code="", township=""):
    return {
        "id": doc_id,
        "type": doc_type,
        "title": title or "",
        "names": " · ".join(n for n in names if n),
        "body": "\n".join(b for b in body if b),
        "year": year,
        "region_code": region_code or "",
        "region": region or "",
        "class_code": class_code or "",
        "class_name": class_name or "",
        "status": status or "",
        "amount_fen": amount_fen,
        "date": date.isoformat() if date else None,
        "url": url,
        "code": code,
        "township_code": township_code or "",  # 乡镇/街道 facet (projects only)
        "township": township or "",
    }
