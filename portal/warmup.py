"""Warm-up: load what the first question and the first search would otherwise wait for (issue #18 item 5).

A cold worker spent seconds on the first /ask and /search: the sentence-transformers model, jieba's
dictionary (for questions, for search and for de-identifying the question log), the publication's lexicon and its class vectors, the search
index's segmenter and vectors, the page templates. ``warm_up(app)`` loads them all, without a request,
so nothing is logged or rate-limited. gunicorn calls it in each worker before the worker takes its first
request (portal/gunicorn_conf.py, ``post_worker_init``); ``create_app`` calls it only with WARM_UP=app
(another WSGI server); WARM_UP=off leaves everything to the first request. Importing this module loads
nothing.
"""
import logging
import threading
import time
from contextlib import contextmanager

log = logging.getLogger(__name__)

EXTENSION = "mingzhang.warm"
# A word the lexicon does not hold, so the embedding matcher encodes the class names once.
MATCHER_WORDS = ["看病"]
SEARCH_TEXT = "农村公路"
# Questions of each stage's kind (a figure, a ranking, a decline): asked once so that the parser's
# patterns are compiled; answers are not logged.
QUESTIONS = ("2024年全市教育支出是多少", "今年各区县预算执行率从高到低", "明天天气怎么样")


def warm_up(app, notify=None):
    """Load the models, dictionaries, lexicon and search index for ``app``'s current publication.
    ``notify`` (gunicorn's worker heartbeat) is called while it runs. Failures are logged, never
    raised: a worker that cannot warm up still serves, and loads on first use as before."""
    loaded = app.extensions.setdefault(EXTENSION, {})
    started = time.perf_counter()
    with _heartbeat(notify):
        _run_steps(app, loaded)
    loaded["seconds"] = round(time.perf_counter() - started, 2)
    log.info("warm-up done in %.1f s", loaded["seconds"])
    return loaded


@contextmanager
def _heartbeat(notify, every=5, longest=600):
    """Call ``notify`` every few seconds while the block runs (one step, the class vectors, took over a
    minute on a busy machine: longer than gunicorn's timeout), but for ``longest`` seconds at most, so a
    warm-up that hangs still ends in a restarted worker."""
    if notify is None:
        yield
        return
    done = threading.Event()

    def beat():
        deadline = time.monotonic() + longest
        while not done.wait(every) and time.monotonic() < deadline:
            notify()

    thread = threading.Thread(target=beat, name="warm-up-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def _run_steps(app, loaded):
    # A request context that is never dispatched: no view runs, nothing is logged or counted; its
    # database connection is closed when the context ends.
    with app.test_request_context("/"):
        for step in (_templates, _questions, _question_log, _search):
            try:
                step(app, loaded)
            except Exception as exc:  # noqa: BLE001 - warm-up is an optimisation, never a failure
                log.warning("warm-up step %s failed: %s", step.__name__, exc)


def _templates(app, loaded):
    """Every page template compiled once (Jinja keeps them): a first page view rendered in 0.8 s."""
    names = [name for name in app.jinja_env.list_templates() if name.endswith(".html")]
    for name in names:
        app.jinja_env.get_template(name)
    loaded["templates"] = len(names)
    from .caching import build_id

    build_id(app)  # the ETag's digest of the sources


def _questions(app, loaded):
    """The lexicon, the question tokenizer (jieba's dictionary), the embedding model and class vectors,
    the parser's patterns."""
    from nlq.answer import ask
    from nlq.lexicon import for_publication
    from nlq.matcher import embedding_matcher
    from nlq.suggest import suggestions
    from nlq.tokens import tokenizer

    from .context import connection, publication

    pub = publication()
    if pub is None:
        return
    conn = connection()
    lexicon = for_publication(conn, pub["id"], app.config)
    loaded["lexicon"] = lexicon
    loaded["question_tokenizer"] = tokenizer(lexicon)
    loaded["question_tokenizer"].lcut("预算执行率")  # loads jieba's dictionary (lazily, on first cut)
    suggestions(conn, pub, app.config)
    match = embedding_matcher(app.config, lexicon)
    if match is not None:
        match(MATCHER_WORDS)  # loads the model and encodes the lexicon's class names
    for question in QUESTIONS:
        ask(conn, pub, question, config=app.config)


def _question_log(app, loaded):
    """The question log de-identifies each question (anonymize: jieba's default part-of-speech dictionary,
    5 s to load on a busy machine)."""
    from anonymize import scrub_text

    scrub_text("王小明问：2024年教育支出是多少？", visible_digits=app.config["ANONYMIZE_VISIBLE_DIGITS"])
    loaded["question_log"] = True


def _search(app, loaded):
    """The search backend with its segmenter (jieba again), vectors and the query embedding."""
    from search import SearchRequest

    from .views.search import backend

    backend().search(SearchRequest(q=SEARCH_TEXT))
    loaded["search"] = True


def warm_state(app):
    """What is loaded in this process, read from the objects themselves (reported by /healthz)."""
    from ledger.embedding import is_loaded

    loaded = app.extensions.get(EXTENSION, {})
    tokenizer = loaded.get("question_tokenizer")
    lexicon = loaded.get("lexicon")
    return {
        "embedding_model": is_loaded(app.config),
        "question_dictionary": bool(tokenizer is not None and tokenizer.initialized),
        "lexicon_names": len(lexicon.surfaces) if lexicon is not None else 0,
        "search": "mingzhang.search" in app.extensions and bool(loaded.get("search")),
        "seconds": loaded.get("seconds"),
    }
