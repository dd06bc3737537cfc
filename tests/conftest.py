"""Shared fixtures: one real demo publication per test session, on a real SQLite file.

The full demo (about 100,000 payments) is generated, de-identified and published once;
the result is cached under .cache/ keyed by everything that shapes the published data (see
``source_fingerprint``), so a second run of the suite reuses it. The published yearbook is
cached the same way.
"""
import datetime as dt
import hashlib
import os
import re
import shutil
import sqlite3
import tomllib
from importlib import metadata
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
DEMO_TITLE = "示例市预算执行数据（演示）"
YEARBOOK_TITLE = "分地区一般公共预算支出（中国统计年鉴表7-6，2019–2023）"
# Everything that shapes the published data: the whole core (code and its data files, e.g. the
# bundled yearbook), de-identification, the search index, the publish orchestration and the
# settings' defaults it reads (import limits, search and embedding settings).
DATA_SOURCES = ("ledger", "anonymize", "search", "portal/publishing.py", "portal/hooks.py", "portal/config.py")


def _source_files():
    for source in DATA_SOURCES:
        path = ROOT / source
        if path.is_file():
            yield path
        else:
            yield from sorted(f for f in path.rglob("*") if f.is_file() and "__pycache__" not in f.parts)


def _dependency_versions():
    """Installed versions of the runtime dependencies (a new jieba or model changes the data too)."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for requirement in declared:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group()
        try:
            yield f"{name}=={metadata.version(name)}"
        except metadata.PackageNotFoundError:
            yield f"{name} missing"


def _settings_from_environment():
    """Settings given in the environment (a build reads them, e.g. ANONYMIZE_VISIBLE_DIGITS, SEARCH_HYBRID)."""
    from portal.config import SETTINGS

    return [f"{s.env}={os.environ[s.env]}" for s in SETTINGS if s.env in os.environ]


def source_fingerprint(recipe=""):
    """A digest of the sources of the published data, of the installed dependencies and the settings
    in the environment, and of ``recipe`` (how a test builds it)."""
    digest = hashlib.sha256(recipe.encode())
    for file in _source_files():
        digest.update(str(file.relative_to(ROOT)).encode())
        digest.update(file.read_bytes())
    digest.update("\n".join([*_dependency_versions(), *_settings_from_environment()]).encode())
    return digest.hexdigest()[:16]


def cached_instance(name, build, recipe, tmp_path_factory):
    """A private copy of an instance folder that ``build(folder)`` fills, built once per fingerprint."""
    cache = ROOT / ".cache" / f"{name}-{source_fingerprint(recipe)}"
    if not (cache / "mingzhang.db").exists() or os.environ.get("MINGZHANG_REBUILD_DEMO"):
        shutil.rmtree(cache, ignore_errors=True)
        # A private build folder: concurrent test runs must not delete each other's work.
        building = cache.with_name(f"{cache.name}.building-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        build(building)
        try:
            building.rename(cache)
        except OSError:  # another run finished the same build first; use theirs
            shutil.rmtree(building, ignore_errors=True)
    # Tests get their own copy, so that writes (comments, re-imports) do not leak between runs.
    instance = tmp_path_factory.mktemp(name)
    shutil.copytree(cache, instance, dirs_exist_ok=True)
    return instance


def build_instance(instance, seed=DEMO_SEED, as_of=DEMO_AS_OF):
    """Generate raw demo files into instance/raw and publish them into instance/mingzhang.db."""
    from ledger.demo import generate
    from portal import create_app
    from portal.cli import run_publish

    app = create_app(_config_for(instance))
    raw = instance / "raw" / "city"
    files = generate(raw, seed=seed, as_of=as_of)
    with app.app_context():
        run_publish(app, files, dataset="city", title=DEMO_TITLE, is_demo=True, created_by="tests")
    app.extensions["mingzhang.engine"].dispose()  # closes SQLite, checkpointing the WAL into the file
    return app


def build_yearbook(instance):
    """Publish the bundled yearbook files (统计年鉴 表7-6, 2019–2023) into instance/mingzhang.db."""
    from ledger.importer.yearbook import bundled_yearbook_files
    from portal import create_app
    from portal.cli import run_publish

    app = create_app({**_config_for(instance), "SEARCH_HYBRID": False})
    with app.app_context():
        run_publish(app, bundled_yearbook_files(), dataset="yearbook", title=YEARBOOK_TITLE, is_demo=False,
                    created_by="tests")
    app.extensions["mingzhang.engine"].dispose()


def _config_for(instance):
    return {
        "INSTANCE_PATH": instance,
        "DATABASE_URL": f"sqlite:///{instance / 'mingzhang.db'}",
        "SEARCH_INDEX_PATH": instance / "search.db",
        "SECRET_KEY": "test-secret",
        "PSEUDONYM_KEY": "test-pseudonym-key",
        "TESTING": True,
    }


# pytest-xdist (`make test` runs two workers, --dist loadgroup): a file runs whole on one worker, so its
# module fixtures are built once; the files that ask every evaluation question share one worker and so
# the session's answers (ask_memo) instead of computing them twice.
SHARED_ANSWERS = {"test_eval_sets.py", "test_answer_records.py", "test_postgres_nlq.py"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        group = "evaluation-answers" if item.path.name in SHARED_ANSWERS else item.path.relative_to(ROOT).as_posix()
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def demo_instance(tmp_path_factory):
    """Path of an instance folder holding the published demo (raw files under raw/city)."""
    recipe = f"demo seed={DEMO_SEED} as_of={DEMO_AS_OF} title={DEMO_TITLE}"
    return cached_instance("demo", build_instance, recipe, tmp_path_factory)


@pytest.fixture(scope="session")
def yearbook_instance(tmp_path_factory):
    """Path of an instance folder holding the published yearbook (no search embeddings)."""
    return cached_instance("yearbook", build_yearbook, f"yearbook title={YEARBOOK_TITLE}", tmp_path_factory)


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


@pytest.fixture(scope="module")
def yearbook_app(yearbook_instance):
    """The portal over the published yearbook (cached by build_yearbook), without embeddings."""
    from portal import create_app

    return create_app({**_config_for(yearbook_instance), "NLQ_EMBEDDINGS": False})


@pytest.fixture(scope="module")
def yearbook_sql(yearbook_app):
    """yearbook_sql(statement, **params) → rows over the current yearbook publication (``:pub`` is bound):
    expectations by straight SQL, never a figure written into a test."""
    from sqlalchemy import text

    from ledger.db import current_publication

    def run(statement, **params):
        with yearbook_app.extensions["mingzhang.engine"].connect() as conn:
            pub = current_publication(conn)["id"]
            return conn.execute(text(statement), {"pub": pub, **params}).all()
    return run


@pytest.fixture(scope="session")
def ask_memo():
    """ask_memo(client, question, as_of) -> (status, body) of /api/ask, each question asked once per portal in the
    session (tests/eval/runner.py's AskMemo): the tests that go through every evaluation question share it."""
    from eval.runner import AskMemo

    return AskMemo()


def ask_at(app, question, as_of=DEMO_AS_OF):
    """The question box's answer dict on ``app``'s current publication."""
    from ledger.db import current_publication
    from nlq.answer import ask

    with app.extensions["mingzhang.engine"].connect() as conn:
        return ask(conn, current_publication(conn), question, as_of=as_of, config=app.config)


@pytest.fixture(scope="module")
def ask_demo(demo_app):
    """ask(question) → the answer dict on the demo publication at DEMO_AS_OF, without the embedding model."""
    from ledger.db import current_publication
    from nlq.answer import ask

    def run(question):
        with demo_app.extensions["mingzhang.engine"].connect() as conn:
            return ask(conn, current_publication(conn), question, as_of=DEMO_AS_OF, config=demo_app.config,
                       use_embeddings=False)
    return run


@pytest.fixture(scope="module")
def ask_yb(yearbook_app):
    """ask(question) → the answer dict on the yearbook publication."""
    return lambda question: ask_at(yearbook_app, question)


def declined_message(result):
    """The Chinese reason of an answer that must be a decline: no figure stated, HTTP 200."""
    from tests.eval.judge import declined, states_figure

    assert result["answer"]["kind"] == "decline", (result["question"], result["understood"])
    assert result["decline"]["message"] and not states_figure(result["answer"]) and declined(200, result)
    return result["decline"]["message"]
