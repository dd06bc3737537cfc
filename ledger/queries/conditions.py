"""Where-clauses shared by queries that filter by place and classification."""


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
