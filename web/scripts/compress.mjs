// Writes a gzip twin (file.gz) beside every text asset of the build, which `dxgov serve`
// sends to clients that accept gzip: the server itself never compresses on the fly.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, constants } from "node:zlib";

const root = new URL("../dist/", import.meta.url).pathname;
const compressible = /\.(js|mjs|css|html|svg|json|geojson|txt|webmanifest)$/;
let files = 0, before = 0, after = 0;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { walk(path); continue; }
    if (!compressible.test(name)) continue;
    const raw = readFileSync(path);
    const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
    writeFileSync(path + ".gz", gz);
    files += 1; before += raw.length; after += gz.length;
  }
}
walk(root);
console.log(`compress: ${files} files, ${(before / 1024).toFixed(1)} KB → ${(after / 1024).toFixed(1)} KB gzip`);
