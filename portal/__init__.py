"""明账 Mingzhang — the Flask application factory."""
from flask import Flask

from ledger.paths import templates_dir

from .config import load_config


def create_app(overrides=None):
    app = Flask(
        __name__,
        template_folder=str(templates_dir()),
        static_folder="static",
    )
    app.config.update(load_config(overrides))
    from .keys import resolve_keys
    resolve_keys(app.config)  # the instance's own random keys unless given; published keys refused
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_SECURE"] = app.config["MINGZHANG_ENV"] == "production"
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    from ledger.db import init_schema, make_engine
    engine = make_engine(app.config["DATABASE_URL"])
    init_schema(engine)
    from ledger.supervision import ensure_stored
    ensure_stored(engine)  # flags of a publication stored before this rule version: computed once, here
    app.extensions["mingzhang.engine"] = engine

    from . import bodylimit
    from .extensions import csrf, init_limiter
    # before_request hooks run in this order: the rate limiter counts the request, an oversized body is
    # refused unread, and only then does CSRF protection read the form.
    init_limiter(app)  # Redis options and in-memory fallback
    bodylimit.init_app(app)
    csrf.init_app(app)

    from . import caching, context, errors, security, templating
    security.trust_proxies(app)  # X-Forwarded-* only with TRUSTED_PROXY_COUNT > 0
    security.serve_head_as_get(app)  # no view can take a HEAD for a form submission
    app.teardown_appcontext(context.close_connection)
    app.after_request(security.add_security_headers)
    app.after_request(caching.add_validators)  # ETag/Last-Modified and 304s on public pages
    errors.register(app)
    templating.register(app)

    from .views import register_blueprints
    register_blueprints(app)
    if app.config["WARM_UP"] == "app":  # other WSGI servers; gunicorn warms each worker (gunicorn_conf.py)
        from .warmup import warm_up
        warm_up(app)
    return app
