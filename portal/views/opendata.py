"""开放数据: every published table with its data dictionary, CSV/XLSX/JSON downloads, OpenAPI.

A whole table (no filter) is written once per publication into instance/downloads/ and then served
as a file (ETag, Content-Length, ranges; or by nginx with X-Accel-Redirect): a 100k-row XLSX took
7.5 s of CPU per request before. Filtered downloads are built per request, so they are rate-limited
per client (RATELIMIT_DOWNLOAD) and at most XLSX_BUILDERS workbooks are built at once. Rows are
read from the database in batches (``yield_per``) and written out as they come, so no table sits
in memory. Filters: ``?field=value``, ``field__in=a,b``, ``field__prefix=205``, ``field__suffix=镇,乡``, ``field__gte=…``,
``field__lte=…``.
"""
import datetime as dt
import hashlib
import json
import threading
from contextlib import contextmanager
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    render_template,
    request,
    send_file,
    stream_with_context,
    url_for,
)
from sqlalchemy import func, select

from ledger.datadict import DATASETS
from ledger.errors import UserError

from ..caching import build_id
from ..citation import citation, stamp
from ..context import connection, engine, publication, publication_id
from ..errors import api_error
from ..exports import (
    CSV_MIMETYPE,
    XLSX_MIMETYPE,
    FileBusy,
    cached_file,
    csv_response,
    disposition,
    write_chunks,
    write_csv,
    write_xlsx,
    xlsx_response,
)
from ..extensions import limiter
from ..openapi import openapi_document

bp = Blueprint("opendata", __name__)

BATCH = 2000
OPERATORS = ("in", "prefix", "suffix", "gte", "lte")
DOWNLOADS = "downloads"  # folder in the instance for whole-table files
MIMETYPES = {"csv": CSV_MIMETYPE, "xlsx": XLSX_MIMETYPE, "json": "application/json"}
XLSX_BUILDERS = 2
_XLSX_SLOTS = threading.BoundedSemaphore(XLSX_BUILDERS)


class FilterError(UserError):
    code = "bad_filter"

    def __init__(self, message):
        super().__init__(message=message)


def _coerce(field, raw):
    if field.type == "integer":
        digits = raw.removeprefix("-")
        if not (digits.isascii() and digits.isdigit() and len(digits) <= 18):  # '¹'; beyond SQLite's 64 bits
            raise FilterError(f"字段「{field.name}」应为整数：{raw[:20]}")
        return int(raw)
    if field.type == "number":
        try:
            return float(raw)
        except ValueError:
            raise FilterError(f"字段「{field.name}」应为数字：{raw[:20]}") from None
    if field.type == "date":
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise FilterError(f"字段「{field.name}」应为日期（YYYY-MM-DD）：{raw[:20]}") from None
    return raw


def parse_filters(dataset, args):
    """SQL conditions and a JSON-ready description from the query string. Raises FilterError."""
    conds, described = [], {}
    for key, raw in args.items(multi=True):
        if key in ("pub", "download"):
            continue
        name, _, op = key.partition("__")
        field = dataset.field(name)
        if field is None or field.is_amount or (op and op not in OPERATORS):
            raise FilterError(f"不支持的筛选条件「{key[:40]}」；可筛选字段：" +
                              "、".join(f.name for f in dataset.fields if not f.is_amount))
        column = dataset.table.c[field.column]
        if op == "in":
            values = [_coerce(field, v.strip()) for v in raw.split(",") if v.strip()]
            conds.append(column.in_(values))
        elif op in ("prefix", "suffix"):
            parts = [v.strip() for v in raw.split(",") if v.strip()]
            if field.type != "string" or not parts:
                raise FilterError(f"{'前缀' if op == 'prefix' else '后缀'}筛选只适用于文本字段：{key[:40]}")
            from sqlalchemy import or_
            matches = column.startswith if op == "prefix" else column.endswith
            conds.append(or_(*[matches(p, autoescape=True) for p in parts]))
        elif op == "gte":
            conds.append(column >= _coerce(field, raw))
        elif op == "lte":
            conds.append(column <= _coerce(field, raw))
        else:
            conds.append(column == _coerce(field, raw))
        described[key] = raw
    return conds, described


def _summary(conn, dataset, pub_id, conds):
    """Row count and the sum of each amount field (元) over the filtered rows."""
    table = dataset.table
    amounts = [f for f in dataset.fields if f.is_amount]
    row = conn.execute(select(func.count(), *[func.coalesce(func.sum(table.c[f.column]), 0) for f in amounts])
                       .where(table.c.publication_id == pub_id, *conds)).one()
    return row[0], {f.name: f.export(int(v)) for f, v in zip(amounts, row[1:])}


def _rows(dataset, pub_id, conds):
    """Exported rows, streamed in batches on a connection of their own."""
    table = dataset.table
    columns = [table.c[f.column] for f in dataset.fields]
    with engine().connect() as conn:
        result = conn.execution_options(yield_per=BATCH).execute(
            select(*columns).where(table.c.publication_id == pub_id, *conds))
        for row in result:
            yield [f.export(v) for f, v in zip(dataset.fields, row)]


def _dataset_or_404(name):
    dataset = DATASETS.get(name)
    if dataset is None:
        return None, api_error(404, "unknown_table", f"没有名为「{name[:40]}」的数据表；可选：{'、'.join(DATASETS)}")
    return dataset, None


def dictionary(dataset):
    return [{"field": f.name, "label": f.label, "unit": f.unit, "type": f.type} for f in dataset.fields]


def _downloads(name, pub_id):
    return {fmt: url_for("opendata.table_data", table=name, fmt=fmt, pub=pub_id) for fmt in ("csv", "xlsx", "json")}


def catalogue(conn, pub):
    counts = pub.get("row_counts") or {}
    return [{"name": d.name, "label": d.label, "description": d.description,
             "rows": counts.get(d.name, 0), "fields": dictionary(d), "downloads": _downloads(d.name, pub["id"])}
            for d in DATASETS.values()]


@bp.get("/data")
def data_page():
    pub_id = publication_id()
    return render_template("opendata.html", datasets=catalogue(connection(), publication()), pub_id=pub_id)


@bp.get("/data.json")
@bp.get("/api/datasets")
def data_api():
    publication_id()
    return jsonify({"publication": citation(), "unit": "元", "datasets": catalogue(connection(), publication())})


def _whole_table_request():
    """No filter: the download is the publication's file, cheap to serve (no rate limit)."""
    return all(key in ("pub", "download") for key in request.args)


@bp.get("/data/<table>.<any(csv, xlsx, json):fmt>")
@limiter.limit(lambda: current_app.config["RATELIMIT_DOWNLOAD"], exempt_when=_whole_table_request)
def table_data(table, fmt):
    dataset, error = _dataset_or_404(table)
    if error:
        return error
    pub = publication()
    publication_id()  # 503 before anything is published
    conds, described = parse_filters(dataset, request.args)
    if not conds:
        return stamp(_whole_table(dataset, fmt, pub))
    filename = f"{dataset.name}-pub{pub['id']}.{fmt}"
    if fmt == "csv":
        return stamp(csv_response(filename, _header(dataset), _rows(dataset, pub["id"], conds)))
    if fmt == "xlsx":
        with _xlsx_slot():
            return stamp(xlsx_response(filename, dataset.label, _header(dataset), _rows(dataset, pub["id"], conds),
                                       notes=_xlsx_notes(dataset, pub)))
    head = _json_head(dataset, pub, conds, described)
    return stamp(Response(stream_with_context(_json_chunks(head, _rows(dataset, pub["id"], conds))),
                          mimetype="application/json"))


def _header(dataset):
    return [f.name for f in dataset.fields]


def _xlsx_notes(dataset, pub):
    labels = [f"{f.label}（{f.unit}）" if f.unit else f.label for f in dataset.fields]
    return [f"{dataset.label}（{dataset.name}）· 发布 #{pub['id']}「{pub['title']}」 SHA-256 {pub['data_sha256']}",
            "中文字段名：" + "，".join(labels)]


def _json_head(dataset, pub, conds, described):
    count, totals = _summary(connection(), dataset, pub["id"], conds)
    cite = citation(pub)
    if not conds:  # the same file serves every request: a permalink independent of this request's URL
        cite["permalink"] = url_for("opendata.table_data", table=dataset.name, fmt="json", pub=pub["id"])
    return {"publication": cite, "table": dataset.name, "label": dataset.label, "filters": described,
            "count": count, "unit": "元", "totals": totals, "fields": dictionary(dataset)}


@contextmanager
def _xlsx_slot():
    """At most XLSX_BUILDERS workbooks built at once per worker: each keeps a core busy for seconds."""
    if not _XLSX_SLOTS.acquire(blocking=False):
        raise UserError("export_busy", "正在生成的 Excel 文件较多，请稍后再试，或改用 CSV/JSON 下载", 503)
    try:
        yield
    finally:
        _XLSX_SLOTS.release()


# ---- whole tables: one file per publication, written on first request ------------------------------------

def _whole_table(dataset, fmt, pub):
    """The table's file for this publication (written once), served with ETag and Content-Length."""
    folder = downloads_folder(current_app, pub)
    try:
        path, _written = cached_file(folder / f"{dataset.name}.{fmt}", lambda tmp: _write_table(tmp, dataset, fmt, pub))
    except FileBusy:
        raise UserError("export_busy", "该文件正在生成，请稍后再试", 503) from None
    name = f"{dataset.name}-pub{pub['id']}.{fmt}"
    prefix = current_app.config["DOWNLOADS_ACCEL_REDIRECT"]
    if prefix:  # nginx sends the file (X-Accel-Redirect): the worker is free at once
        response = Response(mimetype=MIMETYPES[fmt])
        response.headers["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + path.relative_to(
            Path(current_app.config["INSTANCE_PATH"]) / DOWNLOADS).as_posix()
        response.headers["Content-Disposition"] = disposition(name)
        return response
    response = send_file(path, mimetype=MIMETYPES[fmt], as_attachment=True, download_name=name, conditional=True)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _write_table(path, dataset, fmt, pub):
    rows = _rows(dataset, pub["id"], [])
    if fmt == "csv":
        write_csv(path, _header(dataset), rows)
    elif fmt == "xlsx":
        with _xlsx_slot():
            write_xlsx(path, dataset.label, _header(dataset), rows, notes=_xlsx_notes(dataset, pub))
    else:
        write_chunks(path, _json_chunks(_json_head(dataset, pub, [], {}), rows))


def downloads_folder(app, pub):
    """instance/downloads/pub<N>-<data sha>-<code version>: a new publication or a code upgrade gets a new folder."""
    build = hashlib.sha256(build_id(app).encode()).hexdigest()[:10]
    return Path(app.config["INSTANCE_PATH"]) / DOWNLOADS / f"pub{pub['id']}-{(pub['data_sha256'] or '')[:12]}-{build}"


def _json_chunks(head, rows):
    """``{...head, "rows": [...]}`` written piece by piece."""
    names = head["fields"]
    opening = json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": ['
    yield opening
    buffer, first = [], True
    for row in rows:
        item = json.dumps({f["field"]: v for f, v in zip(names, row)}, ensure_ascii=False)
        buffer.append(item if first else "," + item)
        first = False
        if len(buffer) >= 500:
            yield "".join(buffer)
            buffer = []
    yield "".join(buffer) + "]}"


@bp.get("/api/openapi.json")
def openapi():
    return jsonify(openapi_document(current_app))
