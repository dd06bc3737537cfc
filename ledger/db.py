"""Database engine and the notion of the *current* publication."""
from pathlib import Path

from sqlalchemy import create_engine, event, select

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
    metadata.create_all(engine)


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
