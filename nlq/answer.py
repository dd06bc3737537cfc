"""ask(): question → parse → execute → an answer with a number, a table and a chart option."""
import datetime as dt
from dataclasses import replace
from urllib.parse import urlencode

from sqlalchemy import or_, select

from ledger.errors import UserError
from ledger.money import fen_to_yuan, format_amount
from ledger.schema import departments, projects

from . import figures as ex
from .ir import Query
from .lexicon import for_publication, semantic
from .parser import latest_period, parse
from .text import MAX_QUESTION_CHARS, fix_homophones, normalize, printable
from .timeparse import Period

MEASURE_LABELS = {"spent": "支出", "budget": "预算", "rate": "执行率", "share": "占比", "growth": "同比增长",
                  "count": "项目数", "output": "实物产出", "investment": "总投资", "progress": "进度",
                  "per_capita": "人均支出", "disbursed": "已拨付资金", "remaining": "预算余额（预算 − 已支出）"}


class QuestionError(UserError):
    """A question that cannot be asked as given (empty, too long, bad date)."""


def check_question(question):
    if question is None or not question.strip():
        raise QuestionError("empty_question", "请输入一个问题，例如「2024年教育支出是多少？」")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError("question_too_long", f"问题太长了（最多 {MAX_QUESTION_CHARS} 个字），请简短一些。")
    if not printable(normalize(question)):
        raise QuestionError("unreadable_question", "没有看懂这个问题，请用文字提问，例如「今年各区预算执行率」。")


def embedding_matcher(config, lexicon, threshold=0.88):
    """Unknown words → nearest class names by e5 embeddings (loads the model on first use)."""
    if not (config or {}).get("NLQ_EMBEDDINGS", True):
        return None

    def match(words):
        from ledger.embedding import get_model

        model = get_model(config)
        candidates = lexicon.class_candidates()
        key = ("_emb", id(lexicon))
        cache = getattr(lexicon, "_embedding_cache", None)
        if cache is None or cache[0] != key:
            vectors = model.encode([c[0] for c in candidates], prompt_name="query", normalize_embeddings=True)
            cache = (key, vectors)
            lexicon._embedding_cache = cache
        vectors = cache[1]
        query_vec = model.encode([" ".join(words)], prompt_name="query", normalize_embeddings=True)[0]
        scores = vectors @ query_vec
        best = {}
        for (surface, entry), score in zip(candidates, scores):
            if score > best.get(entry, (0, None))[0]:
                best[entry] = (float(score), surface)
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        if not ranked or ranked[0][1][0] < threshold:
            return []
        # the best match answers; the next two become 「您是不是想问」 alternatives
        return [(entry, score) for entry, (score, _s) in ranked[:3]]

    return match


def ask(conn, publication, question, *, as_of=None, config=None, use_embeddings=True):
    """The full answer as a JSON-ready dict. Raises QuestionError for unusable input."""
    check_question(question)
    as_of = as_of or dt.date.today()
    pub_id = publication["id"]
    lexicon = for_publication(conn, pub_id, config)
    text = normalize(question)
    text, typos = fix_homophones(text, semantic().get("homophones", {}).get("terms", []),
                                 [(a, b) for a, b, _s, _e in lexicon.scan(text)])
    years = ex.available_years(conn, pub_id)
    latest = max([y for y in years if y <= as_of.year] or years or [as_of.year])
    matcher = embedding_matcher(config, lexicon) if use_embeddings else None
    parsed = parse(text, lexicon, as_of, latest_year=latest, matcher=matcher)
    parsed.notes[:0] = [f"「{typed}」按「{meant}」理解" for typed, meant in typos]
    result = {
        "question": question,
        "normalized": text,
        "as_of": as_of.isoformat(),
        "publication": pub_id,
        "understood": None,
        "query": None,
        "chips": [],
        "confidence": parsed.confidence,
        "notes": parsed.notes,
        "answer": None,
        "chart": None,
        "alternatives": [],
        "search_fallback": None,
        "coverage": None,
        "links": {},
    }
    if parsed.query is None:
        result["search_fallback"] = keyword_fallback(conn, pub_id, text, parsed.unknown)
        result["understood"] = "没有理解这个问题，下面是关键词搜索结果。"
        return result
    query = parsed.query
    if query.period is None:
        query.period = latest_period(latest) if query.kind != "project" else None
    if query.kind == "trend" and query.group == "year" and query.period is not None and not query.period.multi_year:
        available = [y for y in years if y <= query.period.year_to]
        query.period = replace(query.period, year_from=available[0] if available else query.period.year_from)
    notes = result["notes"]
    if query.period is not None and years and query.period.year_to > years[-1]:
        shift = query.period.year_to - years[-1]
        if query.period.since and query.period.year_from <= years[-1]:  # 2019年以来: up to the last year with data
            query.period = replace(query.period, year_to=years[-1])
            notes.append(f"数据截至{years[-1]}年，按{query.period.label()}回答")
        elif query.period.multi_year:  # 近三年 in a publication that ends earlier: the last three years with data
            query.period = replace(query.period, year_from=query.period.year_from - shift, year_to=years[-1])
            notes.append(f"数据截至{years[-1]}年，按{query.period.label()}回答")
        else:
            notes.append(f"{query.period.year_to}年暂无数据（最新数据为{years[-1]}年）")
            alt = Query(**{**query.__dict__})
            alt.period = Period(years[-1], years[-1], query.period.month_from, query.period.month_to)
            parsed.alternatives.insert(0, alt)
            parsed.confidence = min(parsed.confidence, 0.5)
            result["confidence"] = parsed.confidence
    coverage = _partial_year(conn, pub_id, query, notes)
    if query.measure == "per_capita" and not any(lexicon.region_population.values()):
        notes.append("本期数据没有发布人口数，无法计算人均支出")
    answer, chart = run(conn, pub_id, query, lexicon)
    if coverage and answer is not None:
        answer["coverage"] = coverage
    result.update(
        coverage=coverage,
        understood=restate(query, lexicon, coverage),
        query=query.to_dict(),
        chips=chips(query, lexicon),
        answer=answer,
        chart=chart,
        links=links(query, question, as_of, pub_id),
    )
    if parsed.confidence < 0.8:
        result["alternatives"] = [
            {"understood": restate(alt, lexicon), "question": canonical_question(alt, lexicon)}
            for alt in parsed.alternatives[:3]
        ]
    return result


def _partial_year(conn, pub_id, query, notes):
    """「2026年截至10月」 when the period's last year has spending data for only part of the year.

    Year-on-year growth over such a year compares the same months of both years (同期)."""
    period = query.period
    if query.kind == "project" or period is None or not period.whole_year or query.measure == "budget" \
            or (query.measure == "share" and query.base_measure == "budget"):
        return None
    last = ex.last_month(conn, pub_id, period.year_to)
    if not 0 < last < 12:
        return None
    if query.kind == "growth" and query.versus == "previous":  # 环比 with no month named: the latest month
        query.period = replace(period, year_from=period.year_to, month_from=last, month_to=last)
        return None
    if query.kind == "growth" or query.measure == "growth":
        if query.base_measure == "budget":  # budgets are annual
            return None
        query.period = replace(period, month_from=1, month_to=last)
        base = f"{period.year_from}年同期" if period.multi_year else "上年同期"
        notes.append(f"{period.year_to}年数据截至{last}月，与{base}（1—{last}月）比较")
        return None
    return f"{period.year_to}年截至{last}月" if period.multi_year else f"截至{last}月"


# ---- running a query ----------------------------------------------------------


def _name(lexicon, group, key):
    if group == "region":
        return _region_name(lexicon, key)
    if group == "dept":
        return lexicon.dept_names.get(key, key)
    if group in ("class", "kuan"):
        return _class_name(lexicon, key)
    if group == "year":
        return f"{key}年"
    return str(key)


def _class_name(lexicon, code):
    if code in lexicon.class_names:
        return lexicon.class_names[code]
    name = lexicon.kuan_names.get(code, code)
    return name if name.endswith("支出") else name + "支出"


def _region_name(lexicon, code):
    """A region's name; the top level named on its own means its own rows (市本级); "*" is the whole."""
    if code == "*":
        return f"{lexicon.root_name}（全{lexicon.root_name[-1:]}合计）"
    if code == lexicon.root_code:
        return lexicon.root_name[-1] + "本级" if lexicon.root_name != "全国" else "中央本级"
    return lexicon.region_names.get(code, code)


def _value(measure, raw):
    """Numbers for JSON: 元 for money, percent for rates."""
    if raw is None:
        return None
    if measure in ("spent", "budget", "investment", "disbursed", "remaining"):
        return fen_to_yuan(raw)
    if measure == "per_capita":
        return round(raw / 100, 2)
    if measure in ("rate", "share", "growth"):
        return round(raw * 100, 4)
    return raw


def _unit(measure, query=None):
    return {"spent": "元", "budget": "元", "remaining": "元", "investment": "元", "disbursed": "元", "per_capita": "元/人", "rate": "%",
            "share": "%", "growth": "%", "count": "个", "progress": "%"}.get(measure, (query.output_unit if query else "") or "")


def _display(measure, raw):
    if raw is None:
        return "—"
    if measure in ("spent", "budget", "investment", "disbursed", "remaining"):
        return format_amount(raw)
    if measure == "per_capita":
        return f"{raw / 100:,.2f} 元/人"
    if measure in ("rate", "share", "growth"):
        return f"{raw * 100:.1f}%"
    if isinstance(raw, float):
        return f"{raw:,.2f}".rstrip("0").rstrip(".")
    return f"{raw:,}"


def run(conn, pub_id, query, lexicon):
    period = query.period
    label = MEASURE_LABELS[query.measure]
    if query.kind == "project":
        return _run_project(conn, pub_id, query, lexicon)
    if query.kind == "growth" and query.base_measure == "rate":
        last, first, this, base, change = ex.growth(conn, pub_id, query, lexicon, period)
        rows = [[f"{y}年", _value("rate", v), _display("rate", v)] for y, v in ((first, base), (last, this))]
        answer = {"kind": "figure", "value": _value("rate", change), "unit": "个百分点",
                  "display": "—" if change is None else f"{'提高' if change >= 0 else '下降'} {abs(change) * 100:.2f} 个百分点",
                  "period": period.label(), "columns": ["年份", "执行率（%）", "执行率"], "rows": rows}
        return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], "%", line=True)
    if query.kind == "growth":
        last, first, this, base, growth = ex.growth(conn, pub_id, query, lexicon, period)
        labels = (f"{first}年", f"{last}年")
        if isinstance(first, tuple):  # 环比: the months just before
            labels = (Period(first[0], first[0], first[1], first[2]).label(), period.label())
        rows = [[labels[0], fen_to_yuan(base), format_amount(base)], [labels[1], fen_to_yuan(this), format_amount(this)]]
        answer = {"kind": "figure", "value": _value("growth", growth), "unit": "%",
                  "display": _display("growth", growth), "period": period.label(),
                  "difference": fen_to_yuan(this - base), "difference_display": format_amount(this - base),
                  "columns": ["年份", "金额（元）", "金额"], "rows": rows}
        if query.difference:  # 「比前年多了多少钱」 asks for the amount; the rate comes second
            answer.update(value=answer["difference"], unit="元", display=answer.pop("difference_display"),
                          growth=_value("growth", growth), growth_display=_display("growth", growth))
        return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], "元", line=True)
    if query.kind == "trend" and query.group in ("month", "quarter") and query.measure == "rate":
        return _progress_by_month(conn, pub_id, query, lexicon)
    if query.kind == "trend" and query.group in ("month", "quarter"):
        values = ex.measure_by(conn, pub_id, query, lexicon, period, group="month")
        values = {m: v for m, v in values.items() if m}  # month 0 (whole-year rows) has no month
        if query.group == "quarter":
            quarters = {}
            for m, v in values.items():
                quarters[(m - 1) // 3 + 1] = quarters.get((m - 1) // 3 + 1, 0) + v
            values, name = quarters, "第{}季度"
        else:
            name = "{}月"
        rows = [[name.format(k), _value(query.measure, values[k]), _display(query.measure, values[k])] for k in sorted(values)]
        answer = {"kind": "series", "unit": _unit(query.measure), "period": period.label(),
                  "columns": ["季度" if query.group == "quarter" else "月份", f"{label}（{_unit(query.measure)}）", label],
                  "rows": rows,
                  "value": rows[-1][1] if rows else None}
        return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], _unit(query.measure))
    if query.kind == "comparison" and query.group == "period":
        items = [(p, ex.measure_by(conn, pub_id, query, lexicon, p)[None]) for p in query.periods]
        rows = [[_period_name(p), _value(query.measure, v), _display(query.measure, v)] for p, v in items]
        answer = {"kind": "table", "unit": _unit(query.measure), "period": "、".join(r[0] for r in rows),
                  "columns": ["时期", f"{label}（{_unit(query.measure)}）", label], "rows": rows,
                  "value": rows[0][1] if rows else None}
        if None not in (items[0][1], items[-1][1]):
            diff = items[-1][1] - items[0][1]
            answer["difference"] = _value(query.measure, diff)
            if query.difference:
                answer.update(kind="figure", value=answer["difference"], display=_display(query.measure, diff))
        return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], _unit(query.measure))
    if query.kind == "comparison" and query.group == "year":
        values = ex.measure_by(conn, pub_id, query, lexicon, period, group="year")
        items = [(y, values.get(y)) for y in query.years]
        rows = [[f"{y}年", _value(query.measure, v), _display(query.measure, v)] for y, v in items]
        answer = {"kind": "table", "unit": _unit(query.measure), "period": period.label(),
                  "columns": ["年份", f"{label}（{_unit(query.measure)}）", label], "rows": rows,
                  "keys": [y for y, _ in items], "value": rows[0][1] if rows else None}
        if len(items) >= 2 and None not in (items[0][1], items[-1][1]):
            diff = items[-1][1] - items[0][1]
            answer["difference"] = _value(query.measure, diff)
            if query.difference:
                answer.update(kind="figure", value=answer["difference"], display=_display(query.measure, diff))
        return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], _unit(query.measure))
    if query.kind == "trend":
        values = ex.measure_by(conn, pub_id, query, lexicon, period, group="year")
        years = [y for y in period.years if y in values]
        rows = [[f"{y}年", _value(query.measure, values[y]), _display(query.measure, values[y])] for y in years]
        answer = {"kind": "series", "unit": _unit(query.measure), "period": period.label(),
                  "columns": ["年份", f"{label}（{_unit(query.measure)}）", label], "rows": rows,
                  "value": rows[-1][1] if rows else None}
        return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], _unit(query.measure), line=True)
    if query.group:
        values = ex.measure_by(conn, pub_id, query, lexicon, period, group=query.group)
        values = ex.drop_root(values, lexicon, query.group)
        if query.kind == "comparison":
            keys = query.regions if query.group == "region" else query.depts if query.group == "dept" else query.classes
            if query.group in ("region", "dept"):  # compare: group by the named items only
                values = {k: ex.measure_by(conn, pub_id, _only(query, query.group, k), lexicon, period)[None] for k in keys}
            else:
                values = {k: ex.measure_by(conn, pub_id, _only(query, "class", k), lexicon, period)[None] for k in keys}
            items = [(k, values.get(k)) for k in keys]
        else:
            items = [(k, v) for k, v in values.items() if v is not None]
            if query.threshold:
                op, limit_value = query.threshold["op"], query.threshold["value"]
                items = [(k, v) for k, v in items if (v < limit_value if op == "<" else v > limit_value)]
            reverse = query.order != "asc"
            items.sort(key=lambda kv: (-(kv[1]) if reverse else kv[1], str(kv[0])))
            if query.limit:
                items = items[: query.limit]
        rows = [[_name(lexicon, query.group, k), _value(query.measure, v), _display(query.measure, v)] for k, v in items]
        if query.count_only:  # 「…的区县有几个」: the count, with the ones counted as the table
            head = {"region": "地区", "dept": "部门", "class": "科目"}.get(query.group, "名称")
            answer = {"kind": "figure", "value": len(rows), "unit": "个", "display": f"{len(rows)} 个",
                      "period": period.label(), "columns": [head, f"{label}（{_unit(query.measure)}）", label],
                      "rows": rows, "keys": [k for k, _ in items]}
            return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], _unit(query.measure))
        head = {"region": "地区", "dept": "部门", "class": "科目", "kuan": "科目（款）"}[query.group]
        answer = {"kind": "table", "unit": _unit(query.measure), "period": period.label(),
                  "columns": [head, f"{label}（{_unit(query.measure)}）", label], "rows": rows,
                  "keys": [k for k, _ in items]}
        if rows:
            answer["value"] = rows[0][1]
            answer["top"] = rows[0][0]
        if query.difference and len(items) >= 2 and None not in (items[0][1], items[1][1]):
            diff = items[0][1] - items[1][1]
            answer.update(kind="figure", value=_value(query.measure, diff), display=_display(query.measure, diff)
                          if query.measure in ("spent", "budget", "remaining") else f"{diff * 100:.1f} 个百分点")
        return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], _unit(query.measure))
    value = ex.measure_by(conn, pub_id, query, lexicon, period)[None]
    answer = {"kind": "figure", "value": _value(query.measure, value), "unit": _unit(query.measure),
              "display": _display(query.measure, value), "period": period.label()}
    if query.measure in ("rate", "share"):
        by_budget = query.measure == "share" and query.base_measure == "budget"
        spent = ex.sums(conn, pub_id, query, lexicon, period.years, (period.month_from, period.month_to),
                        measure="budget" if by_budget else "spent")[None]
        other = (ex.sums(conn, pub_id, query, lexicon, period.years, measure="budget")[None] if query.measure == "rate"
                 else ex.amounts(conn, pub_id, ex.share_scopes(query, lexicon, period)[1],
                                 measure=ex.share_measure(query))[None])
        first_label = "预算" if by_budget else "支出"
        second = "预算" if query.measure == "rate" else "总预算" if by_budget else "总支出"
        answer.update(columns=["项目", "金额（元）", "金额"],
                      rows=[[first_label, fen_to_yuan(spent), format_amount(spent)],
                            [second, fen_to_yuan(other), format_amount(other)]])
    if query.measure == "remaining":  # show the two figures the balance comes from
        spent = ex.sums(conn, pub_id, query, lexicon, period.years, (period.month_from, period.month_to))[None]
        budget = ex.sums(conn, pub_id, query, lexicon, period.years, measure="budget")[None]
        answer.update(columns=["项目", "金额（元）", "金额"],
                      rows=[["预算", fen_to_yuan(budget), format_amount(budget)],
                            ["已支出", fen_to_yuan(spent), format_amount(spent)],
                            ["预算余额", fen_to_yuan(budget - spent), format_amount(budget - spent)]])
    return answer, None


def _period_name(period):
    """「2025年上半年（1—6月）」「2025年第2季度（4—6月）」, else the plain label."""
    span = (period.month_from, period.month_to)
    name = {(1, 6): "上半年", (7, 12): "下半年", (1, 9): "前三季度"}.get(span)
    if name is None and span[0] % 3 == 1 and span[1] == span[0] + 2:
        name = f"第{span[1] // 3}季度"
    return f"{period.year_to}年{name}（{span[0]}—{span[1]}月）" if name else period.label()


def _progress_by_month(conn, pub_id, query, lexicon):
    """Execution progress through the year: spending from January to the end of each month (or quarter)
    over the annual budget — the figure finance bureaus publish as 执行进度."""
    period = query.period
    year = period.year_to
    monthly = ex.sums(conn, pub_id, query, lexicon, [year], (1, 12), group="month")
    budget = ex.sums(conn, pub_id, query, lexicon, [year], measure="budget")[None]
    last = max([m for m in monthly if m] or [0])
    ends = [m for m in range(1, last + 1)] if query.group == "month" else [m for m in (3, 6, 9, 12) if m <= last]
    if query.group == "quarter" and last % 3:
        ends.append(last)  # a quarter still running: up to its last published month
    rows, running = [], 0
    for end in ends:
        running = sum(v for m, v in monthly.items() if m and m <= end)
        rate = running / budget if budget else None
        label = f"{end}月" if query.group == "month" else f"第{(end - 1) // 3 + 1}季度末" + ("" if end % 3 == 0 else f"（截至{end}月）")
        rows.append([label, _value("rate", rate), _display("rate", rate), fen_to_yuan(running), format_amount(running)])
    answer = {"kind": "series", "unit": "%", "period": f"{year}年",
              "columns": ["截至", "累计执行率（%）", "累计执行率", "累计支出（元）", "累计支出"], "rows": rows,
              "value": rows[-1][1] if rows else None, "budget": fen_to_yuan(budget)}
    return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], "%", line=True)


def _only(query, group, key):
    from dataclasses import replace

    if group == "region":
        return replace(query, regions=[] if key == "*" else [key])
    if group == "dept":
        return replace(query, depts=[key])
    return replace(query, classes=[key], class_set=None)


def _run_project(conn, pub_id, query, lexicon):
    period = query.period
    plabel = period.label() if period else "全部年度"
    if query.group == "contractor":
        ranking = ex.contractor_ranking(conn, pub_id, query, lexicon, period, query.limit or 1)
        if query.contractors:  # compared: in the order named
            ranking.sort(key=lambda r: query.contractors.index(r[0]) if r[0] in query.contractors else 99)
        rows = [[name, n, fen_to_yuan(inv), format_amount(inv)] for name, n, inv in ranking]
        answer = {"kind": "table", "unit": "个", "period": plabel, "columns": ["承包商", "项目数（个）", "总投资（元）", "总投资"],
                  "rows": rows, "value": rows[0][1] if rows else None, "top": rows[0][0] if rows else None}
        return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], "个")
    if query.measure == "progress" and query.group != "project":
        rows = ex.project_rows(conn, pub_id, _project_only(query), lexicon, None)
        p = rows[0] if rows else None
        if p is None:
            return {"kind": "figure", "value": None, "unit": "%", "display": "—", "period": plabel}, None
        table = [["状态", p["status"]], ["进度", f"{p['progress_pct']}%"], ["总投资", format_amount(p["total_investment_fen"])],
                 ["已拨付", format_amount(p["disbursed_fen"])], ["计划完工", str(p["end_date"] or "—")],
                 ["承包商", p["contractor"] or "—"]]
        answer = {"kind": "figure", "value": p["progress_pct"], "unit": "%", "display": f"{p['status']}，进度 {p['progress_pct']}%",
                  "period": str(p["year"]) + "年", "project": p["code"], "status": p["status"],
                  "columns": ["项目", "内容"], "rows": table}
        return answer, None
    if query.measure == "share":
        part, whole = ex.project_share(conn, pub_id, query, lexicon, period)
        ratio = part / whole if whole else None
        part_label, whole_label = _project_share_labels(query)
        answer = {"kind": "figure", "value": _value("share", ratio), "unit": "%", "display": _display("share", ratio),
                  "period": plabel, "part": part, "total": whole}
        if _project_share_measures(query) == ("count", "count"):
            answer.update(count=part, columns=["项目", "数量（个）"], rows=[[part_label, part], [whole_label, whole]])
        else:
            def cell(measure, v):
                return [fen_to_yuan(v), format_amount(v)] if measure != "count" else [v, f"{v} 个"]

            part_measure, whole_measure = _project_share_measures(query)
            answer.update(columns=["项目", "数值", "显示"],
                          rows=[[part_label, *cell(part_measure, part)], [whole_label, *cell(whole_measure, whole)]])
        return answer, None
    if query.group == "category":
        values = ex.project_total(conn, pub_id, query, lexicon, period, query.measure, group="category")
        items = sorted(((k, v) for k, v in values.items() if k), key=lambda kv: (-kv[1] if query.order != "asc" else kv[1], str(kv[0])))
        if query.limit:
            items = items[: query.limit]
        money = query.measure in ("investment", "disbursed")
        unit, label = ("元" if money else "个"), MEASURE_LABELS[query.measure]
        rows = [[k, fen_to_yuan(int(v)) if money else int(v), format_amount(int(v)) if money else f"{int(v)} 个"]
                for k, v in items]
        answer = {"kind": "table", "unit": unit, "period": plabel, "columns": ["项目类别", f"{label}（{unit}）", label],
                  "rows": rows, "keys": [k for k, _ in items], "value": rows[0][1] if rows else None,
                  "top": rows[0][0] if rows else None}
        return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], unit)
    if query.group == "region":
        values = ex.drop_root(ex.project_total(conn, pub_id, query, lexicon, period, query.measure, group="region"),
                              lexicon, "region")
        items = sorted(values.items(), key=lambda kv: (-kv[1] if query.order != "asc" else kv[1], str(kv[0])))
        if query.limit:
            items = items[: query.limit]
        unit = _unit(query.measure, query)
        label = MEASURE_LABELS[query.measure]

        def shown(v):
            return format_amount(int(v)) if query.measure in ("investment", "disbursed") else \
                f"{v:,.2f}".rstrip("0").rstrip(".") + f" {unit}"

        rows = [[_region_name(lexicon, k), fen_to_yuan(int(v)) if query.measure in ("investment", "disbursed")
                 else round(v, 4), shown(v)] for k, v in items]
        answer = {"kind": "table", "unit": unit, "period": plabel, "columns": ["地区", f"{label}（{unit}）", label],
                  "rows": rows, "keys": [k for k, _ in items], "value": rows[0][1] if rows else None,
                  "top": rows[0][0] if rows else None}
        return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], unit)
    if query.group == "year" and period is not None:
        return _project_years(conn, pub_id, query, lexicon, period, plabel)
    if query.measure in ("investment", "disbursed") and query.group is None:
        total = int(ex.project_total(conn, pub_id, query, lexicon, period, query.measure)[None])
        n = ex.project_count(conn, pub_id, query, lexicon, period)
        answer = {"kind": "figure", "value": fen_to_yuan(total), "unit": "元", "display": format_amount(total),
                  "period": plabel, "projects": n}
        sample = ex.project_rows(conn, pub_id, query, lexicon, period, limit=20)
        answer.update(_project_table(sample))
        return answer, None
    if query.measure == "output":
        total, n = ex.output_sum(conn, pub_id, query, lexicon, period)
        answer = {"kind": "figure", "value": round(total, 4), "unit": query.output_unit, "period": plabel,
                  "display": f"{total:,.2f}".rstrip("0").rstrip(".") + f" {query.output_unit}",
                  "projects": n}
        return answer, None
    if query.measure == "count" and query.group is None:
        n = ex.project_count(conn, pub_id, query, lexicon, period)
        sample = ex.project_rows(conn, pub_id, query, lexicon, period, limit=20)
        answer = {"kind": "figure", "value": n, "unit": "个", "display": f"{n} 个", "period": plabel, "count": n}
        answer.update(_project_table(sample))
        return answer, None
    sort, ascending = ex.ranked_sort(query)
    if query.status == "滞后" and query.measure not in ("investment", "disbursed", "progress"):
        sort, ascending = "progress", True  # the most delayed first
    rows = ex.project_rows(conn, pub_id, query, lexicon, period, sort=sort, ascending=ascending,
                           limit=query.limit or 50)
    total = ex.project_count(conn, pub_id, query, lexicon, period)
    answer = {"kind": "table", "unit": "元", "period": plabel, "count": total}
    answer.update(_project_table(rows))
    answer["value"] = answer["rows"][0][2] if answer["rows"] else None
    if query.measure == "disbursed":  # ranked by disbursement: show it
        answer["columns"] = answer["columns"] + ["已拨付（元）", "已拨付"]
        for row, p in zip(answer["rows"], rows):
            row += [fen_to_yuan(p["disbursed_fen"]), format_amount(p["disbursed_fen"])]
        answer["value"] = fen_to_yuan(rows[0]["disbursed_fen"]) if rows else None
    if query.measure == "progress":
        answer.update(unit="%", value=rows[0]["progress_pct"] if rows else None)
    answer["top"] = answer["rows"][0][0] if answer["rows"] else None
    chart = None
    if query.measure == "investment":
        chart = _bar_chart([r[0] for r in answer["rows"]], [r[2] for r in answer["rows"]], "元")
    return answer, chart


def _project_years(conn, pub_id, query, lexicon, period, plabel):
    """Project figures year by year (a line), two years side by side, or the change between them."""
    values = ex.project_total(conn, pub_id, query, lexicon, period, query.measure, group="year")
    money = query.measure in ("investment", "disbursed")
    unit = _unit(query.measure, query)
    label = MEASURE_LABELS[query.measure] if query.measure != "output" else f"实物产出（{unit}）"

    def cell(v):
        v = v or 0
        if money:
            return fen_to_yuan(int(v)), format_amount(int(v))
        number = round(float(v), 4) if query.measure == "output" else int(v)
        return number, f"{number:,.2f}".rstrip("0").rstrip(".") + f" {unit}" if query.measure == "output" else f"{number} {unit}"

    years = query.years or period.years
    rows = [[f"{y}年", *cell(values.get(y))] for y in years]
    total = sum(v or 0 for y, v in values.items() if y in years)
    answer = {"kind": "table" if query.years else "series", "unit": unit, "period": plabel,
              "columns": ["年份", f"{label}（{unit}）" if query.measure != "output" else label, "显示"], "rows": rows,
              "value": cell(total)[0], "display": "合计 " + cell(total)[1]}  # project figures add up over years
    if query.years and len(rows) >= 2:
        diff = (values.get(years[-1]) or 0) - (values.get(years[0]) or 0)
        answer["difference"] = cell(diff)[0]
        if query.difference:
            answer.update(kind="figure", value=cell(diff)[0], display=("增加 " if diff >= 0 else "减少 ") + cell(abs(diff))[1])
        base = values.get(years[0]) or 0
        if query.percent_change and base:
            change = diff / base
            answer.update(kind="figure", value=_value("growth", change), unit="%", display=_display("growth", change))
    return answer, _bar_chart([r[0] for r in rows], [r[1] for r in rows], unit, line=not query.years)


def _project_share_measures(query):
    part = query.base_measure if query.base_measure in ("investment", "disbursed") else "count"
    whole = (query.share_of or {}).get("measure") or part
    return part, whole if whole in ("investment", "disbursed", "count") else part


def _project_share_labels(query):
    """Row labels of a project share: 「农村公路项目总投资」 and 「全部项目总投资」."""
    part_measure, whole_measure = _project_share_measures(query)
    names = {"count": "数量", "investment": "总投资", "disbursed": "已拨付资金"}
    subject = (query.contractor and f"{query.contractor}承建") or query.status or query.category or ""
    part = f"{subject}项目{names[part_measure]}"
    if (query.share_of or {}).get("same_projects"):
        return part, f"{subject}项目{names[whole_measure]}"
    whole_category = (query.share_of or {}).get("category")
    return part, f"{whole_category + '项目' if whole_category else '全部项目'}{names[whole_measure]}"


def _project_only(query):
    from dataclasses import replace

    return replace(query, regions=[], depts=[], classes=[], class_set=None, category=None, status=None, output_unit=None,
                   new_start=False)


def _project_table(rows):
    return {"columns": ["项目", "状态", "总投资（元）", "总投资", "进度（%）"],
            "rows": [[p["name"], p["status"], fen_to_yuan(p["total_investment_fen"]), format_amount(p["total_investment_fen"]),
                      p["progress_pct"]] for p in rows],
            "codes": [p["code"] for p in rows]}


def _bar_chart(labels, values, unit, *, line=False):
    """An ECharts option (data only; the shared portal/static/charts.js renders it).

    Money is drawn in 亿元 or 万元 so the axis stays readable; the table keeps exact 元."""
    if unit == "元":
        biggest = max((abs(v) for v in values if isinstance(v, (int, float))), default=0)
        scale, unit = (1e8, "亿元") if biggest >= 1e8 else (1e4, "万元") if biggest >= 1e4 else (1, "元")
        values = [round(v / scale, 4) if isinstance(v, (int, float)) else v for v in values]
    return {
        "mzUnit": unit,  # charts.js appends it to every tooltip value
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 80, "right": 20, "top": 30, "bottom": 60, "containLabel": True},
        # many or long labels (「2026年上半年（1—6月）」) are slanted so they never run into each other on a phone
        "xAxis": {"type": "category", "data": labels, "axisLabel": {
            "interval": 0, "rotate": 30 if len(labels) > 6 or sum(len(str(x)) for x in labels) > 16 else 0}},
        "yAxis": {"type": "value", "name": unit},
        "series": [{"type": "line" if line else "bar", "data": values, "name": unit}],
    }


# ---- words for people -----------------------------------------------------------


def _scope_words(query, lexicon):
    region_list = "、".join(_region_name(lexicon, c) for c in query.regions)
    region = region_list or lexicon.root_name
    if query.group == "region" and query.kind != "comparison":
        region = lexicon.each_word
        subset = next((noun for noun, codes in lexicon.region_subsets.items() if codes == query.regions), None)
        if query.regions:
            region = f"各{subset}" if subset else f"{region}（{region_list}）"
    dept = "、".join(lexicon.dept_names.get(c, c) for c in query.depts)
    if dept and not query.regions and query.group != "region":
        region = ""  # 「星桥区交通运输局」 says where it is
    if query.group == "dept" and query.kind != "comparison":
        dept = "各部门"
    cls = "、".join(_class_name(lexicon, c) for c in query.classes)
    if query.class_set:
        codes = "、".join(lexicon.class_names.get(c, c).removesuffix("支出") for c in lexicon.minsheng if c in lexicon.class_names)
        cls = f"民生支出（{codes}）"
    return region, dept, cls


def chips(query, lexicon):
    region, dept, cls = _scope_words(query, lexicon)
    period = query.period.label() if query.period else "全部年度"
    if query.years:  # 「2024年和2025年」 stays two years, not the range between them
        period = "和".join(f"{y}年" for y in query.years)
    if query.periods:
        period = "和".join(p.label() for p in query.periods)
    order = {"desc": "从高到低", "asc": "从低到高"}.get(query.order, "")
    if query.group in ("month", "quarter"):
        order = "逐季" if query.group == "quarter" else "逐月"
    if query.limit:
        order = f"{order} 前{query.limit}" if order else f"前{query.limit}"
    measure = MEASURE_LABELS[query.measure]
    out = [{"key": "time", "label": "时间", "value": period},
           {"key": "region", "label": "地区", "value": region + (f" · {dept}" if dept else "")},
           {"key": "class", "label": "科目", "value": cls or ("项目" if query.kind == "project" else "全部支出")},
           {"key": "measure", "label": "指标", "value": measure},
           {"key": "order", "label": "排序", "value": order}]
    return out


def restate(query, lexicon, coverage=None):
    """The question as understood, in words; ``coverage`` names a partial last year (「2026年截至10月」)."""
    region, dept, cls = _scope_words(query, lexicon)
    period = query.period.label() if query.period else "全部年度"
    if coverage:
        period += f"（{coverage}）"
    what = cls or ("各类支出" if query.group == "class" and query.kind != "comparison" else "总支出")
    if query.group == "kuan":
        what = f"{cls}各款"
    measure = MEASURE_LABELS[query.measure]
    if query.kind == "project":
        filters = "、".join(x for x in (query.category, query.status and f"状态为{query.status}",
                                        "新开工" if query.new_start else None,
                                        query.min_investment_yuan and f"总投资超过{format_amount(int(query.min_investment_yuan * 100))}",
                                        query.max_investment_yuan and f"总投资不到{format_amount(int(query.max_investment_yuan * 100))}",
                                        query.max_progress_pct is not None and f"进度低于{query.max_progress_pct:g}%",
                                        query.min_progress_pct is not None and f"进度超过{query.min_progress_pct:g}%") if x)
        if query.contractor:
            filters = "、".join(x for x in (filters, f"{query.contractor}承建") if x)
        subject = f"{period}{region}{cls}{filters}项目"
        if query.project and query.measure != "progress":
            subject = f"项目「{lexicon.project_names.get(query.project, query.project)}」"
        # projects belong to a year by their budget year (项目年度); 新开工 by their start date
        basis = ""
        if query.period is not None and query.period.explicit:
            basis = "，按开工日期统计" if query.new_start else "，按项目年度统计"
        if query.group == "region":
            what = f"实际产出（{query.output_unit}）" if query.measure == "output" else measure
            return f"{subject}的{what}（按地区{'从低到高' if query.order == 'asc' else '从高到低'}" + \
                (f"，前{query.limit}名" if query.limit else "") + f"）{basis}"
        if query.group == "year":
            what = f"实际产出（{query.output_unit}）" if query.measure == "output" else measure
            if query.years:
                years = "与".join(f"{y}年" for y in query.years)
                subject = subject.replace(period, "", 1)
                return f"比较{years}{subject}的{what}" + ("（差额）" if query.difference else "") + basis
            return f"{subject}每年的{what}{basis}"
        if query.measure == "share":
            part_label, whole_label = _project_share_labels(query)
            if (query.share_of or {}).get("same_projects"):
                return f"{subject}的{part_label.split('项目')[-1]}占{whole_label.split('项目')[-1]}的比例{basis}"
            whole_region = region if (query.share_of or {}).get("regions") is None else lexicon.root_name
            by = {"count": "按项目数"}.get(_project_share_measures(query)[0], "按" + part_label.split("项目")[-1])
            whole_projects = (query.share_of or {}).get("category", "全部") + "项目"
            if whole_projects != "全部项目":  # 「医疗卫生机构项目里滞后的」: the status within the category
                subject = subject.replace(query.category or "", "", 1).replace("、状态为", "状态为").replace("市状态", "市状态")
            return f"{subject}占{period}{whole_region}{whole_projects}的比例（{by}）{basis}"
        if query.group == "category":
            return f"{subject}按类别的{measure}（{'从低到高' if query.order == 'asc' else '从高到低'}" + \
                (f"，前{query.limit}名" if query.limit else "") + f"）{basis}"
        if query.group == "contractor" and query.contractors:
            return f"比较{'、'.join(query.contractors)}承建的{'总投资' if query.measure == 'investment' else '项目数'}" \
                f"（{period}{region}）{basis}"
        if query.group == "contractor":
            return f"{subject}中，按{'总投资' if query.measure == 'investment' else '项目数'}排名的承包商{basis}"
        if query.measure == "progress" and query.group == "project":
            return f"{subject}，按进度{'从低到高' if query.order == 'asc' else '从高到低'}" + \
                (f"，前{query.limit}个" if query.limit else "") + basis
        if query.measure == "disbursed" and query.group == "project":
            return f"{subject}，按已拨付资金{'从低到高' if query.order == 'asc' else '从高到低'}" + \
                (f"，前{query.limit}个" if query.limit else "") + basis
        if query.measure == "progress":
            return f"项目「{lexicon.project_names.get(query.project, query.project)}」的进展"
        if query.measure == "output":
            return f"{subject}的{'计划' if query.planned else '实际'}产出（{query.output_unit}）{basis}"
        if query.measure == "count" and query.group is None:
            return f"{subject}的数量{basis}"
        if query.measure in ("investment", "disbursed") and query.group is None:
            return f"{subject}的{measure}{'' if query.project else '合计'}{basis}"
        if query.status == "滞后" and query.measure != "investment":
            return f"{subject}（按进度从低到高）{basis}"
        return f"{subject}（按总投资{'从低到高' if query.order == 'asc' else '从高到低'}）{basis}"
    scope = f"{period}{region}{dept and ('·' + dept if region else dept)}{what}"
    if query.kind == "growth":
        base = f"{query.period.year_from}年" if query.period.multi_year else "上年" if query.period.whole_year \
            else "上年同期"
        if query.versus == "previous":
            base = "上一个月" if query.period.month_from == query.period.month_to else "上一期"
            return f"{scope}环比（相比{base}）的{'增加额' if query.difference else '增长'}"
        if query.base_measure == "rate":
            return f"{scope}的执行率相比{base}的变化（百分点）"
        return f"{scope}{'预算' if query.base_measure == 'budget' else ''}相比{base}的{'增加额' if query.difference else '增长'}"
    if query.kind == "comparison" and query.group == "period":
        periods = "与".join(p.label() for p in query.periods)
        return f"比较{periods}{region}{dept and ('·' + dept if region else dept)}{what}" + \
            ("" if query.measure == "spent" else f"的{MEASURE_LABELS[query.measure]}") + ("差额" if query.difference else "")
    if query.kind == "comparison" and query.group == "year":
        years = "与".join(f"{y}年" for y in query.years)
        if query.period is not None and not query.period.whole_year:  # 「上半年…跟去年同期」: the same months
            years += f"（均为{query.period.month_from}—{query.period.month_to}月）"
        scope = f"{region}{dept and ('·' + dept if region else dept)}{what}"
        return f"比较{years}{scope}" + ("" if query.measure == "spent" else f"的{measure}") + ("差额" if query.difference else "")
    if query.kind == "trend" and query.group in ("month", "quarter") and query.measure == "rate":
        return f"{query.period.year_to}年{region}{dept and ('·' + dept if region else dept)}{what}{'各季度末' if query.group == 'quarter' else '各月末'}的累计执行率（累计支出 ÷ 全年预算）"
    if query.kind == "trend" and query.group in ("month", "quarter"):
        return f"{scope}{'逐季' if query.group == 'quarter' else '逐月'}变化"
    if query.kind == "trend" and query.measure == "share" and query.share_of:
        return f"{scope}占{_share_whole_words(query, lexicon, region, what)}的比例逐年变化"
    if query.kind == "trend":
        return f"{scope}逐年变化" if query.measure == "spent" else f"{scope}的{measure}逐年变化"
    if query.kind == "comparison":
        return f"比较{scope}" + ("" if query.measure == "spent" else f"的{measure}") + ("差额" if query.difference else "")
    text = scope if query.measure == "spent" else f"{scope}的{measure}"
    if query.measure == "growth":
        text = f"{scope}相比{'上年同期' if not query.period.whole_year else '上年'}的增长率"
        if query.base_measure == "rate":
            text = f"{scope}的执行率相比{'上年同期' if not query.period.whole_year else '上年'}的变化（百分点）"
    if query.measure == "share":
        whole = _share_whole_words(query, lexicon, region, what)
        if query.base_measure == "budget":  # 「云峰县预算占示例市总预算的比例」
            scope = scope.replace("总支出", "预算") if "总支出" in scope else f"{scope}预算"
            whole = whole.replace("总支出", "总预算") if "总支出" in whole else f"{whole}预算"
        text = f"{scope}占{whole}的比例"
    if query.threshold:
        text += f"（{'低于' if query.threshold['op'] == '<' else '高于'}{query.threshold['value'] * 100:g}%）"
    if query.count_only:
        return text + "的个数"
    if query.order:
        text += "，从高到低" if query.order == "desc" else "，从低到高"
    if query.limit:
        text += f"，前{query.limit}名"
    return text


def _share_whole_words(query, lexicon, region, what):
    """What a share is taken of, in words: 「示例市教育支出」, 「民生支出」, 「2026年全年总支出」."""
    if not query.share_of:
        return "总支出"
    regions = query.share_of.get("regions")
    where = ("、".join(_region_name(lexicon, c) for c in regions) or lexicon.root_name) if regions is not None \
        else (region if query.regions else "")
    whole = where + ("、".join(_class_name(lexicon, c) for c in query.share_of.get("classes") or [])
                     or ("民生支出" if query.share_of.get("class_set") else "总支出"))
    if query.share_of.get("whole_year"):
        whole = f"{query.period.year_to}年全年" + (where + "总支出" if where else what)
    return whole


def canonical_question(query, lexicon):
    """A question text that parses back to ``query`` (used by alternatives and chips)."""
    region, dept, cls = _scope_words(query, lexicon)
    period = query.period.label().replace("—", "到") if query.period else ""
    if query.class_set:
        cls = "民生支出"
    measure = {"spent": "支出", "budget": "预算", "rate": "执行率", "share": "占比", "growth": "同比增长"}.get(query.measure, "")
    return f"{period}{region}{dept}{cls}{measure}".replace("各部门", "各部门")


def links(query, question, as_of, pub_id):
    params = {"q": question, "as_of": as_of.isoformat(), "pub": pub_id}
    out = {"csv": "/ask.csv?" + urlencode(params), "json": "/api/ask?" + urlencode(params)}
    if query.kind == "project":
        p = {}
        if query.regions:
            p["region"] = query.regions[0]
        if query.status:
            p["status"] = query.status
        if query.category:
            p["category"] = query.category
        out["records"] = "/projects?" + urlencode(p)
    else:
        p = {"pub": pub_id}
        if query.period:
            p["year"] = query.period.year_to
            if query.period.month_to:
                p["month"] = query.period.month_to
        if query.regions:
            p["region"] = query.regions[0]
        if query.classes:
            p["class"] = query.classes[0]
        out["records"] = "/execution?" + urlencode(p)
    return out


def keyword_fallback(conn, pub_id, text, words, limit=10):
    """Projects and departments whose names contain a word of the question (parameterised LIKE)."""
    words = [w for w in words if len(w) >= 2][:5] or ([text[:20]] if len(text) >= 2 else [])
    results = []
    if not words:
        return {"query": text, "results": results}
    for word in words:
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        for row in conn.execute(select(projects.c.code, projects.c.name).where(
                projects.c.publication_id == pub_id,
                or_(projects.c.name.like(pattern, escape="\\"), projects.c.description.like(pattern, escape="\\")))
                .order_by(projects.c.code).limit(limit)):
            results.append({"type": "项目", "title": row.name, "url": f"/projects/{row.code}"})
        for row in conn.execute(select(departments.c.code, departments.c.name).where(
                departments.c.publication_id == pub_id, departments.c.name.like(pattern, escape="\\"))
                .order_by(departments.c.code).limit(limit)):
            results.append({"type": "部门", "title": row.name, "url": f"/execution?dept={row.code}"})
    seen, unique = set(), []
    for r in results:
        if r["title"] not in seen:
            seen.add(r["title"])
            unique.append(r)
    return {"query": text, "words": words, "results": unique[:limit], "url": "/search?" + urlencode({"q": text})}
