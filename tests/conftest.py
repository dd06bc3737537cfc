"""Shared fixtures: one real demo publication per test session, on a real SQLite file.

The full demo (about 100,000 payments) is generated, de-identified and published once;
the result is cached under .cache/ keyed by the source of the generator, importer and
de-identification, so a second run of the suite reuses it.
"""
import datetime as dt
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

# Browser fixtures live in one module and are registered once here: a second sync_playwright
# in the same process fails, so every browser test shares the session's Chromium.
from browser_support import browser_page, chromium, live_server, mobile_page  # noqa: E402,F401

# A throwaway Elasticsearch node, started for the session by the first test that needs one.
from es_support import elasticsearch_url  # noqa: E402,F401
from support.postgres import pg_cluster, pg_url  # noqa: E402,F401

ROOT = Path(__file__).resolve().parent.parent
DEMO_SEED = 20240101
DEMO_AS_OF = dt.date(2026, 10, 31)  # last full month of the demo's current year


def _source_fingerprint():
    digest = hashlib.sha256()
    # Everything that shapes the published data: the whole core, de-identification, the search index and
    # the publish orchestration (a narrower list once missed modules that change the data).
    for folder in ("ledger", "anonymize", "search", "portal/publishing.py", "portal/hooks.py"):
        path = ROOT / folder
        files = sorted(f for f in path.rglob("*") if f.suffix in (".py", ".toml", ".txt", ".json")) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def build_instance(instance, seed=DEMO_SEED, as_of=DEMO_AS_OF):
    """Generate raw demo files into instance/raw and publish them into instance/mingzhang.db."""
    from ledger.demo import generate
    from portal import create_app
    from portal.cli import run_publish

    app = create_app(_config_for(instance))
    raw = instance / "raw" / "city"
    files = generate(raw, seed=seed, as_of=as_of)
    with app.app_context():
        run_publish(app, files, dataset="city", title="示例市预算执行数据（演示）", is_demo=True, created_by="tests")
    app.extensions["mingzhang.engine"].dispose()  # closes SQLite, checkpointing the WAL into the file
    return app


def _config_for(instance):
    return {
        "INSTANCE_PATH": instance,
        "DATABASE_URL": f"sqlite:///{instance / 'mingzhang.db'}",
        "SEARCH_INDEX_PATH": instance / "search.db",
        "SECRET_KEY": "test-secret",
        "PSEUDONYM_KEY": "test-pseudonym-key",
        "TESTING": True,
    }


@pytest.fixture(scope="session")
def demo_instance(tmp_path_factory):
    """Path of an instance folder holding the published demo (raw files under raw/city)."""
    cache = ROOT / ".cache" / f"demo-{_source_fingerprint()}"
    if not (cache / "mingzhang.db").exists() or os.environ.get("MINGZHANG_REBUILD_DEMO"):
        shutil.rmtree(cache, ignore_errors=True)
        # A private build folder: concurrent test runs must not delete each other's work.
        building = cache.with_name(f"{cache.name}.building-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        build_instance(building)
        try:
            building.rename(cache)
        except OSError:  # another run finished the same build first; use theirs
            shutil.rmtree(building, ignore_errors=True)
    # Tests get their own copy, so that writes (comments, re-imports) do not leak between runs.
    instance = tmp_path_factory.mktemp("instance")
    shutil.copytree(cache, instance, dirs_exist_ok=True)
    return instance


@pytest.fixture(scope="session")
def demo_app(demo_instance):
    """The portal over the demo publication (read-mostly: share it, don't mutate published data)."""
    from portal import create_app

    app = create_app(_config_for(demo_instance))
    return app


@pytest.fixture(scope="module")
def db(demo_instance):
    """A plain sqlite3 connection to the demo database, for expectations computed by straight SQL."""
    conn = sqlite3.connect(demo_instance / "mingzhang.db")
    yield conn
    conn.close()


@pytest.fixture()
def client(demo_app):
    return demo_app.test_client()


@pytest.fixture()
def empty_app(tmp_path):
    """A portal with nothing published yet, on its own database."""
    from portal import create_app

    return create_app(_config_for(tmp_path))
