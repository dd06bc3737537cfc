"""The published documents (白皮书、决算报告、审计整改报告、执行情况报告: the documents table's title, doc_type
and published_date): how many of a type, when the latest was published, what the latest is called."""
import re

from sqlalchemy import text as sql

from .. import links
from ..ir import Kind, Query

DOC_TYPES = {"审计整改报告": "审计整改报告", "整改报告": "审计整改报告", "白皮书": "白皮书", "决算报告": "决算报告",
             "执行情况报告": "执行情况", "预算报告": "预算报告"}
TYPE_NAMED = re.compile("|".join(sorted(DOC_TYPES, key=len, reverse=True)))
COUNTED = re.compile(r"(?:几|多少)(?:份|篇|个|期)")
WHEN = re.compile(r"(?:什么时候|哪天|哪一天|何时|几号|日期)")
LATEST = re.compile(r"最近|最新|最后")
NAME = re.compile(r"叫什么|标题|名字|名称")
DOCUMENTS = "documents"


def asked(ctx):
    """「审计整改报告一共有几份」「最近一份审计整改报告是什么时候发布的」「最新一期白皮书叫什么」."""
    named = TYPE_NAMED.search(ctx.text)
    publisher_only = all("财政" in ctx.lexicon.dept_names.get(d, "") for d in ctx.slots.depts)  # 「财政局网站上的」
    if not named or ctx.slots.regions or not publisher_only or ctx.slots.period:
        return None
    latest = LATEST.search(ctx.text)
    what = "count" if COUNTED.search(ctx.text) and not latest else "date" if latest and WHEN.search(ctx.text) \
        else "title" if latest and NAME.search(ctx.text) else None
    if what is None:
        return None
    return Query(Kind.DOCUMENTS, category=DOC_TYPES[named.group(0)], topic=what)


def run(conn, pub_id, query, lexicon):
    rows = conn.execute(sql("SELECT title, published_date FROM documents WHERE publication_id = :pub AND "
                            "doc_type = :t ORDER BY published_date DESC, title"),
                        {"pub": pub_id, "t": query.category}).all()
    if not rows:
        return {"kind": "figure", "nothing": f"本站没有发布{query.category}类的文件。"}, None
    table = {"columns": ["文件", "发布日期"], "rows": [[r.title, str(r.published_date or "")] for r in rows]}
    if query.topic == "count":
        return {"kind": "figure", "value": len(rows), "unit": "份", "display": f"{len(rows)} 份", **table}, None
    if rows[0].published_date is None:
        return {"kind": "figure", "nothing": "本站的文件没有记录发布日期。"}, None
    if query.topic == "date":
        return {"kind": "figure", "value": str(rows[0].published_date), "display": str(rows[0].published_date),
                **table}, None
    return {"kind": "figure", "value": rows[0].title, "display": rows[0].title, **table}, None


def restate(query, lexicon, coverage=None):
    what = {"count": "的份数", "date": "中最新一份的发布日期", "title": "中最新一份的标题"}[query.topic]
    return f"本站发布的{query.category}类文件{what}"


def records(query, lexicon, pub_id, answer):
    """The documents table's rows of the type (the count counts them; the date and title are the latest's)."""
    return {"records": links.documents(query.category)} if (answer or {}).get("value") else {}


def chips(query, lexicon):
    return []
