"""Explicit configuration: defaults, overridden by environment variables.

Every setting a deployment may change is listed here, and documented in the README.
"""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET = "dev-insecure-change-me"


def _env(name, default):
    value = os.environ.get(name)
    return default if value in (None, "") else value


def load_config(overrides=None):
    instance = Path(_env("MINGZHANG_INSTANCE", PROJECT_ROOT / "instance"))
    config = {
        "INSTANCE_PATH": instance,
        "DATABASE_URL": _env("DATABASE_URL", f"sqlite:///{instance / 'mingzhang.db'}"),
        "SEARCH_BACKEND": _env("SEARCH_BACKEND", "sqlite"),
        "SEARCH_INDEX_PATH": Path(_env("SEARCH_INDEX_PATH", instance / "search.db")),
        "ELASTICSEARCH_URL": _env("ELASTICSEARCH_URL", ""),
        "ELASTICSEARCH_INDEX": _env("ELASTICSEARCH_INDEX", "mingzhang"),
        # Per-request timeout (s), and how long to stay on the local index after a failure (s).
        "ELASTICSEARCH_TIMEOUT": _env("ELASTICSEARCH_TIMEOUT", "2"),
        "ELASTICSEARCH_RETRY_AFTER": _env("ELASTICSEARCH_RETRY_AFTER", "30"),
        "EMBEDDING_MODEL": _env("EMBEDDING_MODEL", ""),  # empty: the bundled e5-small conversion
        # Hybrid search (BM25 + dense vectors) and embedding fallback for unknown question words.
        "SEARCH_HYBRID": _env("SEARCH_HYBRID", "1"),
        "NLQ_EMBEDDINGS": _env("NLQ_EMBEDDINGS", "1") == "1",
        # Which 类 codes count as 民生支出 (comma-separated); empty: portal/semantics.py defaults.
        "MINSHENG_CLASSES": _env("MINSHENG_CLASSES", ""),
        # Absolute site address used in generated files (white papers) that leave the site.
        "PUBLIC_BASE_URL": _env("PUBLIC_BASE_URL", ""),
        # Code version in HTTP validators (ETag); empty: a digest of the source files.
        "BUILD_ID": _env("MINGZHANG_BUILD_ID", ""),
        "SECRET_KEY": _env("SECRET_KEY", DEFAULT_SECRET),
        # Key for pseudonyms of private persons; must stay stable across publications.
        "PSEUDONYM_KEY": _env("PSEUDONYM_KEY", "") or _env("SECRET_KEY", DEFAULT_SECRET),
        "RATELIMIT_STORAGE_URI": _env("RATELIMIT_STORAGE_URI", "memory://"),
        # Redis down: count per process in memory (and log a warning) rather than fail requests;
        # the shared store is retried with backoff (1 s, 2 s, 4 s … 32 s) and used again once it answers.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": _env("RATELIMIT_FALLBACK", "1") == "1",
        "RATELIMIT_SWALLOW_ERRORS": _env("RATELIMIT_FALLBACK", "1") == "1",
        # Seconds to wait for the rate-limit store before treating it as down (connect and each command).
        "RATELIMIT_STORAGE_TIMEOUT": float(_env("RATELIMIT_STORAGE_TIMEOUT", "0.5")),
        "RATELIMIT_WRITE": _env("RATELIMIT_WRITE", "5 per minute"),
        "RATELIMIT_ASK": _env("RATELIMIT_ASK", "30 per minute"),
        "COMMENTS_PREMODERATED": _env("COMMENTS_PREMODERATED", "1") == "1",
        "CITY_NAME": _env("CITY_NAME", "示例市"),
        "MINGZHANG_ENV": _env("MINGZHANG_ENV", "development"),
        "MAX_CONTENT_LENGTH": int(_env("MAX_UPLOAD_MB", "50")) * 1024 * 1024,
        # Reverse proxies in front of the portal that append X-Forwarded-For/-Proto/-Host (0: none,
        # the headers are ignored and the client is the TCP peer; 1: one nginx/Caddy; 2: CDN + nginx).
        "TRUSTED_PROXY_COUNT": int(_env("MINGZHANG_PROXY_COUNT", "0")),
    }
    if overrides:
        config.update(overrides)
    if config["MINGZHANG_ENV"] == "production" and config["SECRET_KEY"] == DEFAULT_SECRET:
        raise RuntimeError("SECRET_KEY must be set in production (MINGZHANG_ENV=production)")
    return config
