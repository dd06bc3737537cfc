"""gunicorn settings for ``make run`` and production (override with GUNICORN_* env or CLI flags)."""
import os

workers = int(os.environ.get("WEB_CONCURRENCY", "1"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
preload_app = True  # one copy of the app (and the embedding model) shared by forked workers
accesslog = "-"
