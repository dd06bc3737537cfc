"""报告: the documents section — list with filters, reading page with a table of contents, text download."""
import re

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request

from ledger import documents as docs
from ledger.errors import UserError
from ledger.queries import reference

from ..args import arg_int
from ..citation import citation, stamp
from ..context import connection, publication, publication_id
from ..exports import disposition

bp = Blueprint("documents", __name__)

DEID_NOTE = ("本文为已脱敏的公开文本：个人姓名以代号替代，身份证号、电话、银行卡号和住址已删除。"
             "原始文件可能含有个人信息，本站不提供原始文件下载。")


def _filters():
    year = request.args.get("year", "").strip()
    if year and not (year.isascii() and year.isdigit() and len(year) <= 4):  # '¹' is a digit to str.isdigit
        raise UserError("bad_filter", f"年度应为数字：{year}")
    return {"year": int(year) if year else None,
            "doc_type": request.args.get("type", "").strip() or None,
            "region": request.args.get("region", "").strip() or None}


@bp.get("/documents")
def document_list():
    conn, pub_id = connection(), publication_id()
    try:
        filters = _filters()
    except UserError as exc:
        return render_template("documents/list.html", items=[], facets=docs.facets(conn, pub_id),
                               filters={}, error=exc.message), exc.status
    items = docs.list_documents(conn, pub_id, **filters)
    return render_template("documents/list.html", items=items, facets=docs.facets(conn, pub_id),
                           filters=filters, error=None)


@bp.get("/api/documents")
@bp.get("/documents.json")
def document_list_api():
    filters = _filters()
    items = docs.list_documents(connection(), publication_id(), **filters)
    for item in items:
        item["published_date"] = item["published_date"].isoformat() if item["published_date"] else None
        item["length_chars"] = item.pop("length")
    return jsonify({"publication": citation(), "filters": filters, "count": len(items), "documents": items})


def _document_or_404(slug):
    document = docs.get_document(connection(), publication_id(), slug)
    if document is None:
        abort(404)
    return document


@bp.get("/documents/<slug>")
def document_page(slug):
    document = _document_or_404(slug)
    blocks = docs.parse_body(document["body"])
    region = reference.region(connection(), publication_id(), document["region_code"]) if document["region_code"] else None
    return render_template("documents/read.html", document=document, blocks=blocks,
                           toc=docs.table_of_contents(blocks), region=region, deid_note=DEID_NOTE)


@bp.get("/api/documents/<slug>")
def document_api(slug):
    document = _document_or_404(slug)
    blocks = docs.parse_body(document["body"])
    document.pop("publication_id", None)
    document["published_date"] = document["published_date"].isoformat() if document["published_date"] else None
    document["toc"] = [{"anchor": b.anchor, "level": b.level, "text": b.text} for b in docs.table_of_contents(blocks)]
    return jsonify({"publication": citation(), "document": document, "note": DEID_NOTE})


def _download_name(document, ext):
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", document["title"]).strip("_") or document["slug"]
    return f"{safe}.{ext}"


@bp.get("/documents/<slug>/download.<any(txt, md):ext>")
def document_download(slug, ext):
    document = _document_or_404(slug)
    pub = citation()
    if ext == "md":
        lines = [f"# {document['title']}", ""]
        for block in docs.parse_body(document["body"]):
            lines.append(("#" * (block.level + 1) + " " + block.text) if block.kind == "heading" else block.text)
            lines.append("")
        text = "\n".join(lines)
        footer = f"\n---\n\n{DEID_NOTE}\n\n来源：发布 #{pub['id']}，SHA-256 {pub['sha256']}\n"
    else:
        text = f"{document['title']}\n\n{document['body'].strip()}\n"
        footer = f"\n----\n{DEID_NOTE}\n来源：发布 #{pub['id']}，SHA-256 {pub['sha256']}\n"
    mimetype = "text/markdown" if ext == "md" else "text/plain"
    response = Response(text + footer, mimetype=mimetype, content_type=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = disposition(_download_name(document, ext), f"{document['slug']}.{ext}")
    return stamp(response)


# ---- 预算执行白皮书 on demand ---------------------------------------------------------------

@bp.get("/reports/whitepaper")
def whitepaper_page():
    from .. import whitepaper

    conn, pub_id = connection(), publication_id()
    region = request.args.get("region", "").strip() or None
    regions = [r for r in reference.all_regions(conn, pub_id) if r["level"] == 1]
    years = reference.years(conn, pub_id)
    paper, error = None, None
    try:  # the year is checked ASCII-only: '¹'.isdigit() is true and int('¹') was a 500
        year = arg_int("year", low=1, high=9999, label="年度")
    except UserError as exc:
        error = exc.message
    else:
        try:
            paper = whitepaper.build(conn, publication(), year=year, region=region, config=current_app.config)
        except whitepaper.WhitepaperError as exc:
            error = exc.message
    if paper and request.args.get("download") == "1":
        html = whitepaper.render(paper, standalone=True)
        response = Response(html, content_type="text/html; charset=utf-8")
        name = f"{paper['title']}.html"
        response.headers["Content-Disposition"] = disposition(name, f"whitepaper-{paper['year']}.html")
        return response
    return render_template("whitepaper.html", paper=paper, error=error, years=years, regions=regions), \
        (400 if error else 200)
