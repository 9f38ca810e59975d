// Real-browser test of `zhizao serve` (issue 17): Debian's headless Chromium
// driven by playwright-core (no browser download). Starts the binary on a
// free port, fills the form field by field for a shipped example as a user
// would, submits it, and checks the report in the page against the API's
// report for the example file itself. Also: diagnostics next to a field
// while typing, what was typed surviving a reload, labels for every control,
// keyboard reach, a phone-width layout, the what-if comparison.
//
//   ZHIZAO_BIN          the zhizao binary (required)
//   CHROMIUM            the browser (default /usr/bin/chromium)
//   ZHIZAO_SCREENSHOTS  a folder: save the guide's screenshots there
//
// Run by tests/it/serve_browser.rs (cargo test) and .ci/run.

import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import assert from 'node:assert/strict';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const EXAMPLE = path.join(ROOT, 'questionnaires/examples/electronics-smart-factory.yaml');
const SHOTS = process.env.ZHIZAO_SCREENSHOTS || '';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function step(what) {
  console.log('browser test: ' + what);
}

// Start `zhizao serve` on a free port; resolves to its base URL.
function startServer() {
  const bin = process.env.ZHIZAO_BIN;
  assert.ok(bin, 'ZHIZAO_BIN must name the zhizao binary');
  const child = spawn(bin, ['serve', '--addr', '127.0.0.1:0', '--lang', 'zh'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: Object.assign({}, process.env, { ZHIZAO_REPORT_DATE: '2017-03-20' })
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('serve did not start: ' + out)), 60000);
    child.stdout.on('data', d => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) { clearTimeout(timer); resolve({ url: m[0], child }); }
    });
    child.on('exit', code => reject(new Error('serve exited with ' + code + ': ' + out)));
  });
}

async function api(base, route, body, headers) {
  const r = await fetch(base + route.replace(/^\//, ''), { method: 'POST', body, headers });
  return { status: r.status, text: await r.text() };
}

// The report with its input hash blanked: the form sends its own YAML text,
// whose hash differs from the example file's.
function normalise(html) {
  return html.replace(/[0-9a-f]{64}/g, 'HASH');
}

// Fill one value at `p` through the controls, as typing and clicking would.
async function fillValue(page, p, v) {
  if (v === null || v === undefined) return;
  const sel = '[data-path="' + p + '"][data-kind]';
  const control = page.locator(sel);
  const kind = (await control.count()) ? await control.first().getAttribute('data-kind') : null;
  if (kind === 'group') await control.check();
  if (Array.isArray(v)) {
    if (kind === 'enum_list') {
      for (const id of v) await control.locator('input[value="' + id + '"]').check();
      return;
    }
    assert.ok(kind === 'records' || kind === 'tuples', 'no list control for ' + p);
    for (let i = 0; i < v.length; i++) await control.locator(':scope > button').click();
    for (let i = 0; i < v.length; i++) {
      if (kind === 'tuples') {
        const selects = control.locator('fieldset.row[data-path="' + p + '[' + i + ']"] select');
        for (let k = 0; k < v[i].length; k++) await selects.nth(k).selectOption(String(v[i][k]));
      } else {
        for (const [k, x] of Object.entries(v[i])) await fillValue(page, p + '[' + i + '].' + k, x);
      }
    }
    return;
  }
  if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) await fillValue(page, p ? p + '.' + k : k, x);
    return;
  }
  assert.ok(kind, 'no control for ' + p);
  if (kind === 'bool') await control.selectOption(v ? 'true' : 'false');
  else if (kind === 'enum') await control.selectOption(String(v));
  else await control.fill(String(v));
}

async function main() {
  const { url, child } = await startServer();
  // Playwright starts the browser with a new empty profile of its own.
  let browser = null;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ARGS
    });
    const yaml = await readFile(EXAMPLE);
    const example = JSON.parse((await api(url, '/api/load', yaml, { 'Content-Type': 'application/yaml' })).text).questionnaire;
    const expected = await api(url, '/api/assess?lang=zh', yaml, { 'Content-Type': 'application/yaml', Accept: 'text/html' });
    assert.equal(expected.status, 200);

    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const external = [];
    page.on('request', r => { if (!r.url().startsWith(url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:') && r.url() !== 'about:srcdoc') external.push(r.url()); });
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    await page.goto(url);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'serve-form.zh.png') });

    step('every control has a label; Tab reaches the form');
    const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll('input, select')).filter(c => {
      if (c.type === 'file') return false;
      return !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby');
    }).map(c => c.getAttribute('data-path') || c.id));
    assert.deepEqual(unlabelled, []);
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('data-path') === 'enterprise.name');
    }
    assert.ok(reached, 'Tab does not reach the first field');

    step('a wrong value is diagnosed next to its field while typing');
    await page.locator('[data-path="enterprise.employees"][data-kind]').fill('120人');
    const diag = page.locator('.field[data-path="enterprise.employees"] > .diag');
    await diag.getByText('type', { exact: false }).first().waitFor({ timeout: 15000 });
    assert.equal(await page.locator('[data-path="enterprise.employees"][data-kind]').getAttribute('aria-invalid'), 'true');
    if (SHOTS) {
      await page.locator('.field[data-path="enterprise.employees"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, 'serve-diagnostics.zh.png') });
    }

    step('what was typed survives a reload');
    await page.waitForTimeout(300);
    await page.reload();
    assert.equal(await page.locator('[data-path="enterprise.employees"][data-kind]').inputValue(), '120人');

    step('fill the form for ' + path.basename(EXAMPLE));
    page.once('dialog', d => d.accept());
    await page.locator('#blank').click();
    const closed = page.locator('details.section:not([open]) > summary');
    while (await closed.count()) await closed.first().click();
    await fillValue(page, '', Object.assign({}, example, { schema_version: undefined }));

    step('submit; the report in the page is the report of the example file');
    await page.locator('#assess').click();
    await page.waitForFunction(() => document.getElementById('report').srcdoc.length > 1000, null, { timeout: 60000 });
    const shown = await page.locator('#report').getAttribute('srcdoc');
    assert.equal(normalise(shown), normalise(expected.text));
    const frame = page.frameLocator('#report');
    await frame.getByText(example.enterprise.name).first().waitFor();
    if (SHOTS) {
      await page.locator('#answer').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, 'serve-report.zh.png') });
    }

    step('what-if: change a field, compare');
    await page.locator('[data-path="equipment.key_equipment_cnc"][data-kind]').fill('1');
    await page.locator('#compare').click();
    await page.waitForFunction(() => document.getElementById('comparison').srcdoc.length > 1000, null, { timeout: 60000 });
    assert.equal(await page.locator('#comparison').isHidden(), false);

    step('phone width: one column, no horizontal scrolling');
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const small = await phone.newPage();
    await small.goto(url + '?lang=en');
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, 'page is wider than the phone by ' + overflow + 'px');
    if (SHOTS) await small.screenshot({ path: path.join(SHOTS, 'serve-form-phone.en.png') });
    await phone.close();

    if (SHOTS) {
      const en = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const p = await en.newPage();
      await p.goto(url + '?lang=en');
      await p.screenshot({ path: path.join(SHOTS, 'serve-form.en.png') });
      await en.close();
    }
    assert.deepEqual(external, [], 'requests left this server');
    assert.deepEqual(errors, [], 'script errors');
    await context.close();
    step('ok');
  } finally {
    if (browser) await browser.close();
    child.kill('SIGINT');
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
