"""Rows of one table kept on disk between the import's passes, read back in chunks.

A province's import has millions of payments. Held as Python dicts, every copy of the table (raw,
typed, de-identified) took gigabytes; spooled, each pass holds one chunk. A spool is written once
(``append``) and then read as often as a pass needs (``iter``), in the order written: typed rows as
``(source, row number, row dict)`` — what ``read_sources`` lists always held — and published rows as dicts.

Rows are pickled as tuples in the table's column order, ``CHUNK`` rows at a time. Typed rows still
hold raw personal data (ID numbers, addresses for the recipient statistics), so the spool files live
in a private temporary folder (mode 0700) that ``SpoolFolder.close`` removes: after the import, and when it
fails.
"""
import operator
import os
import pickle
import shutil
import tempfile
from pathlib import Path

CHUNK = 5000


class Spool:
    """An append-then-read sequence of row dicts that share their keys, stored in one file.

    ``located``: rows come with where they were read — ``append(source, number, row)``, iterated as
    ``(source, number, row)`` like read_sources' lists; otherwise ``append(row)`` and plain rows."""

    def __init__(self, path, located=True):
        self.path = Path(path)
        self.located = located
        self._file = os.fdopen(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")  # raw PII
        self._keys = None
        self._buffer = []
        self._length = 0

    def append(self, *item):
        row = item[-1]
        if self._keys is None:
            self._keys = tuple(row)
        elif len(row) != len(self._keys) or tuple(row) != self._keys:
            raise ValueError(f"row keys {tuple(row)} differ from the spool's {self._keys}")
        values = tuple(row.values())
        self._buffer.append((*item[:-1], values) if self.located else values)
        self._length += 1
        if len(self._buffer) >= CHUNK:
            self._flush()

    def _flush(self):
        if self._buffer:
            pickle.dump(self._buffer, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._buffer = []

    def _stored(self):
        """The chunks as stored (tuples of values, or ``(source, number, values)``), in the order appended."""
        self._flush()
        self._file.flush()
        with open(self.path, "rb") as fh:
            while True:
                try:
                    yield pickle.load(fh)
                except EOFError:
                    return

    def chunks(self):
        """Lists of rows (or ``(source, number, row)``), at most CHUNK each, in the order appended."""
        keys = self._keys
        for chunk in self._stored():
            if self.located:
                yield [(source, number, dict(zip(keys, values))) for source, number, values in chunk]
            else:
                yield [dict(zip(keys, values)) for values in chunk]

    def __iter__(self):
        for chunk in self.chunks():
            yield from chunk

    @property
    def keys(self):
        """The rows' keys, in order (empty before the first append)."""
        return self._keys or ()

    def columns(self, keys):
        """Only the ``keys`` columns, as tuples in that order (``None`` for a key the rows lack): what a
        pass that reads a few columns needs, without a dict per row (a province: millions of payments).
        Located rows give ``(source, number, *values)``."""
        if self._keys is None:
            return
        get = _picker(self._keys, keys)
        for chunk in self._stored():
            if self.located:
                for source, number, values in chunk:
                    yield (source, number, *get(values))
            else:
                yield from map(get, chunk)

    def __len__(self):
        return self._length

    def __bool__(self):
        return self._length > 0

    def close(self):
        self._file.close()


class SpoolFolder:
    """Spools in one private temporary folder (mode 0700); ``close()`` deletes every file."""

    def __init__(self, prefix="mingzhang-import-"):
        self.path = Path(tempfile.mkdtemp(prefix=prefix))
        self._spools = []

    def spool(self, label, located=True):
        spool = Spool(self.path / f"{len(self._spools)}-{label}.pickle", located)
        self._spools.append(spool)
        return spool

    def close(self):
        for spool in self._spools:
            spool.close()
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _picker(have, keys):
    """A function from a row's values (in ``have`` order) to the tuple of its ``keys`` values."""
    index = {key: position for position, key in enumerate(have)}
    picks = [index.get(key) for key in keys]
    if None in picks:  # a column these rows lack reads as None, as row.get() would
        return lambda values: tuple([None if p is None else values[p] for p in picks])
    if len(picks) == 1:
        only = picks[0]
        return lambda values: (values[only],)
    return operator.itemgetter(*picks)


def located_columns(rows, keys):
    """``(source, number, *values of keys)`` of located rows: a Spool's columns(), or the same read from a
    list of ``(source, number, row)`` (carried rows, read_sources' lists)."""
    if isinstance(rows, Spool):
        yield from rows.columns(keys)
        return
    for source, number, row in rows:
        yield (source, number, *[row.get(key) for key in keys])
