"""How answers look: numbers for JSON, amounts for people, names of keys, chart options, the scope in
words and the chips (时间 · 地区 · 科目 · 指标 · 排序) every kind shares."""
from ledger.money import fen_to_yuan, format_amount

from .ir import MONEY, RATIOS, Group, Kind, Measure, Order

MEASURE_LABELS = {Measure.SPENT: "支出", Measure.BUDGET: "预算", Measure.RATE: "执行率", Measure.SHARE: "占比",
                  Measure.GROWTH: "同比增长", Measure.COUNT: "项目数", Measure.OUTPUT: "实物产出",
                  Measure.INVESTMENT: "总投资", Measure.PROGRESS: "进度", Measure.PER_CAPITA: "人均支出",
                  Measure.DISBURSED: "已拨付资金", Measure.REMAINING: "预算余额（预算 − 已支出）",
                  Measure.PAID: "支付金额", Measure.PAYMENTS: "支付笔数", Measure.PLAN: "年度用款计划"}
UNITS = {Measure.SPENT: "元", Measure.BUDGET: "元", Measure.REMAINING: "元", Measure.INVESTMENT: "元",
         Measure.DISBURSED: "元", Measure.PER_CAPITA: "元/人", Measure.RATE: "%", Measure.SHARE: "%",
         Measure.GROWTH: "%", Measure.COUNT: "个", Measure.PROGRESS: "%", Measure.PAID: "元",
         Measure.PAYMENTS: "笔", Measure.PLAN: "元"}
HEADS = {Group.REGION: "地区", Group.DEPT: "部门", Group.CLASS: "科目", Group.KUAN: "科目（款）"}


def label(measure):
    return MEASURE_LABELS[measure]


def value(measure, raw):
    """Numbers for JSON: 元 for money, percent for rates."""
    if raw is None:
        return None
    if measure in MONEY:
        return fen_to_yuan(raw)
    if measure == Measure.PER_CAPITA:
        return round(raw / 100, 2)
    if measure in RATIOS:
        return round(raw * 100, 4)
    return raw


def unit(measure, query=None):
    return UNITS.get(measure, (query.output_unit if query else "") or "")


def display(measure, raw):
    if raw is None:
        return "—"
    if measure in MONEY:
        return format_amount(raw)
    if measure == Measure.PER_CAPITA:
        return f"{raw / 100:,.2f} 元/人"
    if measure in RATIOS:
        return percent(raw * 100)
    if isinstance(raw, float):
        return number(raw)
    return f"{raw:,}"


def percent(points):
    """「68.4%」「1.78%」: every percentage of an answer. Below 10 % a second decimal is kept — one decimal of a
    small rate (1.8 % for 1.78 %) moves it by up to 3 % of itself, more than any other figure is rounded."""
    return f"{points:.2f}%" if abs(points) < 10 else f"{points:.1f}%"


def number(raw):
    """「12.5」「1,200」: a quantity without trailing zeros."""
    return f"{raw:,.2f}".rstrip("0").rstrip(".")


def money_cells(fen):
    """[元, 「1.23亿元」] of an amount in fen."""
    return [fen_to_yuan(fen), format_amount(fen)]


def row(name, measure, raw):
    return [name, value(measure, raw), display(measure, raw)]


def columns(first, measure, query=None):
    """[first, 「支出（元）」, 「支出」]"""
    said = label(measure)
    if measure == Measure.GROWTH and query is not None and query.period is not None and query.period.multi_year:
        said = f"比{query.period.year_from}年增长"  # a span's growth (first year → last) is no 同比
    return [first, f"{said}（{unit(measure, query)}）", said]


def name(lexicon, group, key):
    """The name of a group's key in an answer's table."""
    if group == Group.REGION:
        return region_name(lexicon, key)
    if group == Group.DEPT:
        return lexicon.dept_names.get(key, key)
    if group in (Group.CLASS, Group.KUAN):
        return class_name(lexicon, key)
    if group == Group.YEAR:
        return f"{key}年"
    return str(key)


def class_name(lexicon, code):
    if code in lexicon.class_names:
        return lexicon.class_names[code]
    found = lexicon.kuan_names.get(code, code)
    return found if found.endswith("支出") else found + "支出"


def region_name(lexicon, code):
    """A region's name; the top level named on its own means its own rows (市本级); "*" is the whole."""
    if code == "*":
        return f"{lexicon.root_name}（全{lexicon.root_name[-1:]}合计）"
    if code == lexicon.root_code:
        return lexicon.root_name[-1] + "本级" if lexicon.root_name != "全国" else "中央本级"
    return lexicon.region_names.get(code, code)


def township_name(lexicon, code):
    """「枫林区桃坞街道」: a township or street with its district."""
    return region_name(lexicon, lexicon.township_region.get(code)) + lexicon.township_names.get(code, code)


def chart(labels, values, unit_, *, line=False):
    """An ECharts option (data only; the shared portal/static/charts.js renders it).

    Money is drawn in 亿元 or 万元 so the axis stays readable; the table keeps exact 元."""
    if unit_ == "元":
        biggest = max((abs(v) for v in values if isinstance(v, (int, float))), default=0)
        scale, unit_ = (1e8, "亿元") if biggest >= 1e8 else (1e4, "万元") if biggest >= 1e4 else (1, "元")
        values = [round(v / scale, 4) if isinstance(v, (int, float)) else v for v in values]
    return {
        "mzUnit": unit_,  # charts.js appends it to every tooltip value
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 80, "right": 20, "top": 30, "bottom": 60, "containLabel": True},
        # many or long labels (「2026年上半年（1—6月）」) are slanted so they never run into each other on a phone
        "xAxis": {"type": "category", "data": labels, "axisLabel": {
            "interval": 0, "rotate": 30 if len(labels) > 6 or sum(len(str(x)) for x in labels) > 16 else 0}},
        "yAxis": {"type": "value", "name": unit_},
        "series": [{"type": "line" if line else "bar", "data": values, "name": unit_}],
    }


def rows_chart(rows, unit_, *, line=False):
    """The chart of a table whose first two columns are the label and the number."""
    return chart([r[0] for r in rows], [r[1] for r in rows], unit_, line=line)


def order_words(query):
    return "从低到高" if query.order == Order.ASC else "从高到低"


# ---- the scope in words -------------------------------------------------------------------


def scope_words(query, lexicon):
    """(region, department, class) of the question as understood, in words."""
    region_list = regions_words(lexicon, query.regions)
    region = region_list or lexicon.root_name
    if query.group == Group.REGION and query.kind != Kind.COMPARISON:
        region = lexicon.each_word
        subset = next((noun for noun, codes in lexicon.region_subsets.items() if codes == query.regions), None)
        if query.regions:
            region = f"各{subset}" if subset else f"{region}（{region_list}）"
    dept = "、".join(lexicon.dept_names.get(c, c) for c in query.depts)
    if dept and not query.regions and query.group != Group.REGION:
        region = ""  # 「星桥区交通运输局」 says where it is
    if query.group == Group.DEPT and query.kind != Kind.COMPARISON:
        dept = "各部门"
    cls = "、".join(class_name(lexicon, c) for c in query.classes)
    if query.class_set:
        codes = "、".join(lexicon.class_names.get(c, c).removesuffix("支出") for c in lexicon.minsheng
                         if c in lexicon.class_names)
        cls = f"民生支出（{codes}）"
    return region, dept, cls


def regions_words(lexicon, codes):
    """「鹭洲区、澄湖区」, or 「各区县合计（不含市本级）」「各省合计」 for every region of the level, summed."""
    every = sorted(c for c in lexicon.region_names if lexicon.region_level.get(c) == 1)
    if len(every) > 3 and sorted(codes) == every:
        return f"{lexicon.each_word}合计" + ("（不含市本级）" if lexicon.root_name.endswith("市") else "")
    return "、".join(region_name(lexicon, c) for c in codes)


def place(region, dept):
    """「银杏区·教育局」, 「教育局」 or 「银杏区」; a department whose name already holds the region is named once
    (「鹭洲区教育局」, never 「鹭洲区·鹭洲区教育局」)."""
    if region and dept and dept.startswith(region):
        return dept
    return f"{region}{dept and ('·' + dept if region else dept)}"


def period_words(query, coverage=None):
    period = query.period.label() if query.period else "全部年度"
    return period + (f"（{coverage}）" if coverage else "")


def subject(query, lexicon):
    """What is counted: 「教育支出」, 「各类支出」, 「教育支出各款」, 「总支出」."""
    _region, _dept, cls = scope_words(query, lexicon)
    if query.group == Group.KUAN:
        return f"{cls}各款"
    return cls or ("各类支出" if query.group == Group.CLASS and query.kind != Kind.COMPARISON else "总支出")


def scope_phrase(query, lexicon, coverage=None):
    """「2025年银杏区·教育局教育支出」: period, place and subject."""
    region, dept, _cls = scope_words(query, lexicon)
    return f"{period_words(query, coverage)}{place(region, dept)}{subject(query, lexicon)}"


def chips(query, lexicon, subject_default="全部支出"):
    """The question as five editable chips (时间 · 地区 · 科目 · 指标 · 排序)."""
    region, dept, cls = scope_words(query, lexicon)
    period = query.period.label() if query.period else "全部年度"
    if query.years:  # 「2024年和2025年」 stays two years, not the range between them
        period = "和".join(f"{y}年" for y in query.years)
    if query.periods:
        period = "和".join(p.label() for p in query.periods)
    order = {Order.DESC: "从高到低", Order.ASC: "从低到高"}.get(query.order, "")
    if query.group in (Group.MONTH, Group.QUARTER):
        order = "逐季" if query.group == Group.QUARTER else "逐月"
    if query.limit:
        order = f"{order} 前{query.limit}" if order else f"前{query.limit}"
    return [{"key": "time", "label": "时间", "value": period},
            {"key": "region", "label": "地区", "value": region + (f" · {dept}" if dept else "")},
            {"key": "class", "label": "科目", "value": cls or subject_default},
            {"key": "measure", "label": "指标", "value": label(query.measure)},
            {"key": "order", "label": "排序", "value": order}]
