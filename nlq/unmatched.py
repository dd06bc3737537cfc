"""Names a question gives that the publication does not have: a department (「市妇联」「航天局」) or a named
facility or project (「星河大桥」「东方明珠小学」). Such a question must not be answered for the whole city or
for a class that looks alike; nlq/decline.py turns what is found here into a reason.

Both read the words nothing matched (slots.unknown, jieba with the lexicon as dictionary): a department is
one such word ending in a department suffix; a facility is a facility word (大桥、小学、医院 …) right after
words nothing matched, or one such word that ends in it. Suffixes live in nlq/semantic.toml [unmatched].
"""
import re

from . import vocab
from .text import _char_pinyin, latin_words, longest_first
from .tokens import cut


def _words(name):
    return vocab.semantic()["unmatched"][name]


def department(slots):
    """The first unknown word that names a department (「市妇联」), else None."""
    suffixes, common = tuple(_words("dept_suffixes")), set(_words("not_departments"))
    for word in slots.unknown:
        if word.endswith(suffixes) and word not in common and len(word) > min(
                len(s) for s in suffixes if word.endswith(s)):
            return word
    return None


def facility(slots, lexicon):
    """A named facility or project (「星河大桥」) when no project of the publication was named, else None."""
    if slots.projects or slots.contractors:
        return None
    suffixes, unknown = tuple(_words("facility_suffixes")), set(slots.unknown)
    not_a_name = tuple(_words("not_name_starts"))  # 「几所小学」「各小学」 ask about facilities in general
    ordinal = re.search(rf"第\d+(?:{'|'.join(map(re.escape, suffixes))})", slots.rest)
    if ordinal:  # 「第三中学」「第1人民医院」 (the numeral is read as a digit, which breaks the words below)
        return ordinal.group(0)
    for chunk in vocab.pattern("word_breaks").split(slots.rest):
        run = []
        for token in cut(lexicon, chunk):
            if token.endswith(suffixes) and not token.startswith(not_a_name) and (
                    run or (token in unknown and len(token) >= _shortest(token, suffixes) + 2)):
                return "".join(run) + token
            run = run + [token] if token in unknown and not token.startswith(not_a_name) else []
    return None


def _shortest(token, suffixes):
    return min(len(s) for s in suffixes if token.endswith(s))


# jieba part-of-speech tags of words that name something (nouns, names, places, organisations, abbreviations)
NAMING_TAGS = ("n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "j", "vn", "l", "an")


def subject_words(words):
    """The words that may name a subject: without money/output synonyms and glued cue words (「经费」「上花」,
    and such a word glued to one more character by the tokenizer: 「钱花」)."""
    harmless = set(_words("no_subject"))
    return [w for w in words if w not in harmless and not any(h in w and len(w) - len(h) <= 1 for h in harmless)]


def meaningful(slots, lexicon):
    """Unknown words that name something the answer would have to take into account (「人民」 in 「市第一人民医院」),
    unless the embedding match stood for them or they are a misspelt part of a name the question gave
    (「卫生建康」: 建康 is 健康 of 卫生健康支出): a figure that ignores them may be about something else."""
    if slots.embedding_match:
        return []
    names = _names_given(slots, lexicon)
    budget_words = [*lexicon.class_names.values(), *lexicon.kuan_names.values()]
    background = background_words(slots.text, slots.rest)
    return [w for w in subject_words(slots.unknown) if (w not in background or _narrows_a_class(w, slots.text, lexicon))
            and (_names_something(w) or _narrows_a_class(w, slots.text, lexicon)) and not _misspelt_part(w, names)
            and not _misspelt_part(w, budget_words)
            and (not _misspelt_part(w, budget_words, exact_too=True) or _glued_before_a_class(w, slots.text, lexicon))
            and not _describes_output(w, slots.text)] \
        + [w for w in slots.record_words if w in slots.unknown and not _names_something(w)] + foreign_words(slots.rest)


def background_words(text, rest=None):
    """The words of clauses about the asker: the clauses of _one_clause_about_the_asker and of _asker_story."""
    return _one_clause_about_the_asker(text) | _asker_story(text, text if rest is None else rest)


def _one_clause_about_the_asker(text):
    """The words of clauses about the asker (「我在写作业，」「老师让我们查：」「…是多少 我看报告里没写」): a clause with a
    first-person word that asks nothing and names no facility or department, when one other clause asks the
    question (「…听说区里每年教育投入不少。…今年的教育预算是多少」 asks twice: nothing is background). A clause
    before a colon without a first-person word is not background: the names in such a clause are still read
    (「我们在做关于基层医疗的稿子。编辑部想核实…」 would compare 卫生健康 with the 款 asked)."""
    clauses = _clauses(text)
    asks = vocab.pattern("asks_something")
    if sum(1 for c, _end in clauses if asks.search(c)) != 1:
        return set()
    names = _words("facility_suffixes") + _words("dept_suffixes")
    about_asker = [c for c, _end in clauses if any(p in c for p in _words("first_person"))
                   and not asks.search(c) and not any(n in c for n in names)]
    return {w for c in about_asker for run in re.findall(r"[\u4e00-\u9fff]+", c) for w in _pieces(run)}


def _asker_story(text, rest):
    """The asker's story around a clear question (「我是村支书，听人说县里预算没花完，想问…执行率多少」「家里两个娃上学，
    想问问…」「我是记者，正在写稿子，编辑要求…。请问…」「…哪个部门管的？孩子明年想去上」): a clause that asks
    nothing (no interrogative word) and speaks of the asker (a first-person word, the asker's family or homework,
    hearsay: semantic.toml [unmatched] asker_words), or every clause of a sentence that does, when another clause
    asks. A clause whose unread words end in a facility or department word still counts (「我想知道其中民办医院的部分」)."""
    return {w for a, b in story_spans(text, rest) for run in re.findall(r"[\u4e00-\u9fff]+", text[a:b])
            for w in _pieces(run)}


def story_spans(text, rest):
    """The (start, end) of the clauses of the asker's story (_asker_story)."""
    asks = vocab.pattern("interrogative")
    if not asks.search(text):
        return []
    cues = _words("first_person") + _words("asker_words")
    names = _words("facility_suffixes") + _words("dept_suffixes")
    about = lambda a, b: any(c in text[a:b] for c in cues)  # noqa: E731
    story = []
    for start, end in _spans(text, 0, len(text), "[。！!？?：:\n]"):
        clauses = _spans(text, start, end, _words("clause_breaks"))
        if not asks.search(text[start:end]) and any(about(a, b) for a, b in clauses):
            story += clauses
        else:
            story += [(a, b) for a, b in clauses if not asks.search(text[a:b]) and about(a, b)]
    return [(a, b) for a, b in story if not _names_a_facility(text, rest, a, b, names)]


def _names_a_facility(text, rest, start, end, names):
    """True when text[start:end] names a facility or department the parser did not read whole: a suffix among the
    words left unread (「民办医院」), or a read suffix that ends a name after unread words (「第1人民医院，」: 医院
    read alone; not 「关心学校建设」, where the suffix is no name's end)."""
    if any(n in rest[start:end] for n in names):
        return True
    return any(i > start and rest[i - 1].strip() and _ends_a_name(text, i + len(n), end) for n in names
               for i in _where(text[:end], n))


def _ends_a_name(text, at, end):
    """True when the words at ``at`` close a name: the clause ends, or 的 follows."""
    return at >= end or not "\u4e00" <= text[at] <= "\u9fff" or text[at] == "的"


def _spans(text, start, end, breaks):
    """The (start, end) of each piece of text[start:end] between ``breaks``, the break kept with the piece before it."""
    spans, at = [], start
    for m in re.finditer(breaks, text[start:end]):
        if m.end() + start > at:
            spans.append((at, start + m.end()))
            at = start + m.end()
    return spans + ([(at, end)] if at < end else [])


def _clauses(text):
    """[(clause, the break after it)] (「…没写」 after a space is a clause when it speaks of the asker: 「我看…」)."""
    parts = re.split(f"({_words('clause_breaks')})", text)  # clause, break, clause, break, …, clause
    return [(clause, after) for clause, after in zip(parts[0::2], [*parts[1::2], ""]) if clause.strip()]


def _pieces(run):
    """Every substring of a run of characters (an unknown word is one of them, however jieba cut it)."""
    return {run[i:j] for i in range(len(run)) for j in range(i + 2, len(run) + 1)}


def foreign_words(rest):
    """Latin words no English term of semantic.toml [english] read (「GDP」「deficit」): the tokenizer drops them,
    so a figure without them may be about something else."""
    harmless = set(vocab.semantic()["english"]["harmless"])
    return [w for w in latin_words(rest) if w.lower() not in harmless]


def _narrows_a_class(word, text, lexicon):
    """「高等教育」「特殊教育」 where the publication has no such 款: an adjective glued before a class name makes it
    a part of the class, so the class's total would answer another question."""
    import jieba.posseg

    if [pair.flag for pair in jieba.posseg.lcut(word, HMM=True)][-1:] not in (["a"], ["b"], ["an"], ["ag"]):
        return False  # only an adjective narrows (高等、特殊); 「就是节能环保」 restates the class
    starts = {start for start, _end, _surface, entries in lexicon.scan(text) if any(e.type == "class" for e in entries)}
    return any(i + len(word) in starts for i in _where(text, word))


def _glued_before_a_class(word, text, lexicon):
    """「环境卫生」: a word glued before a class's name that is not part of that class's name (环境 is no word of
    卫生健康支出) makes another thing of it (环境卫生 is street cleaning, not health care): the class's total would
    answer another question, even when the word is found in some other budget name."""
    starts = {start: [lexicon.class_names.get(e.value) or lexicon.kuan_names.get(e.value) or e.name for e in entries
                      if e.type == "class"] for start, _end, _surface, entries in lexicon.scan(text)}
    return any(names and not any(word in (name or "") for name in names)
               for i in _where(text, word) for names in [starts.get(i + len(word))])


def _where(text, word):
    return [m.start() for m in re.finditer(re.escape(word), text)]


def _describes_output(word, text):
    """「新增多少平方米校舍」: the noun after a unit of output says what was built; the unit already asks for it."""
    return any(f"{unit}{word}" in text for unit in _words("output_units"))


def _names_given(slots, lexicon):
    return [lexicon.class_names.get(c) or lexicon.kuan_names.get(c, "") for c in slots.classes] \
        + [lexicon.dept_names.get(d, "") for d in slots.depts] + [lexicon.region_names.get(r, "") for r in slots.regions]


def _misspelt_part(word, names, exact_too=False):
    """True when a name holds a piece that sounds like ``word`` and differs from it in one character
    (「卫生建康」's 建康 is 健康), or, with ``exact_too``, the piece itself (「气象事务」's 事务 is a word of the
    budget classification, not a name the publication lacks)."""
    size = len(word)
    for name in names:
        for i in range(len(name) - size + 1):
            piece = name[i:i + size]
            differ = [(a, b) for a, b in zip(word, piece) if a != b]
            if (not differ and exact_too) or (len(differ) == 1 and _char_pinyin(differ[0][0]) == _char_pinyin(differ[0][1])):
                return True
    return False


def _names_something(word):
    import jieba.posseg

    tags = [pair.flag for pair in jieba.posseg.lcut(word, HMM=True)]
    return bool(tags) and tags[-1] in NAMING_TAGS


def unit_mismatch(text, answer):
    """「几所小学」 asks for a count, 「付给某公司多少钱」 for money: an answer in the other unit is about something
    else. Returns the words that asked, or None."""
    if not answer or answer.get("kind") == "decline":
        return None
    money = answer.get("unit") in _words("money_units")
    quantity, amount = vocab.pattern("asks_quantity").search(text), vocab.pattern("asks_money").search(text)
    if quantity and money:
        return quantity.group(0)
    number = vocab.pattern("asks_number_of").search(text)
    if number and money and not amount:  # 「多少个老师」 answered with the district's spending
        return number.group(0)
    counted = vocab.pattern("asks_how_many_of").search(text)
    if counted and (money or answer.get("unit") == "%"):  # 「有几个区县执行率过七成」「有几年没花完」: a count
        return counted.group(0)
    if amount and not quantity and answer.get("unit") == "个":
        return amount.group(0)
    times = vocab.pattern("asks_times").search(text)  # 「更新过几次进度」 answered with the progress (%)
    if times and answer.get("unit") not in _words("times_units"):
        return times.group(0)
    return None


def named_department(slots, lexicon):
    """「江苏省教育厅」「鹭洲区公安局」: a department word, with the region named before it, that no department of
    the publication carries, else None. Words a name of the lexicon (or its typo repair) took are known."""
    text, common = slots.text, set(_words("not_departments"))
    regions = sorted(lexicon.region_names.values(), key=longest_first)
    for match in vocab.pattern("department_word").finditer(text):
        core = re.split("[省市区县]", match.group("prefix"))[-1] + match.group("suffix")
        if core in common or len(core) < 3 or _taken(slots, match.end() - 1, match.end()):
            continue  # the department word itself was read as a name (「教育局」), or is a common word
        before = text[:match.end() - len(core)]
        full = next((r for r in regions if before.endswith(r)), "") + core
        # a name near a department's is that department when the parser read it (交通局) or when it is the name
        # with one character wrong (交通运局); 「体育局」 is only a part of 市文化广电旅游体育局's name
        near = any(_near(core, lexicon.dept_names.get(code, "")) for code in slots.depts) \
            or any(_one_edit(core, re.split("[省市区县]", name)[-1]) for name in lexicon.dept_names.values())
        if not near and core not in lexicon.surfaces and full not in lexicon.surfaces:
            return full  # 「住建局」 is a name the lexicon knows (an alias), not a missing department
    return None


def dept_of_another_region(text, lexicon):
    """「松岗县公安局」: a region named right before a department word that only other regions' departments
    carry (the city's 市公安局), else None: the question is about a department the publication lacks."""
    for code, region in lexicon.region_names.items():
        for start in (m.start() for m in re.finditer(re.escape(region), text)):
            after = text[start + len(region):]
            for size in range(min(len(after), 16), 1, -1):
                depts = [e.value for e in lexicon.surfaces.get(after[:size], []) if e.type == "dept"]
                if depts:
                    if not any(lexicon.dept_region.get(d) == code for d in depts):
                        return region + after[:size]
                    break
    return None


def _near(word, name):
    """True when ``name`` holds ``word`` as written, with one character dropped (交通运局) or one changed."""
    if word in name:
        return True
    size = len(word)
    for i in range(len(name) - size + 1):
        longer = name[i:i + size + 1]
        if any(longer[:j] + longer[j + 1:] == word for j in range(len(longer))):
            return True
        if sum(a != b for a, b in zip(word, name[i:i + size])) == 1 and i + size <= len(name):
            return True
    return False


def _one_edit(word, name):
    """True when ``word`` is ``name`` with one character dropped or added, or one changed in a name of five or more
    (体育局 is not 教育局 with a typo: in a short name one character is what tells them apart)."""
    if abs(len(word) - len(name)) > 1:
        return False
    short, long_ = sorted((word, name), key=len)
    if len(short) == len(long_):
        return short == long_ or (len(short) >= 5 and sum(a != b for a, b in zip(short, long_)) == 1)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _taken(slots, start, end):
    """True when a name the parser recognised covers part of text[start:end]."""
    return any(a < end and start < b for a, b in slots.used)


def missing_level(text, lexicon):
    """「河南省哪个县」 on a publication whose regions have no 县: the level asked for, else None."""
    asked = vocab.pattern("each_level").search(text)
    if not asked:
        return None
    noun = asked.group(1)
    names = [n for code, n in lexicon.region_names.items() if lexicon.region_level.get(code)]
    return None if any(n.endswith(noun) for n in names) else noun
