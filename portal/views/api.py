"""JSON API. Every HTML listing has a twin here."""
from flask import Blueprint, jsonify

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("")
def index():
    return jsonify({"endpoints": []})
