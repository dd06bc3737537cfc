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


def payments(ctx):
    """A payment question the project rules would read as something else, or None."""
    s, text = ctx.slots, ctx.text
    both = found("payment_count", text) and sum_too(text)
    count = found("payment_count", text) and not both
    paid = count or both or found("payment_given", text) or found("paid_to", text) or found("per_payment", text)
    period, exact = _period(ctx)
    measure = Measure.PAYMENTS if count else Measure.PAID
    purpose = purpose_named(text, ctx.lexicon)
    if purpose is None and (count or both or found("per_payment", text)):
        purpose = purpose_of_class(text, ctx.lexicon)  # 「低保平均一笔发多少」: a voucher's words, so the payments
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
        if s.period is None and ctx.as_of.month < 12 and (ctx.lexicon.payments_since or last) < last:
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
        slots.explain(s, [m.span() for name in ("payee_type_named", "voucher_words")
                          for m in pattern(name).finditer(text)])
    if (count or found("all_payments", text) or (payee_type and (paid or found("payment_sum", text)))) \
            and not (purpose or s.projects or s.contractors or s.regions or s.depts or s.classes or s.townships) \
            and not (ctx.cues.share or ctx.cues.top):
        # 「今年一共支付了多少笔」「5月国库集中支付了多少」「付给单位的款项有多少笔、多少钱」
        return Query(Kind.PROJECT, measure=measure, period=period, payee_type=payee_type,
                     topic=COUNT_AND_SUM if both else None)
    if paid and not count and period is None and not s.contractors and ctx.cues.project_subject \
            and not ctx.cues.asks("investment"):
        return disbursed(ctx)
    return None


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
    months = (s.period.month_from, s.period.month_to)
    if this == ctx.as_of.year and s.period.whole_year and ctx.as_of.month < 12:  # a year under way: the same
        months = (1, ctx.as_of.month)  # months of both years, never ten months against twelve
        s.notes.append(f"{this}年按1—{ctx.as_of.month}月计，{base}年取同期")
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
