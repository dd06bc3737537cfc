"""Warm-up (issue #18 item 5): a gunicorn worker has loaded the embedding model, jieba's dictionaries, the
lexicon and the search index before its first question; WARM_UP=off leaves them to the first request;
WARM_UP=app warms inside create_app. Asserts on what is loaded, never on timings (bench/cold_start.py
measures those)."""
import json
import urllib.request

import pytest
from support.servers import portal_env, run_gunicorn

from portal import create_app
from portal.config import load_config


def health(server):
    with urllib.request.urlopen(server.url + "/healthz", timeout=30) as response:
        return json.load(response)


def test_a_gunicorn_worker_is_warm_before_its_first_question(demo_instance):
    with run_gunicorn(portal_env(demo_instance), timeout=600) as server:
        warm = health(server)["warm"]  # the first request this worker serves
    assert warm["embedding_model"] is True
    assert warm["question_dictionary"] is True
    assert warm["lexicon_names"] > 100
    assert warm["search"] is True


def test_warm_up_off_loads_nothing_before_the_first_question(demo_instance):
    with run_gunicorn(portal_env(demo_instance, WARM_UP="off"), timeout=120) as server:
        warm = health(server)["warm"]
    assert warm == {"embedding_model": False, "question_dictionary": False, "lexicon_names": 0, "search": False,
                    "seconds": None}


def _config(instance, **settings):
    return {"INSTANCE_PATH": instance, "DATABASE_URL": f"sqlite:///{instance / 'mingzhang.db'}",
            "SEARCH_INDEX_PATH": instance / "search.db", "SECRET_KEY": "test-secret",
            "PSEUDONYM_KEY": "test-pseudonym-key", **settings}


def test_create_app_warms_up_only_when_asked(demo_instance):
    # Without the model (loaded by the gunicorn test above): the lexicon, the dictionaries and the index.
    quick = {"NLQ_EMBEDDINGS": False, "SEARCH_HYBRID": "0"}
    pure = create_app(_config(demo_instance, WARM_UP="server", **quick))
    assert "mingzhang.warm" not in pure.extensions and "mingzhang.search" not in pure.extensions

    app = create_app(_config(demo_instance, WARM_UP="app", **quick))
    state = app.test_client().get("/healthz").get_json()["warm"]
    assert state["question_dictionary"] is True and state["search"] is True
    assert state["lexicon_names"] > 100


def test_an_unknown_warm_up_value_is_refused_in_chinese(monkeypatch):
    monkeypatch.setenv("WARM_UP", "sometimes")
    with pytest.raises(ValueError, match="请设为 server / app / off"):
        load_config()
