"""Check the integrity chain: ``mingzhang verify``.

Every publication stores the SHA-256 of its rows (``data_sha256``, see ledger/integrity.py) and the
data hash of the publication before it (``prev_sha256``). Verification recomputes each digest from
the database and walks the chain, so a row changed after publication (``data_tampered``) or a
rewritten hash (``chain_broken``) shows up. A downloaded open-data JSON file (/data/<table>.json)
can be checked against the rows of the publication it names.

The public publication log (portal/views/publications.py) uses ``verify_publications`` with
``check_data=False`` (chain only: recomputing every digest on each page view would be too slow).
"""
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import click
from sqlalchemy import select
from sqlalchemy.engine import Engine

from ledger import schema
from ledger.integrity import publication_digest

OK, DATA_TAMPERED, CHAIN_BROKEN = "ok", "data_tampered", "chain_broken"


def _short(sha):
    return f"{sha[:12]}…" if sha else "（空）"


def verify_publications(engine_or_conn, publication_id=None, *, check_data=True):
    """Integrity report over every published publication (oldest first).

    ``{"ok": bool, "checked": n, "publications": [{"id", "title", "data_sha256", "prev_sha256",
    "recomputed_sha256", "status", "data_ok", "chain_ok", "problems": [{"code", "message"}]}]}``.
    ``publication_id`` limits the report to that publication (its chain link is still checked
    against the one before it). ``check_data=False`` skips recomputing digests (chain only).
    """
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:
            return verify_publications(conn, publication_id, check_data=check_data)
    conn = engine_or_conn
    rows = conn.execute(select(schema.publications).where(schema.publications.c.status == "published")
                        .order_by(schema.publications.c.id)).mappings().all()
    entries, previous = [], None
    for row in rows:
        if publication_id is None or row["id"] == publication_id:
            entries.append(_check(conn, row, previous, check_data))
        previous = row
    return {"ok": all(e["status"] == OK for e in entries), "checked": len(entries), "publications": entries}


def _check(conn, row, previous, check_data):
    problems, recomputed = [], None
    if check_data:
        recomputed = publication_digest(conn, row["id"])
        if recomputed != row["data_sha256"]:
            problems.append({"code": DATA_TAMPERED, "message": (
                f"发布 #{row['id']} 的数据已被改动：按数据库现有数据重算的 SHA-256 为 {_short(recomputed)}，"
                f"发布时记录的是 {_short(row['data_sha256'])}")})
    expected_prev = previous["data_sha256"] if previous else None
    chain_ok = row["prev_sha256"] == expected_prev
    if not chain_ok:
        before = f"上一次发布 #{previous['id']} 的数据 SHA-256 为 {_short(expected_prev)}" if previous \
            else "这是第一次发布，不应有上一发布 SHA-256"
        problems.append({"code": CHAIN_BROKEN, "message": (
            f"发布 #{row['id']} 的哈希链断开：记录的上一发布 SHA-256 为 {_short(row['prev_sha256'])}，"
            f"而{before}")})
    return {"id": row["id"], "title": row["title"], "data_sha256": row["data_sha256"],
            "prev_sha256": row["prev_sha256"], "recomputed_sha256": recomputed,
            "status": problems[0]["code"] if problems else OK,
            "data_ok": None if not check_data else recomputed == row["data_sha256"],
            "chain_ok": chain_ok, "problems": problems}


def _canonical(values):
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _content_sha(lines):
    """Order-independent SHA-256 over canonical rows (the download's row order is not part of its content)."""
    digest = hashlib.sha256()
    for line in sorted(lines):
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()


def verify_export(engine, path):
    """Check a downloaded /data/<table>.json file against the rows of the publication it names.

    Returns ``{"file", "ok", "publication", "table", "rows_in_file", "rows_in_db", "file_sha256",
    "db_sha256", "problems": [{"code", "message"}]}``. Raises click.ClickException on an unreadable file.
    """
    from werkzeug.datastructures import MultiDict

    from ledger.datadict import DATASETS

    from .views.opendata import FilterError, parse_filters

    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pub_id, table_name = int(data["publication"]["id"]), data["table"]
        rows, file_pub_sha = data["rows"], data["publication"].get("sha256")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise click.ClickException(
            f"无法读取导出文件 {path.name}：应为本站开放数据页下载的 JSON 文件（/data/<表名>.json）（{exc}）") from exc
    dataset = DATASETS.get(table_name)
    if dataset is None or not isinstance(rows, list):
        raise click.ClickException(f"导出文件 {path.name} 中的数据表「{str(table_name)[:40]}」不存在")
    filters = {str(k): str(v) for k, v in (data.get("filters") or {}).items()}
    try:
        conds, _ = parse_filters(dataset, MultiDict(filters))
    except FilterError as exc:
        raise click.ClickException(f"导出文件 {path.name} 的筛选条件无法复现：{exc}") from exc

    table = dataset.table
    names = [f.name for f in dataset.fields]
    with engine.connect() as conn:
        pub = conn.execute(select(schema.publications).where(schema.publications.c.id == pub_id,
                                                             schema.publications.c.status == "published")
                           ).mappings().first()
        db_lines = [] if pub is None else [
            _canonical([f.export(v) for f, v in zip(dataset.fields, row)])
            for row in conn.execute(select(*[table.c[f.column] for f in dataset.fields])
                                    .where(table.c.publication_id == pub_id, *conds))]
    file_lines = [_canonical([r.get(n) for n in names]) if isinstance(r, dict) else _canonical(r) for r in rows]
    report = {"file": str(path), "publication": pub_id, "table": table_name, "filters": filters,
              "rows_in_file": len(file_lines), "rows_in_db": len(db_lines),
              "file_sha256": _content_sha(file_lines), "db_sha256": _content_sha(db_lines), "problems": []}
    problems = report["problems"]
    if pub is None:
        problems.append({"code": "unknown_publication", "message": f"数据库中没有已发布的发布 #{pub_id}"})
    else:
        if file_pub_sha != pub["data_sha256"]:
            problems.append({"code": "publication_sha_mismatch", "message": (
                f"文件记录的发布 SHA-256 {_short(file_pub_sha)} 与发布 #{pub_id} 的 {_short(pub['data_sha256'])} 不符")})
        if len(file_lines) != len(db_lines):
            problems.append({"code": "row_count_mismatch", "message": (
                f"行数不符：文件 {len(file_lines)} 行，数据库 {len(db_lines)} 行")})
        if report["file_sha256"] != report["db_sha256"]:
            in_file, in_db = Counter(file_lines), Counter(db_lines)
            extra, missing = sum((in_file - in_db).values()), sum((in_db - in_file).values())
            problems.append({"code": "content_mismatch", "message": (
                f"内容不符：文件中有 {extra} 行在数据库中找不到，数据库中有 {missing} 行不在文件中")})
    report["ok"] = not problems
    return report


def _echo_publications(report):
    for entry in report["publications"]:
        if entry["status"] == OK:
            data = "数据哈希相符" if entry["data_ok"] else "未重算数据哈希"
            click.echo(f"✓ 发布 #{entry['id']}「{entry['title']}」：{data}，哈希链相符"
                       f"（SHA-256 {entry['data_sha256']}）")
        else:
            click.echo(f"✗ 发布 #{entry['id']}「{entry['title']}」：")
            for problem in entry["problems"]:
                click.echo(f"    [{problem['code']}] {problem['message']}")


def _echo_export(report):
    where = f"发布 #{report['publication']} 的数据表 {report['table']} "
    if report["ok"]:
        click.echo(f"✓ 导出文件 {report['file']}：与{where}一致（{report['rows_in_db']} 行，"
                   f"内容 SHA-256 {report['db_sha256']}）")
    else:
        click.echo(f"✗ 导出文件 {report['file']}：与{where}不一致")
        for problem in report["problems"]:
            click.echo(f"    [{problem['code']}] {problem['message']}")


@click.command("verify", help="核验哈希链：按数据库重算每次发布的数据 SHA-256，检查前后发布的哈希链，"
                              "并可核验下载的开放数据 JSON 文件；发现问题时退出码为 1")
@click.option("--publication", "publication_id", type=int, default=None, help="只核验这一次发布（编号）")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出核验报告")
@click.option("--export", "exports", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="核验下载的 /data/<表名>.json 文件（可重复）")
def verify_command(publication_id, as_json, exports):
    from .cli import _app

    app = _app()
    engine = app.extensions["mingzhang.engine"]
    from ledger.db import init_schema
    init_schema(engine)
    report = verify_publications(engine, publication_id)
    report["exports"] = [verify_export(engine, path) for path in exports]
    problems = []
    if publication_id is not None and not report["publications"]:
        problems.append(f"没有已发布的发布 #{publication_id}")
    problems += [p["message"] for e in report["publications"] for p in e["problems"]]
    problems += [p["message"] for e in report["exports"] for p in e["problems"]]
    report["ok"] = not problems
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        if not report["publications"] and publication_id is None:
            click.echo("尚未发布数据，无需核验。")
        _echo_publications(report)
        for export in report["exports"]:
            _echo_export(export)
        if problems:
            click.echo(f"核验未通过：发现 {len(problems)} 处问题。", err=True)
            if publication_id is not None and not report["publications"]:
                click.echo(problems[0], err=True)
        else:
            click.echo(f"核验通过：{report['checked']} 次发布的数据与哈希链均相符"
                       + (f"，{len(exports)} 个导出文件一致。" if exports else "。"))
    if problems:
        sys.exit(1)


commands = [verify_command]
