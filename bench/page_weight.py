"""Benchmark: what a citizen on a slow phone connection downloads, measured in a real browser.

    .venv/bin/python bench/page_weight.py [--url http://127.0.0.1:5000 | --instance DIR] [--path / ...] [--check]

The system Chromium (Playwright, never a downloaded browser) loads each page under Chromium's own
network emulation (CDP ``Network.emulateNetworkConditions``: 1.6 Mbps down, 750 kbps up, 150 ms
round trip — a slow 3G/4G phone), first with an empty cache, then again in the same browser
profile (a repeat visit). For each it prints the bytes transferred (``encodedDataLength``: headers
and compressed bodies as they crossed the network), the number of requests that went to the
network, first contentful paint (text on screen), DOMContentLoaded and the load event in seconds, when
the last chart was drawn (charts.js runs the chart bundle after the load event, its download starts
with the page; the bytes include it), and the encodings of the biggest responses.

Goals (issue #17): the home page's first visit under 300 KB and under 2 s; a repeat visit under
30 KB. ``--check`` exits with status 1 when a goal is missed.

``--url`` measures a running portal; ``--instance`` serves an instance folder with gunicorn on a
free loopback port for the run (``mingzhang demo`` fills one).
"""
import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SLOW_PHONE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
GOALS = {"first_kb": 300, "first_load_s": 2.0, "repeat_kb": 30}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(instance):
    """gunicorn over ``instance`` on a free port; returns (process, base url)."""
    port = free_port()
    env = {**os.environ, "MINGZHANG_INSTANCE": str(instance), "HF_HUB_OFFLINE": "1", "WEB_CONCURRENCY": "1"}
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
                                "--bind", f"127.0.0.1:{port}", "wsgi:app"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)
            return process, url
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"the portal did not start on {url}")


def visit(context, url):
    """Load ``url`` in a new page of ``context`` under the slow-phone emulation; returns the figures."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_PHONE)
    responses, finished = {}, {}
    cdp.on("Network.responseReceived", lambda e: responses.__setitem__(e["requestId"], e["response"]))
    cdp.on("Network.loadingFinished", lambda e: finished.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="load", timeout=120_000)
    # Charts are drawn after the load event (charts.js runs the preloaded bundle then): wait for every one,
    # so the bytes and the "charts drawn" time include them.
    page.wait_for_function("""() => [...document.querySelectorAll('[data-chart]')]
        .every(el => el.hasAttribute('data-chart-ready'))""", timeout=120_000)
    charts_s = page.evaluate("performance.now() / 1000")
    page.wait_for_load_state("networkidle", timeout=120_000)
    timing = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return [n.domContentLoadedEventEnd / 1000, n.loadEventEnd / 1000, paint ? paint.startTime / 1000 : NaN]; }""")
    network = {rid: size for rid, size in finished.items()
               if not responses.get(rid, {}).get("fromDiskCache") and not responses.get(rid, {}).get("fromPrefetchCache")}
    biggest = sorted(((size, responses.get(rid, {})) for rid, size in network.items()), key=lambda x: -x[0])[:4]
    page.close()
    return {"bytes": sum(network.values()), "requests": len(network), "dcl_s": timing[0], "load_s": timing[1],
            "fcp_s": timing[2], "charts_s": charts_s,
            "biggest": [(r.get("url", "?").split("/", 3)[-1][:48], size, _encoding(r), r.get("status"))
                        for size, r in biggest]}


def _encoding(response):
    headers = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
    return headers.get("content-encoding", "identity")


def measure(base_url, paths):
    from playwright.sync_api import sync_playwright

    for path in paths:  # a warm server: the figures are what a visitor waits for, not a cold start
        urllib.request.urlopen(base_url + path, timeout=120).read()
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        for path in paths:
            context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2,
                                          is_mobile=True, has_touch=True, locale="zh-CN")
            first = visit(context, base_url + path)
            repeat = visit(context, base_url + path)
            context.close()
            results[path] = (first, repeat)
        browser.close()
    return results


def report(results):
    print("network: 1.6 Mbps down / 750 kbps up / 150 ms RTT (CDP Network.emulateNetworkConditions), 375 px phone")
    print(f"{'page':<28}{'visit':<8}{'KB':>8}{'requests':>10}{'FCP s':>8}{'DCL s':>8}{'load s':>8}{'charts s':>10}")
    missed = []
    for path, (first, repeat) in results.items():
        for label, figures in (("first", first), ("repeat", repeat)):
            print(f"{path:<28}{label:<8}{figures['bytes'] / 1024:>8.1f}{figures['requests']:>10}{figures['fcp_s']:>8.2f}"
                  f"{figures['dcl_s']:>8.2f}{figures['load_s']:>8.2f}{figures['charts_s']:>10.2f}")
        for name, size, encoding, status in first["biggest"]:
            print(f"{'':<36}{size / 1024:>8.1f} KB  {status} {encoding:<8} {name}")
        if path == "/":
            if first["bytes"] / 1024 >= GOALS["first_kb"]:
                missed.append(f"first visit {first['bytes'] / 1024:.0f} KB ≥ {GOALS['first_kb']} KB")
            if first["load_s"] >= GOALS["first_load_s"]:
                missed.append(f"first visit load {first['load_s']:.2f} s ≥ {GOALS['first_load_s']} s")
            if repeat["bytes"] / 1024 >= GOALS["repeat_kb"]:
                missed.append(f"repeat visit {repeat['bytes'] / 1024:.0f} KB ≥ {GOALS['repeat_kb']} KB")
    print("goals (home page): first visit < 300 KB and < 2 s, repeat visit < 30 KB: "
          + ("met" if not missed else "MISSED — " + "; ".join(missed)))
    return missed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--url", help="a running portal (default http://127.0.0.1:5000)")
    source.add_argument("--instance", type=Path, help="serve this instance folder with gunicorn for the run")
    parser.add_argument("--path", action="append", help="page path(s) to measure (default: / /execution /projects /compare)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    options = parser.parse_args()
    paths = options.path or ["/", "/execution", "/projects", "/compare"]
    process = None
    if options.instance:
        process, base_url = serve(options.instance)
    else:
        base_url = (options.url or "http://127.0.0.1:5000").rstrip("/")
    try:
        missed = report(measure(base_url, paths))
    finally:
        if process:
            process.terminate()
            try:
                process.wait(timeout=60)  # a loaded machine: gunicorn's graceful stop can take a while
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    if options.check and missed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
