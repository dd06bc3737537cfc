"""gunicorn settings for ``make run`` and production (override with GUNICORN_* env or CLI flags)."""
import os

from portal.config import SERVER_SETTINGS, env_value

_server = {s.env: env_value(s) for s in SERVER_SETTINGS}
# One intra-op thread per worker for torch (query embeddings): workers × threads already fill the
# cores, and torch's default of one thread per core made a single request use every core.
os.environ.setdefault("OMP_NUM_THREADS", str(_server["TORCH_THREADS"]))

workers = _server["WEB_CONCURRENCY"]
threads = _server["GUNICORN_THREADS"]
worker_class = "gthread"
timeout = _server["GUNICORN_TIMEOUT"]
graceful_timeout = 20
preload_app = True  # one copy of the app (and the embedding model) shared by forked workers
accesslog = "-"
# The README promises that no visitor IP is kept, and questions and searches travel in the query string
# (/api/ask?q=…): by default the access log has neither — time, method, path, protocol, status, size,
# milliseconds. ACCESS_LOG_FULL=1 brings back gunicorn's usual combined format (IP, full URL, referrer).
PRIVATE_ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
FULL_ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'
access_log_format = FULL_ACCESS_LOG_FORMAT if _server["ACCESS_LOG_FULL"] else PRIVATE_ACCESS_LOG_FORMAT
# SO_REUSEPORT on the listening socket: measured with bench/load.py (2 workers, keep-alive clients), two
# clients got 361 req/s with it and 166-176 without (both connections served by one worker), p95 9 vs 22 ms.
# `mingzhang serve` refuses a port already in use, since SO_REUSEPORT would let a second server share it.
reuse_port = True


def post_worker_init(worker):
    """Each worker loads the models, dictionaries and search index before its first request (WARM_UP=server,
    the default): no visitor waits for them. In the worker, not the master: torch and open SQLite files do
    not survive a fork. A heartbeat during the warm-up keeps a slow load from looking like a hung worker."""
    app = getattr(worker, "wsgi", None)
    if getattr(app, "config", {}).get("WARM_UP") == "server":
        from portal.warmup import warm_up

        warm_up(app, notify=worker.notify)
