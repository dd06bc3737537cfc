"""For `gunicorn -c gunicorn.conf.py wsgi:app` from a checkout; the settings live in portal/gunicorn_conf.py."""
from portal.gunicorn_conf import *  # noqa: F403
