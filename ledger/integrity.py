"""SHA-256 of a publication's rows, recomputable from the database at any time."""
import datetime as dt
import hashlib
import json

from sqlalchemy import String, select

from .schema import PUBLISHED_TABLES

DIGEST_BATCH = 10_000


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


# The tables of the first release. A table published since contributes nothing while a publication
# has no rows in it, and a column added since (info "added") only where it holds a value: the digest
# of every publication made before them stays what was recorded (``mingzhang verify``).
FIRST_RELEASE_TABLES = ("regions", "departments", "func_classes", "budgets", "expenditures", "projects",
                        "project_updates", "payments", "documents")


def _line_writer(columns):
    """row (a tuple in ``columns`` order) -> its digest line; the column lookups are done once per
    table, not once per row (a province's payments: millions of rows)."""
    plain = [i for i, c in enumerate(columns) if not c.info.get("added")]
    added = [(i, c.name) for i, c in enumerate(columns) if c.info.get("added")]
    encode = json.JSONEncoder(ensure_ascii=False, default=_default, separators=(",", ":")).encode
    if not added:  # every column as it is, in order: the row tuple is the array (no list built per row)
        return encode

    def line(row):
        values = [row[i] for i in plain]
        extra = {name: row[i] for i, name in added if row[i] is not None}
        if extra:
            values.append(extra)
        return encode(values)
    return line


def publication_digest(conn, publication_id):
    digest = hashlib.sha256()
    for table in PUBLISHED_TABLES:
        columns = [c for c in table.columns if c.name != "publication_id"]
        # In batches (a server-side cursor on PostgreSQL): a province's payments never sit in memory at once.
        query = (select(*columns).where(table.c.publication_id == publication_id)
                 .order_by(*_sort_keys(columns, conn.dialect.name)).execution_options(yield_per=DIGEST_BATCH))
        rows = conn.execute(query)
        first = next(rows, None)
        if first is None and table.name not in FIRST_RELEASE_TABLES:
            continue
        digest.update(f"#{table.name}\n".encode())
        line = _line_writer(columns)
        for row in ([first] if first is not None else []):
            digest.update(line(tuple(row)).encode("utf-8") + b"\n")
        for row in rows:
            digest.update(line(tuple(row)).encode("utf-8") + b"\n")
    return digest.hexdigest()
