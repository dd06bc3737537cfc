"""Words of a question: the jieba tokenizer with the lexicon as its dictionary, and the words left unknown."""
import re
import threading

from . import vocab

_jieba_lock = threading.RLock()  # cut() holds it around tokenizer()
_jieba = None


def tokenizer(lexicon):
    """The jieba tokenizer with ``lexicon``'s names as its user dictionary, and only its names.

    One tokenizer serves every publication of the process (a second copy of jieba's dictionary costs about
    70 MB), so switching to another lexicon first takes back what the previous one added — its words'
    frequencies and jieba's total, which add_word only ever increases. Without that, each switch between the
    city and the yearbook grew the total, and after some thirty switches 「能到」 became one unknown word:
    a question's reading depended on how many questions about the other publication came before it."""
    global _jieba
    with _jieba_lock:
        if _jieba is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            _jieba = jieba.Tokenizer()
            _jieba.check_initialized()
            _jieba._mingzhang_lexicon, _jieba._mingzhang_undo = None, ({}, _jieba.total)
        tok = _jieba
        if tok._mingzhang_lexicon is not lexicon:  # identity: an id() is reused once a lexicon is gone
            _take_back(tok)
            before = {surface: tok.FREQ.get(surface, 0) for surface in lexicon.surfaces}
            tok._mingzhang_undo = (before, tok.total)
            for surface in lexicon.surfaces:
                tok.add_word(surface, freq=50_000)
            tok._mingzhang_lexicon = lexicon
        return tok


def _take_back(tok):
    """Jieba's dictionary as it was before the current lexicon's names were added (a word that was not in it
    stays as a prefix of frequency 0, which cuts nothing)."""
    before, total = tok._mingzhang_undo
    for surface, freq in before.items():
        tok.FREQ[surface] = freq
    tok.total = total
    tok._mingzhang_lexicon, tok._mingzhang_undo = None, ({}, total)


def cut(lexicon, text):
    """jieba's words of ``text`` with ``lexicon`` as the dictionary (under the lock: another thread asking
    about another publication cannot switch the dictionary halfway through)."""
    with _jieba_lock:
        return tokenizer(lexicon).lcut(text, HMM=True)


def _cue_words():
    found = set()
    sem = vocab.semantic()
    for words in sem["cues"].values():
        found.update(words)
    for spec in sem["measures"].values():
        found.update(spec["words"])
    found.update(sem["words"]["planned"])  # 「要修」「设计」 say the planned output: read, not unknown
    return found


def unknown_words(rest, lexicon):
    """The words of ``rest`` (the question without its names and time words) that mean something but
    matched nothing: no stop word, cue word or numbered class (「三类」)."""
    cue_words, stop = _cue_words(), set(vocab.words("stop"))
    # 「承建项目」: cue words run together
    run_together = re.compile("|".join(sorted((re.escape(w) for w in cue_words | stop if len(w) >= 2), key=len,
                                              reverse=True)))
    words = []
    rest = vocab.pattern("rank_order").sub(" ", rest)
    for chunk in vocab.pattern("word_breaks").split(rest):
        if chunk:
            words += [w for w in cut(lexicon, chunk)
                      if _means_something(w, cue_words, stop) and run_together.sub("", w)]
    return words


def _means_something(word, cue_words, stop):
    if len(word) < 2 or word in stop or vocab.pattern("numbered_classes").fullmatch(word) or word in cue_words \
            or not re.search(r"[\u4e00-\u9fff]", word):
        return False
    if any(word in w for w in cue_words if len(w) > len(word)):
        return False
    # 「增长率」「执行率如何」: a known cue word plus one character is not an unknown subject
    return not any(len(w) >= 2 and w in word and len(word) - len(w) <= 1 for w in cue_words)
