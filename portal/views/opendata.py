"""开放数据: every published table with its data dictionary, CSV/XLSX/JSON downloads, OpenAPI.

Downloads stream: rows are read from the database in batches (``yield_per``) and written out
as they come, so a 100k-row table never sits in memory. Simple filters narrow a download:
``?field=value``, ``field__in=a,b``, ``field__prefix=205``, ``field__gte=…``, ``field__lte=…``.
"""
import datetime as dt
import json

from flask import Blueprint, Response, current_app, jsonify, render_template, request, stream_with_context, url_for
from sqlalchemy import func, select

from ledger.datadict import DATASETS
from ledger.errors import UserError

from ..citation import citation, stamp
from ..context import connection, engine, publication, publication_id
from ..errors import api_error
from ..exports import csv_response, xlsx_response
from ..openapi import openapi_document

bp = Blueprint("opendata", __name__)

BATCH = 2000
OPERATORS = ("in", "prefix", "gte", "lte")


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
        elif op == "prefix":
            prefixes = [v.strip() for v in raw.split(",") if v.strip()]
            if field.type != "string" or not prefixes:
                raise FilterError(f"前缀筛选只适用于文本字段：{key[:40]}")
            from sqlalchemy import or_
            conds.append(or_(*[column.startswith(p, autoescape=True) for p in prefixes]))
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


@bp.get("/data/<table>.<any(csv, xlsx, json):fmt>")
def table_data(table, fmt):
    dataset, error = _dataset_or_404(table)
    if error:
        return error
    pub_id = publication_id()
    conds, described = parse_filters(dataset, request.args)
    filename = f"{dataset.name}-pub{pub_id}.{fmt}"
    header = [f"{f.name}" for f in dataset.fields]
    if fmt == "csv":
        return stamp(csv_response(filename, header, _rows(dataset, pub_id, conds)))
    if fmt == "xlsx":
        cite = citation()
        labels = [f"{f.label}（{f.unit}）" if f.unit else f.label for f in dataset.fields]
        return stamp(xlsx_response(filename, dataset.label, header, _rows(dataset, pub_id, conds), notes=[
            f"{dataset.label}（{dataset.name}）· 发布 #{cite['id']}「{cite['title']}」 SHA-256 {cite['sha256']}",
            "中文字段名：" + "，".join(labels)]))
    count, totals = _summary(connection(), dataset, pub_id, conds)
    head = {"publication": citation(), "table": dataset.name, "label": dataset.label, "filters": described,
            "count": count, "unit": "元", "totals": totals, "fields": dictionary(dataset)}
    return stamp(Response(stream_with_context(_json_chunks(head, _rows(dataset, pub_id, conds))),
                          mimetype="application/json"))


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
