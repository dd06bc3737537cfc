"""The search request and result shapes shared by every backend (and by the API)."""
from dataclasses import dataclass, field

from ledger.errors import UserError

from .documents import TYPE_LABELS

FACETS = ("type", "year", "region", "township", "class", "status")
FACET_LABELS = {"type": "类型", "year": "年度", "region": "地区", "township": "乡镇/街道", "class": "功能分类",
                "status": "状态"}
# facet name -> (document field holding the value, field holding its label)
FACET_FIELDS = {
    "type": ("type", "type"),
    "year": ("year", "year"),
    "region": ("region_code", "region"),
    "township": ("township_code", "township"),  # projects near me (乡镇/街道)
    "class": ("class_code", "class_name"),
    "status": ("status", "status"),
}
SORTS = {"relevance": "相关度", "amount": "金额", "date": "日期"}
MAX_PAGE_SIZE = 50
MAX_RESULT_WINDOW = 10_000  # like Elasticsearch's index.max_result_window


class BadRequest(UserError):
    """A request the user can fix; carries a Chinese message."""


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict = field(default_factory=dict)  # facet -> [values]
    sort: str = "relevance"
    page: int = 1
    size: int = 10
    hybrid: bool | None = None  # None: the deployment default

    @classmethod
    def from_args(cls, args):
        """Build from URL query arguments (a werkzeug MultiDict or a plain dict)."""
        getlist = args.getlist if hasattr(args, "getlist") else (lambda k: _as_list(args.get(k)))
        filters = {}
        for facet in FACETS:
            values = [v.strip() for v in getlist(facet) if v and v.strip()]
            if values:
                filters[facet] = values[:20]
        if "year" in filters and not all(v.isascii() and v.isdigit() for v in filters["year"]):  # '¹'.isdigit()
            raise BadRequest("bad_filter", "年度筛选必须是数字，例如 year=2025")
        sort = (args.get("sort") or "relevance").strip()
        if sort not in SORTS:
            raise BadRequest("bad_sort", "排序方式只能是 relevance（相关度）、amount（金额）或 date（日期）")
        page = _positive_int(args.get("page"), 1, "页码")
        size = min(_positive_int(args.get("size"), 10, "每页条数"), MAX_PAGE_SIZE)
        if (page - 1) * size >= MAX_RESULT_WINDOW:
            raise BadRequest("page_too_deep", f"最多只能翻到第 {MAX_RESULT_WINDOW} 条结果，请缩小搜索范围")
        hybrid = args.get("semantic")
        hybrid = None if hybrid in (None, "") else hybrid in ("1", "true", "on")
        return cls(q=(args.get("q") or "")[:20_000], filters=filters, sort=sort, page=page, size=size,
                   hybrid=hybrid)

    @property
    def offset(self):
        return (self.page - 1) * self.size


def _as_list(value):
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [str(value)]


def _positive_int(value, default, label):
    if value in (None, ""):
        return default
    try:
        number = int(str(value))
    except ValueError:
        raise BadRequest("bad_number", f"{label}必须是正整数") from None
    if number < 1:
        raise BadRequest("bad_number", f"{label}必须是正整数")
    return number


def facet_label(facet, value, label):
    if facet == "type":
        return TYPE_LABELS.get(value, value)
    if facet == "year":
        return f"{value}年"
    return label or str(value)


def empty_result(request, notices=()):
    return {
        "query": request.q, "total": 0, "total_exact": True, "page": request.page, "size": request.size,
        "pages": 0, "sort": request.sort, "filters": request.filters, "results": [],
        "facets": {f: [] for f in FACETS}, "notices": list(notices), "suggestions": [],
        "semantic": {"requested": bool(request.hybrid), "used": False}, "took_ms": 0.0,
    }


def result_item(doc, terms, score=None, matched_by="keyword"):
    """One search hit: original text plus highlight parts (never pre-built HTML)."""
    from .text import highlight

    title_norm = names_norm = body_norm = None
    norm = doc.get("norm")
    if norm:  # stored as title \n names \n body, each aligned with the original text
        t, n = len(doc["title"]), len(doc["names"])
        title_norm, names_norm, body_norm = norm[:t], norm[t + 1:t + 1 + n], norm[t + n + 2:]
    body_parts = highlight(doc["body"], terms, limit=120, norm=body_norm)
    if not any(p["hit"] for p in body_parts) and doc["names"]:
        names_parts = highlight(doc["names"], terms, limit=120, norm=names_norm)
        if any(p["hit"] for p in names_parts):
            body_parts = names_parts
    amount = doc.get("amount_fen")
    return {
        "id": doc["id"], "type": doc["type"], "type_label": TYPE_LABELS.get(doc["type"], doc["type"]),
        "title": doc["title"], "title_highlight": highlight(doc["title"], terms, norm=title_norm),
        "snippet": "".join(p["text"] for p in body_parts), "snippet_highlight": body_parts,
        "year": doc.get("year"), "region": doc.get("region"), "region_code": doc.get("region_code"),
        "class_code": doc.get("class_code"), "class_name": doc.get("class_name"), "status": doc.get("status"),
        "amount": amount / 100 if amount is not None else None, "amount_fen": amount,
        "unit": "元", "date": doc.get("date"), "url": doc.get("url"),
        "score": round(score, 4) if score is not None else None, "matched_by": matched_by,
    }
