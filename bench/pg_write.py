"""Benchmark: writing a publication's payments into PostgreSQL — COPY (the importer's way) against
SQLAlchemy's multi-row INSERTs (the way before), issue #14.

    .venv/bin/python bench/pg_write.py [--rows 200000]

Starts a throwaway PostgreSQL cluster (tests/support/postgres.py), writes the same synthetic payment
rows both ways, each in its own rolled-back transaction, and prints this process's CPU time (the
client's share of the import) and the wall time, which includes the server's work and the machine's
load (on a shared machine wall time is inflated; compare CPU).
"""
import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def synthetic_payments(count):
    start = dt.date(2025, 1, 1)
    return [{"id": f"PZ{i:09d}", "date": start + dt.timedelta(days=i % 365), "year": 2025, "region_code": "330102",
             "dept_code": f"D{i % 300:04d}", "class_code": "2140101", "project_code": f"P{i % 40000:05d}",
             "payee": f"收款单位{i % 5000}", "payee_type": "单位", "purpose": "工程款", "amount_fen": 100 + i * 7}
            for i in range(count)]


def timed(label, work, rows):
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{label:<28} {rows:>9,} rows  CPU {cpu:7.1f} s ({rows / max(cpu, 1e-9):9,.0f} rows/CPU-s)  wall {wall:7.1f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()

    from sqlalchemy import create_engine, insert
    from support.postgres import PostgresCluster

    from ledger import schema
    from ledger.db import init_schema
    from ledger.importer.publish import _copy_rows

    cluster = PostgresCluster().start()
    try:
        engine = create_engine(cluster.url())
        init_schema(engine)
        with engine.begin() as conn:  # the rows' publication (a foreign key)
            publication_id = conn.execute(insert(schema.publications).values(
                created_at=dt.datetime(2026, 1, 1), status="building", dataset="bench", title="bench",
                source_files=[], row_counts={}, deid_report={}, created_by="bench")).inserted_primary_key[0]
        rows = synthetic_payments(args.rows)
        allowed = {c.name for c in schema.payments.columns}

        def inserts(conn):
            for start in range(0, len(rows), 5000):
                conn.execute(insert(schema.payments), [{**{k: v for k, v in r.items() if k in allowed},
                                                        "publication_id": publication_id} for r in rows[start:start + 5000]])

        for label, write in (("multi-row INSERT (before)", inserts),
                             ("COPY (now)", lambda conn: _copy_rows(conn, schema.payments, rows, publication_id))):
            with engine.connect() as conn:
                transaction = conn.begin()
                timed(label, lambda conn=conn, write=write: write(conn), len(rows))
                transaction.rollback()
        engine.dispose()
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
