#!/usr/bin/env bash
# Vendor ECharts from the npm registry into portal/static/vendor/ (run once per upgrade; commit the result).
# The portal never needs npm at run time: only the minified build, its licence and a version note are kept.
set -euo pipefail
VERSION="${1:-5.6.0}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/portal/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
TARBALL="$(npm pack "echarts@${VERSION}" --silent 2>/dev/null | tail -n 1)"
tar -xzf "$TARBALL" package/dist/echarts.min.js package/LICENSE package/NOTICE package/package.json
mkdir -p "$DEST"
cp package/dist/echarts.min.js "$DEST/echarts.min.js"
cp package/LICENSE "$DEST/echarts.LICENSE"
cp package/NOTICE "$DEST/echarts.NOTICE" 2>/dev/null || true
SHA="$(sha256sum "$DEST/echarts.min.js" | cut -d' ' -f1)"
cat > "$DEST/echarts.VERSION" <<NOTE
echarts ${VERSION} (Apache-2.0)
source: npm pack echarts@${VERSION} -> package/dist/echarts.min.js
tarball: ${TARBALL}
sha256(echarts.min.js): ${SHA}
vendored: $(date -u +%Y-%m-%d) by scripts/vendor-echarts.sh
NOTE
echo "vendored echarts ${VERSION} into ${DEST} (sha256 ${SHA})"
