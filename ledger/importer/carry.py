"""Tables an upload does not contain: carried forward from the current publication, or dropped.

A publication is the whole dataset, so an upload of budgets and payments alone used to publish
0 projects (every project page 404). Now each table missing from an upload is, by default, copied
unchanged from the publication the upload builds on (its *base*: the current publication); only a
table the publisher names explicitly (``drop``) is left empty. Both are recorded in the new
publication's manifest (``source_files``) and shown before publishing (diff.py).

Carried rows are copied inside the database (INSERT … SELECT): they are already de-identified and
never pass through memory. For the checks that span tables (references, public names for
de-identification) only the few columns those checks read are loaded.
"""
from dataclasses import dataclass, field

from sqlalchemy import case, insert, literal, select

from anonymize.policy import PERSON_TYPE_VALUE as PERSON

from .. import schema
from .layout import IMPORT_ORDER, LAYOUTS, REQUIRED_TABLES, layout_for_name
from .readers import ImportFailure, RowError

# Columns the cross-table checks read: keys, references, and the public names de-identification
# must not mistake for personal names (anonymize.lexicon.public_terms_from_tables).
CONTEXT_COLUMNS = ("code", "slug", "region_code", "class_code", "dept_code", "project_code", "parent_code",
                   "township_code", "unit_code",
                   "name", "short_name", "level", "category", "output_name", "location", "contractor",
                   "payee", "payee_type")
# Report sections that describe the published payments (anonymize.publication): still true of
# carried payments, which are the base's rows unchanged.
PAYMENT_REPORT_SECTIONS = ("k_anonymity", "suppressed_cells", "statistics")


@dataclass
class CarryPlan:
    base: dict | None                              # the publication the upload builds on
    carried: dict = field(default_factory=dict)    # table -> rows copied from base
    dropped: dict = field(default_factory=dict)    # table -> rows base had, removed on request

    @property
    def base_id(self):
        return self.base["id"] if self.base else None

    def source_label(self, name):
        """Where a carried table's rows come from, as error messages name a file."""
        return f"沿用发布 #{self.base_id} 的「{LAYOUTS[name].label}」"


def table_name(text):
    """A table named by its key or any alias (项目, projects), or ImportFailure."""
    layout = LAYOUTS.get(text.strip()) or layout_for_name(text)
    if layout is None:
        known = "、".join(f"{n}（{LAYOUTS[n].label}）" for n in IMPORT_ORDER)
        raise ImportFailure([RowError("（删除数据表）", f"没有名为「{text[:40]}」的数据表；可选：{known}")])
    return layout.name


def plan_carry(base, uploaded, drop=(), *, replace=False):
    """Which tables to carry forward from ``base`` and which to drop. Raises ImportFailure."""
    drop = {table_name(name) for name in drop}
    errors = [RowError("（删除数据表）", f"「{LAYOUTS[n].label}」（{n}）在本次上传的文件中，不能同时要求删除")
              for n in IMPORT_ORDER if n in drop and n in uploaded]
    errors += [RowError("（删除数据表）", f"「{LAYOUTS[n].label}」（{n}）是必需的数据表，不能删除")
               for n in REQUIRED_TABLES if n in drop]
    if errors:
        raise ImportFailure(errors)
    plan = CarryPlan(base)
    counts = (base or {}).get("row_counts") or {}
    for name in IMPORT_ORDER:
        rows = int(counts.get(name) or 0)
        if name in uploaded or not rows:
            continue
        if name in drop or replace:
            plan.dropped[name] = rows
        else:
            plan.carried[name] = rows
    return plan


def context_rows(conn, plan):
    """{table: [(source, n, row)]} of the carried tables, with only the columns cross-table checks read."""
    out = {}
    for name in plan.carried:
        table = getattr(schema, name)
        # Only columns the raw layout has: func_classes.parent_code is derived, not a region reference.
        keys = {col.key for col in LAYOUTS[name].columns}
        columns = [table.c[c] for c in CONTEXT_COLUMNS if c in table.c and c in keys]
        query = select(*columns).distinct().where(table.c.publication_id == plan.base_id)
        if name == "payments":  # persons' pseudonyms are neither keys nor public names: not loaded
            organisation = case((table.c.payee_type != PERSON, table.c.payee)).label("payee")
            query = select(table.c.project_code, table.c.payee_type, organisation).distinct().where(
                table.c.publication_id == plan.base_id)
        label = plan.source_label(name)
        out[name] = [(label, n, dict(row)) for n, row in enumerate(conn.execute(query).mappings(), start=1)]
    return out


def copy_carried(conn, plan, publication_id):
    """Copy every carried table's rows from the base into ``publication_id`` (inside the caller's transaction)."""
    for name in plan.carried:
        table = getattr(schema, name)
        columns = [c for c in table.columns if c.name != "publication_id"]
        rows = select(*columns, literal(publication_id)).where(table.c.publication_id == plan.base_id)
        conn.execute(insert(table).from_select([*[c.name for c in columns], "publication_id"], rows))


def manifest_entries(plan):
    """Entries for the publication's manifest (source_files) saying what was carried or dropped."""
    entries = [{"name": f"沿用发布 #{plan.base_id}：{LAYOUTS[n].label}", "table": n, "carried_from": plan.base_id,
                "source_sha256": plan.base.get("data_sha256"), "rows": rows} for n, rows in plan.carried.items()]
    entries += [{"name": f"已确认删除：{LAYOUTS[n].label}", "table": n, "dropped": True, "rows": 0,
                 "rows_before": rows, "base_publication": plan.base_id} for n, rows in plan.dropped.items()]
    return entries


def carried_report_sections(plan):
    """De-identification report sections to keep from the base (payments carried unchanged)."""
    sections = {}
    if "payments" in plan.carried:
        report = plan.base.get("deid_report") or {}
        sections = {key: report[key] for key in PAYMENT_REPORT_SECTIONS if key in report}
    if plan.carried or plan.dropped:
        sections["carried_forward"] = {"base_publication": plan.base_id, "tables": sorted(plan.carried),
                                       "dropped": sorted(plan.dropped)}
    return sections


def reference_hint(errors, plan):
    """A last error saying how to resolve references that break against carried tables."""
    if not any(str(e.file).startswith("沿用发布") for e in errors):
        return errors
    return [*errors, RowError("（沿用的数据表）", "以上「沿用发布」的表与本次上传的数据不一致：请一并上传这些表的新版本，"
                                          "或明确删除它们（命令行 --drop 表名；后台上传页勾选「删除」）")]
