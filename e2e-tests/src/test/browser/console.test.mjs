// Drives the Modelway console in headless Chromium after the penguins pipeline has run: people log in through the
// issuer, every page renders the pipeline's data, each role sees and may do what it holds, the actions work, and
// each page is kept as a screenshot.
// Usage: node console.test.mjs <console-url> <screenshot-dir> <demo-password>; exits non-zero on the first failed check.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, out, password] = process.argv.slice(2);
if (!base || !out || !password) {
  console.error('usage: node console.test.mjs <console-url> <screenshot-dir> <demo-password>');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.MODELWAY_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
const pageErrors = [];
page.on('pageerror', e => pageErrors.push(e.message));
page.on('console', m => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text()); });
// Bad input is tested on purpose (4xx); a server error or a missing script or style is a failure.
page.on('response', r => {
  if (r.status() >= 500 || (r.status() >= 400 && /\.(js|css|html)$/.test(new URL(r.url()).pathname))) {
    pageErrors.push(r.status() + ' ' + r.url());
  }
});
let checks = 0;

function check(condition, what) {
  checks++;
  if (!condition) throw new Error('console check failed: ' + what);
}

async function open(route, name) {
  // Cleared first, so that the wait below cannot pass on the page shown before.
  await page.evaluate(() => document.body && document.body.removeAttribute('data-page')).catch(() => {});
  await page.goto(base + '#' + route);
  await page.waitForFunction(n => document.body.dataset.page === n, name, { timeout: 20000 });
  check(!(await page.locator('h1', { hasText: 'Could not load' }).count()), route + ' loads without an error: ' +
    await page.locator('main').innerText());
}

async function shot(file) {
  await page.screenshot({ path: join(out, file + '.png'), fullPage: true });
  console.log('screenshot ' + file + '.png');
}

async function text(selector) {
  return (await page.locator(selector).first().innerText()).trim();
}

// The console sends a visitor without a session to the issuer's login page, and back once they are in.
async function logIn(user) {
  await page.goto(base);
  await page.waitForSelector('input[name="username"]', { timeout: 20000 });
  check(new URL(page.url()).pathname === '/login' && page.url() !== base, 'a visit without a session lands on the ' +
    'issuer login page: ' + page.url());
  await page.fill('input[name="username"]', user);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => document.body.dataset.page === 'overview', null, { timeout: 20000 });
  check((await text('#who')).startsWith(user + ' ('), 'the console shows who is logged in: ' + await text('#who'));
}

// Logging out ends the console session and the login at the issuer: the next visit asks for a login again.
async function logOut() {
  await page.click('#logout');
  await page.waitForSelector('input[name="username"]', { timeout: 20000 });
  await page.goto(base);
  await page.waitForSelector('input[name="username"]', { timeout: 20000 });
  check(new URL(page.url()).pathname === '/login', 'after logging out the console asks for a login again: ' + page.url());
}

async function promote() {
  const promote = page.locator('button[data-promote]').first();
  const candidate = await promote.getAttribute('data-promote');
  await page.evaluate(() => document.querySelector('#action-result')?.remove());
  await promote.click();
  await page.waitForFunction(() => document.querySelector('#action-result') && document.body.dataset.page === 'models');
  return { candidate, result: await text('#action-result') };
}

try {
  await logIn('engineer');
  await open('/', 'overview');
  check((await text('.cards')).includes('4 / 4'), 'overview shows every service up: ' + await text('.cards'));
  check(await page.locator('main table').first().locator('.pill.ok', { hasText: 'UP' }).count() === 4, 'each service is listed as UP');
  check(await page.locator('main svg.spark').count() > 0, 'overview draws loss sparklines of the runs');
  await shot('01-overview');

  await open('/datasets', 'datasets');
  check((await text('main table')).includes('penguins'), 'datasets lists penguins');
  await shot('02-datasets');
  await page.locator('main a', { hasText: 'penguins' }).first().click();
  await page.waitForFunction(() => document.body.dataset.page === 'datasets' && document.querySelector('#profile'));
  const versions = await text('#versions');
  check(/345\s+344\s+1/.test(versions.replace(/\s+/g, ' ')), 'dataset v1 accounts 345 = 344 + 1: ' + versions);
  check(versions.includes('feedback: 61 labelled rows appended to v1'), 'a version of ground truth says so: ' + versions);
  check(/penguins v\d+\s+61/.test(await text('#provenance')), 'and which model versions predicted its rows: ' +
    await text('#provenance'));
  await page.locator('#versions a', { hasText: 'v1' }).first().click();
  await page.waitForFunction(() => document.querySelector('main h2') && document.body.innerText.includes('Version 1:')
    && document.querySelector('#profile'));
  check((await text('#profile')).includes('Body Mass (g)'), 'the profile lists every column');
  check(await page.locator('#profile svg.spark').count() >= 4, 'numeric columns get histograms');
  check((await text('#quarantine')).includes('ragged_row'), 'quarantined rows show their reason');
  await shot('03-dataset-penguins');

  await open('/runs', 'runs');
  const runs = await text('#runs');
  check(runs.includes('SUCCEEDED') && runs.includes('drift') && runs.includes('new-data'), 'runs list the pipeline runs: ' + runs);
  await shot('04-training-runs');
  await page.locator('#runs tbody tr', { hasText: 'new-data' }).last().locator('a').first().click();
  await page.waitForSelector('#loss-curve svg polyline');
  check(await page.locator('#loss-curve polyline').count() === 2, 'a run plots training and validation loss');
  check((await text('#baseline')).includes('majority class'), 'the run shows the model beside its baseline');
  check(await page.locator('#per-class tbody tr').count() === 3, 'and precision and recall per class');
  check((await text('table.confusion')).includes('Gentoo'), 'a classifier run shows its confusion matrix');
  check((await text('#promotion')).includes('production'), 'a run shows the gate decision');
  await shot('05-training-run');

  await open('/models/penguins', 'models');
  const aliasBefore = await text('.alias-block .alias');
  check(/production → v\d+/.test(aliasBefore), 'the model shows its production alias: ' + aliasBefore);
  check((await text('#lineage')).includes('training run'), 'the selected version shows its lineage');
  await page.waitForSelector('#pipeline-report');
  check((await text('#pipeline-report')).includes('imputed with the median'), 'and what became of each column: ' +
    (await text('#pipeline-report')).slice(0, 200));
  check((await text('table.confusion')).includes('Chinstrap'), 'the selected version shows its confusion matrix');
  await shot('06-model-penguins');
  const servedBefore = aliasBefore.match(/v(\d+)/)[1];
  // production is a protected alias: the registry refuses an engineer, and the console shows its refusal.
  const refused = await promote();
  check(refused.result.startsWith('Not allowed') && refused.result.includes('needs the role ops'),
    'an engineer cannot promote to production, and is told the role it needs: ' + refused.result);
  check((await text('.alias-block .alias')) === aliasBefore, 'the refused promotion left production where it was');

  // Retrain now, then watch the run page follow the run to its end without being reloaded by hand.
  await page.evaluate(() => document.querySelector('#action-result')?.remove());
  await page.locator('#retrain').click();
  await page.waitForFunction(() => document.querySelector('#action-result') && document.body.dataset.page === 'models');
  const queued = await text('#action-result');
  check(/^Run [0-9a-f]{8} queued/.test(queued), 'retrain queues a run: ' + queued);
  await open('/runs', 'runs');
  await page.locator('#runs tbody tr', { hasText: queued.slice(4, 12) }).locator('a').first().click();
  await page.waitForSelector('#run-status');
  // The spec asks for enough epochs that the run takes seconds: the page must show epochs part-way done.
  const seen = new Set();
  const deadline = Date.now() + 120000;
  let status = '';
  while (Date.now() < deadline) {
    status = await page.locator('#run-status').innerText().catch(() => '');
    seen.add((await page.locator('#run-progress').innerText().catch(() => '')).trim());
    if (['SUCCEEDED', 'FAILED'].includes(status.trim())) break;
    await page.waitForTimeout(250);
  }
  check(status.trim() === 'SUCCEEDED', 'the run page follows the run to SUCCEEDED: ' + status);
  const partWay = [...seen].map(t => t.match(/^(\d+) \/ (\d+)/)).filter(m => m && +m[1] > 0 && +m[1] < +m[2]);
  check(partWay.length > 0, 'the run page showed epochs part-way done, live: ' + [...seen].join(' | '));
  const done = (await text('#run-progress')).match(/^(\d+) \/ (\d+)/);
  check(done && done[1] === done[2], 'and every epoch done at the end: ' + await text('#run-progress'));
  check(await page.locator('#loss-curve polyline').count() === 2, 'with its loss curves');

  await open('/predict/penguins', 'predict');
  const form = page.locator('#predict-form');
  await form.locator('select[name="Island"]').selectOption('Biscoe');
  await form.locator('input[name="Beak Length (mm)"]').fill('46.1');
  await form.locator('input[name="Beak Depth (mm)"]').fill('13.2');
  await form.locator('input[name="Flipper Length (mm)"]').fill('211');
  await form.locator('input[name="Body Mass (g)"]').fill('4500');
  await form.locator('select[name="Sex"]').selectOption('FEMALE');
  await form.locator('button[type="submit"]').click();
  await page.waitForSelector('#prediction-label');
  check((await text('#prediction-label')) === 'Gentoo', 'the held-back Gentoo penguin is predicted Gentoo');
  check(await page.locator('#answer .bar-row').count() === 3, 'the answer shows a probability per class');
  const answeredBy = (await text('#answer p.muted')).match(/penguins v(\d+)/)[1];
  await page.locator('#send-feedback').click();
  await page.waitForFunction(() => document.querySelector('#feedback-result').textContent.startsWith('Feedback sent'));
  await shot('08-predict');
  await form.locator('input[name="Body Mass (g)"]').fill('heavy');
  await form.locator('button[type="submit"]').click();
  await page.waitForSelector('#answer.message.error');
  check((await text('#answer')).includes('Body Mass (g)'), 'bad input names the field: ' + await text('#answer'));
  check(await page.locator('input[name="Body Mass (g)"].invalid').count() === 1, 'the offending input is marked');

  await open('/monitoring/penguins', 'monitoring');
  check(await page.locator('.drift[data-method="psi"] svg polyline, .drift[data-method="psi"] svg circle').count() > 0, 'PSI per feature is plotted');
  check(await page.locator('.drift[data-method="psi"] line.threshold').count() === 1, 'the retrain threshold is drawn');
  check((await text('#windows')).includes('requested'), 'the decision training took to retrain is listed');
  check(/6[12] predictions with their true labels kept/.test(await text('#ground-truth')) &&
    (await text('#ground-truth')).includes('dataset v2'), 'ground truth on its way into training data: ' + await text('#ground-truth'));
  check(await page.locator('#windows a[href^="#/runs/"]').count() > 0, 'the window that asked for a retrain links to its run');
  // The feedback reaches the dashboard through Kafka: reload until it is counted.
  const counted = new RegExp('v' + answeredBy + '\\s+[12]\\s');
  let live = await text('#live-accuracy');
  for (let i = 0; i < 30 && !counted.test(live); i++) {
    await page.waitForTimeout(1000);
    await page.evaluate(() => document.body.removeAttribute('data-page'));
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.page === 'monitoring', null, { timeout: 20000 });
    live = await text('#live-accuracy');
  }
  check(counted.test(live), 'live accuracy counts the feedback sent on v' + answeredBy + ': ' + live);
  await shot('09-drift-and-accuracy');

  await open('/nowhere', 'not-found');
  check((await text('main h1')) === 'Not found', 'an unknown page says so');
  await logOut();

  // ops may move production: promote and roll back, both recorded under the person who did it.
  await logIn('ops');
  await open('/models/penguins', 'models');
  // The retrain above may have been promoted by the gate: start from what production serves now.
  const servedNow = (await text('.alias-block .alias')).match(/v(\d+)/)[1];
  const promoted = await promote();
  check(promoted.result === 'production now serves v' + promoted.candidate + ' (was v' + servedNow + ')',
    'promote moves the alias: ' + promoted.result);
  check((await text('.alias-block .alias')) === 'production → v' + promoted.candidate, 'the page shows the promoted version');
  await page.evaluate(() => document.querySelector('#action-result')?.remove());
  await page.locator('button[data-rollback="production"]').click();
  await page.waitForFunction(() => document.querySelector('#action-result') && document.body.dataset.page === 'models');
  const rolledBack = await text('#action-result');
  check(rolledBack === 'production rolled back to v' + servedNow, 'roll back returns to the version before: ' + rolledBack);
  check((await text('.alias-block .alias')) === 'production → v' + servedNow, 'the page shows the rolled-back alias');
  const history = await text('.alias-block table');
  check(/\sops\s+rollback from version/.test(history) && /\sops\s+promoted from the console/.test(history),
    'the alias history names ops, who promoted and rolled back: ' + history);
  check((await text('#audit')).includes('ops'), 'so does the audit log');
  await shot('07-model-penguins-after-promote');
  await logOut();

  // A viewer reads everything and is offered no action.
  await logIn('viewer');
  await open('/models/penguins', 'models');
  check(await page.locator('button[data-promote], button[data-rollback], #retrain').count() === 0,
    'a viewer is offered no promote, roll back or retrain');
  await open('/predict/penguins', 'predict');
  check((await text('#not-allowed')).includes('needs the role client'), 'a viewer is told predicting needs the role client');
  await logOut();

  check(pageErrors.length === 0, 'no script errors: ' + pageErrors.join('; '));
  console.log('console checks passed: ' + checks);
} catch (e) {
  await page.screenshot({ path: join(out, 'failure.png'), fullPage: true }).catch(() => {});
  console.error(e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
