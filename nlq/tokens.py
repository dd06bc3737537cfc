"""Words of a question: the jieba tokenizer with the lexicon as its dictionary, and the words left unknown."""
import re
import threading

from . import vocab

_jieba_lock = threading.Lock()
_jieba = None


def tokenizer(lexicon):
    """A private jieba tokenizer with the lexicon as its user dictionary."""
    global _jieba
    with _jieba_lock:
        if _jieba is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            _jieba = jieba.Tokenizer()
        tok = _jieba
        marker = id(lexicon)
        if getattr(tok, "_mingzhang_lexicon", None) != marker:
            for surface in lexicon.surfaces:
                tok.add_word(surface, freq=50_000)
            tok._mingzhang_lexicon = marker
        return tok


def _cue_words():
    found = set()
    sem = vocab.semantic()
    for words in sem["cues"].values():
        found.update(words)
    for spec in sem["measures"].values():
        found.update(spec["words"])
    return found


def unknown_words(rest, lexicon):
    """The words of ``rest`` (the question without its names and time words) that mean something but
    matched nothing: no stop word, cue word or numbered class (「三类」)."""
    cue_words, stop = _cue_words(), set(vocab.words("stop"))
    # 「承建项目」: cue words run together
    run_together = re.compile("|".join(sorted((re.escape(w) for w in cue_words | stop if len(w) >= 2), key=len,
                                              reverse=True)))
    words = []
    for chunk in vocab.pattern("word_breaks").split(rest):
        if chunk:
            words += [w for w in tokenizer(lexicon).lcut(chunk, HMM=True)
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
