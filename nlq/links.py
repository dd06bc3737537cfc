"""The links of an answer: its CSV and JSON twins, and the records behind its figures.

``records`` opens /records/expenditures|budgets or /projects with exactly the rows the figure was
computed from — the Scope or ProjectFilter of nlq/figures.py, written by ledger.queries as query-string
arguments the pages read back (Scope.args, projects.filter_args). ``rows`` does the same for each row of
the answer's table: the 支出 and 预算 a rate divides, the part and the whole of a share, the two periods of
a growth, each region compared. So every number can be added up again from its records.
"""
from dataclasses import replace
from urllib.parse import urlencode

from ledger.queries.projects import filter_args

from .ir import Group, Measure

# which records an amount of a measure adds up: spending, budgets or both (a rate divides them)
RECORDS = {Measure.SPENT: ("spent",), Measure.BUDGET: ("budget",), Measure.PER_CAPITA: ("spent",),
           Measure.RATE: ("spent", "budget"), Measure.REMAINING: ("budget", "spent")}
TABLES = {"spent": "expenditures", "budget": "budgets"}


def twins(question, as_of, pub_id):
    params = {"q": question, "as_of": as_of.isoformat(), "pub": pub_id}
    return {"csv": "/ask.csv?" + urlencode(params), "json": "/api/ask?" + urlencode(params)}


def records(scope, side, pub_id):
    """/records of the spending (``side="spent"``) or budget lines of a scope."""
    return f"/records/{TABLES[side]}?" + urlencode(scope.args() + [("pub", str(pub_id))])


def population(codes):
    """The published regions table's rows of ``codes`` (the top level when none): the population a per-capita
    figure divides by (the data gives no year for it)."""
    return "/data/regions.csv?" + (urlencode({"code__in": ",".join(codes)}) if codes else "level=0")


def units(dept=None, kind=None, depts=None, name_suffix=None):
    """The published second-level units of a department (or of the ``depts`` of a region) and/or of a kind
    (学校、医院; ``name_suffix`` narrows it: 卫生院): the rows a count of units counts, one each."""
    args = {"dept_code": dept, "kind": kind, "dept_code__in": ",".join(sorted(depts)) if depts else None,
            "name__suffix": name_suffix}
    return "/data/units.csv?" + urlencode({k: v for k, v in args.items() if v})


def members(region=None, township_ends=None):
    """The published regions below the whole (``township_ends`` None) or the townships of a district, or of
    all, whose names end so (镇、乡、街道): the rows a count of places counts, one each."""
    if township_ends is None:
        return "/data/regions.csv?level=1"
    args = {"region_code": region, "name__suffix": ",".join(township_ends)}
    return "/data/townships.csv?" + urlencode({k: v for k, v in args.items() if v})


def documents(doc_type, region=None, year=None):
    """The published documents of a type (of a region, of a year): the rows a count of documents counts."""
    args = {"doc_type": doc_type, "region_code": region, "year": year}
    return "/data/documents.csv?" + urlencode({k: v for k, v in args.items() if v})


def contracts(first_year=None, last_year=None):
    """The published contracts (project_contracts) awarded in these years (every one when None): the rows a
    count of contracts counts and a total of contract sums adds up."""
    args = {"award_date__gte": f"{first_year}-01-01" if first_year else None,
            "award_date__lte": f"{last_year}-12-31" if last_year else None}
    return "/data/project_contracts.csv" + ("?" + urlencode({k: v for k, v in args.items() if v}) if first_year else "")


def project_contracts(code):
    """The published contracts (project_contracts) of one project: the rows its contract sum adds up."""
    return "/data/project_contracts.csv?" + urlencode({"project_code": code})


def projects(flt, pub_id):
    return "/projects?" + urlencode(filter_args(flt) + [("pub", str(pub_id))])


def payments(flt, pub_id):
    """/records/payments of one payee, project or purpose (and year): the vouchers a payment answer adds up."""
    args = [(key, str(value)) for key, value in (("payee", flt.payee), ("payee_type", flt.payee_type),
                                                 ("project", flt.project),
                                                 ("purpose", flt.purpose), ("year", flt.year),
                                                 ("month_from", flt.month_from), ("month_to", flt.month_to),
                                                 ("voucher", flt.voucher),
                                                 *((key, getattr(flt, key) and getattr(flt, key) // 100)
                                                   for key in ("amount_above", "amount_from", "amount_below", "amount_to")))
            if value is not None]
    return "/records/payments?" + urlencode(args + [("pub", str(pub_id))])


def project(code, pub_id):
    return f"/projects/{code}?" + urlencode({"pub": pub_id})


def sides(measure, scope, pub_id):
    """{"spent": url, "budget": url}: the records an amount of ``measure`` over ``scope`` comes from."""
    return {side: records(scope, side, pub_id) for side in RECORDS.get(measure, ())}


def row(label, urls):
    return {"label": label, "records": urls}


def narrow(scope, group, key):
    """The scope of one row of a table grouped by ``group``."""
    if group == Group.REGION:
        return replace(scope, regions=(key,))
    if group == Group.DEPT:
        return replace(scope, depts=(key,))
    if group == Group.YEAR:
        return replace(scope, years=(key,))
    if group in (Group.CLASS, Group.KUAN):
        codes = scope.class_codes or ()
        # rows under a named class and under the row's class: the longer of the two prefixes, if they agree
        both = tuple(c if len(c) >= len(key) else key for c in codes if c.startswith(key) or key.startswith(c))
        return replace(scope, class_codes=both if codes else (key,))
    return None
