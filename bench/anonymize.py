"""De-identification throughput on the demo data.

    .venv/bin/python bench/anonymize.py [--raw DIR]

Generates the demo raw files (unless --raw is given), reads them like the importer does, then
times de-identification of every record (with free text) plus the publication controls
(k-anonymity, small-cell table). Target: the whole demo import's de-identification < 60 s on 2 cores.
"""
import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from anonymize import Deidentifier  # noqa: E402
from anonymize.lexicon import public_terms_from_tables  # noqa: E402
from anonymize.publication import apply_publication_controls  # noqa: E402
from ledger.importer.publish import known_person_names, read_sources, to_published_rows  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--raw", type=Path, help="folder of raw files (default: generate the demo)")
    args = parser.parse_args()
    raw = args.raw
    if raw is None:
        from ledger.demo import generate
        raw = Path(tempfile.mkdtemp()) / "city"
        generate(raw, seed=20240101, as_of=dt.date(2026, 10, 31))
    tables, _manifest = read_sources([raw])
    records = sum(len(rows) for rows in tables.values())

    started = time.perf_counter()
    terms = public_terms_from_tables(tables)
    deid = Deidentifier("bench-key", known_person_names(tables), public_terms=terms)
    setup = time.perf_counter() - started
    published = to_published_rows(tables, deid)
    records_done = time.perf_counter()
    apply_publication_controls(tables, published, deid)
    total = time.perf_counter() - started

    # Free text alone, every distinct string once, with a cold cache.
    texts = sorted({row[key] for rows in tables.values() for _f, _n, row in rows
                    for key in ("note", "description", "body", "purpose", "name", "title")
                    if isinstance(row.get(key), str)})
    from anonymize.names import _clause_tokens
    _clause_tokens.cache_clear()  # the jieba clause cache is module-wide
    cold = Deidentifier("bench-key", known_person_names(tables), public_terms=terms)
    text_started = time.perf_counter()
    for text in texts:
        cold.text(text)
    text_seconds = time.perf_counter() - text_started
    text_chars = sum(map(len, texts))

    report = deid.report()
    chars = report["free_text"]["characters"]
    print(f"records              {records:>10,}")
    print(f"free-text fields     {report['free_text']['fields']:>10,}  ({chars:,} characters)")
    print(f"known person names   {len(known_person_names(tables)):>10,}  (automaton + public lexicon of {len(terms['names']) + len(terms['project_names']):,} names built in {setup:.2f} s)")
    print(f"records de-identified in {records_done - started:6.2f} s  = {records / (records_done - started):,.0f} records/s")
    print(f"free text             {chars / (records_done - started):,.0f} characters/s (incl. record work)")
    print(f"distinct free texts   {len(texts):,} ({text_chars:,} characters) in {text_seconds:.2f} s"
          f" = {text_chars / text_seconds:,.0f} characters/s (cold cache)")
    print(f"publication controls  {total - (records_done - started):6.2f} s")
    print(f"TOTAL                 {total:6.2f} s  (target < 60 s on 2 cores)")
    print(report["summary"])


if __name__ == "__main__":
    main()
