"""WSGI entry point for a checkout: ``gunicorn wsgi:app``."""
from portal.wsgi import app  # noqa: F401
