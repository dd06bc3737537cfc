"""What a new publication changes against the one it replaces, table by table.

Shown to staff before they press publish (and printed by ``mingzhang import``): rows added, removed
and changed (rows are matched by each table's natural key), totals of the money columns before and
after, and a few sample rows. Both sides are read in key order and merged as they stream, so a
100,000-row table is compared without holding either side in memory.
"""
import itertools

from sqlalchemy import func, select

from .. import schema
from ..datadict import DATASETS
from ..integrity import _sort_keys
from .layout import IMPORT_ORDER, LAYOUTS

ROW_KEYS = {
    "regions": ("code",), "departments": ("code",), "func_classes": ("code",),
    "budgets": ("year", "region_code", "dept_code", "class_code"),
    "expenditures": ("year", "month", "region_code", "dept_code", "class_code"),
    "projects": ("code",), "project_updates": ("project_code", "date"),
    "payments": ("id",), "documents": ("slug",),
}
SAMPLE_ROWS = 5
BATCH = 2000
# A table losing more than this share of its rows is flagged on the review page.
SHRINK_WARNING = 0.5


def publication_diff(conn, base_id, new_id, *, carried=(), dropped=()):
    """One entry per table (see ``table_diff``), in import order."""
    def status(name):
        return "carried" if name in carried else "dropped" if name in dropped else "uploaded"
    return [table_diff(conn, name, base_id, new_id, status(name)) for name in IMPORT_ORDER]


def table_diff(conn, name, base_id, new_id, status="uploaded"):
    """``{table, label, status, rows_before, rows_after, added, removed, changed, totals, samples, shrinks}``."""
    table = getattr(schema, name)
    entry = {"table": name, "label": LAYOUTS[name].label, "status": status, "added": 0, "removed": 0,
             "changed": 0, "rows_before": 0, "rows_after": 0,
             "samples": {"added": [], "removed": [], "changed": []}}
    if status == "carried":  # copied row for row inside the database: nothing to compare
        entry["rows_before"] = entry["rows_after"] = _count(conn, table, new_id)
    else:
        _merge(conn, table, base_id, new_id, entry)
    entry["totals"] = _totals(conn, table, base_id, new_id)
    entry["shrinks"] = entry["rows_after"] < entry["rows_before"] * (1 - SHRINK_WARNING)
    return entry


def _count(conn, table, pub_id):
    return conn.execute(select(func.count()).where(table.c.publication_id == pub_id)).scalar_one()


def _ordered(value):
    """Python order matching the SQL order (NULLs first, as integrity._sort_keys makes every backend do)."""
    return (value is not None, value)


def _groups(conn, table, pub_id):
    """(key, [rows]) of one publication's table, in key order; a key may repeat (project updates)."""
    if pub_id is None:
        return iter(())
    columns = [c for c in table.columns if c.name != "publication_id"]
    keys = row_key(table)
    ordered = [table.c[k] for k in keys] + [c for c in columns if c.name not in keys]
    result = conn.execution_options(yield_per=BATCH).execute(
        select(*columns).where(table.c.publication_id == pub_id).order_by(*_sort_keys(ordered, conn.dialect.name)))
    rows = (dict(row) for row in result.mappings())
    return ((key, list(group)) for key, group in
            itertools.groupby(rows, key=lambda r: tuple(_ordered(r[k]) for k in keys)))


def row_key(table):
    """Columns naming a row; a table without a declared key is matched on whole rows (added/removed only)."""
    return ROW_KEYS.get(table.name) or tuple(c.name for c in table.columns if c.name != "publication_id")


def _merge(conn, table, base_id, new_id, entry):
    old, new = _groups(conn, table, base_id), _groups(conn, table, new_id)
    before, after = next(old, None), next(new, None)
    while before or after:
        if after is None or (before and before[0] < after[0]):
            _note(entry, "removed", table, before[1])
            before = next(old, None)
        elif before is None or after[0] < before[0]:
            _note(entry, "added", table, after[1])
            after = next(new, None)
        else:
            if before[1] != after[1]:
                _note(entry, "changed", table, before[1], after[1])
            entry["rows_before"] += len(before[1])
            entry["rows_after"] += len(after[1])
            before, after = next(old, None), next(new, None)


def _note(entry, kind, table, rows, new_rows=None):
    entry[kind] += 1
    if kind == "removed":
        entry["rows_before"] += len(rows)
    elif kind == "added":
        entry["rows_after"] += len(rows)
    samples = entry["samples"][kind]
    if len(samples) < SAMPLE_ROWS:
        samples.append(_sample(table, rows, new_rows))


def _labels(table):
    return {f.column: f.label for f in DATASETS[table.name].fields} if table.name in DATASETS else {}


def _sample(table, rows, new_rows=None):
    """A row for people: its key, its name or title, and for a changed row each differing field."""
    labels = _labels(table)
    first = rows[0]
    key = "，".join(f"{labels.get(k, k)} {display(k, first[k])}" for k in row_key(table)[:5])
    sample = {"key": key, "name": first.get("name") or first.get("title") or ""}
    if new_rows is not None:
        if len(rows) != len(new_rows):
            sample["fields"] = [{"label": "行数", "before": str(len(rows)), "after": str(len(new_rows))}]
        else:
            sample["fields"] = [{"label": labels.get(col, col), "before": display(col, old[col]),
                                 "after": display(col, new[col])}
                                for old, new in zip(rows, new_rows) for col in old if old[col] != new[col]][:8]
    return sample


def display(column, value):
    """A cell as staff read it: money in 元 with two decimals, dates as YYYY-MM-DD, long text cut."""
    if value is None:
        return "（空）"
    if column.endswith("_fen"):
        return f"{value / 100:,.2f} 元"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 60 else text[:60] + "…"


def _totals(conn, table, base_id, new_id):
    """Sum of each money column before and after, in fen (None: no publication on that side)."""
    money = [c for c in table.columns if c.name.endswith("_fen")]
    if not money:
        return []
    labels = _labels(table)

    def sums(pub_id):
        if pub_id is None:
            return [0] * len(money)
        query = select(*[func.coalesce(func.sum(c), 0) for c in money]).where(table.c.publication_id == pub_id)
        return [int(v) for v in conn.execute(query).one()]

    return [{"column": c.name, "label": labels.get(c.name, c.name), "before_fen": b, "after_fen": a,
             "before": display(c.name, b), "after": display(c.name, a), "delta": display(c.name, a - b)}
            for c, b, a in zip(money, sums(base_id), sums(new_id))]


def summary_lines(diff):
    """The diff as short Chinese lines (``mingzhang import`` prints them)."""
    lines = []
    for t in diff:
        how = {"carried": "沿用（未变化）", "dropped": "确认删除", "uploaded": "本次上传"}[t["status"]]
        if t["status"] == "uploaded" and not t["rows_before"] and not t["rows_after"]:
            continue
        line = (f"{t['label']}（{t['table']}）：{how}，{t['rows_before']:,} → {t['rows_after']:,} 行"
                f"（新增 {t['added']:,}，删除 {t['removed']:,}，修改 {t['changed']:,}）")
        line += "".join(f"；{m['label']} {m['before']} → {m['after']}" for m in t["totals"])
        lines.append(("⚠ " if t["shrinks"] else "") + line)
    return lines
