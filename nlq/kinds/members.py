"""How many regions or townships the published tables hold (「示例市一共有几个区县」「梅溪县有几个镇」
「全市有多少个乡镇和街道」「年鉴里有几个省级地区」): the rows of the regions or townships table, counted, with
their names as the rows — never a count of the ones with spending, never an amount in 个."""
import re

from .. import links
from ..ir import Kind, Query

# the noun counted → which rows: regions of the level below the whole, or townships by the end of their name
REGION_NOUNS = {"区县": "", "县区": "", "县市区": "", "省级地区": "", "省级行政区": "", "省区市": "", "省份": ""}
TOWNSHIP_NOUNS = {"乡镇街道": ("乡", "镇", "街道"), "乡镇（街道）": ("乡", "镇", "街道"), "乡镇(街道)": ("乡", "镇", "街道"),
                  "镇街": ("乡", "镇", "街道"), "乡镇": ("乡", "镇"), "街道": ("街道",), "镇": ("镇",), "乡": ("乡",)}
NOUNS = "|".join(re.escape(n) for n in sorted([*REGION_NOUNS, *TOWNSHIP_NOUNS], key=len, reverse=True))
ASKED = re.compile(rf"(?:几|多少)个((?:{NOUNS})(?:(?:和|与|及|、)(?:{NOUNS}))*)")
# 「桂岭县有哪些乡镇街道」「鹭洲区有哪几个镇」: the members named, one a row
LISTED = re.compile(rf"(?:哪些|哪几个|哪几|什么)((?:{NOUNS})(?:(?:和|与|及|、)(?:{NOUNS}))*)")
# anything else asked (money, projects, a threshold): the question is not about the members alone
OTHER_ASKED = re.compile(r"支出|预算|花|钱|元|项目|执行|增长|超过|以上|以下|低于|高于|人口|最|排|哪")
OTHER_THAN_LISTED = re.compile(r"支出|预算|花|钱|元|项目|执行|增长|超过|以上|以下|低于|高于|人口|最|排")
MEMBERS_COUNTED = "members_counted"
# 「下面几个区几个县」「区和县各有几个」: the regions below the whole counted by the end of their name, side by side
SUFFIXES_ASKED = re.compile(r"(?:几|多少)个(区|县)[，,、和与及]?(?:有)?(?:几|多少)个(区|县)|(区|县)(?:和|与|及|、)(区|县)各(?:有)?(?:几|多少)个")
BY_SUFFIX = "members_by_suffix"
MEMBERS_LISTED = "members_listed"


def by_suffix(ctx):
    """「示例市下面几个区几个县」: the regions below the whole whose names end 区, and those ending 县, counted."""
    s, asked = ctx.slots, SUFFIXES_ASKED.search(ctx.text)
    ends = [end for end in (asked.groups() if asked else ()) if end]
    if not asked or len(set(ends)) != 2 or OTHER_ASKED.search(ctx.text) or s.depts or s.units or s.projects \
            or any(code != ctx.lexicon.root_code for code in s.regions):
        return None
    s.regions[:] = []  # 「区」「县」 read as the districts are what is counted, not a scope
    return Query(Kind.MEMBERS, category="/".join(ends), topic=BY_SUFFIX)


def counted(ctx):
    """「示例市下面一共有几个区县」「梅溪县下面有几个镇」: the members of a place, counted."""
    if by_suffix(ctx):
        return by_suffix(ctx)
    s, asked, topic = ctx.slots, LISTED.search(ctx.text), MEMBERS_LISTED
    if asked is None or not s.regions:  # only a district's townships are named: 「桂岭县有哪些乡镇街道」
        asked, topic = ASKED.search(ctx.text), MEMBERS_COUNTED
    classes_named = s.classes and not s.embedding_match  # a class guessed from words left over names nothing
    other = OTHER_ASKED if topic == MEMBERS_COUNTED else OTHER_THAN_LISTED
    if not asked or other.search(ctx.text) or s.depts or s.units or s.projects or classes_named \
            or len(s.regions) > 1:
        return None
    nouns = re.split(r"和|与|及|、", asked.group(1))
    if all(noun in REGION_NOUNS for noun in nouns):
        category = "regions"
    elif all(noun in TOWNSHIP_NOUNS for noun in nouns):
        category = "/".join(sorted({end for noun in nouns for end in TOWNSHIP_NOUNS[noun]}))
    else:
        return None
    if topic == MEMBERS_LISTED and category == "regions":
        return None
    return Query(Kind.MEMBERS, regions=list(s.regions), category=category, topic=topic)


def _names(query, lexicon):
    place = query.regions[0] if query.regions else lexicon.root_code
    if query.category == "regions":
        if place != lexicon.root_code:
            return None  # the regions table has no level below a district or county
        return [name for code, name in lexicon.region_names.items() if lexicon.region_level.get(code) == 1]
    ends = tuple(query.category.split("/"))
    return [name for code, name in lexicon.township_names.items()
            if name.endswith(ends) and (place == lexicon.root_code or lexicon.township_region.get(code) == place)]


def _by_suffix(lexicon, ends):
    names = [name for code, name in lexicon.region_names.items() if lexicon.region_level.get(code) == 1]
    rows = [[end, sum(name.endswith(end) for name in names)] for end in ends]
    return {"kind": "table", "unit": "个", "columns": ["名称结尾", "个数"], "rows": rows, "keys": ends,
            "value": None, "display": "，".join(f"{end} {n} 个" for end, n in rows)}, None


def run(conn, pub_id, query, lexicon):
    if query.topic == BY_SUFFIX:
        return _by_suffix(lexicon, query.category.split("/"))
    names = _names(query, lexicon)
    if names is None:
        return {"kind": "figure", "nothing": "本站的地区表只到区县一级，区县下面的是乡镇街道；可以问「某县有几个乡镇」。"}, None
    if not names:
        return {"kind": "figure", "nothing": "本站数据中没有这样的地区或乡镇街道。"}, None
    answer = {"kind": "figure", "value": len(names), "unit": "个", "display": f"{len(names)} 个",
              "columns": ["名称"], "rows": [[name] for name in names]}
    if query.topic == MEMBERS_LISTED:  # the names are the answer; how many is said beside them
        answer.update(kind="table", value=None, display="、".join(names), count=len(names), top=names[0])
    return answer, None


def restate(query, lexicon, coverage=None):
    place = lexicon.region_names.get(query.regions[0], "") if query.regions else lexicon.root_name
    if query.topic == BY_SUFFIX:
        return f"{lexicon.root_name}下辖地区中名称以「" + "」「".join(query.category.split("/")) + "」结尾的各有几个（按本站发布的地区表计）"
    what = "下辖地区" if query.category == "regions" else "名称以「" + "」「".join(query.category.split("/")) + "」结尾的乡镇街道"
    if query.topic == MEMBERS_LISTED:
        return f"{place}{what}的名单（按本站发布的地区表计）"
    return f"{place}{what}的个数（按本站发布的地区表计）"


def records(query, lexicon, pub_id, answer):
    """The regions or townships table's rows it counted (one each)."""
    if not (answer or {}).get("rows"):
        return {}
    if query.category == "regions" or query.topic == BY_SUFFIX:
        return {"records": links.members()}
    place = query.regions[0] if query.regions and query.regions[0] != lexicon.root_code else None
    return {"records": links.members(place, query.category.split("/"))}


def chips(query, lexicon):
    return []
