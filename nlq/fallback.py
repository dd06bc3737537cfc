"""Keyword results for a question the question box does not answer: the site search's own results, so a
decline shows what /search would. nlq may not import search (tests/test_architecture.py), so the portal
passes its search in: ``search(query, size) -> result | None`` (None: search unavailable or a bad query).
Without one (nlq used on its own) a parameterised LIKE scan over project and department names stands in."""
from urllib.parse import urlencode

from sqlalchemy import or_, select

from ledger.schema import departments, projects


def keyword_fallback(conn, pub_id, text, words, limit=10, search=None):
    """{"query", "words", "results": [{"type", "title", "url"}], "url"}: the whole question first, then each
    meaningful word, the first that finds anything (as the /ask page's search handoff)."""
    words = [w for w in words if len(w) >= 2][:5] or ([text[:20]] if len(text) >= 2 else [])
    if not words:
        return {"query": text, "results": []}
    if search is not None:
        return _site_search(search, text, words, limit)
    return {"query": text, "words": words, "results": _like_scan(conn, pub_id, words, limit),
            "url": "/search?" + urlencode({"q": text})}


def _site_search(search, text, words, limit):
    for query in dict.fromkeys(q.strip()[:200] for q in [text, *words] if q.strip()):
        result = search(query, limit)
        if result and result.get("results"):
            return {"query": query, "words": words, "total": result.get("total"),
                    "results": [{"type": item.get("type_label") or item.get("type"), "title": item["title"],
                                 "url": item.get("url") or None} for item in result["results"][:limit]],
                    "url": "/search?" + urlencode({"q": query})}
    return {"query": text, "words": words, "total": 0, "results": [], "url": "/search?" + urlencode({"q": text})}


def names_holding(conn, pub_id, words):
    """Projects and departments whose names (or a project's description) hold a word of two or more characters."""
    words = [w for w in words if len(w) >= 2]
    return _like_scan(conn, pub_id, words, 1) if words else []


def _like(word):
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _like_scan(conn, pub_id, words, limit):
    """Projects and departments whose names contain a word of the question (parameterised LIKE)."""
    results = []
    for word in words:
        results += _projects(conn, pub_id, _like(word), limit) + _departments(conn, pub_id, _like(word), limit)
    seen, unique = set(), []
    for r in results:
        if r["title"] not in seen:
            seen.add(r["title"])
            unique.append(r)
    return unique[:limit]


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
