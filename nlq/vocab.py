"""The words of nlq/semantic.toml, read once: measures, cue words, word lists and named patterns.

Every stage asks here for its words, so the vocabulary lives in one readable file and the code says
only what a word does.
"""
import re
import tomllib
from functools import lru_cache
from pathlib import Path

SEMANTIC_FILE = Path(__file__).with_name("semantic.toml")


@lru_cache(maxsize=1)
def semantic():
    with SEMANTIC_FILE.open("rb") as fh:
        return tomllib.load(fh)


def words(name):
    """A word list of the [words] table."""
    return semantic()["words"][name]


def cue(name):
    """Cue words of one kind ([cues]: trend, top, bottom, …)."""
    return semantic()["cues"][name]


def measure_words(name):
    """Words that ask for a measure ([measures.<name>].words)."""
    return semantic()["measures"][name]["words"]


@lru_cache(maxsize=None)
def pattern(name):
    """A compiled pattern of the [patterns] table."""
    return re.compile(semantic()["patterns"][name])


@lru_cache(maxsize=None)
def basis(name):
    """A compiled pattern of the [basis] table: the words that say which year a project counts in."""
    return re.compile(semantic()["basis"][name])


def time_word(name):
    """A pattern or table of the [time] table."""
    return semantic()["time"][name]


def has_any(text, candidates):
    """True when any of ``candidates`` occurs in ``text``."""
    return any(w in text for w in candidates)


def found(name, text):
    """True when the named pattern occurs in ``text``."""
    return pattern(name).search(text) is not None
