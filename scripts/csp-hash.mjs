// Trunk post_build hook: finishes the staged build.
// 1. Drops the debug-only "name" section from the .wasm (strip-wasm.mjs) and
//    updates that file's integrity (SRI) hash in index.html to match.
// 2. Replaces CSP_INLINE_SCRIPT_HASHES in index.html with the sha256 of every
//    inline <script>, so the CSP can forbid all other inline code. Fails the
//    build if the placeholder is missing.
// 3. Writes the single-file gongkai-offline.html (offline-html.mjs). It runs
//    here rather than as a second hook because Trunk runs a stage's hooks
//    at the same time, and it needs the stripped wasm.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripNames } from "./strip-wasm.mjs";
import { OFFLINE, writeOffline } from "./offline-html.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp-hash: TRUNK_STAGING_DIR is not set (run me from trunk)");
  process.exit(1);
}
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");

if (process.env.GONGKAI_KEEP_NAMES !== "1") {
  for (const wasm of readdirSync(dir).filter((f) => f.endsWith(".wasm"))) {
    const removed = stripNames(join(dir, wasm));
    if (!removed) continue;
    const sri = `sha384-${createHash("sha384").update(readFileSync(join(dir, wasm))).digest("base64")}`;
    const tag = new RegExp(`(href="\\./${wasm.replace(/[.]/g, "\\.")}"[^>]*?integrity=")[^"]*(")`);
    if (tag.test(html)) html = html.replace(tag, `$1${sri}$2`);
    else if (html.includes(wasm) && /integrity=/.test(html)) {
      console.error(`csp-hash: could not update the integrity hash of ${wasm}`);
      process.exit(1);
    }
    console.log(`csp-hash: ${wasm}: dropped ${removed} bytes of function names`);
  }
}

const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\bsrc\s*=/.test(m[1])) continue;
  hashes.push(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
}
if (!html.includes("CSP_INLINE_SCRIPT_HASHES")) {
  console.error("csp-hash: placeholder CSP_INLINE_SCRIPT_HASHES not found in index.html");
  process.exit(1);
}
writeFileSync(file, html.replace("CSP_INLINE_SCRIPT_HASHES", hashes.join(" ")));
console.log(`csp-hash: ${hashes.length} inline script(s) hashed`);

const size = writeOffline(dir);
console.log(`csp-hash: ${OFFLINE}: ${(size / 1e6).toFixed(2)} MB, everything inlined`);
