"""Import orchestration shared by the CLI and the staff upload page.

``publish_files`` never exits the process: it returns the publication, or the
row-level errors (after recording the failed attempt for staff to see).
"""
import logging

from sqlalchemy.exc import DBAPIError

from ledger.importer.publish import ImportFailure, StorageFailure, publish, record_failure

from .config import import_limits
from .hooks import after_publish

log = logging.getLogger(__name__)


def publish_files(app, paths, *, dataset, title, created_by, is_demo=False):
    """Publish ``paths`` atomically and re-index. Returns ``(publication, [])`` or ``(None, errors)``."""
    engine = app.extensions["mingzhang.engine"]
    warnings = []
    try:
        publication = publish(
            engine, paths, pseudonym_key=app.config["PSEUDONYM_KEY"], dataset=dataset, title=title,
            is_demo=is_demo, created_by=created_by, limits=import_limits(app.config),
            on_published=lambda pub, rows: warnings.extend(after_publish(app, pub, rows)))
    except ImportFailure as failure:
        try:
            record_failure(engine, failure, dataset=dataset, title=title, created_by=created_by)
        except DBAPIError:
            if not isinstance(failure, StorageFailure):
                raise
            # The database that refused the import refuses its trace too; the log keeps it.
            log.error("could not record the failed import: %s", failure.errors)
        return None, failure.errors
    publication["warnings"] = warnings
    return publication, []
