"""Find any of many literal strings in text, as ``re.compile("|".join(longest first))`` would.

Python's ``re`` tries an alternation's branches one by one at every position, so a pattern over
the data's own names (tens of thousands of persons, projects and companies at province scale) costs
time proportional to text × names. Indexed by first character, a position costs a few set lookups.
"""
from collections import defaultdict


class Match:
    __slots__ = ("string", "_start", "_end")

    def __init__(self, string, start, end):
        self.string, self._start, self._end = string, start, end

    def start(self):
        return self._start

    def end(self):
        return self._end

    def group(self, index=0):
        if index:
            raise IndexError("no such group")
        return self.string[self._start:self._end]


class LiteralAlternation:
    """``finditer``/``search`` with the regex's results: leftmost match, the longest term there, then on
    from its end (non-overlapping). Empty terms are ignored."""

    def __init__(self, terms):
        self.terms = frozenset(t for t in terms if t)
        lengths = defaultdict(set)
        for term in self.terms:
            lengths[term[0]].add(len(term))
        self._lengths = {first: sorted(found, reverse=True) for first, found in lengths.items()}

    def finditer(self, text):
        terms, lengths, size = self.terms, self._lengths, len(text)
        position = 0
        while position < size:
            for length in lengths.get(text[position], ()):
                end = position + length
                if end <= size and text[position:end] in terms:
                    yield Match(text, position, end)
                    position = end
                    break
            else:
                position += 1

    def search(self, text):
        return next(self.finditer(text), None)

    def __bool__(self):
        return bool(self.terms)
