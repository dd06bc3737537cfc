#!/usr/bin/env bash
# Builds the wheel, installs it into a fresh venv outside the checkout, builds the demo there and
# serves it: proves the package runs without the source tree (templates, static files, data inside).
# Usage: scripts/check-wheel.sh [PORT]   (uses pip's cache; torch first, pinned, as `make install` does)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${1:-5099}"
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --upgrade pip
wheelhouse="${WHEELHOUSE:-$HOME/.cache/mingzhang/wheels}"
"$work/venv/bin/pip" install -q --no-index --find-links "$wheelhouse" torch==2.13.0 2>/dev/null || \
  "$work/venv/bin/pip" install -q torch==2.13.0
"$work/venv/bin/pip" wheel -q --no-deps -w "$work/dist" "$root" 2>/dev/null
"$work/venv/bin/pip" install -q "$work"/dist/mingzhang-*.whl
mkdir "$work/site" && cd "$work/site"
"$work/venv/bin/mingzhang" demo --as-of 2026-10-31
PORT="$port" "$work/venv/bin/mingzhang" serve --port "$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "http://127.0.0.1:$port/healthz"; echo
curl -fsS "http://127.0.0.1:$port/" | grep -o "<title>[^<]*</title>"
curl -fsS "http://127.0.0.1:$port/static/app.css" -o /dev/null -w "static: %{http_code} %{size_download} B\n"
curl -fsS -G "http://127.0.0.1:$port/api/ask" --data-urlencode "q=2025年全市教育支出是多少" | head -c 300; echo
test -d "$work/site/instance" && echo "instance folder: $work/site/instance (outside site-packages)"
echo "wheel check passed"
