// Browser tests: the release build in dist/, in Debian's headless Chromium.
//
// One browser and one page for the whole file (the wasm loads once), driven
// like a user would: paste, click, choose a sample, pick files, type garbage.
// Every request is recorded; nothing may leave loopback.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const dist = join(repo, "dist");
const shots = join(repo, "target", "screenshots");
const fixture = readFileSync(join(repo, "tests", "fixtures", "yantai-office-2024-final.txt"), "utf8");

const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

let server, url, browser, page;
const requests = [];
const problems = []; // page errors and console errors

before(async () => {
  mkdirSync(shots, { recursive: true });
  ({ server, url } = await serve(dist));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  context.on("request", (r) => requests.push(r.url()));
  page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  // The app replaces the loading placeholder once the wasm has started.
  await page.getByLabel("粘贴公开文本").waitFor({ timeout: 60_000 });
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
});

const summary = () => page.locator("#summary");

/** Pastes text into the editor and presses 检查. */
async function pasteAndCheck(text) {
  await page.getByLabel("粘贴公开文本").fill(text);
  await page.getByRole("button", { name: "检查", exact: true }).click();
}

/** The rendered cells of the first row whose label ends with `label` (labels
 * keep their printed numbering, "一、…") in table `number`. */
async function rowText(number, label) {
  const row = page
    .locator(`details.table[data-table="${number}"] tbody tr`)
    .filter({ has: page.locator("th.label", { hasText: new RegExp(`(^|、)${label}$`) }) })
    .first();
  return (await row.locator("td").allTextContents()).map((s) => s.trim());
}

test("the page loads under its CSP with no errors", async () => {
  assert.equal(await page.title(), "公开核对 · 预决算公开文本核对");
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /'sha256-[A-Za-z0-9+/=]+'/, "the inline loader's hash is in the CSP");
  assert.doesNotMatch(csp, /CSP_INLINE_SCRIPT_HASHES|unsafe-inline/);
  await page.screenshot({ path: join(shots, "01-empty.png"), fullPage: true });
});

test("pasting the 烟台 2024 决算 renders its tables and findings", async () => {
  await pasteAndCheck(fixture);
  await summary().locator(".card").waitFor();
  const card = await summary().locator(".card").innerText();
  assert.match(card, /烟台市人民政府办公室/);
  assert.match(card, /2024年度/);
  assert.match(card, /决算/);

  // 公开01表, amounts with thousands separators.
  const t01 = page.locator('details.table[data-table="01"]');
  await t01.waitFor();
  assert.match(await t01.locator("summary").innerText(), /公开01表/);
  assert.ok((await rowText("01", "本年收入合计")).includes("10,116.83"), "本年收入合计 10,116.83");
  assert.ok((await rowText("01", "一般公共预算财政拨款收入")).includes("10,095.35"), "一般公共预算财政拨款收入 10,095.35");
  assert.match(await t01.innerText(), /10,261\.39/, "总计 10,261.39");

  // Findings: the 尾数误差 on 本年支出合计 is an info; the only errors are the
  // two invented 类 names in the narrative (TXT-001, L495 and L497).
  const tbl002 = page.locator('li.finding[data-rule="TBL-002"]');
  await tbl002.first().waitFor();
  assert.equal((await tbl002.first().locator(".badge").innerText()).trim(), "提示");
  assert.match(await tbl002.first().innerText(), /本年支出合计|58/);
  // 公开01表 itself is consistent: nothing worse than 尾数误差 there. (Other
  // parts of the document may hold real errors; the count must match the list.)
  assert.equal(await page.locator('li.finding[data-table="01"]:not(.sev-info)').count(), 0);
  const errors = await page.locator("li.finding.sev-error").count();
  assert.match(await summary().locator(".counts .sev-error").innerText(), new RegExp(`错误\\s*${errors}$`));

  // "原文第N行" selects that line in the editor.
  const jump = tbl002.first().locator("button.source-line");
  const n = Number((await jump.innerText()).match(/\d+/)[0]);
  await jump.click();
  const selected = await page.getByLabel("粘贴公开文本").evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, fixture.split("\n")[n - 1].replace(/\r$/, ""));
  assert.match(selected, /本年支出合计/);

  // The rule list comes from the catalogue.
  assert.ok((await page.locator("#rules li.rule").count()) >= 1);
  assert.ok(await page.locator("#rule-TBL-002").count());
  await page.screenshot({ path: join(shots, "02-yantai-2024.png"), fullPage: false });
  await page.locator("#findings").screenshot({ path: join(shots, "03-findings.png") });
});

test("no serious or critical accessibility problems (axe-core)", async () => {
  // Injected through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(readFileSync(join(here, "node_modules", "axe-core", "axe.min.js"), "utf8"));
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.nodes.length}×): ${v.help} — ${v.nodes[0]?.target}`);
  assert.deepEqual(bad, []);
});

test("blank cells are shown differently from 0.00", async () => {
  const blanks = page.locator("td.num.blank");
  assert.ok((await blanks.count()) > 0, "the 烟台 tables have blank cells");
  assert.equal((await blanks.first().innerText()).trim(), "—");
});

test("a sample can be loaded from the chooser", async () => {
  await page.getByLabel("载入示例").selectOption("qingdao-office-2024-final.txt");
  await summary().locator(".card", { hasText: "青岛市人民政府办公厅" }).waitFor();
  assert.match(await page.locator(".actions .source").innerText(), /UTF-8/);
  const text = await page.getByLabel("粘贴公开文本").inputValue();
  assert.match(text, /青岛市人民政府办公厅/);
  await page.screenshot({ path: join(shots, "04-sample-qingdao.png") });
});

test("a UTF-16 file is decoded and its encoding shown", async () => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture, "utf16le")]);
  await page.locator('input[type="file"]').setInputFiles({ name: "决算-utf16.txt", mimeType: "text/plain", buffer: bytes });
  await summary().locator(".card", { hasText: "烟台市人民政府办公室" }).waitFor();
  assert.match(await page.locator(".actions .source").innerText(), /决算-utf16\.txt.*UTF-16LE/);
});

test("a GBK file dropped anywhere on the page is decoded and checked", async () => {
  const b64 = readFileSync(join(here, "fixtures", "qingdao-office-2024-final.gbk.txt")).toString("base64");
  const dataTransfer = await page.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    dt.items.add(new File([bytes], "青岛决算.txt", { type: "text/plain" }));
    return dt;
  }, b64);
  await page.dispatchEvent("footer", "dragover", { dataTransfer });
  await page.locator(".drop-overlay.shown").waitFor();
  await page.dispatchEvent("footer", "drop", { dataTransfer });
  await summary().locator(".card", { hasText: "青岛市人民政府办公厅" }).waitFor();
  assert.match(await page.locator(".actions .source").innerText(), /青岛决算\.txt.*GBK\/GB18030/);
  assert.equal(await page.locator(".drop-overlay.shown").count(), 0);
});

test("garbage gets a clear Chinese message and the text is kept", async () => {
  const novel =
    "那天下午，她沿着河边慢慢走着，想起小时候外婆家门前的那棵老槐树。风吹过来，带着泥土和青草的味道，" +
    "远处有人在喊孩子回家吃饭。她停下脚步，看着水面上碎成一片一片的夕阳，忽然觉得这些年走过的路都很远了。";
  await pasteAndCheck(novel);
  const box = summary().locator(".not-recognised");
  await box.waitFor();
  assert.match(await box.innerText(), /无法核对/);
  assert.equal(await page.getByLabel("粘贴公开文本").inputValue(), novel);
  // Pasting over a loaded file is a new text, not that file "edited".
  assert.match(await page.locator(".actions .source").innerText(), /粘贴的文本/);
  assert.equal(await page.locator("#tables").count(), 0, "no tables for a non-disclosure");
  await page.screenshot({ path: join(shots, "05-garbage.png") });
});

test("a binary file is refused and the editor keeps its text", async () => {
  const before = await page.getByLabel("粘贴公开文本").inputValue();
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
  await page.locator('input[type="file"]').setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: binary });
  const notice = page.locator("#input .notice.error");
  await notice.waitFor();
  assert.match(await notice.innerText(), /scan\.pdf.*无法识别为文本/);
  assert.equal(await page.getByLabel("粘贴公开文本").inputValue(), before);
});

test("every request stayed on loopback, and nothing logged an error", () => {
  const origin = new URL(url).origin;
  const outside = requests.filter((r) => !r.startsWith(origin + "/") && !/^(data|blob):/.test(r));
  assert.deepEqual(outside, [], "requests to other origins");
  assert.ok(requests.some((r) => r.endsWith(".wasm")), "the wasm came from the test server");
  assert.deepEqual(problems, []);
});
