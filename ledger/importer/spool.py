"""Rows of one table kept on disk between the import's passes, read back in chunks.

A province's import has millions of payments. Held as Python dicts, every copy of the table (raw,
typed, de-identified) took gigabytes; spooled, each pass holds one chunk. A spool is written once
(``append``) and then read as often as a pass needs (``iter``), in the order written: typed rows as
``(source, row number, row dict)`` — what ``read_sources`` lists always held — and published rows as dicts.

Rows are pickled ``CHUNK`` at a time, column by column (a pass reading two columns unpickles two). Typed rows still
hold raw personal data (ID numbers, addresses for the recipient statistics), so the spool files live
in a private temporary folder (mode 0700) that ``SpoolFolder.close`` removes: after the import, and when it
fails.
"""
import itertools
import os
import pickle
import shutil
import tempfile
from pathlib import Path

CHUNK = 5000


class Spool:
    """An append-then-read sequence of row dicts that share their keys, stored in one file.

    ``located``: rows come with where they were read — ``append(source, number, row)``, iterated as
    ``(source, number, row)`` like read_sources' lists; otherwise ``append(row)`` and plain rows.

    A chunk is stored column by column (each column pickled on its own, after a header of their sizes):
    a pass that reads a few columns of a province's payments unpickles only those, not every cell."""

    def __init__(self, path, located=True):
        self.path = Path(path)
        self.located = located
        self._file = os.fdopen(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")  # raw PII
        self._keys = None
        self._buffer = []
        self._sources, self._numbers = [], []
        self._length = 0

    def append(self, *item):
        row = item[-1]
        if self._keys is None:
            self._keys = tuple(row)
        elif len(row) != len(self._keys) or tuple(row) != self._keys:
            raise ValueError(f"row keys {tuple(row)} differ from the spool's {self._keys}")
        self._buffer.append(tuple(row.values()))
        if self.located:
            self._sources.append(item[0])
            self._numbers.append(item[1])
        self._length += 1
        if len(self._buffer) >= CHUNK:
            self._flush()

    def append_columns(self, keys, columns, count, sources=None, numbers=None):
        """``count`` rows given as one sequence per key: what ``append`` would store, from a pass that works
        column by column (a located spool: with each row's source and number). Rows appended before are
        stored first."""
        if self.located != (sources is not None and numbers is not None):
            raise ValueError("a located spool's rows come with sources and numbers, a plain one's without")
        keys = tuple(keys)
        if self._keys is None:
            self._keys = keys
        elif keys != self._keys:
            raise ValueError(f"row keys {keys} differ from the spool's {self._keys}")
        if not count:
            return
        self._flush()
        columns = [list(column) for column in columns]
        self._dump(count, [list(sources), list(numbers), *columns] if self.located else columns)
        self._length += count

    def _flush(self):
        if self._buffer:
            columns = [list(column) for column in zip(*self._buffer)] if self._keys else []
            if self.located:
                columns = [self._sources, self._numbers, *columns]
            self._dump(len(self._buffer), columns)
            self._buffer, self._sources, self._numbers = [], [], []

    def _dump(self, count, columns):
        blobs = [pickle.dumps(column, protocol=pickle.HIGHEST_PROTOCOL) for column in columns]
        pickle.dump((count, [len(blob) for blob in blobs]), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        for blob in blobs:
            self._file.write(blob)

    def _stored(self, wanted=None):
        """``(count, {position: column list})`` per chunk in the order appended, positions counted over the
        stored columns (located spools: source, number, then the keys); only ``wanted`` ones (None: all)."""
        self._flush()
        self._file.flush()
        with open(self.path, "rb") as fh:
            while True:
                try:
                    count, sizes = pickle.load(fh)
                except EOFError:
                    return
                columns = {}
                for position, size in enumerate(sizes):
                    if wanted is None or position in wanted:
                        columns[position] = pickle.loads(fh.read(size))
                    else:
                        fh.seek(size, 1)
                yield count, columns

    def chunks(self):
        """Lists of rows (or ``(source, number, row)``), at most CHUNK each, in the order appended."""
        keys = self._keys
        if keys is None:
            return
        first = 2 if self.located else 0
        for count, stored in self._stored():
            values = zip(*[stored[p] for p in range(first, first + len(keys))]) if keys else [()] * count
            if self.located:
                yield [(source, number, dict(zip(keys, row)))
                       for source, number, row in zip(stored[0], stored[1], values)]
            else:
                yield [dict(zip(keys, row)) for row in values]

    def __iter__(self):
        for chunk in self.chunks():
            yield from chunk

    @property
    def keys(self):
        """The rows' keys, in order (empty before the first append)."""
        return self._keys or ()

    def column_chunks(self, keys):
        """Per chunk, ``(count, sources, numbers, [one list per key])`` (sources and numbers None in a plain
        spool; a key the rows lack: None in every row): a pass can work on whole columns (sets, counts)."""
        if self._keys is None:
            return
        first = 2 if self.located else 0
        index = {key: first + position for position, key in enumerate(self._keys)}
        wanted = {index[key] for key in keys if key in index}
        if self.located:
            wanted |= {0, 1}
        for count, stored in self._stored(wanted):
            columns = [stored[index[key]] if key in index else [None] * count for key in keys]
            if self.located:
                yield count, stored[0], stored[1], columns
            else:
                yield count, None, None, columns

    def columns(self, keys):
        """Only the ``keys`` columns, as tuples in that order (``None`` for a key the rows lack): what a
        pass that reads a few columns needs, without a dict per row (a province: millions of payments).
        Located rows give ``(source, number, *values)``."""
        for count, sources, numbers, columns in self.column_chunks(keys):
            if self.located:
                yield from zip(sources, numbers, *columns)
            elif columns:
                yield from zip(*columns)
            else:
                yield from itertools.repeat((), count)

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


def chunk_size():
    """Rows per stored chunk (CHUNK, read when asked: tests change it)."""
    return CHUNK


def located_columns(rows, keys):
    """``(source, number, *values of keys)`` of located rows: a Spool's columns(), or the same read from a
    list of ``(source, number, row)`` (carried rows, read_sources' lists)."""
    if isinstance(rows, Spool):
        yield from rows.columns(keys)
        return
    for source, number, row in rows:
        yield (source, number, *[row.get(key) for key in keys])
