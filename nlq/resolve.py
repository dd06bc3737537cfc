"""A project named loosely (issue #18): by part of its name, its place, its object, with words in another order,
words between (「那条」「的」「搞的」), a short form (五中 for 第五中学) or a connective of its own (「东坪镇到茶山村」
for 「…镇至…村」).

Every project name of the publication is cut once into segments of four kinds — place (district, township,
village), object (what is built: 湿地公园、雨污分流、运动场), action (改造、新建、提质) and generic (工程、项目) —
and a question scores each name by the segments it shares with it: places and objects weigh by their length
(a part of an object's word by half), actions less, generic words nothing; a piece of the question the name does
not share counts against it by the same weight. Only names that share an object the question names compete.
The question names one project only when

* it names no project whole, asks about a project (工程、进度、开工、承建、那个 …: 「鹭洲区实验小学去年花了多少钱」
  asks about the school) and not about projects in general (几个、哪些、所有 …, or a category with no place
  below the district and no demonstrative),
* one run of its words (segments a few characters apart) shares an object and another place or object with the
  best name, or two places below the district, and a demonstrative, a place below the district or an object
  of four characters picks one, and
* the best name beats every other name by MARGIN.

Then those words become the full name, so the parser reads, answers and restates the project as if it had
been named whole (nlq/parser.py tries this only for a question it could not read whole). Without the margin
the nearest names are offered (``candidates``).
"""
import re
from dataclasses import dataclass

from .text import longest_first

GENERIC = ("工程", "项目", "建设", "及", "与", "和", "等", "配套", "附属设施", "设施", "业务用房")
ACTIONS = ("改扩建", "扩建", "新建", "改建", "续建", "改造", "提升", "提质", "整治", "治理", "硬化", "综合",
           "建设", "巩固", "安置房", "片区", "嵌入式", "安全")
CONNECTIVES = ("至", "到", "—", "-")
WEIGHT = {"place": 1.5, "object": 1.0, "action": 0.6, "generic": 0.0}
MARGIN = 2.0
OTHER_NAMES = ("class", "class_set", "dept", "contractor", "purpose", "dept_each", "class_each")
# asks about projects in general: a count or a list, never one project's fact
GENERAL = re.compile(r"几个|多少个|哪些|哪几|所有|全部|各个|各类|每个|一共有|有多少|排名|排行|最[高低多少大快慢早晚]|前\d")
SINGLING = re.compile(r"那个|这个|那条|这条|那座|这座|那所|这所|那家|那处|(?<!应)该")
# 「五中」「3小」 for 第五中学、第3小学
ORDINAL = re.compile(r"第([\d一二三四五六七八九十]+)(中学|小学|幼儿园)")
SHORT_ORDINAL = {"中学": "中", "小学": "小", "幼儿园": "幼"}
CN_DIGITS = dict(zip("一二三四五六七八九", "123456789"))


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str  # place | object | action | generic
    aliases: tuple = ()
    district: bool = False


@dataclass
class Match:
    name: str
    score: float
    spans: list  # [(start, end, Segment)] of the question's text
    objects: int  # object segments shared


def resolve(text, lexicon):
    """(text with the loosely named project written whole, the name) or (text, None); see ``candidates``."""
    ranked = _ranked(text, lexicon)
    if not ranked or not _names_one(text, ranked[0]):
        return text, None
    if len(ranked) > 1 and ranked[0].score - ranked[1].score < MARGIN:
        return text, None
    rewritten = _rewritten(text, ranked[0])
    return (rewritten, ranked[0].name) if rewritten != text else (text, None)


def candidates(text, lexicon, limit=3):
    """The names nearest to a question that names a project loosely but not clearly: [(name, text with it)]."""
    ranked = [m for m in _ranked(text, lexicon) if _names_one(text, m)]
    if len(ranked) < 2 or ranked[0].score - ranked[1].score >= MARGIN:
        return []
    top = ranked[0].score
    return [(m.name, _rewritten(text, m)) for m in ranked[:limit] if top - m.score < MARGIN]


# between a unit's name and what one of its projects builds: 「星桥区人民医院的新住院楼」
UNIT_GAP = re.compile(r"(?:的)?(?:那个|这个|那栋|这栋|那座|这座)?(?:新)?")


def unit_works(text, lexicon):
    """「X医院住院楼投资多少」: a unit named whole and followed at once by what a project holding the unit's name
    builds asks about that project, never about the unit's spending. (text with the project's full name, [name])
    when one project of the unit is the best by MARGIN; (text, [names]) when several are as near (the asker
    chooses); (text, []) otherwise. Only names that hold the unit's name whole compete: 「星桥区人民医院」 is not
    「星桥区第二人民医院」."""
    named = lexicon.scan(text)
    if GENERAL.search(text) or any(e.type == "project" for _a, _b, _s, entries in named for e in entries):
        return text, []
    found = _found(text, _index(lexicon))
    for _start, end, surface, entries in named:
        if not any(e.type == "unit" for e in entries):
            continue
        gap = UNIT_GAP.match(text, end).end()
        said = {seg for a, _b, seg in found if a == gap and seg.kind == "object"}
        if not said:
            continue
        ranked = [m for m in _ranked(text, lexicon)
                  if surface in m.name and any(s in said for _a, _b, s in m.spans)]
        if not ranked:
            continue
        near = [m for m in ranked if ranked[0].score - m.score < MARGIN]
        if len(near) > 1:
            return text, [m.name for m in near[:3]]
        return _unit_rewritten(text, ranked[0]), [ranked[0].name]
    return text, []


def _unit_rewritten(text, match):
    """The run of shared words replaced by the full name, with the characters right after it that the name
    holds (楼 of 「住院楼」 for 住院综合楼) going too."""
    end = _run(text, match)[-1][1]
    size = next((k for k in range(3, 0, -1) if text[end:end + k] and text[end:end + k] in match.name), 0)
    return _rewritten(text[:end] + text[end + size:], match)


def _weight(seg, said):
    """A segment said whole weighs its length; a part of an object's word (公路 of 农村公路) half of it."""
    full = WEIGHT[seg.kind] * len(said)
    return full if said == seg.text or seg.kind != "object" or ORDINAL.fullmatch(seg.text) else full / 2


def places_named(text, lexicon):
    """The places of projects (districts, townships, villages) ``text`` names: [(start, end, place)]."""
    return [(a, b, s.text) for a, b, s in _found(text, _index(lexicon)) if s.kind == "place"]


# words said only of a project (being built, its progress, its builder, its investment) or of the one thing pointed
# at: without one, 「鹭洲区实验小学去年花了多少钱」 asks about the school, not about a project that builds there
PROJECT_ASKED = re.compile(r"工程|项目|进度|进展|几成|百分之|%|开工|动工|完工|竣工|建成|建好|建完|修好|修完|建到|弄到|搞到"
                           r"|在建|状态|滞后|承建|施工|在干|在修|在建|哪家公司|总投资|投资|拨付|地点|那个|这个|那条|这条"
                           r"|那座|这座|那所|这所|那处")


def _names_one(text, match):
    """The question singles out one project: in one run of words (「梅溪那个湿地公园」, not 学校 here and 教育
    there in a story) a shared object with another place or object, or two places below the district; nothing
    asked of projects in general; and a demonstrative, a place below the district or an object of four
    characters that pick one."""
    if GENERAL.search(text) or not PROJECT_ASKED.search(text):
        return False
    run = _run(text, match)
    places = sum(1 for _a, _b, s in run if s.kind == "place" and not s.district)
    objects = [(a, b, s) for a, b, s in run if s.kind == "object"]
    named = sum(1 for _a, _b, s in run if s.kind in ("place", "object"))
    if named < 2 or (not objects and places < 2):
        return False
    whole = [(a, b, s) for a, b, s in objects if text[a:b] == s.text or ORDINAL.fullmatch(s.text)]
    long_object = sum(b - a for a, b, _s in whole) >= 4 or any(ORDINAL.fullmatch(s.text) for _a, _b, s in whole)
    return bool(SINGLING.search(text)) or places > 0 or long_object


def _ranked(text, lexicon):
    named = lexicon.scan(text)
    if any(e.type == "project" for _a, _b, _s, entries in named for e in entries):
        return []
    index = _index(lexicon)
    # words read as something else (a class, a department, a unit, a company) are no piece of a project's name
    other = [(a, b) for a, b, _s, entries in named if any(e.type in OTHER_NAMES for e in entries)]
    found = [(a, b, seg) for a, b, seg in _found(text, index)
             if not any(x <= a and b <= y and y - x > b - a for x, y in other)]
    if not SINGLING.search(text) and any(e.type in ("category", "output") for _a, _b, _s, entries in named
                                        for e in entries) and not any(
            s.kind == "place" and s.text not in index.districts for _a, _b, s in found):
        return []  # 「鹭洲区老旧小区改造项目」: projects of a category, not one of them
    if not found:
        return []
    asked = {}  # each span of the question that names a piece of a project, with the pieces it may be
    for start, end, seg in found:
        asked.setdefault((start, end), set()).add(seg)
    # a name that shares no object the question names is no candidate (below): scoring only the owners of an
    # object saves scoring every project of a district that is named (thousands at province scale)
    objects_named = [seg for _a, _b, seg in found if seg.kind == "object"]
    eligible = set().union(*(index.owners[seg] for seg in objects_named)) if objects_named else None
    owned = {}
    for start, end, seg in found:
        for name in index.owners[seg] if eligible is None else index.owners[seg] & eligible:
            owned.setdefault(name, {})[(start, end)] = seg
    matches = []
    for name, by_span in owned.items():
        spans = [(a, b, seg) for (a, b), seg in by_span.items()]
        # a span of the question the name does not share counts against it (梅溪 when neither 梅溪县 nor 梅溪街道
        # is the project's place, 改扩建 when it is not what the project does)
        score = sum(_weight(s, text[a:b]) for a, b, s in spans) - sum(
            max(WEIGHT[s.kind] for s in segs) * (b - a) for (a, b), segs in asked.items() if (a, b) not in by_span)
        objects = sum(1 for _a, _b, s in spans if s.kind == "object")
        matches.append(Match(name, score, sorted(spans, key=lambda x: x[0]), objects))
    if any(s.kind == "object" for _a, _b, s in found):  # a name that shares no object the question names is
        matches = [m for m in matches if m.objects]  # no candidate (「我家在松岗街道，…文化公园」)
    matches.sort(key=lambda m: (-m.score, m.name))
    return matches


def _found(text, index):
    """[(start, end, Segment)]: the segments the question holds, longest first, none overlapping."""
    taken, found = set(), []
    for surface in index.surfaces:
        # str.find, not a regex per surface: a province has tens of thousands of surfaces, and compiling each
        # one overflows re's cache on every question (~250 ms a question at 40,000 projects)
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            span = set(range(start, end))
            if not span & taken:
                taken |= span
                found.extend((start, end, seg) for seg in index.by_surface[surface])
            start = text.find(surface, end)
    return found


def _rewritten(text, match):
    """The question with the words that named the project replaced by the full name: the run of shared
    segments that weighs most (segments a few characters apart, with no number or punctuation between: 「东坪镇
    到茶山村那条公路」), with a demonstrative before it and a generic word after it. A place said in another
    clause (「老家在沙坝镇，…」) stays where it is."""
    best = _run(text, match)
    if not best:
        return text
    start, end = best[0][0], best[-1][1]
    tail = re.match(r"(?:的)?(?:那条|那个|这条|这个)?(?:公路|路|工程|项目)?", text[end:])
    end += tail.end() if tail else 0
    head = re.search(r"(?:那个|这个|那条|这条|那座|这座|那所|这所|那家|那处)的?$", text[:start])
    start -= len(head.group(0)) if head else 0
    return text[:start] + match.name + text[end:]


def _run(text, match):
    """The run of shared segments that weighs most: segments a few characters apart, with no number or
    punctuation between (「东坪镇到茶山村那条公路」); a place said in another clause is another run."""
    spans = sorted((a, b, s) for a, b, s in match.spans if s.kind in ("place", "object", "action"))
    if not spans:
        return []
    runs, run = [], [spans[0]]
    for a, b, s in spans[1:]:
        gap = text[run[-1][1]:a]
        if len(gap) <= 4 and not re.search(r"[\d，,。；;：:！!？?\s]", gap):
            run.append((a, b, s))
        else:
            runs.append(run)
            run = [(a, b, s)]
    runs.append(run)
    return max(runs, key=lambda r: (any(s.kind == "object" for _a, _b, s in r),
                                    sum(WEIGHT[s.kind] * (b - a) for a, b, s in r), -r[0][0]))


@dataclass
class Index:
    segments: dict  # name -> [Segment]
    owners: dict  # Segment -> {names}
    by_surface: dict  # surface (a segment's text or alias) -> [Segment]
    surfaces: list  # longest first
    districts: set


def _index(lexicon):
    """The index of ``lexicon``'s project names, built on first use and kept with the lexicon."""
    index = lexicon.__dict__.get("_project_index")
    if index is None:
        index = lexicon.__dict__["_project_index"] = _build_index(lexicon)
    return index


def _build_index(lexicon):
    districts = {n for n in lexicon.region_names.values() if len(n) >= 3}
    townships = sorted(set(lexicon.township_names.values()), key=longest_first)
    segments, owners, by_surface = {}, {}, {}
    for name in sorted(set(lexicon.project_names.values())):
        segs = _cut(re.sub(r"^\d{4}年", "", name), districts, townships)
        segments[name] = segs
        for seg in segs:
            if seg.kind in ("generic",):
                continue
            owners.setdefault(seg, set()).add(name)
            for surface in (seg.text, *seg.aliases):
                bucket = by_surface.setdefault(surface, [])
                if seg not in bucket:
                    bucket.append(seg)
    # a surface of one character names nothing; a place alias shared with an object is the object's
    surfaces = sorted((s for s in by_surface if len(s) >= 2), key=longest_first)
    return Index(segments, owners, by_surface, surfaces, districts)


def _cut(name, districts, townships):
    """A project name as segments: district, township, village, then the words of what is built."""
    segs, rest = [], name
    district = next((d for d in sorted(districts, key=longest_first) if rest.startswith(d)), None)
    if district:
        segs.append(Segment(district, "place", _place_aliases(district), district=True))
        rest = rest[len(district):]
    while True:
        rest = rest.lstrip("".join(CONNECTIVES))
        township = next((t for t in townships if rest.startswith(t)), None)
        if township:
            segs.append(Segment(township, "place", _place_aliases(township)))
            rest = rest[len(township):]
            continue
        village = re.match(r"[\u4e00-\u9fff]{2,3}?(?:村|社区)", rest)
        if village and not _is_object(village.group(0)):
            segs.append(Segment(village.group(0), "place", _place_aliases(village.group(0))))
            rest = rest[len(village.group(0)):]
            continue
        break
    for word in _words(rest):
        kind = _kind(word)
        segs.append(Segment(word, kind, _object_aliases(word) + (_sub_words(word) if kind == "object" else ())))
    return segs


def _is_object(word):
    return word.endswith(("农村", "社区")) and len(word) <= 3


def _words(rest):
    """The words of what is built: an ordinal facility (第五中学) whole, runs of single characters joined
    (雨|污 → 雨污), the rest as jieba cuts them."""
    import jieba

    out = []
    for piece in re.split(f"({ORDINAL.pattern})", rest):
        if not piece or piece.isdigit() or piece in SHORT_ORDINAL or re.fullmatch(r"[\d一二三四五六七八九十]+", piece):
            continue
        if ORDINAL.fullmatch(piece):
            out.append(piece)
            continue
        single = ""
        for word in jieba.lcut(piece, HMM=False):
            if len(word) == 1 and word not in "的及与和等":
                single += word
                continue
            if single:
                out.append(single)
                single = ""
            if word.strip() and word not in "的及与和等":
                out.append(word)
        if single:
            out.append(single)
    return out


def _kind(word):
    if word in GENERIC:
        return "generic"
    import jieba

    parts = [w for w in jieba.lcut(word, HMM=False) if w.strip()]
    if word in ACTIONS or all(p in ACTIONS or p in GENERIC for p in parts):
        return "action"
    return "object"


def _sub_words(word):
    """The shorter words inside an object's word (农村公路 → 农村, 公路), for a question that says part of it."""
    import jieba

    if len(word) < 4:
        return ()
    return tuple(w for w in dict.fromkeys(jieba.cut_for_search(word, HMM=False))
                 if 2 <= len(w) < len(word) and w not in GENERIC and w not in ACTIONS)


def _place_aliases(place):
    """梅溪县 → 梅溪; 茶山村 → 茶山 is no alias (too loose); 白沙街道 → 白沙."""
    for suffix in ("街道", "县", "区", "镇", "乡"):
        if place.endswith(suffix) and len(place) - len(suffix) >= 2:
            return (place[:-len(suffix)],)
    return ()


def _object_aliases(word):
    """第五中学 → 五中, 5中; 第3幼儿园 → 3幼, 三幼."""
    m = ORDINAL.fullmatch(word)
    if not m:
        return ()
    number, kind = m.group(1), SHORT_ORDINAL[m.group(2)]
    digits = "".join(CN_DIGITS.get(c, c) for c in number)
    chinese = "".join({v: k for k, v in CN_DIGITS.items()}.get(c, c) for c in number)
    return tuple(dict.fromkeys((digits + kind, chinese + kind)))
