"""Benchmark: schemathesis fuzzing of every JSON API operation against a live gunicorn server.

    .venv/bin/python bench/fuzz_api.py [--examples 300] [--instance DIR] [--skip-import] [--cli]

1. builds the demo instance (``mingzhang demo``) in a temporary folder, or reuses --instance;
2. serves it with gunicorn (gunicorn.conf.py) on a free loopback port, RATELIMIT_ASK raised so the
   question API answers questions rather than 429s (429 itself is documented in the description);
3. loads /api/openapi.json and, for every operation, sends --examples schema-valid (positive) and
   --examples schema-violating (negative) generated requests; operations with path parameters get
   half their valid requests on identifiers that exist (a region, department, project, document);
4. checks every response: no 5xx; documented status code and content type; response body matches
   its schema; errors are JSON {"error": {"code", "message"}}. Also counts, for information only,
   schemathesis' contract checks (valid request rejected / invalid request accepted) — lenient
   inputs such as an unknown year answering 400 or 404 show up there;
5. prints per-operation cases, failures and latency, the total, and the server's logged tracebacks;
6. with --cli, also runs the schemathesis CLI (examples, coverage, fuzzing and stateful phases,
   undeclared-method probes, all default checks) against the same server and prints its summary.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import ROOT, run_import  # noqa: E402
from support.api_errors import error_body_check  # noqa: E402 — on sys.path through pages
from support.servers import run_gunicorn  # noqa: E402


def real_ids(base):
    """Identifiers that exist in the demo (path parameters), and the current publication (?pub=)."""
    import requests

    def get(path):
        return requests.get(base + path, timeout=60).json()

    region = next(r for r in get("/api/regions")["regions"] if r["level"] == 1)["code"]
    dept = get(f"/api/departments?region={region}")["departments"][0]["code"]
    project = get("/api/projects?per_page=1")["projects"]["rows"][0]["code"]
    slug = get("/api/documents")["documents"][0]["slug"]
    pub = get("/api/summary")["publication"]["id"]
    return pub, {"/api/execution/region/{code}": {"code": region},
            "/api/execution/region/{code}/dept/{dept}": {"code": region, "dept": dept},
            "/api/projects/{code}": {"code": project},
            "/api/projects/{code}/comments": {"code": project},
            "/api/documents/{slug}": {"slug": slug}}


def fuzz(base, examples, seed):
    """Run every operation in both generation modes; returns one result row per operation."""
    import requests
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error
    from schemathesis.core.failures import FailureGroup
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        negative_data_rejection,
        positive_data_acceptance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
              error_body_check]
    contract_checks = [positive_data_acceptance, negative_data_rejection]
    schema = schemathesis.openapi.from_url(base + "/api/openapi.json")
    pub, ids = real_ids(base)
    for warm_up in ("/api/search?q=%E5%85%AC%E8%B7%AF", "/api/ask?q=%E4%BB%8A%E5%B9%B4%E6%95%99%E8%82%B2%E6%94%AF%E5%87%BA"):
        requests.get(base + warm_up, timeout=120)  # loads the embedding model: not a latency of the fuzzed cases
    session = requests.Session()
    rows = []
    for result in schema.get_all_operations():
        operation = result.ok()
        row = {"operation": f"{operation.method.upper()} {operation.path}", "cases": Counter(), "failures": Counter(),
               "server_errors": 0, "contract": Counter(), "latency": [], "statuses": Counter(), "examples": [], "slowest": (0.0, ""), "notes": []}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)
            if mode is GenerationMode.POSITIVE:  # half the valid requests on data that exists
                real = {"path_parameters": ids.get(operation.path)}
                if any(p.name == "pub" for p in operation.iter_parameters()):
                    real["query"] = {"pub": pub}
                strategy = st.one_of(strategy, operation.as_strategy(generation_mode=mode, **real))

            @hypothesis_seed(seed)
            @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.explicit, Phase.generate],
                      suppress_health_check=list(HealthCheck))
            @given(case=strategy)
            def run(case):
                row["cases"][mode.value] += 1
                started = time.perf_counter()
                response = case.call(session=session, timeout=120)
                row["latency"].append(time.perf_counter() - started)
                if row["latency"][-1] > row["slowest"][0]:
                    row["slowest"] = (row["latency"][-1], case.as_curl_command())
                row["statuses"][response.status_code] += 1
                row["server_errors"] += response.status_code >= 500
                try:
                    case.validate_response(response, checks=checks)
                except (Exception, FailureGroup) as exc:
                    failures = getattr(exc, "exceptions", [exc])
                    for failure in failures:
                        row["failures"][getattr(failure, "title", type(failure).__name__)] += 1
                    if len(row["examples"]) < 3:
                        row["examples"].append(f"{case.as_curl_command()}\n    -> {response.status_code}: "
                                               + "; ".join(str(getattr(f, 'title', f)) for f in failures))
                try:
                    case.validate_response(response, checks=contract_checks)
                except (Exception, FailureGroup) as exc:
                    for failure in getattr(exc, "exceptions", [exc]):
                        row["contract"][getattr(failure, "title", type(failure).__name__)] += 1
                    if len(row["notes"]) < 2:
                        row["notes"].append(f"{case.as_curl_command()} -> {response.status_code} "
                                            f"{response.content[:160].decode(errors='replace')}")

            try:
                run()
            except Unsatisfiable:
                pass  # no request can violate this operation's schema (e.g. only free-text parameters)
        rows.append(row)
        print(f"  … {row['operation']}: {sum(row['cases'].values())} cases, "
              f"{sum(row['failures'].values())} failures", file=sys.stderr, flush=True)
    return rows


def report(rows, tracebacks):
    print(f"{'operation':<48} {'valid':>6} {'invalid':>7} {'fail':>5} {'5xx':>4} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'max ms':>8} {'contract*':>9}  statuses")
    total = Counter()
    for row in rows:
        latency = sorted(row["latency"]) or [0.0]
        p95 = latency[min(len(latency) - 1, int(len(latency) * 0.95))]
        statuses = " ".join(f"{code}:{n}" for code, n in sorted(row["statuses"].items()))
        fails = sum(row["failures"].values())
        print(f"{row['operation']:<48} {row['cases']['positive']:>6} {row['cases']['negative']:>7} {fails:>5} "
              f"{row['server_errors']:>4} {statistics.median(latency) * 1000:>7.1f} {p95 * 1000:>7.1f} "
              f"{latency[-1] * 1000:>8.1f} {sum(row['contract'].values()):>9}  {statuses}")
        total.update({"valid": row["cases"]["positive"], "invalid": row["cases"]["negative"], "failures": fails,
                      "server_errors": row["server_errors"], "contract": sum(row["contract"].values())})
    cases = total["valid"] + total["invalid"]
    print(f"{'TOTAL (' + str(len(rows)) + ' operations)':<48} {total['valid']:>6} {total['invalid']:>7} "
          f"{total['failures']:>5} {total['server_errors']:>4}   {cases} cases; {total['contract']} contract notes")
    print("* contract: schemathesis' positive_data_acceptance / negative_data_rejection, for information "
          "(not failures)")
    for row in rows:
        for name, count in row["failures"].items():
            print(f"FAIL {row['operation']}: {name} x{count}")
        for example in row["examples"]:
            print("    " + example)
        for name, count in row["contract"].items():
            print(f"note {row['operation']}: {name} x{count}")
        for note in row["notes"]:
            print("    " + note)
    for row in sorted(rows, key=lambda r: -r["slowest"][0])[:5]:
        print(f"slowest {row['operation']}: {row['slowest'][0] * 1000:.0f} ms  {row['slowest'][1][:300]}")
    print(f"server tracebacks logged by gunicorn: {tracebacks}")
    return total


def run_cli(base, examples, seed):
    """The schemathesis CLI's full run: all phases and default checks; prints its summary."""
    command = [str(Path(sys.executable).parent / "schemathesis"), "run", base + "/api/openapi.json",
               "--max-examples", str(examples), "--seed", str(seed), "--request-timeout", "120", "--no-color"]
    print("\n$ " + " ".join(command[1:]))
    started = time.perf_counter()
    output = subprocess.run(command, capture_output=True, text=True).stdout
    lines = output.splitlines()
    summary = next((i for i, line in enumerate(lines) if "SUMMARY" in line), max(0, len(lines) - 40))
    failures = next((i for i, line in enumerate(lines) if "FAILURES" in line or "ERRORS" in line), summary)
    print("\n".join(lines[failures:summary][:120]))
    print("\n".join(lines[summary:]))
    print(f"schemathesis CLI took {time.perf_counter() - started:.0f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300, help="generated requests per operation and mode")
    parser.add_argument("--seed", type=int, default=20241125)
    parser.add_argument("--instance", type=Path, help="instance folder (default: a new temporary one)")
    parser.add_argument("--skip-import", action="store_true", help="reuse the data already in --instance")
    parser.add_argument("--cli", action="store_true", help="also run the schemathesis CLI (all phases)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mingzhang-fuzz-") as tmp:
        instance = args.instance or Path(tmp)
        env = {**os.environ, "MINGZHANG_INSTANCE": str(instance), "SECRET_KEY": "bench-secret",
               "PSEUDONYM_KEY": "bench-pseudonym", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT),
               "RATELIMIT_ASK": "1000000 per minute"}
        env.pop("DATABASE_URL", None)
        if not args.skip_import:
            seconds = run_import(instance, env)
            print(f"import: mingzhang demo took {seconds:.1f} s")
        error_log = Path(tmp) / "gunicorn-errors.log"  # gunicorn's error log and its workers' stderr
        with run_gunicorn(env, error_log=error_log, timeout=120) as server:
            base = server.url
            print(f"server: gunicorn (gunicorn.conf.py) on {base}; RATELIMIT_ASK raised; "
                  f"{args.examples} valid + {args.examples} invalid generated requests per operation, seed {args.seed}")
            started = time.perf_counter()
            rows = fuzz(base, args.examples, args.seed)
            elapsed = time.perf_counter() - started
            total = report(rows, error_log.read_text(errors="replace").count("Traceback"))
            cases = total["valid"] + total["invalid"]
            print(f"fuzzing took {elapsed:.0f} s ({cases / elapsed:.0f} cases/s)")
            if args.cli:
                run_cli(base, args.examples, args.seed)
    sys.exit(1 if total["failures"] or total["server_errors"] else 0)


if __name__ == "__main__":
    main()
