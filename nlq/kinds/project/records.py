"""The records behind a project answer: /projects with the answer's filter (its CSV adds up to the count,
the investment, the disbursement or the output), each row's own projects, or the one project."""
from dataclasses import replace

from ... import figures, links
from ...ir import Group, Measure


def records(query, lexicon, pub_id, answer):
    answer = answer or {}
    if query.measure in (Measure.PAID, Measure.PAYMENTS) and query.group == Group.YEAR:  # each year's vouchers
        every = replace(figures.payment_filter(query), year=None)
        return {"records": links.payments(every, pub_id),
                "rows": [links.row(r[0], {"payments": links.payments(replace(every, year=int(r[0][:4])), pub_id)})
                         for r in answer.get("rows") or []]}
    if query.measure == Measure.PAID and query.purpose and query.years and query.difference:  # the two periods
        from .answers import compared_periods  # the months of both years, as the answer sums them
        filters = [figures.payment_filter(replace(query, period=p)) for p in compared_periods(query)]
        return {"records": links.payments(filters[1], pub_id),
                "rows": [links.row(r[0], {"payments": links.payments(f, pub_id)})
                         for r, f in zip((answer.get("rows") or [])[:2], filters)]}
    if query.measure in (Measure.PAID, Measure.PAYMENTS) and query.group == Group.MONTH:  # each month's vouchers
        year = replace(figures.payment_filter(replace(query, group=None)), month_from=None, month_to=None)
        return {"records": links.payments(year, pub_id),
                "rows": [links.row(r[0], {"payments": links.payments(replace(year, month_from=m, month_to=m), pub_id)})
                         for r, m in zip(answer.get("rows") or [], answer.get("months") or [])]}
    if query.measure in (Measure.PAID, Measure.PAYMENTS):  # payments: their vouchers
        return {"records": links.payments(figures.payment_filter(query), pub_id)}
    if query.measure == Measure.SHARE:  # the part and the whole, each from its projects (one named: itself)
        return _share(query, lexicon, pub_id, answer)
    if query.project:  # one named project: its page, whatever was asked of it
        return {"records": links.project(query.project, pub_id)}
    if query.measure == Measure.PROGRESS and query.group != Group.PROJECT:
        return {}
    flt = figures.project_filter(query, lexicon, query.period)
    out = {"records": links.projects(flt, pub_id)}
    if answer.get("also"):  # the city's own projects built in the district named, told beside the answer
        out["also"] = links.projects(figures.city_built_in(query, lexicon, query.period), pub_id)
    rows = _rows(query, pub_id, answer, flt)
    if rows is not None:
        out["rows"] = rows
    return out


def _share(query, lexicon, pub_id, answer):
    (part, _pm), (whole, _wm) = figures.project_share_parts(query)
    urls = [links.projects(figures.project_filter(q, lexicon, query.period), pub_id) for q in (part, whole)]
    out = {"records": urls[0]}
    rows = answer.get("rows") or []
    if len(rows) == 2:
        out["rows"] = [links.row(row[0], {"projects": url}) for row, url in zip(rows, urls)]
    return out


def _rows(query, pub_id, answer, flt):
    """Each row's projects: a contractor's, a category's, a region's, a year's, or the project itself."""
    rows = answer.get("rows") or []
    keys = answer.get("keys") or []
    if query.group == Group.CONTRACTOR:
        narrowed = [replace(flt, contractor=r[0], contractors=None) for r in rows]
    elif query.group == Group.CATEGORY:
        narrowed = [replace(flt, category=k) for k in keys]
    elif query.group == Group.REGION and query.located:  # each region's projects: those built in it
        narrowed = [replace(flt, region=None, regions=None, located=k) for k in keys]
    elif query.group == Group.REGION:
        narrowed = [replace(flt, region=None, regions=(k,)) for k in keys]
    elif query.group == Group.YEAR and query.period is not None:
        chosen = query.years or query.period.years
        narrowed = [replace(flt, completed_years=(y,)) if query.completed else replace(flt, year=None, years=(y,))
                    for y in chosen]
    elif answer.get("codes"):
        return [links.row(r[0], {"project": links.project(code, pub_id)}) for r, code in zip(rows, answer["codes"])]
    else:
        return None
    return [links.row(r[0], {"projects": links.projects(f, pub_id)}) for r, f in zip(rows, narrowed)]
