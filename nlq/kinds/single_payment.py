"""One payment of the treasury (国库集中支付) picked out of many: the largest (or smallest) single payment of a
year, a project, a purpose, a payee, or of the projects of a department, a class or a region, and to whom
(「今年单笔金额最大的一笔支付付给了哪家单位」); a project's last or first payment, its date and amount
(「某工程最后一次付款是几号」). The payment is read from ledger.queries.records.single_payment and links to its
own voucher. Persons are pseudonymised in the published payments: a person's payment is shown without the
payee (never a name, nor the pseudonym), and 「哪家单位」 picks among organisations only."""
import re

from ledger.money import fen_to_yuan, format_amount
from ledger.queries import records as q_rec

from .. import links, present, slots
from ..ir import Kind, Query
from ..vocab import pattern
from .payees import ORGANISATION, ORGANISATIONS, PERSONS
from .project.payments import purpose_named
from .project.rules import choose_project

PICKS = (("largest", re.compile(r"最大|最高|最多")), ("smallest", re.compile(r"最小|最低|最少")),
         ("last", re.compile(r"最后|最近|最新|最末")), ("first", re.compile(r"第[一1]|头[一1]|首|最早")))
PICKED = {"largest": "金额最大的一笔", "smallest": "金额最小的一笔", "last": "最后一笔", "first": "第一笔"}
PERSON = "个人"
HIDDEN = "个人（收款人已按隐私保护规定隐去）"
# who was paid, asked beside the payment (「发给了谁」「付给哪家单位」): read as part of the question
TO_WHOM = re.compile(r"(?:付|发|支付|拨|打)给了?|给了|谁|哪家|哪个单位|哪个公司|收款")
# the words of a payment itself (「的付款」「那笔支付」「款项」): read with the pick
PAYMENT_WORDS = re.compile(r"国库集中支付|国库支付|付款|支付|拨付|拨款|款项|单笔|一笔|金额|发放|发的")


def picked(ctx):
    """「单笔最大的一笔付款」「金额最低的一笔」「最后一次付款」「第一笔拨款」: one payment, or None."""
    s, text = ctx.slots, ctx.text
    asked = pattern("single_payment").search(text) or pattern("single_payment_when").search(text)
    if asked is None or s.units:
        return None
    pick = next(name for name, words in PICKS if words.search(asked.group(0)))
    spans = [m.span() for p in (pattern("asks_date"), TO_WHOM, PAYMENT_WORDS) for m in p.finditer(text)]
    slots.explain(s, [asked.span(), *spans])
    period = s.period if s.period is not None and s.period.explicit else None
    payee_type = PERSON if PERSONS.search(text) and not ORGANISATIONS.search(text) else \
        ORGANISATION if ORGANISATIONS.search(text) and not s.contractors else None
    project = choose_project(s.projects[0], ctx.lexicon, s.regions, s.period) if s.projects else None
    purpose = purpose_named(text, ctx.lexicon)
    # a class named by the purpose's own words (临时救助) is no class of projects: the purpose's payments
    classes = list(s.classes) if s.classes and not s.embedding_match and not purpose else []
    return Query(Kind.SINGLE_PAYMENT, period=period, project=project, purpose=purpose,
                 contractor=s.contractors[0] if s.contractors and not project else None, category=payee_type,
                 regions=list(s.regions) if not project else [], depts=list(s.depts)[:1] if not project else [],
                 classes=classes[:1] if not project else [], topic=pick,
                 when=pattern("asks_date").search(text) is not None)


def payment_filter(query):
    """The payments the one is picked from."""
    period = query.period
    months = (period.month_from, period.month_to) if period is not None and not period.whole_year else (None, None)
    return q_rec.PaymentFilter(
        project=query.project, payee=query.contractor, payee_type=query.category, purpose=query.purpose,
        year=period.year_from if period is not None else None, month_from=months[0], month_to=months[1],
        project_region=query.regions[0] if query.regions else None,
        project_dept=query.depts[0] if query.depts else None,
        project_class=query.classes[0] if query.classes else None)


def run(conn, pub_id, query, lexicon):
    if query.period is not None and query.period.multi_year:
        return {"kind": "figure", "nothing": "单笔支付目前只能在某一年（或某年的几个月）或全部年度中挑出，不能按"
                                             f"{query.period.label()}合并；可以分别问每一年。"}, None
    if len(query.regions) > 1:
        return {"kind": "figure", "nothing": "单笔支付一次只能在一个地区的项目中挑出；可以分别问每个地区。"}, None
    found = q_rec.single_payment(conn, pub_id, payment_filter(query), query.topic)
    if found is None:
        return {"kind": "figure", "nothing": f"本站数据中没有{_scope(query, lexicon)}的国库支付记录。"}, None
    fen, day = int(found["amount_fen"]), found["date"].isoformat()
    payee = HIDDEN if found["payee_type"] == PERSON else found["payee"]
    row = [payee, fen_to_yuan(fen), format_amount(fen), day, found["purpose"] or "—", found["id"]]
    answer = {"kind": "figure", "value": fen_to_yuan(fen), "unit": "元",
              "display": f"{format_amount(fen)}（{day}，付给{payee}）", "period": _period(query),
              "columns": ["收款人", "金额（元）", "金额", "支付日期", "用途", "凭证号"], "rows": [row],
              "top": payee, "date": day, "voucher": found["id"], "payments": 1}
    if query.when:  # 「是几号」: the day is the answer, the amount beside it
        answer.update(value=day, unit=None, display=f"{day}（{format_amount(fen)}，付给{payee}）")
    return answer, None


def _period(query):
    return query.period.label() if query.period is not None else "全部年度"


def _scope(query, lexicon):
    """「2026年项目「…」」「全部年度市交通局管理的项目」 — what the payment is picked from, in words."""
    parts = [_period(query)]
    if query.project:
        parts.append(f"项目「{lexicon.project_names.get(query.project, query.project)}」")
    else:
        region, dept, cls = present.scope_words(query, lexicon)
        owners = "".join(x for x in ((region if query.regions else ""), dept, cls) if x)
        if owners:
            parts.append(f"{owners}的项目")
    if query.purpose:
        parts.append(f"用途为「{query.purpose}」")
    if query.contractor:
        parts.append(f"付给{query.contractor}")
    if query.category:
        parts.append(f"付给{query.category}")
    return "".join(parts)


def restate(query, lexicon, coverage=None):
    what = "支付日期" if query.when else "金额"
    return f"{_scope(query, lexicon)}的国库集中支付中{PICKED[query.topic]}（{what}、收款人和用途）"


def records(query, lexicon, pub_id, answer):
    """The payment's own voucher (one record: its amount is the answer); beside it, every payment it was picked
    from, where the payments listing can select them (a project's, a purpose's, a payee's, a year's)."""
    voucher = (answer or {}).get("voucher")
    if not voucher:
        return {}
    own = links.payments(q_rec.PaymentFilter(voucher=voucher), pub_id)
    flt = payment_filter(query)
    urls = {"payment": own}
    if not (flt.project_region or flt.project_dept or flt.project_class):
        urls["payments"] = links.payments(flt, pub_id)
    return {"records": own, "rows": [links.row(answer["rows"][0][0], urls)]}


def chips(query, lexicon):
    return []
