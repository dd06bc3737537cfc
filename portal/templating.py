"""Template filters and globals shared by every page."""
from flask import current_app, has_request_context, request, url_for

from ledger import money

from .context import publication


def register(app):
    from . import assets
    assets.init_app(app)  # content-hashed static URLs, immutable caching, compressed bodies
    app.jinja_env.filters["amount"] = money.format_amount
    app.jinja_env.filters["yuan"] = money.fen_to_yuan
    app.jinja_env.filters["rate"] = lambda pair: money.format_rate(*pair)
    app.jinja_env.filters["short_sha"] = short_sha
    app.jinja_env.filters["column_unit"] = column_unit
    app.jinja_env.filters["column_units"] = column_units
    app.jinja_env.filters["amount_in"] = amount_number
    app.jinja_env.filters["with_terms"] = with_terms
    app.jinja_env.globals["cell_text"] = cell_text

    @app.context_processor
    def inject():
        def url_with(**changes):
            """The current URL with some query parameters changed (None removes one)."""
            args = request.args.to_dict(flat=False)
            for key, value in changes.items():
                if value is None:
                    args.pop(key, None)
                else:
                    args[key] = [value]
            return url_for(request.endpoint, **(request.view_args or {}), **args)

        return {"current_publication": safe_publication(), "city_name": app.config["CITY_NAME"],
                "glossary_term": glossary_term,
                "url_with": url_with, "deid_summary": deid_summary, "table_labels": table_labels(),
                "has_endpoint": lambda name: name in app.view_functions}


def cell_text(column, row, unit=None):
    """A table cell's text (escaped by the template): amounts in the column's unit, rates from their two
    figures, a dash for nothing. A function, not a macro: a province's tables have thousands of cells, and a
    Jinja macro call per cell was a third of the page."""
    value = column.value(row)
    if column.kind == "amount":
        return amount_number(value, unit) if unit else money.format_amount(value)
    if column.kind == "rate":
        return money.format_rate(row[column.rate_of[0]], row[column.rate_of[1]])
    if value is None:
        return "—"
    if column.kind == "pct":
        return f"{value}%"
    if column.kind == "number":
        return f"{value} {column.unit or ''}"
    return "—" if value == "" else value


def short_sha(value, head=10, tail=6):
    """A hash shortened for the eye (the full value goes in a title attribute beside it)."""
    value = value or ""
    return value if len(value) <= head + tail + 1 else f"{value[:head]}…{value[-tail:]}"


def table_labels():
    """Chinese names of the published tables (regions → 地区), for pages that list row counts."""
    from ledger.datadict import DATASETS

    return {name: dataset.label for name, dataset in DATASETS.items()}


def deid_summary(pub):
    """The publication's own de-identification sentence (written by anonymize/), or None."""
    report = (pub or {}).get("deid_report") or {}
    summary = report.get("summary") if isinstance(report, dict) else None
    return summary if isinstance(summary, str) and summary.strip() else None


def safe_publication():
    try:
        return publication()
    except Exception:  # error pages must render even when the database is down
        return None


# ---- one unit per column ------------------------------------------------------------------------

def column_unit(values_fen):
    """The unit for a whole column of amounts: the largest of 亿元 / 万元 / 元 in which every non-zero
    value still shows at least 0.10 (so no row reads 0.00), and one unit serves the column and its 合计."""
    smallest = min((abs(int(v)) for v in values_fen if v), default=0)
    yuan = smallest / money.FEN_PER_YUAN
    if yuan >= 10_000_000:
        return "亿元"
    return "万元" if yuan >= 1_000 else "元"


def column_units(table):
    """{column key: unit} for a Table's amount columns (see column_unit)."""
    return {c.key: column_unit([row.get(c.key) for row in table.rows]) for c in table.columns if c.kind == "amount"}


def amount_number(fen, unit):
    """An amount in a column's unit, without the unit (the header names it): 1,234.56."""
    if fen is None:
        return "—"
    return money.format_amount(fen, unit).rsplit(" ", 1)[0]


# ---- plain words: inline explanations of terms -----------------------------------------------------

def with_terms(text):
    """``text`` (escaped) with every glossary term in it marked: the term with its short explanation as
    a tooltip (``<abbr title>``) and a 「?」 link to its glossary entry (usable on a phone, without JS)."""
    from markupsafe import Markup, escape

    if not text:
        return text
    if not has_request_context() or "glossary.glossary" not in current_app.view_functions:
        return escape(text)
    from .views.glossary import term_index

    pieces, rest, index = [], str(text), term_index()
    while rest:
        found = min(((rest.find(w), -len(w), w) for w in index if w in rest), default=None)
        if found is None:
            pieces.append(escape(rest))
            break
        at, _, wording = found
        term = index[wording]
        href = url_for("glossary.glossary", _anchor=f"term-{term.key}")
        pieces.append(escape(rest[:at]))
        pieces.append(Markup('<span class="term"><abbr title="{}">{}</abbr><a class="term-help" href="{}" '
                             'aria-label="{}是什么意思">?</a></span>').format(term.short, wording, href, wording))
        rest = rest[at + len(wording):]
    return Markup("").join(pieces)


def glossary_term(wording):
    """The glossary entry (views.glossary.Term) a wording such as 执行率 or 民生支出占比 stands for, or None."""
    from .views.glossary import filled, term_index

    term = term_index().get(wording)
    return filled(term) if term else None
