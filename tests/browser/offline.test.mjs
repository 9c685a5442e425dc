// The single-file build, dist/gongkai-offline.html, opened from a file://
// URL the way a reviewer on a locked-down machine would double-click it: no
// server, no network. It must check a corpus document (in its checking
// worker, started from a blob: URL the page makes of its own script), load a
// bundled sample from itself, and make no request at all besides the file
// itself (a blob: URL is memory of the page, not a request).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { dist, fixture, launch, paste, ready, shots } from "./harness.mjs";

const file = join(dist, "gongkai-offline.html");
const url = pathToFileURL(file).href;

let browser, context, page;
const requests = [];
const problems = [];

before(async () => {
  assert.ok(existsSync(file), `${file} is written by the release build`);
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  context.on("request", (r) => requests.push(r.url()));
  page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  await ready(page);
});

after(async () => {
  await browser?.close();
});

test("it is one file, and its CSP allows only what it carries", async () => {
  console.log(`gongkai-offline.html: ${(statSync(file).size / 1e6).toFixed(2)} MB`);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'(;|$)/);
  assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
  assert.match(csp, /worker-src blob:(;|$)/);
  assert.doesNotMatch(csp, /'self'|unsafe-inline|https?:/);
  // Nothing refers to another file.
  const refs = await page.evaluate(() =>
    [...document.querySelectorAll("[src], link[href]")].map((e) => e.getAttribute("src") ?? e.getAttribute("href")),
  );
  assert.deepEqual(refs.filter((r) => !r.startsWith("data:")), []);
});

test("a pasted corpus document is checked in the worker and shows its tables and findings", async () => {
  await paste(page, fixture("yantai-office-2024-final.txt"));
  assert.equal(page.workers().length, 1, "the checking worker runs");
  assert.match(page.workers()[0].url(), /^blob:/);
  assert.equal(await page.locator("#summary .notice.fallback").count(), 0, "not checked in the page instead");
  const card = await page.locator("#summary .card").innerText();
  assert.match(card, /烟台市人民政府办公室/);
  assert.match(card, /2024年度/);
  assert.ok((await page.locator("details.table").count()) >= 9, "the tables are shown");
  assert.ok((await page.locator("li.finding").count()) > 0, "the findings are listed");
  assert.match(await page.locator('details.table[data-table="01"]').innerText(), /10,261\.39/);
  await page.screenshot({ path: join(shots, "offline-yantai-2024.png") });
});

test("a bundled sample loads from the file itself", async () => {
  await page.getByLabel("载入示例").selectOption("qingdao-office-2023-budget.txt");
  await page.locator("#summary .card", { hasText: "青岛市人民政府办公厅" }).waitFor();
  assert.match(await page.locator("#summary .card").innerText(), /预算/);
  assert.equal(await page.locator("#input .notice.error").count(), 0);
});

test("no request was made besides the file itself, and nothing logged an error", () => {
  assert.deepEqual(
    requests.filter((r) => r !== url && !r.startsWith("blob:null/")),
    [],
  );
  assert.ok(requests.length <= 2, `the file and the worker's blob: ${requests.join(" ")}`);
  assert.deepEqual(problems, []);
});
