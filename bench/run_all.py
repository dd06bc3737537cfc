"""Run every benchmark once, in sequence, on one shared demo instance, printing each one's figures.

    .venv/bin/python bench/run_all.py [--search-docs 1000000]

pages.py builds the demo instance (timing the import); the others reuse it. The synthetic
search corpus defaults to 200,000 documents (about half a minute to index); pass
--search-docs 1000000 for the issue's full-size figure (several minutes).
"""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def run(script, *args):
    print(f"\n===== {script} {' '.join(map(str, args))}", flush=True)
    subprocess.run([sys.executable, str(BENCH / script), *map(str, args)], check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--search-docs", type=int, default=200_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mingzhang-bench-") as folder:
        instance = Path(folder) / "instance"
        run("pages.py", "--instance", instance)
        run("anonymize.py", "--raw", instance / "raw" / "city")
        run("nlq.py", "--instance", instance)
        run("opendata.py", "--instance", instance)
        run("search.py", "--instance", instance, "--docs", options.search_docs)


if __name__ == "__main__":
    main()
