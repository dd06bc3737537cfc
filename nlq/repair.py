"""Typo repair for the slots stage: names typed with a character wrong, missing or of the same sound.

Each finder returns what it matched and where; the slots stage fills its slots from them and says so in
the notes (「星乔区」按「星桥区」理解), so a repaired name never passes silently.
"""
import re

from . import vocab
from .tokens import cut


def widen_to_misspelt(found, text, lexicon, skip):
    """「基层医疗卫生机」 holds 「医疗卫生」 (a colloquial name of the whole 类): when the characters around a
    matched name make a longer class or department name missing one character, that name is meant.
    Returns (found with the widened matches, [(typed, name)])."""
    blocked = {i for a, b in skip for i in range(a, b)}
    taken = {i for a, b, _s, _e in found for i in range(a, b)}
    out, widened = [], []
    for start, end, surface, entries in found:
        best = None
        if any(e.type in ("class", "dept") for e in entries):
            best = _widest_missing_a_char(text, lexicon, start, end, surface, taken - set(range(start, end)), blocked)
        if best:
            a, b, entry = best
            out.append((a, b, text[a:b], [entry]))
            widened.append((text[a:b], entry.name))
        else:
            out.append((start, end, surface, entries))
    return out, widened


def _widest_missing_a_char(text, lexicon, start, end, surface, own, blocked):
    best = None
    for a in range(max(0, start - 4), start + 1):
        for b in range(min(len(text), end + 4), end - 1, -1):
            if (a, b) == (start, end) or own.intersection(range(a, b)) or blocked.intersection(range(a, b)) \
                    or _whole_government(text, a, b):
                continue
            entry = lexicon.name_missing_a_char(text[a:b])
            if entry is not None and len(entry.name) > len(surface) + 1 and (best is None or b - a > best[1] - best[0]):
                best = (a, b, entry)
    return best


def _whole_government(text, start, end):
    """「市政府」 alone is the city's government as a whole (its total): never 市人民政府办公室 with 办 dropped."""
    return text[start:end].endswith("政府") and not text[end:end + 1] == "办"


def dropped_char_names(rest, lexicon):
    """[(start, end, Entry)] for unmatched words that are a class or department name missing one character."""
    return [(start, end, entry) for start, end, entry in _longest_first(rest, 3, 10, lexicon.name_missing_a_char)
            if not _whole_government(rest, start, end)]


def typo_regions(rest, lexicon):
    """[(start, end, Entry)] for unmatched words that are a region's name with a typo (longest first)."""
    stop = set(vocab.words("stop"))
    return _longest_first(rest, 2, 4, lambda word: None if word in stop else lexicon.region_like(word))


def _longest_first(rest, shortest, longest, match):
    """[(start, end, Entry)]: runs of Chinese characters read left to right, taking at each place the longest
    piece (``longest`` down to ``shortest`` characters) that ``match`` recognises."""
    found = []
    for run in re.finditer(rf"[\u4e00-\u9fff]{{{shortest},}}", rest):
        i = run.start()
        while i <= run.end() - shortest:
            for length in range(min(longest, run.end() - i), shortest - 1, -1):
                entry = match(rest[i:i + length])
                if entry is not None:
                    found.append((i, i + length, entry))
                    i += length
                    break
            else:
                i += 1
    return found


# 「几个区」「各区县」「三个县」 count or group regions; they name none
NOT_A_NAME = re.compile(r"^(?:几|多少|各|每|哪|全|本|该|这|那|其他|[一二两三四五六七八九十\d]+)个?")


def unknown_region(rest, lexicon):
    """A word that looks like a region's name (「北山县」) but names none in this publication."""
    stop, not_regions = set(vocab.words("stop")), set(vocab.words("not_regions"))
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", rest):
        words = cut(lexicon, run)
        for word, following in zip(words, words[1:] + [""]):
            if following in ("区", "县") and len(word) >= 2 and word not in stop:  # jieba: 北山 / 县
                word += following
            if len(word) >= 3 and word[-1] in "区县" and word not in not_regions and word not in lexicon.surfaces \
                    and not NOT_A_NAME.match(word):
                return word
    return None


TOWNSHIP_SUFFIXES = ("街道", "镇", "乡")


def unknown_township(rest, lexicon):
    """A word that looks like a township or street (「东湖镇」「白云街道」) but names none in this publication."""
    not_townships = set(vocab.words("not_townships"))
    for run in re.findall(r"[\u4e00-\u9fff]{3,}", rest):
        words = cut(lexicon, run)
        for word, following in zip(words, words[1:] + [""]):
            glued = following[:1] in ("镇", "乡") and not following.startswith(tuple(not_townships))
            if len(word) >= 2 and (following in TOWNSHIP_SUFFIXES or glued):  # jieba: 东湖 / 镇, 红旗 / 乡修
                word += following if following in TOWNSHIP_SUFFIXES else following[0]
            suffix = next((x for x in TOWNSHIP_SUFFIXES if word.endswith(x)), None)
            if suffix and len(word) - len(suffix) >= 2 and word not in not_townships \
                    and word[0] not in "各每哪全本该这那" and word not in lexicon.surfaces:
                return word
    return None


def bare_region_noun(rest, lexicon):
    """The span of a group noun (省, 区县, 地区) standing alone: after 的/个/几, or before the end. The leftmost
    one, the longer at a tie: 「12省区市」 gives 省, whatever order the nouns came in."""
    found = [m for noun in lexicon.region_nouns for m in [re.search(
        rf"(?<=[的个名位几哪每\d]){re.escape(noun)}份?|(?<![全本该此]){re.escape(noun)}份?(?=[？?。！!，,\s]|$)", rest)] if m]
    return min(found, key=lambda m: (m.start(), -len(m.group(0))), default=None)
