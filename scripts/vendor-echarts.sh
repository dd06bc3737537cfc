#!/usr/bin/env bash
# Build the ECharts bundle the portal serves (portal/static/vendor/echarts.min.js) from the npm
# package's tree-shakable modules: only the chart types and components named in
# scripts/echarts-entry.mjs (bar, line, radar; SVG renderer) instead of the full 1 MB build.
# Inputs are pinned by package.json + package-lock.json (`npm ci`), so the same bundle comes out
# every time; the result and its precompressed .gz/.br variants are committed. The portal never
# needs npm or the network at run time. Run with `make vendor`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/portal/static/vendor"
cd "$ROOT"

npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
VERSION="$(node -p 'require("echarts/package.json").version')"
ESBUILD="$(node -p 'require("esbuild/package.json").version')"
mkdir -p "$DEST"
node_modules/.bin/esbuild scripts/echarts-entry.mjs --bundle --minify --format=iife --target=es2017 \
  --legal-comments=none --log-level=warning \
  --banner:js="/*! ECharts ${VERSION} (Apache-2.0, see echarts.LICENSE and echarts.NOTICE): bar, line, radar, SVG renderer. Built by scripts/vendor-echarts.sh. */" \
  --outfile="$DEST/echarts.min.js"
cp node_modules/echarts/LICENSE "$DEST/echarts.LICENSE"
cp node_modules/echarts/NOTICE "$DEST/echarts.NOTICE" 2>/dev/null || true
node scripts/precompress.mjs "$ROOT/portal/static" vendor/echarts.min.js
SHA="$(sha256sum "$DEST/echarts.min.js" | cut -d' ' -f1)"
cat > "$DEST/echarts.VERSION" <<NOTE
echarts ${VERSION} (Apache-2.0), custom bundle: bar, line, radar charts; aria, grid, legend (+scroll),
radar, title, tooltip components; SVG renderer (scripts/echarts-entry.mjs).
built with: esbuild ${ESBUILD} (npm ci from package-lock.json; make vendor)
sha256(echarts.min.js): ${SHA}
NOTE
echo "built echarts ${VERSION} into ${DEST} (sha256 ${SHA})"
