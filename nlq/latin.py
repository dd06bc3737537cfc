"""Questions typed in Latin letters (issue #18: the [pinyin], [pinyin initials] and [English question] classes).

A Latin word is read as Chinese only when it spells exactly one thing:

* full pinyin (「hubei」「yunfeng xian」「jiaoyu yusuan」, tones left out, syllables glued or apart): the
  names of the publication (places, classes, departments, townships) and the question box's own words
  (measures, time words, 多少 …) whose pinyin is that spelling — one meaning only, a spelling shared by two
  words (shi: 市 or 是) is left as typed;
* pinyin initials (「lzq」「wsjk」, lower case, two to five letters): the one name of the publication with those
  initials, and no other name or word with them;
* English words (semantic.toml [english.terms] and [english.question]).

A question written wholly in English is read only when every one of its words is understood (a name, a term,
a year, a word with no meaning of its own such as 「the」): otherwise it stays as typed and is declined as not
understood, so 「DROP TABLE expenditures」 is never read as 「支出」. In a question mixing Chinese and Latin
letters a Latin word that spells nothing stays, and nlq/unmatched.py declines the question for it. Every word
read is said in the notes (「lzq」按「鹭洲区」理解), so a reading is never silent.
"""
import re

from .text import _char_pinyin, longest_first

LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]+)(?:'s|’s)?(?![A-Za-z0-9])")
NAME_TYPES = ("region", "class", "class_set", "dept", "township")
YEAR = re.compile(r"(?<![\d年])((?:19|20)\d\d)(?![\d年])")


def romanized(text, lexicon, english):
    """(text with its Latin words read as Chinese, [(typed, meant)])."""
    if not re.search(r"[A-Za-z]", text):
        return text, []
    chinese = bool(re.search(r"[\u4e00-\u9fff]", text))
    readings = _readings(text, lexicon, english)
    words = list(LATIN_WORD.finditer(text))
    read = {w.start() for w in words for start, (end, _m, _s) in readings.items() if start <= w.start() < end}
    if not chinese and len(read) < len(words):
        return text, []  # an English text with a word not understood: not read at all
    out, at, said = [], 0, []
    for w in words:
        if w.start() not in readings or w.start() < at:
            continue
        end, meant, shown = readings[w.start()]
        out.append(text[at:w.start()])
        out.append(meant)
        if shown:
            said.append((text[w.start():end], meant))
        at = end
    out.append(text[at:])
    result = "".join(out)
    if not chinese:
        result = _as_chinese_question(result)
    return result, said


def _as_chinese_question(text):
    """「多少 浙江 花了 教育 2021」 → 「2021年浙江教育花了多少」: the years first, the words in their order, spaces
    and English punctuation between them gone, what is asked (花了多少, 是多少) last."""
    years = [f"{y}年" for y in YEAR.findall(text)]
    spent, asks = "花了" in text, "多少" in text
    text = re.sub(r"[\s,.?!;:()]+", "", YEAR.sub("", text).replace("花了", "").replace("多少", ""))
    return "".join(years) + text + ("花了多少" if spent else "是多少" if asks else "")


def _readings(text, lexicon, english):
    """{start of a Latin word: (end, Chinese, said in the notes)} for the words read, longest runs first."""
    words = list(LATIN_WORD.finditer(text))
    terms = {**{k.lower(): v for k, v in english["terms"].items()},
             **{k.lower(): v for k, v in english.get("question", {}).items()}}
    index, initials = _index(lexicon)
    readings, i = {}, 0
    while i < len(words):
        found = None
        for j in range(min(len(words), i + 5), i, -1):
            run = words[i:j]
            if any(text[a.end():b.start()].strip() for a, b in zip(run, run[1:])):
                continue  # only words next to each other, spaces between them
            typed = " ".join(w.group(1).lower() for w in run)
            if typed in terms:
                found = (j, terms[typed], False)
                break
            meant = _one(index.get("".join(_syllables(w.group(1).lower(), k > 0) for k, w in enumerate(run))))
            if meant:
                found = (j, meant, True)
                break
        if found is None:
            word = words[i].group(1)
            meant = _split(word.lower(), index) or (_one(initials.get(word)) if word.islower() else None)
            if meant:
                found = (i + 1, meant, True)
        if found:
            j, meant, shown = found
            readings[words[i].start()] = (words[j - 1].end(), meant, shown)
            i = j
        else:
            i += 1
    return readings


def _syllables(word, after_a_name=False):
    """The pinyin a word spells, u and v alike (lü is typed lv or lu); a place word after a name is the
    pinyin of its Chinese (「Songgang County」 is songgangxian)."""
    return PLACE_WORDS[word] if after_a_name and word in PLACE_WORDS else word.replace("v", "u")


PLACE_WORDS = {"county": "xian", "district": "qu", "city": "shi", "province": "sheng", "town": "zhen"}


def _one(meanings):
    return next(iter(meanings)) if meanings and len(meanings) == 1 else None


def _split(word, index):
    """A glued spelling of two or more words (「jinnianjiaoyu」): read only when it parts one way only."""
    parts = _partitions(word, index, 0, {})
    if len(parts) != 1 or len(parts[0]) < 2:
        return None
    return "".join(parts[0])


def _partitions(word, index, at, memo):
    if at == len(word):
        return [[]]
    if at not in memo:
        out = []
        for end in range(len(word), at + 1, -1):
            meant = index.get(word[at:end])
            if not meant:
                continue
            if len(meant) > 1:
                return memo.setdefault(at, [None, None])  # a spelling of two words: no one reading
            for rest in _partitions(word, index, end, memo):
                out.append([next(iter(meant)), *rest])
                if len(out) > 1:
                    break
            if len(out) > 1:
                break
        memo[at] = out
    return [p for p in memo[at] if p is not None and None not in p]


def _index(lexicon):
    """({full pinyin: {Chinese}}, {initials: {Chinese}}), built once per lexicon."""
    cached = getattr(lexicon, "_latin_index", None)
    if cached is not None:
        return cached
    from . import vocab

    full, initials, entries_of = {}, {}, {}
    for surface, entries in lexicon.surfaces.items():
        if len(surface) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", surface):
            continue
        named = [e for e in entries if e.type in NAME_TYPES]
        if not named:
            continue
        sounds = _pinyin(surface)
        for spelling in {"".join(sounds), "".join(_char_pinyin(c) for c in surface)}:  # 西藏: xizang (and xicang)
            full.setdefault(spelling, set()).add(surface)
        entries_of.setdefault("".join(s[0] for s in sounds), {}).setdefault(tuple(sorted(map(repr, named))), []).append(surface)
    semantic = vocab.semantic()
    own = [w for m in semantic["measures"].values() for w in m["words"]] + semantic["latin"]["words"]
    for word in own:
        if re.fullmatch(r"[\u4e00-\u9fff]+", word):
            full.setdefault("".join(_pinyin(word)), set()).add(word)
    for key, by_entries in entries_of.items():
        if len(key) < 2:
            continue
        # one name, however many of its surfaces share the initials (the shortest said); two names: none
        initials[key] = {min(surfaces, key=longest_first) for surfaces in by_entries.values()}
    for word in own:  # a word of the question box's own with the same initials makes a name's initials unsure
        if len(word) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", word):
            key = "".join(p[0] for p in _pinyin(word))
            if key in initials:
                initials[key] = initials[key] | {word}
    lexicon._latin_index = (full, initials)
    return lexicon._latin_index


def _pinyin(word):
    """The pinyin of each character as read in the word (藏 of 西藏 is zang)."""
    from pypinyin import lazy_pinyin

    return lazy_pinyin(word)
