"""Benchmark: the import alone (read, validate, de-identify, write) into a fresh SQLite file — no search index.

    .venv/bin/python bench/import_rows.py RAW_DIR [RAW_DIR…] [--db FILE] [--profile OUT.prof]

Generate the raw files once (``mingzhang demo --scale N --no-publish --out RAW_DIR --as-of 2026-11-30``), then
run this before and after an importer change. It prints wall and CPU seconds (per phase too), peak RSS, and the publication's
fingerprint: the data SHA-256 (every published row of every table, ``ledger.integrity``) and a SHA-256 of the
recorded row counts, source manifest and de-identification report — identical fingerprints mean identical output.
"""
import argparse
import cProfile
import hashlib
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine  # noqa: E402

from ledger.importer import publish as importer  # noqa: E402

# (phase, the importer function that does it): read and validate, de-identify, write (one transaction: rows,
# summaries, digest, flags); what is left of the total is the cross-table checks and setting up de-identification.
PHASES = [("read + validate", ("spool_sources", "read_sources")),
          ("de-identify", ("spool_published", "to_published_rows")),
          ("write", ("_store",))]


def cpu_seconds():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(spent, phase, function):
    def wrapper(*args, **kwargs):
        wall, cpu = time.perf_counter(), cpu_seconds()
        try:
            return function(*args, **kwargs)
        finally:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            spent[phase] = (time.perf_counter() - wall, cpu_seconds() - cpu, peak)
    return wrapper


def time_phases():
    """Wrap the importer's phase functions (whichever names this version has); {phase: (wall, CPU, peak MB)}."""
    spent = {}
    for phase, names in PHASES:
        name = next(n for n in names if hasattr(importer, n))
        setattr(importer, name, timed(spent, phase, getattr(importer, name)))
    return spent


def fingerprint(publication):
    recorded = {key: publication[key] for key in ("row_counts", "source_files", "deid_report")}
    text = json.dumps(recorded, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", nargs="+", type=Path)
    parser.add_argument("--db", type=Path, default=None, help="SQLite file to create (default: a temporary one)")
    parser.add_argument("--profile", type=Path, default=None, help="write cProfile stats here")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="import-rows-")
    db = args.db or Path(folder.name) / "import.db"
    db.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{db}")
    spent = time_phases()
    profiler = cProfile.Profile() if args.profile else None
    wall, cpu = time.perf_counter(), cpu_seconds()
    if profiler:
        profiler.enable()
    publication = importer.publish(engine, args.raw, pseudonym_key="bench-import-rows", dataset="city", title="import bench",
                          is_demo=True, created_by="bench", replace=True)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows      {json.dumps(publication['row_counts'], ensure_ascii=False)}")
    print(f"import    wall {wall:.1f} s, CPU {cpu:.1f} s (with workers), peak RSS {peak:,.0f} MB")
    for phase, (phase_wall, phase_cpu, phase_peak) in spent.items():
        print(f"  {phase:<16} wall {phase_wall:7.1f} s, CPU {phase_cpu:7.1f} s, peak RSS so far {phase_peak:,.0f} MB")
        wall, cpu = wall - phase_wall, cpu - phase_cpu
    print(f"  {'checks, setup':<16} wall {wall:7.1f} s, CPU {cpu:7.1f} s")
    with open("/proc/loadavg") as fh:
        print(f"load      {fh.read().strip()}")
    print(f"data      {publication['data_sha256']}")
    print(f"recorded  {fingerprint(publication)}")


if __name__ == "__main__":
    main()
