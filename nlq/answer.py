"""ask(): question → normalise → parse → fit the period to the data → run the query's kind → an answer
with a number, a table, a chart, the question as understood, chips and links to the records behind it."""
import datetime as dt
import re
from dataclasses import replace

from ledger.errors import UserError

from . import accounting, decline, figures, kinds, links, present, unmatched
from . import coverage as fit
from .fallback import keyword_fallback, names_holding
from .ir import Kind, Measure
from .latin import romanized
from .lexicon import for_publication
from .matcher import embedding_matcher
from .parser import parse, self_corrected
from .sentence import sentence
from .text import MAX_QUESTION_CHARS, colloquial, english_terms, fix_homophones, normalize, printable
from .timeparse import Period
from .vocab import semantic

# A treasury voucher number (two letters and eight or more digits: GK20250007684, in any case)
VOUCHER_NUMBER = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}\d{8,})(?![A-Za-z0-9])")


class QuestionError(UserError):
    """A question that cannot be asked as given (empty, too long, bad date)."""


def check_question(question):
    if question is None or not question.strip():
        raise QuestionError("empty_question", "请输入一个问题，例如「2024年教育支出是多少？」")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError("question_too_long", f"问题太长了（最多 {MAX_QUESTION_CHARS} 个字），请简短一些。")
    if not printable(normalize(question)):
        raise QuestionError("unreadable_question", "没有看懂这个问题，请用文字提问，例如「今年各区预算执行率」。")


def ask(conn, publication, question, *, as_of=None, config=None, use_embeddings=True, search=None):
    """The full answer as a JSON-ready dict. Raises QuestionError for unusable input. ``search(query, size)``
    is the site search (passed in by the portal): a declined question gets its results (nlq/fallback.py)."""
    check_question(question)
    as_of = as_of or dt.date.today()
    pub_id = publication["id"]
    lexicon = for_publication(conn, pub_id, config)
    text, typos = _normalised(question, lexicon)
    text = self_corrected(text, lexicon)  # 「2024年……我是说2023年」: the year taken back is no year asked
    years = figures.available_years(conn, pub_id)
    latest = max([y for y in years if y <= as_of.year] or years or [as_of.year])
    matcher = embedding_matcher(config, lexicon) if use_embeddings else None
    parsed = parse(text, lexicon, as_of, latest_year=latest, matcher=matcher)
    parsed.notes[:0] = [f"「{typed}」按「{meant}」理解" for typed, meant in typos]
    result = _result(question, text, as_of, pub_id, parsed)
    voucher = VOUCHER_NUMBER.search(normalize(question))
    if voucher:  # 「gk2025… 收款的是哪家」: that one payment is asked about, never a ranking of all payees
        return _about_a_payment(result, voucher.group(1).upper(), conn, pub_id, text, parsed.unknown, search)
    refusal = decline.plan_period(text, years) or parsed.decline or (parsed.query and decline.period(
        parsed.query, years, lambda year: figures.last_month(conn, pub_id, year)))
    if refusal:
        result = _declined(result, refusal, conn, pub_id, text, parsed.unknown, search)
        if refusal.reason == "out_of_range" and parsed.query and parsed.query.period:
            last_month = figures.last_month(conn, pub_id, years[-1]) if years else 12
            result["alternatives"] = _nearest_period(parsed.query, years, last_month, lexicon)
        elif parsed.alternatives:  # 「您是不是想问」: the readings the parser was not sure enough to state
            result["alternatives"] = [{"understood": kinds.restate(alt, lexicon), "question": canonical_question(alt, lexicon)}
                                      for alt in parsed.alternatives[:3]]
        return result
    if parsed.query is None:
        unheld = decline.unread(text) or _nothing_read(conn, pub_id, text, parsed.unknown, lexicon)
        if unheld:  # revenue or notices: say the site does not hold them, above the search results
            return _declined(result, unheld, conn, pub_id, text, parsed.unknown, search)
        result["search_fallback"] = keyword_fallback(conn, pub_id, text, parsed.unknown, search=search)
        result["understood"] = "没有理解这个问题，下面是关键词搜索结果。"
        return result
    query, notes = parsed.query, result["notes"]
    fit.fit_to_data(query, parsed, years, latest, notes)
    for part in query.parts:  # two figures asked at once: each fitted like a question of its own
        fit.fit_to_data(part, parsed, years, latest, [])
    result["confidence"] = parsed.confidence
    covered = fit.partial_year(conn, pub_id, query, notes)
    unfinished = decline.year_not_over(text, covered, query)
    if unfinished:  # 「今年全年的决算」 before the year ends: no figure to date in its place
        return _declined(result, unfinished, conn, pub_id, text, parsed.unknown, search)
    if query.measure == Measure.PER_CAPITA and not any(lexicon.region_population.values()):
        notes.append("本期数据没有发布人口数，无法计算人均支出")
    answer, chart = kinds.run(conn, pub_id, query, lexicon, {"as_of": as_of, "config": config})
    nothing = decline.empty(answer, notes)
    if nothing:
        return _declined(result, nothing, conn, pub_id, text, parsed.unknown, search)
    mean = decline.average(text, answer, query) or decline.per_person(text, answer, query) \
        or decline.shape_unanswered(text, query) or decline.benefit_as_output(text, query) \
        or decline.output_unit_unrecorded(query, lexicon) or decline.output_shared(text, query, lexicon)
    if mean:
        return _declined(result, mean, conn, pub_id, text, parsed.unknown, search)
    asked = unmatched.unit_mismatch(text, answer)
    if asked:  # 「几所小学」 answered with the education spending would be about something else: that reading, just
        # refused, is never offered back as 「您是不是想问」
        refusal = decline.Decline("unit_mismatch", f"问的是「{asked}」，本站能算出的只是以「{answer.get('unit')}」计的"
                                                   "另一个数字，不能回答这个问题；下面是关键词搜索结果。")
        return _declined(result, refusal, conn, pub_id, text, parsed.unknown, search)
    missed = accounting.unaccounted(text, query, answer, years)
    if missed:  # 「分别是多少」 answered with one figure, 「（2024）」 with this year's: another question's figure
        return _unaccounted(result, missed, query, lexicon, conn, pub_id, text, parsed.unknown, search)
    if covered and answer is not None:
        answer["coverage"] = covered
    result.update(coverage=covered, understood=kinds.restate(query, lexicon, covered), query=query.to_dict(),
                  chips=kinds.chips(query, lexicon), answer=answer, chart=chart,
                  links=links.twins(question, as_of, pub_id) | kinds.records(query, lexicon, pub_id, answer))
    result["sentence"] = sentence(result["understood"], answer)
    if parsed.confidence < 0.8:
        offered = [{"understood": kinds.restate(alt, lexicon), "question": canonical_question(alt, lexicon)}
                   for alt in parsed.alternatives[:3]]
        result["alternatives"] = _other_readings(offered, result["understood"])
    return result


def _nothing_read(conn, pub_id, text, unknown, lexicon):
    """「驾照到期咋个换证」: no name of the data, no budget or record word, and no word any project or department is
    named with — the keyword results alone would leave the asker guessing; a vague need naming a village or a
    works (「桃花村的路」) still finds its projects."""
    if not decline.nothing_of_the_data(text, lexicon) or names_holding(conn, pub_id, unknown):
        return None
    return decline.Decline("no_subject", "这个问题里没有读到本站数据中的地区、部门、科目或项目，也不是问预算、支出或项目的数字；"
                                         "本站只发布财政预算、支出和项目数据，不能回答它。下面是关键词搜索结果。")


def _other_readings(offered, understood):
    """「您是不是想问」 lists each other reading once: one that reads as the answer's own is no alternative."""
    seen, out = {understood}, []
    for alternative in offered:
        if alternative["understood"] not in seen:
            seen.add(alternative["understood"])
            out.append(alternative)
    return out


def _about_a_payment(result, number, conn, pub_id, text, unknown, search):
    """No figure for a question about one voucher: the portal lists that payment (portal/views/ask_payments.py),
    with the keyword-search results."""
    result.update(query=None, chips=[], confidence=0.0, notes=[],  # no reading of its other words is shown
                  understood=f"问句里有凭证号「{number}」，问的是这一笔支付，下面列出这笔支付和关键词搜索结果。",
                  search_fallback=keyword_fallback(conn, pub_id, text, unknown, search=search))
    return result


def _declined(result, refusal, conn, pub_id, text, unknown, search=None):
    """No figure: the reason in Chinese, and keyword-search results in its place."""
    result.update(query=None, chips=[], confidence=0.0, understood=refusal.message, decline=refusal.to_dict(),
                  answer={"kind": "decline", **refusal.to_dict()},
                  search_fallback=keyword_fallback(conn, pub_id, refusal.search or text, unknown, search=search),
                  sentence=refusal.message)
    return result


def _unaccounted(result, missed, query, lexicon, conn, pub_id, text, unknown, search):
    """Declined: the figure answers another question. Its reading is offered back unless it is about another subject
    (a class for units of a kind): a suggestion never repeats the reading just refused."""
    clause, offer = missed
    if not offer:
        refusal = decline.Decline("unaccounted", f"{clause}，所以不作答；可以看关键词搜索结果。")
        return _declined(result, refusal, conn, pub_id, text, unknown, search)
    refusal = decline.Decline("unaccounted", f"{clause}，这个数字回答的是另一个问题，所以不作答；"
                                             "可以点下面按本站的理解提问，或看关键词搜索结果。")
    return _offered(result, refusal, query, lexicon, conn, pub_id, text, unknown, search)


def _offered(result, refusal, query, lexicon, conn, pub_id, text, unknown, search):
    """Declined, with the reading that was computed offered as a question of its own (a budget reading: a
    project query's canonical question would not parse back to it)."""
    result = _declined(result, refusal, conn, pub_id, text, unknown, search)
    if query.kind != Kind.PROJECT:
        result["alternatives"] = [{"understood": kinds.restate(query, lexicon),
                                   "question": canonical_question(query, lexicon)}]
    return result


def _nearest_period(query, years, last_month, lexicon):
    """「您是不是想问」 the same question for the nearest period with data: a month not yet published in the
    latest year is asked of that year's last published month (never of the first year's same month)."""
    p = query.period
    if p.year_to < years[0]:
        alt_period = Period(years[0], years[0], p.month_from, p.month_to)
    elif p.year_from < years[-1]:
        alt_period = Period(years[-1], years[-1], p.month_from, min(p.month_to, last_month))
    else:
        month_to = min(p.month_to, last_month)
        month_from = month_to if p.month_from > last_month else p.month_from
        alt_period = Period(years[-1], years[-1], month_from, month_to)
    alt = replace(query, period=alt_period)
    return [{"understood": kinds.restate(alt, lexicon), "question": canonical_question(alt, lexicon)}]


def _normalised(question, lexicon):
    """The canonical text and the words typed with a wrong character of the same sound (执形率 → 执行率, and a
    payment purpose's name: 耕地地力保护补帖 → 补贴)."""
    # 「lzq」「hubei」「What was …?」: Latin letters that spell one name or word (nlq/latin.py), said in the notes
    text, spelled = romanized(colloquial(normalize(question), semantic()["colloquial"]["replace"]), lexicon,
                              semantic()["english"])
    text = english_terms(text, semantic()["english"])
    # a payment purpose typed with a character of the same sound (高龄金贴 → 高龄津贴) is that purpose
    terms = [*semantic().get("homophones", {}).get("terms", []), *getattr(lexicon, "purposes", ())]
    text, typos = fix_homophones(text, terms, [(a, b) for a, b, _s, _e in lexicon.scan(text)])
    return text, spelled + typos


def _result(question, text, as_of, pub_id, parsed):
    return {"question": question, "normalized": text, "as_of": as_of.isoformat(), "publication": pub_id,
            "understood": None, "query": None, "chips": [], "confidence": parsed.confidence, "notes": parsed.notes,
            "answer": None, "chart": None, "alternatives": [], "search_fallback": None, "decline": None, "coverage": None,
            "links": {}, "sentence": None}


def canonical_question(query, lexicon):
    """A question text that parses back to ``query`` (used by alternatives and chips)."""
    region, dept, cls = present.scope_words(query, lexicon)
    period = query.period.label().replace("—", "到") if query.period else ""
    if query.class_set:
        cls = "民生支出"
    measure = {Measure.SPENT: "支出", Measure.BUDGET: "预算", Measure.RATE: "执行率", Measure.SHARE: "占比",
               Measure.GROWTH: "同比增长"}.get(query.measure, "")
    if measure == "支出" and cls.endswith("支出"):  # 「教育支出」, not 「教育支出支出」
        measure = ""
    return f"{period}{region}{dept}{cls}{measure}"
