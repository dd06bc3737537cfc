"""Benchmark: the first view of the supervision pages in a freshly started portal process.

    .venv/bin/python bench/warnings_first_view.py [--instance DIR] [--runs 3]

Flags are computed once per publication when it is written and stored with it (ledger/supervision/
store.py); a database published before that gets them at start-up. This prints, for a new process each
run (nothing in memory yet):
- "computed on first view": the old path, the rules run inside the first request (store.read disabled);
- "stored at publish": the pages read the stored flags;
and the one-time cost of storing them (what publishing or the first start-up now spends instead).
Without --instance the demo is generated into a temporary folder first (a few minutes); --instance is
copied, never written to.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/warnings", "/api/warnings", "/", "/execution", "/compare", "/reports/whitepaper"]


def child(instance, mode):
    """Runs in its own process: start the portal, then time each page's first view (and /warnings again)."""
    sys.path.insert(0, str(ROOT))
    from ledger.supervision import store
    from portal import create_app

    if mode == "store":
        return store_cost(instance)
    if mode == "computed":
        store.read = lambda *args: None  # the path before flags were stored: the rules run on first view
    started = time.perf_counter()
    app = create_app({"INSTANCE_PATH": instance, "DATABASE_URL": f"sqlite:///{instance / 'mingzhang.db'}",
                      "SEARCH_INDEX_PATH": instance / "search.db", "SECRET_KEY": "bench", "TESTING": True,
                      "PSEUDONYM_KEY": "bench-pseudonym"})
    out = {"start-up": time.perf_counter() - started}
    client = app.test_client()
    for path in PAGES + ["/warnings"]:
        started = time.perf_counter()
        status = client.get(path).status_code
        if status != 200:
            raise RuntimeError(f"{path}: HTTP {status}")
        out[path if path not in out else f"{path} (again)"] = time.perf_counter() - started
    print(json.dumps(out))


def run_child(instance, mode):
    result = subprocess.run([sys.executable, __file__, "--child", mode, "--instance", str(instance)],
                            cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def store_cost(instance):
    """Runs in its own process: seconds to compute and store every flag of the current publication (the
    one-time cost at publish), in a transaction that is rolled back."""
    sys.path.insert(0, str(ROOT))
    from ledger import supervision
    from ledger.db import current_publication, make_engine

    engine = make_engine(f"sqlite:///{instance / 'mingzhang.db'}")
    with engine.connect() as conn:
        transaction = conn.begin()
        started = time.perf_counter()
        moments = supervision.build_flags(conn, current_publication(conn)["id"])
        seconds = time.perf_counter() - started
        transaction.rollback()
    print(json.dumps({"seconds": seconds, "moments": moments}))


def make_demo(folder):
    env = {**os.environ, "MINGZHANG_INSTANCE": str(folder), "SECRET_KEY": "bench-secret",
           "PSEUDONYM_KEY": "bench-pseudonym", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    subprocess.run([str(Path(sys.executable).parent / "mingzhang"), "demo"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", type=Path, help="instance folder with a published database (copied)")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per mode (median is printed)")
    parser.add_argument("--child", choices=["computed", "stored", "store"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.instance, args.child)
    with tempfile.TemporaryDirectory(prefix="mingzhang-bench-") as tmp:
        instance = Path(tmp) / "instance"
        if args.instance:
            instance.mkdir()
            for name in ("mingzhang.db", "search.db"):
                if (args.instance / name).exists():
                    shutil.copy2(args.instance / name, instance / name)
        else:
            make_demo(instance)
        run_child(instance, "stored")  # a database published before stored flags gets them here, once
        cost = run_child(instance, "store")
        print(f"storing every flag of the publication ({cost['moments']} month ends): {cost['seconds']:.2f} s, "
              "once, at publish")
        results = {mode: [run_child(instance, mode) for _ in range(args.runs)] for mode in ("computed", "stored")}
        print(f"first view in a fresh process, median of {args.runs} processes, seconds "
              "(Flask test client, no network)")
        print(f"{'page':<28} {'computed on first view':>24} {'stored at publish':>19}")
        for key in results["stored"][0]:
            before, after = (statistics.median(run[key] for run in results[mode]) for mode in ("computed", "stored"))
            print(f"{key:<28} {before:>24.2f} {after:>19.2f}")


if __name__ == "__main__":
    main()
