"""WSGI entry point inside the package: ``gunicorn portal.wsgi:app`` (what ``mingzhang serve`` runs)."""
from portal import create_app

app = create_app()
