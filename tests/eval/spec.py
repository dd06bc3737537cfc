"""The spec language of the written evaluation sets: what a line expects, computed independently of nlq/.

On the demo city the figures come from straight SQL over the published tables (SQLAlchemy Core on
ledger.schema); on the yearbook they come from the bundled files themselves, parsed by the yearbook
importer and added up with Decimal. tests/eval/README.md describes every form of spec.
"""
import collections
import datetime
import json
from decimal import Decimal

from sqlalchemy import and_, func, or_, select

from ledger.schema import budgets, departments, expenditures, func_classes, projects, regions
from ledger.semantics import MINSHENG_CLASS_CODES


def _key(*parts):
    """A hashable key of spec parts (dicts, lists, numbers and strings)."""
    return json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)


class SpecOracle:
    """What both data sources share: combined figures, rankings and what each check expects.

    A figure or ranking is computed once per oracle: the self-checks of the expected side
    (test_expected_side_is_decisive), the grading of every answer (test_set_answers) and the parts that
    many lines share (a year's spending, a district's budget) ask for the same SQL again and again, and
    one publication's figures do not change while it is read."""

    def _memo(self, key, compute):
        memo = self.__dict__.setdefault("_memo_values", {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def value(self, spec):
        if "sum" in spec:
            return sum(self.value(part) for part in spec["sum"])
        if "count_of" in spec:
            return len(self.threshold_names(spec["count_of"]))
        if "measure" in spec:
            return self.measure(spec)
        if "projects" in spec:
            return self.projects_agg(spec)
        if "share" in spec:
            return 100 * self.value(spec["share"]["num"]) / self.value(spec["share"]["den"])
        if "growth" in spec:
            return 100 * (self.value(spec["growth"]["cur"]) / self.value(spec["growth"]["prev"]) - 1)
        if "diff" in spec:
            return self.value(spec["diff"]["cur"]) - self.value(spec["diff"]["prev"])
        raise ValueError(spec)

    def inject(self, spec, key, code):
        """``spec`` with the region/class ``code`` put into every measure it is built from."""
        for combo, parts in (("growth", ("cur", "prev")), ("share", ("num", "den")), ("diff", ("cur", "prev"))):
            if combo in spec:
                return {combo: {p: self.inject(spec[combo][p], key, code) for p in parts}}
        if "projects" in spec:
            assert key == "region", "project metrics are ranked by region only"
            filters = {**spec["projects"], "region": code}
            if spec.get("located_in"):
                filters["located_in"] = self.region_name[code]
            return {"projects": filters, "agg": spec["agg"]}
        return {**spec, key: code}

    def ranking(self, spec):
        """(name, value) pairs in rank order."""
        return list(self._memo(_key("ranking", spec), lambda: self._ranking(spec)))

    def _ranking(self, spec):
        scored = getattr(self, f"_rank_{spec['rank']}")(spec)
        return tuple(sorted(scored, key=lambda item: item[1], reverse=spec.get("order", "desc") == "desc"))

    def _rank_region(self, spec):
        return [(label, self.value(self.inject(spec["metric"], "region", code)))
                for label, code in self.ranked_regions(spec)]

    def threshold_names(self, spec):
        """The names a "below"/"above" ranking spec selects, in rank order."""
        ranked = self.ranking(spec)
        if "below" in spec:
            return [name for name, value in ranked if value < spec["below"]]
        return [name for name, value in ranked if value > spec["above"]]

    def expected(self, check, spec):
        """What ``check`` compares the answer with."""
        if check in ("value", "diff", "count"):
            return self.value(spec)
        if check == "topn_set" and ("below" in spec or "above" in spec):
            return self.threshold_names(spec)
        if check in ("top1", "topn_set"):
            return [name for name, _ in self.ranking(spec)[: spec.get("n", 1)]]
        if check == "ranked_keys":
            return self.ranking(spec)[: spec["n"]]
        if check == "rows_values":
            return [(item["label"], self.value(item["spec"])) for item in spec["items"]]
        if check == "keyed_values":
            return [(item["key"], self.value(item["spec"])) for item in spec["items"]]
        raise ValueError(check)


class CityOracle(SpecOracle):
    """The spec language on the demo city: straight SQL over one publication."""

    def __init__(self, conn, pub_id, as_of):
        self.conn, self.pub, self.as_of = conn, pub_id, as_of
        rows = conn.execute(select(regions.c.code, regions.c.name, regions.c.level, regions.c.population)
                            .where(regions.c.publication_id == pub_id)).all()
        self.region_name = {r.code: r.name for r in rows}
        self.population = {r.code: r.population for r in rows}
        self.city = next(r.code for r in rows if r.level == 0)
        self.districts = [r.code for r in rows if r.level == 1]
        classes = conn.execute(select(func_classes.c.code, func_classes.c.name, func_classes.c.level,
                                      func_classes.c.parent_code)
                               .where(func_classes.c.publication_id == pub_id)).all()
        self.class_name = {r.code: r.name for r in classes if r.level == 1}
        self.subclasses = collections.defaultdict(dict)
        for r in classes:
            if r.level == 2:
                self.subclasses[r.parent_code or r.code[:3]][r.code] = r.name
        depts = conn.execute(select(departments.c.code, departments.c.name, departments.c.region_code)
                             .where(departments.c.publication_id == pub_id)).all()
        self.dept_name = {r.code: r.name for r in depts}
        self.dept_region = {r.code: r.region_code for r in depts}

    # ---- spending and budgets ----

    @staticmethod
    def _class_filter(column, prefix):
        if prefix is None:
            return None
        prefixes = MINSHENG_CLASS_CODES if prefix == "minsheng" else ([prefix] if isinstance(prefix, str) else prefix)
        return or_(*[column.like(f"{p}%") for p in prefixes])

    def _sum(self, table, amount, spec, months=None):
        filters = {key: spec.get(key) for key in ("year", "region", "dept", "class_prefix")}
        return self._memo(_key("sum", table.name, filters, months), lambda: self._sum_sql(table, amount, spec, months))

    def _sum_sql(self, table, amount, spec, months):
        conds = [table.c.publication_id == self.pub, table.c.year == spec["year"]]
        if months:
            month_cond = table.c.month.between(*months)
            if tuple(months) == (1, 12):  # month 0 = a whole year without monthly detail
                month_cond = or_(month_cond, table.c.month == 0)
            conds.append(month_cond)
        if spec.get("region"):
            conds.append(table.c.region_code == spec["region"])
        if spec.get("dept"):
            conds.append(table.c.dept_code == spec["dept"])
        class_cond = self._class_filter(table.c.class_code, spec.get("class_prefix"))
        if class_cond is not None:
            conds.append(class_cond)
        total = self.conn.execute(select(func.sum(amount)).where(and_(*conds))).scalar()
        return (total or 0) / 100  # fen -> 元

    def spent(self, spec):
        return self._sum(expenditures, expenditures.c.amount_fen, spec, spec["months"])

    def budget(self, spec):
        return self._sum(budgets, budgets.c.budget_fen, spec)

    def measure(self, spec):
        kind = spec["measure"]
        if kind == "spent":
            return self.spent(spec)
        if kind == "budget":
            return self.budget(spec)
        if kind == "rate":
            return 100 * self.spent(spec) / self.budget(spec)
        if kind == "per_capita":
            return self.spent(spec) / self.population[spec.get("region") or self.city]
        raise ValueError(kind)

    # ---- projects ----

    def project_conds(self, filters):
        conds = [projects.c.publication_id == self.pub]
        for key in ("year", "category", "status", "contractor", "name"):
            if filters.get(key) is not None:
                conds.append(getattr(projects.c, key) == filters[key])
        if filters.get("region"):
            region_cond = projects.c.region_code == filters["region"]
            if filters.get("located_in"):
                region_cond = or_(region_cond, projects.c.location.like(f"{filters['located_in']}%"))
            conds.append(region_cond)
        if filters.get("years"):
            conds.append(projects.c.year.between(*filters["years"]))
        return conds + self._threshold_conds(filters) + self._start_conds(filters)

    @staticmethod
    def _threshold_conds(filters):
        """超过/以上/不到 an investment (元) or a progress (%); no project sits at a threshold asked about."""
        conds = []
        for key, column, scale, above in (("investment_over", projects.c.total_investment_fen, 100, True),
                                          ("investment_under", projects.c.total_investment_fen, 100, False),
                                          ("progress_over", projects.c.progress_pct, 1, True),
                                          ("progress_below", projects.c.progress_pct, 1, False)):
            if filters.get(key) is not None:
                limit = round(filters[key] * 100) if scale == 100 else filters[key]
                conds.append(column > limit if above else column < limit)
        return conds

    def _start_conds(self, filters):
        conds = []
        if filters.get("minsheng"):
            conds.append(or_(*[projects.c.class_code.like(f"{code}%") for code in MINSHENG_CLASS_CODES]))
        if filters.get("started"):
            conds.append(projects.c.status != "未开工")
        if filters.get("start_year"):  # started in that year, and not after as_of
            first = datetime.date(filters["start_year"], 1, 1)
            last = min(datetime.date(filters["start_year"], 12, 31), self.as_of)
            conds.append(projects.c.start_date.between(first, last))
        return conds

    PROJECT_AGGREGATES = {
        "count": func.count(),
        "output": func.sum(projects.c.output_actual),
        "planned": func.sum(projects.c.output_planned),
        "investment": func.sum(projects.c.total_investment_fen) / 100.0,
        "disbursed": func.sum(projects.c.disbursed_fen) / 100.0,
        "progress": func.avg(projects.c.progress_pct),
    }

    def projects_agg(self, spec):
        return self._memo(_key("projects", spec["agg"], spec["projects"]), lambda: self._projects_agg_sql(spec))

    def _projects_agg_sql(self, spec):
        column = self.PROJECT_AGGREGATES[spec["agg"]]
        return self.conn.execute(select(column).where(and_(*self.project_conds(spec["projects"])))).scalar() or 0

    # ---- rankings ----

    def ranked_regions(self, spec):
        """(name, code) of the districts a region ranking compares ("filter": 区 or 县 keeps those only)."""
        names = [(self.region_name[code], code) for code in self.districts]
        return [(name, code) for name, code in names if not spec.get("filter") or name.endswith(spec["filter"])]

    def _rank_class(self, spec):
        return [(name, self.value(self.inject(spec["metric"], "class_prefix", code)))
                for code, name in self.class_name.items()]

    def _rank_subclass(self, spec):
        return [(name, self.value(self.inject(spec["metric"], "class_prefix", code)))
                for code, name in self.subclasses[spec["parent"]].items()]

    def _rank_dept(self, spec):
        region = spec.get("dept_region")
        return [(name, self.value({**spec["metric"], "dept": code})) for code, name in self.dept_name.items()
                if not region or self.dept_region[code] == region]

    def _grouped(self, key_column, value_column, conds):
        rows = self.conn.execute(select(key_column, value_column).where(and_(*conds)).group_by(key_column)).all()
        return [(r[0], r[1]) for r in rows]

    def _rank_category(self, spec):
        column = {"investment": func.sum(projects.c.total_investment_fen) / 100.0, "count": func.count(),
                  "output": func.sum(projects.c.output_actual),
                  "disbursed": func.sum(projects.c.disbursed_fen) / 100.0}[spec["by"]]
        return self._grouped(projects.c.category, column, self.project_conds(spec["projects"]))

    def _rank_contractor(self, spec):
        """Company contractors (names ending in 公司), by their number of projects unless "by" says otherwise."""
        column = {None: func.count(), "count": func.count(),
                  "investment": func.sum(projects.c.total_investment_fen) / 100.0,
                  "disbursed": func.sum(projects.c.disbursed_fen) / 100.0,
                  "output": func.sum(projects.c.output_actual)}[spec.get("by")]
        conds = self.project_conds(spec["projects"]) + [projects.c.contractor.like("%公司")]
        return self._grouped(projects.c.contractor, column, conds)

    def _rank_project(self, spec):
        column = {None: projects.c.total_investment_fen / 100.0, "investment": projects.c.total_investment_fen / 100.0,
                  "disbursed": projects.c.disbursed_fen / 100.0, "progress": projects.c.progress_pct}[spec.get("by")]
        rows = self.conn.execute(select(projects.c.name, column).where(and_(*self.project_conds(spec["projects"]))))
        return [(r[0], r[1]) for r in rows]


class YearbookOracle(SpecOracle):
    """The spec language on the yearbook (统计年鉴 表7-6), from the bundled files: 元 as Decimal.

    "region" is a province code (None: every province, i.e. 全国); "class_prefix" a list of 类 codes,
    "minsheng", or None for the published total (合计), not a sum of classes."""

    YUAN_PER_YI = Decimal(100_000_000)

    def __init__(self):
        from ledger.importer.yearbook import bundled_yearbook_files, parse_workbook

        self.tables = {t.year: t for t in (parse_workbook(p) for p in bundled_yearbook_files())}

    def provinces(self, year):
        return [p.code for p in self.tables[year].provinces()]

    def measure(self, spec):
        from ledger.importer.yearbook import TOTAL

        assert spec["measure"] == "spent", spec
        year, classes = spec["year"], spec.get("class_prefix")
        classes = list(MINSHENG_CLASS_CODES) if classes == "minsheng" else classes
        total = Decimal(0)
        for code in self.provinces(year) if spec.get("region") is None else [spec["region"]]:
            row = self.tables[year].values[code]
            total += row[TOTAL].value if classes is None else sum((row[c].value for c in classes if c in row),
                                                                 Decimal(0))
        return total * self.YUAN_PER_YI

    def ranked_regions(self, spec):
        """(code, code) of every province of the ranking's year: rankings are checked by code."""
        return [(code, code) for code in self.provinces(spec["year"])]


# ---- the expected side can fail: self-checks of a line ------------------------------------------

def ranking_problem(oracle, spec, expected):
    """Why a ranking cannot decide (a tie at its cut-off, zeros, a threshold with a value at it), or None."""
    ranked = oracle.ranking(spec)
    if "below" in spec or "above" in spec:
        threshold = spec.get("below", spec.get("above"))
        if not expected or len(expected) == len(ranked):
            return "threshold selects none or all"
        if any(abs(value - threshold) < 0.5 for _, value in ranked):
            return "has a value within 0.5 of its threshold"
        return None
    n = spec.get("n", 1)
    if len(ranked) <= n or ranked[n - 1][1] == ranked[n][1]:
        return f"has a tie at rank {n}"
    if len({name for name, _ in ranked[:n]}) != n:
        return f"has a repeated name in its top {n}"
    if not ranked[0][1] or not ranked[n - 1][1]:
        return "ranks zeros"
    return None


def project_filters(spec):
    """Every project filter dict a spec (or its nested parts) uses."""
    if isinstance(spec, dict):
        if isinstance(spec.get("projects"), dict):
            yield spec["projects"]
        for value in spec.values():
            yield from project_filters(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from project_filters(value)


def _count(oracle, conds):
    return oracle.conn.execute(select(func.count()).where(and_(*conds))).scalar()


def at_a_threshold(oracle, spec):
    """True when a project sits exactly at a threshold the spec uses: 「超过/以上」 an investment anywhere
    in the data; 「不到」 an investment or a progress, or 「超过」 a progress, among the projects selected."""
    for filters in project_filters(spec):
        if filters.get("investment_over") is not None and _count(oracle, [
                projects.c.publication_id == oracle.pub,
                projects.c.total_investment_fen == round(filters["investment_over"] * 100)]):
            return True
        for key, column, scale in (("investment_under", projects.c.total_investment_fen, 100),
                                   ("progress_below", projects.c.progress_pct, 1),
                                   ("progress_over", projects.c.progress_pct, 1)):
            if filters.get(key) is None:
                continue
            others = {k: v for k, v in filters.items() if k != key}
            if _count(oracle, oracle.project_conds(others) + [column == round(filters[key] * scale)]):
                return True
    return False


def _value_problem(oracle, check, spec, expected):
    if check in ("top1", "topn_set", "ranked_keys"):
        return ranking_problem(oracle, spec, expected)
    if check in ("rows_values", "keyed_values"):
        return None if all(value for _, value in expected) else "has an empty row"
    return None if expected else "expects zero"


def expected_side_problems(oracle, check, spec):
    """What makes one reading of a line unable to decide: uncomputable, zero, tied, at a threshold,
    or naming a project that is not exactly one project."""
    try:
        expected = oracle.expected(check, spec)
    except Exception as exc:  # noqa: BLE001 — report every uncomputable line at once
        return [f"cannot be computed: {exc!r}"]
    problems = [_value_problem(oracle, check, spec, expected)]
    if "count_of" in spec:
        inner = spec["count_of"]
        problems.append(ranking_problem(oracle, inner, oracle.threshold_names(inner)))
    if any(True for _ in project_filters(spec)):
        if at_a_threshold(oracle, spec):
            problems.append("has a project exactly at a threshold")
        for name in {f["name"] for f in project_filters(spec) if f.get("name")}:
            matches = _count(oracle, [projects.c.publication_id == oracle.pub, projects.c.name == name])
            if matches != 1:
                problems.append(f"names {name!r}, which matches {matches} projects")
    return [p for p in problems if p]
