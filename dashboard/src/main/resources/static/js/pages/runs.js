// Training runs: the queue and history with live progress, and each run's curves, metrics and gate decision.
import { api } from '../api.js';
import { esc, table, status, when, metricSummary, link, fixed } from '../html.js';
import { confusionMatrix, lineChart, progress, sparkline, spansDecades } from '../charts.js';

const enc = encodeURIComponent;
const live = run => run.status === 'QUEUED' || run.status === 'RUNNING';

export async function renderList(main) {
  const runs = await api.get('training', '/api/training-runs?limit=50');
  main.innerHTML = '<h1>Training runs</h1>' +
    '<p class="muted">Newest first. Runs start on new data, drift, a schedule or by hand; progress updates live.</p>' +
    table(['Run', 'Model', 'Status', 'Reason', 'Dataset', 'Progress', 'Loss', 'Metrics', 'Version', 'Started', 'Finished'], runs.map(r => [
      link('#/runs/' + r.runId, String(r.runId).slice(0, 8)), link('#/models/' + enc(r.model), r.model), status(r.status), esc(r.reason),
      r.datasetVersion ? link('#/datasets/' + enc(r.dataset) + '/v' + r.datasetVersion, r.dataset + ' v' + r.datasetVersion) : esc(r.dataset || ''),
      progress(r.epoch, r.epochs), sparkline((r.history || []).map(h => h.loss)), esc(metricSummary(r.metrics)),
      r.modelVersion ? link('#/models/' + enc(r.model) + '/v' + r.modelVersion, 'v' + r.modelVersion) : '',
      when(r.startedAt), when(r.finishedAt)]), 'id="runs"');
  return { refresh: runs.some(live) ? 2 : 10 };
}

export async function renderRun(main, [runId]) {
  const run = await api.get('training', '/api/training-runs/' + enc(runId));
  const history = run.history || [];
  const series = [{ name: 'training loss', points: history.map(h => [h.epoch, h.loss]) }];
  // Runs before the three-way split recorded their held-out loss as holdoutLoss.
  const validation = h => typeof h.validationLoss === 'number' ? h.validationLoss : h.holdoutLoss;
  if (history.some(h => typeof validation(h) === 'number')) {
    series.push({ name: 'validation loss', points: history.filter(h => typeof validation(h) === 'number').map(h => [h.epoch, validation(h)]) });
  }
  const log = spansDecades(series.flatMap(s => s.points.map(p => p[1])));
  const m = run.metrics || {};
  main.innerHTML = '<h1>Run ' + esc(String(run.runId).slice(0, 8)) + ' of ' + link('#/models/' + enc(run.model), run.model) + ' <span id="run-status">' + status(run.status) + '</span></h1>' +
    '<p id="run-progress">' + progress(run.epoch, run.epochs) + ' epochs' + (run.error ? '<div class="message error">' + esc(run.error) + '</div>' : '') + '</p>' +
    '<div class="grid2"><section class="panel"><h2>Loss per epoch</h2><div id="loss-curve">' +
    lineChart(series, { xLabel: 'epoch', yLabel: 'loss', log, legend: true }) + '</div></section>' +
    '<section class="panel"><h2>Run</h2><dl class="facts">' +
    fact('run id', '<span class="mono">' + esc(run.runId) + '</span>') + fact('reason', esc(run.reason)) +
    fact('dataset', run.datasetVersion ? link('#/datasets/' + enc(run.dataset) + '/v' + run.datasetVersion, run.dataset + ' v' + run.datasetVersion) : esc(run.dataset)) +
    fact('dataset SHA-256', '<span class="mono">' + esc(run.datasetSha256 || '') + '</span>') +
    fact('params', '<span class="mono">' + esc(JSON.stringify((run.spec || {}).params || {})) + '</span>') +
    fact('code version', '<span class="mono">' + esc(run.codeVersion || '') + '</span>') +
    fact('queued / started / finished', when(run.createdAt) + ' / ' + when(run.startedAt) + ' / ' + when(run.finishedAt)) +
    fact('model version', run.modelVersion ? link('#/models/' + enc(run.model) + '/v' + run.modelVersion, 'v' + run.modelVersion) : '—') +
    '</dl></section></div>' +
    '<div class="grid2"><section class="panel"><h2>Test metrics</h2>' + againstBaseline(m) + '<dl class="facts" id="metrics">' +
    Object.entries(m).filter(([, v]) => typeof v === 'number').map(([k, v]) => fact(k, esc(Number.isInteger(v) ? v : fixed(v, 4)))).join('') +
    '</dl>' + perClass(m.perClass) + promotion(run.promotion) + '</section>' +
    '<section class="panel"><h2>Confusion matrix</h2><div class="muted">On the ' + esc(m.holdoutRows ?? '') + ' test rows.</div>' +
    confusionMatrix(m.classes || [], m.confusionMatrix) + '</section></div>';
  return { refresh: live(run) ? 2 : 0 };
}

// The model beside the trivial baseline (majority class, mean) on the same test rows.
function againstBaseline(m) {
  const b = m.baseline;
  if (!b) return '';
  const rows = ['accuracy', 'macroF1', 'logLoss', 'rmse', 'mae', 'r2'].filter(k => typeof m[k] === 'number' && typeof b[k] === 'number')
    .map(k => [esc(k), fixed(m[k], 4), fixed(b[k], 4)]);
  return '<div id="baseline"><div class="muted">Against the baseline: ' + esc(b.model) + '</div>' + table(['Metric', 'Model', 'Baseline'], rows) + '</div>';
}

function perClass(classes) {
  if (!classes) return '';
  return '<h2>Per class</h2>' + table(['Class', 'Precision', 'Recall', 'F1', 'Rows'], Object.entries(classes).map(([name, c]) =>
    [esc(name), fixed(c.precision, 3), fixed(c.recall, 3), fixed(c.f1, 3), esc(c.support)]), 'id="per-class"');
}

function fact(name, html) {
  return '<dt>' + esc(name) + '</dt><dd>' + html + '</dd>';
}

function promotion(p) {
  if (!p) return '';
  return '<h2>Promotion gate</h2><div class="message ' + (p.promoted ? 'ok' : 'error') + '" id="promotion">' +
    (p.promoted ? 'Promoted to ' : 'Not promoted to ') + esc(p.alias) + ': ' + esc(p.reason) +
    ' (' + esc(p.metric) + ' candidate ' + fixed(p.candidate, 4) + (typeof p.incumbent === 'number' ? ', incumbent ' + fixed(p.incumbent, 4) : '') + ')</div>';
}
