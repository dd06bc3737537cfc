"""Template filters and globals shared by every page."""
from flask import request, url_for

from ledger import money

from .context import publication


def register(app):
    from . import assets
    assets.init_app(app)  # content-hashed static URLs, immutable caching, compressed bodies
    app.jinja_env.filters["amount"] = money.format_amount
    app.jinja_env.filters["yuan"] = money.fen_to_yuan
    app.jinja_env.filters["rate"] = lambda pair: money.format_rate(*pair)
    app.jinja_env.filters["short_sha"] = short_sha

    @app.context_processor
    def inject():
        def url_with(**changes):
            """The current URL with some query parameters changed (None removes one)."""
            args = request.args.to_dict(flat=False)
            for key, value in changes.items():
                if value is None:
                    args.pop(key, None)
                else:
                    args[key] = [value]
            return url_for(request.endpoint, **(request.view_args or {}), **args)

        return {"current_publication": safe_publication(), "city_name": app.config["CITY_NAME"],
                "url_with": url_with, "deid_summary": deid_summary, "table_labels": table_labels(),
                "has_endpoint": lambda name: name in app.view_functions}


def short_sha(value, head=10, tail=6):
    """A hash shortened for the eye (the full value goes in a title attribute beside it)."""
    value = value or ""
    return value if len(value) <= head + tail + 1 else f"{value[:head]}…{value[-tail:]}"


def table_labels():
    """Chinese names of the published tables (regions → 地区), for pages that list row counts."""
    from ledger.datadict import DATASETS

    return {name: dataset.label for name, dataset in DATASETS.items()}


def deid_summary(pub):
    """The publication's own de-identification sentence (written by anonymize/), or None."""
    report = (pub or {}).get("deid_report") or {}
    summary = report.get("summary") if isinstance(report, dict) else None
    return summary if isinstance(summary, str) and summary.strip() else None


def safe_publication():
    try:
        return publication()
    except Exception:  # error pages must render even when the database is down
        return None
