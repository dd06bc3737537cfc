"""Facet values of every indexed document as small integer codes, for counting hits in numpy.

Counting the facets of a few thousand hits with SQL means a B-tree lookup per hit (tens of
milliseconds at a million documents when the hits are spread out); an array indexed by
rowid - 1 counts them in well under a millisecond. The arrays (a few bytes per document) are
written into the index file at build time and loaded once per index file.
"""
import io
import json

import numpy as np

from .request import FACET_FIELDS, FACETS


class FacetCodes:
    def __init__(self, values=None, codes=None):
        self.values = values or {facet: [""] for facet in FACETS}  # code 0 is "no value"
        self._lookup = {facet: {v: i for i, v in enumerate(vals)} for facet, vals in self.values.items()}
        self._lists = {facet: [] for facet in FACETS} if codes is None else None
        self.codes = codes

    def add(self, doc):
        """Append one document (documents must be added in rowid order, from rowid 1)."""
        for facet in FACETS:
            value = doc.get(FACET_FIELDS[facet][0])
            value = "" if value is None else str(value)
            lookup = self._lookup[facet]
            code = lookup.get(value)
            if code is None:
                code = lookup[value] = len(self.values[facet])
                self.values[facet].append(value)
            self._lists[facet].append(code)

    def to_blob(self):
        arrays = {facet: np.asarray(self._lists[facet], dtype=_dtype(len(self.values[facet])))
                  for facet in FACETS}
        buffer = io.BytesIO()
        np.savez(buffer, values=np.frombuffer(json.dumps(self.values, ensure_ascii=False).encode(), np.uint8),
                 **arrays)
        return buffer.getvalue()

    @classmethod
    def from_blob(cls, blob):
        data = np.load(io.BytesIO(blob))
        values = json.loads(data["values"].tobytes().decode())
        rows = len(data[FACETS[0]])
        for facet in FACETS:  # a facet added after the index file was built: nobody has a value
            values.setdefault(facet, [""])
        return cls(values, {facet: data[facet] if facet in data.files else np.zeros(rows, dtype=np.uint8)
                            for facet in FACETS})

    @classmethod
    def from_rows(cls, rows):
        """From (type, year, region_code, class_code, status) rows in rowid order (older index files;
        facets added since get no value)."""
        codes = cls()
        for row in rows:
            codes.add(dict(zip(("type", "year", "region_code", "class_code", "status"), row)))
        return cls(codes.values, {facet: np.asarray(codes._lists[facet], dtype=np.int32) for facet in FACETS})

    def counts(self, rowids):
        """{facet: {value: number of the given documents having it}}; documents without a value are not counted."""
        index = np.asarray(rowids, dtype=np.int64) - 1
        out = {}
        for facet in FACETS:
            values = self.values[facet]
            tally = np.bincount(self.codes[facet][index], minlength=len(values)) if len(index) else []
            out[facet] = {values[code]: int(n) for code, n in enumerate(tally) if n and values[code] != ""}
        return out


def _dtype(distinct):
    return np.uint8 if distinct < 256 else np.uint16 if distinct < 65536 else np.int32
