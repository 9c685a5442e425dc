// Browser tests over the five corpus documents: each is pasted, its tables,
// findings and 三公 charts appear, and the JSON and CSV exports say exactly
// what the page shows. Then the jump from a finding to its table cell.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { axeProblems, CORPUS, download, fixture, here, openRounding, outside, paste, shots, useApp } from "./harness.mjs";

let page;
const app = useApp({ then: (a) => ({ page } = a) });

/** Parses CSV (RFC 4180: quoted fields, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length) rows.push([...row, field]);
  return rows;
}

/** A table as its marker is printed: 公开01表 (决算), 公开表1 (budgets). */
const tableName = (n) => (/^0\d$/.test(n) ? `公开${n}表` : `公开表${n}`);

/** Thousands separators, as the page prints amounts. */
const grouped = (s) => s.replace(/^(-?)(\d+)/, (_, sign, int) => sign + int.replace(/\B(?=(\d{3})+$)/g, ","));

/** What the page shows of the current report. */
async function shown() {
  const tables = await page.locator("details.table").evaluateAll((ds) =>
    ds.map((d) => ({
      number: d.dataset.table,
      title: d.querySelector("summary .title").textContent,
      rows: d.querySelectorAll("tbody tr").length,
    })),
  );
  const findings = await page.locator("li.finding").evaluateAll((ls) =>
    ls.map((l) => ({
      index: Number(l.dataset.finding),
      rule: l.dataset.rule,
      table: l.dataset.table,
      severity: l.className.match(/sev-(\w+)/)[1],
      message: l.querySelector(".message").textContent,
    })),
  );
  const counts = await page
    .locator("#summary .counts li")
    .evaluateAll((ls) => Object.fromEntries(ls.map((l) => [l.dataset.kind, Number(l.querySelector("strong").textContent)])));
  return { tables, findings, counts };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

for (const doc of CORPUS) {
  test(`${doc.file}: tables, findings and charts shown, exports re-read`, async () => {
    const text = fixture(doc.file);
    await paste(page, text);
    const card = await page.locator("#summary .card").innerText();
    if (doc.department) assert.match(card, new RegExp(doc.department));
    if (doc.year) assert.match(card, new RegExp(`${doc.year}年度`));
    assert.match(card, new RegExp(doc.kind));

    // The JSON export: the CLI's schema, and what the page shows.
    const json = await download(page, "json");
    assert.match(json.name, /^公开核对-.*\.json$/);
    const data = JSON.parse(json.bytes.toString("utf8"));
    assert.equal(data.schema, 1);
    assert.equal(data.documents.length, 1);
    const report = data.documents[0];
    assert.deepEqual(Object.keys(report).sort(), ["coverage", "document", "encoding", "findings", "input", "sangong", "sangong_counts", "source", "tables"]);
    assert.equal(report.document.kind, doc.kind === "决算" ? "final_accounts" : "budget");

    const page_ = await shown();
    assert.deepEqual(
      page_.tables,
      report.tables.map((t) => ({
        number: t.number ?? "",
        title: t.number ? `${tableName(t.number)} ${t.title}` : t.title,
        rows: t.rows.length,
      })),
      "the tables shown are the tables exported",
    );
    assert.ok(report.tables.length >= 9, "the corpus documents have at least nine tables each");
    assert.equal(page_.findings.length, report.findings.length, "every finding is listed");
    for (const f of page_.findings) {
      const e = report.findings[f.index];
      assert.deepEqual(
        { rule: f.rule, table: f.table, severity: f.severity, message: f.message },
        { rule: e.rule, table: e.table ?? "", severity: e.severity, message: e.message },
      );
    }
    // The headline counts every finding once, by kind (results.test.mjs
    // checks each kind against the list).
    assert.equal(
      Object.values(page_.counts).reduce((a, b) => a + b, 0),
      report.findings.length,
      "the headline counts every finding once",
    );
    if (page_.tables.length) {
      // A table row as printed: amounts with thousands separators, blanks as —.
      const t = report.tables[0];
      const row = t.rows.find((r) => r.values.some((v) => v !== null));
      const cells = await page
        .locator(`details.table`)
        .first()
        .locator("tbody tr")
        .nth(t.rows.indexOf(row))
        .locator("td.num:not(.line)")
        .allInnerTexts();
      assert.deepEqual(cells.map((c) => c.trim()), row.values.map((v) => (v === null ? "—" : grouped(v))));
    }

    // 三公 charts for the documents with 三公 figures.
    assert.ok(report.sangong, "every document of the corpus has 三公 figures");
    const section = page.locator("#sangong");
    if (report.sangong) {
      const n = report.sangong.length;
      const bars = section.locator('svg.chart.bars[role="img"]');
      assert.equal(await bars.count(), 1);
      assert.equal(await bars.locator("rect").count(), 4 * n, "one bar per category and series");
      const desc = await bars.locator("desc").textContent();
      for (const s of report.sangong) assert.ok(desc.includes(s.label), `the description names ${s.label}`);
      assert.ok((await bars.locator("title").textContent()).length > 0);
      const stack = section.locator('svg.chart.stack[role="img"]');
      assert.equal(await stack.count(), 1);
      assert.ok((await stack.locator("desc").textContent()).length > 0);
      // The numbers are in a table too.
      const rows = section.locator("table.sangong tbody tr");
      assert.equal(await rows.count(), n);
      const first = (await rows.first().locator("td").allInnerTexts()).map((c) => c.trim());
      const s0 = report.sangong[0];
      const six = [s0.total, s0.abroad, s0.vehicles, s0.vehicle_purchase, s0.vehicle_operation, s0.reception];
      assert.deepEqual(first, six.map((v) => (v === null ? "—" : grouped(v))));
      await section.screenshot({ path: join(shots, `corpus-${doc.file.replace(/\.txt$/, "")}-sangong.png`) });
    } else {
      assert.equal(await section.count(), 0, "no 三公 section without 三公 figures");
    }

    // Findings CSV: BOM, header, one line per finding in report order.
    const fcsv = await download(page, "findings-csv");
    assert.match(fcsv.name, /-发现\.csv$/);
    assert.deepEqual(fcsv.bytes.subarray(0, 3), BOM, "UTF-8 BOM for Excel");
    const frows = parseCsv(fcsv.bytes.subarray(3).toString("utf8"));
    assert.deepEqual(frows[0].slice(0, 4), ["严重程度", "规则", "规则类别", "规则名称"]);
    assert.equal(frows.length - 1, report.findings.length);
    report.findings.forEach((f, i) => {
      const r = frows[i + 1];
      assert.equal(r[1], f.rule);
      assert.equal(r[4], f.table ?? "");
      assert.equal(r[7], f.expected ?? "");
      assert.equal(r[8], f.actual ?? "");
      assert.equal(r[10], f.source_line === null ? "" : String(f.source_line));
    });

    // Tables CSV: one line per cell, amounts as plain decimals.
    const tcsv = await download(page, "tables-csv");
    assert.match(tcsv.name, /-表格\.csv$/);
    assert.deepEqual(tcsv.bytes.subarray(0, 3), BOM);
    const trows = parseCsv(tcsv.bytes.subarray(3).toString("utf8"));
    assert.deepEqual(trows[0], ["表号", "表名", "单位", "行序号", "编码", "项目", "行次", "栏目", "金额", "原文行"]);
    const cells = report.tables.flatMap((t) =>
      t.rows.flatMap((r) => t.columns.map((c, ci) => [t.number ?? "", r.label, c, r.values[ci] ?? "", String(r.source_line)])),
    );
    assert.deepEqual(
      trows.slice(1).map((r) => [r[0], r[5].replace(/^'/, ""), r[7], r[8], r[9]]),
      cells,
    );

    assert.deepEqual(await axeProblems(page), [], "axe-core, serious or critical");
    await page.locator("#summary").screenshot({ path: join(shots, `corpus-${doc.file.replace(/\.txt$/, "")}-summary.png`) });
  });
}

test("a GBK file gives the same report as its UTF-8 twin", async () => {
  await paste(page, fixture("qingdao-office-2024-final.txt"));
  const utf8 = JSON.parse((await download(page, "json")).bytes.toString("utf8")).documents[0];
  const bytes = readFileSync(join(here, "fixtures", "qingdao-office-2024-final.gbk.txt"));
  await page.locator('input[type="file"]').setInputFiles({ name: "青岛决算-gbk.txt", mimeType: "text/plain", buffer: bytes });
  await page.locator("#summary .card", { hasText: "GBK/GB18030" }).waitFor();
  const gbk = JSON.parse((await download(page, "json")).bytes.toString("utf8")).documents[0];
  assert.equal(gbk.encoding, "GBK/GB18030");
  const strip = ({ source, encoding, ...rest }) => rest;
  assert.deepEqual(strip(gbk), strip(utf8));
});

test("a finding's link lands on its highlighted table cell", async () => {
  const text = fixture("yantai-office-2024-final.txt");
  await paste(page, text);
  const report = JSON.parse((await download(page, "json")).bytes.toString("utf8")).documents[0];
  await openRounding(page);
  const finding = page.locator("li.finding", { has: page.locator("p.links button.jump", { hasText: "定位此格" }) }).first();
  const f = report.findings[Number(await finding.getAttribute("data-finding"))];
  await page.evaluate(() => window.scrollTo(0, 0));
  await finding.locator("p.links button.jump").click();
  const cell = page.locator(".jumped");
  await cell.waitFor();
  assert.equal(await cell.count(), 1, "one highlighted cell");
  const where = await cell.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return {
      inView: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth,
      focused: document.activeElement === el,
      table: el.closest("details").dataset.table,
      label: el.closest("tr").querySelector(".label").textContent,
      text: el.textContent.trim(),
    };
  });
  assert.ok(where.inView, "the cell is in the viewport");
  assert.ok(where.focused, "keyboard focus moved to the cell");
  assert.equal(where.table, f.table);
  assert.ok(f.row.includes(where.label) || where.label.includes(f.row.replace(/（行次\d+）$/, "")), `row ${f.row} vs ${where.label}`);
  if (f.actual !== null) assert.equal(where.text, grouped(f.actual), "the cell holds the printed value");
  await page.screenshot({ path: join(shots, "corpus-jump-to-cell.png") });

  // A related cell ("参与核对的其他数字") can be jumped to as well.
  const withRelated = page.locator("li.finding", { has: page.locator("button.related-jump") }).first();
  await withRelated.locator("details.related summary").click();
  await withRelated.locator("button.related-jump").first().click();
  await page.waitForFunction(() => document.querySelectorAll(".jumped").length === 1 && document.activeElement?.classList.contains("jumped"));
  assert.ok(await page.locator(".jumped").evaluate((el) => el.matches("td.related, td.flagged, th.label")));

  // Every finding about a read table can be located at least to its table.
  const jumps = await page.locator("li.finding p.links button.jump").count();
  const aboutTables = report.findings.filter((f) => f.table && report.tables.some((t) => t.number === f.table)).length;
  assert.equal(jumps, aboutTables);
});

test("every request stayed on loopback, and nothing logged an error", () => {
  assert.deepEqual(outside(app.requests, app.url), []);
  assert.deepEqual(app.problems, []);
});
