"""Security headers on every response, which proxy headers to believe, how HEAD is served, and
where a redirect may go."""
import re
from urllib.parse import urlsplit

from flask import has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from ledger.errors import UserError

# Characters a browser drops from, or splits a header at, in a URL: C0 controls (tab, CR, LF…), space,
# DEL, and the backslash that browsers read as "/". "/\t/evil.com" is "//evil.com" to a browser.
_UNSAFE_IN_TARGET = re.compile(r"[\x00-\x20\x7f\\]")
MAX_TARGET_CHARS = 2000

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


def add_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
    # is_secure is true for https, or for X-Forwarded-Proto: https from a trusted proxy (trust_proxies).
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


class SessionInterface(SecureCookieSessionInterface):
    """The session (and CSRF) cookie is Secure in production and on every HTTPS request."""

    def get_cookie_secure(self, app):
        return bool(app.config["SESSION_COOKIE_SECURE"] or (has_request_context() and request.is_secure))


def trust_proxies(app):
    """Believe X-Forwarded-For/-Proto/-Host/-Prefix only from TRUSTED_PROXY_COUNT proxies.

    With 0 (the default) the headers are ignored: the client address used for rate limits and the
    question log is the TCP peer, so a forged X-Forwarded-For buys no fresh budget. With N, werkzeug's
    ProxyFix takes the N-th address from the right of X-Forwarded-For (the one the outermost trusted
    proxy saw), so addresses a client prepends itself are still ignored.
    """
    count = int(app.config.get("TRUSTED_PROXY_COUNT", 0))
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_prefix=count)
    app.session_interface = SessionInterface()


class HeadAsGet:
    """WSGI middleware: a HEAD request reaches the application as GET, and its body is dropped.

    HEAD is GET without the body (RFC 9110). Flask routes HEAD to the GET view, where a view that
    tested ``request.method != "GET"`` took it for a form submission — which the rate limit (POST
    only) and CSRF (POST/PUT/PATCH/DELETE) never saw: a HEAD login guessed passwords without limit and
    a HEAD upload published without a token. Here no view ever sees HEAD, whatever it tests.
    """

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "HEAD":
            return self.app(environ, start_response)
        environ["REQUEST_METHOD"] = "GET"
        body = self.app(environ, start_response)
        if hasattr(body, "close"):
            body.close()
        return []


def serve_head_as_get(app):
    app.wsgi_app = HeadAsGet(app.wsgi_app)


def local_redirect(target, default, prefix="/"):
    """``target`` if it is a path on this site under ``prefix``, else ``default``: every redirect target
    taken from a request goes through here.

    A target with control characters, spaces or backslashes is refused with a 400 (it is malformed, and
    a browser would strip the tab in "/\t/evil.com" and go to evil.com); an absolute or
    protocol-relative URL quietly becomes ``default``.
    """
    target = target or ""
    if not target:
        return default
    if _UNSAFE_IN_TARGET.search(target) or len(target) > MAX_TARGET_CHARS:
        raise UserError("bad_redirect", "跳转地址无效：含有不允许的字符（如换行、制表符、空格或反斜杠）。"
                        "请回到上一页重新操作。")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith(prefix) or target.startswith("//"):
        return default
    return target


def csrf_failure_message(exc):
    """Chinese for a refused form token: an expired one (WTF_CSRF_TIME_LIMIT) says so and how to go on."""
    if "expired" in (getattr(exc, "description", "") or ""):
        return "表单打开太久，安全令牌已过期（为安全起见，表单须在打开后一段时间内提交）。请重新加载本页面后再提交。"
    return "页面已过期或缺少安全令牌，请刷新页面后重试"
