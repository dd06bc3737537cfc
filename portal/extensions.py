"""Flask extensions, created unbound and attached in the app factory."""
import logging

from flask.logging import default_handler, wsgi_errors_stream
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
# Storage comes from app.config["RATELIMIT_STORAGE_URI"] (memory:// by default, redis://… for many workers).
# get_remote_address reads request.remote_addr, which ProxyFix sets from X-Forwarded-For only when
# TRUSTED_PROXY_COUNT > 0 (portal/security.py), so a client cannot spoof itself a fresh budget.
limiter = Limiter(key_func=get_remote_address, default_limits=[])

REDIS_SCHEMES = ("redis", "rediss", "redis+unix")


def storage_options(config):
    """Keyword arguments for the rate-limit store: a dead Redis must fail fast, not hang a request.

    redis-py otherwise waits without a timeout and retries three times with backoff; with these
    options a refused or silent Redis costs at most RATELIMIT_STORAGE_TIMEOUT, after which
    flask-limiter switches to its in-memory fallback (RATELIMIT_IN_MEMORY_FALLBACK_ENABLED).
    """
    scheme = str(config.get("RATELIMIT_STORAGE_URI", "")).split("://", 1)[0]
    if scheme not in REDIS_SCHEMES:
        return {}
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    timeout = float(config.get("RATELIMIT_STORAGE_TIMEOUT", 0.5))
    return {"socket_connect_timeout": timeout, "socket_timeout": timeout, "retry": Retry(NoBackoff(), 0)}


def _show_limiter_log():
    """Let operators see "storage unreachable - falling back" (WARNING) and "storage recovered" (INFO).

    flask-limiter logs them to a logger holding only a NullHandler, so without logging configured
    they vanish; then they go where Flask's own log goes (wsgi.errors: gunicorn's error log).
    """
    logger = logging.getLogger("flask-limiter")
    current = logger
    while current:
        if any(not isinstance(h, logging.NullHandler) for h in current.handlers):
            return  # the deployment configured logging: leave it alone
        current = current.parent if current.propagate else None
    handler = logging.StreamHandler(wsgi_errors_stream)
    handler.setFormatter(default_handler.formatter)
    # Store state changes only: not one INFO line per 429.
    handler.addFilter(lambda record: record.levelno >= logging.WARNING or "storage" in record.getMessage())
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)


def init_limiter(app):
    app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", storage_options(app.config))
    # The limiter object is shared: flask-limiter takes a missing RATELIMIT_ENABLED from its own current
    # state, so an app created after one with limits off would silently run without limits.
    app.config.setdefault("RATELIMIT_ENABLED", True)
    limiter.init_app(app)
    _show_limiter_log()
