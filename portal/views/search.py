"""Search page (/search), its JSON twin (/search.json), /api/search and /api/suggest."""
from flask import Blueprint, current_app, jsonify, render_template, request, url_for

from search import BadRequest, SearchRequest, SearchUnavailable, get_backend
from search.request import FACET_LABELS, FACETS, SORTS

from ..errors import api_error

bp = Blueprint("search", __name__)


def backend():
    """One backend per app (it caches the segmenter and vectors of the current index file)."""
    key = "mingzhang.search"
    if key not in current_app.extensions:
        current_app.extensions[key] = get_backend(current_app.config)
    return current_app.extensions[key]


def run_search():
    search_request = SearchRequest.from_args(request.args)
    result = backend().search(search_request)
    result["publication_id"] = backend().info().get("publication_id")
    result.setdefault("degraded", False)  # True: Elasticsearch is down, answered from the embedded index
    for item in result["results"]:
        item["url"] = item["url"] or None
    return search_request, result


def site_search(query, size=10):
    """The site search's result for ``query`` (as /search gives it), or None when search cannot answer; the
    question box gets this function to find results for a question it declines (nlq/fallback.py)."""
    try:
        return backend().search(SearchRequest(q=query, size=size))
    except (BadRequest, SearchUnavailable):
        return None


def first_results(queries, size=5):
    """(query, result) of the first of ``queries`` for which site search finds anything, else (None, None).
    For the question page's search handoff: the whole question first, then its words one by one."""
    for query in dict.fromkeys(q.strip()[:200] for q in queries if q and q.strip()):
        try:
            result = backend().search(SearchRequest(q=query, size=size))
        except (BadRequest, SearchUnavailable):
            return None, None  # the page still shows the question's own keyword results
        if result["total"]:
            return query, result
    return None, None


def _json_result():
    _, result = run_search()
    return jsonify(result)


@bp.get("/search")
def search_page():
    try:
        search_request, result = run_search()
        error = None
        status = 200
    except (BadRequest, SearchUnavailable) as exc:
        search_request, result, error = SearchRequest(q=request.args.get("q", "")[:200]), None, exc.message
        status = exc.status
    return render_template("search.html", req=search_request, result=result, error=error, facet_names=FACETS,
                           facet_labels=FACET_LABELS, sorts=SORTS,
                           json_url=url_for("search.search_json", **request.args.to_dict(flat=False))), status


@bp.get("/search.json")
def search_json():
    return _json_result()


@bp.get("/api/search")
def api_search():
    return _json_result()


@bp.get("/api/suggest")
def api_suggest():
    prefix = request.args.get("q", "")
    if len(prefix) > 50:
        return api_error(400, "too_long", "联想词最多 50 个字")
    return jsonify({"query": prefix, "suggestions": backend().suggest(prefix)})
