// Browser tests: a table pasted from a web page or a spreadsheet. The
// clipboard's text/html is read into the layout text a dropped .html file
// gives and checked like any text; a paste without a table stays the
// browser's plain text. Nothing is requested meanwhile.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { checkNumber, fixture, outside, paste, resultAfter, shots, useApp } from "./harness.mjs";

let page, url;
const app = useApp({ then: (a) => ({ page, url } = a) });

const CORPUS = "yantai-office-2024-final.txt";
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A whole corpus document as a web page copy puts it on the clipboard:
 * its prose as <p>s, each run of tab-separated lines (a table) as a
 * <table>, styled the way pages exported from Excel are (mso- styles,
 * <col> widths, numbers as displayed, the first header row merged over the
 * empty cells that follow a caption).
 */
function htmlOf(text) {
  let h = "<meta charset='utf-8'><div class=\"article\"><!--StartFragment-->";
  let rows = [];
  const table = () => {
    if (!rows.length) return;
    const n = Math.max(...rows.map((r) => r.length));
    h += "<table border=0 cellpadding=0 cellspacing=0 style='border-collapse:collapse;mso-table-layout-alt:fixed'>";
    for (let c = 0; c < n; c++) h += `<col width=${c % 3 ? 96 : 240} style='mso-width-source:userset'>`;
    rows.forEach((r, i) => {
      h += "<tr height=19 style='height:14.25pt'>";
      for (let c = 0; c < n; c++) {
        const v = (r[c] ?? "").trim();
        let span = 1;
        if (i === 0 && v && !/\d\.\d/.test(r.join(""))) while (c + span < n && !(r[c + span] ?? "").trim()) span++;
        const attrs = span > 1 ? ` colspan=${span}` : "";
        if (!v) h += `<td${attrs} class=xl66>&nbsp;</td>`;
        else if (/^-?[\d,]+\.\d+$/.test(v)) h += `<td${attrs} class=xl65 align=right x:num="${v.replace(/,/g, "")}">${v}</td>`;
        else h += `<td${attrs} class=xl67 style='mso-spacerun:yes'>${esc(v)}</td>`;
        c += span - 1;
      }
      h += "</tr>";
    });
    h += "</table>";
    rows = [];
  };
  for (const line of text.split("\n")) {
    if (line.includes("\t")) rows.push(line.split("\t"));
    else {
      table();
      if (line.trim()) h += `<p style="text-indent:2em">${esc(line)}</p>`;
    }
  }
  table();
  return h + "<!--EndFragment--></div>";
}

/** What the page shows of the current report; line numbers left out (a
 * pasted page has no blank lines, so its lines are numbered differently). */
async function shown() {
  const unline = (s) => s.replace(/第\d+行/g, "第N行");
  const tables = await page.locator("details.table").evaluateAll((ds) =>
    ds.map((d) => ({
      number: d.dataset.table,
      title: d.querySelector("summary .title").textContent,
      rows: [...d.querySelectorAll("tbody tr")].map((tr) =>
        [...tr.querySelectorAll("th, td")].slice(0, -1).map((c) => c.textContent.trim()).join(" | "),
      ),
    })),
  );
  const findings = await page
    .locator("li.finding")
    .evaluateAll((ls) => ls.map((l) => `${l.dataset.rule} ${l.dataset.table} ${l.querySelector(".message").textContent}`));
  const card = await page.locator("#summary .card").innerText();
  return { tables, findings: findings.map(unline), department: /烟台市人民政府办公室/.test(card), year: /2024年度/.test(card) };
}

/**
 * Dispatches a paste on the editor carrying `html` and `plain` as a
 * browser's clipboard would, with the editor's text selected (so a paste
 * replaces it). Returns whether the app took the paste (defaultPrevented).
 */
async function dispatchPaste(html, plain) {
  return page.evaluate(
    ({ html, plain }) => {
      const area = document.getElementById("paste");
      area.focus();
      area.select();
      const dt = new DataTransfer();
      if (html !== null) dt.setData("text/html", html);
      dt.setData("text/plain", plain);
      const ev = new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true });
      const t0 = performance.now();
      const taken = !area.dispatchEvent(ev);
      window.__pasteMillis = performance.now() - t0;
      return taken;
    },
    { html, plain },
  );
}

test("a page's tables pasted as text/html are read and checked as the text is", async () => {
  const plain = fixture(CORPUS);
  await paste(page, plain);
  const want = await shown();
  const checkPlain = Number((await page.locator("#summary .source-meta").innerText()).match(/用时 (\d+) 毫秒/)?.[1]);
  assert.equal(want.tables.length, 9, "the plain text reads all nine tables");
  assert.ok(want.findings.length > 0);

  const seq = await checkNumber(page);
  const requests = app.requests.length;
  const started = Date.now();
  const taken = await dispatchPaste(htmlOf(plain), plain);
  assert.equal(taken, true, "a paste with tables is read by the app, not pasted as plain text");
  await resultAfter(page, seq);
  const millis = Date.now() - started;
  assert.deepEqual(app.requests.slice(requests), [], "reading and checking a paste requests nothing");
  assert.deepEqual(outside(app.requests, url), []);

  // The editor holds layout text: one row a line, cells apart by spaces, no tabs, no markup.
  const editor = page.getByLabel("粘贴公开文本");
  const value = await editor.inputValue();
  assert.doesNotMatch(value, /\t|<td|mso-/);
  assert.match(value, /^一、一般公共预算财政拨款收入 {2,}1 {2,}10,095\.35 {2,}一、一般公共服务支出 {2,}32 {2,}8,614\.95$/m);
  assert.equal(await editor.getAttribute("wrap"), "off", "columns kept: the layout text is not wrapped");
  assert.match(await page.locator(".actions .source").innerText(), /粘贴的文本（表格按复制来源的行列排好）/);

  const got = await shown();
  assert.deepEqual(got.tables.map((t) => `${t.number} ${t.title}`), want.tables.map((t) => `${t.number} ${t.title}`));
  for (const [i, t] of want.tables.entries()) assert.deepEqual(got.tables[i].rows, t.rows, `table ${t.number}: its cells`);
  assert.deepEqual(got.findings, want.findings, "the same findings as the plain text");
  assert.ok(got.department && got.year);
  await page.screenshot({ path: join(shots, "22-paste-html-tables.png") });
  const handler = await page.evaluate(() => Math.round(window.__pasteMillis));
  const check = Number((await page.locator("#summary .source-meta").innerText()).match(/用时 (\d+) 毫秒/)?.[1]);
  console.log(
    `paste of ${CORPUS} as text/html (${htmlOf(plain).length} chars): paste → results ${millis} ms ` +
      `(paste handler: HTML read + insert ${handler} ms; check ${check} ms, of the plain text ${checkPlain} ms)`,
  );

  // The text set by script is not in the browser's 撤销: the replaced text is offered back.
  const restore = page.getByRole("button", { name: "恢复原来的文本" });
  await restore.click();
  assert.equal(await editor.inputValue(), plain.replace(/\r\n/g, "\n"));
  assert.match(await page.locator(".actions .source").innerText(), /^来源：粘贴的文本$/);
});

test("a spreadsheet's copied range pasted into the middle of a text starts on its own line", async () => {
  await paste(page, "说明文字");
  const rows = [
    ["项 目", "行次", "金 额"],
    ["一、一般公共预算财政拨款收入", "1", "10,095.35"],
    ["总计", "31", "10,261.39"],
  ];
  const html =
    "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">" +
    "<head><meta name=ProgId content=Excel.Sheet><style><!--.xl65{mso-number-format:\"\\#\\,\\#\\#0\\.00\";}--></style></head>" +
    "<body><table><!--StartFragment--><col width=240><col width=72 span=2>" +
    rows.map((r) => `<tr height=19>${r.map((c) => `<td class=xl65>${c}</td>`).join("")}</tr>`).join("") +
    "<!--EndFragment--></table></body></html>";
  const taken = await page.evaluate((html) => {
    const area = document.getElementById("paste");
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
    const dt = new DataTransfer();
    dt.setData("text/html", html);
    dt.setData("text/plain", "x");
    return !area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, html);
  assert.equal(taken, true);
  await page.waitForFunction(() => document.getElementById("paste").value.includes("10,261.39"));
  assert.equal(await page.getByRole("button", { name: "恢复原来的文本" }).count(), 0, "nothing replaced, nothing offered");
  assert.equal(
    await page.getByLabel("粘贴公开文本").inputValue(),
    "说明文字\n项 目             行次  金 额\n一、一般公共预算财政拨款收入  1   10,095.35\n总计              31  10,261.39\n",
  );
});

test("prose pasted from a web page (no table) stays the browser's plain text", async () => {
  const plain = fixture(CORPUS);
  const prose = plain.split("\n").filter((l) => !l.includes("\t"));
  const html = `<meta charset='utf-8'>${prose.map((l) => `<p>${esc(l)}</p>`).join("")}`;
  await paste(page, "旧的文本");
  const requests = app.requests.length;
  const taken = await dispatchPaste(html, prose.join("\n"));
  assert.equal(taken, false, "the app leaves a paste without a table to the browser");
  // A dispatched event has no default action: the editor is as it was, and
  // the browser's own paste of the plain text is what follows.
  assert.equal(await page.getByLabel("粘贴公开文本").inputValue(), "旧的文本");
  await paste(page, prose.join("\n"));
  assert.equal(await page.getByLabel("粘贴公开文本").inputValue(), prose.join("\n"));
  assert.match(await page.locator(".actions .source").innerText(), /^来源：粘贴的文本$/);
  assert.equal(await page.getByLabel("粘贴公开文本").getAttribute("wrap"), "soft");
  assert.deepEqual(app.requests.slice(requests), []);
});

test("every request stayed on loopback, and nothing logged an error", () => {
  assert.deepEqual(outside(app.requests, url), []);
  assert.deepEqual(app.problems, []);
});
