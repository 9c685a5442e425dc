// Shared by the browser tests and the bench: serve dist/ on loopback, start
// Debian's headless Chromium, record every request, paste text the fast way,
// run axe-core.
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, "..", "..");
export const dist = join(repo, "dist");
export const shots = join(repo, "target", "screenshots");

/** A corpus document's text (tests/fixtures). */
export const fixture = (file) => readFileSync(join(repo, "tests", "fixtures", file), "utf8");

/** The five corpus documents and what the page must say about them. */
export const CORPUS = [
  { file: "yantai-office-2024-final.txt", department: "烟台市人民政府办公室", year: 2024, kind: "决算" },
  { file: "qingdao-office-2024-final.txt", department: "青岛市人民政府办公厅", year: 2024, kind: "决算" },
  { file: "yantai-bigdata-2023-final.txt", department: "烟台市大数据局", year: 2023, kind: "决算" },
  { file: "yantai-office-2023-budget.txt", department: "烟台市人民政府办公室", year: 2023, kind: "预算" },
  { file: "qingdao-office-2023-budget.txt", department: "青岛市人民政府办公厅", year: 2023, kind: "预算" },
];

const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/**
 * Serves dist/, starts Chromium and opens the app once the wasm is running.
 * Returns { url, browser, context, page, requests, problems, open, close }:
 * `requests` collects every URL requested, `problems` page and console
 * errors; `open(viewport)` opens another page in its own context.
 */
export async function start({ viewport = { width: 1280, height: 900 } } = {}) {
  mkdirSync(shots, { recursive: true });
  const { server, url } = await serve(dist);
  const browser = await launch();
  const requests = [];
  const problems = [];
  const open = async (vp = viewport) => {
    const context = await browser.newContext({ viewport: vp, locale: "zh-CN", acceptDownloads: true });
    context.on("request", (r) => requests.push(r.url()));
    const page = await context.newPage();
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    await page.goto(url);
    await ready(page);
    await workerStarted(page);
    return { context, page };
  };
  const { context, page } = await open();
  const close = async () => {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  };
  return { url, browser, context, page, requests, problems, open, close };
}

/** Starts Debian's headless Chromium (never a downloaded one). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

/** Waits until the app replaced the loading placeholder. */
export async function ready(page) {
  await page.getByLabel("粘贴公开文本").waitFor({ timeout: 60_000 });
}

/**
 * The app for the tests of one file: started before them (see [`start`]),
 * closed after them. Returns its handle, filled in once it is up; `then`,
 * if given, is called with it then (to pick out its page and URL).
 */
export function useApp({ viewport, then } = {}) {
  const app = {};
  before(async () => {
    Object.assign(app, await start({ viewport }));
    then?.(app);
  });
  after(async () => {
    await app.close?.();
  });
  return app;
}

/**
 * Waits until the page's checking worker is up. The app starts it with the
 * page, from a blob: URL; waiting keeps that start out of the requests a
 * test counts.
 */
export async function workerStarted(page) {
  const started = page.waitForEvent("worker", { timeout: 30_000 });
  if (page.workers().length > 0) {
    started.catch(() => {});
    return;
  }
  await started;
}

/** The submission number the summary shows, or 0. */
export const checkNumber = (page) =>
  page.evaluate(() => Number(document.querySelector("#summary [data-check]")?.dataset.check ?? 0));

/**
 * Puts `text` in the editor the way a browser reports a paste (value set at
 * once, one input event of type insertFromPaste; typing 100 KB would take
 * minutes), without waiting for its result.
 */
export const pasteOnly = (page, text) =>
  page.evaluate((text) => {
    const area = document.getElementById("paste");
    area.value = text;
    area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  }, text);

/**
 * Waits until the summary shows the result of a check newer than `seq`
 * (see [`checkNumber`]): a report's card, or the notice that the text is
 * not a disclosure (both carry the number, so a notice left from an
 * earlier check does not count), or, when `orError` (a selector) is given,
 * until that error shows.
 */
export const resultAfter = (page, seq, { orError = null, timeout } = {}) =>
  page.waitForFunction(
    ({ seq, orError }) =>
      Number(document.querySelector("#summary [data-check]")?.dataset.check ?? 0) > seq ||
      (orError !== null && document.querySelector(orError)),
    { seq, orError },
    timeout === undefined ? {} : { timeout },
  );

/** Pastes `text` (see [`pasteOnly`]), then waits for the result of this paste. */
export async function paste(page, text) {
  const before = await checkNumber(page);
  await pasteOnly(page, text);
  await resultAfter(page, before);
}

/** Resolves after the next two frames: what the app does in
 * requestAnimationFrame after a check (scrolling to the result) is done. */
export const frames = (page) =>
  page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

/** Whether the element's box lies wholly inside the viewport. */
export const inViewport = (locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
  });

/** Opens the folded 尾数误差 group of the findings, if there is one. */
export async function openRounding(page) {
  const group = page.locator("#findings details.kind-rounding");
  if ((await group.count()) && !(await group.evaluate((d) => d.open))) await group.locator(":scope > summary").click();
}

/** axe-core problems of serious or critical impact, as readable strings. */
export async function axeProblems(page) {
  // Injected through the DevTools protocol, which the page's CSP does not govern.
  if (!(await page.evaluate(() => !!window.axe))) {
    await page.evaluate(readFileSync(join(here, "node_modules", "axe-core", "axe.min.js"), "utf8"));
  }
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.nodes.length}×): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target).join(" | ")}`);
}

/** Requests that left loopback (data: and blob: URLs stay in the page). */
export function outside(requests, url) {
  const origin = new URL(url).origin;
  return requests.filter((r) => !r.startsWith(origin + "/") && !/^(data|blob):/.test(r));
}

/** Clicks an export button and returns the downloaded file's name and bytes. */
export async function download(page, which) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(`button[data-export="${which}"]`).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}
