"""Import raw files and publish them atomically: read -> validate -> de-identify -> write."""
import datetime as dt
import logging

from sqlalchemy import insert, select, update
from sqlalchemy.exc import DBAPIError

from anonymize import Deidentifier
from anonymize.lexicon import public_terms_from_tables
from anonymize.publication import apply_publication_controls
from anonymize.stats import KAnonymityError

from .. import schema
from ..db import current_publication, init_schema
from ..integrity import publication_digest
from .layout import IMPORT_ORDER, LAYOUTS, REQUIRED_TABLES
from .readers import DEFAULT_LIMITS, ImportFailure, RowError, expand_paths, read_file, sha256_file
from .validate import MAX_ERRORS, validate_table

log = logging.getLogger(__name__)
STORAGE_FAILURE_MESSAGE = "数据库写入失败：磁盘已满或只读，未发布任何数据"
# SQLite result codes (Python 3.11 sqlite_errorname) and PostgreSQL SQLSTATEs for "cannot write".
SQLITE_STORAGE_ERRORS = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN")
PG_STORAGE_ERRORS = ("53100", "25006")  # disk_full, read_only_sql_transaction
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
    """All raw tables from the given files/directories, with the source file manifest."""
    files = expand_paths(paths)
    if not files:
        raise ImportFailure([RowError("（无）", "没有找到可导入的 .csv 或 .xlsx 文件")])
    tables, manifest, errors, shared = {}, [], [], {}
    for path in files:
        try:
            raws = read_file(path, limits)
        except ImportFailure as failure:
            errors.extend(failure.errors)
            continue
        entry = {"name": path.name, "sha256": sha256_file(path), "rows": sum(len(r.rows) for r in raws)}
        notes = list(dict.fromkeys(note for raw in raws for note in raw.notes))
        if notes:
            entry["notes"] = notes  # checks done while reading (e.g. yearbook totals)
        manifest.append(entry)
        for raw in raws:
            typed = validate_table(raw, errors)
            if raw.shared:
                typed = _not_yet_given(raw, typed, shared)
            tables.setdefault(raw.layout.name, []).extend((raw.file, n, row) for n, row in typed)
            if len(errors) >= MAX_ERRORS:
                raise ImportFailure(errors)
    if errors:
        raise ImportFailure(errors)
    for name in REQUIRED_TABLES:
        if name not in tables:
            errors.append(RowError("（全部文件）", f"缺少数据表「{LAYOUTS[name].label}」（{name}）"))
    if errors:
        raise ImportFailure(errors)
    check_references(tables)
    return tables, manifest


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
        seen = {}
        for file, number, row in tables.get(name, []):
            key = row[field]
            if key in seen:
                errors.append(RowError(file, f"编码「{key}」重复（首次出现在第{seen[key]}行）", row=number,
                                       column=LAYOUTS[name].column(field).label))
            seen[key] = number
        return set(seen)

    regions, classes = keys("regions"), keys("func_classes")
    departments, projects = keys("departments"), keys("projects")
    keys("payments", "id")
    keys("documents", "slug")
    refs = {"region_code": ("地区代码", regions), "class_code": ("科目编码", classes),
            "dept_code": ("单位代码", departments), "project_code": ("项目编号", projects),
            "parent_code": ("上级地区代码", regions)}
    for rows in tables.values():
        for file, number, row in rows:
            for field, (label, known) in refs.items():
                value = row.get(field)
                if value is not None and value not in known:
                    errors.append(RowError(file, f"{label}「{value}」在对应数据表中不存在", row=number, column=label))
                    if len(errors) >= MAX_ERRORS:
                        raise ImportFailure(errors)
    if errors:
        raise ImportFailure(errors)


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
        rows = [deid.record(name, row) for _f, _n, row in tables.get(name, [])]
        for row in rows:
            for key in list(row):
                if key.endswith("_yuan"):
                    row[key[: -len("_yuan")] + "_fen"] = row.pop(key)
            if name == "regions":
                row["short_name"] = row.get("short_name") or _short_name(row["name"])
            if name == "func_classes":
                row["level"] = _class_level(row["code"])
                row["parent_code"] = row["code"][:-2] if len(row["code"]) > 3 else None
        out[name] = rows
    return out


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


def publish(engine, paths, *, pseudonym_key, dataset, title, is_demo=False, created_by="cli",
            as_of=None, on_published=None, limits=DEFAULT_LIMITS):
    """Import ``paths`` as a new publication. Returns the publication dict.

    Raises ImportFailure (nothing is published; the previous publication keeps serving).
    """
    init_schema(engine)
    tables, manifest = read_sources(paths, limits)
    deid = Deidentifier(pseudonym_key, known_person_names(tables), public_terms=public_terms_from_tables(tables))
    published = to_published_rows(tables, deid)
    try:
        apply_publication_controls(tables, published, deid)
    except KAnonymityError as failure:
        raise ImportFailure([RowError("支付明细", str(failure))]) from failure
    counts = {name: len(rows) for name, rows in published.items()}
    if as_of is None:
        months = [(r["year"], r["month"]) for r in published["expenditures"] if r["month"]]
        if months:
            year, month = max(months)
            as_of = (dt.date(year, month % 12 + 1, 1) if month < 12 else dt.date(year + 1, 1, 1)) - dt.timedelta(days=1)
    try:
        publication = _write(engine, published, deid, manifest, counts, dataset=dataset, title=title,
                             is_demo=is_demo, created_by=created_by, as_of=as_of)
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
    log.info("published %s (%s)", publication["id"], counts)
    if on_published:
        on_published(publication, published)
    return publication


def _write(engine, published, deid, manifest, counts, *, dataset, title, is_demo, created_by, as_of):
    """One transaction: the publication row, every published table, the digest, then "published"."""
    with engine.begin() as conn:
        previous = current_publication(conn)
        publication_id = conn.execute(insert(schema.publications).values(
            created_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), status="building",
            dataset=dataset, title=title, is_demo=1 if is_demo else 0, as_of=as_of,
            source_files=manifest, row_counts=counts, deid_report=deid.report(),
            prev_sha256=previous["data_sha256"] if previous else None, created_by=created_by,
        )).inserted_primary_key[0]
        for name in IMPORT_ORDER:
            rows = published[name]
            table = getattr(schema, name)
            allowed = {c.name for c in table.columns}
            for start in range(0, len(rows), 5000):
                batch = [{**{k: v for k, v in r.items() if k in allowed}, "publication_id": publication_id}
                         for r in rows[start:start + 5000]]
                conn.execute(insert(table), batch)
        digest = publication_digest(conn, publication_id)
        conn.execute(update(schema.publications).where(schema.publications.c.id == publication_id)
                     .values(status="published", data_sha256=digest, deid_report=deid.report()))
        return dict(conn.execute(select(schema.publications).where(
            schema.publications.c.id == publication_id)).mappings().one())


def record_failure(engine, failure, *, dataset, title, created_by="cli"):
    """Keep a visible trace of a failed import for staff; never served."""
    init_schema(engine)
    with engine.begin() as conn:
        conn.execute(insert(schema.publications).values(
            created_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), status="failed",
            dataset=dataset, title=title, source_files=[], row_counts={}, deid_report={},
            created_by=created_by, error="\n".join(str(e) for e in failure.errors[:MAX_ERRORS])))
