"""Stable citation: which publication a page or JSON answer came from, and its permalink."""
from flask import request, url_for

from .context import publication


def permalink(pub_id):
    """The current URL pinned to publication ``pub_id`` (``?pub=N`` keeps showing its figures)."""
    args = request.args.to_dict(flat=False)
    args["pub"] = [str(pub_id)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def citation(pub=None):
    """JSON-ready description of the publication being shown."""
    pub = pub or publication()
    if pub is None:
        return None
    return {
        "id": pub["id"],
        "title": pub["title"],
        "published_at": pub["created_at"].isoformat(timespec="seconds") if pub.get("created_at") else None,
        "as_of": pub["as_of"].isoformat() if pub.get("as_of") else None,
        "sha256": pub["data_sha256"],
        "is_demo": bool(pub.get("is_demo")),
        "permalink": permalink(pub["id"]),
    }


def pinned_args():
    """``{"pub": N}`` when the request is pinned to a publication, for links that must stay pinned."""
    pub = request.args.get("pub")
    return {"pub": pub} if pub and pub.isascii() and pub.isdigit() else {}


def stamp(response, pub=None):
    """Name the publication on a download too (headers), so a saved file can be cited and verified."""
    pub = pub or publication()
    if pub is not None:
        response.headers["X-Mingzhang-Publication"] = str(pub["id"])
        response.headers["X-Mingzhang-Publication-SHA256"] = pub["data_sha256"] or ""
    return response
