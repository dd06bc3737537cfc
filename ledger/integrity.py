"""SHA-256 of a publication's rows, recomputable from the database at any time."""
import datetime as dt
import hashlib
import json

from sqlalchemy import String, select

from .schema import PUBLISHED_TABLES


def _default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _sort_keys(columns, dialect):
    """ORDER BY terms giving the same row order on every backend: SQLite sorts text bytewise and
    NULLs first; PostgreSQL follows the database's collation and puts NULLs last unless told."""
    if dialect != "postgresql":
        return columns
    return [(c.collate("C") if isinstance(c.type, String) else c).asc().nulls_first() for c in columns]


def publication_digest(conn, publication_id):
    digest = hashlib.sha256()
    for table in PUBLISHED_TABLES:
        columns = [c for c in table.columns if c.name != "publication_id"]
        query = (select(*columns).where(table.c.publication_id == publication_id)
                 .order_by(*_sort_keys(columns, conn.dialect.name)))
        digest.update(f"#{table.name}\n".encode())
        for row in conn.execute(query):
            line = json.dumps(list(row), ensure_ascii=False, default=_default, separators=(",", ":"))
            digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()
