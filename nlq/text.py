"""Question text clean-up: full-width → half-width, traditional → simplified, Chinese numerals → digits."""
import re
import unicodedata
from functools import lru_cache

import cn2an

MAX_QUESTION_CHARS = 200

_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
# Convert a numeral run only where it is a count, a year, a month or an amount, so that
# 「一般公共预算」 and 「统一」 stay words.
_NUMERAL_RUN = re.compile(
    rf"(?:(?<=[前近第最过去后])|(?<=top))([{_NUMERAL}]+)"
    rf"|(?<!\d)([{_NUMERAL}]+)(?=个|年|月|季|名|家|位|项|所|条|座|公里|千米|%|成|倍|元|万|亿|分之|点|\.|至|到|-)"
)
# (「2023五年间」: a count right after a year's digits stays a word, never joined to them as 「20235年」)
_PERCENT_CN = re.compile(rf"百分之([{_NUMERAL}\d.]+)")
_YEAR_DIGITS = re.compile(r"([零〇一二三四五六七八九]{2,4})(?=年)")
_DIGIT_CHARS = str.maketrans("零〇一二三四五六七八九", "00123456789")
# Relative years in southern dialects (after traditional → simplified), as their Mandarin words.
_DIALECT_YEARS = {"旧年": "去年"}


def longest_first(word):
    """Sort key: longest first, then by the words themselves — a set's order changes with every process
    (PYTHONHASHSEED), so a tie broken by it read 「西部12省区市」 one way in one worker, another way in the next."""
    return -len(word), word


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


def _numeral(run):
    try:
        value = cn2an.cn2an(run, "smart")
    except (ValueError, KeyError, TypeError):
        return run
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def normalize(text):
    """The canonical form every parser step works on."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in " ")
    text = _t2s().convert(text)
    text = re.sub(r"\s+", " ", text).strip()
    # 「1–10月」「Jan–Oct」: an en dash, a minus sign or a wave dash between two numbers or month words is a range
    # like 「-」 (read as the last month alone, it dropped the months before it)
    text = re.sub(r"(?<=[\dA-Za-z月年])\s*[\u2012\u2013\u2015\u2212\u301c]\s*(?=[\dA-Za-z])", "-", text)
    text = text.replace("增涨", "增长")  # a common typo
    for dialect, mandarin in _DIALECT_YEARS.items():  # 「舊年」 (Cantonese, Hakka, Wu): last year, never this year
        text = text.replace(dialect, mandarin)
    # 二〇二四年 / 二零二三年: read digit by digit.
    text = _YEAR_DIGITS.sub(lambda m: m.group(1).translate(_DIGIT_CHARS), text)
    text = _PERCENT_CN.sub(lambda m: _numeral(m.group(1)) + "%", text)
    text = _NUMERAL_RUN.sub(lambda m: _numeral(m.group(1) or m.group(2)), text)
    return text


def colloquial(text, rules):
    """Colloquial and dialect words for money and 「how much」 as their Mandarin words (semantic.toml
    [colloquial]: 「几个钱」「好多钱」 → 多少钱, 「铜钿」 → 钱), on normalised text."""
    for pattern, replacement in rules:
        text = re.sub(pattern, replacement, text)
    return text


def english_terms(text, english):
    """English budget words (semantic.toml [english]) as their Chinese words: 「2023 YoY」 → 「2023 同比增长」,
    「Q3」 → 「第三季度」. Only whole Latin words are replaced; codes with digits (ZF2050) stay as typed."""
    if not re.search(r"[A-Za-z]", text) or not re.search(r"[\u4e00-\u9fff]", text):
        return text  # an English-only text (「'; DROP TABLE expenditures」) is no Chinese question: not read
    terms = english["terms"]
    alternation = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    text = re.sub(rf"(?<![A-Za-z])({alternation})(?![A-Za-z])", lambda m: terms[m.group(1).lower()], text,
                  flags=re.IGNORECASE)
    text = re.sub(r"(?<![A-Za-z0-9])[Qq]([1-4])(?![0-9])", lambda m: english["quarters"][int(m.group(1)) - 1], text)
    return re.sub(r"(?<![A-Za-z0-9])[Hh]([12])(?![0-9])", lambda m: english["halves"][int(m.group(1)) - 1], text)


def latin_words(text):
    """Whole Latin words of ``text`` (not parts of codes such as ZF2050 or 1E849ED0)."""
    return re.findall(r"(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])", text)


def printable(text):
    """True when the question has at least one letter, digit or CJK character."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


@lru_cache(maxsize=4096)
def _char_pinyin(ch):
    from pypinyin import lazy_pinyin

    return lazy_pinyin(ch)[0]


def fix_homophones(text, terms, protected=()):
    """Words typed with the right sound and a wrong character (执形率 → 执行率, 占笔 → 占比).

    Only a run of Chinese characters sounding exactly like one of ``terms`` is replaced, never inside the
    character spans in ``protected`` (published names). Returns (text, [(typed, meant)])."""
    blocked = {i for a, b in protected for i in range(a, b)}
    words = _word_spans(text)
    fixes = []
    chars = list(text)
    for term in sorted(terms, key=longest_first):
        sound = [_char_pinyin(c) for c in term]
        for i in range(len(chars) - len(term) + 1):
            window = "".join(chars[i:i + len(term)])
            if window == term or blocked.intersection(range(i, i + len(term))):
                continue
            if any(a <= i and i + len(term) <= b and b - a > len(term) for a, b in words):
                continue  # inside a longer real word (「老头子」): 头子 is no typo of 投资
            if not all("\u4e00" <= c <= "\u9fff" for c in window):
                continue
            if [_char_pinyin(c) for c in window] == sound:
                chars[i:i + len(term)] = list(term)
                fixes.append((window, term))
    return "".join(chars), fixes


def _word_spans(text):
    """The (start, end) of each dictionary word of two or more Chinese characters in ``text``."""
    import jieba

    spans, at = [], 0
    for word in jieba.lcut(text, HMM=False):
        if len(word) > 1 and all("\u4e00" <= c <= "\u9fff" for c in word):
            spans.append((at, at + len(word)))
        at += len(word)
    return spans
