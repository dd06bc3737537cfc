"""The import streams rows through read -> validate -> de-identify -> write in chunks (ledger/importer/spool.py).

Small chunks make small files cross many chunk boundaries: the publication must be the same row for row
(same data SHA-256, same de-identification report) whatever the chunk size, and a failure in the middle of a
chunk — reading, or writing — publishes nothing and leaves no spool file behind.
"""
import stat
import tempfile

import pytest
from sqlalchemy import func, select
from test_import import engine, small_dataset, write_csv  # noqa: F401 — the import tests' fixture

from ledger import schema
from ledger.db import current_publication
from ledger.importer import publish as importer
from ledger.importer import spool, validate
from ledger.importer.publish import ImportFailure, publish, read_sources
from ledger.importer.spool import Spool, SpoolFolder

PAYMENT_HEADER = ["凭证号", "项目编号", "支付日期", "金额（元）", "收款人", "收款人类型", "收款人身份证号", "收款人电话",
                  "收款账号", "收款人住址", "用途"]
SURNAMES = "王李张刘陈杨黄赵周吴"


def many_payments(folder, count=53):
    """The small dataset with ``count`` more subsidy payments to ten recipients (5-anonymous), some with
    a phone number in the purpose text so that scrubbing and its report are exercised too."""
    small_dataset(folder)
    with open(folder / "payments.csv", "a", encoding="utf-8", newline="") as fh:
        for n in range(count):
            name = SURNAMES[n % 10] + "秀" + "英兰梅"[n % 3]
            purpose = "高龄津贴" if n % 4 else "高龄津贴（联系电话13912345678）"
            fh.write(f"Q{n},,2025-03-{n % 28 + 1:02d},{100 + n}.50,{name},个人,,,,东城区新华村{n}号,{purpose}\n")
    return folder


def test_a_spool_gives_back_its_rows_in_order_across_chunks(monkeypatch, tmp_path):
    monkeypatch.setattr(spool, "CHUNK", 4)
    rows = [("a.csv", n, {"id": f"P{n}", "amount": n * 100, "note": None}) for n in range(2, 13)]
    with SpoolFolder() as folder:
        located = folder.spool("payments")
        for row in rows:
            located.append(*row)
        plain = folder.spool("published", located=False)
        for _s, _n, row in rows:
            plain.append(row)
        assert list(located) == rows and list(located) == rows  # re-readable
        assert [len(c) for c in located.chunks()] == [4, 4, 3]
        assert list(plain) == [row for _s, _n, row in rows] and len(plain) == 11
        with pytest.raises(ValueError):
            located.append("a.csv", 99, {"id": "P99", "amount": 1})  # a row missing a column
        assert stat.S_IMODE(folder.path.stat().st_mode) == 0o700  # typed rows hold raw personal data
        assert stat.S_IMODE(located.path.stat().st_mode) == 0o600
        path = folder.path
    assert not path.exists()
    empty = Spool(tmp_path / "empty.pickle")
    assert not empty and list(empty) == [] and len(empty) == 0


@pytest.mark.parametrize("chunk", [3, 7])
def test_the_publication_is_the_same_whatever_the_chunk_size(engine, tmp_path, monkeypatch, chunk):  # noqa: F811
    folder = many_payments(tmp_path / "raw")
    whole = publish(engine, [folder], pseudonym_key="k", dataset="t", title="整块")
    monkeypatch.setattr(spool, "CHUNK", chunk)
    monkeypatch.setattr(importer, "INSERT_BATCH", chunk + 2)  # batches that cut across chunks too
    chunked = publish(engine, [folder], pseudonym_key="k", dataset="t", title="分块")
    assert chunked["row_counts"]["payments"] == 59
    assert chunked["data_sha256"] == whole["data_sha256"]
    assert chunked["deid_report"] == whole["deid_report"]
    assert chunked["deid_report"]["identifiers"]["mobile"]["mask"] == 14  # the 14 purposes with a phone number
    assert chunked["source_files"] == whole["source_files"] and chunked["as_of"] == whole["as_of"]


def test_the_import_matches_the_whole_table_functions(tmp_path, monkeypatch):
    """read_sources (lists, used by the privacy audit) and the streamed spools give the same rows."""
    folder = many_payments(tmp_path / "raw")
    monkeypatch.setattr(spool, "CHUNK", 5)
    tables, manifest = read_sources([folder])
    with SpoolFolder() as spools:
        streamed, streamed_manifest = importer.spool_sources([folder], spools)
        assert {name: list(rows) for name, rows in streamed.items()} == tables
    assert streamed_manifest == manifest
    assert len(tables["payments"]) == 59 and tables["payments"][-1][1] == 60  # row numbers kept


def _published_ids(engine):  # noqa: F811
    with engine.connect() as conn:
        return conn.execute(select(schema.publications.c.id).where(
            schema.publications.c.status == "published")).scalars().all()


def _payment_rows(engine):  # noqa: F811
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.payments)).scalar_one()


def test_a_bad_row_in_the_middle_of_a_chunk_publishes_nothing(engine, tmp_path, monkeypatch):  # noqa: F811
    folder = many_payments(tmp_path / "raw")
    first = publish(engine, [folder], pseudonym_key="k", dataset="t", title="第一次")
    monkeypatch.setattr(spool, "CHUNK", 4)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    lines = (folder / "payments.csv").read_text(encoding="utf-8-sig").splitlines()
    lines[30] = lines[30].replace("2025-03-", "2025-13-", 1)  # row 31: in the middle of a chunk of 4
    (folder / "payments.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailure) as failure:
        publish(engine, [folder], pseudonym_key="k", dataset="t", title="第二次")
    assert [(e.row, e.column) for e in failure.value.errors] == [(31, "支付日期")]
    with engine.connect() as conn:
        assert current_publication(conn)["id"] == first["id"]
    assert _published_ids(engine) == [first["id"]] and _payment_rows(engine) == 59
    assert not list(tmp_path.glob("mingzhang-import-*"))  # the spooled rows are deleted


def test_a_read_failure_after_bad_rows_reports_only_the_read_failure(tmp_path, monkeypatch):
    """As before streaming: a file that fails to read contributes that failure, not its rows' errors."""
    folder = many_payments(tmp_path / "raw")
    monkeypatch.setattr(spool, "CHUNK", 4)
    text = (folder / "payments.csv").read_text(encoding="utf-8-sig").replace("2025-03-05", "2025-03-5x")
    (folder / "payments.csv").write_text(text.rstrip("\n").rsplit(",", 3)[0], encoding="utf-8")  # cut short
    with pytest.raises(ImportFailure) as failure:
        read_sources([folder])
    assert len(failure.value.errors) == 1 and "被截断" in failure.value.errors[0].message


def test_a_failure_while_writing_a_chunk_publishes_nothing(engine, tmp_path, monkeypatch):  # noqa: F811
    folder = many_payments(tmp_path / "raw")
    first = publish(engine, [folder], pseudonym_key="k", dataset="t", title="第一次")
    monkeypatch.setattr(spool, "CHUNK", 4)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    batches = importer._batches

    def fail_in_the_payments(rows, size):  # the sixth batch of payments written: rows already inserted
        for number, batch in enumerate(batches(rows, size)):
            if "published-payments" in str(getattr(rows, "path", "")) and number == 5:
                raise RuntimeError("disk pulled out mid-write")
            yield batch

    column_batches = importer._column_batches

    def fail_in_the_payment_columns(rows, keys):  # the same, where SQLite is given a spool's columns
        for number, batch in enumerate(column_batches(rows, keys)):
            if "published-payments" in str(getattr(rows, "path", "")) and number == 5:
                raise RuntimeError("disk pulled out mid-write")
            yield batch

    monkeypatch.setattr(importer, "_batches", fail_in_the_payments)
    monkeypatch.setattr(importer, "_column_batches", fail_in_the_payment_columns)
    with pytest.raises(RuntimeError):
        publish(engine, [folder], pseudonym_key="k", dataset="t", title="第二次")
    with engine.connect() as conn:
        assert current_publication(conn)["id"] == first["id"]
        rows = conn.execute(select(func.count()).select_from(schema.payments)
                            .where(schema.payments.c.publication_id != first["id"])).scalar_one()
    assert rows == 0 and _payment_rows(engine) == 59
    assert not list(tmp_path.glob("mingzhang-import-*"))


def test_a_header_only_table_and_a_repeated_column_still_fail_as_before(tmp_path):
    folder = small_dataset(tmp_path / "raw")
    write_csv(folder / "payments.csv", PAYMENT_HEADER, [])
    with pytest.raises(ImportFailure) as failure:
        read_sources([folder])
    assert [e.message for e in failure.value.errors] == ["只有表头，没有数据行（文件可能导出不完整）"]


def test_each_distinct_cell_is_converted_once_and_bad_cells_are_reported_every_time(tmp_path, monkeypatch):
    folder = many_payments(tmp_path / "raw")
    tables, _manifest = read_sources([folder])
    monkeypatch.setattr(validate, "KNOWN_PER_COLUMN", 2)  # most cells past the cap: converted one by one
    assert read_sources([folder])[0] == tables
    text = (folder / "payments.csv").read_text(encoding="utf-8-sig").replace("2025-03-07", "2025-03-32")
    (folder / "payments.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailure) as failure:
        read_sources([folder])
    assert [e.row for e in failure.value.errors] == [14, 42]  # the same bad date, twice (Q6 and Q34)


def test_the_column_by_column_paths_publish_what_the_row_by_row_ones_do(engine, tmp_path, monkeypatch):  # noqa: F811
    """Validation, de-identification and the SQLite write each have a path over whole columns of a chunk
    (distinct cells treated once, counted as often as they occur); with them switched off, row by row, the
    publication and its report are the same — including a payee typed 单位 in one row and 个人 in another,
    an empty purpose and a chunk boundary inside a recipient's payments."""
    folder = many_payments(tmp_path / "raw")
    with open(folder / "payments.csv", "a", encoding="utf-8", newline="") as fh:
        fh.write("Q900,,2025-04-01,10.00,王秀英,单位,,,,,\n")
        fh.write("Q901,,2025-04-02,12.00,示例市某某物业管理有限公司,单位,,,,,物业费（联系人王秀英）\n")
    monkeypatch.setattr(spool, "CHUNK", 6)
    columns = publish(engine, [folder], pseudonym_key="k", dataset="t", title="按列")
    monkeypatch.setattr(importer, "validate_chunks",
                        lambda raw, errors, size=5000: validate.validate_chunks(raw, errors, size, columns=False))
    monkeypatch.setattr(importer, "_by_columns", lambda name, keys: False)
    monkeypatch.setattr(importer, "_insert_columns", lambda conn, table, rows, publication_id: False)
    rows = publish(engine, [folder], pseudonym_key="k", dataset="t", title="逐行")
    assert columns["row_counts"]["payments"] == 61
    assert columns["data_sha256"] == rows["data_sha256"]
    assert columns["deid_report"] == rows["deid_report"]
    assert columns["deid_report"]["identifiers"]["person_name"]
