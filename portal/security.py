"""Security headers on every response, and which proxy headers to believe."""
from flask import has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

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
