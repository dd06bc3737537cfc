"""Public publication log: every publication with its source files, hashes (the hash chain)
and the de-identification summary, so anyone can check what was published and when.

/publications (HTML) and /publications.json (same data). Amount-free: counts and hashes only.
"""
from flask import Blueprint, jsonify, render_template, url_for
from sqlalchemy import select

from ledger import schema
from ledger.datadict import DATASETS

from ..context import connection
from ..verify import verify_publications

bp = Blueprint("publications", __name__)


def _statistics(report):
    """Suppressed statistical tables from the report, as header + rows ready for a table."""
    tables = []
    for name, table in (report.get("statistics") or {}).items():
        dims = table.get("dimensions") or []
        if len(dims) != 2:
            continue
        row_dim, col_dim = dims
        cells = {(c.get(row_dim), c.get(col_dim)): c.get("persons") for c in table.get("cells") or []}
        row_totals, col_totals = table.get("row_totals") or {}, table.get("col_totals") or {}
        rows = list(row_totals) or sorted({r for r, _c in cells})
        cols = list(col_totals) or sorted({c for _r, c in cells})
        tables.append({
            "name": name, "title": table.get("title") or name, "row_label": row_dim, "columns": cols,
            "rows": [{"label": r, "cells": [cells.get((r, c)) for c in cols], "total": row_totals.get(r)}
                     for r in rows],
            "col_totals": [col_totals.get(c) for c in cols],
            "suppressed": table.get("suppressed", 0),
        })
    return tables


def publication_entries(conn):
    """Published publications, newest first, with the hash chain checked link by link."""
    rows = conn.execute(select(schema.publications).where(schema.publications.c.status == "published")
                        .order_by(schema.publications.c.id)).mappings().all()
    # One implementation of the chain check (mingzhang verify); digests are not recomputed per page view.
    chain = {e["id"]: e["chain_ok"] for e in verify_publications(conn, check_data=False)["publications"]}
    entries = []
    for row in rows:
        report = row["deid_report"] or {}
        counts = row["row_counts"] or {}
        entries.append({
            "id": row["id"],
            "title": row["title"],
            "dataset": row["dataset"],
            "is_demo": bool(row["is_demo"]),
            "published_at": row["created_at"].isoformat(timespec="seconds") if row["created_at"] else None,
            "as_of": row["as_of"].isoformat() if row["as_of"] else None,
            "source_files": [{"name": f.get("name"), "sha256": f.get("sha256"), "rows": f.get("rows")}
                             for f in row["source_files"] or []],
            "row_counts": [{"table": name, "label": DATASETS[name].label if name in DATASETS else name, "rows": n}
                           for name, n in counts.items()],
            "data_sha256": row["data_sha256"],
            "prev_sha256": row["prev_sha256"],
            # The chain holds when each publication names the data hash of the one published before it.
            "chain_ok": chain[row["id"]],
            "deid_summary": report.get("summary"),
            "k_anonymity": {k: report["k_anonymity"].get(k) for k in ("k", "required", "table")}
            if isinstance(report.get("k_anonymity"), dict) else None,
            "suppressed_cells": report.get("suppressed_cells"),
            "statistics": _statistics(report),
            "permalink": url_for("pages.home", pub=row["id"]),
        })
    entries.reverse()
    return entries


@bp.get("/publications")
def publication_log():
    return render_template("publications.html", entries=publication_entries(connection()))


@bp.get("/publications.json")
def publication_log_json():
    entries = publication_entries(connection())
    return jsonify({"publications": entries, "count": len(entries),
                    "chain_ok": all(e["chain_ok"] for e in entries)})
