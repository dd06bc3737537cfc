"""The one oracle: the expected answer of every evaluation line, computed independently of nlq/.

A line's readings come in three forms (tests/eval/README.md): "generated" (the template set's
``{"type": …}`` expectations, straight SQL text), "spec" (the written sets' spec language,
tests/eval/spec.py) and "sql" (a blind set's own SELECT, run again on the current publication).
"""
from functools import cached_property

from sqlalchemy import text

from .judge import MONEY_UNITS
from .spec import CityOracle, YearbookOracle


class Oracle:
    """Expected answers on one publication (the demo city or the yearbook)."""

    def __init__(self, conn, pub_id, *, dataset, as_of):
        self.conn, self.pub, self.dataset, self.as_of = conn, pub_id, dataset, as_of

    @cached_property
    def spec(self):
        return CityOracle(self.conn, self.pub, self.as_of) if self.dataset == "city" else YearbookOracle()

    @cached_property
    def generated(self):
        return GeneratedOracle(self.conn, self.pub, self.as_of)

    def question(self, item):
        """The question as asked: a template's 「{project}」 becomes a real project's name."""
        if "{project}" not in item.question:
            return item.question
        return item.question.format(project=self.generated.pick_project(item.readings[0].spec["pick"]))

    def expected(self, reading):
        if reading.form == "spec":
            return self.spec.expected(reading.check, reading.spec)
        if reading.form == "generated":
            return self.generated.expected(reading.spec)
        return to_api_units(self.sql_answer(reading.spec), reading.unit)

    def sql_answer(self, spec):
        """A blind line's SELECT on this publication (``:pub`` = its id), shaped like its recorded answer."""
        params = {"pub": self.pub} if ":pub" in spec["sql"] else {}
        rows = [tuple(row) for row in self.conn.execute(text(spec["sql"]), params)]
        return shaped(rows, spec["shape"])


def shaped(rows, shape):
    """SQL rows as a number, {label: value}, [[label, value], …] or [names]."""
    if shape == "number":
        return rows[0][0] if rows else None
    if shape == "mapping":
        return {str(label): value for label, value in rows}
    if shape == "pairs":
        return [[str(label), value] for label, value in rows]
    return [str(row[0]) for row in rows]


def to_api_units(answer, unit):
    """Amounts in 万元/亿元 as the API states them (元); other units unchanged."""
    factor = MONEY_UNITS.get(unit, 1)
    if factor == 1 or answer is None:
        return answer
    if isinstance(answer, dict):
        return {label: value * factor for label, value in answer.items()}
    if answer and isinstance(answer, list) and isinstance(answer[0], list):
        return [[label, value * factor] for label, value in answer]
    return answer if isinstance(answer, list) else answer * factor


class GeneratedOracle:
    """The template set's expectations (tests/eval/sets/generated.jsonl, hand.jsonl): straight SQL text."""

    def __init__(self, conn, pub_id, as_of):
        self.conn, self.pub, self.as_of = conn, pub_id, as_of

    def _where(self, e, table, *, spending=True, with_class=True, years=None, regions="default"):
        sql, params = [f"{table}.publication_id = :pub"], {"pub": self.pub}
        years = years if years is not None else e.get("years")
        if years:
            sql.append(f"{table}.year IN ({','.join(str(int(y)) for y in years)})")
        months = e.get("months")
        if spending and months:
            sql.append(f"{table}.month BETWEEN {int(months[0])} AND {int(months[1])}")
        regions = e.get("regions") if regions == "default" else regions
        if regions:
            sql.append(f"{table}.region_code IN ({','.join(repr(str(r)) for r in regions)})")
        if with_class and e.get("classes"):
            sql.append("(" + " OR ".join(f"{table}.class_code LIKE '{c}%'" for c in e["classes"]) + ")")
        if with_class and e.get("class3"):
            sql.append(f"substr({table}.class_code, 1, 3) IN ({','.join(repr(c) for c in e['class3'])})")
        return " AND ".join(sql), params

    def total(self, e, table="expenditures", group=None, **kw):
        """Σ fen of spending (or budgets) under ``e``'s filters; per ``group`` column if given."""
        amount = "amount_fen" if table == "expenditures" else "budget_fen"
        where, params = self._where(e, table, spending=table == "expenditures", **kw)
        if group:
            rows = self.conn.execute(text(f"SELECT {group}, SUM({amount}) FROM {table} WHERE {where} GROUP BY {group}"),
                                     params)
            return {k: int(v or 0) for k, v in rows if k is not None}
        return int(self.conn.execute(text(f"SELECT COALESCE(SUM({amount}), 0) FROM {table} WHERE {where}"),
                                     params).scalar())

    def _names(self, group):
        sql = ("SELECT code, name FROM regions WHERE publication_id=:p AND level >= 1" if group == "region"
               else "SELECT code, name FROM departments WHERE publication_id=:p")
        return dict(self.conn.execute(text(sql), {"p": self.pub}).all())

    def pick_project(self, k):
        """The k-th project (by code) whose name is unique and not masked by de-identification."""
        rows = self.conn.execute(text("SELECT name FROM projects WHERE publication_id=:p AND name NOT LIKE '%*%' "
                                      "GROUP BY name HAVING COUNT(*) = 1 ORDER BY MIN(code)"), {"p": self.pub}).all()
        return rows[k % len(rows)][0]

    def expected(self, e):
        return getattr(self, f"_{e['type']}")(e)

    def _sum(self, e):
        return self.total(e, e["table"]) / 100

    def _rate(self, e):
        return 100 * self.total(e) / self.total(e, "budgets")

    def _share(self, e):
        return 100 * self.total(e) / self.total(e, with_class=False)

    def _growth(self, e):
        a, b = (self.total(e, years=[y]) for y in e["years"])
        return 100 * (b - a) / a

    def _diff(self, e):
        a, b = (self.total(e, regions=[r]) for r in e["regions"])
        return (a - b) / 100

    def _compare(self, e):
        return [self.total(e, regions=[r]) / 100 for r in e["regions"]]

    def _series(self, e):
        per_year = self.total(e, group="year")
        return [per_year.get(y, 0) / 100 for y in e["years"] if y in per_year]

    def _group_values(self, e, col):
        spent = self.total(e, group=col)
        if e["type"] == "group_rate":
            budget = self.total(e, "budgets", group=col)
            return {k: spent.get(k, 0) / b for k, b in budget.items() if b}
        if e["type"] == "group_share":
            total = self.total(e, group=col, with_class=False)
            return {k: spent.get(k, 0) / v for k, v in total.items() if v}
        return spent

    def _group_sum(self, e):
        """Names of regions/departments in rank order (name_suffix, below and limit as given)."""
        col = "region_code" if e["group"] == "region" else "dept_code"
        names = self._names(e["group"])
        values = {k: v for k, v in self._group_values(e, col).items()
                  if k in names and names[k].endswith(e.get("name_suffix", ""))}
        if "below" in e:
            values = {k: v for k, v in values.items() if v < e["below"]}
        items = sorted(values.items(), key=lambda kv: (kv[1] if e["order"] == "asc" else -kv[1], kv[0]))
        return [names[k] for k, _ in items[: e.get("limit") or None]]

    _group_rate = _group_share = _group_sum

    def _project_top(self, e):
        rows = self.conn.execute(text("SELECT name FROM projects WHERE publication_id=:p "
                                      "ORDER BY total_investment_fen DESC, code LIMIT :n"), {"p": self.pub, "n": e["limit"]})
        return [r[0] for r in rows]

    def _project_list(self, e):
        sql = "SELECT COUNT(*) FROM projects WHERE publication_id=:p AND status=:s"
        if e.get("regions"):
            sql += f" AND region_code IN ({','.join(repr(r) for r in e['regions'])})"
        return self.conn.execute(text(sql), {"p": self.pub, "s": e["status"]}).scalar()

    def _contractor_top(self, e):
        return [self.conn.execute(text(
            "SELECT contractor FROM projects WHERE publication_id=:p AND contractor IS NOT NULL "
            "GROUP BY contractor ORDER BY COUNT(*) DESC, contractor LIMIT 1"), {"p": self.pub}).scalar()]

    def _project_count(self, e):
        """新开工: started in those years, and by as_of (a start planned for later has not happened)."""
        sql = ("SELECT COUNT(*) FROM projects WHERE publication_id=:p AND strftime('%Y', start_date) IN "
               f"({','.join(repr(str(y)) for y in e['start_years'])}) AND start_date <= '{self.as_of.isoformat()}'")
        if e.get("class3"):
            sql += f" AND substr(class_code, 1, 3) IN ({','.join(repr(c) for c in e['class3'])})"
        return self.conn.execute(text(sql), {"p": self.pub}).scalar()

    def _output(self, e):
        return float(self.conn.execute(text(
            "SELECT COALESCE(SUM(output_actual), 0) FROM projects WHERE publication_id=:p AND category=:c "
            f"AND output_unit=:u AND year IN ({','.join(str(int(y)) for y in e['years'])})"),
            {"p": self.pub, "c": e["category"], "u": e["unit"]}).scalar())

    def _project_progress(self, e):
        return self.conn.execute(text("SELECT progress_pct FROM projects WHERE publication_id=:p AND name=:n"),
                                 {"p": self.pub, "n": self.pick_project(e["pick"])}).scalar()
