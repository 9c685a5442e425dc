// Drops the "name" custom section from a built .wasm: function names for
// debuggers and stack traces, which Leptos's long generic type names make
// ~40% of the file and which the page never needs. Trunk 0.21 cannot ask
// wasm-bindgen to drop it and wasm-opt is off (Trunk.toml), so the
// post_build hook (csp-hash.mjs) calls this. GONGKAI_KEEP_NAMES=1 keeps them
// (readable panics while debugging).
import { readFileSync, writeFileSync } from "node:fs";

/** Reads an unsigned LEB128 at `i`; returns [value, next index]. */
function leb(bytes, i) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[i++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, i];
  }
}

/**
 * Rewrites `file` without its "name" section. Returns the bytes removed (0
 * when there was none or the file is not a wasm module).
 */
export function stripNames(file) {
  const bytes = readFileSync(file);
  if (bytes.readUInt32LE(0) !== 0x6d736100) return 0; // "\0asm"
  const keep = [bytes.subarray(0, 8)];
  let removed = 0;
  let i = 8;
  while (i < bytes.length) {
    const start = i;
    const id = bytes[i++];
    const [size, body] = leb(bytes, i);
    const end = body + size;
    let drop = false;
    if (id === 0) {
      const [len, at] = leb(bytes, body);
      drop = bytes.subarray(at, at + len).toString("utf8") === "name";
    }
    if (drop) removed += end - start;
    else keep.push(bytes.subarray(start, end));
    i = end;
  }
  if (removed) writeFileSync(file, Buffer.concat(keep));
  return removed;
}
