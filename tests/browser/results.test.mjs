// Results people can read, over the five corpus documents: after a paste the
// result is on screen; the headline counts findings by kind (数字不符,
// 文字与表述问题, 尾数误差 …) and the list agrees; 尾数误差 stays folded
// until opened; on a phone every table that is wider than the screen says
// that it scrolls; and the coverage never contradicts itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { CORPUS, fixture, frames, inViewport, paste, shots, useApp } from "./harness.mjs";

const KINDS = ["numbers", "wording", "note", "rounding"];

const app = useApp();

test("after a Ctrl+V paste at 1280×900 the result is in view", async () => {
  const { context, page } = await app.open({ width: 1280, height: 900 });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(app.url).origin });
  await page.evaluate((text) => navigator.clipboard.writeText(text), fixture("yantai-office-2024-final.txt"));
  await page.getByLabel("粘贴公开文本").focus();
  await page.keyboard.press("Control+V");
  const card = page.locator("#summary .card");
  await card.waitFor();
  await frames(page);
  assert.ok(await inViewport(card), "the summary card is wholly in the viewport");
  await page.screenshot({ path: join(shots, "results-after-ctrl-v.png") });
  await context.close();
});

for (const doc of CORPUS) {
  test(`${doc.file}: in view, counted by kind, 尾数误差 folded, coverage consistent`, async () => {
    const { page } = app;
    await page.evaluate(() => window.scrollTo(0, 0));
    await paste(page, fixture(doc.file));
    await frames(page);
    assert.ok(await inViewport(page.locator("#summary .card")), "the result is in view after the paste");

    // The headline's numbers are the list's numbers, kind by kind.
    const headline = Object.fromEntries(
      await page
        .locator("#summary .counts li")
        .evaluateAll((ls) => ls.map((l) => [l.dataset.kind, Number(l.querySelector("strong").textContent)])),
    );
    const listed = await page.locator("li.finding").evaluateAll((ls) => ls.map((l) => l.dataset.kind));
    for (const kind of KINDS) {
      assert.equal(headline[kind] ?? 0, listed.filter((k) => k === kind).length, `${kind}: headline vs list`);
    }
    assert.ok("numbers" in headline, "数字不符 is always counted, also when it is 0");
    const verdict = await page.locator("#summary .verdict").innerText();
    if (headline.numbers) assert.match(verdict, new RegExp(`发现 ${headline.numbers} 处数字不符`));
    else assert.match(verdict, /未发现数字不符/);
    if (headline.wording) assert.match(verdict, new RegExp(`${headline.wording} 处文字与表述问题`));

    // 尾数误差: one closed line; its findings are there but not shown.
    const rounding = page.locator("#findings details.kind-rounding");
    if (headline.rounding) {
      assert.equal(await rounding.evaluate((d) => d.open), false, "folded by default");
      assert.match(await rounding.locator(":scope > summary").innerText(), new RegExp(`尾数误差（${headline.rounding} 处）`));
      const inside = rounding.locator('li.finding[data-kind="rounding"]');
      assert.equal(await inside.count(), headline.rounding, "every 尾数误差 is in the folded group");
      assert.equal(await inside.first().isVisible(), false);
      // A rate cut off rather than rounded (截尾) is a rounding note too.
      for (const m of await inside.locator(".message").allTextContents()) assert.match(m, /尾数|截尾/);
      await rounding.locator(":scope > summary").click();
      assert.equal(await inside.first().isVisible(), true, "opened on request");
    } else {
      assert.equal(await rounding.count(), 0);
    }

    // Coverage: the verdict speaks of unread tables only when some are
    // listed, and every table a skipped rule misses is listed.
    const cov = await page.locator("#summary").evaluate((s) => ({
      verdict: s.querySelector(".verdict").textContent,
      missing: s.querySelector(".tables-missing").textContent,
      skipped: [...s.querySelectorAll(".skipped li")].map((l) => l.textContent),
    }));
    assert.equal(/部分表格未能读取/.test(cov.verdict), cov.missing !== "无", `${cov.verdict} / 缺少：${cov.missing}`);
    for (const reason of cov.skipped) {
      for (const [, n] of reason.matchAll(/缺少公开(\d\d)表/g)) {
        assert.ok(cov.missing.includes(`公开${n}表`), `${reason} but 缺少的表：${cov.missing}`);
      }
    }
    await page.locator("#summary").screenshot({ path: join(shots, `results-${doc.file.replace(/\.txt$/, "")}.png`) });
  });
}

test("at 360 px every table wider than the screen shows that it scrolls", async () => {
  const { context, page } = await app.open({ width: 360, height: 780 });
  for (const doc of CORPUS) {
    await paste(page, fixture(doc.file));
    await frames(page);
    const regions = await page.locator(".scroll-box").evaluateAll((boxes) =>
      boxes.map((b) => {
        const s = b.querySelector(".scroll");
        const hint = b.querySelector(".scroll-hint");
        const r = hint?.getBoundingClientRect();
        return {
          label: s.getAttribute("aria-label"),
          overflows: s.scrollWidth > s.clientWidth,
          hint: !!hint && hint.checkVisibility() && r.width > 0 && hint.textContent.includes("可左右滑动"),
          fade: getComputedStyle(b.querySelector(".scroll-frame"), "::after").content !== "none",
        };
      }),
    );
    const wide = regions.filter((r) => r.overflows);
    assert.ok(wide.length > 0, `${doc.file}: some tables are wider than 360 px`);
    for (const r of regions) {
      assert.equal(r.hint, r.overflows, `${doc.file}: ${r.label}: a hint exactly when it scrolls`);
      assert.equal(r.fade, r.overflows, `${doc.file}: ${r.label}: a fade at the edge exactly when it scrolls`);
    }
  }
  await page.locator(".scroll-box.overflows").first().evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(shots, "results-360-scroll-hint.png") });
  // Scrolled to the end, the fade goes (the hint stays: it says what to do).
  const box = page.locator(".scroll-box.overflows").first();
  await box.locator(".scroll").evaluate((s) => s.scrollTo({ left: s.scrollWidth }));
  await page.waitForFunction(() => document.querySelector(".scroll-box.overflows")?.classList.contains("at-end"));
  await context.close();
});

test("nothing logged an error", () => {
  assert.deepEqual(app.problems, []);
});
