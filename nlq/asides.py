"""Words around a question that are no part of it (issue #18, the [asides and preambles] class): who asks and
why (「退休职工问一下」「寒假作业」), where the question comes from (「网上有帖子说…」「标题说“…”」), how the
asker feels (「感觉那边啥都没动」), what the answer should look like (「老师要求写到亿元」).

The rule is about content, not phrases. The question is cut into clauses (at punctuation and spaces); a
clause is an aside when

1. it holds nothing the parser reads — no name of the publication (place, department, class, project,
   company …), no time word, no number, no name-like word ending in a facility or department word
   (「民办医院」) — and asks nothing (no interrogative or measure word; 「啥都」「什么都」 say "everything", they
   do not ask), or asks only yes or no (「这个对吗」) while another clause asks what the figure is; or
2. it asks nothing, holds no number and names nothing the rest of the question does not name itself (a class
   counts as named when the question names it or one of its parts): a claim the question restates
   (「网上有帖子说市本级今年教育预算砍了，核实一下：2026年市本级教育预算…」); its time word is dropped with it
   only when the rest says its own.

A quotation introduced by someone's words (「标题说“…”」「稿子里写“…”」) is the quoted text. Asides are
dropped only when what remains still names something and asks something; otherwise the question stays as
it was, so an aside never decides whether a question is answered or declined. The answer restates the
question as understood from what remains (nlq/kinds restate the Query, never the typed text) and says which
words were left aside.
"""
import re

from . import vocab
from .timeparse import parse_period

# a space parts clauses only before words of three characters or more (「寒假作业 要算…」); 「星桥区 学校 预算」
# is a list of keywords, each of them part of the question
BREAKS = re.compile(r"[，,。；;：:！!？?\n]+|\s+(?=[^\s，,。；;：:！!？?]{3})")
# 「啥都没动」「什么都不知道」「哪儿都去了」: an interrogative before 都/也 says "any", it asks nothing
INDEFINITE = re.compile(r"(?:啥|什么|哪儿|哪里|谁|多少)(?:都|也)")
# 「修好没有」「开工了没」「有没有」: a question of yes or no without an interrogative word
A_NOT_A = re.compile(r"(?:了没有|没有|了没|有没有|是不是)[?？吗呢]*$|有没有|是不是")
YES_NO = re.compile(r"吗|对不对|是不是|是否|真的假的|准不准|靠谱")
ASKS_FIGURE = re.compile(r"多少|几|哪|啥|什么|怎么|如何|谁")
# 「标题说“…”」「稿子里写“…”」「有人讲：“…”」: the words of a source, then what it says in quotation marks
QUOTED = re.compile(r"(?:^|(?<=[，,。；;！!？?\s]))([^，,。；;！!？?\s“”\"「」]{1,12}?(?:说|写|写着|写的是|讲|称|提到|报道))[:：]?"
                    r"[“\"「]([^”\"」]{4,80})[”\"」]")


# 「【预算公开】…」「[快讯]…」: a headline's tag in brackets at the start of copied text
HEADLINE_TAG = re.compile(r"^\s*[【\[〖［]([^】\]〗］]{1,12})[】\]〗］]\s*")
# 「…，想先看…」「…，帮我查…」: a clause that turns to what the asker wants to see; what comes before it is why
REQUEST = re.compile(r"^\s*(?:我?(?:想|要|需要|打算)(?:先|再|提前)?(?:看看?|了解|知道|查查?|问问?)|(?:请|麻烦|帮我?)(?:问|查|看)"
                     r"|先看看?|查一下|看一下|问一下)")


def strip_headline_tag(text, lexicon, as_of):
    """「【预算公开】示例市某中学2025年支出」: a tag in brackets before copied text is the headline's label, no
    part of the question — dropped when it holds no name of the publication, no time word and no number (its
    预算 is no measure asked) and the rest still names something. (text, [tag dropped])."""
    m = HEADLINE_TAG.match(text)
    if not m or re.search(r"\d", m.group(1)) or _names(m.group(1), lexicon, as_of):
        return text, []
    _period, times = parse_period(m.group(1), as_of)
    rest = text[m.end():]
    if times or not rest.strip() or not _names(rest, lexicon, as_of):
        return text, []
    return rest, [m.group(0).strip()]


def strip(text, lexicon, as_of):
    """(the question without its asides, [the asides dropped])."""
    text, quoted = _unquoted(text, lexicon, as_of)
    clauses = _clauses(text)
    if len(clauses) < 2:
        return text, quoted
    facts = [_facts(text, a, b, lexicon, as_of) for a, b in clauses]
    asking = [f for f in facts if f["asks_figure"]]
    drop, roles = set(), set()  # roles: who the asker is, dropped though the rest may name nothing of its own
    for i, f in enumerate(facts):
        others = [g for j, g in enumerate(facts) if j != i]
        if _narrows(f, others):
            continue
        if not f["content"] and (not f["asks"] or (f["yes_no_only"] and asking and f not in asking)):
            drop.add(i)
        elif f["claim"] and any(g["asks"] for g in others) and _restated(f, [g for g in others if g["asks"]]):
            drop.add(i)
        elif f["asker_place"] and any(g["asks"] and _own_place(g) for g in others):
            drop.add(i)
        elif _asker_role(f) and any(g["asks"] for g in others):
            drop.add(i)
            roles.add(i)
        elif _context_before_request(f, facts[i + 1:]):
            drop.add(i)
    kept = [facts[i] for i in range(len(facts)) if i not in drop]
    if not drop or not any(f["names"] for f in kept) and drop != roles or not any(f["asks"] for f in kept):
        return text, quoted
    dropped = [text[clauses[i][0]:clauses[i][1]].strip(" ，,。；;：:！!？?") for i in sorted(drop)]
    out = "".join(text[a:b] for i, (a, b) in enumerate(clauses) if i not in drop)
    out = re.sub(r"^[，,。；;：:！!\s]+", "", out)
    return out, quoted + [d for d in dropped if d]


PLACES = ("region", "township")
NAMED_WHOLE = ("project", "unit")
DESCRIBING = ("class", "class_set", "category", "output", "status")


def strip_before_name(text, lexicon, as_of):
    """「孩子学校那个…」「孩子问那个白石村…」: words at the start of a clause before a demonstrative (那个、那条 …)
    that name nothing (no place, department, unit or project of the publication, no place of a project, no
    time word or number) and ask nothing are no part of the question: they say how the asker knows what 那个
    points at. A word read as a class (学校 → 教育) may stand there: it describes the thing pointed at. Words
    glued to a name without a demonstrative are left alone (「路洲区中心小学…」 is a misspelt district).
    (text, [words dropped])."""
    from .resolve import places_named

    dropped = []
    for m in reversed(list(DEMONSTRATIVE.finditer(text))):
        clause_start = max((b.end() for b in BREAKS.finditer(text, 0, m.start())), default=0)
        prefix = text[clause_start:m.start()]
        if not prefix.strip() or len(prefix) > 12 or re.search(r"[A-Za-z\d]", prefix):
            continue
        fact = _facts(text, clause_start, m.start(), lexicon, as_of)
        placed = [n for n in fact["names"] if n[0] not in DESCRIBING]
        if fact["asks"] or fact["times"] or placed or places_named(prefix, lexicon):
            continue
        rest = _facts(text, m.end(), len(text), lexicon, as_of)
        if not rest["content"] or not rest["asks"]:
            continue  # 「帮我把这条投诉转给…」: what follows asks nothing, so the words before it are the request
        dropped.insert(0, prefix.strip())
        text = text[:clause_start] + text[m.start():]
    return text, dropped


DEMONSTRATIVE = re.compile(r"那个|这个|那条|这条|那座|这座|那所|这所|那家|这家")

# 「疫情那年（2020）」「新冠头一年（2020）」: a year called by what happened in it, the year itself said too
EVENT_YEAR = re.compile(r"(那年|那一年|头[一1]年|第[一1]年|那阵子?|那时候?)")  # 一年 is 1年 once normalised
SAID_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
BRACKETED_YEAR = re.compile(r"^\s*[（(]\s*((?:19|20)\d\d)\s*年?\s*[)）]")


def strip_event_year(text, lexicon, as_of):
    """「疫情那年（2020）湖北…」: a year called by an event (a word before 那年、头一年 … that names nothing of the
    publication and is no time word) when the question says the year in digits elsewhere: the event is the
    asker's way to the year, the digits say which. (text, [words dropped])."""
    from .tokens import cut

    for m in EVENT_YEAR.finditer(text):
        if not SAID_YEAR.search(text[:m.start()] + " " + text[m.end():]):
            continue
        words = cut(lexicon, text[max(0, m.start() - 8):m.start()])
        event = words[-1] if words else ""
        _period, times = parse_period(event, as_of)
        if len(event) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", event) or times or _names(event, lexicon, as_of):
            continue
        start = m.start() - len(event)
        rest = BRACKETED_YEAR.sub(r"\1年", text[m.end():], count=1)  # 「（2020）」 right after it: that year
        return text[:start] + rest, [text[start:m.end()]]
    return text, []


def _unquoted(text, lexicon, as_of):
    """「标题说“2023年…”」 → 「2023年…」 when the words before the quotation name nothing."""
    dropped = []

    def quoted(m):
        if _names(m.group(1), lexicon, as_of):
            return m.group(0)
        dropped.append(m.group(1))
        return m.group(2)

    return QUOTED.sub(quoted, text), dropped


def _clauses(text):
    """[(start, end)] of the clauses, each with the break after it."""
    spans, at = [], 0
    for m in BREAKS.finditer(text):
        if m.start() > at:
            spans.append((at, m.end()))
        at = m.end()
    if at < len(text):
        spans.append((at, len(text)))
    return spans


def _facts(text, start, end, lexicon, as_of):
    clause = text[start:end]
    plain = INDEFINITE.sub("", clause)
    names = _names(clause, lexicon, as_of)
    _period, times = parse_period(clause, as_of)
    asks = bool(vocab.pattern("asks_something").search(plain) or vocab.pattern("interrogative").search(plain)
                or A_NOT_A.search(plain))
    asks_figure = bool(ASKS_FIGURE.search(plain))
    number = bool(re.search(r"\d", clause))
    named_like = _name_like(clause)
    return {
        "text": clause,
        "names": names,
        "times": bool(times),
        "asks": asks,
        "asks_figure": asks_figure,
        "yes_no_only": bool(YES_NO.search(plain)) and not asks_figure and not _measures(plain),
        "content": bool(names or times or number or named_like),
        "claim": not vocab.pattern("interrogative").search(plain) and not number and not named_like and bool(names),
        # 「我家在松岗街道」: where the asker lives, said in the first person, naming places only
        "asker_place": bool(names) and all(n[0] in PLACES for n in names) and not asks and not number
        and any(p in clause for p in vocab.semantic()["unmatched"]["first_person"]),
    }


def _narrows(fact, others):
    """「我关心高等教育，去年…教育支出是多少」: the clause names a part of a class the question asks about (the class's
    stem inside a longer word), so the asker may mean that part, which the question's figure is not — kept, and
    the question is read, or declined, whole."""
    stems = {re.sub(r"(?:支出|经费|费用|类)$", "", n[2]) for g in others for n in g["names"] if n[0] in DESCRIBING}
    parts = vocab.semantic()["decline"]["finer_than_lei"]
    return any(len(stem) >= 2 and stem in part and part in fact["text"] for stem in stems for part in parts)


def _context_before_request(fact, later):
    """「下周人大常委会审议，想先看市教育局今年执行率」: a clause that asks nothing, holds no number and names no
    place, department, unit or project of the publication (a word that is also a class's, 人大, may stand there),
    before a clause that turns to a request (想先看、帮我查 …) and itself names one of these and asks: the asker's
    occasion. Its time word goes with it only when the request says its own."""
    if fact["asks"] or re.search(r"\d", fact["text"]) or not later \
            or any(n[0] not in DESCRIBING for n in fact["names"]):
        return False
    turn = later[0]
    return bool(REQUEST.match(turn["text"])) and any(n[0] not in DESCRIBING for n in turn["names"]) and turn["asks"] \
        and (not fact["times"] or turn["times"])


# 「作为人大代表，」「我是政协委员想了解下」「身为教育工作者」: who the asker is, at the start of a clause
ASKER_ROLE = re.compile(r"^\s*(?:我是|我作为|作为|身为|本人是|俺是)")


def _asker_role(fact):
    """「作为人大代表想了解下，…执行率最高的区县」: a clause that says who the asker is and asks no figure; a class's
    word in the role (人大代表、教育工作者) names no subject of the question. A place, department or unit named
    there stays (「我是教育局的」 may say whose figures are asked)."""
    return bool(ASKER_ROLE.match(fact["text"])) and not fact["asks_figure"] and not re.search(r"\d", fact["text"]) \
        and all(n[0] in DESCRIBING for n in fact["names"])


def _own_place(fact):
    """The clause names a place, a project or a unit of its own (so the asker's place is not the one asked)."""
    return any(n[0] in PLACES + NAMED_WHOLE for n in fact["names"])


def _measures(clause):
    """Words of what is asked beyond yes or no (预算、执行、比例 …): asks_something without the interrogatives."""
    found = vocab.pattern("asks_something").findall(clause)
    return [w for w in found if not vocab.pattern("interrogative").fullmatch(w) and w not in ("是否", "吗")]


def _names(clause, lexicon, as_of):
    """The entries of the names in ``clause`` ([(type, value)]), time words aside."""
    _period, times = parse_period(clause, as_of)
    return [(_main(entries).type, _main(entries).value, surface)
            for _a, _b, surface, entries in lexicon.scan(clause, skip=times)]


def _main(entries):
    """The entry a name is read as: the most specific kind (a project before a category), as nlq/slots.py reads."""
    from .slots import SPECIFICITY

    return sorted(entries, key=lambda e: SPECIFICITY.index(e.type) if e.type in SPECIFICITY else 99)[0]


def _name_like(clause):
    """A word ending in a facility or department word, with something before it (「民办医院」「星河大桥」)."""
    suffixes = vocab.semantic()["unmatched"]["facility_suffixes"] + vocab.semantic()["unmatched"]["dept_suffixes"]
    return any(i >= 2 for s in suffixes if len(s) >= 2 for i in _where(clause, s))


def _where(text, word):
    return [m.start() for m in re.finditer(re.escape(word), text)]


def _restated(fact, others):
    """Every name of the clause is named by the other clauses too (a class or one of its parts), and its time
    word, if any, is said again there."""
    named = [n for g in others for n in g["names"]]
    if fact["times"] and not any(g["times"] for g in others):
        return False
    return all(any(_same(n, m) for m in named) for n in fact["names"])


def _same(a, b):
    (type_a, value_a, surface_a), (type_b, value_b, surface_b) = a, b
    if type_a in PLACES and type_b in NAMED_WHOLE and surface_a in surface_b:
        return True  # 「老家在沙坝镇，…沙坝镇白石村通组公路…」: the place the project named lies in
    if type_a != type_b:
        return False
    if type_a == "class":
        return str(value_a).startswith(str(value_b)) or str(value_b).startswith(str(value_a))
    return value_a == value_b
