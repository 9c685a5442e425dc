// Browser bench (not a test; `make bench-browser`): pastes the largest corpus
// document N times into the release build in headless Chromium and prints how
// long each paste took until its results were on screen.
//
// Clock: performance.now() in the page, from just before the paste's input
// event to the first frame after the results rendered (requestAnimationFrame,
// then a task: the frame has been painted by then). The app renders in
// microtasks after the input event, so nothing of it is left out. Also
// printed: "dom", when this paste's summary card appeared (a MutationObserver),
// and "core", the check itself as the app reports it (用时 N 毫秒).
//
// Usage: node bench.mjs [RUNS] (default 15; env BENCH_FILE picks another
// corpus file).
import { fixture, paste, start } from "./harness.mjs";

const runs = Number(process.argv[2] ?? 15);
const file = process.env.BENCH_FILE ?? "yantai-office-2024-final.txt";
const text = fixture(file);

const app = await start({ viewport: { width: 1280, height: 900 } });
const { page } = app;
try {
  // One paste first, so the numbers below are for a page in use.
  await paste(page, text);
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await page.evaluate(async (text) => {
      const check = () => Number(document.querySelector("#summary [data-check]")?.dataset.check ?? 0);
      const before = check();
      const area = document.getElementById("paste");
      let dom = null;
      const seen = new Promise((resolve) => {
        const mo = new MutationObserver(() => {
          if (check() > before && dom === null) {
            dom = performance.now();
            mo.disconnect();
            resolve();
          }
        });
        mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-check"] });
      });
      const t0 = performance.now();
      area.value = text;
      area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
      await seen;
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const painted = performance.now();
      const core = Number(document.querySelector("#summary .source-meta")?.textContent.match(/用时 (\d+) 毫秒/)?.[1]);
      return { painted: painted - t0, dom: dom - t0, core, cells: document.querySelectorAll("#tables td").length };
    }, text);
    results.push(r);
    console.log(
      `run ${String(i + 1).padStart(2)}: ${r.painted.toFixed(1).padStart(7)} ms on screen, ` +
        `${r.dom.toFixed(1).padStart(7)} ms summary in DOM, core ${r.core} ms (${r.cells} table cells)`,
    );
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  console.log(`\n${file} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB), ${runs} pastes:`);
  console.log(`  median paste → results on screen: ${median(results.map((r) => r.painted)).toFixed(1)} ms`);
  console.log(`  median paste → summary in DOM:    ${median(results.map((r) => r.dom)).toFixed(1)} ms`);
  console.log(`  median core check (in the app):   ${median(results.map((r) => r.core))} ms`);
  console.log(`  min / max on screen: ${Math.min(...results.map((r) => r.painted)).toFixed(1)} / ${Math.max(...results.map((r) => r.painted)).toFixed(1)} ms`);
} finally {
  await app.close();
}
