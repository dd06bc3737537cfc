"""Keyword results for a question the parser did not understand: projects and departments whose names
contain one of its words."""
from urllib.parse import urlencode

from sqlalchemy import or_, select

from ledger.schema import departments, projects


def _like(word):
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def keyword_fallback(conn, pub_id, text, words, limit=10):
    """Projects and departments whose names contain a word of the question (parameterised LIKE)."""
    words = [w for w in words if len(w) >= 2][:5] or ([text[:20]] if len(text) >= 2 else [])
    if not words:
        return {"query": text, "results": []}
    results = []
    for word in words:
        results += _projects(conn, pub_id, _like(word), limit) + _departments(conn, pub_id, _like(word), limit)
    seen, unique = set(), []
    for r in results:
        if r["title"] not in seen:
            seen.add(r["title"])
            unique.append(r)
    return {"query": text, "words": words, "results": unique[:limit], "url": "/search?" + urlencode({"q": text})}


def _projects(conn, pub_id, pattern, limit):
    rows = conn.execute(select(projects.c.code, projects.c.name).where(
        projects.c.publication_id == pub_id,
        or_(projects.c.name.like(pattern, escape="\\"), projects.c.description.like(pattern, escape="\\")))
        .order_by(projects.c.code).limit(limit))
    return [{"type": "项目", "title": row.name, "url": f"/projects/{row.code}"} for row in rows]


def _departments(conn, pub_id, pattern, limit):
    rows = conn.execute(select(departments.c.code, departments.c.name).where(
        departments.c.publication_id == pub_id, departments.c.name.like(pattern, escape="\\"))
        .order_by(departments.c.code).limit(limit))
    return [{"type": "部门", "title": row.name, "url": f"/execution?dept={row.code}"} for row in rows]
