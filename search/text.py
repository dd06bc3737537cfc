"""Text handling shared by every backend: normalisation, jieba segmentation, query parsing.

Both backends index the same segmented text and parse queries the same way, so a query
means the same thing whichever engine answers it.
"""
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import jieba
from opencc import OpenCC

jieba.setLogLevel(logging.WARNING)

MAX_QUERY_CHARS = 200  # longer queries are cut (and the user is told), never rejected with a 500

# Fiscal terms that jieba's general dictionary splits; always in the user dictionary.
FISCAL_TERMS = [
    "一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算", "民生支出", "执行率",
    "预算执行", "决算", "财政拨款", "转移支付", "专项资金", "三公经费", "绩效评价", "改扩建",
    "农村公路", "养老院", "养老服务", "卫生健康", "教育支出", "社会保障和就业", "城乡社区",
    "农林水", "节能环保", "交通运输", "住房保障", "公共安全", "文化旅游体育与传媒", "一般公共服务",
    "债务付息", "预备费", "白皮书", "政府工作报告", "预算报告", "决算报告",
]

_t2s = OpenCC("t2s")
_t2s_lock = threading.Lock()  # OpenCC's converter keeps state per call; keep it single-threaded

# A "word" character: letters, digits (any script, CJK included). Everything else separates words.
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def to_simplified(text):
    with _t2s_lock:
        return _t2s.convert(text)


def normalize(text):
    """Query-side normalisation: full-width→half-width (NFKC), traditional→simplified, lower case."""
    text = unicodedata.normalize("NFKC", text or "")
    return to_simplified(text).lower()


_char_table = None


def _aligned_table():
    """str.translate table: NFKC width folding, lower case and OpenCC's character-level t2s."""
    global _char_table
    if _char_table is None:
        import opencc

        table = {}
        path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 2 and len(parts[0]) == 1 and len(parts[1].split(" ")[0]) == 1:
                table[ord(parts[0])] = parts[1].split(" ")[0]
        for code in range(0xFF01, 0xFF5F):  # full-width ASCII
            table[code] = chr(code - 0xFEE0)
        table[0x3000] = " "
        _char_table = table
    return _char_table


def normalize_aligned(text):
    """Document-side normalisation that keeps one output character per input character.

    Highlights are found in this string and their offsets applied to the original text,
    so the user sees the original, unsegmented wording. Character-level t2s (phrase-level
    conversion could change the length); documents are published in simplified Chinese anyway.
    """
    text = (text or "").translate(_aligned_table())
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two (e.g. İ)
        lowered = "".join(ch.lower()[:1] or ch for ch in text)
    return lowered


class Segmenter:
    """A jieba tokenizer with its own user dictionary (built from the published data)."""

    def __init__(self, words=()):
        self.words = sorted({w for w in list(words) + FISCAL_TERMS if w and len(w) >= 2})
        self._tok = jieba.Tokenizer()
        self._tok.initialize()
        for word in self.words:
            self._tok.add_word(normalize(word), freq=2000)
        self._lock = threading.Lock()

    def index_tokens(self, text):
        """Tokens to index: jieba cut_for_search (whole words plus their sub-words)."""
        text = normalize(text)
        with self._lock:
            return [t for t in self._tok.cut_for_search(text) if _WORD_RE.fullmatch(t)]

    def index_text(self, text):
        return " ".join(self.index_tokens(text))

    def query_words(self, text):
        """Precise-mode words of a query chunk, each with its cut_for_search sub-words."""
        with self._lock:
            words = [w for w in self._tok.cut(text) if _WORD_RE.fullmatch(w)]
            # A lone character (jieba's guess for an unknown name: 坳/上/村) joins its neighbour, so the
            # pair is matched as one piece of text rather than as separate one-character words.
            groups = []
            for word in words:
                lone = len(word) == 1 and _CJK_RE.match(word)
                if groups and (lone or groups[-1][-1] and len(groups[-1][0][-1]) == 1) \
                        and len("".join(groups[-1][0])) < 8 and _CJK_RE.match(groups[-1][0][-1][-1]):
                    groups[-1][0].append(word)
                    groups[-1][1] = lone
                else:
                    groups.append([[word], lone])
            result = []
            for parts, _ in groups:
                word = "".join(parts)
                if len(parts) > 1:
                    result.append((word, parts))
                    continue
                subs = [s for s in self._tok.cut_for_search(word) if s != word and _WORD_RE.fullmatch(s)]
                # Only sub-words that together cover the word are a fair alternative spelling.
                result.append((word, subs if subs and len("".join(subs)) >= len(word) else []))
            return result


_default_segmenter = None


def default_segmenter():
    global _default_segmenter
    if _default_segmenter is None:
        _default_segmenter = Segmenter()
    return _default_segmenter


@dataclass
class ParsedQuery:
    raw: str
    normalized: str = ""
    words: list = field(default_factory=list)  # [(word, [subwords])] — all required (AND)
    phrases: list = field(default_factory=list)  # normalised contiguous strings that must occur
    notices: list = field(default_factory=list)  # Chinese messages shown to the user

    @property
    def empty(self):
        return not self.words and not self.phrases

    @property
    def terms(self):
        """Every normalised term worth highlighting, longest first."""
        terms = {w for w, _ in self.words} | set(self.phrases)
        terms |= {s for _, subs in self.words for s in subs if len(s) >= 2}
        return sorted((t for t in terms if t), key=len, reverse=True)


def parse_query(raw, segmenter):
    """Parse user input into required words and phrases. Never raises on any input.

    Query syntax is deliberately small: words are ANDed, "double quotes" (ASCII or 「」“”)
    make an exact phrase. Operators of the underlying engine (FTS5 NEAR/AND/OR/*, :, ^,
    parentheses; Lucene syntax) are plain text here, so no input can break the engine.
    """
    raw = raw or ""
    parsed = ParsedQuery(raw=raw)
    text = raw
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        parsed.notices.append(f"搜索词过长，只按前 {MAX_QUERY_CHARS} 个字搜索")
    text = normalize(text)
    text = re.sub(r"[“”「」『』]", '"', text)
    parsed.normalized = " ".join(_WORD_RE.findall(text))
    chunks = text.split('"')
    for index, chunk in enumerate(chunks):
        is_phrase = index % 2 == 1 and index < len(chunks) - 1
        pieces = _WORD_RE.findall(chunk)
        if is_phrase and pieces:
            phrase = _join_pieces(pieces)
            parsed.phrases.append(phrase)
            for piece in pieces:
                parsed.words.extend(segmenter.query_words(piece))
        else:
            for piece in pieces:
                parsed.words.extend(segmenter.query_words(piece))
    # Drop duplicate words, keep order.
    seen, unique = set(), []
    for word, subs in parsed.words:
        if word not in seen:
            seen.add(word)
            unique.append((word, subs))
    parsed.words = unique[:32]
    if not raw.strip():
        parsed.notices.append("请输入搜索词")
    elif parsed.empty:
        parsed.notices.append("搜索词中没有可检索的文字（标点和符号会被忽略）")
    return parsed


def _join_pieces(pieces):
    """Join the word runs of a phrase: no space between CJK runs, one between Latin words."""
    out = pieces[0]
    for piece in pieces[1:]:
        sep = "" if _CJK_RE.search(out[-1]) or _CJK_RE.search(piece[0]) else " "
        out += sep + piece
    return out


def highlight(text, terms, limit=None, norm=None):
    """Split ``text`` (original wording) into [{"text", "hit"}] parts marking the query terms.

    With ``limit``, return a window of about ``limit`` characters around the densest hits.
    ``norm`` is normalize_aligned(text) when the caller has it stored.
    """
    text = text or ""
    if norm is None or len(norm) != len(text):
        norm = normalize_aligned(text)
    spans = []
    for term in terms:
        start = norm.find(term)
        while start != -1 and term:
            spans.append((start, start + len(term)))
            start = norm.find(term, start + len(term))
    spans = _merge(spans)
    lo, hi = 0, len(text)
    if limit and len(text) > limit:
        lo = _best_window(spans, len(text), limit)
        hi = min(len(text), lo + limit)
    parts, pos = [], lo
    for start, end in spans:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        if start > pos:
            parts.append({"text": text[pos:start], "hit": False})
        parts.append({"text": text[start:end], "hit": True})
        pos = end
    if pos < hi:
        parts.append({"text": text[pos:hi], "hit": False})
    if lo > 0:
        parts.insert(0, {"text": "…", "hit": False})
    if hi < len(text):
        parts.append({"text": "…", "hit": False})
    return parts


def _merge(spans):
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _best_window(spans, length, limit):
    if not spans:
        return 0
    best_start, best_count = spans[0][0], 0
    for i, (start, _) in enumerate(spans):
        count = sum(1 for s, _ in spans[i:] if s < start + limit)
        if count > best_count:
            best_start, best_count = start, count
    return max(0, min(best_start - limit // 4, length - limit))
