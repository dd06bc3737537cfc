"""Groups of regions side by side (「东部和西部地区支出各是多少」「五个区合计与五个县合计」「市本级和区县各安排了多少」
「东部比西部多花多少」): each group is one place, its regions summed. The question is read once per place, the
other places' words left out (nlq/parser.py), each reading must be that place's one total, and the totals are
shown side by side as kind "measures" does — each row with its own records. When any reading is not that
place's total, nothing is answered this way (the group decline of nlq/decline.py stands)."""
import re

from ..ir import Kind, Query
from ..vocab import found, pattern, semantic

# a level named whole: 「五个区」「10个区县」 (not 「前5个区」「哪5个县」, not 「5个县里哪个最多」)
LEVEL = re.compile(r"(?<![前后第哪])(\d+)个(区县|县区|县|区)(?![里中]?(?:哪|谁|最|排))")
# the level as a whole without its count, beside another place: 「市本级和区县」 (not 各区县, 哪个区县)
BARE_LEVEL = re.compile(r"(?<![各每哪个的])(?:区县|县区)(?:合计)?(?![里中]?(?:哪|谁|最|排))")  # (「区县合计比市本级」: one place)
# the count and noun after a group (「西部十二省」「东北地区」), and after the last of several the count of them all
# (「东部、中部、西部、东北四大区域」)
GROUP_COUNT = r"(?:(?:[\d一二三四五六七八九十]+个?)?(?:省区市|省区|省市|省份|省|地区)|[\d一二三四五六七八九十]+大?(?:区域|地区|板块))?"
# what joins two places, or sets one against the other, left out with the place it stands beside
JOINER = r"(?:以及|和|与|跟|同|及|、|，|,|比)?"
# 「各是多少」「分别是」「各安排了」: each of the places; in a reading of one place, its total
EACH = re.compile(r"各自|分别|各(?=是|为|安排|花|有|支出|多少|拨|用)")
CN_DIGITS = "零一二三四五六七八九十"


def _cn(n):
    return CN_DIGITS[n] if 0 <= n <= 10 else str(n)


def named(text, lexicon):
    """[(start, end, label, codes, words)] of the places the text names, in order: groups of [region_groups] the
    publication has whole, a level named whole (「五个县」), and beside a group the top level's own rows
    (「市本级」) or the level's regions together (「区县」). Only when at least two places are named and one of them
    is a group of several regions; else []."""
    names = {name: code for code, name in lexicon.region_names.items()}
    level = [code for code in lexicon.region_names if lexicon.region_level.get(code) == 1]
    found, taken = [], set()

    def add(start, end, label, codes, said=None):
        if codes and not taken.intersection(range(start, end)):
            found.append((start, end, label, tuple(codes), said or text[start:end]))
            taken.update(range(start, end))

    for group, members in sorted(semantic()["region_groups"].items(), key=lambda kv: -len(kv[0])):
        if set(members) <= set(names):
            for m in re.finditer(re.escape(group) + GROUP_COUNT, text):
                label = group if group.endswith(("地区", "省", "省市", "省区市")) or len(group) > 2 else f"{group}地区"
                add(m.start(), m.end(), label, [names[n] for n in members], group)
    for m in LEVEL.finditer(text):
        noun = m.group(2)
        codes = [c for c in level if noun in ("区县", "县区") or lexicon.region_names[c].endswith(noun)]
        if int(m.group(1)) == len(codes):
            add(m.start(), m.end(), f"{_cn(len(codes))}个{noun}合计", codes)
    own = lexicon.root_code
    if own is not None:
        for start, end, _surface, entries in lexicon.scan(text):
            if any(e.type == "region" and e.value == own for e in entries):
                add(start, end, (lexicon.root_name or "本")[-1] + "本级", [own])
    if found and len(level) > 1:  # read as the level named whole (「十个区县」), its regions summed
        for m in BARE_LEVEL.finditer(text):
            add(m.start(), m.end(), "区县合计", level, f"{len(level)}个{m.group(0).removesuffix('合计')}")
    if not any(len(p[3]) > 1 for p in found):
        return []
    found.sort()
    codes = [c for p in found for c in p[3]]
    if len(found) < 2 or len(codes) != len(set(codes)):  # overlapping places: not side by side
        return []
    return found


def readings(text, lexicon):
    """(places, [reading of each place]) — the question once per place, the other places left out with the word
    joining them — or None when it does not name several places with a group among them."""
    if pattern("both_levels").search(text):  # 「市本级和区县合起来」: the whole, one place
        return None
    # 「五个县哪个多」 after another place is the two places compared, not a ranking inside the last one: the
    # which-words are blanked (same length, so positions hold) before the places are found
    places = named(WHICH.sub(lambda m: "，" * len(m.group(0)), text), lexicon)
    which = _which(text, places)
    if not places or not (found("each_of", text) or EACH.search(text) or found("side_by_side", text) or which
                          or _set_against(text, places) or len(re.findall("多少", text)) >= len(places)):
        return None  # 「京津冀和长三角合计」: one sum of both
    against = _set_against(text, places)
    out = []
    for i in range(len(places)):
        reading = text
        for j in reversed(range(len(places))):
            start, end = places[j][:2]
            if j == i:  # the place itself by the words its single reading knows (「东北」, not 「东北四大区域」)
                reading = reading[:start] + places[j][4] + reading[end:]
                continue
            if j:  # 「东部和西部」 read for 东部: 「和西部」 goes
                start = re.search(JOINER + "$", reading[:start]).start()
            else:  # … read for 西部: 「东部和」 goes
                end += re.match(JOINER, reading[end:]).end()
            reading = reading[:start] + reading[end:]
        reading = EACH.sub("", reading)
        if which:  # 「五个区和五个县哪个花得多」: in the reading of one place, its total (「五个区花了多少」)
            reading = WHICH.sub(lambda m: (m.group(1) or "花了") + "多少", reading)
        out.append(MORE.sub("", reading) if against else reading)
    return places, out


# 「东部比西部多支出多少」: in the reading of one place, its total (「东部支出多少」)
MORE = re.compile(r"(?<=[\u4e00-\u9fff])[多少](?=支出|花|安排|用|拨|了)")


# 「哪个花得多」「谁的支出更高」: which of two places is larger — their totals and the difference, the larger named
WHICH = re.compile(r"(?:哪个|哪一个|哪边|哪一边|哪方|谁)(?:的)?(?:更|比较)?(花|支出|用|安排|预算)?(?:钱|了)?(?:得|的)?"
                   r"(?:更|比较)?(?:多|少|高|低|大)(?:一些|一点|些)?")


def _which(text, places):
    """Two places and 「哪个多」 after both: which of the two groups' sums is larger (never a ranking inside one)."""
    return len(places) == 2 and (m := WHICH.search(text)) is not None and m.start() >= places[1][1]


def _set_against(text, places):
    """「东部比西部多花多少」: two places, the first set against the second: their difference is asked."""
    return len(places) == 2 and re.fullmatch(r"(?:地区|省份|省)?比", text[places[0][1]:places[1][0]]) is not None


def combine(parses, places, text):
    """One Query of the places' readings, or None when any is declined, not read whole, or not the place's one
    total (a figure over exactly its regions, not each of them, all of one measure)."""
    queries = [p.query for p in parses]
    if any(q is None or p.decline is not None or p.unknown for p, q in zip(parses, queries)):
        return None
    for query, (_start, _end, _label, codes, _words) in zip(queries, places):
        if query.kind != Kind.FIGURE or query.group is not None or sorted(query.regions) != sorted(codes) \
                or query.measure != queries[0].measure or query.period != queries[0].period:
            return None
    first = queries[0]
    return Query(Kind.MEASURES, measure=first.measure, period=first.period,
                 regions=[c for q in queries for c in q.regions], classes=list(first.classes),
                 parts=queries, labels=[place[2] for place in places],
                 difference=_set_against(text, places) or _which(text, places))
