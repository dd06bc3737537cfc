"""Published documents (reports, white papers): listing filters and the reading structure.

A document body is de-identified plain text: paragraphs separated by blank lines; headings
look like 「一、…」 (level 1), 「（一）…」 (level 2) or Markdown ``#``/``##``.
"""
import re
from dataclasses import dataclass

from sqlalchemy import func, select

from .schema import documents, regions

LEVEL1 = re.compile(r"^(?:[一二三四五六七八九十百]+、|第[一二三四五六七八九十百]+[章部分节]\s*)")
LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")
MARKDOWN = re.compile(r"^(#{1,3})\s+(.*)$")
MAX_HEADING_LENGTH = 40


@dataclass
class Block:
    kind: str  # "heading" | "paragraph"
    text: str
    level: int = 0
    anchor: str = ""


def parse_body(body):
    """Blocks of a document body, headings numbered with anchors ``s1``, ``s2``, …"""
    blocks, count = [], 0
    for chunk in re.split(r"\n\s*\n", (body or "").replace("\r\n", "\n")):
        text = chunk.strip()
        if not text:
            continue
        level = 0
        first_line = text.split("\n", 1)[0]
        md = MARKDOWN.match(first_line)
        if md and "\n" not in text:
            level, text = len(md.group(1)), md.group(2).strip()
        elif "\n" not in text and len(text) <= MAX_HEADING_LENGTH and not text.endswith(("。", "；")):
            if LEVEL1.match(text):
                level = 1
            elif LEVEL2.match(text):
                level = 2
        if level:
            count += 1
            blocks.append(Block("heading", text, min(level, 2), f"s{count}"))
        else:
            blocks.append(Block("paragraph", text))
    return blocks


def table_of_contents(blocks):
    return [b for b in blocks if b.kind == "heading"]


def list_documents(conn, pub_id, *, year=None, doc_type=None, region=None):
    region_names = select(regions.c.name).where(
        regions.c.publication_id == pub_id, regions.c.code == documents.c.region_code).scalar_subquery()
    query = (select(documents.c.slug, documents.c.title, documents.c.doc_type, documents.c.year,
                    documents.c.region_code, documents.c.published_date,
                    func.length(documents.c.body).label("length"), region_names.label("region_name"))
             .where(documents.c.publication_id == pub_id))
    if year is not None:
        query = query.where(documents.c.year == year)
    if doc_type:
        query = query.where(documents.c.doc_type == doc_type)
    if region:
        query = query.where(documents.c.region_code == region)
    query = query.order_by(documents.c.published_date.desc(), documents.c.year.desc(), documents.c.slug)
    return [dict(r) for r in conn.execute(query).mappings()]


def facets(conn, pub_id):
    """Values offered by the list filters."""
    where = documents.c.publication_id == pub_id
    years = [r[0] for r in conn.execute(select(documents.c.year).where(where).distinct().order_by(documents.c.year.desc()))]
    types = [r[0] for r in conn.execute(select(documents.c.doc_type).where(where).distinct().order_by(documents.c.doc_type))]
    region_rows = conn.execute(
        select(regions.c.code, regions.c.name).where(
            regions.c.publication_id == pub_id,
            regions.c.code.in_(select(documents.c.region_code).where(where).distinct()))
        .order_by(regions.c.level, regions.c.code))
    return {"years": years, "types": types, "regions": [{"code": c, "name": n} for c, n in region_rows]}


def get_document(conn, pub_id, slug):
    row = conn.execute(select(documents).where(documents.c.publication_id == pub_id, documents.c.slug == slug)
                       ).mappings().first()
    return dict(row) if row else None
