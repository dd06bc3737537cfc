"""HTML pages: home, budget execution, projects. (Placeholder until the pages land.)"""
from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    return render_template("home.html")


@bp.get("/execution")
def execution():
    return render_template("home.html")


@bp.get("/projects")
def projects():
    return render_template("home.html")
