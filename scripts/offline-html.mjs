// Writes gongkai-offline.html: the whole app in one file, for reviewers who
// cannot run a server or install anything but can open a file. A page opened
// from file:// may not fetch its wasm, scripts or samples, so everything is
// inlined: the stylesheet, the icon (a data: URL), the bundled samples (hidden
// text the app reads instead of fetching them), the wasm-bindgen glue and the
// wasm itself (base64, decoded in the same inline script and handed to the
// glue's init function). Its CSP allows nothing but the inline script and
// style by hash, wasm compilation, and the checking worker, which the app
// starts from a blob: URL made of the glue's text (read back from this
// script, up to GLUE_END: crates/web/src/app/worker.rs) and the compiled module.
//
// Called by csp-hash.mjs at the end of the post_build hook with the staging
// directory (after the wasm is stripped); `node scripts/offline-html.mjs DIR`
// rebuilds it from a finished dist/.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const OFFLINE = "gongkai-offline.html";
// Where the glue ends in the inline script; crates/web/src/app/worker.rs looks for it.
const GLUE_END = "\n//# gongkai: end of glue\n";

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fail = (msg) => {
  throw new Error(`offline-html: ${msg}`);
};

/** The one file in `dir` whose name matches `re`. */
function only(dir, re, what) {
  const found = readdirSync(dir).filter((f) => re.test(f));
  if (found.length !== 1) fail(`expected one ${what} in ${dir}, found ${found.length}: ${found.join(", ")}`);
  return found[0];
}

/** Builds the single-file page from the staged build in `dir`; returns its size in bytes. */
export function writeOffline(dir) {
  let html = readFileSync(join(dir, "index.html"), "utf8");

  // Trunk's links to the staged files: the stylesheet and icon are inlined,
  // the preloads of the glue and the wasm dropped (both are inlined below).
  let style = null;
  let icon = null;
  html = html.replace(/<link\b[^>]*>\s*/gi, (tag) => {
    const href = tag.match(/\bhref="([^"]*)"/)?.[1];
    const rel = tag.match(/\brel="([^"]*)"/)?.[1];
    if (!href || !href.startsWith("./")) return tag;
    const file = join(dir, href.slice(2));
    if (rel === "stylesheet") style = readFileSync(file, "utf8");
    else if (rel === "icon") icon = readFileSync(file).toString("base64");
    else if (rel !== "modulepreload" && rel !== "preload") fail(`unexpected link ${tag}`);
    return "";
  });
  if (style === null) fail("no stylesheet link in index.html");
  if (icon === null) fail("no icon link in index.html");

  // Trunk's loader imports the glue from a file: it is replaced.
  const loaders = html.match(/<script\b[^>]*>[\s\S]*?<\/script>\s*/gi) ?? [];
  if (loaders.length !== 1) fail(`expected Trunk's one inline loader, found ${loaders.length} scripts`);
  html = html.replace(loaders[0], "");

  const glue = readFileSync(join(dir, only(dir, /\.js$/, "wasm-bindgen script")), "utf8");
  const init =
    glue.match(/^export default (\w+);?$/m)?.[1] ??
    glue.match(/^export \{[^}]*\b(\w+) as default\b/m)?.[1] ??
    fail("the glue has no default export (its init function)");
  // A snippet module (wasm-bindgen's inline_js) would be fetched by an import.
  if (/^\s*import\b/m.test(glue)) fail("the glue imports another module, which a file:// page cannot load");
  const wasm = readFileSync(join(dir, only(dir, /_bg\.wasm$/, "wasm file"))).toString("base64");
  // The glue stays a module (its exports are harmless inline); the wasm is
  // passed as bytes, so the glue never builds a URL to fetch it from.
  if (glue.includes(GLUE_END)) fail("the glue contains the end-of-glue marker");
  const script = `${glue}${GLUE_END}{
  const b64 = "${wasm}";
  const wasm = Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64) : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  await ${init}({ module_or_path: wasm });
}
`;
  if (/<\/script/i.test(script) || /<\/style/i.test(style)) fail("inlined code contains a closing tag");

  const samplesDir = join(dir, "samples");
  const samples = existsSync(samplesDir)
    ? readdirSync(samplesDir)
        .filter((f) => f.endsWith(".txt"))
        .sort()
        .map((f) => `<div id="sample-${f}">${escapeText(readFileSync(join(samplesDir, f), "utf8"))}</div>`)
    : [];

  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    // The checking worker's script is a blob: the app makes from the glue.
    "worker-src blob:",
    `style-src ${sha256(style)}`,
    "img-src data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const meta = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;
  if (!meta.test(html)) fail("no CSP meta tag in index.html");
  // Replacement functions, not strings: the inlined code may contain "$&".
  html = html
    .replace(meta, () => `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace("</head>", () => `<link rel="icon" href="data:image/svg+xml;base64,${icon}">\n<style>${style}</style>\n</head>`)
    .replace(
      "</body>",
      () => `<div id="inline-samples" hidden>${samples.join("")}</div>\n<script type="module" id="gongkai-script">${script}</script>\n</body>`,
    );
  writeFileSync(join(dir, OFFLINE), html);
  return Buffer.byteLength(html);
}

// Command line: node scripts/offline-html.mjs DIR
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const dir = process.argv[2] ?? "dist";
  const size = writeOffline(dir);
  console.log(`offline-html: ${join(dir, OFFLINE)}: ${(size / 1e6).toFixed(2)} MB`);
}
