// Browser tests: the release build in dist/, in Debian's headless Chromium.
//
// One browser and one page for the whole file (the wasm loads once), driven
// like a user would: paste, click, choose a sample, pick files, type garbage.
// Every request is recorded; nothing may leave loopback.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { axeProblems, fixture as readFixture, here, openRounding, outside, paste, ready, shots, start } from "./harness.mjs";

const fixture = readFixture("yantai-office-2024-final.txt");

let app, page, url;

before(async () => {
  app = await start();
  ({ page, url } = app);
});

after(async () => {
  await app?.close();
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
  assert.deepEqual(await axeProblems(page), [], "axe-core on the empty page");
});

test("pasting the 烟台 2024 决算 renders its tables and findings", async () => {
  await paste(page, fixture);
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

  // Findings: the 尾数误差 on 本年支出合计 is an info, folded away with the
  // other 尾数误差 until opened.
  await openRounding(page);
  const tbl002 = page.locator('li.finding[data-rule="TBL-002"]');
  await tbl002.first().waitFor();
  assert.equal((await tbl002.first().locator(".badge").innerText()).trim(), "提示");
  assert.match(await tbl002.first().innerText(), /本年支出合计|58/);
  // 公开01表 itself is consistent: nothing worse than 尾数误差 there. (Other
  // parts of the document may hold real errors; the count must match the list.)
  assert.equal(await page.locator('li.finding[data-table="01"]:not(.sev-info)').count(), 0);
  // The three errors are one wrong number (PERF-002) and two invented 类
  // names (TXT-001): the headline counts them apart.
  const numbers = await page.locator('li.finding[data-kind="numbers"]').count();
  assert.match(await summary().locator(".counts .kind-numbers").innerText(), new RegExp(`数字不符\\s*${numbers}\\s*处`));
  assert.equal(await page.locator('li.finding.sev-error[data-rule="TXT-001"][data-kind="wording"]').count(), 2);

  // "原文第N行" shows the line with its neighbours, from the pasted text.
  const jump = tbl002.first().locator("button.source-line");
  const n = Number((await jump.innerText()).match(/\d+/)[0]);
  const lines = fixture.split("\n").map((l) => l.replace(/\r$/, ""));
  await jump.click();
  assert.equal(await jump.getAttribute("aria-expanded"), "true");
  const context = tbl002.first().locator(".context");
  assert.equal(await context.locator("li.here .text").innerText(), lines[n - 1]);
  assert.deepEqual(
    (await context.locator("li .ln").allInnerTexts()).map(Number),
    [n - 2, n - 1, n, n + 1, n + 2],
    "two lines either side",
  );
  // …and from there the line can be selected in the editor.
  await context.getByRole("button", { name: "在输入框中选中这一行" }).click();
  const selected = await page.getByLabel("粘贴公开文本").evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, lines[n - 1]);
  assert.match(selected, /本年支出合计/);

  // The rule list comes from the catalogue.
  assert.ok((await page.locator("#rules li.rule").count()) >= 1);
  assert.ok(await page.locator("#rule-TBL-002").count());
  await page.screenshot({ path: join(shots, "02-yantai-2024.png"), fullPage: false });
  await page.locator("#findings").screenshot({ path: join(shots, "03-findings.png") });
});

test("no serious or critical accessibility problems (axe-core)", async () => {
  assert.deepEqual(await axeProblems(page), []);
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

test("a paste replaced by a sample can be put back", async () => {
  const mine = fixture.replace(/\r\n/g, "\n") + "\n（我的批注）";
  await paste(page, mine);
  await page.getByLabel("载入示例").selectOption("yantai-bigdata-2023-final.txt");
  await summary().locator(".card", { hasText: "烟台市大数据局" }).waitFor();
  await page.getByRole("button", { name: "恢复原来的文本" }).click();
  await summary().locator(".card", { hasText: "烟台市人民政府办公室" }).waitFor();
  assert.equal(await page.getByLabel("粘贴公开文本").inputValue(), mine);
  assert.equal(await page.locator(".notice.replaced").count(), 0);
});

test("a UTF-16 file is decoded and its encoding shown", async () => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture, "utf16le")]);
  await page.locator('input[type="file"]').setInputFiles({ name: "决算-utf16.txt", mimeType: "text/plain", buffer: bytes });
  // The card already names 烟台市人民政府办公室 from the test before: wait
  // for this file's result (checked in the worker, so not at once).
  await page.locator(".actions .source", { hasText: "决算-utf16.txt" }).waitFor();
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
  assert.deepEqual(await axeProblems(page), [], "axe-core with the refusal shown");
});

test("a binary file is refused and the editor keeps its text", async () => {
  const before = await page.getByLabel("粘贴公开文本").inputValue();
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
  await page.locator('input[type="file"]').setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: binary });
  const notice = page.locator("#input .notice.error");
  await notice.waitFor();
  assert.match(await notice.innerText(), /scan\.pdf.*无法识别为文本/);
  // …and says how to get text out of the formats disclosures come in.
  for (const format of ["PDF", "Word", "Excel"]) assert.match(await notice.innerText(), new RegExp(format));
  assert.match(await notice.innerText(), /复制.*另存为|另存为.*复制/);
  assert.equal(await page.getByLabel("粘贴公开文本").inputValue(), before);
});

test("findings can be filtered by severity and by family", async () => {
  await paste(page, fixture);
  const all = await page.locator("li.finding").count();
  const infos = await page.locator("li.finding.sev-info").count();
  assert.ok(infos > 0 && infos < all, "the 烟台 2024 决算 has 提示 and other findings");
  const shown = page.locator("#findings p.shown");
  assert.match(await shown.innerText(), new RegExp(`显示 ${all} 条，共 ${all} 条`));

  await page.locator('input[data-severity="sev-info"]').uncheck();
  assert.equal(await page.locator("li.finding.sev-info").count(), 0);
  assert.equal(await page.locator("li.finding").count(), all - infos);
  assert.match(await shown.innerText(), new RegExp(`显示 ${all - infos} 条`));
  await page.locator('input[data-severity="sev-info"]').check();

  const tbl = await page.locator('li.finding[data-rule^="TBL-"]').count();
  assert.ok(tbl > 0);
  await page.locator('input[data-family="TBL"]').uncheck();
  assert.equal(await page.locator('li.finding[data-rule^="TBL-"]').count(), 0);
  assert.equal(await page.locator("li.finding").count(), all - tbl);
  // Every family of the catalogue has a filter; keyboard toggles it too.
  for (const fam of ["DOC", "TBL", "XTBL", "NAR", "SG", "PERF", "TXT", "PLA"]) {
    assert.equal(await page.locator(`input[data-family="${fam}"]`).count(), 1, fam);
  }
  await page.locator('input[data-family="TBL"]').focus();
  await page.keyboard.press("Space");
  assert.equal(await page.locator("li.finding").count(), all);

  // Grouped by kind, 尾数误差 last, and within a kind by table.
  const groups = await page.locator("#findings .kind-group h3").allTextContents();
  assert.deepEqual(groups.map((g) => g.replace(/（.*/, "")), ["数字不符", "文字与表述问题", "其他提示", "尾数误差"]);
  assert.ok((await page.locator("#findings h4.table-group").allTextContents()).some((h) => /^公开01表/.test(h)));
  for (const group of await page.locator("#findings .kind-group").all()) {
    const tables = (await group.locator("h4.table-group").allTextContents()).map((h) => h.replace(/（\d+）$/, ""));
    assert.equal(new Set(tables).size, tables.length, `one heading per table in a group: ${tables}`);
  }
});

test("the rule's explanation is available on each finding", async () => {
  const first = page.locator("li.finding").first();
  const why = first.locator("details.why");
  await why.locator("summary").click();
  assert.match(await why.locator("p").first().innerText(), /\S{8,}/);
});

test("the text is kept across a reload only when the user opts in", async () => {
  const { context, page: p } = await app.open();
  const editor = p.getByLabel("粘贴公开文本");
  const keep = p.getByLabel("在本机保存粘贴的文本");
  assert.equal(await keep.isChecked(), false, "off by default");
  await paste(p, fixture);
  await p.reload();
  await ready(p);
  assert.equal(await editor.inputValue(), "", "nothing kept without opting in");
  assert.equal(await p.evaluate(() => localStorage.length), 0, "nothing stored");

  await keep.check();
  await paste(p, fixture);
  await p.reload();
  await ready(p);
  assert.equal(await editor.inputValue(), fixture.replace(/\r\n/g, "\n"), "the text is back");
  assert.equal(await keep.isChecked(), true);
  // …and checked again without being asked.
  await p.locator("#summary .card", { hasText: "烟台市人民政府办公室" }).waitFor();

  await p.getByRole("button", { name: "清除本机保存的文本" }).click();
  assert.equal(await p.evaluate(() => localStorage.length), 0, "cleared on request");
  assert.equal(await keep.isChecked(), false);
  assert.notEqual(await editor.inputValue(), "", "clearing the saved copy leaves the editor alone");
  await p.reload();
  await ready(p);
  assert.equal(await editor.inputValue(), "");
  await context.close();
});

test("every request stayed on loopback, and nothing logged an error", () => {
  assert.deepEqual(outside(app.requests, url), [], "requests to other origins");
  assert.ok(app.requests.some((r) => r.endsWith(".wasm")), "the wasm came from the test server");
  assert.deepEqual(app.problems, []);
});
