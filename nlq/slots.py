"""Stage 2 of the parser: slots — the periods, places, departments, classes and projects a question
names, with typos repaired, and the words left over (for the cue words and the embedding fallback).

Names come from the lexicon's longest-match scan; names after 占 (or before 中 in 「全市支出中…占」) describe
the whole a share is taken of and go to ``Slots.whole`` instead.
"""
import re
from dataclasses import dataclass, field

from . import decline, repair, unmatched, vocab
from .text import longest_first
from .timeparse import Period, parse_period
from .tokens import unknown_words

# Several meanings for one surface: the most specific kind first.
SPECIFICITY = ("project", "contractor", "township", "unit", "dept", "region", "class_each", "category", "output", "class", "class_set",
               "status", "region_whole", "region_each", "dept_each")


@dataclass
class Whole:
    """What 「占…」 names: the whole a share is taken of."""
    regions: list = field(default_factory=list)
    named: bool = False  # 「占全市」 names the whole place (「占全部支出」 only says "all of it")
    classes: list = field(default_factory=list)
    class_set: str | None = None
    category: str | None = None  # the whole is this category's projects


@dataclass
class Slots:
    text: str
    period: Period | None = None
    as_of: object = None  # the date relative time words were read against
    regions: list = field(default_factory=list)
    townships: list = field(default_factory=list)  # 乡镇/街道 codes (below the district): projects there
    region_whole: bool = False  # 全市 / 全国 named
    region_each: bool = False  # 各区 / 哪个省: the regions as a group
    region_groups: list = field(default_factory=list)  # 「东部地区」: [[names]] of each group named (nlq/parser.py)
    each_noun: str | None = None  # which regions: 「哪个县」 the counties only
    each_at: int = -1  # where the word for the regions as a group stands (「占各省…合计」: inside the whole)
    depts: list = field(default_factory=list)
    units: list = field(default_factory=list)  # second-level units (二级单位) named: 市博物馆, 鹭洲区实验小学
    dept_each: bool = False
    class_each: bool = False  # 各类支出 / 哪方面
    kuan_each: bool = False  # the 款 of the 类 named (「社保支出里哪一项」)
    classes: list = field(default_factory=list)
    class_set: str | None = None
    projects: list = field(default_factory=list)  # [[codes]]: one name, several years or regions
    contractors: list = field(default_factory=list)
    category: str | None = None
    status: str | None = None
    status_surface: str | None = None  # the word that set the status (「建成」 also names an output's verb)
    outputs: list = field(default_factory=list)
    whole: Whole = field(default_factory=Whole)
    share_at: int = -1  # where 占 stands (-1: nowhere)
    whole_span: tuple = (-1, -1)
    notes: list = field(default_factory=list)
    unknown: list = field(default_factory=list)  # words nothing matched
    missing_region: str | None = None  # a region-like name the publication does not have (「东海区」)
    missing_township: str | None = None  # the same below the district (「东湖镇」)
    rest: str = ""  # the question without names and time words
    cue_text: str = ""  # the same for cue words: names and time words blanked, nothing else
    alternatives: list = field(default_factory=list)  # runner-up classes of the embedding match
    embedding_match: bool = False  # an unknown word was read by meaning (the words it stood for are explained)
    unsure: tuple | None = None  # (words, candidate names): an embedding match without a clear margin
    record_words: list = field(default_factory=list)  # unread words of a unit's, project's or document's name
    dept_choices: list = field(default_factory=list)  # [[codes]]: a department name several regions have
    used: list = field(default_factory=list)  # character spans taken by names and time words
    class_spans: list = field(default_factory=list)  # (start, end) of the class names read

    def in_whole(self, start):
        return self.whole_span[0] <= start < self.whole_span[1]


def read(text, lexicon, as_of):
    """The slots of normalised ``text`` (framing already removed)."""
    slots = Slots(text, as_of=as_of)
    slots.period, time_spans = parse_period(text, as_of)
    found, widened = repair.widen_to_misspelt(lexicon.scan(text, skip=time_spans), text, lexicon, time_spans)
    slots.notes = [f"「{typed}」按「{name}」理解" for typed, name in widened]
    slots.used = list(time_spans)
    _locate_whole(slots)
    for start, end, surface, entries in decline.not_in_totals(found, text):
        slots.used.append((start, end))
        _take(slots, lexicon, start, end, surface, entries)
    _resolve_places(slots, lexicon)
    _resolve_groups(slots)
    _read_leftovers(slots, lexicon)
    _same_office_of_every_region(slots, lexicon)  # after the leftovers: a bare 「区县」 asks for every region
    _ranked_which_alone(slots)
    _classes_of_the_story(slots, lexicon)
    _part_named_with_its_class(slots)
    _kind_of_project_named(slots, lexicon)
    _countryside_projects(slots, lexicon)
    # how the asker's story speaks (「听说区里每年投入不少」) is not how the question asks: no trend from its 每年
    slots.cue_text = _blank(slots.cue_text, unmatched.story_spans(slots.text, slots.rest))
    _whole_of_the_place_named(slots, lexicon)
    _part_in_whole_class(slots)  # after the typo repair: 「污染防支出占节能环保支出」 names its own class
    _whole_of_part_class(slots, lexicon)
    if len(slots.regions) >= 2:  # 「贵州、云南、广西三省区」: the count restates the regions named
        slots.unknown = [w for w in slots.unknown if not vocab.pattern("region_count").match(w)]
    if vocab.found("annual_growth", text):  # 「年均增长」: 年均 says how the growth is taken, it names nothing
        slots.unknown = [w for w in slots.unknown if w not in ANNUAL_WORDS]
    if slots.outputs:
        slots.category = slots.category or slots.outputs[0]
        slots.classes = []  # 「幼儿园学位」「医院病床」: the output names the projects; the class word is part of it
    return slots


ANNUAL_WORDS = ("年均", "年平均", "平均每年", "每年平均", "平均")


def _locate_whole(slots):
    """「A占B的比重」: names after 占 describe B; 「在全市卫生健康支出中占多大比重」 and 「全市支出中市本级花的占多少」
    name it before 中."""
    text = slots.text
    slots.share_at = text.find("占")
    slots.whole_span = (slots.share_at, len(text)) if slots.share_at >= 0 else (-1, -1)
    inside = vocab.pattern("share_inside").search(text) or vocab.pattern("share_whole_first").search(text)
    if inside:
        slots.whole_span = inside.span(1 if inside.group(1) is not None or inside.lastindex == 1 else 2)


def _whole_of_the_place_named(slots, lexicon):
    """「贵州教育占全省支出多少」「某区教育占全区的几成」: 全 and the last character of the one region named (全省 of a
    province) is that region's own total, not the publication's; where no region named ends so (全省 in a city)
    the word stays not understood."""
    start, end = slots.whole_span
    if start < 0 or len(slots.regions) != 1 or slots.whole.regions or slots.whole.named:
        return
    code = slots.regions[0]
    name = lexicon.region_names.get(code, "")
    said = re.search(r"全([省区县市州])", slots.text[start:end])
    if said is None or code == lexicon.root_code or not name.endswith(said.group(1)):
        return
    slots.whole.regions.append(code)
    slots.unknown = [w for w in slots.unknown if w not in said.group(0) and said.group(0) not in w]


def _classes_of_the_story(slots, lexicon):
    """「我是退休教师，听邻居说…，想问问…卫生健康支出」: a class named only in the asker's story (退休, 教师) speaks
    of the asker, not of the figure asked; the question's own classes stay (「民生」 named in both stays)."""
    story = unmatched.story_spans(slots.text, slots.rest)
    if not story or not slots.class_spans:
        return
    inside = lambda a, b: any(s <= a and b <= e for s, e in story)  # noqa: E731
    told = {slots.text[a:b] for a, b in slots.class_spans if inside(a, b)}
    asked = {slots.text[a:b] for a, b in slots.class_spans if not inside(a, b)}
    if not told - asked or not asked:
        return
    kept = {e.value for surface in asked for e in lexicon.surfaces.get(surface, []) if e.type in ("class", "class_set")}
    slots.classes = [c for c in slots.classes if c in kept]
    if slots.class_set not in kept:
        slots.class_set = None


WHICH_ALONE = re.compile(r"是哪[？?。！!]*$")


def _ranked_which_alone(slots):
    """「交通运输支出排最后的是哪」: a bare 哪 after a ranking, with no noun (哪个区、哪类), asks which place; the figure of
    the whole, or an empty list, would answer another question."""
    if slots.region_each or slots.dept_each or slots.class_each or slots.kuan_each or len(slots.regions) > 1 \
            or slots.projects or slots.contractors or slots.category or slots.units or slots.depts:
        return
    said = WHICH_ALONE.search(slots.text)
    ranked = vocab.has_any(slots.cue_text, [*vocab.cue("bottom"), *(w for w in vocab.cue("top") if w.startswith("最"))])
    if said and ranked:
        slots.region_each, slots.each_at = True, said.start()


def _part_named_with_its_class(slots):
    """「养老那块——行政事业单位养老支出——多少」: a class named together with one of its own parts, with no word that
    sets them side by side (和、与、对比、分别), says where the part belongs; the part is asked, never both compared."""
    codes = slots.classes
    if len(codes) < 2 or slots.in_whole(min((a for a, _b in slots.class_spans), default=-1)) \
            or vocab.has_any(slots.cue_text, vocab.cue("compare")) or re.search(r"、|分别|各", slots.cue_text):
        return
    parents = {c for c in codes if any(o != c and o.startswith(c) for o in codes)}
    if parents:
        slots.classes = [c for c in codes if c not in parents]


def _kind_of_project_named(slots, lexicon):
    """「建幼儿园的项目有几个」: in a question about projects (项目/工程 said outside the names), a word that names a
    kind of project ([unit_cost_categories]: 幼儿园 → 幼儿园建设) is that category of the publication's projects, not
    the spending class the same word also reads as (教育: every school and office besides)."""
    # below the district only projects are published: 「某镇修路」 asks for the township's road projects; a bare
    # phrase that asks nothing (「某区公租房」) looks for those records, not for a class's total
    if slots.category or not slots.class_spans or not (vocab.has_any(slots.rest, vocab.cue("project")) or slots.townships
                                                       or not vocab.pattern("asks_something").search(slots.text)):
        return
    kinds = {word: category for category, words in vocab.semantic()["unit_cost_categories"].items()
             for word in words if any(e.type == "category" for e in lexicon.surfaces.get(category, []))}
    named = [kinds[slots.text[a:b]] for a, b in slots.class_spans if slots.text[a:b] in kinds]
    if not named or len(named) != len(slots.class_spans) or slots.class_set:
        return  # a class named in its own words stays the class (「教育支出的项目」)
    slots.category, slots.classes, slots.class_spans = named[0], [], []


def _countryside_projects(slots, lexicon):
    """「镇上的学校修得怎么样」「村里铺的路」: a thing built said of the villages or townships with a word of building
    asks for that category of the publication's projects (below the district only projects are published), never a
    class spending read from 卫生/路 or by meaning from 村里. Words in nlq/semantic.toml [countryside_projects]."""
    sem = vocab.semantic()
    text = slots.text
    if slots.category or slots.projects or slots.depts or slots.units or slots.class_set \
            or not vocab.has_any(text, sem["countryside"]["places"]) \
            or not vocab.has_any(text, sem["countryside"]["build"]) or vocab.has_any(text, sem["countryside"]["spending"]):
        return  # 「农村学校建设支出」 names a class of spending in its own words
    known = {category for entries in lexicon.surfaces.values() for e in entries if e.type == "category"
             for category in [e.value]}
    for category, things in sem["countryside_projects"].items():
        thing = next((w for w in sorted(things, key=longest_first) if w in text), None)
        if thing and category in known:
            break
    else:
        return
    said = [w for w in sem["countryside"]["places"] + sem["countryside"]["build"] if w in text] + [thing]
    slots.category, slots.classes, slots.class_spans = category, [], []
    # the words around it (「乡下」「院建得」) were read: nothing is left to guess by meaning
    slots.unknown = [w for w in slots.unknown if not any(ch in "".join(said) for ch in w)]


def _part_in_whole_class(slots):
    """「2023年全国卫生健康支出中，广东省占多少」「鹭洲区占全市教育支出的比重」: a part that names only a place
    is that place's share of the whole's own class (its 卫生健康支出), never its total spending set against a
    class (a ratio that can pass 100%)."""
    whole = slots.whole
    if slots.whole_span[0] >= 0 and (whole.classes or whole.class_set) and not (
            slots.classes or slots.class_set or slots.depts or slots.projects or slots.category):
        slots.classes, slots.class_set = list(whole.classes), whole.class_set


WHOLE_TOTAL = re.compile(r"总|全部|所有|财政|一般公共预算|合计")


def _whole_of_part_class(slots, lexicon):
    """「西部地区教育支出占全国的几成」「某县卫生支出占全市的比重」「某省教育支出占华东的比重」: a whole that names only
    a place (the country, the city or a group the part's place is one of), after a part that names a class of some
    of its regions, is that place's same class — never its total spending (the part's class set against every
    class); 「占全国总支出」 names the total and keeps it (issue #18)."""
    whole = slots.whole
    start, end = slots.whole_span
    if start < 0 or (start != slots.share_at and slots.text[start - 1:start] != "在") \
            or not (whole.named or whole.regions) or whole.classes \
            or whole.class_set or whole.category:
        return  # 「松岗县的预算里头农林水占几成」: the whole named first is the place's total, the part within it
    part = [e.value for _s, _e, _surface, entries in lexicon.scan(slots.text[:start])
            for e in entries[:1] if e.type == "region"] or slots.regions
    if set(whole.regions) >= set(part) and not set(whole.regions) > set(part):
        return  # 「某县卫生支出占某县的几成」: the place itself is the whole, its total spending
    if not (slots.classes or slots.class_set) or not slots.regions or slots.region_each or slots.depts \
            or WHOLE_TOTAL.search(slots.text[start:end]):
        return
    whole.classes, whole.class_set = list(slots.classes), slots.class_set


def _take(slots, lexicon, start, end, surface, entries):
    """One name of the scan into its slot."""
    entry = sorted(entries, key=lambda e: SPECIFICITY.index(e.type) if e.type in SPECIFICITY else 99)[0]
    if slots.in_whole(start) and entry.type in ("region", "region_whole", "class", "class_set"):
        _take_whole(slots.whole, entry, surface)
        if entry.type != "region":
            return
    taker = _TAKERS.get(entry.type)
    if taker is not None:
        taker(slots, lexicon, entry, entries, start, end, surface)


def _take_whole(whole, entry, surface):
    if entry.type == "class_set":  # 「占全市民生支出的比例」
        whole.class_set = entry.value
    elif entry.type == "region_whole":
        # 「占全市」 names the whole; 「占全部支出」 only says "all of it"
        whole.named = whole.named or surface not in vocab.semantic()["regions"]["whole"]
    elif entry.type == "region":
        whole.regions.append(entry.value)
    else:
        whole.classes.append(entry.value)


def _region(slots, lexicon, entry, entries, start, end, surface):
    if entry.value not in slots.regions:
        slots.regions.append(entry.value)


def _region_whole(slots, lexicon, entry, entries, start, end, surface):
    slots.region_whole = True


def _region_each(slots, lexicon, entry, entries, start, end, surface):
    slots.region_each = True
    slots.each_at = start
    # 「哪个区」「三个区」 mean the 区 (not the 县); 「各区」「每个区」 stay loose (各区县)
    slots.each_noun = None if surface[:1] in "各每分所" and entry.value == "区" else entry.value


def _township(slots, lexicon, entry, entries, start, end, surface):
    if entry.value not in slots.townships:
        slots.townships.append(entry.value)


def _dept(slots, lexicon, entry, entries, start, end, surface):
    slots.dept_choices.append([e.value for e in entries if e.type == "dept"])


def _unit(slots, lexicon, entry, entries, start, end, surface):
    if entry.value not in slots.units:
        slots.units.append(entry.value)


def _class_each(slots, lexicon, entry, entries, start, end, surface):
    slots.class_each = True


def _dept_each(slots, lexicon, entry, entries, start, end, surface):
    slots.dept_each = True
    if entry.value == "root" and lexicon.root_code not in slots.regions:  # 市直部门
        slots.regions.append(lexicon.root_code)


def _class(slots, lexicon, entry, entries, start, end, surface):
    slots.class_spans.append((start, end))
    if entry.value not in slots.classes:
        slots.classes.append(entry.value)


def _class_set(slots, lexicon, entry, entries, start, end, surface):
    slots.class_spans.append((start, end))
    slots.class_set = entry.value


def _project(slots, lexicon, entry, entries, start, end, surface):
    if not slots.projects:  # one name, several years/regions
        slots.projects.append([e.value for e in entries if e.type == "project"])


def _contractor(slots, lexicon, entry, entries, start, end, surface):
    slots.contractors.append(entry.value)


def _category(slots, lexicon, entry, entries, start, end, surface):
    slots.category = entry.value
    if slots.in_whole(start):
        slots.whole.category = entry.value  # the whole is this category's projects


def _output(slots, lexicon, entry, entries, start, end, surface):
    slots.outputs.append(entry.value)


def _status(slots, lexicon, entry, entries, start, end, surface):
    if vocab.pattern("output_after_status").match(slots.text[end:]):
        return  # 「建成多少亩」 asks for the output built, not for finished projects only
    slots.status = entry.value
    slots.status_surface = surface if slots.text[max(start - 1, 0):start] != "已" else "已" + surface


_TAKERS = {"region": _region, "township": _township, "region_whole": _region_whole, "region_each": _region_each, "dept": _dept,
           "unit": _unit,
           "class_each": _class_each, "dept_each": _dept_each, "class": _class, "class_set": _class_set,
           "project": _project, "contractor": _contractor, "category": _category, "output": _output,
           "status": _status}


def _resolve_places(slots, lexicon):
    """Which department a name means, and which regions remain once departments say where they are."""
    # 「市本级和全市的执行率比较」: the top level's own rows against the whole ("*")
    if slots.region_whole and slots.regions == [lexicon.root_code] and vocab.has_any(slots.text,
                                                                                    vocab.words("versus_whole")):
        slots.regions.append("*")
    _choose_depts(slots, lexicon)
    _same_dept_of_each_region(slots, lexicon)
    if slots.depts and slots.regions and all(lexicon.dept_region.get(d) in slots.regions for d in slots.depts):
        slots.regions = [r for r in slots.regions if r not in {lexicon.dept_region.get(d) for d in slots.depts}]


def _choose_depts(slots, lexicon):
    """「教育局」 names one department per region: the one in the named region, else the top level's.
    「桂岭县教育局和卫生健康局」: a bare name goes with the region of the departments named beside it."""
    for choices in sorted(slots.dept_choices, key=len):
        beside = {lexicon.dept_region.get(d) for d in slots.depts}
        preferred = [c for c in choices if lexicon.dept_region.get(c) in slots.regions] \
            or [c for c in choices if lexicon.dept_region.get(c) in beside] \
            or [c for c in choices if lexicon.dept_region.get(c) == lexicon.root_code] or choices
        if preferred[0] not in slots.depts:
            slots.depts.append(preferred[0])


def _same_dept_of_each_region(slots, lexicon):
    """「银杏区与竹源县民政局」: the same department of each region named."""
    depts, regions = slots.depts, slots.regions
    if len(depts) != 1 or not regions or lexicon.dept_region.get(depts[0]) in regions \
            or not vocab.pattern("conjunction").search(slots.text):
        return
    own = lexicon.region_names.get(lexicon.dept_region.get(depts[0]), "")
    short = lexicon.dept_names.get(depts[0], "").removeprefix(own)
    same = [c for c, name in lexicon.dept_names.items()
            if lexicon.dept_region.get(c) in regions and short and name == lexicon.region_names.get(
                lexicon.dept_region.get(c), "") + short]
    if len(same) == len(regions):
        slots.depts = same + depts
        slots.regions = []


def _same_office_of_every_region(slots, lexicon):
    """「支出最多的区县教育局」「哪个县的卫生健康局预算最多」: the office named, of each region of the level asked —
    the departments ranked, not the top level's office in every region (a sum of nothing)."""
    if not slots.region_each or slots.regions or len(slots.depts) != 1:
        return
    dept = slots.depts[0]
    office = lexicon.dept_names[dept].removeprefix(lexicon.region_names.get(lexicon.dept_region.get(dept), ""))
    office = office.removeprefix("市")
    noun = slots.each_noun if slots.each_noun in ("区", "县") else ""
    same = [code for code, name in lexicon.dept_names.items() if lexicon.region_level.get(lexicon.dept_region.get(code)) == 1
            and lexicon.region_names.get(lexicon.dept_region.get(code), "").endswith(noun)
            and name == lexicon.region_names.get(lexicon.dept_region.get(code), "") + office]
    if len(same) >= 2:
        slots.depts, slots.region_each, slots.dept_each = same, False, True


def _resolve_groups(slots):
    # 「社保和就业支出里哪一项执行率最低」: the 款 of the 类 named, ranked
    slots.kuan_each = bool(slots.classes) and all(len(c) == 3 for c in slots.classes) and not slots.region_each \
        and not slots.dept_each and vocab.found("each_kuan", slots.text)
    if not slots.classes and vocab.found("kuan_level", slots.text):  # 「三个款级科目」: every 款
        slots.kuan_each = True
    if slots.kuan_each:
        slots.class_each = True
    if slots.class_each:
        slots.region_each = False  # 「钱花到哪里」 asks for the classes, not the regions


def _blank(text, spans):
    return "".join(" " if any(a <= i < b for a, b in spans) else ch for i, ch in enumerate(text))


def _read_leftovers(slots, lexicon):
    """What is left: typo'd names, a region the publication does not have, a bare group noun (「排名前三的省」),
    then the words nothing matched (for the embedding fallback and for confidence)."""
    slots.rest = _blank(slots.text, slots.used)
    _repair_regions(slots, lexicon)
    _repair_dropped_chars(slots, lexicon)
    missing = repair.unknown_region(slots.rest, lexicon)
    if missing:
        slots.missing_region = missing  # declined by nlq/decline.py, never answered for the whole
        slots.notes.append(f"没有找到名为「{missing}」的地区")
        slots.rest = slots.rest.replace(missing, " " * len(missing))  # its 县 is no 「各县」
    township = repair.unknown_township(slots.rest, lexicon)
    if township:
        slots.missing_township = township  # declined like an unknown district (nlq/decline.py)
        slots.rest = slots.rest.replace(township, " " * len(township))
    noun = repair.bare_region_noun(slots.rest, lexicon)
    if noun:
        slots.rest = slots.rest[:noun.start()] + " " * len(noun.group(0)) + slots.rest[noun.end():]
        # 「全国地方债务付息支出」: 地方 right after a word for the whole is the whole's own (their sum), no group
        of_whole = re.search(r"全[国省市区县]$", slots.text[:noun.start()])
        if not of_whole and not slots.region_each and not slots.dept_each and not slots.class_each \
                and len(slots.regions) < 2:
            slots.region_each = True  # 「排名前三的省」「支出最高的区县」: the regions, ranked
            slots.each_noun = noun.group(0).removesuffix("份")
            slots.each_at = noun.start()
    # 「超过1万亿元」: an amount is a number in the question, never an unknown subject
    slots.unknown = unknown_words(vocab.pattern("amount").sub(lambda m: " " * len(m.group()), slots.rest), lexicon)
    _unit_named_without_its_place(slots, lexicon)
    # Cue and measure words count only outside names and time words: 「前年」 is no 「前」 (top),
    # 「彩票公益金安排的支出」 names a 款, it does not ask for a budget (安排).
    slots.cue_text = _blank(slots.text, slots.used)


def _unit_named_without_its_place(slots, lexicon):
    """「博物馆今年预算多少」: a word left unread that is the name of exactly one second-level unit once the unit's
    place is cut off (示例市博物馆) names that unit — never the class that looks alike (文物)."""
    if slots.units or slots.projects:
        return
    places = {*lexicon.region_names.values(), lexicon.root_name}
    for word in list(slots.unknown):
        named = [code for code, name in lexicon.unit_names.items()
                 if len(word) >= 3 and name.endswith(word) and name[:-len(word)] in places]
        start = slots.rest.find(word)
        if len(named) == 1 and start >= 0:
            slots.units.append(named[0])
            slots.unknown.remove(word)
            _taken(slots, start, start + len(word))


def _taken(slots, start, end):
    slots.used.append((start, end))
    slots.rest = slots.rest[:start] + " " * (end - start) + slots.rest[end:]


def _repair_regions(slots, lexicon):
    for start, end, entry in repair.typo_regions(slots.rest, lexicon):  # 「星乔区」 → 星桥区, said so in the notes
        _taken(slots, start, end)
        if slots.in_whole(start):
            slots.whole.regions.append(entry.value)
        elif entry.value not in slots.regions:
            slots.regions.append(entry.value)
            slots.depts = [_same_office_in(lexicon, code, entry.value) for code in slots.depts]
        slots.notes.append(f"「{slots.text[start:end]}」按「{entry.name}」理解")


def _same_office_in(lexicon, dept, region):
    """「鹭州区教育局」: 教育局 was read before the typo'd district was repaired, as the city's bureau; the
    district's own bureau of that name is meant (the city's bureau in that district sums to nothing)."""
    if lexicon.dept_region.get(dept) == region:
        return dept
    office = lexicon.dept_names[dept].removeprefix(lexicon.region_names.get(lexicon.dept_region.get(dept), ""))
    office = office.removeprefix("市")
    same = [code for code, name in lexicon.dept_names.items()
            if lexicon.dept_region.get(code) == region and name.endswith(office)]
    return same[0] if len(same) == 1 else dept


def _repair_dropped_chars(slots, lexicon):
    for start, end, entry in repair.dropped_char_names(slots.rest, lexicon):  # 「职业教支出」 → 职业教育, said so
        if entry.type == "class" and decline.in_total(slots.text, start, end):  # 「财政支出」 is no 「公共安全支出」
            continue
        _taken(slots, start, end)
        if entry.type == "class" and entry.value not in slots.classes:
            slots.classes.append(entry.value)
        elif entry.type == "dept" and entry.value not in slots.depts:
            slots.depts.append(entry.value)
        slots.notes.append(f"「{slots.text[start:end]}」按「{entry.name}」理解")


def explain(slots, spans):
    """Words a builder has read as its own (inside ``spans`` of the text: 「一次平均」「哪一种」) are no words left
    unknown; a class matched by meaning to them alone is no part of the reading either (nor offered)."""
    def inside(word):
        return any(0 <= (at := slots.text.find(word, a)) and at + len(word) <= b for a, b in spans)

    read = [w for w in slots.unknown if inside(w)]
    if not read:
        return
    slots.unknown[:] = [w for w in slots.unknown if w not in read]
    if slots.embedding_match and not slots.unknown:
        slots.notes[:] = [n for n in slots.notes if "按语义理解为" not in n]
        slots.alternatives, slots.classes, slots.class_set, slots.embedding_match = [], [], None, False
        slots.unsure = None


# 「2019到2023五年间」「2021-2025年这5年里」: the length of a span of years just named, no subject of the question
SPAN_LENGTH = re.compile(r"(?<=\d)年?(?:这|那)?(?:[一二两三四五六七八九十]{1,2}年(?:间|里|来|中|当中|期间)?"
                         r"|\d{1,2}年(?:间|里|来|中|当中|期间))")


def match_unknown(slots, matcher, project_subject, lexicon=None):
    """Unknown words → the nearest class by meaning (embeddings), said so with its similarity; the runner-ups
    become alternatives. Only when nothing else names the subject: a department named is the subject
    already, leftover words are talk around it."""
    if not slots.unknown or slots.classes or slots.class_set or slots.depts or slots.units or project_subject:
        return
    if decline.total_asked(slots.text):  # 「……财政支出合计」 is the total, never a class that looks alike
        return
    explain(slots, decline.whole_spending_spans(slots.text))  # 「全国地方支出」: the total, its words no class
    explain(slots, [m.span() for m in SPAN_LENGTH.finditer(slots.text)])  # 「2019到2023五年间」: the period's length
    if not slots.unknown:
        return
    background = unmatched.background_words(slots.text, slots.rest)  # the asker's story is not the subject
    subject_words = [w for w in unmatched.subject_words(slots.unknown) if w not in background]  # 「经费」: nothing
    slots.record_words = [w for w in subject_words if lexicon is not None and _in_a_name(w, lexicon)]
    if slots.record_words or matcher is None:
        return  # a unit, project, category or document of that name is meant (keyword search finds it)
    if not any(_names_by_meaning(w) for w in subject_words):  # 「好多」「各自」「下面」: how it asks, not what about
        slots.unknown = [w for w in slots.unknown if w not in subject_words or not _place_word(w)]
        return
    matches = [(e, s) for e, s in matcher(subject_words) if not _catch_all(e)]
    if not matches:
        return
    best, score = matches[0]
    if best.type == "class_set":
        slots.class_set = best.value
    else:
        slots.classes.append(best.value)
    slots.embedding_match = True
    slots.notes.append(f"「{'、'.join(subject_words)}」按语义理解为「{best.name}」（相似度 {score:.2f}）")
    others = [(e, s) for e, s in matches[1:] if not _same_family(e, best)]
    slots.alternatives = [e for e, _ in others[:2]]
    if score < EXACT and others and score - others[0][1] < MATCH_MARGIN:
        slots.unsure = ("、".join(subject_words), [best.name] + [e.name for e, _ in others[:2]])


# jieba tags of words that never name a spending subject: numbers and quantities (好多、多发), pronouns (各自、那个),
# measure words, interjections and place words (里面); such a word says how the question asks, and read by meaning
# it became the catch-all class (a verb stays: a misspelt class, 扶恤 for 抚恤, is one)
FUNCTION_TAGS = ("m", "mq", "r", "rr", "rz", "q", "y", "e", "o", "f")


def _names_by_meaning(word):
    """True when ``word`` may stand for a class by meaning: not made of function words only."""
    import jieba.posseg

    tags = [pair.flag for pair in jieba.posseg.lcut(word, HMM=True)]
    return bool(tags) and not all(tag in FUNCTION_TAGS for tag in tags)


def _place_word(word):
    """「下面」「里面」: a word of position, never unknown words of a subject (a pronoun 那个 still is: it refers)."""
    import jieba.posseg

    return all(pair.flag == "f" for pair in jieba.posseg.lcut(word, HMM=True))


def _in_a_name(word, lexicon):
    """True when ``word`` is part of the name of a unit, project, project category or document of the publication
    (「博物馆」「绿道」「报告」): that record is meant, and a class that looks alike would answer for something else."""
    names = [*lexicon.unit_names.values(), *lexicon.project_names.values(),
             *(d["title"] for d in lexicon.documents)]
    categories = [e.value for entries in lexicon.surfaces.values() for e in entries if e.type == "category"]
    return any(word in name for name in [*names, *categories])


def _catch_all(entry):
    """其他支出 and the 其他… 款: what is left of the classification, never what a word means."""
    return entry.type == "class" and (entry.name or "").startswith("其他")


# A match by meaning fills the slot only when it beats the runner-up of another family by this much; below it
# the candidates are offered as 「您是不是想问」 (bench/reliability.py; the demo's wrong matches 航天局→国防 and
# 经费→其他支出 won by < 0.015, right ones such as 校舍→教育 by > 0.025).
MATCH_MARGIN = 0.025
EXACT = 0.999  # an alias of the class itself


def _same_family(a, b):
    """A class and its 款 (公共安全支出, 消防救援事务) are one answer, not rivals."""
    return a.type == b.type == "class" and (a.value.startswith(b.value) or b.value.startswith(a.value))
