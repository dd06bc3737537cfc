"""The published documents (白皮书、决算报告、审计整改报告、执行情况报告、预算报告: the documents table's title,
doc_type, year, region and published_date, read through ledger.documents): how many of a type (of a region, of a
year), when one was published, what it is called, and in which years a region published one. A date or a title
is answered for one document only: several left by the question's words are declined with what to add."""
import datetime as dt
import re

from ledger.documents import list_documents

from .. import links
from ..ir import Group, Kind, Query
from ..timeparse import parse_period

# the words for a type, longest first; 「预算草案」 is reported in the 预算报告 of the year before
DOC_TYPES = {"审计整改报告": "审计整改报告", "整改报告": "审计整改报告", "白皮书": "白皮书", "决算报告": "决算报告",
             "上半年预算执行情况报告": "执行情况", "上半年执行情况报告": "执行情况", "预算执行情况报告": "执行情况",
             "执行情况报告": "执行情况", "预算报告": "预算报告", "预算草案": "预算报告",
             "统计年鉴": "统计年鉴", "年鉴资料": "统计年鉴", "年鉴数据": "统计年鉴", "年鉴": "统计年鉴"}
# a yearbook's pages are asked about as documents only with a word for them (「几份」「那页…标题」): 「年鉴里有多少个
# 省」 asks about the regions, not the pages
BOOK_TYPES = ("统计年鉴",)
PAGES = re.compile(r"份|篇|页|本|标题|名字|名称|叫什么")
# 「审计整改的报告」: a 的 before 报告 says the same type
TYPE_NAMED = re.compile("|".join(re.escape(t).replace("报告", "的?报告") for t in sorted(DOC_TYPES, key=len, reverse=True)))
TITLE = re.compile(r"《([^《》]{4,80})》")
DRAFT = re.compile(r"预算草案")
# 「2025年预算草案」 with the year right before it; 「2024年预算执行」 the other year of the same report
DRAFT_YEAR = re.compile(r"((?:19|20)\d{2})年?度?的?预算草案")
YEAR_WRITTEN = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
COUNTED = re.compile(r"(?:几|多少)(?:份|篇|个|期|本)")
WHEN = re.compile(r"什么时候|啥时候|什么时间|哪天|哪一天|何时|几号|日期|哪月|几月")
# 「从年度结束到发布隔了多少天」: days from the end of the document's year to its publication
DAYS_AFTER_YEAR = re.compile(r"(?:年度?结束|年底|年末|年终)[^，,。？?]{0,8}(?:到|至)[^，,。？?]{0,6}(?:发布|公布|公开|挂|发)"
                             r"[^，,。？?]{0,6}?(?:多少|几)天")
# 「白皮书2025版」: the edition's year; 「2024年预算草案」: the draft of a year, in the report of the year before
EDITION = re.compile(r"((?:19|20)\d{2})年?版")
DRAFT_YEAR = re.compile(r"((?:19|20)\d{2})年?度?的?预算草案")
# 「市级决算报告」「市本级的」: the top level's own documents (not a district's)
OWN_LEVEL = re.compile(r"市级|市本级")
YEARS = re.compile(r"哪几年|哪些年|哪一年|哪年|年份")
LATEST = re.compile(r"最近|最新|最后")
NAME = re.compile(r"叫什么|标题|名字|名称|题目")
DOCUMENTS = "documents"
TYPE_NAMES = {"执行情况": "上半年预算执行情况报告"}  # how a type is said (doc_type 执行情况 is the midyear report)
# 「各类文件分别有几份」: every type counted, one row each
EACH_TYPE = re.compile(r"(?:各类|各种|每类|每种|每一类|不同类型?)的?(?:文件|报告|文档)")
BY_TYPE = "by_type"


def asked(ctx):
    """「审计整改报告一共有几份」「澄湖区今年的上半年执行情况报告是哪天发的」「《…》是哪天公布的」「2026年预算草案的
    报告叫什么名字」「鹭洲区哪几年发布了上半年预算执行情况报告」."""
    s = ctx.slots
    publisher_only = all("财政" in ctx.lexicon.dept_names.get(d, "") for d in s.depts)  # 「财政局网站上的」
    if not publisher_only or len(s.regions) > 1 or s.projects or s.units:
        return None
    titled = _titled(ctx)
    named = TYPE_NAMED.search(ctx.text)
    if titled is None and not named and EACH_TYPE.search(ctx.text) and COUNTED.search(ctx.text):
        return Query(Kind.DOCUMENTS, topic=BY_TYPE, group=Group.CATEGORY, regions=list(s.regions))
    if titled is None and not named:
        return _any_type(ctx)
    if titled is None and DOC_TYPES[named.group(0).replace("的", "")] in BOOK_TYPES and not PAGES.search(ctx.text):
        return None
    latest = LATEST.search(ctx.text)
    what = "days" if DAYS_AFTER_YEAR.search(ctx.text) \
        else "years" if YEARS.search(ctx.text) and not WHEN.search(ctx.text) \
        else "count" if COUNTED.search(ctx.text) and not latest \
        else "date" if WHEN.search(ctx.text) else "title" if NAME.search(ctx.text) else None
    if what is None:
        return None
    if titled is not None:
        return Query(Kind.DOCUMENTS, category=titled["doc_type"], topic=what, regions=[titled["region_code"]],
                     years=[titled["year"]], order="desc" if latest else None)
    # the period named outside the type's name (「上半年执行情况报告」 names the report, not the months)
    a, b = named.span()
    doc_type = DOC_TYPES[named.group(0).replace("的", "")]
    regions = list(s.regions) or ([ctx.lexicon.root_code] if OWN_LEVEL.search(ctx.text) else [])
    draft = DRAFT_YEAR.search(ctx.text) if doc_type == "预算报告" else None
    if draft and what != "years":  # 「2026年预算草案」: in the report on 2025's execution and 2026's draft
        return Query(Kind.DOCUMENTS, category=doc_type, topic=what, regions=regions,
                     years=[int(draft.group(1)) - 1], order="desc" if latest else None)
    period, _spans = parse_period(ctx.text[:a] + " " * (b - a) + ctx.text[b:], ctx.as_of)
    period = period if period is not None and period.explicit else None
    doc_type = DOC_TYPES[named.group(0).replace("的", "")]
    drafted = DRAFT_YEAR.search(ctx.text) if doc_type == "预算报告" and what != "years" else None
    if drafted is not None:  # 「2024年预算执行和2025年预算草案的报告」: one report, on 2024's execution
        year = int(drafted.group(1)) - 1
        if {int(y) for y in YEAR_WRITTEN.findall(ctx.text)} <= {year, year + 1}:
            return Query(Kind.DOCUMENTS, category=doc_type, topic=what, regions=list(s.regions), years=[year],
                         order="desc" if latest else None)
    if period is not None and (period.multi_year or what == "years"):
        return None
    year = period.year_to if period is not None else None
    edition = EDITION.search(ctx.text)
    if year is None and edition:
        year = int(edition.group(1))
    elif year is not None and doc_type == "预算报告" and DRAFT.search(ctx.text):
        year -= 1  # 「2026年预算草案」 (the year read as the period): the report of the year before
    return Query(Kind.DOCUMENTS, category=doc_type, topic=what, regions=regions,
                 years=[year] if year is not None else [], order="desc" if latest else None)


# 「网站上一共挂了多少篇报告」「最近发布的一份文件叫什么」: documents of every type, counted or the latest named
ANY_DOCUMENT = re.compile(r"报告|文件|文档")
NOT_ABOUT_DOCUMENTS = re.compile(r"支出|预算|花|钱|元|项目|执行率|审计查出|问题")


def _any_type(ctx):
    s, text = ctx.slots, ctx.text
    if not ANY_DOCUMENT.search(text) or NOT_ABOUT_DOCUMENTS.search(text) or s.classes and not s.embedding_match:
        return None
    latest = LATEST.search(text)
    what = "count" if COUNTED.search(text) and not latest else \
        ("date" if WHEN.search(text) else "title" if NAME.search(text) else None) if latest else None
    if what is None:
        return None
    return Query(Kind.DOCUMENTS, topic=what, regions=list(s.regions), order="desc" if latest else None)


def _titled(ctx):
    """The document named by its title in 《》, when the publication has one so titled."""
    m = TITLE.search(ctx.text)
    if not m:
        return None
    return next((d for d in ctx.lexicon.documents if d["title"] == m.group(1).strip()), None)


def _documents(conn, pub_id, query):
    return list_documents(conn, pub_id, doc_type=query.category, year=query.years[0] if query.years else None,
                          region=query.regions[0] if query.regions else None)


def _by_type(rows):
    """[(doc_type, how many)] of the documents, the most first (ties by type)."""
    counts = {}
    for r in rows:
        counts[r["doc_type"]] = counts.get(r["doc_type"], 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def run(conn, pub_id, query, lexicon):
    rows = _documents(conn, pub_id, query)
    if query.topic == BY_TYPE and rows:
        shown = [[TYPE_NAMES.get(t, t), n, f"{n} 份"] for t, n in _by_type(rows)]
        return {"kind": "table", "unit": "份", "columns": ["文件类型", "份数（份）", "份数"], "rows": shown,
                "value": len(rows), "display": f"共 {len(rows)} 份", "keys": [t for t, _ in _by_type(rows)]}, None
    if not rows:
        return {"kind": "figure", "nothing": f"本站没有发布{_scope(query, lexicon)}的{_type(query)}。"}, None
    table = {"columns": ["文件", "发布日期"], "rows": [[r["title"], str(r["published_date"] or "")] for r in rows]}
    if query.topic == "count":
        return {"kind": "figure", "value": len(rows), "unit": "份", "display": f"{len(rows)} 份", **table}, None
    if query.topic == "years":
        years = sorted({r["year"] for r in rows})
        shown = [[f"{y}年", "、".join(r["title"] for r in rows if r["year"] == y)] for y in years]
        # one year is the answer itself (「哪年的」: 2026), several are listed with how many (never 「1 年」 for a year)
        return {"kind": "table", "value": years[0] if len(years) == 1 else None, "count": len(years), "unit": "年",
                "display": "、".join(f"{y}年" for y in years), "columns": ["年度", "文件"], "rows": shown}, None
    if len(rows) > 1 and query.order != "desc":
        return {"kind": "figure", "nothing": f"本站有{len(rows)}份{_scope(query, lexicon)}的{_type(query)}"
                                             f"（{'、'.join(r['title'] for r in rows[:4])}），请写明年份或地区，"
                                             "或问「最新的一份」。"}, None
    first = rows[0]  # the latest first (ledger.documents orders by published_date)
    if query.topic == "days":  # from 31 December of the document's year to the day it was published
        if first["published_date"] is None:
            return {"kind": "figure", "nothing": "本站的这份文件没有记录发布日期。"}, None
        days = (first["published_date"] - dt.date(first["year"], 12, 31)).days
        return {"kind": "figure", "value": days, "unit": "天", "display": f"{days} 天",
                "sentence": f"《{first['title']}》{first['published_date']}发布，距{first['year']}年12月31日{days}天。",
                **table}, None
    if query.topic == "date":
        if first["published_date"] is None:
            return {"kind": "figure", "nothing": "本站的这份文件没有记录发布日期。"}, None
        return {"kind": "figure", "value": str(first["published_date"]), "display": str(first["published_date"]),
                **table}, None
    return {"kind": "figure", "value": first["title"], "display": first["title"], **table}, None


def _type(query):
    return TYPE_NAMES.get(query.category, query.category) if query.category else "文件"


def _scope(query, lexicon):
    region = "".join(lexicon.region_names.get(c, c) for c in query.regions)
    year = f"{query.years[0]}年度" if query.years else ""
    return f"{region}{year}" or "全部"


def restate(query, lexicon, coverage=None):
    if query.topic == BY_TYPE:
        region = "".join(lexicon.region_names.get(c, c) for c in query.regions)
        return f"本站发布的{region}各类文件的份数（按类型）"
    what = {"count": "的份数", "years": "发布的年度", "date": "的发布日期", "title": "的标题",
            "days": "从年度结束（12月31日）到发布的天数"}[query.topic]
    latest = "中最新一份" if query.order == "desc" and query.topic in ("date", "title", "days") else ""
    return f"本站发布的{_scope(query, lexicon)}{_type(query)}{latest}{what}"


def records(query, lexicon, pub_id, answer):
    """The documents table's rows the answer reads (a count counts them; a date or a title is the first's)."""
    if not (answer or {}).get("value") and not (answer or {}).get("count"):  # several years: their count
        return {}
    if query.topic == BY_TYPE:  # each type's row: that type's documents
        region = query.regions[0] if query.regions else None
        return {"records": links.documents(None, region=region),
                "rows": [{"label": row[0], "records": {"documents": links.documents(t, region=region)}}
                         for t, row in zip(answer.get("keys") or [], answer.get("rows") or [])]}
    return {"records": links.documents(query.category, region=query.regions[0] if query.regions else None,
                                       year=query.years[0] if query.years else None)}


def chips(query, lexicon):
    return []
