"""Run a first-time-user task set through the home page's box in a real browser and judge each result.

    .venv/bin/python tests/eval/run_tasks.py tests/eval/sets/tasks/tasks_blind1.jsonl [--viewport desktop] [--instance PATH]

Serves a copy of the demo instance (default: the newest finished .cache/demo-* folder) with gunicorn
(gunicorn.conf.py, NLQ_EMBEDDINGS=1, the default WARM_UP), checks that every task's SQL still gives
the set's stored target on it, then for each task and viewport (1280×800 desktop, 375×740 phone) opens
/ in a fresh Chromium context, types the query into the box, presses Enter, waits for the page to load
and judges the first screen with tests/eval/tasks.py (the rules are in its docstring).
Prints successes per kind and overall for each viewport and every failure by class; writes every
task's result to .cache/eval/<set name>.json.

Known failures instead of a threshold, as for the question sets: <set>.known.json beside the set lists,
per viewport ("desktop", "phone"), the tasks that fail today (``{"known_failures": {"desktop": [{"id",
"reason"}]}}``). The run ends with exit status 1 when a task outside the list fails (a regression) or a
listed task succeeds (it must leave the list), and prints which.

The per-minute limit on questions (RATELIMIT_ASK) is raised for the run: one client asking 142
questions in a few minutes is the harness, not a first-time user.
"""
import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from browser_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from support.servers import portal_env, run_gunicorn  # noqa: E402

from eval.tasks import judge, load_tasks, publication_facts, read_screen, resolve_all  # noqa: E402

VIEWPORTS = {
    "desktop 1280x800": {"viewport": {"width": 1280, "height": 800}},
    "phone 375x740": {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
                      "has_touch": True},
}
VIEWPORT_KEYS = {name: name.split()[0] for name in VIEWPORTS}  # "desktop", "phone"
DEMO_AS_OF = "2026-10-31"
KINDS = ("figure", "record", "vague", "decline")


def newest_demo_instance():
    folders = [p for p in (ROOT / ".cache").glob("demo-*")
               if ".building" not in p.name and (p / "mingzhang.db").exists()]
    if not folders:
        sys.exit("no finished .cache/demo-* instance: run a test that uses demo_instance first")
    return max(folders, key=lambda p: p.stat().st_mtime)


def check_instance(instance, tasks):
    facts = publication_facts(instance / "mingzhang.db")
    if not facts or str(facts["as_of"]) != DEMO_AS_OF or not facts["is_demo"] or facts["dataset"] != "city":
        sys.exit(f"{instance} is not the demo as of {DEMO_AS_OF}: {facts}")
    return facts, resolve_all(instance / "mingzhang.db", tasks)


def submit(page, base_url, query):
    """Open the home page, type ``query`` into its box, press Enter; the HTTP status of the result."""
    page.goto(base_url + "/", wait_until="load")
    box = page.locator("#home-q")
    if not box.count():
        box = page.locator("form[role=search] input[name=q]").first
    box.click()
    box.press_sequentially(query)
    status = 200
    try:
        with page.expect_navigation(wait_until="load", timeout=90_000) as navigation:
            box.press("Enter")
        status = navigation.value.status if navigation.value else 200
    except Exception as exc:  # noqa: BLE001 - a box answering in place does not navigate
        print(f"    (no navigation: {type(exc).__name__})", flush=True)
    try:
        page.wait_for_load_state("networkidle", timeout=15_000)
    except Exception:  # noqa: BLE001 - a page polling forever is still loaded
        pass
    page.wait_for_timeout(300)
    return status


def excerpt(text, limit=700):
    return " ".join(text.split())[:limit]


def run_viewport(browser, base_url, tasks, targets, options):
    results = []
    for task in tasks:
        context = browser.new_context(locale="zh-CN", **options)
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            status = submit(page, base_url, task["query"])
            screen = read_screen(page, status)
            verdict = judge(screen, targets[task["id"]])
            result = {"id": task["id"], "kind": task["kind"], "target_type": task["target"]["type"],
                      "query": task["query"], "success": verdict.success, "found": verdict.found,
                      "failure": verdict.failure, "partial": verdict.partial, "url": screen.url,
                      "status": status, "first_screen": excerpt(screen.text(first_screen=True))}
        except Exception as exc:  # noqa: BLE001 - one broken page must not end the run
            result = {"id": task["id"], "kind": task["kind"], "target_type": task["target"]["type"],
                      "query": task["query"], "success": False, "found": [], "failure": f"run error: {exc}",
                      "partial": [], "url": page.url, "status": None, "first_screen": ""}
        finally:
            context.close()
        mark = "ok  " if result["success"] else "FAIL"
        print(f"  {mark} {task['id']} {task['query']}  -> {result['found'] or result['failure']}", flush=True)
        results.append(result)
    return results


def summary_lines(results):
    lines = []
    for kind in (*KINDS, "overall"):
        rows = [r for r in results if kind == "overall" or r["kind"] == kind]
        won = sum(r["success"] for r in rows)
        lines.append(f"  {kind:8} {won:3d} / {len(rows):3d}  {100 * won / len(rows):5.1f} %" if rows else
                     f"  {kind:8} none")
    return lines


def failure_lines(results):
    by_class = defaultdict(list)
    for r in results:
        if not r["success"]:
            by_class[r["failure"]].append(f"{r['id']}({r['kind']},{r['target_type']})")
    return [f"  {name}: {len(ids)} — {' '.join(ids)}" for name, ids in sorted(by_class.items())]


def known_failures(tasks_path):
    """{viewport key: {id: reason}} from <set>.known.json beside the set (none: every task must succeed)."""
    file = tasks_path.with_suffix(".known.json")
    listed = json.loads(file.read_text(encoding="utf-8")).get("known_failures", {}) if file.exists() else {}
    return {key: {entry["id"]: entry["reason"] for entry in entries} for key, entries in listed.items()}


def known_failure_lines(results, known):
    """What changed against the known list: (lines, whether the run matches it)."""
    failed = {r["id"] for r in results if not r["success"]}
    new, fixed = sorted(failed - set(known)), sorted(set(known) - failed)
    lines = [f"  new failures (regressions): {' '.join(new) or 'none'}",
             f"  known failures now succeeding (remove from the list): {' '.join(fixed) or 'none'}"]
    return lines, not new and not fixed


def source_state():
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--short", "--", "nlq", "search", "portal", "ledger", "templates"],
                           cwd=ROOT, capture_output=True, text=True).stdout.split("\n")
    return head.stdout.strip(), [line.strip() for line in dirty if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tasks", type=Path)
    parser.add_argument("--instance", type=Path, help="instance folder (default: newest .cache/demo-*)")
    parser.add_argument("--out", type=Path, help="results JSON (default: .cache/eval/<set>.json)")
    parser.add_argument("--viewport", choices=sorted(set(VIEWPORT_KEYS.values())), action="append",
                        help="run only this viewport (repeatable; default: every viewport)")
    options = parser.parse_args()
    viewports = {name: v for name, v in VIEWPORTS.items() if VIEWPORT_KEYS[name] in (options.viewport or
                                                                                     VIEWPORT_KEYS.values())}
    tasks = load_tasks(options.tasks)
    instance = (options.instance or newest_demo_instance()).resolve()
    facts, targets = check_instance(instance, tasks)
    commit, dirty = source_state()
    print(f"set {options.tasks} ({len(tasks)} tasks: {dict(Counter(t['kind'] for t in tasks))})")
    print(f"started {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}, "
          f"uncommitted changes under nlq/search/portal/ledger/templates: {len(dirty)} {dirty}")
    print(f"instance {instance}: publication #{facts['id']} {facts['dataset']} as_of {facts['as_of']} "
          f"data_sha256 {facts['data_sha256'][:12]}…; every task's SQL gives the set's stored target")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="tasks-instance-") as copy:
        shutil.copytree(instance, copy, dirs_exist_ok=True)
        env = portal_env(copy, NLQ_EMBEDDINGS="1", RATELIMIT_ASK="10000 per minute", WARM_UP=None)
        with run_gunicorn(env, timeout=600) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            runs = {}
            for name, viewport in viewports.items():
                print(f"\n== {name}", flush=True)
                runs[name] = run_viewport(browser, server.url, tasks, targets, viewport)
            browser.close()
    print("\n== summary (success = target on the first screen)")
    known, as_listed = known_failures(options.tasks), True
    for name, results in runs.items():
        print(name)
        print("\n".join(summary_lines(results)))
        print(" failures by class:")
        print("\n".join(failure_lines(results)))
        lines, matches = known_failure_lines(results, known.get(VIEWPORT_KEYS[name], {}))
        print(f" against {options.tasks.with_suffix('.known.json').name}:")
        print("\n".join(lines))
        as_listed = as_listed and matches
    out = options.out or ROOT / ".cache" / "eval" / f"{options.tasks.stem}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"set": str(options.tasks), "commit": commit, "instance": str(instance),
                               "publication": facts, "runs": runs}, ensure_ascii=False, indent=1),
                   encoding="utf-8")
    print(f"\nresults: {out}")
    return 0 if as_listed else 1


if __name__ == "__main__":
    sys.exit(main())
