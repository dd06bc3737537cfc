"""Treasury payments (国库集中支付) asked about in other words than 「付给某公司多少钱」: of one named project in a
year (「某工程今年付了多少钱」), for a purpose recorded on the payments (「今年高龄津贴发了多少」), and how many
payments there were (「一共付过几笔」) — the sum or the number of the vouchers /records/payments lists."""
import re

from ... import slots, vocab
from ...ir import Group, Kind, Measure, Query
from ...timeparse import Period
from ...vocab import found, pattern
from .rules import choose_project, payment_period
from .rules import scope as project_scope

UNCUT_PERIOD = "uncut_period"  # a payment question over months the payments are not cut to (declined)
PER_PAYMENT = "per_payment"  # 「一次平均能拿多少」: the mean of the payments for a purpose (sum / number)
COUNT_AND_SUM = "count_and_sum"  # 「有多少笔、多少钱」: the number and the sum of the payments, one row each
PERIODS_COMPARED = "periods_compared"  # 「某补贴今年比去年同期多发了多少」: the same months of two years, and the change
PERIODS_PERCENT = "periods_percent"  # the same, the change in percent (「变化了百分之几」)
PERSON, ORGANISATION = "个人", "单位"  # payments.payee_type
PAYEES = "payees"  # 「发给了多少个不同的人」「收到付款的单位有多少家」: the different payees of the payments, counted
# the payees counted: 「多少个（不同的）人」「几户」「单位有多少家」「收款人数」 (not 人均, 人次, 人口)
PAYEES_COUNTED = re.compile(r"(?:多少|几)(?:个|位|名|户|家)?(?:不同的?)?(人|户|家|单位|企业|公司|收款人|收款单位|对象)(?![均次口])"
                            r"|(人|户|单位|企业|公司|收款人)(?:数|(?:一共|总共|共)?有?(?:多少|几)(?:个|家|位|名|户|人))")
PAID_WORDS = re.compile(r"付款|支付|拨付|拨款|国库|财政资金|发给|付给|领取|领到|领了|发放|收到")
# 「单笔超过100万」「每笔50万元以上」, or an amount right before the payments (「1000元以下的付款」)
EACH_PAYMENT = re.compile(r"(?:单笔|每笔|一笔)(?:金额|额度)?")
PAYMENT_AFTER = re.compile(r"[^，,。？?]{0,2}?的?(?:付款|支付|款项|拨款|凭证|补贴|补助|津贴)")
AMOUNT = r"(\d+(?:\.\d+)?)\s*(亿|千万|百万|万|千)?元?"
BOUND = re.compile(rf"(超过|高于|大于|多于|超出|不少于|不低于|至少|不到|不足|低于|少于|小于|不超过|不高于|至多){AMOUNT}(以上|以下)?"
                   rf"|{AMOUNT}(?:及|或)?(以上|以下)")
BOUND_OPS = {"以上": ">=", "不少于": ">=", "不低于": ">=", "至少": ">=", "以下": "<=", "不超过": "<=", "不高于": "<=",
             "至多": "<=", "不到": "<", "不足": "<", "低于": "<", "少于": "<", "小于": "<"}  # else more than: ">"
AMOUNT_UNITS = {"亿": 10 ** 8, "千万": 10 ** 7, "百万": 10 ** 6, "万": 10 ** 4, "千": 10 ** 3}


def payments(ctx):
    """A payment question the project rules would read as something else, or None; the payments of more or less
    than an amount each (「单笔超过100万的」) when the question bounds them."""
    bound, spans = payment_bound(ctx.text)
    query = payees_counted(ctx) or _payments(ctx, bound, spans)
    if query is not None and query.purpose:
        slots.explain(ctx.slots, _other_name(ctx.text, query.purpose) + _pointed(ctx.text, query.purpose))
    if query is not None and query.purpose and not query.project:  # 「发了多少」: the verbs of the payments read
        slots.explain(ctx.slots, [m.span() for name in ("payment_given", "paid_to", "payment_count")
                                  for m in pattern(name).finditer(ctx.text)])
    if query is not None and bound and query.measure in (Measure.PAID, Measure.PAYMENTS) \
            and query.topic != UNCUT_PERIOD:
        slots.explain(ctx.slots, spans)
        query.payment_bound = bound
    return query


SAME_AS = r"(?:也就是|就是|即|也叫|又叫|俗称)(?:说)?"
OTHER_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:那个|这个)?[\u4e00-\u9fff]{0,4}?(?:补贴|津贴|补助|救助|金)")


def _other_name(text, purpose):
    """「种地补贴今年发了多少，就是耕地地力保护补贴」: the purpose as recorded, said to be what the asker's own name
    for it means — that name (a subsidy word elsewhere in the question) is read as the purpose: spans, or []."""
    said = re.search(rf"{SAME_AS}{re.escape(purpose)}|{re.escape(purpose)}[，,]?{SAME_AS}", text)
    if said is None:
        return []
    return [said.span(), *(m.span() for m in OTHER_NAME.finditer(text[:said.start()] + " " * (said.end() - said.start())
                                                                   + text[said.end():]))]


def _blank(text, spans):
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


POINTING = re.compile(r"(?:那个|这个|那项|这项|那种|这种)")


def _pointed(text, purpose):
    """「那个生态护林员的补助」: 那个 points at the purpose named right after it (nothing said before): read with it."""
    named = [m.start() for m in re.finditer(re.escape(purpose), text)] + [m.start() for m in _filled(purpose).finditer(text)]
    return [(at - 2, at) for at in named if at >= 2 and POINTING.fullmatch(text[at - 2:at])]


def payment_bound(text):
    """({"op": ">" | ">=" | "<" | "<=", "fen": n}, spans) of 「单笔超过100万」「每笔50万元以上的」「不到1000元的付款」
    「1000元以下的支付」, or (None, []): 超过 is strictly more, 以上 at least, 不到 strictly less, 以下 at most."""
    each = EACH_PAYMENT.search(text)
    for m in BOUND.finditer(text):
        word, number, unit, edge = (m.group(1), m.group(2), m.group(3), m.group(4)) if m.group(1) \
            else (None, m.group(5), m.group(6), m.group(7))
        if not (each or PAYMENT_AFTER.match(text, m.end())):
            continue
        fen = round(float(number) * AMOUNT_UNITS.get(unit, 1) * 100)
        if fen % 100:  # a bound of whole 元 only (the records listing takes 元)
            return None, []
        op = BOUND_OPS.get(word, ">") if word else BOUND_OPS[edge]
        return {"op": op, "fen": fen}, [m.span(), *([each.span()] if each else [])]
    return None, []


def payees_counted(ctx):
    """「2025年高龄津贴发给了多少个不同的人」「今年收到财政付款的单位有多少家」: how many different payees the
    payments (of a purpose, or all of a year) went to — persons counted by their pseudonyms, never named."""
    s, text = ctx.slots, ctx.text
    asked = PAYEES_COUNTED.search(text)
    if asked is None or s.projects or s.contractors or s.units or ctx.cues.project_cue or ctx.cues.top:
        return None
    purpose = purpose_named(text, ctx.lexicon)
    if not purpose and (not PAID_WORDS.search(text) or s.regions or s.depts or s.townships
                        or ((s.classes or s.class_set) and not s.embedding_match)):  # 「收到」 matched by meaning: none
        return None
    word = asked.group(1) or asked.group(2)
    payee_type = PERSON if word in ("人", "户") else ORGANISATION if word in ("家", "单位", "企业", "公司", "收款单位") \
        else None
    slots.explain(s, [asked.span(), *(m.span() for m in PAID_WORDS.finditer(text)),
                      *(m.span() for m in re.finditer(r"不同的?", text))])
    if purpose:
        _say_which(ctx, purpose)
        if purpose not in text and len(purpose) >= 4:
            slots.explain(s, [m.span() for m in _filled(purpose).finditer(text)])
    period, exact = _period(ctx)
    return Query(Kind.PROJECT, measure=Measure.PAYMENTS, purpose=purpose, period=period, payee_type=payee_type,
                 topic=PAYEES if exact else UNCUT_PERIOD)


def _payments(ctx, bound, spans):
    s, text = ctx.slots, ctx.text
    # 「单笔金额超过…的有几笔」: the bound's 金额 asks for no sum
    both = found("payment_count", text) and sum_too(_blank(text, spans))
    count = found("payment_count", text) and not both
    paid = count or both or found("payment_given", text) or found("paid_to", text) or found("per_payment", text)
    period, exact = _period(ctx)
    measure = Measure.PAYMENTS if count else Measure.PAID
    purpose = purpose_named(text, ctx.lexicon)
    if purpose is None and (count or both or found("per_payment", text)):
        purpose = purpose_of_class(text, ctx.lexicon)  # 「低保平均一笔发多少」: a voucher's words, so the payments
    if measure == Measure.PAID:  # a sum's change over the same months (or in percent) before the years side by side
        compared = _periods_compared(ctx, purpose, paid)
        if compared is not None:
            return compared
    if purpose and not s.projects and not s.contractors and not both and (paid or purpose not in _other_names(ctx)):
        years = purpose_years(ctx, purpose, measure)
        if years is not None:
            return years
    if purpose and paid and measure == Measure.PAID and not s.projects and not s.contractors \
            and (s.period is None or s.period.multi_year) and (ctx.cues.has("trend") or found("each_year", text)):
        _say_which(ctx, purpose)  # 「临时救助这几年每年发多少」: the purpose's payments year by year (every year's)
        years = s.period or Period(ctx.lexicon.payments_since or ctx.as_of.year, ctx.as_of.year)
        return Query(Kind.PROJECT, measure=measure, purpose=purpose, period=years, group=Group.YEAR)
    if purpose and not s.projects and not s.contractors and (s.period is None or s.period.multi_year) \
            and pattern("which_year").search(text) and pattern("year_superlative").search(text) \
            and (paid or GIVEN.search(text) or purpose not in _other_names(ctx)):
        # 「某补贴哪一年发得最多」: the purpose's payments of each year, ranked — never the budget class of that name
        _say_which(ctx, purpose)
        last = ctx.as_of.year
        if s.period is None and months_paid(ctx, last) < 12 and (ctx.lexicon.payments_since or last) < last:
            # a year still under way is no peer of whole years in a ranking: left out, and said so
            last -= 1
            s.notes.append(f"{ctx.as_of.year}年还没有结束，不参加年份排名")
        years = s.period or Period(ctx.lexicon.payments_since or last, last)
        return Query(Kind.PROJECT, measure=measure, purpose=purpose, period=years, group=Group.YEAR,
                     order=ctx.order())
    compared = _periods_compared(ctx, purpose, paid)
    if compared is not None:
        return compared
    ranked = pattern("month_ranked").search(text)
    if purpose and ranked and exact and not s.projects and not s.contractors \
            and (paid or purpose not in _other_names(ctx)) \
            and (period is None or period.whole_year and not period.multi_year):
        # 「今年哪个月发的高龄津贴最多」: the purpose's payments of each month of one year, ranked
        _say_which(ctx, purpose)
        slots.explain(s, [ranked.span()])
        year = period.year_to if period is not None else ctx.as_of.year
        return Query(Kind.PROJECT, measure=measure, purpose=purpose, period=Period(year, year, explicit=True),
                     group=Group.MONTH, order=ctx.order())
    if not exact:  # a period the payments cannot be cut to (a month, a quarter): never the budget class instead
        if (purpose and paid and not s.projects and not s.contractors) or count or found("treasury_payments", text):
            return Query(Kind.PROJECT, measure=measure, purpose=purpose, period=period, topic=UNCUT_PERIOD)
        return None  # the other rules decline or answer it
    if purpose and not s.projects and not s.contractors and (paid or purpose not in _other_names(ctx)):
        _say_which(ctx, purpose)
        if purpose not in text and len(purpose) >= 4:  # 「困难残疾人的生活补贴」: the purpose's words, read
            slots.explain(s, [m.span() for m in _filled(purpose).finditer(text)])
        mean = measure == Measure.PAID and found("per_payment", text)
        if mean:
            slots.explain(s, [m.span() for m in pattern("per_payment").finditer(text)])
        return Query(Kind.PROJECT, measure=measure, purpose=purpose, period=period,
                     topic=PER_PAYMENT if mean else COUNT_AND_SUM if both else None)
    if s.projects and paid and (count or period is not None) and not ctx.cues.asks("investment"):
        code = choose_project(s.projects[0], ctx.lexicon, s.regions, s.period)
        # 「某项目2026年度计划支付多少、实际支付多少」: the year's plan beside what was paid in it
        planned = measure == Measure.PAID and period is not None and period.whole_year and not period.multi_year \
            and pattern("plan_paid").search(text) is not None
        return Query(Kind.PROJECT, measure=measure, project=code, period=period, planned=planned)
    if s.contractors and (count or (paid and s.period is not None and s.period.since)) \
            and not ctx.cues.project_cue and not s.projects:
        return Query(Kind.PROJECT, measure=measure, contractor=s.contractors[0], period=period)
    payee_type = _payee_type(text)
    if payee_type or found("all_payments", text):  # 「付给单位的」「付款凭证」: words of the payments themselves
        slots.explain(s, [m.span() for name in ("payee_type_named", "voucher_words", "payment_count")
                          for m in pattern(name).finditer(text)])
    if (count or bound or found("all_payments", text) or (payee_type and (paid or found("payment_sum", text)))) \
            and not (purpose or s.projects or s.contractors or s.regions or s.depts or s.classes or s.townships) \
            and not (ctx.cues.share or ctx.cues.top):
        # 「今年一共支付了多少笔」「5月国库集中支付了多少」「付给单位的款项有多少笔、多少钱」
        return Query(Kind.PROJECT, measure=measure, period=period, payee_type=payee_type,
                     topic=COUNT_AND_SUM if both else None)
    if paid and not count and period is None and not s.contractors and ctx.cues.project_subject \
            and not ctx.cues.asks("investment"):
        return disbursed(ctx)
    return None


# 「多了还是少了」「多发还是少发」「差多少」: the later year less the earlier one is asked
MORE_OR_LESS = re.compile(r"多[^，,。？?]{0,3}还是[^，,。？?]{0,1}少|少[^，,。？?]{0,3}还是[^，,。？?]{0,1}多|[多少差]了?(?:多少|几)")
SAME_MONTHS = re.compile(r"同期")
COMPARED = re.compile(r"比|和|跟|与|同|各|分别|对比|相比|较")


def purpose_years(ctx, purpose, measure):
    """「高龄津贴2024年和2025年各发了多少」: the payments for the purpose in each of the years named, side by side;
    「…今年比去年同期少了多少笔」「…2025年比2024年多发还是少发」: the later year's less the earlier's (同期: the same
    months of both, those of the later year published so far). None when two years are not set side by side."""
    s, c, text = ctx.slots, ctx.cues, ctx.text
    years = list(c.compare_years)
    if not years and s.period is not None and not s.period.multi_year and pattern("vs_year").search(text):
        years = [s.period.year_to - 1, s.period.year_to]  # 「今年和去年同期比」「比去年同期」
    if len(years) != 2 or not COMPARED.search(text):
        return None
    same = SAME_MONTHS.search(text)
    last_month = months_paid(ctx, years[1]) if same else 12
    months = (1, last_month) if last_month < 12 else ()
    if s.period is not None and not s.period.whole_year:  # 「1到9月和去年同期比」: the months named, of both years
        months = (s.period.month_from, s.period.month_to)
    _say_which(ctx, purpose)
    if purpose not in text and len(purpose) >= 4:
        slots.explain(s, [m.span() for m in _filled(purpose).finditer(text)])
    asked = [m.span() for p in (MORE_OR_LESS, SAME_MONTHS, COMPARED, pattern("vs_year")) for m in p.finditer(text)]
    slots.explain(s, _joined(asked + [m.span() for m in re.finditer(r"[多少]?发(?:了|放|过)?|笔数", text)]))
    difference = bool(MORE_OR_LESS.search(text) or c.has("difference"))
    return Query(Kind.PROJECT, measure=measure, purpose=purpose, group=Group.YEAR, years=years,
                 period=Period(years[0], years[1], *months, explicit=True), difference=difference)


def months_paid(ctx, year):
    """The months of ``year`` the published payments cover so far: up to the last payment's month in the data's
    last year (publication lags the calendar) and the asking date's month in its year, else all twelve."""
    until, last = ctx.lexicon.payments_until, 12
    if until is not None and year == until.year:
        last = until.month
    if year == ctx.as_of.year:
        last = min(last, ctx.as_of.month)
    return last


def _joined(spans):
    """Spans that touch made one (「比」「多了还是少了」 → 「比多了还是少了」: a word cut across both is read)."""
    joined = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def disbursed(ctx):
    """「某工程已经付了多少钱」「东坪镇的项目付了多少」 without a year: what the projects have been paid so far,
    their 已支付 (the sum of their payments)."""
    s = ctx.slots
    if s.projects:
        code = choose_project(s.projects[0], ctx.lexicon, s.regions, s.period)
        return Query(Kind.PROJECT, measure=Measure.DISBURSED, project=code)
    if not (ctx.cues.project_cue or s.townships or s.category):
        return None
    return Query(Kind.PROJECT, measure=Measure.DISBURSED, **project_scope(ctx))


def purpose_in_brackets(text, lexicon):
    """「公车（车辆维修费）支付了多少」: the asker's word for a payment purpose, then the purpose as recorded in
    brackets, is that purpose (the word before it gives way, a year before that stays)."""
    if "(" not in text or not lexicon.purposes:
        return text
    named = "|".join(re.escape(p) for p in lexicon.purposes)
    return re.sub(rf"[^\d年月度,，。;；:：?？!！()\s]{{1,6}}\(({named})\)", lambda m: m.group(1), text)


def _payee_type(text):
    """「付给单位」「发给个人」「对个人的支付」: the payee type the payments asked about went to, or None (both)."""
    named = pattern("payee_type_named").search(text)
    if named is None:
        return None
    return PERSON if PERSON in named.group(0) else ORGANISATION


def sum_too(text):
    """「收了几笔钱，合计多少」: the sum is asked as well, so it is the answer (the number stands beside it)."""
    rest = pattern("payment_count").sub("", text)  # 「一共多少笔」 asks the number only
    return found("payment_sum", rest) or "多少" in rest


def _period(ctx):
    """(period | None, exact): a whole year of payments, or none (every payment) — also for 「2021年以来」 when
    the payments start that year or later, since then it covers every payment published."""
    period = ctx.slots.period
    if period is None or not period.explicit:
        return None, True
    first = ctx.lexicon.payments_since
    if period.since and first is not None and period.year_from <= first and period.year_to >= ctx.as_of.year:
        return None, True
    return period, payment_period(period, ctx.as_of)


def purpose_named(text, lexicon):
    """The longest payment purpose the question names (「最低生活保障金」), or by a short name (「低保金」), or None."""
    named = next((p for p in lexicon.purposes if p in text), None)
    if named is None:  # the longest first: 「…的生活补贴」 is no shorter purpose's words
        named = next((p for p in sorted(lexicon.purposes, key=len, reverse=True)
                      if len(p) >= 4 and _filled(p).search(text)), None)
    if named is None:
        named = next((p for alias, p in sorted(lexicon.purpose_aliases.items(), key=lambda a: -len(a[0]))
                      if alias in text), None)
    return named


def _filled(purpose):
    """「困难残疾人的生活补贴」: the purpose with 的 (or 那个/这个) between two of its words."""
    return re.compile("|".join(re.escape(purpose[:i]) + "(?:的|那个|这个)" + re.escape(purpose[i:])
                               for i in range(2, len(purpose) - 1)))


def purpose_of_class(text, lexicon):
    """The one payment purpose named after a class the question names (低保 is the class 最低生活保障, and
    最低生活保障金 is that name and a purpose's ending), for a question only payments answer (几笔, 平均一笔)."""
    endings = vocab.words("purpose_endings")
    named = {e.name for _a, _b, _s, entries in lexicon.scan(text) for e in entries if e.type == "class"}
    found_ = {p for p in lexicon.purposes for name in named
              if p.startswith(name) and p[len(name):] in endings}
    return found_.pop() if len(found_) == 1 else None


def _say_which(ctx, purpose):
    """「低保金」 read as the payments of a purpose: say so, and that it is not the budget class of that name."""
    alias = next((a for a, p in ctx.lexicon.purpose_aliases.items() if p == purpose and a in ctx.text), None)
    if purpose in ctx.text or alias is None:
        return
    classes = [e.name for e in ctx.lexicon.surfaces.get(alias, []) if e.type == "class"]
    other = f"，不是预算科目「{classes[0]}」的支出" if classes else ""
    ctx.notes.append(f"「{alias}」按国库支付的用途「{purpose}」理解（国库支付记录{other}）")


def _periods_compared(ctx, purpose, paid):
    """「某补贴今年1到10月跟去年同期比差多少」「某补助2025年比2024年变化了百分之几」: a purpose's payments in the
    same months of two years (the year named, against the year before it or the other year named), their
    difference signed (this − base), or the change in percent when a percentage is asked — never one year's sum."""
    s, c, text = ctx.slots, ctx.cues, ctx.text
    if not purpose or s.projects or s.contractors or s.period is None or s.period.multi_year and \
            len(c.compare_years) != 2 or not (paid or GIVEN.search(text) or purpose not in _other_names(ctx)):
        return None
    if len(c.compare_years) == 2 and CHANGE_ASKED.search(text):  # 「各发了多少」 asks both figures, no change
        base, this = min(c.compare_years), max(c.compare_years)
    elif c.vs_year or found("vs_same_period", text):
        this = s.period.year_to
        base = this - (2 if found("vs_year_before_last", text) else 1)
    else:
        return None
    _say_which(ctx, purpose)
    asked = [m.span() for p in (MORE_OR_LESS, SAME_MONTHS, COMPARED, CHANGE_ASKED, pattern("vs_year")) for m in p.finditer(text)]
    slots.explain(s, _joined(asked + [m.span() for m in re.finditer(r"[多少]?发(?:了|放|过)?|笔数", text)]))
    months = (s.period.month_from, s.period.month_to)
    so_far = months_paid(ctx, this)
    if s.period.whole_year and so_far < 12:  # a year under way: the same months of both years, never ten
        months = (1, so_far)  # months against twelve
        s.notes.append(f"{this}年按1—{so_far}月计，{base}年取同期")
    return Query(Kind.PROJECT, measure=Measure.PAID, purpose=purpose, period=Period(this, this, *months, explicit=True),
                 years=[base, this], difference=True,
                 topic=PERIODS_PERCENT if found("percent", text) or (GROWTH_ASKED.search(text) and not
                                                                     AMOUNT_ASKED.search(text)) else PERIODS_COMPARED)


CHANGE_ASKED = re.compile(r"比|差|变化|变动|增|减|多发|少发|涨|降")  # two years named: their change asked
GROWTH_ASKED = re.compile(r"增长|增幅|增速|涨幅")  # 「同比增长多少」: a rate, as the growth of a class is answered
AMOUNT_ASKED = re.compile(r"差|多发|少发|多了|少了|钱|元|金额|额")  # 「增长了多少钱」「增加额」: the amount


GIVEN = re.compile(r"(?<!开)发(?:得|的|放|出|下去)|[多少]发")  # 「发得最多」「多发还是少发」: paid out


def _other_names(ctx):
    """Purposes the lexicon reads as something else (a class: 临时救助): payments only when asked for."""
    aliases = ctx.lexicon.purpose_aliases
    return {p for p in ctx.lexicon.purposes
            if any(e.type != "purpose" for e in ctx.lexicon.surfaces.get(p, []))} | {
        p for a, p in aliases.items() if a in ctx.text and any(e.type != "purpose" for e in ctx.lexicon.surfaces.get(a, []))}
