"""Plain words: the glossary page (/glossary, /glossary.json) and the inline explanations of terms.

One list of terms serves both: the page explains each term in full; wherever a page shows one of the
INLINE terms (in a table header, a figure label, a note), templating.with_terms marks it with its short
explanation (``<abbr title>``, shown on hover) and a 「?」 link to its entry here (works on a phone,
without JavaScript).
"""
from dataclasses import asdict, dataclass

from flask import Blueprint, current_app, jsonify, render_template, url_for

from ledger import semantics, supervision

bp = Blueprint("glossary", __name__)


@dataclass(frozen=True)
class Term:
    key: str  # the anchor (#term-<key>) and the JSON key
    term: str
    short: str  # one sentence: the tooltip
    definition: str  # the full explanation on the glossary page
    formula: str = ""
    aliases: tuple = ()  # other wordings marked inline (民生支出占比 → 民生支出)


def _minsheng_names():
    codes = semantics.minsheng_codes(current_app.config)
    return "、".join(f"{semantics.STANDARD_CLASS_NAMES.get(c, c)}（{c}）" for c in codes)


def _pace_rule():
    """The 进度滞后 rule in words, from the one rule file (ledger/supervision/rules.toml [pace])."""
    rule = supervision.load_rules().pace
    basis = ("往年同期进度（没有往年完整数据时改用时间进度）" if rule.basis == "profile" else "时间进度")
    return (f"监督预警按{basis}衡量执行进度：累计执行率连续 {rule.consecutive_months} 个月低于它的 "
            f"{round(rule.ratio * 100)}% 时，在预警页、预算执行页、区县对比页和白皮书中同样标为「进度滞后」。")


def terms():
    """Every term, in reading order: money first, then time, places, projects, the data itself."""
    return [
        Term("budget", "预算数", "人民代表大会批准的本年度预算（含年中调整）。",
             "政府本年度计划花的钱，由同级人民代表大会批准，年中经批准调整的按调整后计。本站的预算数均为全年数，不按月份拆分。",
             aliases=("年度预算",)),
        Term("spent", "支出数", "国库实际付出的钱，按月统计。",
             "国库实际支付的金额，逐月统计（当月数，不是累计数）。「1–10月累计」是 1 月至 10 月各月之和。"),
        Term("execution-rate", "执行率", "支出 ÷ 预算：预算花掉了几成。",
             "累计支出除以全年预算。截至某月的执行率是 1 月至该月的累计支出 ÷ 全年预算，所以年中的执行率天然低于 100%，"
             "应当与「时间进度」对照着看：10 月底执行率 70%，而时间进度是 83%，说明花钱偏慢。",
             "执行率 = 累计支出 ÷ 年度预算", aliases=("预算执行率", "累计执行率")),
        Term("time-pace", "时间进度", "已过去的月份 ÷ 12，例如截至 6 月为 50%。",
             "一年中已经过去的比例：截至第 n 个月末为 n ÷ 12。" + _pace_rule(), "时间进度 = 月份 ÷ 12"),
        Term("usual-pace", "往年同期进度", "往年到同一个月末，一般已花掉全年支出的几成。",
             "前几个完整年度里，全部地区 1 月至当月的支出占全年支出的平均比例，即本地花钱的季节规律"
             "（年初往往偏慢）。" + _pace_rule(), "往年同期进度 = 往年 1 月至当月支出 ÷ 往年全年支出（取平均）"),
        Term("minsheng", "民生支出", "教育、社保、医疗、住房等与百姓生活直接相关的支出。",
             "与百姓生活直接相关的支出之和。本站按政府收支分类的以下各类计算：{classes}（可由 MINSHENG_CLASSES 设置调整）。"
             "「民生支出占比」是民生支出占全部支出的比例。",
             "民生支出占比 = 民生支出 ÷ 总支出", aliases=("民生支出占比",)),
        Term("city-level", "市本级", "市级部门直接安排和支出的钱，不含各区县。",
             "由市级部门（如市教育局、市卫生健康委员会）直接安排和支出的预算。全市合计 = 市本级 + 各区县；"
             "「全市」指全市合计（市本级＋各区县）；区县对比页的「区县平均」是各区县的平均值，不含市本级。"),
        Term("func-class", "功能分类", "按钱用在什么事情上分类：类（3 位编码）和款（5 位编码）。",
             "政府收支分类科目中的支出功能分类，说明钱用在什么事情上。「类」是 3 位编码，如 205 教育支出；"
             "「款」是 5 位编码，如 20502 普通教育。", aliases=("科目",)),
        Term("department", "预算单位", "编制和执行预算的部门，如市教育局。",
             "编制和执行预算的机关或部门（一级预算单位），如市教育局、鹭洲区卫生健康局。"),
        Term("unit", "二级预算单位", "部门下属、单独编制预算的学校、医院、中心等。",
             "部门下属、单独编制预算的学校、医院、事业中心等。它们的预算和支出是所属部门的一部分："
             "部门合计 = 部门本级（机关本身及未细分到单位的部分）+ 各二级预算单位。"),
        Term("township", "乡镇/街道", "区县以下的乡、镇和街道，项目所在的地方。",
             "区县以下的行政区：农村地区多为乡、镇，城区多为街道。项目页写明项目所在的乡镇或街道，"
             "项目列表和搜索可按乡镇/街道筛选，找到身边的项目。"),
        Term("investment", "总投资", "项目批准的全部投资，可能分几年花完。",
             "项目批准的全部投资额，跨年度的项目分几年安排资金。"),
        Term("annual-plan", "年度计划", "项目本年度计划投入的资金。", "项目在本年度计划完成的投资额。"),
        Term("disbursed", "已支付", "已经从国库付给承建单位等的钱。",
             "已经通过国库支付的金额；项目页列出每一笔支付（收款人为个人的以代号替代）。"),
        Term("progress", "形象进度", "工程实际完成的程度（%），由项目单位填报。",
             "按工程量估计的完成程度，由项目单位定期填报。项目状态「滞后」表示已过计划完工日期仍未完工，"
             "或形象进度比按工期应达到的进度落后 25 个百分点以上。"),
        Term("yoy", "同比增长", "与上年同期（相同月份）相比增长了多少。",
             "本期与上年同一时期（相同的月份范围）相比的增长率；上年没有数据时不计算。",
             "同比增长 = 本期 ÷ 上年同期 − 1"),
        Term("per-capita", "人均支出", "支出 ÷ 常住人口。", "支出除以地区常住人口。", "人均支出 = 支出 ÷ 常住人口"),
        Term("deidentified", "脱敏", "发布前去掉或替换个人信息。",
             "数据发布前去掉或替换可以识别个人的信息：个人姓名以代号替代，身份证号、电话、银行卡号和住址不公开。"
             "每次发布的脱敏统计见「发布记录」。"),
        Term("publication", "发布", "财政局每导入一次数据就形成一次「发布」，可按编号引用。",
             "财政局每导入一次数据，就形成一次编号的发布。页脚注明当前数据来自哪次发布；网址加 ?pub=编号 可固定引用某次发布，"
             "数据 SHA-256 是这次发布全部数据的指纹（mingzhang verify 可核对）。"),
    ]


# Terms marked wherever a page shows them (the four, and the new places and units).
INLINE_KEYS = ("execution-rate", "minsheng", "time-pace", "usual-pace", "city-level", "unit", "township")


def term_index():
    """{wording: Term} of the inline terms, longest wording first (民生支出占比 before 民生支出)."""
    index = {}
    for term in terms():
        if term.key in INLINE_KEYS:
            for wording in (term.term, *term.aliases):
                index[wording] = term
    return dict(sorted(index.items(), key=lambda item: -len(item[0])))


def filled(term):
    return Term(**{**asdict(term), "definition": term.definition.format(classes=_minsheng_names())})


@bp.get("/glossary", defaults={"fmt": "html"})
@bp.get("/glossary.<any(json):fmt>")
def glossary(fmt):
    entries = [filled(t) for t in terms()]
    if fmt == "json":
        return jsonify({"terms": [{**asdict(t), "aliases": list(t.aliases),
                                         "url": url_for("glossary.glossary", _anchor=f"term-{t.key}")}
                                        for t in entries]})
    return render_template("glossary.html", terms=entries)
