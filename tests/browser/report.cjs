// Reads report.html as a reader would, in headless Chromium driven by
// Playwright: waits for the page to draw, types in the search box, clicks a
// pair, looks at both panes, takes a screenshot, collapses every section.
// Usage: node report.cjs REPORT.html SHOT.png QUERY
// Prints one JSON object of measurements; exits non-zero on any failure.
// Needs the npm package playwright-core (found through NODE_PATH) and a
// Chromium binary (PARALLAX_CHROMIUM, default /usr/bin/chromium).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { chromium } = require('playwright-core');

const [report, shotPath, query] = process.argv.slice(2);
if (!report || !shotPath || !query) {
  console.error('usage: node report.cjs REPORT.html SHOT.png QUERY');
  process.exit(2);
}
const failures = [];
function check(ok, what) { if (!ok) failures.push(what); }

// Share of non-zero bytes in a PNG's filtered scanlines: a blank (single
// colour) page filters to almost all zeros, a rendered report does not.
function inkShare(png) {
  const chunks = [];
  let at = 8;
  let width = 0;
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IHDR') width = png.readUInt32BE(at + 8);
    if (type === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(chunks));
  let nonzero = 0;
  for (const b of raw) if (b !== 0) nonzero++;
  return { width, share: nonzero / raw.length };
}

// The "rows 1–20 of N" count of the pager in a section.
async function rowCount(page, id) {
  const t = await page.textContent('#' + id + ' .pager span');
  const m = /of (\d+)/.exec(t || '');
  return m ? Number(m[1]) : (/no rows/.test(t || '') ? 0 : -1);
}

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-chrome-'));
  // A fresh profile directory (Playwright passes it as --user-data-dir).
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.PARALLAX_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const out = {};
  try {
    const page = await browser.newPage();
    const errors = [];
    const requests = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    const url = 'file://' + path.resolve(report);
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
    out.load_ms = Date.now() - t0;
    out.page_bytes = fs.statSync(report).size;
    out.height_open = await page.evaluate(() => document.documentElement.scrollHeight);

    // Findings come first: the first visible section is a finding.
    out.first_section = await page.evaluate(() => {
      const s = Array.from(document.querySelectorAll('main > section')).find((x) => !x.hidden);
      return s ? s.id : null;
    });
    check(['groups', 'rewrites', 'outlets', 'by-outlet'].includes(out.first_section),
      'the page does not open on a finding: ' + out.first_section);
    check(await page.isVisible('#groups .group'), 'no republished group shown');
    check(await page.isVisible('#outlets table'), 'no outlet × outlet table');

    // Search narrows the pairs and documents.
    out.pairs_before = await rowCount(page, 'pairs');
    out.docs_before = await rowCount(page, 'documents');
    await page.fill('#q', query);
    await page.waitForFunction((n) => {
      const t = document.querySelector('#documents .pager span').textContent;
      const m = /of (\d+)/.exec(t);
      return m && Number(m[1]) < n;
    }, out.docs_before, { timeout: 10000 });
    out.pairs_after = await rowCount(page, 'pairs');
    out.docs_after = await rowCount(page, 'documents');
    check(out.docs_after > 0 && out.docs_after < out.docs_before, 'search did not narrow the documents');
    check(out.pairs_after > 0 && out.pairs_after < out.pairs_before, 'search did not narrow the pairs');
    const rowsMatch = await page.evaluate((q) => {
      const rows = Array.from(document.querySelectorAll('#documents tbody tr'));
      return rows.length > 0 && rows.every((r) => r.textContent.toLowerCase().includes(q.toLowerCase()));
    }, query);
    check(rowsMatch, 'a document row shown does not match the search');

    // Click a pair that is not an identical copy: both panes show
    // their text, the passage is highlighted in both and scrolled into view.
    const clicked = await page.evaluate(() => {
      // A rewrite first (never an identical copy), else the first pair
      // that is not identical.
      const rw = Array.from(document.querySelectorAll('#rewrites tbody tr'));
      const rows = Array.from(document.querySelectorAll('#pairs tbody tr'));
      const r = rw[0] || rows.find((x) => Number(x.cells[2].textContent) < 1) || rows[0];
      if (!r) return false;
      r.cells[0].click();
      return true;
    });
    check(clicked, 'no pair row to click');
    await page.waitForSelector('#view .pane mark.on', { timeout: 10000 });
    const view = await page.evaluate(() => {
      const panes = Array.from(document.querySelectorAll('#view .pane'));
      return panes.map((p) => {
        const m = p.querySelector('mark.on');
        const pr = p.getBoundingClientRect();
        const mr = m ? m.getBoundingClientRect() : null;
        return {
          chars: p.textContent.length,
          marks: p.querySelectorAll('mark.p').length,
          k: m ? m.getAttribute('data-k') : null,
          visible: !!mr && mr.top >= pr.top - 1 && mr.top <= pr.bottom,
        };
      });
    });
    out.view = view;
    check(view.length === 2, 'the side-by-side view does not have two panes');
    check(view.every((p) => p.chars > 100 && p.marks > 0), 'a pane has no text or no passage');
    check(view.every((p) => p.visible), 'a highlighted passage is scrolled out of its pane');
    check(view.length === 2 && view[0].k === view[1].k, 'the two panes highlight different passages');
    // Clicking passage 2 (when there is one) moves both panes to it.
    const second = await page.$('#view .pane[data-side="b"] mark[data-k="2"]');
    if (second) {
      await second.click();
      const ks = await page.$$eval('#view .pane mark.on', (ms) => ms.map((m) => m.getAttribute('data-k')));
      check(ks.length === 2 && ks.every((k) => k === '2'), 'clicking passage 2 did not focus it in both panes');
    }
    await page.screenshot({ path: shotPath });
    const ink = inkShare(fs.readFileSync(shotPath));
    out.screenshot_ink = Number(ink.share.toFixed(4));
    check(ink.width === 1400 && ink.share > 0.02, 'the screenshot looks blank');

    // Every section collapsed to its heading: the page is short.
    await page.fill('#q', '');
    await page.click('#f-collapse');
    out.height_collapsed = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.click('#f-collapse');
    out.height_paged = await page.evaluate(() => document.documentElement.scrollHeight);
    out.errors = errors;
    out.requests = requests;
    check(errors.length === 0, 'script errors: ' + errors.join(' | '));
    check(requests.length === 0, 'the page fetched: ' + requests.join(' '));
  } catch (e) {
    failures.push(String(e && e.stack || e));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  out.failures = failures;
  console.log(JSON.stringify(out));
  process.exit(failures.length ? 1 : 0);
})();
