"""Blueprints. Each module owns one area; views stay thin and call query modules."""


def register_blueprints(app):
    from . import api, health, pages

    app.register_blueprint(health.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    # Feature blueprints register themselves here as they land.
    for module_name in ("search", "ask", "admin", "community", "compare", "documents", "opendata", "publications",
                        "glossary", "units", "warnings", "inquiries",
                        "performance"):
        try:
            module = __import__(f"portal.views.{module_name}", fromlist=["bp"])
        except ModuleNotFoundError as exc:
            if exc.name != f"portal.views.{module_name}":
                raise
            continue
        app.register_blueprint(module.bp)
        if hasattr(module, "staff_bp"):  # a feature's back-office screens, under /admin
            app.register_blueprint(module.staff_bp)
