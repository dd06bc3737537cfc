"""jieba's part-of-speech HMM, remembered per run of characters (installed on import).

jieba.posseg runs the Viterbi search of its HMM on every run of characters its dictionary does not
cover (a place, a street, a given name): the costliest step of name detection. The same runs recur
across texts — a province's payment purposes, progress notes and descriptions repeat a few thousand
street, village and project words tens of thousands of times (the demo city: 10,697 searches over 909
distinct runs). The search is a pure function of the run and the model's fixed tables, so its result
is kept per run: the same tags, an order of magnitude fewer searches. Bounded (least recently used).
"""
from functools import lru_cache

import jieba.posseg as _posseg

RUNS = 50_000  # distinct runs kept: a province's imports need about as many as the city's times ten

_search = getattr(_posseg.viterbi, "__wrapped_search__", _posseg.viterbi)
_MODEL = (_posseg.char_state_tab_P, _posseg.start_P, _posseg.trans_P, _posseg.emit_P)


@lru_cache(maxsize=RUNS)
def _remembered(run):
    prob, route = _search(run, *_MODEL)
    return prob, tuple(route)  # shared between callers: never mutated (posseg only indexes it)


def viterbi(obs, states, start_p, trans_p, emit_p):
    """posseg.viterbi's signature; its own model's searches come from the memo, any other model's not."""
    if states is _MODEL[0] and start_p is _MODEL[1] and trans_p is _MODEL[2] and emit_p is _MODEL[3]:
        return _remembered(obs)
    return _search(obs, states, start_p, trans_p, emit_p)


viterbi.__wrapped_search__ = _search
_posseg.viterbi = viterbi
