// The questionnaire form (docs/form.md) in headless Chromium, opened from disk as a respondent would:
// no console error or warning and no request beyond the file; loading saved answers (YAML, JSON, the
// library's own output, a file with problems) and saving them again gives the same answers, which
// `portfolio validate` accepts and `portfolio score` scores as the source; a whole form filled with the
// keyboard alone; answers kept over a reload and forgotten once saved; errors tied to their fields;
// no horizontal scrolling at 320 px; the print style; contrast. Files are compared through
// form_answers (what the library reads), never through the form's own reader.
//   CHROMIUM=... PORTFOLIO=... FORM_ANSWERS=... SRC=... OUT=... SHOTS=... node check_form.mjs
import { chromium } from 'playwright-core';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

const { CHROMIUM, PORTFOLIO, FORM_ANSWERS, SRC, OUT, SHOTS } = process.env;
const answersDir = `${SRC}/tests/data/answers`;
let failures = 0;
let n = 0;
const check = (ok, what, detail) => {
  n += 1;
  console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${what}`);
  if (!ok) {
    failures += 1;
    if (detail !== undefined) console.log(`# ${String(typeof detail === 'string' ? detail : JSON.stringify(detail)).split('\n').join('\n# ')}`);
  }
  return ok;
};

/* What the library reads from a document: respondent, role, unit, date and answers of each assessment. */
const libraryAnswers = (file) => JSON.parse(execFileSync(FORM_ANSWERS, [file], { encoding: 'utf8' }));
const scores = (file) => JSON.parse(execFileSync(PORTFOLIO, ['score', file, '--format', 'json'], { encoding: 'utf8' })).assessments;
const validate = (file) => spawnSync(PORTFOLIO, ['validate', file], { encoding: 'utf8' });
const one = (list, respondent) => list.find((a) => a.respondent === respondent);
/* Multi answers are sets: the library writes them in option order. */
const sameAnswers = (a, b) => isDeepStrictEqual(a, b);

const browser = await chromium.launch({
  executablePath: CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

/* A page on a fresh profile (so an empty local storage), watching the console and every request. */
async function open(html, viewport = { width: 1000, height: 1400 }, extra = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, ...extra });
  const page = await context.newPage();
  const url = `file://${html}`;
  const watch = { problems: [], outside: [] };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') watch.problems.push(m.text()); });
  page.on('pageerror', (e) => watch.problems.push(String(e)));
  page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith('blob:')) watch.outside.push(r.url()); });
  await page.goto(url, { waitUntil: 'load' });
  return { context, page, watch, url };
}

async function close({ context, watch }, what) {
  check(watch.problems.length === 0, `${what}: no console error or warning`, watch.problems.join(' | '));
  check(watch.outside.length === 0, `${what}: nothing requested beyond the file`, watch.outside.join(' '));
  await context.close();
}

/* Polls from here: page.waitForFunction would evaluate a string, which the page's policy forbids. */
async function waitFor(page, predicate) {
  for (let i = 0; i < 100; i++) {
    if (await page.evaluate(predicate)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function load(page, file) {
  // Both signs of a finished load are reset first, or the previous load's summary would end the wait.
  await page.evaluate(() => {
    document.getElementById('pf-status').textContent = '';
    document.getElementById('pf-summary').hidden = true;
    document.getElementById('pf-summary-list').replaceChildren();
  });
  await page.setInputFiles('#pf-load', file);
  await waitFor(page, () => document.getElementById('pf-status').textContent !== '' ||
    !document.getElementById('pf-summary').hidden);
}

/* Presses a button by its id and keeps the download; null when none came. */
async function saveWith(page, button, path) {
  const download = page.waitForEvent('download', { timeout: 5000 }).catch(() => null);
  await page.click(button);
  const d = await download;
  if (!d) return null;
  await d.saveAs(path);
  return d.suggestedFilename();
}

const storage = (page, id) => page.evaluate((k) => localStorage.getItem(k), `libportfolio.form.${id}`);
/* True once a second page of the same file reads `needle` in the stored answers (up to 5 s). */
async function persisted(context, url, id, needle) {
  const other = await context.newPage();
  try {
    await other.goto(url, { waitUntil: 'load' });
    for (let i = 0; i < 100; i++) {
      if (((await storage(other, id)) ?? '').includes(needle)) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  } finally {
    await other.close();
  }
}
const text = (page, selector) => page.$eval(selector, (e) => e.textContent);
const visible = (page, selector) => page.$eval(selector, (e) => !e.hidden && getComputedStyle(e).display !== 'none');

/* The saved file validates, reads back as the source's answers and scores the same. */
function compareSaved(saved, source, respondent, what, expected) {
  const v = validate(saved);
  check(v.status === 0 && v.stderr === '', `${what}: the saved file validates`, v.stderr);
  let got;
  try {
    got = libraryAnswers(saved);
  } catch (e) {
    check(false, `${what}: the library reads the saved file`, String(e));
    return;
  }
  const want = expected ?? one(libraryAnswers(source), respondent);
  check(got.length === 1 && sameAnswers(got[0], want), `${what}: the saved answers are the source's`,
    { got: got[0], want });
  if (!expected) {
    check(isDeepStrictEqual(scores(saved)[0], one(scores(source), respondent)), `${what}: the saved file scores as the source`,
      { got: scores(saved)[0], want: one(scores(source), respondent) });
  }
}

/* Static checks of the page: labels, legends, unique ids, references, and the CSP hashes. */
async function structure(page, html, what) {
  const report = await page.evaluate(() => {
    const bad = [];
    const ids = new Set();
    document.querySelectorAll('[id]').forEach((e) => { if (ids.has(e.id)) bad.push(`duplicate id ${e.id}`); ids.add(e.id); });
    document.querySelectorAll('input, select').forEach((e) => {
      if (!e.labels.length && !e.getAttribute('aria-label')) bad.push(`no label: ${e.name || e.id}`);
    });
    document.querySelectorAll('fieldset').forEach((f) => {
      if (!f.firstElementChild || f.firstElementChild.tagName !== 'LEGEND') bad.push(`fieldset without legend: ${f.id}`);
    });
    document.querySelectorAll('[aria-describedby], [aria-labelledby]').forEach((e) => {
      for (const ref of `${e.getAttribute('aria-describedby') || ''} ${e.getAttribute('aria-labelledby') || ''}`.split(/\s+/)) {
        if (ref && !document.getElementById(ref)) bad.push(`missing reference ${ref}`);
      }
    });
    return bad;
  });
  check(report.length === 0, `${what}: every control labelled, every fieldset with a legend, ids unique`, report.join('; '));
  const source = readFileSync(html, 'utf8');
  const csp = /script-src 'sha256-([^']+)'; style-src 'sha256-([^']+)'/.exec(source);
  const script = /<script>([\s\S]*?)<\/script>/.exec(source)[1];
  const style = /<style>([\s\S]*?)<\/style>/.exec(source)[1];
  const hash = (s) => createHash('sha256').update(s, 'utf8').digest('base64');
  check(csp && csp[1] === hash(script) && csp[2] === hash(style), `${what}: the policy's hashes are those of the inline script and style`);
}

/* Every visible text reaches 4.5:1 against the background it is drawn on. */
async function contrast(page, what) {
  const low = await page.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const background = (e) => {
      for (; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const e = t.parentElement;
      if (!t.textContent.trim() || !e.getClientRects().length || e.closest('script, style, [hidden]')) continue;
      const s = getComputedStyle(e);
      if (s.visibility === 'hidden' || s.display === 'none') continue;
      const [a, b] = [lum(rgb(s.color)), lum(background(e))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) out.push(`${ratio.toFixed(2)}: ${t.textContent.trim().slice(0, 40)}`);
    }
    return out;
  });
  check(low.length === 0, `${what}: every text has a contrast of at least 4.5:1`, low.slice(0, 5).join(' | '));
}

/* ---- the default instrument, in both languages ---- */

for (const lang of ['en', 'fr']) {
  const html = `${OUT}/form-${lang}.html`;
  const what = `form-${lang}`;
  let f = await open(html);
  const { page } = f;
  check(await page.$eval('html', (e) => e.lang) === lang, `${what}: the page says its language`);
  await structure(page, html, what);
  check(await visible(page, '#pf-bar') && await visible(page, '#pf-tools'), `${what}: the script shows progress, Save and Load`);

  // A hand-written file: words, comments, block lists.
  const r001 = `${answersDir}/environment-agency-r-001.yaml`;
  await load(page, r001);
  check(await page.$eval('#pf-summary', (e) => e.hidden), `${what}: a valid file loads without problems`, await text(page, '#pf-summary'));
  check(await page.$eval('#pf-progress', (e) => e.value) === 72, `${what}: progress counts the 72 answers loaded`);
  check((await text(page, '#pf-progress-text')).includes('72'), `${what}: progress says so in words`, await text(page, '#pf-progress-text'));
  check(await storage(page, 'opsi-pet-2020') !== null, `${what}: loaded answers are kept in the browser`);
  await page.screenshot({ path: `${SHOTS}/form-${lang}.png` });
  const saved = `${OUT}/saved-r-001-${lang}.yaml`;
  const name = await saveWith(page, '#pf-save', saved);
  check(name === 'opsi-pet-2020-r-001.yaml', `${what}: Save downloads the answers with a telling name`, name);
  if (name) {
    compareSaved(saved, `${SRC}/examples/data/environment-agency.yaml`, 'r-001', `${what} load and save`);
    const head = readFileSync(saved, 'utf8').split('\n').slice(0, 5);
    check(/^# Answers to ".*", saved by the libportfolio form on \d{4}-\d\d-\d\d\.$/.test(head[0]) &&
      head[1] === 'portfolio: 1' && head[2] === 'instrument: opsi-pet-2020' && head[4] === '  - respondent: r-001',
    `${what}: the saved file begins as documented`, head.join('\n'));
  }
  check(await storage(page, 'opsi-pet-2020') === null, `${what}: saving forgets the answers kept in the browser`);
  check((await text(page, '#pf-status')).includes('opsi-pet-2020-r-001.yaml'), `${what}: the page says where the answers went`);

  // JSON of the same structure.
  await load(page, `${answersDir}/environment-agency-r-002.json`);
  const savedJson = `${OUT}/saved-r-002-${lang}.yaml`;
  if (await saveWith(page, '#pf-save-top', savedJson)) {
    compareSaved(savedJson, `${SRC}/examples/data/environment-agency.yaml`, 'r-002', `${what} JSON`);
  } else {
    check(false, `${what}: a JSON file saves`, await text(page, '#pf-summary'));
  }

  // The library's own output, with a hostile unit and most questions unanswered.
  const hostile = `${answersDir}/hostile.yaml`;
  await load(page, hostile);
  check(await page.$eval('#pf-progress', (e) => e.value) === 8, `${what}: 8 answers loaded from the library's output`);
  const none = await saveWith(page, '#pf-save', `${OUT}/unused.yaml`);
  check(none === null, `${what}: with questions unanswered, Save lists them first`);
  check(await visible(page, '#pf-unanswered'), `${what}: the list of unanswered questions is shown`);
  check(await page.evaluate(() => document.activeElement.id) === 'pf-unanswered', `${what}: and focused`);
  check(await page.$$eval('#pf-unanswered-list li', (l) => l.length) === 64, `${what}: it lists the 64 unanswered`);
  const firstMissing = await page.$eval('#pf-unanswered-list a', (a) => a.textContent);
  check(/^Question 1, (statement|affirmation) 3: /.test(firstMissing), `${what}: by number and statement, never by id`, firstMissing);
  const savedHostile = `${OUT}/saved-hostile-${lang}.yaml`;
  check(await saveWith(page, '#pf-save-anyway', savedHostile) === 'opsi-pet-2020-2026.yaml', `${what}: Save without these answers`);
  compareSaved(savedHostile, hostile, '2026', `${what} hostile`, libraryAnswers(hostile)[0]);

  // A whole document as the library writes it, with several assessments: the first is loaded.
  await load(page, `${answersDir}/university-city-canonical.yaml`);
  const several = await page.$$eval('#pf-summary-list li', (l) => l.map((e) => e.textContent));
  check(several.length === 1 && several[0].includes('r-001'), `${what}: of several assessments the first is loaded, and the page says so`, several);
  const savedCanonical = `${OUT}/saved-university-city-${lang}.yaml`;
  let saving = await saveWith(page, '#pf-save', savedCanonical);
  if (!saving && await visible(page, '#pf-unanswered')) saving = await saveWith(page, '#pf-save-anyway', savedCanonical);
  if (check(saving !== null, `${what}: the library's whole document saves`)) {
    compareSaved(savedCanonical, `${SRC}/examples/data/university-city.yaml`, 'r-001', `${what} library output`);
  }

  // A file with problems: each is listed, the rest is loaded.
  await load(page, `${answersDir}/load-problems.yaml`);
  check(await visible(page, '#pf-summary'), `${what}: problems in a loaded file are shown`);
  check(await page.evaluate(() => document.activeElement.id) === 'pf-summary', `${what}: the summary of problems is focused`);
  const listed = await page.$$eval('#pf-summary-list li', (l) => l.map((e) => e.textContent));
  check(listed.length === 8, `${what}: each of the 8 problems is listed`, listed);
  check(listed.some((t) => t.includes('q99')) && listed.some((t) => t.includes('maybe')), `${what}: naming what the file said`, listed);
  check(await page.$eval('[name="q1.mission"][value="3"]', (e) => e.checked) &&
    await page.$eval('[name="q20"][value="no"]', (e) => e.checked) &&
    await page.$eval('#pf-respondent', (e) => e.value) === 'r-bad', `${what}: the good answers of that file are loaded`);
  check(await page.$eval('[name="q1.enhancement"]:checked', () => true).catch(() => false) === false,
    `${what}: a value beyond the scale is left out`);
  // A file that is not YAML: nothing changes.
  writeFileSync(`${OUT}/broken.yaml`, 'portfolio: 1\nassessments:\n  - respondent: [r-1\n');
  await load(page, `${OUT}/broken.yaml`);
  const broken = await page.$$eval('#pf-summary-list li', (l) => l.map((e) => e.textContent));
  check(broken.length === 1 && broken[0].includes('broken.yaml') && /\b[34]\b/.test(broken[0]), `${what}: a broken file is refused with its line`, broken);
  check(await page.$eval('#pf-respondent', (e) => e.value) === 'r-bad', `${what}: and the form is left as it was`);

  // Errors tied to their fields.
  await page.fill('#pf-respondent', 'r 1');
  await page.fill('#pf-date', '2023-02-29');
  await page.click('#pf-save');
  const errors = await page.evaluate(() => ['respondent', 'date'].map((f) => {
    const input = document.getElementById(`pf-${f}`);
    const error = document.getElementById(`pf-${f}-error`);
    return { invalid: input.getAttribute('aria-invalid'), tied: input.getAttribute('aria-describedby').split(' ').includes(error.id), text: error.textContent };
  }));
  check(errors.every((e) => e.invalid === 'true' && e.tied && e.text), `${what}: a bad pseudonym and date are marked and described`, errors);
  check(await page.$$eval('#pf-summary-list a', (l) => l.length) === 2, `${what}: the summary links to both fields`);
  await page.click('#pf-summary-list a');
  check(await page.evaluate(() => document.activeElement.id) === 'pf-respondent', `${what}: a link of the summary moves to its field`);
  await contrast(page, `${what} with errors shown`);

  // Rank: an option chosen twice is an error tied to the selects.
  await page.selectOption('#pf-s4-0', 'mission');
  await page.selectOption('#pf-s4-1', 'mission');
  const rank = await page.evaluate(() => {
    const s = document.getElementById('pf-s4-1');
    const error = document.getElementById('pf-s4-error');
    return { invalid: s.getAttribute('aria-invalid'), tied: s.getAttribute('aria-describedby') === error.id, text: error.textContent };
  });
  check(rank.invalid === 'true' && rank.tied && rank.text !== '', `${what}: an option ranked twice is an error tied to the places`, rank);
  await page.selectOption('#pf-s4-1', 'adaptive');
  check(await text(page, '#pf-s4-error') === '', `${what}: the error goes once fixed`);

  // Multi: "None of these" excludes the others.
  await page.check('[name="q13"][value="mission1"]');
  await page.check('[name="q13"][value="none"]');
  check(!(await page.$eval('[name="q13"][value="mission1"]', (e) => e.checked)), `${what}: ticking "none" clears the other options`);
  await page.check('[name="q13"][value="adaptive2"]');
  check(!(await page.$eval('[name="q13"][value="none"]', (e) => e.checked)), `${what}: ticking an option clears "none"`);

  // Nothing lost on reload; "start again" forgets.
  await page.check('[name="q24k"][value="1"]');
  // The page writes its copy at once, but the browser commits local storage on its own time:
  // wait until another page of the same file sees it, or a quick reload can race the commit.
  check(await persisted(f.context, f.url, 'opsi-pet-2020', '"q24k"'), `${what}: the browser keeps the answers in its storage`);
  await page.reload({ waitUntil: 'load' });
  check(await visible(page, '#pf-restored'), `${what}: after a reload the page says answers were restored`);
  check(await page.$eval('[name="q24k"][value="1"]', (e) => e.checked) &&
    await page.$eval('[name="q13"][value="adaptive2"]', (e) => e.checked) &&
    await page.$eval('#pf-respondent', (e) => e.value) === 'r 1', `${what}: answers and fields are restored`);
  await page.click('#pf-restart');
  check(await storage(page, 'opsi-pet-2020') === null && !(await page.$eval('[name="q24k"][value="1"]', (e) => e.checked)),
    `${what}: "start again" empties the form and the browser's copy`);

  // Print: the questionnaire alone, rank options listed to be numbered on paper.
  await page.emulateMedia({ media: 'print' });
  const print = await page.evaluate(() => ['pf-bar', 'pf-tools', 'pf-finish'].every((id) => getComputedStyle(document.getElementById(id)).display === 'none') &&
    getComputedStyle(document.querySelector('.rank-options')).display !== 'none' &&
    getComputedStyle(document.querySelector('.places')).display === 'none');
  check(print, `${what}: the print style shows the questionnaire alone`);
  await page.emulateMedia({ media: 'screen' });
  await close(f, what);

  // Narrow screens: 320 px wide, and 1280 px at 200 % zoom.
  for (const [width, height, scale] of [[320, 900, 1], [640, 512, 2]]) {
    f = await open(html, { width, height }, { deviceScaleFactor: scale });
    const fits = await f.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    check(fits, `${what}: no horizontal scrolling at ${width} px`);
    if (width === 320 && lang === 'en') {
      await f.page.evaluate(() => document.getElementById('pf-q2').scrollIntoView());
      await f.page.screenshot({ path: `${SHOTS}/form-320.png` });
    }
    await close(f, `${what} at ${width} px`);
  }
}

/* ---- without JavaScript: a questionnaire to print ---- */

{
  const f = await open(`${OUT}/form-en.html`, { width: 1000, height: 1400 }, { javaScriptEnabled: false });
  const state = await f.page.evaluate(() => ({
    tools: ['pf-tools', 'pf-bar', 'pf-finish'].map((id) => getComputedStyle(document.getElementById(id)).display),
    questions: document.querySelectorAll('fieldset.question').length,
    radios: document.querySelectorAll('input[type=radio]').length,
  }));
  check(state.tools.every((d) => d === 'none') && state.questions === 24 && state.radios > 300,
    'without JavaScript: the whole questionnaire, without the controls that need a script', state);
  await close(f, 'without JavaScript');
}

/* ---- the form's YAML reader on what people and other YAML writers produce ---- */

{
  const f = await open(`${OUT}/form-en.html`);
  const cases = [
    ["a: 'it''s'\nb: \"q\\\"\\\\\"\n", { a: "it's", b: 'q"\\' }],
    ["a: 'x\n\n  y\n  z'\n", { a: 'x\ny z' }],
    ['a: "x\\ty \\u00e9\\U0001F600\\x41\\\n  z \\L"\n', { a: 'x\ty é😀Az \u2028' }],
    ['a: |\n  l1\n   l2\n\nb: 1\n', { a: 'l1\n l2\n', b: '1' }],
    ['a: >-\n  l1\n  l2\n\n  l3\nb: |+\n  k\n\n', { a: 'l1 l2\nl3', b: 'k\n\n' }],
    ['a: one\n  two  \n\n  three\nb: x#y # comment\n', { a: 'one two\nthree', b: 'x#y' }],
    ["a: ~\nb:\nc: null\nd: 'null'\ne: \"\"\n", { a: null, b: null, c: null, d: 'null', e: '' }],
    ['a: {b: [1, {c: d}, [], {}], "e": \'f\', g: }\n', { a: { b: ['1', { c: 'd' }, [], {}], e: 'f', g: null } }],
    ['---\n# comment\nl:\n- - x\n  - y\n- k: v\n  m:\n    - 1\n...\n', { l: [['x', 'y'], { k: 'v', m: ['1'] }] }],
    ['\ufeff{"a": [1, true, null, "x"], "b": {"c": 2.5}}', { a: ['1', 'true', null, 'x'], b: { c: '2.5' } }],
    ['a: [x,\n  y]\n"q 1": r\n', { a: ['x', 'y'], 'q 1': 'r' }],
    // Escaped blanks before a line break are text; only the literal ones are dropped.
    ['a: "x\\t\n  y \\ \n  z"\nb: "p \\t \n\n  q"\n', { a: 'x\t y   z', b: 'p \t\nq' }],
  ];
  for (const [yaml, want] of cases) {
    const got = await f.page.evaluate((t) => JSON.stringify(window.pfForm.parse(t)), yaml);
    check(got === JSON.stringify(want), `the form reads ${JSON.stringify(yaml).slice(0, 40)}`, { got, want });
  }
  // A quoted text of many lines reads in time proportional to its length.
  for (const quote of ['"', "'"]) {
    const lines = 40000;
    const yaml = `a: ${quote}${'\n ab'.repeat(lines)}${quote}\n`;
    const ms = await f.page.evaluate((t) => { const t0 = performance.now(); const v = window.pfForm.parse(t); return v.a.length === 40000 * 3 ? performance.now() - t0 : -1; }, yaml);
    check(ms >= 0 && ms < 2000, `the form reads a ${quote}-quoted text of ${lines} lines in linear time`, ms);
  }
  const refused = [
    ['a: 1\na: 2\n', 2], ['a: *x\n', 1], ['a:\n\tb: 1\n', 2], ['a: 1\n---\nb: 2\n', 3], ['a: "x\n', 2],
    ['a: [1, 2\nb: 3\n', 2], ['a:\n  b: 1\n c: 2\n', 3], ['a: b: c\n', 1], ['- a\nb: 1\n', 2], ['a: "\\q"\n', 1],
    ['a: ' + '['.repeat(40) + ']'.repeat(40) + '\n', 1],
  ];
  for (const [yaml, line] of refused) {
    const got = await f.page.evaluate((t) => { try { window.pfForm.parse(t); return 'read'; } catch (e) { return e.line; } }, yaml);
    check(got === line, `the form refuses ${JSON.stringify(yaml).slice(0, 40)} at line ${line}`, got);
  }
  await close(f, 'YAML reader');
}

/* ---- the keyboard alone: Tab, arrows, Space and Enter ---- */

async function tabTo(page, match, what) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(match)) return true;
  }
  check(false, `keyboard: reach ${what}`);
  return false;
}

for (const lang of ['en', 'fr']) {
  const what = `keyboard-${lang}`;
  const respondent = lang === 'en' ? 'r-003' : 'r-004';
  const source = `${SRC}/examples/data/environment-agency.yaml`;
  const want = one(libraryAnswers(source), respondent);
  const unit = `Unité "Données" \\ C:\\temp # x: y — مرحبا 😀 'q'`;
  const f = await open(`${OUT}/form-${lang}.html`);
  const { page } = f;
  const slots = await page.evaluate(() => JSON.parse(document.getElementById('pf-data').textContent).slots);
  const roles = await page.evaluate(() => JSON.parse(document.getElementById('pf-data').textContent).roles);
  const focused = () => page.evaluate(() => ({ id: document.activeElement.id, name: document.activeElement.name }));
  let ok = await tabTo(page, () => document.activeElement.id === 'pf-respondent', 'the pseudonym');
  await page.keyboard.type(respondent);
  await page.keyboard.press('Tab');
  for (let i = 0; i <= roles.indexOf(want.role); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.type(unit);
  await page.keyboard.press('Tab');
  await page.keyboard.type(want.date);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  check(outline !== 'none', `${what}: the focused field shows its focus`, outline);
  for (const s of slots) {
    if (!ok) break;
    const answer = want.answers[s.id];
    if (s.form === 'agree' || s.form === 'yes-no') {
      await page.keyboard.press('Tab');
      const at = await focused();
      if (at.name !== s.id) {
        ok = check(false, `${what}: Tab reaches ${s.id}`, at);
        break;
      }
      if (answer === undefined) continue;
      const index = s.form === 'agree' ? answer : ['yes', 'no', 'unsure'].indexOf(answer);
      if (index === 0) await page.keyboard.press('Space');
      for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    } else if (s.form === 'multi') {
      for (const option of [...s.options, 'none']) {
        await page.keyboard.press('Tab');
        if ((answer || []).includes(option)) await page.keyboard.press('Space');
      }
    } else {
      for (let place = 0; place < s.options.length; place++) {
        await page.keyboard.press('Tab');
        const steps = answer ? s.options.indexOf(answer[place]) + 1 : 0;
        for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
      }
    }
  }
  check(ok, `${what}: every question answered with the keyboard`);
  await page.keyboard.press('Tab');
  check((await focused()).id === 'pf-save', `${what}: Tab then reaches Save`, await focused());
  const download = page.waitForEvent('download', { timeout: 5000 }).catch(() => null);
  await page.keyboard.press('Enter');
  const d = await download;
  const saved = `${OUT}/saved-keyboard-${lang}.yaml`;
  if (check(d !== null, `${what}: Enter on Save downloads the answers`, await text(page, '#pf-summary-list'))) {
    await d.saveAs(saved);
    compareSaved(saved, source, respondent, what, { ...want, unit });
    check(isDeepStrictEqual(scores(saved)[0], one(scores(source), respondent)), `${what}: the saved file scores as the source`);
  }
  await close(f, what);
}

/* ---- a custom instrument gets its own form ---- */

for (const lang of ['en', 'fr']) {
  const html = `${OUT}/form-team-pulse-${lang}.html`;
  const what = `team-pulse-${lang}`;
  const f = await open(html);
  await structure(f.page, html, what);
  const source = `${answersDir}/team-pulse-r-001.yaml`;
  await load(f.page, source);
  check(await f.page.$eval('#pf-summary', (e) => e.hidden), `${what}: answers naming the instrument file load`, await text(f.page, '#pf-summary'));
  check(await f.page.$eval('#pf-progress', (e) => e.value) === 12, `${what}: all 12 answers`);
  // Answers to the default instrument (a document without `instrument:` too) are not this one's.
  await load(f.page, `${answersDir}/hostile.yaml`);
  const other = await f.page.$$eval('#pf-summary-list li', (l) => l.map((e) => e.textContent));
  check(other.length === 1 && other[0].includes('opsi-pet-2020'), `${what}: answers to another instrument are refused`, other);
  writeFileSync(`${OUT}/no-instrument.yaml`, 'portfolio: 1\nassessments:\n  - respondent: r-1\n');
  await load(f.page, `${OUT}/no-instrument.yaml`);
  const none = await f.page.$$eval('#pf-summary-list li', (l) => l.map((e) => e.textContent));
  check(none.length === 1 && none[0].includes('opsi-pet-2020'), `${what}: so are those of a document naming no instrument`, none);
  check(await f.page.$eval('#pf-progress', (e) => e.value) === 12, `${what}: and the form keeps its answers`);
  const saved = `${OUT}/saved-team-pulse-${lang}.yaml`;
  if (check(await saveWith(f.page, '#pf-save', saved) === 'team-pulse-2025-r-001.yaml', `${what}: Save`)) {
    const text = readFileSync(saved, 'utf8');
    check(text.includes('\ninstrument: team-pulse-2025\n'), `${what}: the saved file names the instrument by its id`);
    // The file travels without its instrument: checked with it given aside, then collected
    // into the team's portfolio in place of the source's r-001 and scored there.
    const instrument = `${SRC}/examples/data/instruments/team-pulse.yaml`;
    const v = spawnSync(PORTFOLIO, ['validate', '--instrument', instrument, saved], { encoding: 'utf8' });
    check(v.status === 0 && v.stderr === '', `${what}: the saved file validates with its instrument`, v.stderr);
    const got = JSON.parse(execFileSync(FORM_ANSWERS, [saved, instrument], { encoding: 'utf8' }));
    check(got.length === 1 && sameAnswers(got[0], one(libraryAnswers(source), 'r-001')),
      `${what}: the saved answers are the source's`, got[0]);
    const team = `${SRC}/examples/data/team-pulse.yaml`;
    const collected = `${OUT}/collected-team-pulse-${lang}.yaml`;
    const c = spawnSync(PORTFOLIO, ['collect', team, saved, '--replace', '-o', collected], { encoding: 'utf8' });
    check(c.status === 0 && / 1 replaced/.test(c.stderr), `${what}: collect takes the saved file into the team's portfolio`, c.stderr);
    check(isDeepStrictEqual(one(scores(collected), 'r-001'), one(scores(team), 'r-001')),
      `${what}: collected, the saved answers score as the source`);
  }
  await close(f, what);
}

/* ---- an instrument whose id and title are hard to write back (tests/data/answers/odd-instrument.yaml) ---- */

{
  const f = await open(`${OUT}/form-odd.html`);
  await f.page.fill('#pf-respondent', 'r-1');
  await f.page.check('[name="c1"][value="yes"]');
  const saved = `${OUT}/saved-odd.yaml`;
  await f.page.click('#pf-save');
  if (check(await saveWith(f.page, '#pf-save-anyway', saved) === 'null-r-1.yaml', 'odd instrument: Save')) {
    const instrument = `${SRC}/tests/data/answers/odd-instrument.yaml`;
    const v = spawnSync(PORTFOLIO, ['validate', '--instrument', instrument, saved], { encoding: 'utf8' });
    check(v.status === 0 && v.stderr === '', 'odd instrument: the saved file validates (no U+FFFE or U+FFFF in its comment)', v.stderr);
  }
  await close(f, 'odd instrument');
}

/* ---- an instrument of 2000 items: answering stays quick (each change touches the page linearly once) ---- */

{
  const facets = ['enhancement', 'mission', 'adaptive', 'anticipatory'];
  const dimensions = ['stewardship', 'sense-making', 'structures', 'resources', 'learning', 'ecosystem'];
  const lines = ['instrument: 1', 'id: big-2000', 'title: Big', 'scoring: {pet_scale: 10, capability_base: 0, capability_levels: {medium: 10, high: 20}}', 'questions:'];
  for (let q = 0; q < 100; q++) {
    const part = q < 50 ? 'orientation' : 'capability';
    lines.push(`  - id: q${q}`, `    part: ${part}`, '    form: agree', `    text: Question ${q}`, '    items:');
    for (let i = 0; i < 20; i++) {
      lines.push(`      - id: q${q}.i${i}`, part === 'orientation' ? `        facet: ${facets[i % 4]}` : `        dimension: ${dimensions[i % 6]}`,
        `        text: Statement ${q}.${i}`);
    }
  }
  writeFileSync(`${OUT}/big-instrument.yaml`, `${lines.join('\n')}\n`);
  execFileSync(PORTFOLIO, ['form', `${OUT}/big-instrument.yaml`, '-o', `${OUT}/form-big.html`], { stdio: 'ignore' });
  const f = await open(`${OUT}/form-big.html`);
  const ms = await f.page.evaluate(() => {
    const t0 = performance.now();
    document.querySelector('[name="q3.i4"][value="2"]').click();
    const unit = document.getElementById('pf-unit');
    unit.value = 'x';
    unit.dispatchEvent(new Event('input', { bubbles: true }));
    return performance.now() - t0;
  });
  check(ms < 1000, 'a form of 2000 items: a click and a keystroke take well under a second', ms);
  check(await text(f.page, '#pf-progress-text') === 'Answers given: 1 of 2000', 'a form of 2000 items: the click is counted',
    await text(f.page, '#pf-progress-text'));
  await close(f, 'a form of 2000 items');
}

await browser.close();
console.log(`1..${n}`);
process.exit(failures ? 1 : 0);
