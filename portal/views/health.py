from flask import Blueprint, jsonify
from sqlalchemy import text

from ledger.db import current_publication

from ..context import connection

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    conn = connection()
    conn.execute(text("SELECT 1"))
    pub = current_publication(conn)
    return jsonify({
        "status": "ok",
        "database": "ok",
        "publication": {"id": pub["id"], "sha256": pub["data_sha256"], "title": pub["title"]} if pub else None,
    })
