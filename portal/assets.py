"""Static files: content-hashed URLs, long-lived immutable caching, compressed transfer.

Every ``url_for('static', filename='app.css')`` — in any template or view — yields a name carrying
the file's content hash, ``/static/app.3f9a0c12b4.css`` (a ``url_defaults`` hook, so nobody has to
call a special function). Such a URL can never point at other bytes, so it is served with
``Cache-Control: public, max-age=31536000, immutable``: a repeat visit loads CSS, scripts and the
chart bundle from the browser's cache without asking. The plain name (``/static/app.css``) keeps
working, with ``no-cache`` (revalidated by ETag), for old pages and links from elsewhere.

Bodies are compressed per ``Accept-Encoding`` with ``Vary: Accept-Encoding``: a precompressed
variant (``.br``/``.gz`` written by ``make vendor``, listed in static/precompressed.json with the
SHA-256 of the file it was made from, used only while that still matches), else gzip made once per
process in memory (the standard library has no brotli; our own CSS/JS are a few KB).

Pages and JSON answers are gzipped too (a 40 KB page becomes 7 KB), except responses that are
``private`` — those carrying a CSRF token or a session — so that no secret is ever compressed next
to text an attacker could inject (BREACH).
"""
import gzip
import hashlib
import json
import mimetypes
import threading
from pathlib import Path

from flask import abort, g, request, url_for
from werkzeug.wrappers import Response

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
HASH_LENGTH = 10
COMPRESSIBLE = (".css", ".js", ".json", ".svg", ".txt", ".html", ".map")
MIN_COMPRESS_BYTES = 512  # below one packet compression saves nothing
DYNAMIC_TYPES = ("text/html", "application/json", "text/csv", "text/plain", "text/markdown", "application/xml")


class StaticFiles:
    """Hashes and compressed bodies of the files under one static folder, recomputed when a file changes."""

    def __init__(self, folder):
        self.folder = Path(folder).resolve()
        self._lock = threading.Lock()
        self._digests = {}  # name -> ((mtime_ns, size), sha256 hex)
        self._gzipped = {}  # (name, sha256) -> bytes
        self._precompressed = self._read_precompressed()

    def _read_precompressed(self):
        path = self.folder / "precompressed.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def path(self, name):
        """The file for a static name, or None (missing, a directory, or outside the folder)."""
        candidate = (self.folder / name).resolve()
        if self.folder not in candidate.parents or not candidate.is_file():
            return None
        return candidate

    def digest(self, name):
        path = self.path(name)
        if path is None:
            return None
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            known = self._digests.get(name)
            if known and known[0] == key:
                return known[1]
        value = hashlib.sha256(path.read_bytes()).hexdigest()
        with self._lock:
            self._digests[name] = (key, value)
        return value

    def hashed_name(self, name):
        """``app.css`` -> ``app.<hash>.css`` (``name`` unchanged when there is no such file)."""
        digest = self.digest(name)
        if digest is None:
            return name
        stem, dot, suffix = name.rpartition(".")
        return f"{stem}.{digest[:HASH_LENGTH]}.{suffix}" if dot and "/" not in suffix else f"{name}.{digest[:HASH_LENGTH]}"

    def resolve(self, requested):
        """(plain name, whether ``requested`` carried the file's current hash) or (None, False)."""
        if self.path(requested) is not None:
            return requested, False
        head, dot, suffix = requested.rpartition(".")
        stem, dot2, tag = head.rpartition(".")
        for plain, tag_ in (((f"{stem}.{suffix}" if dot2 else ""), tag), (head, suffix)):
            if plain and len(tag_) == HASH_LENGTH and (self.digest(plain) or "").startswith(tag_):
                return plain, True
        return None, False

    def body(self, name, encodings):
        """(bytes, content-encoding or None) for the best encoding the client accepts."""
        path = self.path(name)
        digest = self.digest(name)
        variant = self._precompressed.get(name, {})
        if variant.get("sha256") == digest:
            for encoding, key in (("br", "br"), ("gzip", "gzip")):
                if encoding in encodings and variant.get(key) and self.path(variant[key]):
                    return self.path(variant[key]).read_bytes(), encoding
        raw = path.read_bytes()
        if "gzip" in encodings and path.suffix in COMPRESSIBLE and len(raw) >= MIN_COMPRESS_BYTES:
            with self._lock:
                packed = self._gzipped.get((name, digest))
            if packed is None:
                packed = gzip.compress(raw, compresslevel=9, mtime=0)
                with self._lock:
                    self._gzipped[(name, digest)] = packed
            if len(packed) < len(raw):
                return packed, "gzip"
        return raw, None


def _accepted_encodings():
    accepted = request.accept_encodings
    return {name for name in ("br", "gzip") if accepted[name] > 0}


def init_app(app):
    """Hash static URLs and serve static files compressed, with the caching their names allow."""
    files = StaticFiles(app.static_folder)
    app.extensions["mingzhang.static_files"] = files

    @app.url_defaults
    def hashed_static_urls(endpoint, values):
        if endpoint == "static" and "filename" in values:
            values["filename"] = files.hashed_name(values["filename"])

    def serve_static(filename):
        name, immutable = files.resolve(filename)
        if name is None:
            abort(404)
        encodings = _accepted_encodings()
        data, encoding = files.body(name, encodings)
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = Response(data, mimetype=mimetype)
        if mimetype.startswith("text/") or mimetype in ("application/javascript", "application/json"):
            response.charset = "utf-8"
        if encoding:
            response.headers["Content-Encoding"] = encoding
        response.headers["Vary"] = "Accept-Encoding"
        response.headers["Cache-Control"] = IMMUTABLE if immutable else REVALIDATE
        response.set_etag(f"{files.digest(name)[:16]}-{encoding or 'identity'}")
        return response.make_conditional(request)

    app.view_functions["static"] = serve_static
    app.jinja_env.globals["preload_script"] = preload_script
    app.after_request(add_preload_links)
    # Registered first, so it runs last (Flask runs after_request hooks in reverse): on the final
    # response, after the HTTP validators (a 304 has nothing to compress) and Cache-Control are set.
    app.after_request_funcs.setdefault(None, []).insert(0, compress_response)


def compress_response(response):
    """gzip a page or JSON answer when the client accepts it (never a private or streamed one)."""
    if (response.status_code != 200 or response.direct_passthrough or response.is_streamed
            or "Content-Encoding" in response.headers or response.mimetype not in DYNAMIC_TYPES
            or "private" in (response.headers.get("Cache-Control") or "")
            or "gzip" not in _accepted_encodings()):
        return response
    body = response.get_data()
    if len(body) < MIN_COMPRESS_BYTES:
        return response
    response.set_data(gzip.compress(body, compresslevel=6, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response


def preload_script(filename):
    """Called by a template that will load ``filename`` late (the chart bundle, after the load event): the
    page's response then says ``Link: <…>; rel=preload; as=script``, so the browser starts the download
    with the page's first bytes, alongside the HTML and CSS, instead of after the load event. The
    script still runs when the page asks for it; text and tables never wait for it. Returns ''."""
    g.setdefault("preload_scripts", []).append(url_for("static", filename=filename))
    return ""


def add_preload_links(response):
    for url in dict.fromkeys(g.get("preload_scripts", ())):
        response.headers.add("Link", f"<{url}>; rel=preload; as=script")
    return response
