"""Where-clauses shared by queries that filter by place and classification."""
from sqlalchemy import func, or_


def place_conditions(table, *, region=None, dept=None, class_code=None):
    """Rows booked to one region and/or budget unit, and under a 类 or 款 code (prefix match)."""
    conds = []
    if region:
        conds.append(table.c.region_code == region)
    if dept:
        conds.append(table.c.dept_code == dept)
    if class_code:
        conds.append(table.c.class_code.startswith(class_code, autoescape=True))
    return conds


def choice_conditions(table, *, regions=None, depts=None, class_codes=None, class_set=None):
    """Rows booked to any of several regions / budget units, under any of several 类 or 款 codes (prefix
    match), and within a set of 类 (民生支出). An empty or missing choice sets no condition."""
    conds = []
    if regions:
        conds.append(table.c.region_code.in_(list(regions)))
    if depts:
        conds.append(table.c.dept_code.in_(list(depts)))
    if class_codes:
        conds.append(or_(*[table.c.class_code.startswith(code, autoescape=True) for code in class_codes]))
    if class_set:
        conds.append(func.substr(table.c.class_code, 1, 3).in_(list(class_set)))
    return conds


# ---- the same choices as query-string arguments (a name given several times: any of its values) ----


def one_or_many(one, many):
    """The values of a single field and its tuple twin, as one list."""
    return ([one] if one is not None else []) + list(many or ())


def class_prefixes(codes, class_set):
    """Class prefixes that select the rows of ``codes`` within ``class_set`` (either may be empty)."""
    if not class_set:
        return list(codes)
    return [c for c in codes if c[:3] in class_set] if codes else list(class_set)
