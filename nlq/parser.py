"""Question text → Query (IR), with a confidence and the reasons behind it.

Steps: normalise → time words → longest-match lexicon scan → cue words → (unknown words:
embedding match against class names) → pick the kind of answer.
"""
import re
import threading
from dataclasses import dataclass, field

from .ir import Query
from .lexicon import semantic
from .timeparse import Period, parse_period

_jieba_lock = threading.Lock()
_jieba = None

# Words that carry no meaning for the query (left over after entities and cues are removed).
_STOP = set("的 了 是 在 有 和 与 及 跟 同 吗 呢 吧 啊 呀 么 多少 怎么样 怎样 如何 什么 哪 几 个 一下 请问 请 告诉 我 我们 你 "
            "查询 查 看看 看 一共 总共 合计 共 钱 元 万元 亿元 情况 年 月 年度 今年 去年 前年 全年 期间 时候 是否 都 还 "
            "比 比较 对比 相比 比例 占 占比 排名 最高 最多 最低 最少 支出 预算 执行 执行率 进度 增长 同比 变化 趋势 "
            "项目 哪些项目 哪个项目 有哪些 哪个 哪家 一般 公共 一般公共预算 财政 政府 花 花了 用 用了 这 那 其中 之间 怎么 为 给 到 "
            "程度 什么程度 到什么程度 上半年 下半年 季度 前 近 这几年 历年 单位 部门 各 各个 总 总额 数 数额 金额 规模 是多少 有多少 多 少 "
            "截至 截止 目前 现在 为止 迄今 至今 新增 新建 累计 还有 还剩 剩下 剩余 没花 未花 余额 结余 百分之几 几成 多大 "
         "还是 幅度 变化幅度 多了 少了 已经 全部 里 中 网上 有人 有人说 听说 据说 说是 传言 报道 新闻 亿多 万多 千多 多亿 多万 各是 分别是 各是多少 环比 到底 究竟 具体 大概 大约 咋样 咋 怎么回事 核实 核实一下 说明 请说明 麻烦 帮我 帮忙 查一下 查查 了解 了解一下 想知道 想问 问一下 花掉 用掉 资金 偏低 偏高 是不是 正常 高还是低 是高还是低 同期 去年同期 上年同期 差 差几个 建了 修了 建成了 新增了 每月 各月 逐月 每季度 各季度 逐季 全区 全县 本区 本县 该区 该县 全镇".split())


@dataclass
class Parse:
    query: Query | None
    confidence: float
    text: str  # normalised question
    notes: list = field(default_factory=list)  # why confidence is lowered
    alternatives: list = field(default_factory=list)  # [Query]
    unknown: list = field(default_factory=list)  # words nothing matched


def _tokenizer(lexicon):
    """A private jieba tokenizer with the lexicon as its user dictionary."""
    global _jieba
    with _jieba_lock:
        if _jieba is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            _jieba = jieba.Tokenizer()
        tok = _jieba
        marker = id(lexicon)
        if getattr(tok, "_mingzhang_lexicon", None) != marker:
            for surface in lexicon.surfaces:
                tok.add_word(surface, freq=50_000)
            tok._mingzhang_lexicon = marker
        return tok


def _has(text, words):
    return any(w in text for w in words)


def parse(text, lexicon, as_of, *, latest_year=None, matcher=None):
    """Parse normalised ``text``. ``matcher(words) -> [(Entry, score)]`` resolves unknown words."""
    sem = semantic()
    cues = sem["cues"]
    measures = sem["measures"]
    # A delegate's framing names who should answer, not what is asked: 「请财政部门说明：」「关于…」
    text = re.sub(r"请[^，,。；;：:]{0,12}?(?:说明|回答|介绍|解释|答复|回复|说一下|讲一下|核实|核对|确认|查一下|查询)(?:一下)?"
                  r"|^关于", " ", text)
    period, time_spans = parse_period(text, as_of)
    found = lexicon.scan(text, skip=time_spans)
    found, widened = _widen_to_misspelt(found, text, lexicon, time_spans)
    notes = [f"「{typed}」按「{name}」理解" for typed, name in widened]

    regions, region_whole, region_each, each_noun = [], False, False, None
    depts, dept_each, class_each, classes, class_set = [], False, False, [], None
    dept_choices = []
    projects_, contractors, category, status, outputs = [], [], None, None, []
    status_surface = None
    used = list(time_spans)
    # 「A占B的比重」: names after 占 describe B, the whole the share is taken of
    share_at = text.find("占")
    whole_span = (share_at, len(text)) if share_at >= 0 else (-1, -1)
    inside = re.search(r"在([^在占]{2,30}?)(?:中|里|当中)(?:的)?(?:所)?(?:占|比重|比例|份额)", text)  # 「在全市卫生健康支出中占多大比重」
    # 「全市支出中市本级花的占多少」: the whole comes first, the part between 中 and 占
    inside = inside or re.search(
        r"^(?:在)?([^在占，,]{2,30}?(?:支出|预算|投资|资金|开支|项目))(?:中|里|当中|里面)(?=[^占]{1,20}(?:占|比例|比重))", text)
    if inside:
        whole_span = inside.span(1)
    after = {"regions": [], "whole": False, "classes": [], "class_set": None, "category": None}
    for start, end, surface, entries in found:
        used.append((start, end))
        entry = _pick(entries)
        if whole_span[0] <= start < whole_span[1] and entry.type in ("region", "region_whole", "class", "class_set"):
            if entry.type == "class_set":  # 「占全市民生支出的比例」
                after["class_set"] = entry.value
            elif entry.type == "region_whole":
                # 「占全市」 names the whole; 「占全部支出」 only says "all of it"
                after["whole"] = after["whole"] or surface not in sem["regions"]["whole"]
            else:
                after["regions" if entry.type == "region" else "classes"].append(entry.value)
            if entry.type != "region":
                continue
        if entry.type == "region" and entry.value not in regions:
            regions.append(entry.value)
        elif entry.type == "region_whole":
            region_whole = True
        elif entry.type == "region_each":
            region_each = True
            # 「哪个区」「三个区」 mean the 区 (not the 县); 「各区」「每个区」 stay loose (各区县)
            each_noun = None if surface[:1] in "各每分所" and entry.value == "区" else entry.value
        elif entry.type == "dept":
            dept_choices.append([e.value for e in entries if e.type == "dept"])
        elif entry.type == "class_each":
            class_each = True
        elif entry.type == "dept_each":
            dept_each = True
            if entry.value == "root" and lexicon.root_code not in regions:  # 市直部门
                regions.append(lexicon.root_code)
        elif entry.type == "class" and entry.value not in classes:
            classes.append(entry.value)
        elif entry.type == "class_set":
            class_set = entry.value
        elif entry.type == "project" and not projects_:
            projects_.append([e.value for e in entries if e.type == "project"])  # one name, several years/regions
        elif entry.type == "contractor":
            contractors.append(entry.value)
        elif entry.type == "category":
            category = entry.value
            if whole_span[0] <= start < whole_span[1]:
                after["category"] = entry.value  # the whole is this category's projects
        elif entry.type == "output":
            outputs.append(entry.value)
        elif entry.type == "status" and not re.match(r"了?(?:多少|几)|的?(?:面积|里程|长度|规模|户数|床位|学位|公里|亩)",
                                                     text[end:]):
            status = entry.value  # 「建成多少亩」 asks for the output built, not for finished projects only
            status_surface = surface if text[max(start - 1, 0):start] != "已" else "已" + surface

    # 「市本级和全市的执行率比较」: the top level's own rows against the whole ("*")
    if region_whole and regions == [lexicon.root_code] and _has(text, ["比较", "对比", "相比", "和全", "与全", "跟全"]):
        regions.append("*")
    # 「教育局」 names one department per region: the one in the named region, else the top level's.
    # 「桂岭县教育局和卫生健康局」: a bare name goes with the region of the departments named beside it.
    for choices in sorted(dept_choices, key=len):
        beside = {lexicon.dept_region.get(d) for d in depts}
        preferred = [c for c in choices if lexicon.dept_region.get(c) in regions] \
            or [c for c in choices if lexicon.dept_region.get(c) in beside] \
            or [c for c in choices if lexicon.dept_region.get(c) == lexicon.root_code] or choices
        if preferred[0] not in depts:
            depts.append(preferred[0])
    # 「银杏区与竹源县民政局」: the same department of each region named
    if len(depts) == 1 and regions and lexicon.dept_region.get(depts[0]) not in regions \
            and re.search(r"(?:和|与|跟|及|同|、)", text):
        own = lexicon.region_names.get(lexicon.dept_region.get(depts[0]), "")
        short = lexicon.dept_names.get(depts[0], "").removeprefix(own)
        same = [c for c, name in lexicon.dept_names.items()
                if lexicon.dept_region.get(c) in regions and short and name == lexicon.region_names.get(
                    lexicon.dept_region.get(c), "") + short]
        if len(same) == len(regions):
            depts = same + depts
            regions = []
    if depts and regions and all(lexicon.dept_region.get(d) in regions for d in depts):
        regions = [r for r in regions if r not in {lexicon.dept_region.get(d) for d in depts}]
    # 「社保和就业支出里哪一项执行率最低」: the 款 of the 类 named, ranked
    kuan_each = bool(classes) and all(len(c) == 3 for c in classes) and not region_each and not dept_each \
        and re.search(r"哪[一1]?[项款]|哪个款|哪些[项款]|各款|各项|哪几[项款]|每[一1]?[项款]", text) is not None
    if kuan_each:
        class_each = True
    if class_each:
        region_each = False  # 「钱花到哪里」 asks for the classes, not the regions

    # What is left: words nothing matched (for the embedding fallback and for confidence).
    rest = "".join(" " if any(a <= i < b for a, b in used) else ch for i, ch in enumerate(text))
    for start, end, entry in _typo_regions(rest, lexicon):  # 「星乔区」 → 星桥区, said so in the notes
        used.append((start, end))
        rest = rest[:start] + " " * (end - start) + rest[end:]
        if whole_span[0] <= start < whole_span[1]:
            after["regions"].append(entry.value)
        elif entry.value not in regions:
            regions.append(entry.value)
        notes.append(f"「{text[start:end]}」按「{entry.name}」理解")
    for start, end, entry in _dropped_char_names(rest, lexicon):  # 「职业教支出」 → 职业教育, said so
        used.append((start, end))
        rest = rest[:start] + " " * (end - start) + rest[end:]
        if entry.type == "class" and entry.value not in classes:
            classes.append(entry.value)
        elif entry.type == "dept" and entry.value not in depts:
            depts.append(entry.value)
        notes.append(f"「{text[start:end]}」按「{entry.name}」理解")
    missing_region = _unknown_region(rest, lexicon)
    if missing_region:
        notes.append(f"没有找到名为「{missing_region}」的地区，以下按{lexicon.root_name}回答")
        rest = rest.replace(missing_region, " " * len(missing_region))  # its 县 is no 「各县」
    noun = _bare_region_noun(rest, lexicon)
    if noun:
        rest = rest[:noun.start()] + " " * len(noun.group(0)) + rest[noun.end():]
        if not region_each and not dept_each and not class_each and len(regions) < 2:
            region_each = True  # 「排名前三的省」「支出最高的区县」: the regions, ranked
            each_noun = noun.group(0).removesuffix("份")
    unknown = _unknown_words(rest, lexicon)
    # Cue and measure words count only outside names and time words: 「前年」 is no 「前」 (top),
    # 「彩票公益金安排的支出」 names a 款, it does not ask for a budget (安排).
    cue_text = "".join(" " if any(a <= i < b for a, b in used) else ch for i, ch in enumerate(text))
    has = lambda key: _has(cue_text, cues[key])  # noqa: E731
    # 「保障性安居工程」 is a class, not a project: cue words count only outside the names matched
    project_cue = _has(rest, cues["project"])
    if outputs:
        category = category or outputs[0]
        classes = []  # 「幼儿园学位」「医院病床」: the output names the projects; the class word is part of it
    # 拨付 (disbursement) is published for projects only: 「今年已拨付多少资金」 asks about projects
    is_project_q = project_cue or bool(projects_) or bool(contractors) or has("contractor") \
        or _has(cue_text, measures["disbursed"]["words"]) \
        or category is not None or (status is not None and not _has(text, measures["rate"]["words"]))
    alternatives_classes = []
    # a department named is the subject already: leftover words are talk around it, not a class
    if unknown and not classes and not class_set and not depts and not is_project_q and matcher is not None:
        matches = matcher(unknown)
        if matches:
            best, score = matches[0]
            if best.type == "class_set":
                class_set = best.value
            else:
                classes.append(best.value)
            notes.append(f"「{'、'.join(unknown)}」按语义理解为「{best.name}」（相似度 {score:.2f}）")
            alternatives_classes = [e for e, _ in matches[1:3]]

    plain = cue_text.replace("一般公共预算", "")  # 「一般公共预算支出」 is spending, not a budget
    is_rate = _has(cue_text, measures["rate"]["words"]) or bool(
        re.search(r"(?:花|用|执行|支出|完成)(?:掉|了|出去|完|出)*(?:几成|百分之几|百分之多少|多大比例|多少比例)", text)
        and "占" not in text)
    # 「占全市的多少」「占全市教育支出的百分之几」: a share even without the word 比重
    is_share = _has(text, measures["share"]["words"]) \
        or bool(re.search(r"占[^，,。？?]{0,16}?(?:多少|百分之几|几成|多大)", text))
    is_remaining = bool(re.search(r"还剩|剩下|剩余|没花|未花|还有多少没|预算余额|结余", text))
    # 「同比变化」 is a year-on-year change; 「变化」 alone is a trend
    # 「跟前年比多了还是少了」: set against an earlier year without the word 增长
    vs_year = re.search(r"(?:跟|和|与|同|较)(?:前年|上年|去年)(?:同期)?(?:相|对)?比|(?:比|较)(?:上年|去年)同期", text) is not None
    is_growth = (_has(text, measures["growth"]["words"]) or vs_year) and (vs_year or
        not has("trend") or _has(text, ["同比", "增长率", "增幅", "幅度", "比上年", "比前年", "较上年", "比去年"]))
    is_sequential = "环比" in cue_text  # against the period just before, not the same period a year before
    is_growth = is_growth or is_sequential
    is_budget = _has(plain, measures["budget"]["words"]) and not is_rate
    # 「2022到2024年一共花了多少」 is one sum; a year range alone is a trend
    is_total = re.search(r"一共|总共|合计|累计|总计|加起来|共计", text) is not None
    is_trend = has("trend") or (period is not None and period.multi_year and not is_growth and not is_total)
    is_bottom = has("bottom") or re.search(r"后\d{1,2}(?:位|名|个|家)|排名靠后|排在后面", text) is not None
    is_top = has("top") or is_bottom
    limit = _limit(text)
    threshold = _threshold(text)
    is_per_capita = _has(text, measures["per_capita"]["words"])
    money = "per_capita" if is_per_capita else "budget" if is_budget else "spent"
    if re.search(r"(?:\d+|[一两二三四五六七八九十]+|几|哪几)(?:大)?类", text) and not region_each and not dept_each:
        class_each = True  # 「支出最多的前五类」
    compare_years = _compared_years(text, as_of)
    compare_periods = [] if compare_years else _compared_periods(text, period)
    across = _periods_of_two_years(text, as_of)
    if across:  # 「今年上半年和去年下半年」: different months of different years
        compare_years, compare_periods = [], across
    if not compare_years and vs_year and period is not None and re.search(r"对比|比较|比一比|对照", text) \
            and not _has(cue_text, ["增长", "增幅", "增速", "涨", "下降", "减少", "提高", "百分点", "多了", "少了",
                                    "多多少", "少多少", "变化"]):
        # 「今年上半年…跟去年同期对比」: the two years side by side, same months
        back = 2 if re.search(r"(?:跟|和|与|同|较|比)前年", text) else 1
        compare_years = [period.year_to - back, period.year_to]
        is_growth = False
    by_month = "quarter" if re.search(r"每个?季度?|逐季|分季度|各季度", text) and not re.search(r"[1-4]季度", text) \
        else "month" if re.search(r"每个?月|逐月|各月|分月|月度|各个月", text) \
        or (re.search(r"12个月", text) and re.search(r"各是|分别|各自|每个", text)) else None
    # 「多少公里」 names an output; a one-character unit (个/张/套) only with a project category (幼儿园建设建了多少个)
    # or when one category alone has it (多少套 → 保障性住房); 「项目有几个」 counts projects
    output_unit = next((u for u in sorted(lexicon.output_units, key=len, reverse=True)
                        if (re.search(r"(?:多少|几)" + re.escape(u), text) or u != "个" and re.search(re.escape(u) + "数", text))
                        and (len(u) > 1 or category or outputs
                                                                          or _unit_category(lexicon, u))
                        and not (u == "个" and "项目" in text)
                        and not re.search(r"(?:多少|几)" + re.escape(u) + r".{0,4}项目", text)), None)
    if output_unit and category is None and not outputs:
        category = _unit_category(lexicon, output_unit)
    if category in lexicon.outputs and output_unit is None and (
            outputs or _has(text, semantic().get("output_unit_words", {}).get(lexicon.outputs[category][1], []))):
        output_unit = lexicon.outputs[category][1]  # 「农村公路建设里程」「新增灌溉面积多少亩」
    is_project_q = is_project_q or output_unit is not None and category is not None

    amount_limit, threshold_span, amount_op = _amount_threshold(text)
    min_investment = amount_limit if amount_op == ">=" else None
    max_investment = amount_limit if amount_op == "<" else None
    if threshold_span:  # 「投资超过1.5亿元的项目有几个」 counts projects: the threshold's 投资 asks for no sum
        a, b = threshold_span
        cue_text = cue_text[:a] + " " * (b - a) + cue_text[b:]
    base = dict(period=period, regions=regions, depts=depts, classes=classes, class_set=class_set)
    query = None

    # ---- projects and outputs -------------------------------------------------
    disbursal_rate = re.search(r"拨付率|支付率|拨付比例|资金到位率|拨付进度", text) is not None
    if is_project_q and disbursal_rate and not is_share:  # 「承建项目的拨付率」: disbursed over investment, same projects
        query = Query("project", measure="share", base_measure="disbursed",
                      share_of={"measure": "investment", "same_projects": True, "regions": None},
                      **dict(base, category=category, status=status,
                             contractor=contractors[0] if contractors else None))
    elif is_project_q and is_share and not is_rate and (status or category or contractors or project_cue) \
            and not (classes and not category):
        # 「滞后项目占全部项目的比例」: a count; 「农村公路项目投资占项目总投资的比例」: an amount within all projects;
        # 「已拨付资金占总投资的比例」: one amount against another of the same projects
        part_text, whole_text = (text[:share_at], text[share_at:]) if share_at >= 0 else (text, "")

        def project_measure(words):
            return "disbursed" if _has(words, measures["disbursed"]["words"]) \
                else "investment" if _has(words, measures["investment"]["words"]) else None

        part_measure = project_measure(part_text) or "count"
        whole_measure = project_measure(whole_text) or part_measure
        query = Query("project", measure="share", base_measure=part_measure,
                      share_of={"measure": whole_measure, "same_projects": whole_measure != part_measure,
                                "regions": after["regions"] if (after["regions"] or after["whole"]) else None,
                                **({"category": after["category"]} if after["category"] else {})},
                      **dict(base, category=category, status=status,
                             contractor=contractors[0] if contractors else None))
    elif is_project_q and not (is_rate or is_share) and not (classes and not category and not project_cue
                                                          and not projects_ and not contractors and not status):
        common = dict(base, category=category, status=status, min_investment_yuan=min_investment,
                      max_investment_yuan=max_investment,
                      max_progress_pct=threshold["value"] * 100 if threshold and threshold["op"] == "<"
                      and re.search(r"进度|形象进度|完成", text) else None,
                      min_progress_pct=threshold["value"] * 100 if threshold and threshold["op"] == ">"
                      and re.search(r"进度|形象进度|完成", text) else None)
        invest_words = _has(cue_text, measures["investment"]["words"])
        if len(set(contractors)) >= 2:  # 「A和B各承建了几个项目」: the named contractors side by side
            measure = "investment" if invest_words else "count"
            query = Query("project", measure=measure, group="contractor", contractors=list(dict.fromkeys(contractors)),
                          limit=len(set(contractors)), **common)
        elif contractors and (not is_top or "哪些" in text):  # 「某公司承建了多少个项目」「…总投资多少」「…承建了哪些项目」
            if "哪些" in text:
                query = Query("project", measure="count", group="project", contractor=contractors[0], **common)
            elif output_unit:  # 「某公司承建的农村公路一共多少公里」
                query = Query("project", measure="output", output_unit=output_unit, planned="计划" in text,
                              contractor=contractors[0], **common)
            else:
                measure = "disbursed" if _has(text, measures["disbursed"]["words"]) \
                    else "investment" if invest_words else "count"
                query = Query("project", measure=measure, contractor=contractors[0], **common)
        elif has("contractor") or contractors:
            measure = "investment" if _has(text, ["金额", "投资", "钱"]) else "count"
            query = Query("project", measure=measure, group="contractor", order="desc", limit=limit or 1,
                          contractor=contractors[0] if contractors else None, **common)
        elif projects_:  # one named project: its disbursement, investment, output or progress
            code = _choose_project(projects_[0], lexicon, regions, period)
            if len(projects_[0]) > 1:  # the same name in several years: say which one answers
                years = sorted({lexicon.project_year.get(c) for c in projects_[0]})
                notes.append(f"有{len(projects_[0])}个同名项目（{'、'.join(f'{y}年' for y in years)}），"
                             f"以下是{lexicon.project_year.get(code)}年的项目（编号 {code}）")
            measure = "disbursed" if _has(cue_text, measures["disbursed"]["words"]) else "investment" \
                if invest_words else "output" if output_unit else "progress"
            query = Query("project", measure=measure, project=code, output_unit=output_unit,
                          planned=measure == "output" and "计划" in text)
        elif category is None and re.search(r"哪(?:一)?类项目|各类项目|哪种项目|什么类型?的?项目", text):
            # 「哪类项目总投资最多」: project categories ranked
            measure = "disbursed" if _has(cue_text, measures["disbursed"]["words"]) else \
                "investment" if invest_words else "count"
            query = Query("project", measure=measure, group="category", order="asc" if is_bottom else "desc",
                          limit=limit or (1 if _single(text) else None), **common)
        elif compare_years or (period is not None and period.multi_year and not period.since and not is_top
                               and not contractors and (has("trend") or output_unit or invest_words
                                                        or _has(cue_text, measures["count"]["words"]))):
            # 「2021至2025年项目总投资逐年变化」「去年滞后项目数比前年多了几个」: project figures year by year
            unit = output_unit or (lexicon.outputs[category][1] if category in lexicon.outputs and (
                outputs or re.search(r"修|建|新增|改造|产出", cue_text)) and not invest_words else None)
            measure = "output" if unit else "disbursed" if _has(cue_text, measures["disbursed"]["words"]) \
                else "investment" if invest_words else "count"
            if compare_years:
                common["period"] = Period(min(compare_years), max(compare_years))
            query = Query("project", measure=measure, output_unit=unit, group="year", years=compare_years,
                          difference=bool(compare_years) and (is_growth or has("difference")),
                          percent_change=bool(compare_years) and re.search(
                              r"百分之几|百分之多少|百分比|增长率|增幅|增速|降幅|%|几成", text) is not None,
                          planned=unit is not None and "计划" in text,
                          new_start=has("new_start") and unit is None and status != "未开工", **common)
        elif (region_each or len(regions) >= 2) and not projects_:
            # 「哪个区县修的农村公路最多」「各区县滞后项目数」「A县和B县修了多少公里」: projects by region
            unit = output_unit or (lexicon.outputs[category][1] if category in lexicon.outputs and (
                outputs or re.search(r"修|建|新增|改造|产出", cue_text)) and not invest_words else None)
            measure = "output" if unit else "investment" if invest_words else "count"
            query = Query("project", measure=measure, output_unit=unit, group="region",
                          order="asc" if is_bottom else "desc", limit=limit or (1 if _single(text) else None),
                          new_start=has("new_start") and status != "未开工", **common)
        elif output_unit and (re.search(r"多少|几", text) or outputs or category):
            query = Query("project", measure="output", output_unit=output_unit, planned="计划" in text,
                          group="year" if has("trend") and period is not None and period.multi_year else None, **common)
        elif is_top and (_has(cue_text, measures["disbursed"]["words"]) or re.search(r"进度|进展", cue_text)) \
                and not re.search(r"哪(?:一)?类|各类", text):
            # 「已拨付资金最多的两个项目」「进度最慢的两个」: projects ranked by disbursement or progress
            by_progress = not _has(cue_text, measures["disbursed"]["words"])
            slow = re.search(r"最慢|最低|最少|最落后|最差|倒数", text) is not None
            query = Query("project", measure="progress" if by_progress else "disbursed", group="project",
                          order="asc" if (slow if by_progress else is_bottom) else "desc",
                          limit=limit or (1 if _single(text) else 10), **common)
        elif _has(text, measures["disbursed"]["words"]):
            query = Query("project", measure="disbursed", new_start=has("new_start") and status != "未开工", **common)
        elif invest_words and not is_top and not limit:
            query = Query("project", measure="investment", new_start=has("new_start") and status != "未开工", **common)
        elif _has(text, measures["investment"]["words"]) and is_top:
            query = Query("project", measure="investment", group="project", order="asc" if is_bottom else "desc",
                          limit=limit or (1 if _single(text) else 10), **common)
        elif _has(text, measures["count"]["words"]) or re.search(r"多少(?:个|项)?(?:民生)?项目", text):
            query = Query("project", measure="count", new_start=has("new_start") and not has("completed")
                          and status != "未开工", **common)
        else:
            query = Query("project", measure="count", group="project", new_start=has("new_start") and status != "未开工",
                          **common)
    # ---- budget figures -------------------------------------------------------
    elif output_unit and re.search(r"修了|建了|多少" + re.escape(output_unit), text):
        query = Query("project", measure="output", output_unit=output_unit, **dict(base, category=category))
    elif is_remaining and (is_budget or "没花" in text or "未花" in text) and not is_rate and not is_share:
        group = "region" if region_each else "dept" if dept_each else "class" if class_each else None
        query = Query("ranking" if group else "figure", measure="remaining", group=group,
                      order=("asc" if is_bottom else "desc") if group else None,
                      limit=(limit or (1 if _single(text) else None)) if group else None, **base)
    elif compare_periods and not is_growth:  # 「今年1至6月和7至10月全市支出比较」
        query = Query("comparison", measure="rate" if is_rate else money, group="period", periods=compare_periods,
                      difference=has("difference"), **dict(base, period=compare_periods[-1]))
    elif compare_years and not is_growth:
        months = (period.month_from, period.month_to) if period else (0, 0)  # 「2023年上半年和2024年上半年」
        query = Query("comparison", measure="rate" if is_rate else money, group="year", years=compare_years,
                      difference=has("difference"),
                      **dict(base, period=Period(min(compare_years), max(compare_years), *months)))
    elif by_month and not is_rate and not is_share and not is_growth:
        query = Query("trend", measure="spent", group=by_month, **base)
    elif by_month and is_rate and not is_share and not is_growth and not (region_each or dept_each):
        # 「今年每月执行进度」: the cumulative execution rate at the end of each month (or quarter)
        query = Query("trend", measure="rate", group=by_month, **base)
    elif len(regions) >= 2 or len(depts) >= 2 or (len(classes) >= 2 and not is_share):
        measure = "rate" if is_rate else "share" if is_share else "growth" if is_growth else money
        group = "region" if len(regions) >= 2 else "dept" if len(depts) >= 2 else "class"
        query = Query("comparison", measure=measure, group=group, difference=has("difference"), **base)
    elif is_growth and (region_each or dept_each or class_each or re.search(r"哪(?:一)?类|哪个类|哪方面|哪项", text)):
        # 「哪个区县支出增长最快」「哪一类支出同比增幅最大」: regions / classes ranked by growth
        group = "region" if region_each else "dept" if dept_each else "class"
        query = Query("ranking", measure="growth", group=group, order="asc" if is_bottom else "desc",
                      base_measure="rate" if is_rate else "budget" if is_budget else "spent",
                      limit=limit or (1 if _single(text) else None), **base)
    elif is_growth:
        if compare_years:  # 「2025年…比2023年增长了多少」: the named base year, not the year before
            base = dict(base, period=Period(min(compare_years), max(compare_years),
                                            period.month_from if period else 0, period.month_to if period else 0))
        elif re.search(r"(?:比|较|相比|跟|和|与|同)前年", text) and period is not None and period.year_to == as_of.year:
            base = dict(base, period=Period(as_of.year - 2, period.year_to, period.month_from, period.month_to))
        query = Query("growth", measure="growth", base_measure="rate" if is_rate else "budget" if is_budget else "spent",
                      difference=has("difference"), versus="previous" if is_sequential else "year", **base)
    elif is_trend:
        query = Query("trend", measure="rate" if is_rate else "share" if is_share else money, group="year", **base)
    elif is_rate:
        group = "region" if region_each else "dept" if dept_each else "class" if class_each else None
        if threshold and group is None:
            group = "dept"
        order = "asc" if is_bottom or (threshold and threshold["op"] == "<") else "desc" if is_top else None
        kind = "ranking" if (is_top and group) else "execution"
        query = Query(kind, measure="rate", group=group, threshold=threshold, order=order,
                      limit=limit if is_top else None, **base)
        if is_top and group and _single(text) and not limit:
            query.limit = 1
        if threshold and group and re.search(r"(?:有)?(?:几|多少)(?:个|家)", text):
            query.count_only, query.limit = True, None  # 「执行率低于60%的区县有几个」
    elif is_share:
        group = "region" if region_each else "dept" if dept_each else None
        kind = "ranking" if (is_top and group) else "share"
        query = Query(kind, measure="share", group=group, order=("asc" if is_bottom else "desc") if group else None,
                      base_measure="budget" if is_budget else "spent",
                      limit=(limit or (1 if _single(text) else None)) if kind == "ranking" else None, **base)
    elif class_each:
        class_set = None  # 「花钱最多的三类支出」: all classes ranked, not a guessed set
        base["class_set"] = None
        query = Query("ranking", measure=money, group="class",
                      order="asc" if is_bottom else "desc", limit=limit or (1 if _single(text) else None), **base)
    elif region_each or dept_each or (is_top and (has("department") or _has(text, ["哪个类", "哪类", "哪项", "哪方面", "哪一类"]))):
        group = "region" if region_each else "dept" if (dept_each or has("department")) else "class"
        measure = money
        limit_default = 1 if _single(text) else None
        query = Query("ranking", measure=measure, group=group, order="asc" if is_bottom else "desc",
                      limit=limit or limit_default, **base)
    elif classes or class_set or regions or depts or region_whole or _has(text, measures["spent"]["words"]) \
            or is_budget or is_per_capita or "一般公共预算" in text:
        query = Query("figure", measure=money, **base)

    if query is None:
        return Parse(None, 0.0, text, notes, [], unknown)
    if query.kind == "project":
        if query.category and query.classes:
            query.classes = []  # 「保障房」 names the category; its 类 adds nothing
        if query.new_start and query.period is not None and query.period.whole_year \
                and query.period.year_to == as_of.year and not query.period.multi_year:
            # 「今年新开工了多少个」: started by now, not planned to start later this year
            query.period = Period(as_of.year, as_of.year, 1, as_of.month)
        if query.measure == "output" and query.status == "已完工" and status_surface in ("建成", "完工", "竣工"):
            query.status = None  # 「建成保障房多少套」: 建成 is the verb of the output asked for
    if query.measure == "share" and query.kind != "project" and query.share_of is None:
        # 「A占B的比重」 (also year by year): B's scope as named after 占
        whole_year = whole_span[0] >= 0 and re.search(r"全年|全年度", text[whole_span[0]:]) is not None \
            and period is not None and not period.whole_year
        if (query.group in (None, "year") and (after["regions"] or after["whole"] or after["classes"]
                                               or after["class_set"] or whole_year)) \
                or (query.group == "region" and after["whole"]):  # 「各区县教育支出占全市教育支出的比重」
            query.share_of = {"regions": after["regions"] if (after["regions"] or after["whole"]) else None,
                              "classes": after["classes"]}
            if after["class_set"]:
                query.share_of["class_set"] = after["class_set"]
            if whole_year:  # 「四季度支出占全年的比重」: the same scope over the whole year
                query.share_of["whole_year"] = True
    if kuan_each and query.group == "class":
        query.group, query.classes, query.class_set = "kuan", classes, None
    if query.group == "region" and query.kind != "comparison" and not query.regions \
            and each_noun in lexicon.region_subsets:
        query.regions = list(lexicon.region_subsets[each_noun])  # 「哪个县」: the counties only

    confidence = 1.0
    if notes:
        confidence = min(confidence, 0.6)
    if unknown and not alternatives_classes and not notes:
        confidence -= 0.1 * min(len(unknown), 3)
        notes.append(f"未识别的词：{'、'.join(unknown)}")
    alternatives = []
    for entry in alternatives_classes:
        alt = Query(**{**query.__dict__})
        alt.classes, alt.class_set = ([], entry.value) if entry.type == "class_set" else ([entry.value], None)
        alternatives.append(alt)
    return Parse(query, round(max(confidence, 0.0), 2), text, notes, alternatives, unknown)


def _pick(entries):
    """Several meanings for one surface: prefer the most specific kind."""
    order = ("project", "contractor", "dept", "region", "class_each", "category", "output", "class", "class_set", "status",
             "region_whole", "region_each", "dept_each")
    return sorted(entries, key=lambda e: order.index(e.type) if e.type in order else 99)[0]


_YEAR = r"(?:(?:19|20)\d{2}年?|大前年|前年|去年|今年|上年|本年)"
# a month phrase that may follow each of the years compared: 「2023年上半年和2024年上半年」
_YEAR_PART = r"(?:上半年|下半年|前三季度|前3季度|第?[1-4一二三四]季度|\d{1,2}(?:月份?)?(?:-|—|~|至|到)\d{1,2}月|\d{1,2}月)?"
_RELATIVE = {"大前年": -3, "前年": -2, "去年": -1, "上年": -1, "今年": 0, "本年": 0}


def _compared_years(text, as_of):
    """「2024年和2025年」「前年和去年」「2023年上半年和2024年上半年」 → the years set side by side."""
    m = re.search(rf"({_YEAR}){_YEAR_PART}((?:(?:和|与|跟|及|同|、|vs|VS){_YEAR}{_YEAR_PART})+)", text) \
        or re.search(r"((?:19|20)\d{2})年?[^\d]{0,20}?((?:比|较|相比)(?:19|20)\d{2})年", text) \
        or re.search(r"(大前年|前年|去年|今年)[^\d]{0,20}?((?:比|较|相比)(?:大前年|前年|去年))", text) \
        or re.search(r"(大前年|前年|去年|今年)[^\d]{0,20}?((?:和|跟|与|同)(?:大前年|前年|去年))(?:相|对)?比", text)
    # 「2025年支出比2024年多多少」「去年滞后项目比前年多了几个」 (not 「比上年」: the year before the one named)
    if not m:
        return []

    def year(word):
        return int(word[:4]) if word[:2] in ("19", "20") else as_of.year + _RELATIVE[word]

    words = [m.group(1)] + re.findall(_YEAR, m.group(2))
    years = {year(w.rstrip("年") if w[:2] in ("19", "20") else w) for w in words}
    return sorted(years) if len(years) >= 2 else []


def _widen_to_misspelt(found, text, lexicon, skip):
    """「基层医疗卫生机」 holds 「医疗卫生」 (a colloquial name of the whole 类): when the characters around a
    matched name make a longer class or department name missing one character, that name is meant."""
    blocked = {i for a, b in skip for i in range(a, b)}
    taken = {i for a, b, _s, _e in found for i in range(a, b)}
    out, widened = [], []
    for start, end, surface, entries in found:
        best = None
        if any(e.type in ("class", "dept") for e in entries):
            own = taken - set(range(start, end))
            for a in range(max(0, start - 4), start + 1):
                for b in range(min(len(text), end + 4), end - 1, -1):
                    if (a, b) == (start, end) or own.intersection(range(a, b)) or blocked.intersection(range(a, b)):
                        continue
                    entry = lexicon.name_missing_a_char(text[a:b])
                    if entry is not None and len(entry.name) > len(surface) + 1 and (best is None or b - a > best[1] - best[0]):
                        best = (a, b, entry)
        if best:
            a, b, entry = best
            out.append((a, b, text[a:b], [entry]))
            widened.append((text[a:b], entry.name))
        else:
            out.append((start, end, surface, entries))
    return out, widened


def _dropped_char_names(rest, lexicon):
    """[(start, end, Entry)] for unmatched words that are a class or department name missing one character."""
    found = []
    for run in re.finditer(r"[\u4e00-\u9fff]{3,}", rest):
        i = run.start()
        while i <= run.end() - 3:
            for length in range(min(10, run.end() - i), 2, -1):
                entry = lexicon.name_missing_a_char(rest[i:i + length])
                if entry is not None:
                    found.append((i, i + length, entry))
                    i += length
                    break
            else:
                i += 1
    return found


def _typo_regions(rest, lexicon):
    """[(start, end, Entry)] for unmatched words that are a region's name with a typo (longest first)."""
    found = []
    for run in re.finditer(r"[\u4e00-\u9fff]{2,}", rest):
        i = run.start()
        while i < run.end() - 1:
            for length in range(min(4, run.end() - i), 1, -1):
                word = rest[i:i + length]
                if word in _STOP:
                    continue
                entry = lexicon.region_like(word)
                if entry is not None:
                    found.append((i, i + length, entry))
                    i += length
                    break
            else:
                i += 1
    return found


_NOT_REGIONS = {"城区", "市区", "郊区", "山区", "景区", "园区", "小区", "社区", "辖区", "牧区", "矿区", "新区", "老区", "灾区", "片区",
                "试验区", "开发区", "示范区", "保护区", "功能区", "风景区", "经济区", "商业区", "住宅区", "老城区", "主城区",
                "贫困县", "全区", "全县", "本区", "本县", "该区", "该县", "各区", "各县"}


def _unknown_region(rest, lexicon):
    """A word that looks like a region's name (「北山县」) but names none in this publication."""
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", rest):
        words = _tokenizer(lexicon).lcut(run, HMM=True)
        for word, following in zip(words, words[1:] + [""]):
            if following in ("区", "县") and len(word) >= 2 and word not in _STOP:  # jieba: 北山 / 县
                word += following
            if len(word) >= 3 and word[-1] in "区县" and word not in _NOT_REGIONS and word not in lexicon.surfaces:
                return word
    return None


def _choose_project(codes, lexicon, regions, period):
    """The project a name means when several share it: the one in the region named, of the year named,
    else the most recent."""
    def rank(code):
        year = lexicon.project_year.get(code, 0)
        return (lexicon.project_region.get(code) in regions if regions else True,
                period is not None and period.explicit and year in period.years, year, code)

    return max(codes, key=rank)


_MONTHS_PHRASE = (r"(上半年|下半年|前三季度|第?[1-4一二三四]季度|\d{1,2}(?:月份?)?(?:-|—|~|至|到)\d{1,2}月|\d{1,2}月份?)")
_PHRASE_MONTHS = {"上半年": (1, 6), "下半年": (7, 12), "前三季度": (1, 9)}


def _phrase_months(phrase):
    if phrase in _PHRASE_MONTHS:
        return _PHRASE_MONTHS[phrase]
    quarter = re.search(r"([1-4一二三四])季度", phrase)
    if quarter:
        q = "1234".find(quarter.group(1)) + 1 or "一二三四".find(quarter.group(1)) + 1
        return q * 3 - 2, q * 3
    numbers = [int(n) for n in re.findall(r"\d{1,2}", phrase)]
    return (numbers[0], numbers[-1]) if 1 <= numbers[0] <= numbers[-1] <= 12 else None


def _periods_of_two_years(text, as_of):
    """「今年上半年和去年下半年」 → [Period(2026, 1–6), Period(2025, 7–12)] when the month spans differ."""
    m = re.search(rf"({_YEAR}){_MONTHS_PHRASE}(?:和|与|跟|及|同|、|vs|VS|对比|比较)({_YEAR}){_MONTHS_PHRASE}", text)
    if not m:
        return []
    spans = [_phrase_months(m.group(2)), _phrase_months(m.group(4))]
    if None in spans or spans[0] == spans[1]:
        return []

    def year(word):
        return int(word[:4]) if word[:2] in ("19", "20") else as_of.year + _RELATIVE[word]

    return [Period(year(m.group(1)), year(m.group(1)), *spans[0]), Period(year(m.group(3)), year(m.group(3)), *spans[1])]


def _compared_periods(text, period):
    """「1至6月和7至10月」「上半年和下半年」「一季度与二季度」 of one year → [Period, Period]."""
    m = re.search(_MONTHS_PHRASE + r"(?:和|与|跟|及|同|、|vs|VS)" + _MONTHS_PHRASE, text)
    if not m or period is None:
        return []
    spans = [_phrase_months(m.group(1)), _phrase_months(m.group(2))]
    if None in spans or spans[0] == spans[1]:
        return []
    year = period.year_to
    return [Period(year, year, a, b) for a, b in spans]


def _unit_category(lexicon, unit):
    """The one project category whose output is counted in ``unit`` (套 → 保障性住房), else None."""
    if unit == "个":  # 「多少个」 is too common to name an output by itself
        return None
    found = [c for c, (_name, u) in lexicon.outputs.items() if u == unit]
    return found[0] if len(found) == 1 else None


def _bare_region_noun(rest, lexicon):
    """The span of a group noun (省, 区县, 地区) standing alone: after 的/个/几, or before the end."""
    for noun in lexicon.region_nouns:
        m = re.search(rf"(?<=[的个名位几哪每\d]){re.escape(noun)}份?|(?<![全本该此]){re.escape(noun)}份?(?=[？?。！!，,\s]|$)",
                      rest)
        if m:
            return m
    return None


def _single(text):
    return bool(re.search(r"哪个|哪家|哪一|最高的是|最多的是|谁|第一|最(?:高|多|大|低|少|小)(?!的\d)", text)) \
        and not re.search(r"哪些|前\d+|\d+个|\d+家|\d+名", text)


_SMALL_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}


def _limit(text):
    # 「最多的三类」: a small Chinese numeral before 类 is a count too (normalize leaves 类 words alone)
    text = re.sub(r"(?<![哪第])([一两二三四五六七八九十])(?=大?类)", lambda m: str(_SMALL_NUMERALS[m.group(1)]), text)
    m = re.search(r"(?:前|后|top|TOP|Top)\s*(\d{1,3})(?!\s*(?:个?季|个?月|年|\d))|(\d{1,3})\s*(?:个|家|名|项|大|类|位)(?!月|季)",
                  text)
    if not m:
        return None
    value = int(m.group(1) or m.group(2))
    # 「多少个」/「5个区」 after a year or a month is not a limit
    return value if 0 < value <= 100 else None


_AMOUNT_THRESHOLD = re.compile(
    r"(?:总?投资(?:额|规模)?(?:在)?)?(?:(超过|高于|大于|不少于|不低于|至少|超|不到|不足|低于|少于|小于)\s*"
    r"(\d+(?:\.\d+)?)\s*(亿|万|千)?元?(以上|以下)?|(\d+(?:\.\d+)?)\s*(亿|万|千)?元?(?:及)?(以上|以下))")
_BELOW_WORDS = ("不到", "不足", "低于", "少于", "小于", "以下")


def _amount_threshold(text):
    """「投资超过1亿元」「总投资三千万以上」 → (100000000.0 元, span, ">="); 「不到一千万」 → (…, "<")."""
    for m in _AMOUNT_THRESHOLD.finditer(text):
        if m.group(2):
            word, number, unit = m.group(1), m.group(2), m.group(3)
        else:
            word, number, unit = m.group(7), m.group(5), m.group(6)
        if unit is None and float(number) < 10000:
            continue  # 「5个以上」「超过50%」 are no amounts
        op = "<" if word in _BELOW_WORDS or m.group(4) == "以下" else ">="
        return float(number) * {"亿": 1e8, "万": 1e4, "千": 1e3}.get(unit, 1), m.span(), op
    return None, None, None


def _threshold(text):
    sem = semantic()["cues"]
    m = re.search(r"(" + "|".join(map(re.escape, sem["below"] + sem["above"])) + r")\s*(\d+(?:\.\d+)?)\s*(%|成)", text)
    if not m:
        m2 = re.search(r"(\d+(?:\.\d+)?)\s*(%|成)\s*(" + "|".join(map(re.escape, sem["below"] + sem["above"])) + ")", text)
        if not m2:
            return None
        word, number, unit = m2.group(3), m2.group(1), m2.group(2)
    else:
        word, number, unit = m.group(1), m.group(2), m.group(3)
    value = float(number) / (10 if unit == "成" else 100)
    return {"op": "<" if word in sem["below"] else ">", "value": value}


def _unknown_words(rest, lexicon):
    cue_words = set()
    sem = semantic()
    for words in sem["cues"].values():
        cue_words.update(words)
    for spec in sem["measures"].values():
        cue_words.update(spec["words"])
    tok = _tokenizer(lexicon)
    words = []
    for chunk in re.split(r"[\s\d%.,，。？?！!、：:；;（）()\-—~]+", rest):
        if not chunk:
            continue
        for word in tok.lcut(chunk, HMM=True):
            if len(word) < 2 or word in _STOP or re.fullmatch(r"[一两二三四五六七八九十几]+大?类", word) or word in cue_words or not re.search(r"[\u4e00-\u9fff]", word):
                continue
            if any(word in w for w in cue_words if len(w) > len(word)):
                continue
            # 「增长率」「执行率如何」: a known cue word plus one character is not an unknown subject
            if any(len(w) >= 2 and w in word and len(word) - len(w) <= 1 for w in cue_words):
                continue
            # 「承建项目」: cue words run together
            if not re.sub("|".join(sorted((re.escape(w) for w in cue_words | _STOP if len(w) >= 2), key=len,
                                          reverse=True)), "", word):
                continue
            words.append(word)
    return words


def latest_period(year):
    return Period(year, year, 0, 0, explicit=False)
