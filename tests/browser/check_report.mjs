// Opens an HTML report in headless Chromium, as a person's browser would, and checks it:
// no console errors or warnings, no request leaving the file, every chart drawn with a size,
// the page's language set; then keeps a full-page screenshot.
//   node check_report.mjs REPORT.html SCREENSHOT.png [LANG]
import { chromium } from 'playwright-core';

const [, , html, png, lang = 'en'] = process.argv;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
let failures = 0;
let n = 0;
const check = (ok, what) => {
  n += 1;
  console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${what}`);
  if (!ok) failures += 1;
};
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  const problems = [];
  const outside = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) outside.push(r.url()); });
  await page.goto(`file://${html}`, { waitUntil: 'load' });
  const charts = await page.$$eval('figure svg', (svgs) => svgs.map((s) => {
    const r = s.getBoundingClientRect();
    return { width: r.width, height: r.height, title: s.querySelector('title')?.textContent ?? '' };
  }));
  check(problems.length === 0, `no console errors or warnings${problems.length ? ': ' + problems.join(' | ') : ''}`);
  check(outside.length === 0, `nothing fetched beyond the file${outside.length ? ': ' + outside.join(' ') : ''}`);
  check(charts.length >= 4, `the report has its charts (${charts.length})`);
  for (const c of charts) check(c.width > 0 && c.height > 0 && c.title !== '', `chart "${c.title}" has a size (${Math.round(c.width)} x ${Math.round(c.height)})`);
  check(await page.$eval('html', (e) => e.lang) === lang, `the page says its language (${lang})`);
  const tables = await page.$$eval('table', (t) => t.length);
  check(tables >= charts.length, `every chart also has a table (${tables} tables)`);
  await page.screenshot({ path: png, fullPage: true });
  check(true, `screenshot kept at ${png}`);
} finally {
  await browser.close();
}
console.log(`1..${n}`);
process.exit(failures ? 1 : 0);
