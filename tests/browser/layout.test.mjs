// The page at a phone's width (360 px) and a wide screen's (1920 px): no
// horizontal page scroll (wide tables scroll inside their own box), a jump
// to a cell still lands in view, no serious axe problems, and a print view
// without the editor and controls. Screenshots of each state go to
// target/screenshots/ for a person to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { axeProblems, fixture, openRounding, outside, paste, shots, useApp } from "./harness.mjs";

const app = useApp();

/** Whether the page itself scrolls sideways. */
const pageScrollsSideways = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** Screenshot of the viewport with `selector`'s top at the top of it. */
async function shotAt(page, selector, file) {
  await page.locator(selector).first().evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(shots, file) });
}

for (const viewport of [
  { width: 360, height: 780 },
  { width: 1920, height: 1080 },
]) {
  const w = viewport.width;
  test(`usable at ${w} px wide`, async () => {
    const { context, page } = await app.open(viewport);
    await page.screenshot({ path: join(shots, `${w}-01-empty.png`) });
    assert.equal(await pageScrollsSideways(page), false, "empty page");

    await paste(page, fixture("yantai-office-2024-final.txt"));
    assert.equal(await pageScrollsSideways(page), false, "with results");
    if (w === 360) {
      // Wide tables scroll inside their box instead.
      const inside = await page.locator(".scroll").evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).length);
      assert.ok(inside > 0, "some table scrolls inside its own box");
    }
    await shotAt(page, "#summary", `${w}-02-summary.png`);
    await shotAt(page, "#findings", `${w}-03-findings.png`);
    await shotAt(page, "#sangong", `${w}-04-sangong.png`);
    await shotAt(page, 'details.table[data-table="02"]', `${w}-05-table-02.png`);

    // Keyboard: Tab from the editor reaches the 检查 button, and focus shows.
    await page.getByLabel("粘贴公开文本").focus();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => ({
      text: document.activeElement.textContent,
      outline: getComputedStyle(document.activeElement).outlineStyle,
    }));
    assert.equal(focused.text, "检查");
    assert.notEqual(focused.outline, "none", "visible focus");

    // A jump from a finding lands in view, also sideways inside a table box.
    await openRounding(page);
    const jump = page.locator("li.finding p.links button.jump", { hasText: "定位此格" }).first();
    await jump.scrollIntoViewIfNeeded();
    await jump.press("Enter");
    await page.locator(".jumped").waitFor();
    const inView = await page.locator(".jumped").evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
    });
    assert.ok(inView, "the highlighted cell is in the viewport");
    assert.equal(await pageScrollsSideways(page), false, "after the jump");
    await page.screenshot({ path: join(shots, `${w}-06-jump.png`) });

    assert.deepEqual(await axeProblems(page), [], "axe-core, serious or critical");

    // Print: a clean report.
    await page.emulateMedia({ media: "print" });
    for (const hidden of ["#input", ".export", ".filters", "#rules", "header.site nav"]) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
    }
    assert.ok(await page.locator("#findings").isVisible());
    assert.ok(await page.locator("#sangong svg.chart").first().isVisible());
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, `${w}-07-print.png`) });
    await page.emulateMedia({ media: "screen" });
    await context.close();
  });
}

test("every request stayed on loopback, and nothing logged an error", () => {
  assert.deepEqual(outside(app.requests, app.url), []);
  assert.deepEqual(app.problems, []);
});
