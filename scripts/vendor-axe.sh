#!/usr/bin/env bash
# Vendor axe-core from the npm registry into tests/vendor/axe-core/ (tests only; run once per upgrade and
# commit the result). The accessibility tests inject axe.min.js into Playwright pages, so no npm at test time.
# Licence: axe-core is MPL-2.0 (file-level copyleft): we ship it unmodified with its LICENSE, test-only,
# never served by the portal.
set -euo pipefail
VERSION="${1:-4.14.1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/tests/vendor/axe-core"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
TARBALL="$(npm pack "axe-core@${VERSION}" --silent 2>/dev/null | tail -n 1)"
tar -xzf "$TARBALL" package/axe.min.js package/LICENSE package/package.json
LICENSE_ID="$(node -p "require('./package/package.json').license")"
if [ "$LICENSE_ID" != "MPL-2.0" ]; then
  echo "axe-core ${VERSION} is licensed ${LICENSE_ID}, not MPL-2.0: review before vendoring" >&2
  exit 1
fi
mkdir -p "$DEST"
cp package/axe.min.js "$DEST/axe.min.js"
cp package/LICENSE "$DEST/LICENSE"
SHA="$(sha256sum "$DEST/axe.min.js" | cut -d' ' -f1)"
cat > "$DEST/VERSION" <<NOTE
axe-core ${VERSION} (${LICENSE_ID}; unmodified, used by tests/test_accessibility.py only)
source: npm pack axe-core@${VERSION} -> package/axe.min.js
tarball: ${TARBALL}
sha256(axe.min.js): ${SHA}
vendored: $(date -u +%Y-%m-%d) by scripts/vendor-axe.sh
NOTE
echo "vendored axe-core ${VERSION} into ${DEST} (sha256 ${SHA})"
