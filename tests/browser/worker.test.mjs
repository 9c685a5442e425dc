// Browser tests: the check runs in a Web Worker (the page's own wasm, a
// second instance), so the page answers while a long text is checked; a new
// paste stops the check still running; the 停止核对 button stops it; and
// where no worker can start the page checks the text itself and says so.
// Nothing is requested meanwhile.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { checkNumber, fixture, outside, paste, pasteOnly as pasteInto, ready, resultAfter, shots, useApp } from "./harness.mjs";

let page, url;
const app = useApp({ then: (a) => ({ page, url } = a) });

/** The repeated unit of numeric prose, without "。" (tests/common/stress.rs). */
const PROSE_UNIT = "其他收入21.48万元，与2023年度相比，增加18.87万元，增长722.99%，";

/**
 * The 烟台 2024 决算 with about `bytes` bytes (UTF-8) of numeric prose after
 * its 其他收入 line, in paragraphs of about 8 KB without "。" (blank lines
 * between them). One 1 MB paragraph, as `stress::numeric_paragraph` makes it,
 * now takes about as long to check as the page takes to show it: its claims
 * beyond the per-paragraph cap are skipped. In 8 KB paragraphs every claim
 * is read, so the check runs long enough to be clicked through.
 */
function numericParagraph(bytes) {
  const lines = fixture("yantai-office-2024-final.txt").split("\n");
  const at = lines.findIndex((l) => l.startsWith("6、其他收入"));
  assert.ok(at > 0, "the 其他收入 paragraph");
  const unit = Buffer.byteLength(PROSE_UNIT);
  const para = PROSE_UNIT.repeat(Math.ceil(8192 / unit));
  const paras = Array.from({ length: Math.ceil(bytes / Buffer.byteLength(para)) }, () => para);
  return [...lines.slice(0, at + 1), paras.join("\n\n"), ...lines.slice(at + 1)].join("\n");
}

const BIG = numericParagraph(1 << 20);

/** Pastes without waiting for the result (one input event of type insertFromPaste). */
const pasteOnly = (text) => pasteInto(page, text);

/** Waits until the summary shows a result newer than `seq`, a not-recognised notice or an error. */
const settled = (seq) => resultAfter(page, seq, { orError: "#summary > .notice.error", timeout: 120_000 });

const checking = page => page.locator("#summary .notice.checking");

/**
 * Makes the idle checking worker hold each job for `ms` before it checks it,
 * as a slower machine's check would. The 1 MB check itself now ends in about
 * 230 ms, sooner than the page's own handling of a 1 MB paste lets it show
 * the busy indicator (150–350 ms): without the hold, whether a click, a
 * 停止核对 or a second paste lands mid-check is a race (it failed about one
 * full run in three). The hold spins the worker's thread, not the page's, so
 * a page whose thread the check held would still fail every test below.
 */
async function holdWorker(ms) {
  // Terminated workers leave the list a moment after they end.
  for (let i = 0; i < 100 && page.workers().length !== 1; i++) await page.waitForTimeout(50);
  const workers = page.workers();
  assert.equal(workers.length, 1, "one checking worker, idle");
  await workers[0].evaluate((ms) => {
    const check = self.onmessage;
    self.onmessage = (e) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
      check.call(self, e);
    };
  }, ms);
}

/** How long the worker holds each job in the tests that need a check running (see [`holdWorker`]). */
const HOLD_MS = 1_500;

/**
 * Pastes `text`, and clicks the 在本机保存 checkbox while its check runs; its
 * hint must change at once. The wait for the busy indicator, the click and
 * the wait for the hint all run in the page, without a round trip in
 * between. If the page's thread were busy checking, this evaluate could not
 * even start. Undone afterwards (nothing kept in this browser), and the
 * check let finish, so that a failure leaves no check running.
 */
async function clickDuringCheck(text) {
  const seq = await checkNumber(page);
  const started = Date.now();
  await pasteOnly(text);
  const { during, busyAt, asked, answeredAt } = await page.evaluate(async () => {
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    const limit = performance.now() + 5_000;
    while (!document.querySelector("#summary .notice.checking") && performance.now() < limit) await frame();
    const busyAt = Date.now();
    const box = [...document.querySelectorAll(".keep input[type=checkbox]")][0];
    const asked = Date.now();
    box.click();
    for (;;) {
      if (/保存在这台电脑/.test(document.querySelector(".keep .hint").textContent)) break;
      await frame();
    }
    return { during: !!document.querySelector("#summary .notice.checking"), busyAt, asked, answeredAt: Date.now() };
  });
  await page.getByLabel("在本机保存粘贴的文本").uncheck();
  await settled(seq);
  return { during, busyAfter: busyAt - started, answered: answeredAt - asked, millis: Date.now() - started };
}

test("a 1 MB numeric paragraph is checked in the worker: the page answers a click meanwhile", async () => {
  assert.ok(Buffer.byteLength(BIG) > 1 << 20, `${Buffer.byteLength(BIG)} bytes`);
  const requests = app.requests.length;
  // A first check boots the worker (its job handler is installed then), and
  // the worker holds the next jobs (see `holdWorker`). Should a run still end
  // before the click takes effect, it shows nothing either way and is
  // repeated (with one more trailing space, so the text is new) up to
  // MAX_RUNS times. A page whose thread the check held could never answer
  // mid-check, however often it was tried.
  const warm = await checkNumber(page);
  await pasteOnly(fixture("yantai-office-2023-budget.txt"));
  await settled(warm);
  await holdWorker(HOLD_MS);
  const MAX_RUNS = 3;
  let text = BIG;
  let run;
  let attempts = 0;
  while (attempts < MAX_RUNS) {
    text = BIG + " ".repeat(attempts);
    attempts += 1;
    run = await clickDuringCheck(text);
    if (run.during) break;
  }
  const { during, busyAfter, answered, millis } = run;
  assert.ok(during, "the check was still running when the click took effect");
  assert.ok(answered < 200, `the click took effect in ${answered} ms`);
  assert.equal(await checking(page).count(), 0, "the busy indicator is gone");
  const card = await page.locator("#summary .card").innerText();
  assert.match(card, /烟台市人民政府办公室/);
  assert.match(card, /2024年度/);
  assert.ok((await page.locator("details.table").count()) >= 9, "the tables are shown");
  assert.equal((await page.getByLabel("粘贴公开文本").inputValue()).length, text.length, "the text stays in the editor");
  assert.deepEqual(app.requests.slice(requests), [], "checking in the worker requests nothing");
  const check = Number((await page.locator("#summary .source-meta").innerText()).match(/用时 (\d+) 毫秒/)?.[1]);
  await page.screenshot({ path: join(shots, "31-worker-result.png") });
  console.log(
    `1 MB numeric paragraph (${Buffer.byteLength(BIG)} bytes): busy indicator after ${busyAfter} ms, ` +
      `a click answered in ${answered} ms mid-check, paste → result ${millis} ms (check in the worker ${check} ms; ` +
      `run ${attempts} of at most ${MAX_RUNS})`,
  );
});

test("a second paste stops the first check: the result shown is the second text's", async () => {
  await holdWorker(HOLD_MS);
  const seq = await checkNumber(page);
  await pasteOnly(BIG);
  await checking(page).waitFor({ timeout: 5_000 });
  const started = Date.now();
  await paste(page, fixture("qingdao-office-2023-budget.txt"));
  const millis = Date.now() - started;
  const shown = await checkNumber(page);
  assert.equal(shown, seq + 2, "the second paste's result (the first's was never shown)");
  assert.match(await page.locator("#summary .card").innerText(), /青岛市人民政府办公厅/);
  // Long enough for the first check to have finished, had it not been stopped.
  await page.waitForTimeout(3_000);
  assert.equal(await checkNumber(page), shown, "no late result replaced it");
  assert.match(await page.locator("#summary .card").innerText(), /青岛市人民政府办公厅/);
  assert.equal(await checking(page).count(), 0);
  console.log(`second paste during a 1 MB check: its result in ${millis} ms`);
});

test("停止核对 stops a running check and keeps the text", async () => {
  await holdWorker(HOLD_MS);
  await pasteOnly(BIG);
  // Waited for and clicked in the page the moment it is there: read in
  // linear time, the check lasts about half a second after the page shows
  // it, less than a round trip per Playwright step can be trusted with.
  const stopped = await page.evaluate(async () => {
    const limit = performance.now() + 5_000;
    let button = null;
    while (!(button = document.querySelector("#summary .notice.checking button.stop")) && performance.now() < limit) {
      await new Promise((ok) => requestAnimationFrame(ok));
    }
    button?.click();
    return !!button;
  });
  assert.ok(stopped, "the check was still running when 停止核对 was clicked");
  await page.locator("#summary > .notice.error", { hasText: "已停止核对" }).waitFor({ timeout: 1_000 });
  assert.equal(await checking(page).count(), 0);
  assert.equal((await page.getByLabel("粘贴公开文本").inputValue()).length, BIG.length);
  // A fresh worker checks the next text.
  const started = Date.now();
  await pasteOnly(fixture("yantai-office-2023-budget.txt"));
  await settled(0);
  assert.match(await page.locator("#summary .card").innerText(), /烟台市人民政府办公室/);
  console.log(`after 停止核对, the next paste's result in ${Date.now() - started} ms`);
});

test("a worker that dies during a check becomes a message; the text stays and the next check works", async () => {
  // Make the idle worker throw on its next job, as a panic or running out
  // of memory would end it.
  // Terminated workers leave the list a moment after they end.
  for (let i = 0; i < 100 && page.workers().length !== 1; i++) await page.waitForTimeout(50);
  const workers = page.workers();
  assert.equal(workers.length, 1, "one checking worker, idle");
  await workers[0].evaluate(() => {
    self.onmessage = () => {
      throw new Error("模拟的崩溃");
    };
  });
  const text = fixture("yantai-office-2024-final.txt");
  await pasteOnly(text);
  const error = page.locator("#summary > .notice.error", { hasText: "核对程序出错" });
  await error.waitFor({ timeout: 10_000 });
  assert.match(await error.innerText(), /模拟的崩溃/);
  assert.match(await error.innerText(), /您的文字仍在输入框中/);
  assert.equal(await checking(page).count(), 0);
  assert.equal(await page.getByLabel("粘贴公开文本").inputValue(), text.replace(/\r\n/g, "\n"));
  // A fresh worker takes the next check.
  await page.getByRole("button", { name: "检查", exact: true }).click();
  await settled(0);
  assert.match(await page.locator("#summary .card").innerText(), /烟台市人民政府办公室/);
  // The simulated crash is the only error anything logged.
  app.problems.splice(0, app.problems.length, ...app.problems.filter((p) => !/模拟的崩溃/.test(p)));
});

test("without Web Workers the page checks the text itself and says so", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    delete window.Worker;
  });
  const other = await context.newPage();
  const problems = [];
  other.on("pageerror", (e) => problems.push(e.message));
  await other.goto(url);
  await ready(other);
  await paste(other, fixture("yantai-office-2024-final.txt"));
  assert.match(await other.locator("#summary .card").innerText(), /烟台市人民政府办公室/);
  assert.match(await other.locator("#summary .notice.fallback").innerText(), /改为在本页核对/);
  assert.deepEqual(problems, []);
  assert.deepEqual(outside(requests, url), []);
  await context.close();
});

test("every request stayed on loopback, and nothing logged an error", () => {
  assert.deepEqual(outside(app.requests, url), []);
  assert.deepEqual(app.problems, []);
});
