"""Answers about projects: a total with the projects behind it, an output, one project's progress, a
share among projects, and tables by contractor, category, region, year or project."""
from dataclasses import replace
from decimal import Decimal

from ledger.money import fen_to_yuan, format_amount
from ledger.queries import plans as q_plans
from ledger.queries import projects as q_proj

from ... import figures, present
from ...ir import Group, Measure, Order
from ...present import label, unit
from ...timeparse import Period
from . import facts
from .payments import COUNT_AND_SUM, PAYEES, PER_PAYMENT, PERIODS_COMPARED, PERIODS_PERCENT, UNCUT_PERIOD
from .rules import PROGRESS_AT

PAYEE_UNITS = {"个人": "人", "单位": "家"}  # how the different payees of a payee type are counted


def run(conn, pub_id, query, lexicon):
    """(answer, chart) of a project query, by the first answer that fits its group and measure."""
    for fits, answer in ANSWERS:
        if fits(query):
            return answer(conn, pub_id, query, lexicon)
    return listing(conn, pub_id, query, lexicon)


def plabel(query):
    return query.period.label() if query.period else "全部年度"


def _money(measure):
    return measure in (Measure.INVESTMENT, Measure.DISBURSED)


def contractors(conn, pub_id, query, lexicon):
    if query.count_only:  # 「多少家不同的承包商」: every contractor once, counted
        ranking = figures.contractor_ranking(conn, pub_id, query, lexicon, query.period, None)
        rows = [[name, n, *present.money_cells(inv)] for name, n, inv in ranking]
        return {"kind": "figure", "unit": "家", "period": plabel(query), "value": len(rows), "display": f"{len(rows)} 家",
                "columns": ["承包商", "项目数（个）", "总投资（元）", "总投资"], "rows": rows}, None
    ranking = figures.contractor_ranking(conn, pub_id, query, lexicon, query.period, query.limit or 1)
    if query.contractors:  # compared: in the order named
        ranking.sort(key=lambda r: query.contractors.index(r[0]) if r[0] in query.contractors else 99)
    rows = [[name, n, *present.money_cells(inv)] for name, n, inv in ranking]
    answer = {"kind": "table", "unit": "个", "period": plabel(query),
              "columns": ["承包商", "项目数（个）", "总投资（元）", "总投资"], "rows": rows,
              "value": rows[0][1] if rows else None, "top": rows[0][0] if rows else None}
    return answer, present.rows_chart(rows, "个")


def record(conn, pub_id, query, lexicon):
    """One named project: its record as its page shows it (status, 形象进度, money, dates, contractor,
    output), whatever was asked of it; the value is the measure asked (进度 by default)."""
    rows = figures.project_rows(conn, pub_id, project_only(query), lexicon, None)
    p = rows[0] if rows else None
    if p is None:
        return {"kind": "figure", "value": None, "unit": "%", "display": "—", "period": plabel(query)}, None
    value, unit_, display = _record_value(query, p)
    answer = {"kind": "figure", "value": value, "unit": unit_, "display": display, "period": f"{p['year']}年",
              "project": p["code"], "project_name": p["name"], "status": p["status"],
              "columns": ["项目", "数值", "显示"], "rows": record_rows(p)}
    return answer, None


def builder(conn, pub_id, query, lexicon):
    """「…谁在修」: the named project's contractor (承建单位), with the project beside it; the contractor is the
    answer's value (a name, like a date, is stated as text)."""
    rows = figures.project_rows(conn, pub_id, project_only(query), lexicon, None)
    if not rows:
        return {"kind": "table", "unit": None, "period": plabel(query), "rows": []}, None
    p = rows[0]
    answer = {"kind": "table", "unit": None, "period": f"{p['year']}年", "project": p["code"],
              "columns": ["承建单位", "项目", "状态", "形象进度"],
              "rows": [[p["contractor"] or "—", p["name"], p["status"], f"{p['progress_pct']}%"]],
              "top": p["contractor"], "value": p["contractor"], "display": p["contractor"] or "—"}
    return answer, None


def _record_value(query, p):
    """(value, unit, display) of the measure asked of one project."""
    if query.measure in (Measure.INVESTMENT, Measure.DISBURSED):
        fen = p["total_investment_fen"] if query.measure == Measure.INVESTMENT else p["disbursed_fen"]
        return fen_to_yuan(fen), "元", format_amount(fen)
    if query.measure == Measure.OUTPUT and p["output_unit"]:
        amount = p["output_planned"] if query.planned else p["output_actual"]
        return amount, p["output_unit"], f"{present.number(amount or 0)} {p['output_unit']}"
    return p["progress_pct"], "%", f"{p['status']}，形象进度 {p['progress_pct']}%"


def record_rows(p):
    """[label, value, shown] of a project's record, labelled as on its page (/projects/<code>)."""
    def text(label, v):
        return [label, str(v) if v else "—", str(v) if v else "—"]

    rows = [text("状态", p["status"]), ["形象进度", p["progress_pct"], f"{p['progress_pct']}%"],
            ["总投资", *present.money_cells(p["total_investment_fen"])],
            ["年度计划", *present.money_cells(p["annual_plan_fen"])],
            ["已支付", *present.money_cells(p["disbursed_fen"])],
            text("开工日期", p["start_date"]), text("计划完工", p["end_date"])]
    if p["completed_date"]:
        rows.append(text("实际完工", p["completed_date"]))
    rows.append(text("承建单位", p["contractor"]))
    if p["output_unit"]:
        for label, v in (("计划产出", p["output_planned"]), ("实际产出", p["output_actual"])):
            rows.append([f"{label}（{p['output_name'] or ''}）", v, f"{present.number(v or 0)} {p['output_unit']}"])
    return rows


def paid(conn, pub_id, query, lexicon):
    """「付给某公司多少钱」「某工程付过几笔」「高龄津贴发了多少」: the treasury payments to the company, of the
    project or for the purpose (sum and number of vouchers); 几笔 makes the number the answer."""
    if query.topic == UNCUT_PERIOD:
        what = f"用途为「{query.purpose}」的" if query.purpose else ""
        return {"kind": "figure", "nothing": f"{what}国库支付目前只能按某一整年（或今年截至目前）来问，不能按"
                                             f"{query.period.label()}切分；可以分别问每一整年的合计。"}, None
    if query.topic in (PERIODS_COMPARED, PERIODS_PERCENT):
        return _paid_in_two_periods(conn, pub_id, query)
    if query.group == Group.YEAR:
        return _paid_by_year(conn, pub_id, query)
    if query.group == Group.MONTH:
        return _paid_by_month(conn, pub_id, query)
    count, total = figures.payment_totals(conn, pub_id, query)
    if not count:  # 「今年11月支付了多少笔」 past the data's last payment: no 「0 笔」 as a figure
        return {"kind": "figure", "nothing": f"本站数据中没有{plabel(query)}{payment_subject(query, lexicon)[1]}的国库支付记录"
                                             "（可能超出了数据的时间范围），不能回答。"}, None
    answer = {"kind": "figure", "value": fen_to_yuan(total), "unit": "元", "display": format_amount(total),
              "period": plabel(query), "payments": count,
              "columns": [payment_subject(query)[0], "支付笔数", "支付金额（元）", "支付金额"],
              "rows": [[payment_subject(query, lexicon)[1], count, *present.money_cells(total)]]}
    if query.measure == Measure.PAYMENTS:
        answer.update(value=count, unit="笔", display=f"{count} 笔")
    if query.topic == PAYEES:  # the different payees of those vouchers (persons by their pseudonyms, never named)
        payees, what = figures.payee_count(conn, pub_id, query), PAYEE_UNITS.get(query.payee_type, "个")
        answer.update(value=payees, unit=what, display=f"{payees} {what}",
                      columns=[answer["columns"][0], "不同收款人数", "支付笔数", "支付金额（元）", "支付金额"],
                      rows=[[answer["rows"][0][0], payees, *answer["rows"][0][1:]]])
    if query.topic == COUNT_AND_SUM:  # 「有多少笔、多少钱」: both figures, one row each, of the same vouchers
        answer.update(kind="table", columns=["指标", "数值", "显示"],
                      rows=[["支付笔数", count, f"{count} 笔"], ["支付金额（元）", *present.money_cells(total)]])
    if query.topic == PER_PAYMENT:  # the mean of the vouchers listed: their sum over their number
        mean = float(round(Decimal(total) / 100 / count, 2))
        answer.update(value=mean, display=f"平均每笔 {mean:,.2f} 元", per_payment=True)
    if query.planned and query.project:
        return _plan_beside(conn, pub_id, query, answer, total)
    return answer, None


def _paid_by_year(conn, pub_id, query):
    """「临时救助这几年每年发多少」: the payments for the purpose in each year of the period (a line), each year's
    vouchers linked (nlq/kinds/project/records.py)."""
    rows, total, fens = [], 0, []
    months = () if query.period.whole_year else (query.period.month_from, query.period.month_to)
    for year in query.years or query.period.years:
        count, fen = figures.payment_totals(conn, pub_id, replace(query, period=Period(year, year, *months),
                                                                  group=None, years=[], difference=False))
        rows.append([f"{year}年" + (f"{months[0]}—{months[1]}月" if months else ""), *present.money_cells(fen), count])
        total += fen
        fens.append(fen)
    if not any(r[3] for r in rows):
        return {"kind": "figure", "nothing": f"本站数据中没有{plabel(query)}用途为「{query.purpose}」的国库支付记录，不能回答。"}, None
    if query.years and not all(r[3] for r in rows):  # a year named without payments: no 「0 元」 beside the other
        empty = "、".join(r[0] for r in rows if not r[3])
        return {"kind": "figure", "nothing": f"本站数据中没有{empty}用途为「{query.purpose}」的国库支付记录，不能比较。"}, None
    if query.difference and len(rows) == 2:  # the later year's less the earlier's (sum, or number of payments)
        return _year_on_year(query, rows, fens), None
    answer = {"kind": "series", "unit": "元", "period": plabel(query), "columns": ["年份", "支付金额（元）", "支付金额", "支付笔数"],
              "rows": rows, "value": fen_to_yuan(total), "display": "合计 " + format_amount(total)}
    if query.order:  # 「哪一年发得最多」: the years ranked by the amount (or the number of vouchers), the first named
        by = 3 if query.measure == Measure.PAYMENTS else 1
        rows = sorted((r for r in rows if r[3]), key=lambda r: (-r[by] if query.order != Order.ASC else r[by], r[0]))
        answer.update(kind="table", rows=rows, value=rows[0][by], unit="笔" if by == 3 else "元", top=rows[0][0],
                      display=f"{rows[0][0]} " + (f"{rows[0][3]} 笔" if by == 3 else rows[0][2]))
        shown = [f"{r[0]}（{r[2].replace(' ', '')}，{r[3]}笔）" for r in rows[:3]]
        answer["sentence"] = (f"{plabel(query)}用途为「{query.purpose}」的国库支付，{'笔数' if by == 3 else '金额'}"
                              f"{'最少' if query.order == Order.ASC else '最多'}的年份是{shown[0]}"
                              + (f"，其次是{'、'.join(shown[1:])}" if len(shown) > 1 else "") + "。")
        return answer, present.rows_chart([r[:3] for r in rows], "元")
    return answer, present.rows_chart([r[:3] for r in rows], "元", line=True)


def _year_on_year(query, rows, fens):
    """「…今年比去年同期少了多少笔」「…2025年比2024年多发还是少发」: the later year's payments less the earlier's
    (their sum, or their number), each year's row beside it (its vouchers linked)."""
    (before, *_rest, n_before), (after, *_more, n_after) = rows
    counted = query.measure == Measure.PAYMENTS
    change = n_after - n_before if counted else fens[1] - fens[0]
    size = f"{abs(change)}笔" if counted else format_amount(abs(change)).replace(" ", "")
    then = f"{n_before}笔" if counted else rows[0][2].replace(" ", "")
    now = f"{n_after}笔" if counted else rows[1][2].replace(" ", "")
    return {"kind": "figure", "value": change if counted else fen_to_yuan(change), "unit": "笔" if counted else "元",
            "display": f"{change:+d} 笔" if counted else format_amount(change), "period": plabel(query),
            "columns": ["年份", "支付金额（元）", "支付金额", "支付笔数"], "rows": rows, "difference": True,
            "sentence": f"用途为「{query.purpose}」的国库支付，{after}{now}，比{before}（{then}）"
                        f"{'多' if change >= 0 else '少'}{size}。"}


def compared_periods(query):
    """(base period, this period) of a purpose's payments compared: the same months of the two years."""
    this = query.period
    return replace(this, year_from=query.years[0], year_to=query.years[0]), this


def _paid_in_two_periods(conn, pub_id, query):
    """「某补贴今年1到10月跟去年同期比差多少」: the purpose's payments in the base period and in this one (the same
    months), the difference this − base (or the change in percent), each period's vouchers linked."""
    rows = []
    for period in compared_periods(query):
        count, fen = figures.payment_totals(conn, pub_id, replace(query, period=period, topic=None, years=[]))
        rows.append([period.label(), *present.money_cells(fen), count])
    (base_label, _b, _bd, base_count), (this_label, _t, _td, this_count) = rows
    if not base_count or not this_count:
        return {"kind": "figure", "nothing": f"本站数据中{base_label if not base_count else this_label}没有用途为"
                                             f"「{query.purpose}」的国库支付记录，不能比较。"}, None
    base, this = rows[0][1], rows[1][1]
    change = float(round(Decimal(str(this)) - Decimal(str(base)), 2))
    answer = {"kind": "figure", "unit": "元", "value": change, "display": format_amount(round(change * 100)),
              "period": f"{base_label}、{this_label}", "columns": ["时间", "支付金额（元）", "支付金额", "支付笔数"],
              "rows": rows, "difference": True}
    if query.topic == PERIODS_PERCENT:
        rate = present.value(Measure.GROWTH, (this - base) / base)
        answer.update(value=rate, unit="%", display=present.display(Measure.GROWTH, (this - base) / base))
    more = "多" if change > 0 else "少" if change < 0 else "持平"
    said = f"{this_label}比{base_label}{more}发" + ("" if change == 0 else format_amount(round(abs(change) * 100)))
    if base:
        said += f"（{'增长' if this >= base else '下降'}{abs(100 * (this - base) / base):.2f}%）"
    answer["sentence"] = (f"用途为「{query.purpose}」的国库支付：{base_label}{rows[0][2]}（{rows[0][3]}笔），"
                          f"{this_label}{rows[1][2]}（{rows[1][3]}笔），{said}。").replace(" ", "")
    return answer, None


def _paid_by_month(conn, pub_id, query):
    """「今年哪个月发的高龄津贴最多」: the payments for the purpose in each month of the year (months with
    payments), ranked by the amount (or by their number for 「笔数」), each month's vouchers linked."""
    year, rows = query.period.year_to, []
    for month in range(1, 13):
        count, fen = figures.payment_totals(conn, pub_id, replace(query, period=Period(year, year, month, month),
                                                                  group=None, order=None))
        if count:
            rows.append([f"{month}月", *present.money_cells(fen), count])
    if not rows:
        return {"kind": "figure", "nothing": f"本站数据中没有{year}年用途为「{query.purpose}」的国库支付记录，不能回答。"}, None
    by = 3 if query.measure == Measure.PAYMENTS else 1
    rows.sort(key=lambda r: (-r[by] if query.order != Order.ASC else r[by], int(r[0][:-1])))
    answer = {"kind": "table", "unit": "笔" if by == 3 else "元", "period": f"{year}年",
              "columns": ["月份", "支付金额（元）", "支付金额", "支付笔数"], "rows": rows,
              "value": rows[0][by], "top": rows[0][0], "months": [int(r[0][:-1]) for r in rows]}
    shown = [f"{r[0]}（{r[2].replace(' ', '')}，{r[3]}笔）" for r in rows[:3]]
    most = "最少" if query.order == Order.ASC else "最多"
    answer["sentence"] = (f"{year}年用途为「{query.purpose}」的国库支付，{'笔数' if by == 3 else '金额'}{most}的月份是"
                          f"{shown[0]}" + (f"，其次是{'、'.join(shown[1:])}" if len(shown) > 1 else "")
                          + f"（共{len(rows)}个月有支付）。")
    return answer, present.rows_chart([r[:3] for r in rows], "元")


def _plan_beside(conn, pub_id, query, answer, paid_fen):
    """「某项目2026年度计划支付多少、实际支付多少」: the year's 年度计划 (ledger.queries.plans, as the project's page
    shows it) beside the payments dated in that year; the figure is what was paid (its vouchers are linked)."""
    year = query.period.year_to
    plan = q_plans.year_plan(conn, pub_id, query.project, year)
    if plan is None:
        return {"kind": "figure", "nothing": f"这个项目没有公布{year}年度计划，不能把计划与实际支付并列。"}, None
    answer.update(columns=["项目", "金额（元）", "金额"],
                  rows=[[f"{year}年度计划支付", *present.money_cells(plan)],
                        [f"{year}年实际支付（国库集中支付 {answer['payments']} 笔）", *present.money_cells(paid_fen)]],
                  planned_yuan=fen_to_yuan(plan))
    return answer, None


def payment_subject(query, lexicon=None):
    """(heading, name) of what the payments are of: the payee, the project or the purpose."""
    if query.project:
        return "项目", (lexicon.project_names.get(query.project, query.project) if lexicon else query.project)
    if query.purpose:
        return "用途", query.purpose
    if query.contractor:
        return "收款人", query.contractor
    if query.payee_type:
        return "支付", f"付给{query.payee_type}的国库集中支付"
    return "支付", "全部国库集中支付"


def share(conn, pub_id, query, lexicon):
    part, whole = figures.project_share(conn, pub_id, query, lexicon, query.period)
    ratio = part / whole if whole else None
    part_label, whole_label = share_labels(query)
    answer = {"kind": "figure", "value": present.value(Measure.SHARE, ratio), "unit": "%",
              "display": present.display(Measure.SHARE, ratio), "period": plabel(query), "part": part, "total": whole}
    part_measure, whole_measure = share_measures(query)
    if (part_measure, whole_measure) == (Measure.COUNT, Measure.COUNT):
        answer.update(count=part, columns=["项目", "数量（个）"], rows=[[part_label, part], [whole_label, whole]])
    else:
        def cell(measure, v):
            return present.money_cells(v) if measure != Measure.COUNT else [v, f"{v} 个"]

        answer.update(columns=["项目", "数值", "显示"],
                      rows=[[part_label, *cell(part_measure, part)], [whole_label, *cell(whole_measure, whole)]])
    return answer, None


def categories(conn, pub_id, query, lexicon):
    values = figures.project_total(conn, pub_id, query, lexicon, query.period, query.measure, group="category")
    items = _ordered(((k, v) for k, v in values.items() if k), query)
    money = _money(query.measure)
    unit_ = "元" if money else "个"
    rows = [[k, *(present.money_cells(int(v)) if money else [int(v), f"{int(v)} 个"])] for k, v in items]
    answer = {"kind": "table", "unit": unit_, "period": plabel(query),
              "columns": ["项目类别", f"{label(query.measure)}（{unit_}）", label(query.measure)],
              "rows": rows, "keys": [k for k, _ in items], **_first(rows)}
    return answer, present.rows_chart(rows, unit_)


def _ordered(items, query):
    """Largest first (smallest with 从低到高), ties by key; at most ``limit``."""
    descending = query.order != "asc"
    items = sorted(items, key=lambda kv: (-kv[1] if descending else kv[1], str(kv[0])))
    return items[: query.limit] if query.limit else items


def _first(rows):
    return {"value": rows[0][1] if rows else None, "top": rows[0][0] if rows else None}


def regions(conn, pub_id, query, lexicon):
    values = figures.project_total(conn, pub_id, query, lexicon, query.period, query.measure, group="region")
    if len(query.regions) >= 2:  # 「梅溪县和竹源县…对比」: every region named, 0 where none has a project
        values = {**dict.fromkeys(query.regions, 0), **values}
    if query.located and query.regions:  # counted where built, over every project: the regions named only
        values = {k: v for k, v in values.items() if k in query.regions}
    values = figures.drop_root(values, lexicon, "region")
    items = _ordered(values.items(), query)
    unit_ = unit(query.measure, query)
    money = _money(query.measure)

    def shown(v):
        return format_amount(int(v)) if money else present.number(v) + f" {unit_}"

    rows = [[present.region_name(lexicon, k), fen_to_yuan(int(v)) if money else round(v, 4), shown(v)]
            for k, v in items]
    answer = {"kind": "table", "unit": unit_, "period": plabel(query),
              "columns": ["地区", f"{label(query.measure)}（{unit_}）", label(query.measure)],
              "rows": rows, "keys": [k for k, _ in items], **_first(rows)}
    return answer, present.rows_chart(rows, unit_)


def years(conn, pub_id, query, lexicon):
    """Project figures year by year (a line), two years side by side, or the change between them."""
    values = figures.project_total(conn, pub_id, query, lexicon, query.period, query.measure, group="year")
    unit_ = unit(query.measure, query)
    cell = _year_cell(query, unit_)
    chosen = query.years or query.period.years
    rows = [[f"{y}年", *cell(values.get(y))] for y in chosen]
    total = sum(v or 0 for y, v in values.items() if y in chosen)
    head = f"实物产出（{unit_}）" if query.measure == Measure.OUTPUT else f"{label(query.measure)}（{unit_}）"
    answer = {"kind": "table" if query.years else "series", "unit": unit_, "period": plabel(query),
              "columns": ["年份", head, "显示"], "rows": rows,
              "value": cell(total)[0], "display": "合计 " + cell(total)[1]}  # project figures add up over years
    if query.years and len(rows) >= 2:
        _year_change(answer, query, values, chosen, cell)
    return answer, present.rows_chart(rows, unit_, line=not query.years)


def _year_cell(query, unit_):
    def cell(v):
        v = v or 0
        if _money(query.measure):
            return present.money_cells(int(v))
        if query.measure == Measure.OUTPUT:
            number = round(float(v), 4)
            return number, present.number(number) + f" {unit_}"
        return int(v), f"{int(v)} {unit_}"
    return cell


def _year_change(answer, query, values, chosen, cell):
    """Two years compared: the difference; 「多了多少」 makes it the answer, 「百分之几」 its percent change."""
    diff = (values.get(chosen[-1]) or 0) - (values.get(chosen[0]) or 0)
    answer["difference"] = cell(diff)[0]
    if query.difference:
        answer.update(kind="figure", value=cell(diff)[0], display=("增加 " if diff >= 0 else "减少 ") + cell(abs(diff))[1])
    base = values.get(chosen[0]) or 0
    if query.percent_change and base:
        change = diff / base
        answer.update(kind="figure", value=present.value(Measure.GROWTH, change), unit="%",
                      display=present.display(Measure.GROWTH, change))


def amount(conn, pub_id, query, lexicon):
    """Total investment or disbursement, with the 20 largest projects behind it."""
    total = int(figures.project_total(conn, pub_id, query, lexicon, query.period, query.measure)[None])
    n = figures.project_count(conn, pub_id, query, lexicon, query.period)
    answer = {"kind": "figure", "value": fen_to_yuan(total), "unit": "元", "display": format_amount(total),
              "period": plabel(query), "projects": n}
    answer.update(project_table(figures.project_rows(conn, pub_id, query, lexicon, query.period, limit=20)))
    return city_beside(conn, pub_id, query, lexicon, answer, total), None


def output(conn, pub_id, query, lexicon):
    total, n = figures.output_sum(conn, pub_id, query, lexicon, query.period)
    answer = {"kind": "figure", "value": round(total, 4), "unit": query.output_unit, "period": plabel(query),
              "display": present.number(total) + f" {query.output_unit}", "projects": n}
    return city_beside(conn, pub_id, query, lexicon, answer, total), None


def count(conn, pub_id, query, lexicon):
    """How many projects, with the 20 largest behind the count."""
    n = figures.project_count(conn, pub_id, query, lexicon, query.period)
    answer = {"kind": "figure", "value": n, "unit": "个", "display": f"{n} 个", "period": plabel(query), "count": n}
    answer.update(project_table(figures.project_rows(conn, pub_id, query, lexicon, query.period, limit=20)))
    return city_beside(conn, pub_id, query, lexicon, answer, n), None


def city_beside(conn, pub_id, query, lexicon, answer, total):
    """「桂岭县的项目」 are the county's own (按预算级次); the city's own projects built in the county are another
    figure, told beside the answer with its own records (answer["also"], linked by records.py), and the two
    together are the count by location (所在地). ``total`` is the answer's own figure in the measure asked."""
    code = figures.own_level(query, lexicon)
    if code is None or query.group not in (None, Group.PROJECT):
        return answer
    measure = "planned_output" if query.measure == Measure.OUTPUT and query.planned else \
        query.measure if query.measure in (Measure.INVESTMENT, Measure.DISBURSED, Measure.OUTPUT) else "count"
    flt = figures.city_built_in(query, lexicon, query.period)
    n = int(q_proj.project_totals(conn, pub_id, flt, "count")[None] or 0)
    if not n:
        return answer
    name, city = present.region_name(lexicon, code), f"{lexicon.root_name[-1]}本级"
    said = f"另有{city}在{name}境内建设的项目 {n} 个"
    if measure == "count":
        both = f"{total + n} 个"
    else:
        extra = q_proj.project_totals(conn, pub_id, flt, measure)[None] or 0
        if measure in (Measure.INVESTMENT, Measure.DISBURSED):
            said += f"，{label(query.measure)} {format_amount(int(extra))}"
            both = format_amount(int(total) + int(extra))
        else:
            said += f"，{'计划' if query.planned else '实际'}产出 {present.number(float(extra))} {query.output_unit}"
            both = f"{present.number(float(total) + float(extra))} {query.output_unit}"
    answer["also"] = {"label": f"另有{city}在{name}境内建设的项目", "count": n, "region": code,
                      "display": f"{said}（不在上面的数字里；按所在地算，建在{name}的全部项目合计 {both}）"}
    return answer


def listing(conn, pub_id, query, lexicon):
    """The projects themselves, ranked by what was asked (the most delayed first for 滞后)."""
    sort, ascending = figures.ranked_sort(query)
    if query.status == "滞后" and query.measure not in (Measure.INVESTMENT, Measure.DISBURSED, Measure.PROGRESS):
        sort, ascending = "progress", True  # the most delayed first
    rows = figures.project_rows(conn, pub_id, query, lexicon, query.period, sort=sort, ascending=ascending,
                                limit=query.limit or 50)
    total = figures.project_count(conn, pub_id, query, lexicon, query.period)
    answer = {"kind": "table", "unit": "元", "period": plabel(query), "count": total}
    answer.update(project_table(rows))
    answer["value"] = answer["rows"][0][2] if answer["rows"] else None
    if query.measure == Measure.DISBURSED:  # ranked by disbursement: show it
        answer["columns"] = answer["columns"] + ["已拨付（元）", "已拨付"]
        for row, p in zip(answer["rows"], rows):
            row += present.money_cells(p["disbursed_fen"])
        answer["value"] = fen_to_yuan(rows[0]["disbursed_fen"]) if rows else None
    if query.measure == Measure.PROGRESS:
        answer.update(unit="%", value=rows[0]["progress_pct"] if rows else None)
    answer["top"] = answer["rows"][0][0] if answer["rows"] else None
    chart = None
    if query.measure == Measure.INVESTMENT:
        chart = present.chart([r[0] for r in answer["rows"]], [r[2] for r in answer["rows"]], "元")
    return city_beside(conn, pub_id, query, lexicon, answer, total), chart


def share_measures(query):
    part = query.base_measure if query.base_measure in (Measure.INVESTMENT, Measure.DISBURSED) else Measure.COUNT
    whole = (query.share_of or {}).get("measure") or part
    return part, Measure(whole) if whole in (Measure.INVESTMENT, Measure.DISBURSED, Measure.COUNT) else part


def share_labels(query):
    """Row labels of a project share: 「农村公路项目总投资」 and 「全部项目总投资」."""
    part_measure, whole_measure = share_measures(query)
    names = {Measure.COUNT: "数量", Measure.INVESTMENT: "总投资", Measure.DISBURSED: "已拨付资金"}
    subject = (query.contractor and f"{query.contractor}承建") or query.status or query.category or ""
    if query.schedule:  # the part kept (or missed) its plan; the whole is the projects asked about
        whole = f"{query.category or ''}{query.status or '全部'}项目{names[whole_measure]}"
        return f"其中{SCHEDULE_SHORT[query.schedule]}的项目{names[part_measure]}", whole
    part = f"{subject}项目{names[part_measure]}"
    if (query.share_of or {}).get("same_projects"):
        return part, f"{subject}项目{names[whole_measure]}"
    whole_category = (query.share_of or {}).get("category")
    done = "完工" if query.completed else ""  # 「2025年完工的项目中」: the whole is that year's completed projects
    return part, f"{whole_category + done + '项目' if whole_category else '全部' + done + '项目'}{names[whole_measure]}"


SCHEDULE_SHORT = {"late": "晚于计划完工", "on_time": "按期或提前完工", "early": "提前完工", "overdue": "超过计划完工日期仍未完工"}


def project_only(query):
    """One project by its code, whatever else the question narrowed to."""
    return replace(query, regions=[], depts=[], classes=[], class_set=None, category=None, status=None,
                   output_unit=None, new_start=False)


def project_table(rows):
    return {"columns": ["项目", "状态", "总投资（元）", "总投资", "进度（%）"],
            "rows": [[p["name"], p["status"], *present.money_cells(p["total_investment_fen"]), p["progress_pct"]]
                     for p in rows],
            "codes": [p["code"] for p in rows]}


def progress_at(conn, pub_id, query, lexicon):
    """「某项目三季度末计划进度和实际进度」「…三季度末比计划落后了多少个百分点」: one named project's planned and actual
    形象进度 at the end of the quarter asked (project_quarters), and the gap when a lag is asked; anything else at a
    point of the year (many projects, a month that ends no quarter) is declined in words."""
    quarter = _quarter_asked(query.period)
    found = q_proj.quarter_progress(conn, pub_id, query.project, query.period.year_to, quarter) \
        if query.project and quarter else None
    if not found or found["actual"] is None:
        what = "这个项目在这一季度末没有公布计划和实际进度" if query.project and quarter else \
            "问答目前只能回答项目最新一次更新的形象进度，或一个具体项目在某一季度末的计划和实际进度"
        return {"kind": "figure", "nothing": f"{what}，不能回答{query.period.label()}某一时点的进度；可以问项目最新的进度，"
                                             "或在项目页查看各季度末的计划与实际进度。"}, None
    planned, actual = found["planned"], found["actual"]
    rows = [["计划进度", planned, f"{planned}%"], ["实际进度", actual, f"{actual}%"]]
    name = lexicon.project_names.get(query.project, query.project)
    answer = {"kind": "figure", "value": actual, "unit": "%", "display": f"{actual}%", "project": query.project,
              "project_name": name, "period": f"{query.period.year_to}年第{quarter}季度末", "quarter": quarter,
              "planned": planned, "columns": ["项目", "形象进度（%）", "显示"], "rows": rows}
    if query.difference:  # 「比计划落后了多少个百分点」: planned minus actual
        gap = planned - actual
        answer.update(value=gap, unit="个百分点", display=f"{'落后' if gap >= 0 else '超前'}计划 {abs(gap)} 个百分点")
    return answer, None


def _quarter_asked(period):
    """The quarter whose end a period names (「三季度末」 7—9月, 「前三季度」 1—9月 end in Q3), else None."""
    if period is None or period.multi_year or period.whole_year or period.month_to % 3:
        return None
    return period.month_to // 3


ANSWERS = (
    (lambda q: q.topic == PROGRESS_AT, progress_at),
    (lambda q: q.project is not None and q.topic is not None, facts.answer),
    (lambda q: q.measure in (Measure.PAID, Measure.PAYMENTS), paid),
    (lambda q: q.project is not None and q.group == Group.CONTRACTOR, builder),
    (lambda q: q.group == Group.CONTRACTOR, contractors),
    (lambda q: q.project is not None and q.group is None and q.measure != Measure.SHARE, record),
    (lambda q: q.measure == Measure.PROGRESS and q.group != Group.PROJECT, record),
    (lambda q: q.measure == Measure.SHARE, share),
    (lambda q: q.group == Group.CATEGORY, categories),
    (lambda q: q.group == Group.REGION, regions),
    (lambda q: q.group == Group.YEAR and q.period is not None, years),
    (lambda q: _money(q.measure) and q.group is None, amount),
    (lambda q: q.measure == Measure.OUTPUT, output),
    (lambda q: q.measure == Measure.COUNT and q.group is None, count),
)
