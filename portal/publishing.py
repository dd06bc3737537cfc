"""Import orchestration shared by the CLI and the staff upload page.

``publish_files`` (demo, tests) publishes at once. ``stage_files`` writes a staged publication and
returns its diff against the current one; ``confirm_staged`` then serves it (staff pressed publish,
or the CLI after printing the diff) and ``discard_staged`` drops it. None of them exits the process:
failures come back as row-level errors (recorded for staff to see).
"""
import functools
import logging
import time

from sqlalchemy.exc import DBAPIError

from ledger.errors import UserError
from ledger.importer import publish as importer
from ledger.importer.diff import publication_diff
from ledger.importer.publish import ImportFailure, StorageFailure, publish, record_failure

from .config import import_limits
from .hooks import after_publish
from .keys import require_pseudonym_key

log = logging.getLogger(__name__)


def publish_files(app, paths, *, dataset, title, created_by, is_demo=False, replace=False):
    """Publish ``paths`` atomically and re-index. Returns ``(publication, [])`` or ``(None, errors)``.

    Real (non-demo) data without a pseudonym key of its own raises keys.PseudonymKeyMissing (Chinese).
    """
    require_pseudonym_key(app.config, is_demo=is_demo)
    engine = app.extensions["mingzhang.engine"]
    warnings, index_clock = [], PhaseClock()

    def on_published(pub, rows):
        with index_clock:
            warnings.extend(after_publish(app, pub, rows))

    try:
        with PhaseClock() as total_clock:
            publication = publish(
                engine, paths, pseudonym_key=app.config["PSEUDONYM_KEY"], dataset=dataset, title=title,
                is_demo=is_demo, created_by=created_by, limits=import_limits(app.config), replace=replace,
                visible_digits=app.config["ANONYMIZE_VISIBLE_DIGITS"], on_published=on_published,
                on_prepared=functools.partial(_prefetch_passages, app))
    except ImportFailure as failure:
        _cancel_prefetch()
        _record_failure(engine, failure, dataset=dataset, title=title, created_by=created_by)
        return None, failure.errors
    publication["warnings"] = warnings
    publication["timings"] = {"import": total_clock.minus(index_clock), "index": index_clock.spent()}
    return publication, []


def _prefetch_passages(app, published):
    """A command-line import encodes its search passages while it writes (search/prefetch.py)."""
    try:
        from search import prefetch
    except ImportError:
        return
    prefetch.start(app.config, published)


def _cancel_prefetch():
    try:
        from search import prefetch
    except ImportError:
        return
    prefetch.cancel()


class PhaseClock:
    """Wall and CPU seconds of a phase (CPU of this process and of the workers it waited for): where an
    import's time goes, told apart from a loaded machine's waiting."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), _cpu_seconds()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, _cpu_seconds() - self.cpu

    def spent(self):
        return {"wall": getattr(self, "wall", 0.0), "cpu": getattr(self, "cpu", 0.0)}

    def minus(self, other):
        mine, theirs = self.spent(), other.spent()
        return {key: mine[key] - theirs[key] for key in mine}


def _cpu_seconds():
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def stage_files(app, paths, *, dataset, title, created_by, drop=(), replace=False, with_diff=True):
    """Stage ``paths`` for review. Returns ``(staged publication, diff, [])`` or ``(None, None, errors)``.

    ``with_diff=False``: the caller shows the diff later (the review page), so it is not computed twice.
    """
    require_pseudonym_key(app.config)  # staged data is real data: never pseudonyms someone can recompute
    engine = app.extensions["mingzhang.engine"]
    try:
        staged, plan = importer.stage(engine, paths, pseudonym_key=app.config["PSEUDONYM_KEY"], dataset=dataset,
                                      title=title, created_by=created_by, drop=drop, replace=replace,
                                      limits=import_limits(app.config),
                                      visible_digits=app.config["ANONYMIZE_VISIBLE_DIGITS"],
                                      on_prepared=functools.partial(_prefetch_passages, app))
    except ImportFailure as failure:
        _cancel_prefetch()
        _record_failure(engine, failure, dataset=dataset, title=title, created_by=created_by)
        return None, None, failure.errors
    if not with_diff:
        return staged, None, []
    with engine.connect() as conn:
        diff = publication_diff(conn, plan.base_id, staged["id"], carried=plan.carried, dropped=plan.dropped)
    return staged, diff, []


def review(app, publication_id):
    """``(staged publication, base or None, fresh, diff)`` for the review page. Raises UserError."""
    with app.extensions["mingzhang.engine"].connect() as conn:
        staged, base, fresh = importer.staged_publication(conn, publication_id)
        carried = {e["table"] for e in staged["source_files"] if e.get("carried_from")}
        dropped = {e["table"] for e in staged["source_files"] if e.get("dropped")}
        base_id = base["id"] if base else None
        diff = publication_diff(conn, base_id, staged["id"], carried=carried, dropped=dropped) if fresh else []
    return staged, base, fresh, diff


def confirm_staged(app, publication_id):
    """Serve a staged publication, re-index, and drop other staged imports (now built on stale data).

    Returns the publication with ``warnings``; raises UserError if it cannot be served.
    """
    engine = app.extensions["mingzhang.engine"]
    publication = importer.confirm(engine, publication_id)
    with engine.connect() as conn:
        stale = [pid for pid in importer.staged_ids(conn) if pid != publication_id]
    for pid in stale:
        try:
            importer.discard(engine, pid)
        except UserError:  # discarded meanwhile by someone else
            pass
    with PhaseClock() as index_clock:
        publication["warnings"] = after_publish(app, publication, None)
    publication["timings"] = {"index": index_clock.spent()}
    return publication


def discard_staged(app, publication_id):
    importer.discard(app.extensions["mingzhang.engine"], publication_id)


def _record_failure(engine, failure, **what):
    try:
        record_failure(engine, failure, **what)
    except DBAPIError:
        if not isinstance(failure, StorageFailure):
            raise
        # The database that refused the import refuses its trace too; the log keeps it.
        log.error("could not record the failed import: %s", failure.errors)
