"""Memoise read queries per publication.

A publication's rows never change once it is published (a new import is a new
publication), so an aggregate keyed by (database, publication, data hash, arguments)
stays valid for the life of the process. The data hash guards against a database that
was rebuilt under the same path with reused publication ids.
"""
import copy
import datetime as dt
import functools
import threading
import weakref
from collections import OrderedDict
from decimal import Decimal

from sqlalchemy import select

from ..schema import publications

_lock = threading.Lock()
_entries = OrderedDict()
MAX_ENTRIES = 4096


# Connection -> {pub_id: key}: a page calls cached functions dozens of times on its one connection, and the
# publication's digest cannot change while it is open (it is written once, when the publication is built).
_keys_by_connection = weakref.WeakKeyDictionary()


def _publication_key(conn, pub_id):
    with _lock:
        known = _keys_by_connection.get(conn, {}).get(pub_id)
    if known is not None:
        return known
    sha = conn.execute(select(publications.c.data_sha256).where(publications.c.id == pub_id)).scalar()
    key = (conn.engine.url.render_as_string(hide_password=False), pub_id, sha)
    if sha is not None:  # a publication still being built has no digest yet: ask again next time
        with _lock:
            _keys_by_connection.setdefault(conn, {})[pub_id] = key
    return key


_ATOMS = (str, int, float, bool, type(None), bytes, dt.date, dt.datetime, dt.time, Decimal)


def fresh_copy(value):
    """A deep copy of a cached value (dicts, lists, tuples and sets of plain values), several times faster
    than copy.deepcopy, which keeps a memo of every object; anything else goes to copy.deepcopy."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is dict:
        return {key: fresh_copy(item) for key, item in value.items()}
    if kind is list:
        return [fresh_copy(item) for item in value]
    if kind is tuple:
        return tuple(fresh_copy(item) for item in value)
    if kind is set:
        return {fresh_copy(item) for item in value}
    return copy.deepcopy(value)


def per_publication(fn):
    """Cache ``fn(conn, pub_id, *args)``; callers get a deep copy they may modify."""
    @functools.wraps(fn)
    def wrapper(conn, pub_id, *args, **kwargs):
        key = (fn.__module__, fn.__qualname__, _publication_key(conn, pub_id), args,
               tuple(sorted(kwargs.items())))
        with _lock:
            if key in _entries:
                _entries.move_to_end(key)
                return fresh_copy(_entries[key])
        value = fn(conn, pub_id, *args, **kwargs)
        with _lock:
            _entries[key] = value
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
        return fresh_copy(value)

    wrapper.uncached = fn
    return wrapper


def clear():
    with _lock:
        _entries.clear()
        _keys_by_connection.clear()


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
