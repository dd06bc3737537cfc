"""Names for autocomplete and 「您是不是要找」: titles and name fields, with pinyin keys."""
import re
from collections import Counter

from pypinyin import Style, lazy_pinyin

from .text import normalize

_LATIN_RE = re.compile(r"^[a-z0-9 ']+$")


def pinyin_keys(name):
    """(full pinyin without tones or spaces, initials) — 养老院 → ("yanglaoyuan", "lly")."""
    syllables = [s for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore") if s.strip()]
    return "".join(syllables).lower(), "".join(s[0] for s in syllables).lower()


def build_names(docs):
    """[{name, norm, kind, weight, pinyin, initials}] — weight = how many documents carry the name."""
    weights, kinds = Counter(), {}
    for doc in docs:
        candidates = [(n, "名称") for n in doc["names"].split(" · ") if n]
        if doc["type"] in ("project", "department", "report"):
            candidates.append((doc["title"], {"project": "项目", "department": "部门", "report": "报告"}[doc["type"]]))
        for name, kind in candidates:
            if 2 <= len(name) <= 60:
                weights[name] += 1
                kinds.setdefault(name, kind)
    names = []
    for name, weight in weights.items():
        full, initials = pinyin_keys(name)
        names.append({"name": name, "norm": normalize(name), "kind": kinds[name], "weight": weight,
                      "pinyin": full, "initials": initials})
    return names


def is_latin(text):
    return bool(_LATIN_RE.match(text))


def edit_distance_at_most_one(a, b):
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
