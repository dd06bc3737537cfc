"""Who received the treasury's payments (国库集中支付): the organisations ranked by what they were paid in a year
(「去年收钱最多的单位」), or two named payees side by side (「A和B谁收到的财政资金多」). Persons are pseudonymised in
the published payments, so a ranking of persons is declined with that reason, never answered with their codes."""
import re
from dataclasses import replace

from ledger.money import fen_to_yuan, format_amount
from ledger.queries import records as q_rec

from .. import links, present, slots
from ..ir import Group, Kind, Measure, Order, Query
from ..vocab import found, pattern, words

RECEIVED = re.compile(r"收钱|收得|收到|收了|收款|到账|拿到|拿了|拿钱|领到|领了|领钱|领取|得到|获得|付给|支付给|付款")
MONEY = re.compile(r"钱|资金|款|金额|财政|支付|拨付")  # what is received is money (not 质询, not 投诉)
PERSONS = re.compile(r"个人|哪个人|哪位|哪些人|什么人|(?<![单企])的人(?!民)|农户|居民|村民|老百姓")
ORGANISATIONS = re.compile(r"单位|企业|公司|哪家|机构|厂")
PERSONS_TOPIC = "persons"
PURPOSES_TOPIC = "purposes"  # the purposes of payments outside projects ranked by their total
WHICH_KIND = re.compile(r"哪[一1]?(?:种|类|项|样)")
SUBSIDY = re.compile(r"补贴|津贴|补助|救助")
PAID_OUT = re.compile(r"发给|付给|支付给|发的|发出")
EVERY_KIND = re.compile(r"各种|各类|各项|所有")
ORGANISATION = "单位"  # payments.payee_type of organisations
PAYEE_TYPES_TOPIC = "payee_types"  # 「付给单位和付给个人的各多少」: the payments to each payee type side by side
EACH = re.compile(r"各|分别|各自|各是|分开")
PAYMENT_WORDS = re.compile(r"支付|付款|付给|付了|收款|拨付|发给")
MONTHS_TOPIC = "payment_months"  # 「今年付款笔数最多的是哪个月」: the months of a year ranked by their payments


def purposes(ctx):
    """「发给个人的补贴里，哪一种总额最大」: the purposes of the treasury's payments outside projects, ranked by
    their total in the period (to persons or organisations when named; subsidies only when asked of them)."""
    s, c, text = ctx.slots, ctx.cues, ctx.text
    if not (WHICH_KIND.search(text) and c.top and ctx.lexicon.purposes) or s.projects or s.contractors \
            or not (found("payment_given", text) or found("treasury_payments", text) or PAID_OUT.search(text)) \
            or any(p in text for p in ctx.lexicon.purposes) or s.regions or s.depts \
            or ((s.classes or s.class_set) and not s.embedding_match):  # a class matched by meaning to 发给 is none
        return None
    period = s.period if s.period is not None and s.period.explicit else None
    said = [pattern(name) for name in ("payment_given", "treasury_payments")] + [WHICH_KIND, SUBSIDY, PAID_OUT,
                                                                                  EVERY_KIND]
    slots.explain(s, [m.span() for p in said for m in p.finditer(text)])
    payee_type = "个人" if "个人" in text else ORGANISATION if ORGANISATIONS.search(text) else None
    # category: the payee type the payments went to (None: both); planned: the subsidies (补贴/津贴/补助/救助/金) only
    return Query(Kind.PAYEES, period=period, order=ctx.order(), limit=c.limit or (1 if ctx.single() else None),
                 topic=PURPOSES_TOPIC, category=payee_type, planned=bool(SUBSIDY.search(text)))


def payee_types(ctx):
    """「支付里付给单位和付给个人的各多少钱」: the treasury's payments to organisations and to persons, each summed
    (the period named, else every year) — never one of them, never a ranking of payees."""
    s, text = ctx.slots, ctx.text
    if not (PAYMENT_WORDS.search(text) and EACH.search(text) and re.search("个人", text)
            and re.search(r"单位|企业|公司", text)) or s.projects or s.contractors or s.units or s.depts \
            or s.regions or s.townships or _purpose_named(text, ctx.lexicon) or ctx.cues.top:
        return None
    period = s.period if s.period is not None and s.period.explicit else None
    said = [PAYMENT_WORDS, EACH, re.compile(r"个人|单位|企业|公司|钱|金额|多少|明细|记录|国库|集中")]
    slots.explain(s, [m.span() for p in said for m in p.finditer(text)])
    s.classes[:], s.class_set = [], False  # 「付给个人」 matched by meaning to a class names none
    return Query(Kind.PAYEES, period=period, topic=PAYEE_TYPES_TOPIC)


def payment_months(ctx):
    """「2025年付款笔数最多的是哪个月」「哪个月国库支付金额最少」: the months of one year ranked by the number (笔数) or
    the sum of the treasury's payments dated in them — never the months' spending."""
    s, c, text = ctx.slots, ctx.cues, ctx.text
    asked = pattern("which_month").search(text) or pattern("month_ranked").search(text)
    if not asked or "季度" in asked.group(0) or not (c.top or c.bottom) or not PAYMENT_WORDS.search(text) \
            or s.projects or s.contractors or s.units or s.depts or s.regions or s.townships \
            or _purpose_named(text, ctx.lexicon):
        return None
    counted = found("payment_count", text)
    slots.explain(s, [m.span() for p in (PAYMENT_WORDS, pattern("payment_count"), re.compile("金额|月份|月"))
                      for m in p.finditer(text)])
    s.classes[:], s.class_set = [], False  # 「付款」 matched by meaning to a class names none
    return Query(Kind.PAYEES, period=s.period, topic=MONTHS_TOPIC, order=ctx.order(), limit=ctx.limit_or_one(),
                 measure=Measure.PAYMENTS if counted else Measure.PAID)


def _payment_months(conn, pub_id, query):
    period = query.period
    if period is None or period.multi_year:
        return {"kind": "figure", "nothing": "付款按月份排名只能按某一年来问，例如「2025年付款笔数最多的是哪个月」。"}, None
    months = range(period.month_from or 1, (period.month_to or 12) + 1)
    found = [(m, *q_rec.payment_totals(conn, pub_id, q_rec.PaymentFilter(year=period.year_to, month_from=m, month_to=m)))
             for m in months]
    found = [row for row in found if row[1]]
    by_count = query.measure == Measure.PAYMENTS
    found.sort(key=lambda r: ((r[1] if by_count else r[2]) * (1 if query.order == Order.ASC else -1), r[0]))
    rows = [[f"{m}月", count, fen_to_yuan(fen), format_amount(fen)] for m, count, fen in found[:query.limit]]
    if not rows:
        return {"kind": "figure", "nothing": f"本站数据中没有{period.year_to}年的国库支付记录。"}, None
    top = rows[0]
    return {"kind": "table", "unit": "笔" if by_count else "元", "period": period.label(),
            "columns": ["月份", "支付笔数", "支付金额（元）", "支付金额"], "rows": rows, "top": top[0],
            "value": top[1] if by_count else top[2],
            "display": f"{top[0]}（{top[1]} 笔，{top[3]}）"}, None


def payees(ctx):
    """The payees ranked by money received (a top word, no payee, project or purpose named), or payees named
    side by side (two or more)."""
    s, c, text = ctx.slots, ctx.cues, ctx.text
    if not (RECEIVED.search(text) and MONEY.search(text)) or WHICH_KIND.search(text) or s.projects or s.units or ctx.cues.project_cue or s.category \
            or s.region_each or s.dept_each or s.class_each or s.townships:
        return None
    period = s.period if s.period is not None and s.period.explicit else None
    named = list(dict.fromkeys(s.contractors))
    if len(named) >= 2:
        return Query(Kind.PAYEES, contractors=named, period=period, group=Group.CONTRACTOR, order=Order.DESC)
    if named or not c.top or _purpose_named(text, ctx.lexicon):
        return None
    # 「收到国库支付最多的」: the words of money received are this reading's own (no class matched to them by meaning)
    slots.explain(s, [m.span() for p in (RECEIVED, MONEY, pattern("treasury_payments"), pattern("all_years_asked"))
                      for m in p.finditer(text)])
    persons = PERSONS.search(text) and not ORGANISATIONS.search(text)
    if persons:  # 「领钱最多的农户」: the word for the persons is read (the decline says why they are not ranked)
        slots.explain(s, [m.span() for m in PERSONS.finditer(text)])
    return Query(Kind.PAYEES, period=period, group=Group.CONTRACTOR, order=ctx.order(),
                 limit=c.limit or (1 if ctx.single() else 10), topic=PERSONS_TOPIC if persons else None)


def _purpose_named(text, lexicon):
    return any(p in text for p in getattr(lexicon, "purposes", ()))


def _filter(query, payee=None, purpose=None):
    period = query.period
    months = (period.month_from, period.month_to) if period is not None and not period.whole_year else (None, None)
    payee_type = query.category if query.topic == PURPOSES_TOPIC else None if payee else ORGANISATION
    return q_rec.PaymentFilter(payee=payee, payee_type=payee_type, purpose=purpose,
                               year=period.year_from if period else None, month_from=months[0], month_to=months[1])


def _purposes(conn, pub_id, query, lexicon):
    """[(purpose, number, Σ fen)] of the purposes asked about, the largest total first (ties by name)."""
    endings = tuple(e for e in words("purpose_endings") if SUBSIDY.search(e) or e == "金")
    chosen = [p for p in lexicon.purposes if not query.planned or p.endswith(endings)]
    found_ = [(p, *q_rec.payment_totals(conn, pub_id, _filter(query, purpose=p))) for p in chosen]
    found_ = [row for row in found_ if row[1]]
    return sorted(found_, key=lambda r: (-r[2], r[0]) if query.order != Order.ASC else (r[2], r[0]))


def _payee_types(conn, pub_id, query):
    if query.period is not None and query.period.multi_year:
        return {"kind": "figure", "nothing": "付给单位和付给个人的金额目前只能按某一年（或某年的几个月）或全部年度来问；"
                                             "可以分别问每一年。"}, None
    found = [(kind, *q_rec.payment_totals(conn, pub_id, replace(_filter(query), payee_type=kind)))
             for kind in (ORGANISATION, "个人")]
    rows = [[kind, count, fen_to_yuan(fen), format_amount(fen)] for kind, count, fen in found]
    answer = {"kind": "table", "unit": "元", "period": _label(query), "columns": ["收款人类型", "支付笔数", "支付金额（元）",
                                                                            "支付金额"], "rows": rows,
              "value": None, "display": "，".join(f"付给{r[0]} {r[3]}" for r in rows)}
    return answer, present.rows_chart([[r[0], r[2]] for r in rows], "元")


def run(conn, pub_id, query, lexicon):
    if query.topic == MONTHS_TOPIC:
        return _payment_months(conn, pub_id, query)
    if query.topic == PAYEE_TYPES_TOPIC:
        return _payee_types(conn, pub_id, query)
    if query.topic == PERSONS_TOPIC:
        return {"kind": "figure", "nothing": "收款人为个人的支付记录已按隐私保护规定以代号替代，不按个人排名；"
                                             "可以问收款单位的排名，或某一用途（如高龄津贴）发放的合计。"}, None
    if query.period is not None and query.period.multi_year:
        return {"kind": "figure", "nothing": "收款排名目前只能按某一整年（或某年的几个月）或全部年度来问，不能按"
                                             f"{query.period.label()}合并；可以分别问每一年。"}, None
    if query.topic == PURPOSES_TOPIC:
        found = _purposes(conn, pub_id, query, lexicon)
        found = found[:query.limit] if query.limit else found
    elif query.contractors:
        found = []
        for name in query.contractors:
            count, fen = q_rec.payment_totals(conn, pub_id, _filter(query, name))
            found.append((name, count, fen))
        if not all(count for _name, count, _fen in found):
            missing = "、".join(name for name, count, _fen in found if not count)
            return {"kind": "figure", "nothing": f"本站数据中没有{_label(query)}付给{missing}的国库支付记录，不能比较。"}, None
    else:
        found = q_rec.payee_ranking(conn, pub_id, _filter(query), limit=query.limit,
                                    smallest_first=query.order == Order.ASC)
    if not found:
        return {"kind": "figure", "nothing": f"本站数据中没有{_label(query)}付给单位的国库支付记录。"}, None
    rows = [[name, count, fen_to_yuan(fen), format_amount(fen)] for name, count, fen in found]
    top = max(rows, key=lambda r: r[2]) if query.contractors else rows[0]
    heading = ["用途", "支付笔数", "支付金额（元）", "支付金额"] if query.topic == PURPOSES_TOPIC \
        else ["收款单位", "支付笔数", "收款金额（元）", "收款金额"]
    answer = {"kind": "table", "unit": "元", "period": _label(query), "columns": heading, "rows": rows,
              "value": top[0], "top": top[0], "display": f"{top[0]}（{top[3]}）"}
    return answer, present.rows_chart([[r[0], r[2]] for r in rows], "元")


def _label(query):
    return query.period.label() if query.period is not None else "全部年度"


def restate(query, lexicon, coverage=None):
    if query.topic == PAYEE_TYPES_TOPIC:
        return f"{_label(query)}国库集中支付付给单位和付给个人的金额（各自合计）"
    if query.topic == MONTHS_TOPIC:
        by = "笔数" if query.measure == Measure.PAYMENTS else "金额"
        return f"{_label(query)}各月国库集中支付按{by}{present.order_words(query)}，前{query.limit}名（按支付日期所在月份）"
    if query.topic == PERSONS_TOPIC:
        return f"{_label(query)}按收款金额排名的个人收款人"
    if query.topic == PURPOSES_TOPIC:
        to = {"个人": "发给个人的", ORGANISATION: "付给单位的"}.get(query.category, "")
        what = "补贴类用途" if query.planned else "用途"
        limit = f"，前{query.limit}名" if query.limit else ""
        return (f"{_label(query)}{to}国库集中支付（项目以外）按{what}的合计，{present.order_words(query)}{limit}")
    if query.contractors:
        return f"比较{_label(query)}国库集中支付付给{'、'.join(query.contractors)}的金额"
    limit = f"，前{query.limit}名" if query.limit else ""
    return (f"{_label(query)}国库集中支付的收款单位（不含个人），按收款金额{present.order_words(query)}{limit}")


def records(query, lexicon, pub_id, answer):
    """Each payee's payments of the period: they add up to its row (the first row's are the answer's)."""
    rows = (answer or {}).get("rows") or []
    if not rows:
        return {}
    urls = [links.payments(_row_filter(query, row[0]), pub_id) for row in rows]
    return {"records": urls[0], "rows": [links.row(row[0], {"payments": url}) for row, url in zip(rows, urls)]}


def _row_filter(query, label):
    if query.topic == MONTHS_TOPIC:
        month = int(label.removesuffix("月"))
        return q_rec.PaymentFilter(year=query.period.year_to, month_from=month, month_to=month)
    if query.topic == PURPOSES_TOPIC:
        return _filter(query, purpose=label)
    if query.topic == PAYEE_TYPES_TOPIC:
        return replace(_filter(query), payee_type=label)
    return _filter(query, label)


def chips(query, lexicon):
    return []
