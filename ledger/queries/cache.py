"""Memoise read queries per publication.

A publication's rows never change once it is published (a new import is a new
publication), so an aggregate keyed by (database, publication, data hash, arguments)
stays valid for the life of the process. The data hash guards against a database that
was rebuilt under the same path with reused publication ids.
"""
import copy
import functools
import threading
from collections import OrderedDict

from sqlalchemy import select

from ..schema import publications

_lock = threading.Lock()
_entries = OrderedDict()
MAX_ENTRIES = 4096


def _publication_key(conn, pub_id):
    sha = conn.execute(select(publications.c.data_sha256).where(publications.c.id == pub_id)).scalar()
    return (conn.engine.url.render_as_string(hide_password=False), pub_id, sha)


def per_publication(fn):
    """Cache ``fn(conn, pub_id, *args)``; callers get a deep copy they may modify."""
    @functools.wraps(fn)
    def wrapper(conn, pub_id, *args, **kwargs):
        key = (fn.__module__, fn.__qualname__, _publication_key(conn, pub_id), args,
               tuple(sorted(kwargs.items())))
        with _lock:
            if key in _entries:
                _entries.move_to_end(key)
                return copy.deepcopy(_entries[key])
        value = fn(conn, pub_id, *args, **kwargs)
        with _lock:
            _entries[key] = value
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
        return copy.deepcopy(value)

    wrapper.uncached = fn
    return wrapper


def clear():
    with _lock:
        _entries.clear()


def per_publication_shared(fn):
    """Like ``per_publication`` but hands out the cached value itself, not a copy: for large read-only
    structures (tuples) read many times per request, where a deep copy would cost more than the query."""
    @functools.wraps(fn)
    def wrapper(conn, pub_id, *args, **kwargs):
        key = (fn.__module__, fn.__qualname__, "shared", _publication_key(conn, pub_id), args,
               tuple(sorted(kwargs.items())))
        with _lock:
            if key in _entries:
                _entries.move_to_end(key)
                return _entries[key]
        value = fn(conn, pub_id, *args, **kwargs)
        with _lock:
            _entries[key] = value
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
        return value

    wrapper.uncached = fn
    return wrapper
