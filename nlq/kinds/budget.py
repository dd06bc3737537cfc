"""Answers shared by the budget kinds (figure, execution, share, ranking, comparison): one figure with the
amounts it comes from, or a table of keys (regions, departments, classes, 款) with their values."""
from dataclasses import replace

from ledger import semantics
from ledger.money import fen_to_yuan, format_amount

from .. import figures, links, present
from ..ir import MONEY, Group, Measure, Order
from ..present import label, unit


def answer(conn, pub_id, query, lexicon):
    """A table by the query's group, or one figure."""
    if query.group:
        return table(query, lexicon, ranked(conn, pub_id, query, lexicon))
    return figure(conn, pub_id, query, lexicon)


def ranked(conn, pub_id, query, lexicon):
    """[(key, value)] by the query's group: without the top level's own rows (市本级) among districts,
    passing the threshold, in the asked order (ties by key), at most ``limit``."""
    period = query.period
    values = figures.drop_root(figures.measure_by(conn, pub_id, query, lexicon, period, group=query.group),
                               lexicon, query.group)
    items = [(k, v) for k, v in values.items() if v is not None]
    if query.threshold:
        op, bound = query.threshold["op"], query.threshold["value"]
        if query.threshold.get("pace"):  # 「落后于时间进度」: the calendar's share of the year (ledger.semantics)
            bound = time_pace(conn, pub_id, period)
        elif query.threshold.get("whole"):  # 「低于全市平均水平」: the same measure over the whole publication
            bound = figures.measure_by(conn, pub_id, replace(query, group=None, regions=[], depts=[], threshold=None),
                                       lexicon, period)[None]
            items = [(k, v) for k, v in items if bound is not None]
        items = [(k, v) for k, v in items if (v < bound if op == "<" else v > bound)]
    elif query.count_only:  # 「有…支出的省份有几个」: those with an amount, not a row of 0
        items = [(k, v) for k, v in items if v]
    reverse = query.order != Order.ASC
    items.sort(key=lambda kv: (-(kv[1]) if reverse else kv[1], str(kv[0])))
    return items[: query.limit] if query.limit else items


def time_pace(conn, pub_id, period):
    """时间进度 (ledger.semantics.expected_pace) at the period's last month; a whole year at its last month with
    data (「今年」 in October: 10÷12, as /compare shows it; a finished year: 100 %)."""
    month = period.month_to or figures.last_month(conn, pub_id, period.year_to) or 12
    return semantics.expected_pace(month)


def table(query, lexicon, items):
    """The answer of [(key, value)]: a table with a bar chart; 「…有几个」 counts the rows; 「A比B多多少」 is
    the difference of the first two."""
    rows = [present.row(present.name(lexicon, query.group, k), query.measure, v) for k, v in items]
    chart = present.rows_chart(rows, unit(query.measure))
    period = query.period.label()
    if query.count_only:  # 「…的区县有几个」: the count, with the ones counted as the table
        head = {Group.REGION: "地区", Group.DEPT: "部门", Group.CLASS: "科目"}.get(query.group, "名称")
        return {"kind": "figure", "value": len(rows), "unit": "个", "display": f"{len(rows)} 个", "period": period,
                "columns": present.columns(head, query.measure, query), "rows": rows, "keys": [k for k, _ in items]}, chart
    result = {"kind": "table", "unit": unit(query.measure), "period": period,
              "columns": present.columns(present.HEADS[query.group], query.measure, query), "rows": rows,
              "keys": [k for k, _ in items]}
    if rows:
        result["value"] = rows[0][1]
        result["top"] = rows[0][0]
    if query.rank_of is not None:  # 「湖南在全国排第几」: its place among all, the whole ranking shown
        keys = [k for k, _ in items]
        if query.rank_of not in keys:
            return {"kind": "figure", "nothing": "所问的一项在这个排名中没有数字，排不出名次。"}, None
        place, name = keys.index(query.rank_of) + 1, present.name(lexicon, query.group, query.rank_of)
        row = rows[place - 1]
        result.update(value=place, unit="名", display=f"第{place}名", top=name, position=place,
                      sentence=f"{period}{name}{label(query.measure) if query.measure != Measure.SPENT else '支出'}"
                               f"{str(row[-1]).replace(' ', '')}，在{len(rows)}个中排第{place}名（从高到低）。")
        return result, chart
    if query.position and query.position > 1:  # 「第二多的」: that place, with the rows above it
        if len(rows) < query.position:
            return {"kind": "figure", "nothing": f"排名只有 {len(rows)} 项，没有第{query.position}名。"}, None
        result["value"], result["top"] = rows[query.position - 1][1], rows[query.position - 1][0]
        result["position"] = query.position
    if query.topic == "times" and len(items) == 2:  # 「A是B的几倍」: A over B, both figures shown and linked
        if None in (items[0][1], items[1][1]) or not items[1][1]:
            return {"kind": "figure", "nothing": f"{rows[1][0]}没有可比的数字，算不出倍数。"}, None
        times = round(items[0][1] / items[1][1], 2)
        result.update(kind="figure", value=float(times), unit="倍", display=f"{times:.2f} 倍", times=True)
    if query.difference and len(items) >= 2 and None not in (items[0][1], items[1][1]):
        diff = items[0][1] - items[1][1]
        if query.gap:  # 「谁多？多多少」「A和B差多少」: no side is subtracted from the other, the larger is named
            larger, smaller = (rows[0], rows[1]) if diff >= 0 else (rows[1], rows[0])
            diff = abs(diff)
            result["top"] = larger[0]
        shown = present.display(query.measure, diff) \
            if query.measure in (Measure.SPENT, Measure.BUDGET, Measure.REMAINING) else f"{diff * 100:.1f} 个百分点"
        result.update(kind="figure", value=present.value(query.measure, diff), display=shown)
        if query.gap:
            result["rows"] = rows + [[f"{larger[0]}比{smaller[0]}多", result["value"], shown]]
    return result, chart


def figure(conn, pub_id, query, lexicon):
    """One figure; a rate or share shows the two amounts it divides, a balance the budget and the spending."""
    period = query.period
    raw = figures.measure_by(conn, pub_id, query, lexicon, period)[None]
    result = {"kind": "figure", "value": present.value(query.measure, raw), "unit": unit(query.measure),
              "display": present.display(query.measure, raw), "period": period.label()}
    if query.measure in (Measure.RATE, Measure.SHARE):
        result.update(columns=["项目", "金额（元）", "金额"], rows=_ratio_rows(conn, pub_id, query, lexicon))
    if query.periods and not query.group and query.measure in MONEY:  # 「9月和10月加起来」: each month a row
        result.update(summed=True, columns=["月份", "金额（元）", "金额"], rows=[
            present.row(p.label(), query.measure, figures.measure_by(conn, pub_id, query, lexicon, p)[None])
            for p in query.periods])
    parts = summed_parts(query)
    if parts:  # 「教育和社保加起来」「A、B两区合计」: the sum, each part named as a row beside it
        result.update(summed=True, columns=["项目", "金额（元）", "金额"], rows=[
            present.row(_part_name(part, query, lexicon), query.measure,
                        figures.measure_by(conn, pub_id, part, lexicon, period)[None])
            for part in parts])
    if query.measure == Measure.REMAINING:  # show the two figures the balance comes from
        months = (period.month_from, period.month_to)
        spent = figures.sums(conn, pub_id, query, lexicon, period.years, months)[None]
        budget = figures.sums(conn, pub_id, query, lexicon, period.years, measure="budget")[None]
        result.update(columns=["项目", "金额（元）", "金额"],
                      rows=[["预算", *present.money_cells(budget)], ["已支出", *present.money_cells(spent)],
                            ["预算余额", *present.money_cells(budget - spent)]])
    return result, None


def summed_parts(query):
    """The queries of the regions, classes or departments a money figure adds up when several are named, else []."""
    if query.group or query.measure not in (Measure.SPENT, Measure.BUDGET):
        return []
    if len(query.classes) >= 2:
        return [replace(query, classes=[c]) for c in query.classes]
    if len(query.depts) >= 2:
        return [replace(query, depts=[d]) for d in query.depts]
    if len(query.regions) >= 2:
        return [replace(query, regions=[r]) for r in query.regions]
    return []


def _part_name(part, query, lexicon):
    """The name of one part of a sum: its class, department or region (the list the sum is taken over)."""
    if len(query.classes) >= 2:
        return present.class_name(lexicon, part.classes[0])
    if len(query.depts) >= 2:
        return lexicon.dept_names.get(part.depts[0], part.depts[0])
    return present.region_name(lexicon, part.regions[0])


def _ratio_rows(conn, pub_id, query, lexicon):
    """[[支出, 元, 显示], [预算 | 总支出, 元, 显示]]: what a rate or share divides."""
    period = query.period
    by_budget = query.measure == Measure.SHARE and query.base_measure == Measure.BUDGET
    part = figures.sums(conn, pub_id, query, lexicon, period.years, (period.month_from, period.month_to),
                        measure="budget" if by_budget else "spent")[None]
    if query.measure == Measure.RATE:
        whole = figures.sums(conn, pub_id, query, lexicon, period.years, measure="budget")[None]
    else:
        whole = figures.share_whole(conn, pub_id, query, lexicon, period)
    first = "预算" if by_budget else "支出"
    second = "预算" if query.measure == Measure.RATE else "总预算" if by_budget else "总支出"
    if query.measure == Measure.SHARE and query.share_of and not by_budget \
            and (query.share_of.get("classes") or query.share_of.get("class_set")):
        # 「占全国教育支出」: the row names the class divided by, never 总支出 (a whole it is not)
        second = share_whole_words(query, lexicon, present.scope_words(query, lexicon)[0], "")
    return [[first, fen_to_yuan(part), format_amount(part)], [second, fen_to_yuan(whole), format_amount(whole)]]


def words(query, lexicon, coverage=None):
    """「2025年各区教育支出的执行率，从低到高，前3名」: a figure, an execution rate, a share or a ranking in words."""
    region, _dept, _cls = present.scope_words(query, lexicon)
    scope = present.scope_phrase(query, lexicon, coverage)
    text = scope if query.measure == Measure.SPENT else f"{scope}的{label(query.measure)}"
    if query.measure == Measure.PER_CAPITA and query.base_measure == Measure.BUDGET:
        text = f"{scope}的人均预算"
    if query.measure == Measure.GROWTH:
        base = f"{query.period.year_from}年" if query.period.multi_year else "上年同期" if not query.period.whole_year \
            else "上年"
        if query.base_measure == Measure.BUDGET and query.group:  # 「哪类预算增长最快」: budgets compared, said so
            scope = scope.replace("总支出", "总预算").replace("支出", "支出预算") if "支出" in scope else f"{scope}预算"
        text = f"{scope}相比{base}的增长率"
        if query.base_measure == Measure.RATE:
            text = f"{scope}的执行率相比{base}的变化（百分点）"
    if query.measure == Measure.SHARE:
        text = _share_words(query, lexicon, scope, region)
    if query.threshold:
        bound = query.threshold["value"]
        shown = "时间进度（月份÷12）" if query.threshold.get("pace") else \
            f"{lexicon.root_name}整体水平" if query.threshold.get("whole") else \
            present.display(query.measure, bound).replace(" ", "") if query.measure in MONEY else f"{bound * 100:g}%"
        text += f"（{'低于' if query.threshold['op'] == '<' else '高于'}{shown}）"
    if query.count_only:
        if not query.threshold:  # 「市直部门有几个」: those with spending (or a budget) in the period, counted
            return text.replace("总支出", "").replace("总预算", "") + "的个数（按金额不为0的计）"
        return text + "的个数"
    if query.order:
        text += "，从高到低" if query.order == Order.DESC else "，从低到高"
    if summed_parts(query):  # 「教育和社保加起来」: the parts named, added up
        text += "合计"
    elif query.periods and not query.group:  # 「9月和10月加起来」
        text += f"（{'、'.join(f'{p.month_to}月' for p in query.periods)}合计）"
    if query.rank_of is not None:
        text += f"，{present.name(lexicon, query.group, query.rank_of)}的名次"
    elif query.position and query.position > 1:
        text += f"，第{query.position}名（列出前{query.position}名）"
    elif query.limit:
        text += f"，前{query.limit}名"
    return text


def _share_words(query, lexicon, scope, region):
    whole = share_whole_words(query, lexicon, region, present.subject(query, lexicon))
    if query.base_measure == Measure.BUDGET:  # 「云峰县预算占示例市总预算的比例」
        scope = scope.replace("总支出", "预算") if "总支出" in scope else f"{scope}预算"
        whole = whole.replace("总支出", "总预算") if "总支出" in whole else f"{whole}预算"
    return f"{scope}占{whole}的比例"


def share_whole_words(query, lexicon, region, what):
    """What a share is taken of, in words: 「示例市教育支出」, 「民生支出」, 「2026年全年总支出」."""
    if not query.share_of:
        return "总支出"
    regions = query.share_of.get("regions")
    where = (present.regions_words(lexicon, regions) or lexicon.root_name) if regions is not None \
        else (region if query.regions else "")
    whole = where + ("、".join(present.class_name(lexicon, c) for c in query.share_of.get("classes") or [])
                     or ("民生支出" if query.share_of.get("class_set") else "总支出"))
    if query.share_of.get("whole_year"):  # 「占今年累计」: the year so far, not 「全年」
        span = "累计" if query.share_of["whole_year"] == "to_date" else "全年"
        whole = f"{query.period.year_to}年{span}" + (where + "总支出" if where else what)
    return whole


def records(query, lexicon, pub_id, answer):
    """The records of the figure's scope; for each row of the answer, the records it adds up."""
    scope = figures.period_scope(query, lexicon, query.period)
    by_budget = query.measure == Measure.BUDGET or (query.measure in (Measure.SHARE, Measure.PER_CAPITA)
                                                    and query.base_measure == Measure.BUDGET)
    out = {"records": links.records(scope, "budget" if by_budget else "spent", pub_id)}
    rows = _row_records(query, lexicon, pub_id, answer or {}, scope)
    if rows:
        out["rows"] = rows
    if query.measure == Measure.SHARE and rows:  # a share links its numerator's and its denominator's records
        if query.group and len(rows) == 1:  # 「哪个区民生支出占比最高」: the answer's region, not all of them
            out["records"] = rows[0]["records"]["part"]
        out["records_whole"] = rows[0]["records"]["whole"] if query.group and len(rows) == 1 else \
            None if query.group else next(iter(rows[1]["records"].values()))
        out = {k: v for k, v in out.items() if v}
    if query.measure == Measure.PER_CAPITA:  # the population divided by: its row of the published regions table
        out.update(_population_links(scope, query.group, answer or {}, rows or []))
    return out


def _population_links(scope, group, answer, rows):
    """{"population": /data/regions.csv of the scope's regions (the top level for the whole area)}; a ranking's
    rows each get their region's, and a one-row ranking's records are that region's."""
    if group == Group.REGION:
        for row, key in zip(rows, answer.get("keys") or []):
            row["population"] = links.population((key,))  # beside its records: not an amount to add up
        if len(rows) == 1:
            return {"records": next(iter(rows[0]["records"].values())), "population": rows[0]["population"]}
        return {}
    return {"population": links.population(scope.regions or ((scope.region,) if scope.region else ()))}


def _row_records(query, lexicon, pub_id, answer, scope):
    rows = answer.get("rows") or []
    if query.group and query.measure == Measure.SHARE:
        return _share_rows(query, lexicon, pub_id, answer)
    if query.group and query.measure == Measure.GROWTH:
        return _growth_rows(query, lexicon, pub_id, answer)
    if query.group:  # one row per key: the key's own records
        if query.measure not in links.RECORDS:
            return None
        per_budget = query.measure == Measure.PER_CAPITA and query.base_measure == Measure.BUDGET  # 人均预算
        measure = Measure.BUDGET if per_budget else query.measure
        return [links.row(r[0], links.sides(measure, links.narrow(scope, query.group, k), pub_id))
                for k, r in zip(answer.get("keys") or [], rows)]
    if query.measure == Measure.SHARE and len(rows) == 2:
        part, whole, _keys = figures.share_scopes(query, lexicon, query.period)
        side = figures.share_measure(query)
        return [links.row(rows[0][0], {side: links.records(part, side, pub_id)}),
                links.row(rows[1][0], {side: links.records(whole, side, pub_id)})]
    if query.measure == Measure.RATE and rows:  # 支出, 预算
        return [links.row(rows[0][0], {"spent": links.records(scope, "spent", pub_id)}),
                links.row(rows[1][0], {"budget": links.records(scope, "budget", pub_id)})]
    if query.periods and not query.group and len(rows) == len(query.periods):  # each month of a sum: its records
        side = "budget" if query.measure == Measure.BUDGET else "spent"
        return [links.row(row[0], {side: links.records(figures.period_scope(query, lexicon, p), side, pub_id)})
                for row, p in zip(rows, query.periods)]
    parts = summed_parts(query)
    if parts and len(rows) == len(parts):  # each part of a sum: its own records
        side = "budget" if query.measure == Measure.BUDGET else "spent"
        return [links.row(row[0], {side: links.records(figures.period_scope(part, lexicon, query.period), side, pub_id)})
                for row, part in zip(rows, parts)]
    if query.measure == Measure.REMAINING and rows:  # 预算, 已支出, 预算余额
        return [links.row(rows[0][0], {"budget": links.records(scope, "budget", pub_id)}),
                links.row(rows[1][0], {"spent": links.records(scope, "spent", pub_id)}),
                links.row(rows[2][0], links.sides(Measure.REMAINING, scope, pub_id))]
    return None


def _growth_rows(query, lexicon, pub_id, answer):
    """Each row of a ranking (or count) by growth: the records of its base period and of this period, narrowed
    to the row's key ({"base_spent": …, "this_spent": …}; a rate's change: spent and budget of both)."""
    _last, _first, this, base = figures.growth_scopes(query, lexicon, query.period)
    measure = figures.growth_measure(query)
    sides = ("spent", "budget") if measure == "rate" else (measure,)
    rows = []
    for key, row in zip(answer.get("keys") or [], answer.get("rows") or []):
        scopes = {"base": links.narrow(base, query.group, key), "this": links.narrow(this, query.group, key)}
        if None in scopes.values():
            return None
        rows.append(links.row(row[0], {f"{when}_{side}": links.records(scope, side, pub_id)
                                       for when, scope in scopes.items() for side in sides}))
    return rows


def _share_rows(query, lexicon, pub_id, answer):
    """Each row of a ranking by share: the records of its numerator (part) and of its denominator (whole),
    both narrowed to the row's key (the whole stays one when every row is measured against it: 全市)."""
    part, whole, one_whole = figures.share_scopes(query, lexicon, query.period, query.group)
    side = figures.share_measure(query)
    if links.narrow(part, query.group, "") is None:  # a grouping without a records filter
        return None
    return [links.row(row[0], {"part": links.records(links.narrow(part, query.group, key), side, pub_id),
                               "whole": links.records(whole if one_whole else links.narrow(whole, query.group, key),
                                                      side, pub_id)})
            for key, row in zip(answer.get("keys") or [], answer.get("rows") or [])]
