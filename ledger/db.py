"""Database engine and the notion of the *current* publication."""
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import CreateIndex

from . import summaries
from .schema import metadata, publications


def make_engine(url):
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if not path.startswith("file:"):  # URI filenames (file:…?mode=ro) name no folder to create
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def init_schema(engine):
    """Bring a database of any earlier version up to this one (idempotent; the portal's start-up and every
    import run it): missing tables, columns and indexes, then the pre-aggregated sums publications lack."""
    metadata.create_all(engine)
    _add_new_columns(engine)
    _add_missing_indexes(engine)
    summaries.ensure(engine)


def _add_new_columns(engine):
    """Columns added to existing tables since a database was created (create_all only creates
    missing tables). Added columns are nullable, so ALTER TABLE … ADD COLUMN fills them with NULL."""
    inspector = inspect(engine)
    for table in metadata.sorted_tables:
        if not inspector.has_table(table.name):
            continue
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in present:
                continue
            kind = column.type.compile(engine.dialect)
            try:
                with engine.begin() as conn:
                    conn.exec_driver_sql(f'ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}')
            except DBAPIError:  # another process added it first
                if column.name not in {c["name"] for c in inspect(engine).get_columns(table.name)}:
                    raise


def _add_missing_indexes(engine):
    """Indexes declared since a database was created (create_all skips tables that exist). On a big
    database the first start after an upgrade spends the time to build them once."""
    inspector = inspect(engine)
    for table in metadata.sorted_tables:
        if not inspector.has_table(table.name):
            continue
        present = {index["name"] for index in inspector.get_indexes(table.name)}
        for index in sorted(table.indexes, key=lambda i: i.name):
            if index.name in present:
                continue
            try:
                with engine.begin() as conn:
                    conn.execute(CreateIndex(index, if_not_exists=True))
            except DBAPIError:  # another process created it first
                if index.name not in {i["name"] for i in inspect(engine).get_indexes(table.name)}:
                    raise


def current_publication(conn):
    """The newest publication whose import completed, or None."""
    row = conn.execute(
        select(publications)
        .where(publications.c.status == "published")
        .order_by(publications.c.id.desc())
        .limit(1)
    ).mappings().first()
    return dict(row) if row else None


def get_publication(conn, publication_id):
    row = conn.execute(
        select(publications).where(
            publications.c.id == publication_id, publications.c.status == "published"
        )
    ).mappings().first()
    return dict(row) if row else None
