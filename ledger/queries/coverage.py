"""What the published data covers: the one rule for refusing a period or place outside it.

/execution, /compare, /warnings and the record lists (/records/expenditures|budgets) all refuse a month after
the data's last month of a year with the same Chinese message; the record lists also refuse a year or a region
code the publication does not hold, instead of showing 「合计 0.00 元」 for data that does not exist.
"""
from ..errors import UserError
from . import reference


class CoverageError(UserError):
    """A period or place outside the published data (code: bad_year | bad_month | unknown_region)."""


def month_beyond_data(last, year, month):
    """The refusal for ``month`` of ``year`` when the data of that year ends at ``last`` (None: inside).
    ``last`` 0 means whole-year data only: no month is beyond it."""
    if month and last and month > last:
        return f"{year} 年的数据截至 {last} 月，请选择 1–{last} 月"
    return None


def check_year_month(conn, pub_id, year, month=None):
    """Raise CoverageError when ``year`` has no data or ``month`` is after its last month."""
    years = reference.years(conn, pub_id)
    if year not in years:
        span = f"{years[0]}–{years[-1]} 年" if years else "（尚无数据）"
        raise CoverageError("bad_year", f"没有 {year} 年的数据；本站数据为 {span}", 404)
    message = month_beyond_data(reference.last_month(conn, pub_id, year), year, month)
    if message:
        raise CoverageError("bad_month", message, 400)


def check_regions(conn, pub_id, codes):
    """Raise CoverageError for the first region code the publication does not hold."""
    known = {r["code"] for r in reference.all_regions(conn, pub_id)}
    for code in codes:
        if code not in known:
            raise CoverageError("unknown_region", f"本站没有地区代码为「{code[:16]}」的地区", 404)


def check_scope(conn, pub_id, scope):
    """The record lists' check of an execution Scope: its years, month and regions."""
    for year in scope.years or ((scope.year,) if scope.year else ()):
        check_year_month(conn, pub_id, year, scope.month)
    check_regions(conn, pub_id, scope.regions or ((scope.region,) if scope.region else ()))
