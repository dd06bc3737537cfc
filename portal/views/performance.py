"""绩效 (first part): unit cost of projects against their peers, with outliers explained.

Scores from targets (ledger/performance.py ``score``) need targets in the import layout first; this
page shows what the published data already supports: investment per planned unit of output.
"""
from flask import Blueprint, render_template

from ledger.queries import performance as q_perf

from ..context import connection
from .pages import require_pub
from .tables import json_response

bp = Blueprint("performance", __name__)


def _comparison():
    return q_perf.unit_cost_comparison(connection(), require_pub()["id"])


@bp.get("/performance")
def performance_page():
    return render_template("performance.html", **_comparison())


@bp.get("/api/performance")
def performance_api():
    return json_response(_comparison())
