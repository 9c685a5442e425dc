// Trunk post_build hook: replaces CSP_INLINE_SCRIPT_HASHES in the staged
// index.html with the sha256 of every inline <script>, so the CSP can forbid
// all other inline code. Fails the build if the placeholder is missing.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp-hash: TRUNK_STAGING_DIR is not set (run me from trunk)");
  process.exit(1);
}
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
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
