"""Question text → Query (IR), with a confidence and the reasons behind it.

The stages, each in its own module:
1. normalise — nlq/text.py (full-width, traditional, numerals, homophones; done by the caller) and here the
   framing a delegate puts around a question (「请财政部门说明：」);
2. slots — nlq/slots.py: time words, the names of the lexicon, typo repair (nlq/repair.py), the words left
   unknown and, for those, the embedding matcher;
3. cues — nlq/cues.py: how the question asks (rate, share, growth, trend, top, a limit, a threshold …);
4. intent — nlq/intent.py: the ordered registry of per-kind builders (nlq/kinds/) picks and builds the
   Query, then refines it (the whole of a share, 款, 「哪个县」);
5. decline — nlq/decline.py: no budget subject or a place the publication does not have → a reason;
6. confidence — lowered by every guess (a repaired typo, an embedding match, words left unknown).
"""
import re

from . import asides, decline, intent, resolve, unmatched
from . import cues as cue_stage
from . import slots as slot_stage
from .ir import Parse, Query
from .kinds import catalog, documents, measures, members, places, unit
from .kinds.project import payments
from .text import longest_first
from .vocab import pattern, semantic


def parse(text, lexicon, as_of, *, latest_year=None, matcher=None):
    """Parse normalised ``text``. ``matcher(words) -> [(Entry, score)]`` resolves unknown words."""
    text = self_corrected(project_named_loosely(pattern("framing").sub(_framing_left_out, text), lexicon), lexicon)
    text = payments.purpose_in_brackets(text, lexicon)  # 「公车（车辆维修费）」: the purpose as recorded
    works = _unit_works(text, lexicon, as_of, matcher)  # 「X医院住院楼投资多少」: the project, not the unit
    if works is not None:
        return works
    parsed = _parse(text, lexicon, as_of, matcher)
    if parsed.query is not None and parsed.decline is None and not parsed.unknown:
        return parsed  # read whole: nothing around it to leave aside, no name to guess
    if parsed.decline is not None and parsed.decline.reason not in LOOSE_DECLINES:
        return parsed  # declined for what it asks (a person, data not published), not for words not read
    closer = _without_asides(text, lexicon, as_of, matcher)
    if closer is not None and (parsed.decline is not None or len(closer.unknown) < len(parsed.unknown)):
        return closer
    if parsed.decline is not None:
        return _project_candidates(text, lexicon, as_of, matcher) or parsed
    return parsed


def _framing_left_out(match):
    """「请分别说明」: the framing goes, the 分别 inside it is the question's own (several figures asked)."""
    return " 分别" if "分别" in match.group(0) else " "


def _unit_works(text, lexicon, as_of, matcher):
    """A unit named whole with what one of its projects builds right after it (nlq/resolve.py ``unit_works``):
    that project, read as if named whole; several as near are offered to choose from, never the unit's own
    spending answered in their place. None when no such words follow a unit's name."""
    rewritten, names = resolve.unit_works(text, lexicon)
    if len(names) == 1:
        parsed = _parse(rewritten, lexicon, as_of, matcher)
        if parsed.query is not None and parsed.query.project is not None and parsed.decline is None:
            parsed.notes.append(f"按项目「{names[0]}」理解")
            return parsed
        return None
    if len(names) > 1:
        return _project_candidates(text, lexicon, as_of, matcher)
    return None


def self_corrected(text, lexicon):
    """「节能环保……哦不对，是卫生健康」「明年……哦不是，今年」: the name or year said just before a self-correction is
    taken back, the one after it stands (never both side by side). 「市疾控那个单位？不对，是云峰县疾控中心」: a
    clause asking nothing, taken back whole by 「不对，是」 before a name of the publication, goes with it. A
    correction with nothing of these before it is left as it is."""
    for found in pattern("self_correction").finditer(text):
        spans = [(start, end) for start, end, _surface, _entries in lexicon.scan(text)]
        spans += [m.span() for m in SAID_YEAR.finditer(text)]
        said = [start for start, end in spans if end <= found.start() and not text[end:found.start()].strip("…. ，,")]
        if said:
            return self_corrected(text[:max(said)] + text[found.end():], lexicon)
        clause = re.match(r"^[^，,。；;！!]*[？?]$", text[:found.start()].rstrip(" …"))
        after = lexicon.scan(text[found.end():])
        if clause and after and after[0][0] == 0 and not pattern("interrogative").search(clause.group(0)[:-1]):
            return self_corrected(text[found.end():], lexicon)
    return text


# a year said in words or digits (「明年」「2024年」「24年」), taken back as a name is
SAID_YEAR = re.compile(r"(?:\d{2,4}年|今年|去年|前年|明年|后年|上年|本年|大前年)(?!度?[底初末])")


def _without_asides(text, lexicon, as_of, matcher):
    """The question without the words around it (nlq/asides.py) and with a project named loosely written whole
    (nlq/resolve.py), parsed, when that changes the text and is read without a decline; else None. Tried only
    for a question declined for words not read or read with words left over, so a question read whole is never
    read another way."""
    stripped, tag = asides.strip_headline_tag(text, lexicon, as_of)  # 「【预算公开】…」: a headline's label
    stripped, event = asides.strip_event_year(stripped, lexicon, as_of)  # 「疫情那年（2020）」: the digits say the year
    stripped, aside = asides.strip(stripped, lexicon, as_of)  # 「退休职工问一下，…」: words around the question
    aside = tag + event + aside
    stripped, pointed = asides.strip_before_name(stripped, lexicon, as_of)  # 「孩子学校那个…」
    stripped, named = resolve.resolve(stripped, lexicon)  # 「东坪镇到茶山村那条公路」: the one project it can be
    later = []
    if named:  # 「老家在沙坝镇，…白石村通组公路…」: a place the project named lies in
        stripped, later = asides.strip(stripped, lexicon, as_of)
    if stripped == text:
        return None
    parsed = _parse(stripped, lexicon, as_of, matcher)
    if parsed.query is None or parsed.decline is not None:
        return None
    aside += pointed + later
    if aside:
        parsed.notes.append(f"略去与问题无关的话：「{'」「'.join(aside)}」")
    if named:
        parsed.notes.append(f"按项目「{named}」理解")
    return parsed


# declines that words not read cause (a word taken for a department: 「下周常委会…」): the question without its
# asides, or with a project named loosely, is tried; a project without a clear best is offered instead
LOOSE_DECLINES = ("not_understood", "unsure", "unknown_project", "unknown_dept")


def _project_candidates(text, lexicon, as_of, matcher):
    """「雨污分流工程进度」 with several such projects: the nearest projects, each as a question to choose."""
    names, alternatives = [], []
    for name, rewritten in resolve.candidates(text, lexicon):
        parsed = _parse(rewritten, lexicon, as_of, matcher)
        if parsed.query is not None and parsed.query.project is not None:
            names.append(name)
            alternatives.append(parsed.query)
    if len(names) < 2:
        return None
    reason = decline.Decline("unsure", f"不能确定说的是哪个项目（可能是「{'」或「'.join(names)}」），"
                                                  "请从下面的问题中选择，或看关键词搜索结果。")
    return Parse(None, 0.0, text, [], alternatives, [], reason)


# 「今年预算和去年预算」「2024年支出与2025年支出」: one measure said after each of two years is the years side by
# side (「今年和去年预算」), not two measures
YEAR_WORD = r"(?:\d{4}年|今年|去年|前年|上年|本年)(?:度)?(?:的)?"
MEASURE_AFTER_EACH_YEAR = re.compile(rf"({YEAR_WORD})(预算|总预算|支出|总支出)(和|与|跟|及|、)({YEAR_WORD})\2")


def _parse(text, lexicon, as_of, matcher):
    text = MEASURE_AFTER_EACH_YEAR.sub(r"\1\3\4\2", text)
    both = measures.readings(text)  # 「预算多少，花了多少」: two figures, each read on its own
    if both:
        parses = [_parse(reading, lexicon, as_of, matcher) for reading in both]
        combined = measures.combine(parses, text)
        if combined is not None:
            notes = [n for p in parses for n in p.notes]
            return Parse(combined, min(p.confidence for p in parses), text, list(dict.fromkeys(notes)), [], [])
    side = places.readings(text, lexicon)  # 「东部和西部地区各是多少」: each group of regions read on its own
    if side:
        parses = [_parse(reading, lexicon, as_of, matcher) for reading in side[1]]
        combined = places.combine(parses, side[0], text)
        if combined is not None:
            notes = [n for p in parses for n in p.notes]
            return Parse(combined, min(p.confidence for p in parses), text, list(dict.fromkeys(notes)), [], [])
    text = pattern("source_named").sub(" ", text)  # 「据《示例市预算执行数据》，」: where the figure is published
    text = pattern("both_levels").sub("全市", text)  # 「市本级和区县都算上」: the whole city, not 市本级 alone
    text = unit.kind_described_once(describe_set_once(text))  # 「医院类（含卫生院）」: the kind, not names
    coded = catalog.code_asked(text, lexicon)  # 「21303是什么科目」: the code itself asked, before it becomes a name
    if coded is not None:
        return Parse(coded, 1.0, text, [], [], [])
    text, groups = expand_region_groups(expand_class_codes(text, lexicon), lexicon)
    slots = slot_stage.read(text, lexicon, as_of)
    slots.region_groups = groups
    slot_stage.match_unknown(slots, matcher, cue_stage.project_subject(slots), lexicon)
    ctx = intent.Context(text, lexicon, as_of, slots, cue_stage.read(slots, lexicon, as_of))
    counted = members.counted(ctx) or documents.asked(ctx) or catalog.asked(ctx)  # 「几个镇」「乡镇和街道」 are what is counted, not a place's name or words unread
    if counted is None and decline.subject(text, slots, lexicon) is None:
        counted = unit.units_counted(ctx)  # 「下面直属的学校有几所」: the units table's rows, words around them unread
    if counted is not None:
        _forget_meaning_match(slots)
        return _confidence(counted, slots, text)
    declined = decline.subject(text, slots, lexicon) or decline.several_groups(groups)
    query = intent.build(ctx) if declined is None else None
    if query is None:
        return Parse(None, 0.0, text, slots.notes, [], slots.unknown, declined)
    query = intent.refine(query, ctx)
    dropped = decline.project_left_out(slots, query, lexicon) or decline.township_left_out(slots, query, lexicon) \
        or decline.project_name_shared(slots, query, lexicon) or decline.category_left_out(slots, query)
    if dropped is not None:
        return Parse(None, 0.0, text, slots.notes, [], slots.unknown, dropped)
    return _doubted(_confidence(query, slots, text), slots, lexicon)


def describe_set_once(text):
    """「民生类（教育社保卫生等八类）支出合计」: a parenthesis right after a class set's word describes the set (its
    members, how many); read as classes of their own it turned one total into a comparison of three classes."""
    names = sorted({w for spec in semantic()["class_sets"].values() for w in (spec["label"], *spec["words"])},
                   key=longest_first)
    return re.sub(rf"({'|'.join(map(re.escape, names))})\s*[（(][^（）()]{{0,40}}[）)]", r"\1", text)


# a 类/款/项 code (205, 20502, 2050201) as a word of its own: not part of a longer number, a project or
# voucher code (2026-990121-0026, ZF205…), a decimal, an amount (205万元) or a date
CLASS_CODE = re.compile(r"(?<![\dA-Za-z.\-_])(2\d{2}(?:\d{2}){0,2})(?![\dA-Za-z.\-_万亿元千百%％个年月日号])")


def expand_class_codes(text, lexicon):
    """「市本级 205 执行率」「全市 21401 预算」 (staff shorthand): a functional-class code the publication has
    becomes that class's name, so it is read, restated and linked like the name; other numbers stay."""
    if not CLASS_CODE.search(text):
        return text
    names = {e.value: e.name for entries in lexicon.surfaces.values() for e in entries if e.type == "class"}
    return CLASS_CODE.sub(lambda m: names.get(m.group(1), m.group(0)), text)


# 「枫丹那个保租房（星桥区枫丹保障性租赁住房项目）」: a paraphrase, then the full name in brackets
BRACKETED = re.compile(r"[^,，。;；:：?？!！()]{0,40}\(([^()]{4,60})\)")
DEMONSTRATIVE = re.compile(r"那个|这个|那座|那条|那所")


def project_named_loosely(text, lexicon):
    """A project named loosely is the project: the asker's paraphrase before the full name in brackets gives way
    to the name, and 「那个」 inside a name (「临湖街道那个社区卫生服务中心…项目」) is dropped when the words around it
    are one project's name. Nothing changes unless a project of the publication is named whole."""
    def bracketed(m):
        return m.group(1) if _is_project(m.group(1), lexicon) else m.group(0)

    text = BRACKETED.sub(bracketed, text)
    text = _place_named_before(text, lexicon)
    text = _named_back(text, lexicon)
    for m in reversed(list(DEMONSTRATIVE.finditer(text))):
        joined = text[:m.start()] + text[m.end():]
        if any(a < m.start() < b and any(e.type == "project" for e in entries)
               for a, b, _surface, entries in lexicon.scan(joined)):
            text = joined
    return text


BACK_REFERENCE = re.compile(r"(?:这个|这所|这家|这座|该|那个|那所|那家)")


def _named_back(text, lexicon):
    """「我常去九曲镇卫生院看病，这个卫生院今年预算…」: 「这个卫生院」 points back to the unit or project named before
    it (the name ends in the words after 这个), so it is that name, whatever the clause before it is taken for."""
    named = [(end, surface) for _start, end, surface, entries in lexicon.scan(text)
             if any(e.type in ("unit", "project") for e in entries)]
    for m in reversed(list(BACK_REFERENCE.finditer(text))):
        before = [surface for end, surface in named if end <= m.start()]
        if not before:
            continue
        name = before[-1]
        after = text[m.end():]
        size = next((k for k in range(min(len(name) - 1, 6), 1, -1) if name.endswith(after[:k])), 0)
        if size:
            text = text[:m.start()] + name + after[size:]
    return text


# 「俺家在石角镇，镇上卫生院…」: 镇上 points back to the township named before it
PLACE_BACK = re.compile(r"(镇|乡|街道)(?:上|里)的?")


def _place_named_before(text, lexicon):
    """「X镇，镇上卫生院」 is X镇卫生院 when that is the name of a unit or project of the publication."""
    for m in reversed(list(PLACE_BACK.finditer(text))):
        end = text.rfind(m.group(1), 0, m.start())
        rest = text[m.end():]
        for begin in range(max(end - 4, 0), end):
            place = text[begin:end + len(m.group(1))]
            if any(e.type in ("unit", "project") for size in range(2, min(len(rest), 20) + 1)
                   for e in lexicon.surfaces.get(place + rest[:size], [])):
                text = text[:m.start()] + place + rest
                break
    return text


def _is_project(words, lexicon):
    return any(e.type == "project" for e in lexicon.surfaces.get(words.strip(), []))


def expand_region_groups(text, lexicon):
    """「东北三省」→「辽宁省、吉林省、黑龙江省」: a group of regions ([region_groups]) becomes the regions it
    names, when the publication has every one (a group the publication lacks stays a word it does not know).
    Returns the text and the groups named, each as its list of names (one place: its regions summed)."""
    known, groups = set(lexicon.region_names.values()), []
    for group, names in sorted(semantic()["region_groups"].items(), key=lambda kv: -len(kv[0])):
        if group in text and set(names) <= known:
            text = re.sub(re.escape(group) + GROUP_COUNT, "、".join(names), text)
            groups.append(names)
    return text, groups


# the count and noun people add to a group's name (「西部十二个省区里」「中部6个省份」): said of the group, not a
# limit (前12名) or a word left to guess (区里)
GROUP_COUNT = r"(?:(?:[\d一二三四五六七八九十]+个?)?(?:省区市|省区|省市|省份|省|地区))?"


def _doubted(parsed, slots, lexicon):
    """A reading built on a guess that may change the figure is offered, not stated: an embedding match
    without a margin over its runner-up, or a word that names something and was not understood."""
    not_understood = unmatched.meaningful(slots, lexicon)
    if slots.unsure:
        words, names = slots.unsure
        reason = decline.Decline("unsure", f"没有把握理解「{words}」（可能是「{'」或「'.join(names)}」），"
                                           "请从下面的问题中选择，或看关键词搜索结果。")
    elif not_understood and decline.unread("、".join(not_understood)):  # revenue or notices: not held, say so
        parsed.query, parsed.decline, parsed.confidence = None, decline.unread("、".join(not_understood)), 0.0
        return parsed
    elif not_understood:
        reason = decline.Decline("not_understood", f"没有理解「{'、'.join(not_understood)}」，不能确定问的是哪个数字；"
                                                   "您是不是想问下面的问题？也可以看关键词搜索结果。")
    else:
        return parsed
    parsed.alternatives.insert(0, parsed.query)
    parsed.query, parsed.decline, parsed.confidence = None, reason, 0.0
    return parsed



def _forget_meaning_match(slots):
    """A count of places or documents reads no class: a class matched by meaning to words left over (「梅溪县下面
    有几个镇」: 下面 → 其他支出) is no part of its reading, so it is neither said nor offered as an alternative."""
    if slots.embedding_match:
        slots.notes[:] = [n for n in slots.notes if "按语义理解为" not in n]
        slots.alternatives, slots.classes, slots.class_set, slots.embedding_match = [], [], None, False
        slots.unknown = []


def _confidence(query, slots, text):
    """Every guess lowers the confidence; the embedding match's runner-ups become alternatives."""
    notes, unknown = slots.notes, slots.unknown
    confidence = 1.0
    if notes:
        confidence = min(confidence, 0.6)
    if unknown and not slots.alternatives and not notes:
        confidence -= 0.1 * min(len(unknown), 3)
        shown = [w for w in unknown if not _read_as_shape(w, text)]
        if shown:
            notes.append(f"未识别的词：{'、'.join(shown)}")
    alternatives = []
    for entry in slots.alternatives:
        alt = Query(**{**query.__dict__})
        alt.classes, alt.class_set = ([], entry.value) if entry.type == "class_set" else ([entry.value], None)
        alternatives.append(alt)
    return Parse(query, round(max(confidence, 0.0), 2), text, notes, alternatives, unknown)


SHAPE_WORDS = ("several", "which", "percent", "count", "change")


def _read_as_shape(word, text):
    """True when ``word`` lies inside words that say how the question asks ([accounting]: 「分别」「各花了多少」): the
    answer is checked against them, so they are not 「未识别的词」 (a decline whose reason is 分别 said both)."""
    spans = [m.span() for name in SHAPE_WORDS for m in re.finditer(semantic()["accounting"][name], text)]
    return any(a <= i and i + len(word) <= b for i in _where(text, word) for a, b in spans)


def _where(text, word):
    return [m.start() for m in re.finditer(re.escape(word), text)]
