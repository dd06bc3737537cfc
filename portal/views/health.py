from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from ledger.db import current_publication

from ..context import connection
from ..warmup import warm_state

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
        "warm": warm_state(current_app),  # what this worker has loaded (models, dictionaries, search index)
    })
