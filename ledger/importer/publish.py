"""Import raw files and publish them atomically: read -> validate -> carry forward -> de-identify -> write.

``publish`` writes and serves in one transaction (CLI, demo). ``stage`` writes a complete publication
that is not served; ``confirm`` serves it after staff reviewed its diff, ``discard`` deletes it.
"""
import datetime as dt
import itertools
import logging
import os
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import DBAPIError

from anonymize import Deidentifier, policy
from anonymize.lexicon import public_terms_from_tables
from anonymize.policy import VISIBLE_DIGITS
from anonymize.publication import QUASI_IDENTIFIERS, apply_publication_controls
from anonymize.stats import KAnonymityError

from .. import schema, summaries
from ..db import current_publication, init_schema
from ..errors import UserError
from ..integrity import publication_digest
from ..supervision import build_flags, clear_flags
from .carry import (
    CarryPlan,
    carried_report_sections,
    context_rows,
    copy_carried,
    manifest_entries,
    plan_carry,
    reference_hint,
)
from .layout import IMPORT_ORDER, LAYOUTS, REQUIRED_TABLES
from .readers import DEFAULT_LIMITS, ImportFailure, RowError, expand_paths, sha256_file, stream_file
from .spool import Spool, SpoolFolder, chunk_size, located_columns
from .validate import MAX_ERRORS, validate_chunks, validate_rows

log = logging.getLogger(__name__)
STORAGE_FAILURE_MESSAGE = "数据库写入失败：磁盘已满或只读，未发布任何数据"
# SQLite result codes (Python 3.11 sqlite_errorname) and PostgreSQL SQLSTATEs for "cannot write".
SQLITE_STORAGE_ERRORS = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN")
PG_STORAGE_ERRORS = ("53100", "25006")  # disk_full, read_only_sql_transaction
# A staged publication is complete and hashed but never served: staff review its diff, then confirm.
STAGED, DISCARDED = "staged", "discarded"
STALE_MESSAGE = "审阅之后已有新的发布，本次导入所依据的数据已过时，不能再发布：请放弃本次导入后重新上传"
REGION_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市", "区", "县")


class StorageFailure(ImportFailure):
    """The database refused the write (disk full, read-only): nothing was published."""


def is_storage_error(exc):
    orig = getattr(exc, "orig", None)
    name = getattr(orig, "sqlite_errorname", "") or ""
    return (name.startswith(SQLITE_STORAGE_ERRORS)
            or getattr(orig, "sqlstate", None) in PG_STORAGE_ERRORS
            or getattr(orig, "pgcode", None) in PG_STORAGE_ERRORS)


def read_sources(paths, limits=DEFAULT_LIMITS):
    """All raw tables from the given files/directories as lists of ``(file, row number, row)``, with the
    source file manifest (the privacy audit and scans; imports keep the rows on disk: spool_sources)."""
    with SpoolFolder() as folder:
        tables, manifest = spool_sources(paths, folder, limits)
        return {name: list(rows) for name, rows in tables.items()}, manifest


def spool_sources(paths, folder, limits=DEFAULT_LIMITS):
    """``({table: Spool of (file, row number, typed row)}, manifest)``: every file read, validated and
    written to ``folder`` as it streams, so no table is ever whole in memory. Raises ImportFailure
    with the errors read_sources always reported (a file that fails to read contributes only that)."""
    files = expand_paths(paths)
    if not files:
        raise ImportFailure([RowError("（无）", "没有找到可导入的 .csv 或 .xlsx 文件")])
    tables, manifest, errors, shared = {}, [], [], {}
    for path in files:
        before = len(errors)
        try:
            raws = _spool_file(path, limits, folder, tables, errors, shared)
        except ImportFailure as failure:
            del errors[before:]  # rows checked before the file failed: read_sources never saw them
            errors.extend(failure.errors)
            continue
        entry = {"name": path.name, "sha256": sha256_file(path), "rows": sum(r.count for r in raws)}
        notes = list(dict.fromkeys(note for raw in raws for note in raw.notes))
        if notes:
            entry["notes"] = notes  # checks done while reading (e.g. yearbook totals)
        manifest.append(entry)
        if len(errors) >= MAX_ERRORS:
            raise ImportFailure(errors)
    if errors:
        raise ImportFailure(errors)
    return tables, manifest


def _spool_file(path, limits, folder, tables, errors, shared):
    """Validate one file's rows into ``tables`` as they are read; the file's RawTables. Once MAX_ERRORS
    are found the rest of the file is only read (a read failure further on still wins, as before)."""
    raws = []
    for raw in stream_file(path, limits):
        raws.append(raw)
        spool = tables.get(raw.layout.name)
        if spool is None:
            spool = tables[raw.layout.name] = folder.spool(raw.layout.name)
        if len(errors) >= MAX_ERRORS:
            continue  # stream_file reads the rest of this table when asked for the next one
        if raw.shared:
            for number, row in _not_yet_given(raw, list(validate_rows(raw, errors)), shared):
                if not errors:
                    spool.append(raw.file, number, row)
            continue
        # A chunk at a time, as columns while no row had an error (validate_chunks).
        for kind, *chunk in validate_chunks(raw, errors, chunk_size()):
            if kind == "columns":
                numbers, keys, values = chunk
                spool.append_columns(keys, values, len(numbers), itertools.repeat(raw.file, len(numbers)), numbers)
                continue
            for number, row in chunk[0]:
                if not errors:  # after an error the import fails: rows are only checked (and may lack a column)
                    spool.append(raw.file, number, row)
    return raws


def check_complete(tables, plan):
    """Required tables present (uploaded or carried), and every reference resolves."""
    missing = [RowError("（全部文件）", f"缺少数据表「{LAYOUTS[name].label}」（{name}）")
               for name in REQUIRED_TABLES if name not in tables]
    if missing:
        raise ImportFailure(missing)
    try:
        check_references(tables)
    except ImportFailure as failure:
        raise ImportFailure(reference_hint(failure.errors, plan)) from None


def _not_yet_given(raw, typed, seen):
    """Rows of a shared reference table (yearbook regions/classes) minus identical repeats from
    earlier files; a differing repeat is kept so that check_references reports the clash."""
    kept = []
    for number, row in typed:
        key = (raw.layout.name, row.get("code"))
        if seen.get(key) != row:
            seen.setdefault(key, row)
            kept.append((number, row))
    return kept


def check_references(tables):
    errors = []

    def keys(name, field="code"):
        rows = tables.get(name, [])
        if isinstance(rows, Spool):
            distinct = _distinct_keys(rows, field)
            if distinct is not None:
                return distinct
        seen = {}
        for file, number, key in located_columns(tables.get(name, []), (field,)):
            if key is None:  # carried rows load no keys that cannot clash (carry.context_rows)
                continue
            if key in seen:
                errors.append(RowError(file, f"编码「{key}」重复（首次出现在第{seen[key]}行）", row=number,
                                       column=LAYOUTS[name].column(field).label))
            seen[key] = number
        return set(seen)

    duplicate_plan_rows(tables, errors)
    regions, classes = keys("regions"), keys("func_classes")
    departments, projects = keys("departments"), keys("projects")
    keys("payments", "id")
    keys("documents", "slug")
    refs = {"region_code": ("地区代码", regions), "class_code": ("科目编码", classes),
            "dept_code": ("单位代码", departments), "project_code": ("项目编号", projects),
            "parent_code": ("上级地区代码", regions),
            "township_code": ("乡镇街道代码", keys("townships")), "unit_code": ("二级单位代码", keys("units"))}
    for rows in tables.values():
        # A spool's rows all have its keys: only the reference columns it has are read (a province: millions
        # of payments with one reference each); a list's rows are read whole, as they may differ.
        fields = [f for f in refs if f in rows.keys] if isinstance(rows, Spool) else list(refs)
        if not fields:
            continue
        checks = [refs[f] for f in fields]
        if isinstance(rows, Spool) and _all_known(rows, fields, [known for _label, known in checks]):
            continue  # nothing to report: the rows need not be read one by one
        for file, number, *values in located_columns(rows, fields):
            for value, (label, known) in zip(values, checks):
                if value is not None and value not in known:
                    errors.append(RowError(file, f"{label}「{value}」在对应数据表中不存在", row=number, column=label))
                    if len(errors) >= MAX_ERRORS:
                        raise ImportFailure(errors)
    if errors:
        raise ImportFailure(errors)


def _distinct_keys(rows, field):
    """The set of a spool's ``field`` values when every row has one and none repeats (what check_references'
    keys() returns then, with nothing to report), else None: the rows are read again one by one for the errors."""
    seen = set()
    for _count, _sources, _numbers, (column,) in rows.column_chunks((field,)):
        seen.update(column)
    return seen if len(seen) == len(rows) and None not in seen else None


def _all_known(rows, fields, known):
    """Whether every ``fields`` value of a spool's rows is None or in the matching ``known`` set (whole columns
    as sets: a province's payments name a few tens of thousands of projects in millions of rows)."""
    for _count, _sources, _numbers, columns in rows.column_chunks(fields):
        for column, keys in zip(columns, known):
            values = set(column)
            values.discard(None)
            if not values <= keys:
                return False
    return True


# Plan tables where one project has one row per period: a second row would be summed or picked at random
# by the rules, so it is refused. {table: (period columns, how a period reads)}
PLAN_PERIODS = {"project_plans": (("year",), "{year}年的分年度计划"),
                "project_quarters": (("year", "quarter"), "{year}年第{quarter}季度的进度")}


def duplicate_plan_rows(tables, errors):
    """One row per project × period in the annual-plan and quarterly-progress tables; a repeat is a row
    error naming both rows (across files too)."""
    for name, (period, what) in PLAN_PERIODS.items():
        seen = {}
        for file, number, row in tables.get(name, []):
            key = (row.get("project_code"), *(row.get(column) for column in period))
            if None in key:  # carried rows hold only the reference columns (carry.context_rows)
                continue
            if key not in seen:
                seen[key] = (file, number)
                continue
            first_file, first_row = seen[key]
            first = f"第{first_row}行" if first_file == file else f"文件「{first_file}」第{first_row}行"
            label = what.format(**{column: row[column] for column in period})
            errors.append(RowError(file, f"项目「{key[0]}」{label}重复：{first}和第{number}行是同一项目、同一期间，"
                                         "只能保留一行，请删除或合并其中一行", row=number,
                                   column=LAYOUTS[name].column("project_code").label))


def _short_name(name):
    for suffix in REGION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _class_level(code):
    return {3: 1, 5: 2, 7: 3}.get(len(code), 1)


def to_published_rows(tables, deid):
    """De-identified rows per published table, in schema column names."""
    out = {}
    for name in IMPORT_ORDER:
        rows = tables.get(name, [])
        deid.prescrub(_free_text(name, rows), _cpu_count())
        out[name] = [published_row(name, row, deid) for _f, _n, row in rows]
    return out


def spool_published(tables, deid, folder):
    """to_published_rows() into spools: each table is read from its typed spool and written
    de-identified to a new one, a chunk at a time (tables not uploaded: empty lists)."""
    # Every table's free text in one prescrub: one set of workers for the import, and tables with fewer
    # distinct texts than prescrub's threshold on their own are scrubbed in parallel too (same results).
    deid.prescrub(itertools.chain.from_iterable(_free_text(name, tables.get(name, [])) for name in IMPORT_ORDER),
                  _cpu_count())
    out = {}
    for name in IMPORT_ORDER:
        rows = tables.get(name, [])
        if not rows:
            out[name] = []
            continue
        spool = out[name] = folder.spool(f"published-{name}", located=False)
        if isinstance(rows, Spool) and _by_columns(name, rows.keys):
            _publish_columns(name, rows, deid, spool)
            continue
        for _f, _n, row in rows:
            spool.append(published_row(name, row, deid))
    return out


# Tables whose published rows gain columns computed from others (published_row): de-identified row by row.
DERIVED_COLUMNS = ("regions", "func_classes")
MEMO_PER_COLUMN = 300_000  # distinct cells whose treatment a column keeps (as the Deidentifier's own caches)


def _by_columns(name, keys):
    """Whether ``name``'s rows can be de-identified column by column (_publish_columns) with the same result:
    no derived columns, no 元 column renamed onto a column the rows have, person types published as they are."""
    renamed = {key[: -len("_yuan")] + "_fen" for key in keys if key.endswith("_yuan")}
    types = {policy.PERSON_TYPE_COLUMN.get(key) for key in keys if policy.field_rule(name, key) == policy.PSEUDONYM}
    return (name not in DERIVED_COLUMNS and not renamed & set(keys)
            and all(policy.field_rule(name, key) == policy.KEEP for key in types if key in keys))


def _publish_columns(name, rows, deid, spool):
    """published_row() of every row, a chunk of columns at a time: a column's distinct cells (a pseudonym
    column's distinct name and person type) go through deid.record once each, and what de-identifying one
    adds to the report is added as often as the cell occurs — the same rows, counts and report as row by row
    (a province's payments repeat each payee, purpose and date thousands of times)."""
    keys = rows.keys
    memos = {}
    for count, _sources, _numbers, columns in rows.column_chunks(keys):
        deid.records[name] += count
        out = []
        by_key = dict(zip(keys, columns))
        for key, column in zip(keys, columns):
            rule = policy.field_rule(name, key)
            if rule == policy.KEEP:
                out.append((key, column))
            elif rule == policy.DROP:
                filled = count - column.count(None) - column.count("")
                if filled:
                    deid.counts[(policy.DROPPED_KIND.get(key, key), policy.DROP)] += filled
            else:
                type_key = policy.PERSON_TYPE_COLUMN.get(key) if rule == policy.PSEUDONYM else None
                types = by_key.get(type_key)
                out.append((key, _treated_column(deid, name, key, column, type_key if types is not None else None,
                                                 types, memos.setdefault(key, {}))))
        plain = [(key, column) for key, column in out if not key.endswith("_yuan")]
        money = [(key[: -len("_yuan")] + "_fen", column) for key, column in out if key.endswith("_yuan")]
        spool.append_columns([key for key, _c in plain + money], [column for _k, column in plain + money], count)


def _treated_column(deid, name, key, column, type_key, types, memo):
    """``column`` as deid.record publishes it; each distinct string (with its row's person type) treated once."""
    cells = list(zip(column, types)) if type_key else column
    counts = deid.counts
    published = {}
    for cell, times in Counter(cells).items():
        value = cell[0] if type_key else cell
        if not value or not isinstance(value, str):
            published[cell] = value  # published as it is, nothing counted (record)
            continue
        done = memo.get(cell)
        if done is None:
            done = _treat_once(deid, name, key, value, type_key, cell[1] if type_key else None)
            if len(memo) < MEMO_PER_COLUMN:
                memo[cell] = done
        published[cell], found, fields, chars = done
        for item, n in found:
            counts[item] += n * times
        deid.text_fields += fields * times
        deid.text_chars += chars * times
    if all(value is None or value.__class__ is str for value in (c[0] if type_key else c for c in published)):
        return list(map(published.__getitem__, cells))
    # Other types: 1 and 1.0 are one dict key, so each cell is looked up as what it is (kept as it is).
    return [published[cell] if (cell[0] if type_key else cell).__class__ is str else (cell[0] if type_key else cell)
            for cell in cells]


def _treat_once(deid, name, key, value, type_key, person_type):
    """``(published value, ((kind, treatment), n)…, text fields, text characters)``: what deid.record does to
    one cell (with its row's person type), and what it adds to the report, which is left as it was."""
    row = {key: value, type_key: person_type} if type_key else {key: value}
    counts, fields, chars = deid.counts, deid.text_fields, deid.text_chars
    deid.counts = Counter()
    try:
        published = deid.record(name, row)[key]
        return published, tuple(deid.counts.items()), deid.text_fields - fields, deid.text_chars - chars
    finally:
        deid.counts, deid.text_fields, deid.text_chars = counts, fields, chars
        deid.records[name] -= 1


def published_row(name, row, deid):
    """One raw row de-identified (deid.record) and in the schema's column names."""
    row = deid.record(name, row)
    for key in list(row):
        if key.endswith("_yuan"):
            row[key[: -len("_yuan")] + "_fen"] = row.pop(key)
    if name == "regions":
        row["short_name"] = row.get("short_name") or _short_name(row["name"])
    if name == "func_classes":
        row["level"] = _class_level(row["code"])
        row["parent_code"] = row["code"][:-2] if len(row["code"]) > 3 else None
    return row


def _free_text(name, rows):
    """The values deid.record() will scrub as free text (what prescrub can do ahead, in parallel): text
    fields, and names in pseudonym fields that are not a natural person's (companies, offices)."""
    if isinstance(rows, Spool):
        keys = rows.keys
    else:
        rows = iter(rows)
        first = next(rows, None)
        if first is None:
            return
        keys = first[2].keys()  # validate_table gives every row all of its layout's columns
        rows = itertools.chain([first], rows)
    text_keys = [k for k in keys if policy.field_rule(name, k) in (policy.TEXT, policy.GENERALISE)]
    name_keys = [(k, policy.PERSON_TYPE_COLUMN.get(k, "")) for k in keys if policy.field_rule(name, k) == policy.PSEUDONYM]
    if not text_keys and not name_keys:
        return
    # Only the columns needed: the text columns, then each name column with its person-type column.
    columns = [*text_keys, *itertools.chain.from_iterable(name_keys)]
    texts, pairs = len(text_keys), range(len(text_keys), len(columns), 2)
    if isinstance(rows, Spool):
        located = (values for _c, _s, _n, chunk in rows.column_chunks(columns) for values in zip(*chunk))
    else:
        located = (values for _f, _n, *values in located_columns(rows, columns))
    for values in located:
        yield from values[:texts]
        yield from (values[i] for i in pairs if values[i + 1] != policy.PERSON_TYPE_VALUE)


def _cpu_count():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def known_person_names(tables):
    """{name: pseudonym prefix} for every natural person the raw data names."""
    names = {}
    for _f, _n, row in tables.get("projects", []):
        if row.get("contractor_type") == "个人" and row.get("contractor"):
            names[row["contractor"]] = "个人承包方"
    for _f, _n, row in tables.get("payments", []):
        if row.get("payee_type") == "个人":
            names.setdefault(row["payee"], "受助人")
    return names


@dataclass
class Prepared:
    """An import read, checked and de-identified, ready to be written."""
    published: dict   # table -> de-identified rows in schema column names (a Spool; [] if not uploaded)
    deid: Deidentifier
    manifest: list    # source files, then what was carried forward or dropped
    counts: dict      # table -> rows the publication will hold
    plan: CarryPlan
    as_of: dt.date | None


def prepare(engine, paths, *, pseudonym_key, folder, drop=(), replace=False, as_of=None, limits=DEFAULT_LIMITS,
            visible_digits=VISIBLE_DIGITS):
    """Read, validate and de-identify ``paths``; plan the tables they lack. Raises ImportFailure.

    The typed and the published rows are spooled in ``folder`` (spool.py): memory holds a chunk of
    rows, the keys the cross-table checks need and one entry per distinct name or text."""
    init_schema(engine)
    uploaded, manifest = spool_sources(paths, folder, limits)
    with engine.connect() as conn:
        plan = plan_carry(current_publication(conn), uploaded, drop, replace=replace)
        context = {**context_rows(conn, plan), **uploaded}
    check_complete(context, plan)
    # known_person_names and public_terms_from_tables read two columns of the payments: each distinct pair once.
    payees = {"payments": _distinct_payees(uploaded["payments"])} if "payments" in uploaded else {}
    deid = Deidentifier(pseudonym_key, known_person_names({**uploaded, **payees}),
                        public_terms=public_terms_from_tables({**context, **payees}), visible_digits=visible_digits)
    published = spool_published(uploaded, deid, folder)
    # Carried payments keep the base's k-anonymity and statistics sections: they are the same rows.
    controls = {name: rows for name, rows in context.items() if name != "payments" or name in uploaded}
    if "payments" in uploaded:  # only the columns it reads, each distinct combination once a chunk (it counts persons)
        controls["payments"] = _distinct_in_chunks(uploaded["payments"], RECIPIENT_COLUMNS)
    try:
        apply_publication_controls(controls, {"payments": _payments_for_controls(published["payments"])}, deid)
    except KAnonymityError as failure:
        raise ImportFailure([RowError("支付明细", str(failure))]) from failure
    deid.extra.update(carried_report_sections(plan))
    counts = {name: len(published[name]) + plan.carried.get(name, 0) for name in IMPORT_ORDER}
    return Prepared(published, deid, manifest + manifest_entries(plan), counts, plan,
                    as_of or _as_of(published, plan))


def _distinct_rows(rows, columns):
    """``(None, None, {column: value})`` for each distinct combination of ``columns`` in located ``rows``, in
    the order first seen: what a pass that only collects names or sets from those columns needs (it gives
    the same as on every row; a province's payments repeat each recipient's a dozen times and more)."""
    if isinstance(rows, Spool):
        combinations = {}
        for _count, _sources, _numbers, values in rows.column_chunks(columns):
            combinations.update(dict.fromkeys(zip(*values)))
    else:
        combinations = dict.fromkeys(tuple(values) for _f, _n, *values in located_columns(rows, columns))
    return [(None, None, dict(zip(columns, values))) for values in combinations]


def _distinct_in_chunks(rows, columns):
    """``(None, None, {column: value})`` for each distinct combination of ``columns`` in each chunk of a spool:
    for a pass that collects sets (which a repeat leaves as they are), in the memory of one chunk."""
    for _count, _sources, _numbers, values in rows.column_chunks(columns):
        for combination in dict.fromkeys(zip(*values)):
            yield None, None, dict(zip(columns, combination))


def _distinct_payees(rows):
    """The payments as known_person_names and public_terms_from_tables read them."""
    return _distinct_rows(rows, ("payee_type", "payee"))


# The raw payment columns recipients_by_district_and_type reads (anonymize.publication).
RECIPIENT_COLUMNS = ("payee_type", "project_code", "payee_address", "purpose", "payee_id_number", "payee")


# The published payment columns apply_publication_controls reads (anonymize.publication).
CONTROL_COLUMNS = ("payee_type", "project_code", "payee", *QUASI_IDENTIFIERS)


def _payments_for_controls(rows):
    """The published payments as apply_publication_controls reads them, one shared dict per distinct
    (payee type, project, payee, quasi-identifiers): the lists it builds then hold references, not a
    dict per payment (a province: 5,000,000). Each combination's rows are listed together, the combinations
    in the order first seen: what it reports — counts, and classes in the order first seen — is the same."""
    if not isinstance(rows, Spool):
        rows = [tuple(row.get(column) for column in CONTROL_COLUMNS) for row in rows]
        chunks = [(len(rows), None, None, list(zip(*rows)) if rows else [()] * len(CONTROL_COLUMNS))]
    else:
        chunks = rows.column_chunks(CONTROL_COLUMNS)
    counted = Counter()
    for _count, _sources, _numbers, columns in chunks:
        counted.update(zip(*columns))
    listed = []
    for key, times in counted.items():
        listed.extend(itertools.repeat(dict(zip(CONTROL_COLUMNS, key)), times))
    return listed


def _as_of(published, plan):
    """Last day of the latest month with spending (carried spending keeps the base's date)."""
    if "expenditures" in plan.carried:
        return plan.base["as_of"]
    latest = max(((r["year"], r["month"]) for r in published["expenditures"] if r["month"]), default=None)
    if latest is None:
        return None
    year, month = latest
    return (dt.date(year, month % 12 + 1, 1) if month < 12 else dt.date(year + 1, 1, 1)) - dt.timedelta(days=1)


def publish(engine, paths, *, pseudonym_key, dataset, title, is_demo=False, created_by="cli",
            as_of=None, on_prepared=None, on_published=None, limits=DEFAULT_LIMITS, drop=(), replace=False,
            visible_digits=VISIBLE_DIGITS):
    """Import ``paths`` as a new publication, serving at once. Returns the publication dict.

    Tables the files lack are carried forward from the current publication unless named in ``drop``
    (or ``replace``: every missing table is dropped). Raises ImportFailure (nothing is published;
    the previous publication keeps serving). ``on_prepared(published rows per table)`` is called once the rows
    are de-identified, before they are written (work that needs only them can run during the write).
    """
    with SpoolFolder() as folder:
        prepared = prepare(engine, paths, pseudonym_key=pseudonym_key, folder=folder, drop=drop, replace=replace,
                           as_of=as_of, limits=limits, visible_digits=visible_digits)
        if on_prepared:
            on_prepared(prepared.published)
        publication = _store(engine, prepared, status="published", dataset=dataset, title=title, is_demo=is_demo,
                             created_by=created_by)
        log.info("published %s (%s)", publication["id"], prepared.counts)
        if on_published:
            on_published(publication, prepared.published)
    return publication


def stage(engine, paths, *, pseudonym_key, dataset, title, created_by="cli", drop=(), replace=False,
          limits=DEFAULT_LIMITS, visible_digits=VISIBLE_DIGITS, on_prepared=None):
    """Write the import as a *staged* publication: complete and hashed, never served until ``confirm``.

    Returns ``(publication, plan)``; staff review ``diff.publication_diff`` against ``plan.base`` first.
    ``on_prepared`` as in ``publish``.
    """
    with SpoolFolder() as folder:
        prepared = prepare(engine, paths, pseudonym_key=pseudonym_key, folder=folder, drop=drop, replace=replace,
                           limits=limits, visible_digits=visible_digits)
        if on_prepared:
            on_prepared(prepared.published)
        publication = _store(engine, prepared, status=STAGED, dataset=dataset, title=title, is_demo=False,
                             created_by=created_by)
    log.info("staged %s (%s)", publication["id"], prepared.counts)
    return publication, prepared.plan


def _store(engine, prepared, **kwargs):
    """Write in one transaction (disk full or read-only: StorageFailure), then refresh statistics."""
    try:
        publication = _write(engine, prepared, **kwargs)
    except DBAPIError as exc:
        if not is_storage_error(exc):
            raise
        log.error("import rolled back, the database refused the write: %s", exc)
        raise StorageFailure([RowError("（数据库）", STORAGE_FAILURE_MESSAGE)]) from exc
    try:
        with engine.begin() as conn:
            # Fresh planner statistics: without them SQLite may walk the wrong index on big tables.
            conn.exec_driver_sql("ANALYZE")
    except DBAPIError as exc:  # the publication is committed; stale statistics only cost speed
        if not is_storage_error(exc):
            raise
        log.warning("ANALYZE after publish failed: %s", exc)
    return publication


def _write(engine, prepared, *, status, dataset, title, is_demo, created_by):
    """One transaction: the publication row, every table (uploaded and carried), the digest, then ``status``."""
    with engine.begin() as conn:
        previous = current_publication(conn)
        if (previous or {}).get("id") != prepared.plan.base_id:
            raise ImportFailure([RowError("（发布）", "导入期间已有新的发布，沿用的数据已过时，未发布任何数据；请重新导入")])
        publication_id = conn.execute(insert(schema.publications).values(
            created_at=_now(), status="building", dataset=dataset, title=title, is_demo=1 if is_demo else 0,
            as_of=prepared.as_of, source_files=prepared.manifest, row_counts=prepared.counts,
            deid_report=prepared.deid.report(), prev_sha256=previous["data_sha256"] if previous else None,
            created_by=created_by,
        )).inserted_primary_key[0]
        _insert_rows(conn, prepared.published, publication_id)
        copy_carried(conn, prepared.plan, publication_id)
        summaries.build(conn, publication_id)  # the pre-aggregated sums pages read, in the same transaction
        digest = publication_digest(conn, publication_id)
        conn.execute(update(schema.publications).where(schema.publications.c.id == publication_id)
                     .values(status=status, data_sha256=digest))
        build_flags(conn, publication_id)  # once per publication; pages read them (store.py)
        return _publication(conn, publication_id)


def _insert_rows(conn, published, publication_id):
    copy = conn.dialect.name == "postgresql"
    for name in IMPORT_ORDER:
        rows = published[name]
        table = getattr(schema, name)
        if copy:
            _copy_rows(conn, table, rows, publication_id)
            continue
        if isinstance(rows, Spool) and _insert_columns(conn, table, rows, publication_id):
            continue
        allowed = {c.name for c in table.columns}
        for batch in _batches(rows, INSERT_BATCH):
            conn.execute(insert(table), [{**{k: v for k, v in r.items() if k in allowed},
                                          "publication_id": publication_id} for r in batch])


INSERT_BATCH = 5000


def _insert_columns(conn, table, rows, publication_id):
    """The rows of a spool as the INSERTs above would write them, a chunk at a time as tuples straight to the
    driver's executemany: each column's values through its type's bind processor (dates on SQLite), no dict
    and no statement parameters built per row (a province: 5,000,000 payments). False (nothing written) when a
    column the rows lack has a default, which INSERT would fill in."""
    keys = set(rows.keys)
    columns = [c for c in table.columns if c.name in keys and c.name != "publication_id"]
    if any(c.default is not None or c.server_default is not None for c in table.columns
           if c.name not in keys and c.name != "publication_id"):
        return False
    dialect = conn.dialect
    processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    statement = insert(table).compile(dialect=dialect, column_keys=["publication_id", *(c.name for c in columns)])
    if statement.positiontup is None:  # a named-parameter driver: the INSERTs above do it
        return False
    order = [column.key for column in table.columns if column.key in statement.positiontup]
    if statement.positiontup != order or order != ["publication_id", *(c.name for c in columns)]:
        return False
    sql = str(statement)
    for count, values in _column_batches(rows, [c.name for c in columns]):
        values = [list(map(process, column)) if process else column for process, column in zip(processors, values)]
        conn.exec_driver_sql(sql, list(zip(itertools.repeat(publication_id, count), *values)))
    return True


def _column_batches(rows, keys):
    """``(count, [one list per key])`` per chunk of a spool's rows."""
    for count, _sources, _numbers, values in rows.column_chunks(keys):
        yield count, values


def _batches(rows, size):
    """Lists of at most ``size`` rows: a spool's own chunks, or slices of a list."""
    if isinstance(rows, list):
        yield from (rows[start:start + size] for start in range(0, len(rows), size))
        return
    for chunk in rows.chunks():
        yield from (chunk[start:start + size] for start in range(0, len(chunk), size))


def _copy_rows(conn, table, rows, publication_id):
    """PostgreSQL COPY in the import's transaction: several times less work per row than multi-row INSERTs
    (a province publishes millions of payments). A column a row lacks gets its Python default, as INSERT would."""
    if not rows:
        return
    columns = [c for c in table.columns if c.name != "publication_id"]
    defaults = {c.name: c.default.arg if c.default is not None and c.default.is_scalar else None for c in columns}
    names = ", ".join(f'"{c.name}"' for c in columns)
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy(f'COPY "{table.name}" ("publication_id", {names}) FROM STDIN') as copy:
        if isinstance(rows, Spool) and all(c.name in rows.keys or defaults[c.name] is None for c in columns):
            # Straight from the spool's tuples (a column the rows lack has no default: None, as row.get gives).
            for values in rows.columns([c.name for c in columns]):
                copy.write_row((publication_id, *values))
            return
        for row in rows:
            copy.write_row((publication_id, *(row.get(c.name, defaults[c.name]) for c in columns)))


def _now():
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _publication(conn, publication_id):
    row = conn.execute(select(schema.publications).where(schema.publications.c.id == publication_id)).mappings()
    return dict(row.one())


def staged_publication(conn, publication_id):
    """The staged publication and its base (``None`` when a later publication made it stale).

    Raises UserError when there is no such staged publication.
    """
    row = conn.execute(select(schema.publications).where(schema.publications.c.id == publication_id,
                                                         schema.publications.c.status == STAGED)).mappings().first()
    if row is None:
        raise UserError("not_staged", "没有这次待发布的导入（可能已经发布或已放弃）", 404)
    current = current_publication(conn)
    fresh = (current or {}).get("data_sha256") == row["prev_sha256"] and (current or {}).get("id", 0) < row["id"]
    return dict(row), (current if fresh else None), fresh


def confirm(engine, publication_id):
    """Serve a staged publication. Raises UserError if it is gone or a later publication made it stale.

    One conditional UPDATE checks, where the database serialises writers, that the publication it
    was built on is still the newest: so the hash chain (prev_sha256) holds and no other import is lost.
    """
    pubs = schema.publications
    newest = (select(pubs.c.data_sha256).where(pubs.c.status == "published").order_by(pubs.c.id.desc())
              .limit(1).scalar_subquery())
    later = select(pubs.c.id).where(pubs.c.status == "published", pubs.c.id > publication_id).exists()
    with engine.begin() as conn:
        staged, _base, _fresh = staged_publication(conn, publication_id)
        done = conn.execute(update(pubs).where(
            pubs.c.id == publication_id, pubs.c.status == STAGED, ~later,
            newest.is_not_distinct_from(staged["prev_sha256"])).values(status="published", created_at=_now()))
        if not done.rowcount:
            raise UserError("stale_review", STALE_MESSAGE, 409)
        return _publication(conn, publication_id)


def discard(engine, publication_id):
    """Delete a staged publication's rows; the row stays as ``discarded`` for the record."""
    with engine.begin() as conn:
        staged_publication(conn, publication_id)
        summaries.clear(conn, publication_id)
        for table in schema.PUBLISHED_TABLES:
            conn.execute(delete(table).where(table.c.publication_id == publication_id))
        clear_flags(conn, publication_id)
        conn.execute(update(schema.publications).where(schema.publications.c.id == publication_id)
                     .values(status=DISCARDED))


def staged_ids(conn):
    return list(conn.execute(select(schema.publications.c.id).where(schema.publications.c.status == STAGED)
                             .order_by(schema.publications.c.id)).scalars())


def record_failure(engine, failure, *, dataset, title, created_by="cli"):
    """Keep a visible trace of a failed import for staff; never served."""
    init_schema(engine)
    with engine.begin() as conn:
        conn.execute(insert(schema.publications).values(
            created_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), status="failed",
            dataset=dataset, title=title, source_files=[], row_counts={}, deid_report={},
            created_by=created_by, error="\n".join(str(e) for e in failure.errors[:MAX_ERRORS])))
