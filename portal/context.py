"""Per-request access to the database and the publication being shown."""
from flask import abort, current_app, g, request

from ledger.db import current_publication, get_publication


def engine():
    return current_app.extensions["mingzhang.engine"]


def connection():
    """One read connection per request, closed on teardown."""
    if "db_conn" not in g:
        g.db_conn = engine().connect()
    return g.db_conn


def close_connection(_exc=None):
    conn = g.pop("db_conn", None)
    if conn is not None:
        conn.close()


def publication():
    """The publication this request shows: ``?pub=N`` (permalink) or the current one.

    Returns None when nothing has been published yet.
    """
    if "publication" not in g:
        pub_param = request.args.get("pub")
        if pub_param:
            if not (pub_param.isascii() and pub_param.isdigit() and len(pub_param) <= 9):  # '¹', 10**40
                abort(404)
            g.publication = get_publication(connection(), int(pub_param))
            if g.publication is None:
                abort(404)
        else:
            g.publication = current_publication(connection())
    return g.publication


def publication_id():
    pub = publication()
    if pub is None:
        abort(503)
    return pub["id"]
