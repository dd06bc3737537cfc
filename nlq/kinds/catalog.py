"""The publication's own tables (issue #18): what a classification code stands for (「21303是什么科目」), how many
类 or 款 the published classification holds (「功能分类一共有几类」), and the date the data run to (「数据更新到
哪天了」). Read from the published tables (ledger.queries.reference, ledger.db), each answer linked to the rows
or the page it comes from; nothing here is a figure of money."""
import re

from ledger.db import get_publication
from ledger.importer.yearbook import REMAINDER_CODE
from ledger.queries import reference

from ..ir import Kind, Query

# a 类/款/项 code asked about: 「科目编码21004是什么」「205是什么科目」「21303代表哪类支出」 (read before the code
# becomes its class's name, nlq/parser.py)
CODE_ASKED = re.compile(r"(?<![\d.\-A-Za-z])(2\d{2}(?:\d{2}){0,2})(?![\d.%％万亿元])\s*(?:号)?(?:科目)?\s*"
                        r"(?:是|指|代表|对应|表示)(?:的是|的)?\s*(?:什么|啥|哪个|哪一个|哪类|哪一类|哪项)")
# the classification counted: 「有多少个功能分类」「“类”一共有多少个」「到款一级一共有几个款」「支出科目有多少个」
# (a bare 类 or 款 only with 个 or quoted: 「付了多少款」 asks for money, 「最多的几类」 ranks)
NOUN = r"(?:支出)?(?:功能)?(?:分类|科目)|[“”\"「」'](?:类|款)[“”\"「」']?|(?:类|款)(?=[^，,。？?\d]{0,4}?(?:有|是|共|计)?(?:几|多少)个)"
COUNT_ASKED = re.compile(rf"(?:几|多少)个[“”\"「」']?(?:{NOUN}|类|款)|(?:几|多少)(?:{NOUN})"
                         rf"|(?:{NOUN})[“”\"「」']?[^，,。？?\d]{{0,6}}?(?:有|是|共|计)?(?:几|多少)个")
# words of another question: money, ranking, projects (「花钱最多的几类」 ranks classes)
OTHER = re.compile(r"最|前|排|花|钱|元|预算|执行|增长|超过|以上|以下|低于|高于|项目|工程|付|拨|笔|占|比|哪|下面|里面的|包括")
CATALOG_WORDS = re.compile(r"(?:政府)?(?:收支|支出)?(?:功能)?(?:分类|科目)")
# the date the data run to: 「数据截止到哪天」「这些数据更新到几月份了」「最新数据是哪天的」
AS_OF_ASKED = re.compile(r"(?:数据|数字|资料|信息|账)[^，,。？?]{0,6}(?:更新|截止|截至|统计|覆盖|公布|发布)?(?:到|至)"
                         r"(?:了)?(?:哪天|哪一天|几号|什么时候|啥时候|哪个月|几月份?|哪月|何时|什么日期|哪个日期)"
                         r"|(?:最新|最近)的?(?:数据|数字)(?:是|到|截至|截止)?(?:哪天|哪一天|几号|哪个月|几月份?)")
AS_OF = "as_of"
CLASS_NAME = "class_name"
CLASS_COUNT = "class_count"
LEVEL_NAMES = {1: "类", 2: "款"}


def code_asked(text, lexicon):
    """「科目编码21303是什么」: the code's name in the published classification (before codes become names)."""
    m = CODE_ASKED.search(text)
    if m is None:
        return None
    return Query(Kind.CATALOG, topic=CLASS_NAME, classes=[m.group(1)])


def asked(ctx):
    """「功能分类一共有几类」「数据更新到哪天了」: the classification counted, the data's as-of date."""
    text = ctx.text
    if AS_OF_ASKED.search(text):
        return Query(Kind.CATALOG, topic=AS_OF)
    m = COUNT_ASKED.search(text)
    if m is None or OTHER.search(CATALOG_WORDS.sub(" ", text)) or ctx.slots.regions or ctx.slots.depts:
        return None
    rest = CATALOG_WORDS.sub(" ", text)
    if "支出" in rest or (ctx.slots.classes and not ctx.slots.embedding_match):
        return None  # 「教育支出有几类」 asks about spending, not the classification
    level = 2 if "款" in m.group(0) or re.search(r"到?款一?级", text) else 1
    return Query(Kind.CATALOG, topic=CLASS_COUNT, limit=level)


def _classes(conn, pub_id, level):
    """[(code, name)] of one level of the published classification, without the yearbook's rounding remainder
    (「分项合计尾差」, no class of spending)."""
    size = {1: 3, 2: 5}[level]  # 类: 3 digits, 款: 5 (ledger/datadict.py)
    return sorted((code, name) for code, name in reference.class_names(conn, pub_id).items()
                  if len(code) == size and code != REMAINDER_CODE)


def run(conn, pub_id, query, lexicon):
    if query.topic == AS_OF:
        as_of = (get_publication(conn, pub_id) or {}).get("as_of")
        if as_of is None:
            return {"kind": "figure", "nothing": "这份数据没有记录截止日期（只有年度数字）。"}, None
        shown = f"{as_of.year}年{as_of.month}月{as_of.day}日"
        return {"kind": "figure", "value": as_of.isoformat(), "display": shown,
                "sentence": f"本站当前发布的数据截至{shown}（{as_of.year}年的数字为1—{as_of.month}月累计）。"}, None
    if query.topic == CLASS_NAME:
        row = reference.func_class(conn, pub_id, query.classes[0])
        if row is None:
            return {"kind": "figure", "nothing": f"本站发布的功能分类中没有编码为{query.classes[0]}的科目。"}, None
        level = LEVEL_NAMES.get(row["level"], "")
        return {"kind": "figure", "value": row["name"], "display": row["name"],
                "sentence": f"科目编码{row['code']}是「{row['name']}」（政府收支分类·支出功能分类的{level}）。"}, None
    classes = _classes(conn, pub_id, query.limit)
    if not classes:
        return {"kind": "figure", "nothing": f"本站发布的功能分类没有到{LEVEL_NAMES.get(query.limit, '')}一级。"}, None
    return {"kind": "figure", "value": len(classes), "unit": "个", "display": f"{len(classes)} 个",
            "columns": ["编码", "名称"], "rows": [[code, name] for code, name in classes],
            "codes": [code for code, _ in classes]}, None


def restate(query, lexicon, coverage=None):
    if query.topic == AS_OF:
        return "本站当前发布数据的截止日期"
    if query.topic == CLASS_NAME:
        return f"支出功能分类科目编码{query.classes[0]}的名称"
    return f"本站发布的支出功能分类中「{LEVEL_NAMES[query.limit]}」一级科目的个数（不含尾差）"


def records(query, lexicon, pub_id, answer):
    """The publications page for the as-of date; the classification's rows (open data) for a code or a count."""
    if not answer or answer.get("value") is None:
        return {}
    if query.topic == AS_OF:
        return {"records": "/publications"}
    if query.topic == CLASS_NAME:
        return {"records": f"/data/func_classes.csv?code={query.classes[0]}"}
    return {"records": "/data/func_classes.csv?code__in=" + ",".join(answer["codes"])}


def chips(query, lexicon):
    return []
