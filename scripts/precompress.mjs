// Precompressed variants of static files for portal/assets.py: <file>.gz (gzip -9) and <file>.br
// (brotli, quality 11), and portal/static/precompressed.json recording the SHA-256 of the file each
// variant was made from. The portal serves a variant only while that digest still matches the file,
// so an edited file is never answered with a stale body (it is then gzipped at run time instead).
// Usage: node scripts/precompress.mjs portal/static vendor/echarts.min.js [more files under portal/static]
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const [root, ...files] = process.argv.slice(2);
const manifestPath = join(root, "precompressed.json");
const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, "utf8")) : {};
for (const name of files) {
  const body = readFileSync(join(root, name));
  const gz = gzipSync(body, { level: 9 });
  gz[4] = gz[5] = gz[6] = gz[7] = 0; // no timestamp in the gzip header: the same bytes on every run
  const br = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  writeFileSync(join(root, name + ".gz"), gz);
  writeFileSync(join(root, name + ".br"), br);
  manifest[name] = { sha256: createHash("sha256").update(body).digest("hex"), gzip: name + ".gz", br: name + ".br" };
  console.log(`${name}: ${body.length} bytes, gzip ${gz.length}, brotli ${br.length}`);
}
const sorted = Object.fromEntries(Object.keys(manifest).sort().map((k) => [k, manifest[k]]));
writeFileSync(manifestPath, JSON.stringify(sorted, null, 2) + "\n");
