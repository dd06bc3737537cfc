"""HTTP validators (ETag, Last-Modified) for pages and API answers built from published data.

A public page or API answer depends only on the publication it shows, the URL and the code
that renders it, so its ETag is derived from exactly those — never from a hash of the body:
(shown publication id + data_sha256, the current publication id, the full path and query
string, the build id). A republish, a ``?pub=N`` permalink or a code upgrade therefore changes
it, and an unchanged page costs a 304 with an empty body. The view still runs (the data
lookup is cheap); what is saved is the transfer and the browser's re-render.

Left without validators: /admin and anything session-dependent (a CSRF token was rendered,
the session was read or written, a cookie is set) — those get ``private, no-store``; error
responses, /healthz, moderated comments (they change without a republish) and static files
(Flask gives those their own validators). Streamed downloads get the validators but are never
buffered: a 304 just closes the unread stream.
"""
import datetime as dt
import hashlib
from importlib import metadata

from flask import current_app, g, request
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException
from werkzeug.http import is_resource_modified

from ledger.paths import PACKAGE_PARENT, templates_dir

# Blueprints whose answers do not depend on the publication alone.
UNCACHED_BLUEPRINTS = {"admin", "health", "community", "inquiries"}  # inquiries: answered without a republish
# Answers that read today's date (「去年」 is relative to it): the date joins the validator.
DATED_BLUEPRINTS = {"ask"}
SOURCE_PACKAGES = ("portal", "ledger", "nlq", "search", "anonymize")
SOURCE_SUFFIXES = (".py", ".html", ".js", ".css")
PRIVATE = "private, no-store"
REVALIDATE = "no-cache"


def add_validators(response):
    """after_request hook: validators and Cache-Control, or a 304 when the client's copy is current."""
    if request.method not in ("GET", "HEAD"):
        return response
    if request.blueprint == "admin" or request.path.startswith("/admin"):
        response.headers["Cache-Control"] = PRIVATE
        return response
    if _session_dependent(response):
        response.headers["Cache-Control"] = PRIVATE
        return response
    if (response.status_code != 200 or request.endpoint in (None, "static")
            or request.blueprint in UNCACHED_BLUEPRINTS or "ETag" in response.headers):
        return response
    shown = _shown_publication()
    if shown is None:
        return response
    dated = request.blueprint in DATED_BLUEPRINTS
    response.set_etag(_etag(shown, dated), weak=True)  # weak: same data, bytes may differ (e.g. a timestamp)
    response.last_modified = _last_modified(shown, dated)
    response.headers["Cache-Control"] = REVALIDATE
    if not is_resource_modified(request.environ, etag=response.get_etag()[0], last_modified=response.last_modified):
        _not_modified(response)
    return response


def _session_dependent(response):
    csrf_field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    return csrf_field in g or _session_used() or "Set-Cookie" in response.headers


def _session_used():
    """Whether the view read or wrote the session (without reading it here: the proxy marks it read)."""
    opened = getattr(request_ctx, "_session", None)
    return opened is None or opened.accessed or opened.modified


def _shown_publication():
    """The publication the response was built from (the view usually looked it up already)."""
    if "publication" in g:
        return g.publication
    from .context import publication
    try:
        return publication()
    except HTTPException:  # a bad ?pub= on a view that never read it: nothing to validate against
        return None


def _etag(shown, dated):
    from ledger.db import current_publication

    from .context import connection

    current = shown if "pub" not in request.args else current_publication(connection())
    parts = [
        f"pub={shown['id']}:{shown.get('data_sha256') or ''}",
        f"current={current['id'] if current else ''}",  # permalink pages point at the newest one
        f"url={request.full_path}",
        f"build={build_id(current_app)}",
    ]
    if dated:
        parts.append(f"date={dt.date.today().isoformat()}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _last_modified(shown, dated):
    created = shown["created_at"]
    if isinstance(created, str):
        created = dt.datetime.fromisoformat(created)
    created = created.replace(tzinfo=dt.timezone.utc)  # stored as naive UTC
    if dated:
        midnight = dt.datetime.combine(dt.date.today(), dt.time()).astimezone(dt.timezone.utc)
        created = max(created, midnight)
    return created


def _not_modified(response):
    """Turn the response into a 304 without reading its body (streamed downloads stay unread)."""
    response.close()  # closes a pending generator or file (and its database connection)
    response.response = []
    response.status_code = 304
    response.headers.pop("Content-Length", None)


def build_id(app):
    """Identifies the running code: BUILD_ID / MINGZHANG_BUILD_ID, else a digest of the sources."""
    cached = app.extensions.get("mingzhang.build_id")
    if cached is None:
        cached = (app.config.get("BUILD_ID")
                  or source_digest())
        app.extensions["mingzhang.build_id"] = cached
    return cached


def source_roots():
    """The package folders (and the templates) wherever they are installed."""
    return [PACKAGE_PARENT / name for name in SOURCE_PACKAGES] + [templates_dir()]


def source_digest():
    """Package version plus a hash of the code and templates that render pages (~150 small files)."""
    try:
        version = metadata.version("mingzhang")
    except metadata.PackageNotFoundError:
        version = "dev"
    digest = hashlib.sha256(version.encode())
    for root in source_roots():
        for path in sorted(root.rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(root.parent)).encode())
                digest.update(path.read_bytes())
    return f"{version}-{digest.hexdigest()[:12]}"
