// Drift and live accuracy of one model: each feature's distance from training per window of live inputs,
// what training-service decided about each window, and accuracy on feedback next to the holdout accuracy.
import { api, optional, notices } from '../api.js';
import { esc, table, when, fixed, modelPicker } from '../html.js';
import { lineChart, PALETTE } from '../charts.js';

const enc = encodeURIComponent;

export async function render(main, [wanted]) {
  const models = await api.get('registry', '/api/models?limit=200');
  if (!models.length) {
    main.innerHTML = '<h1>Drift &amp; accuracy</h1><p class="muted">No model is registered yet.</p>';
    return { refresh: 10 };
  }
  const model = models.find(m => m.name === wanted) || models.find(m => m.aliases && m.aliases.production) || models[0];
  const notes = [];
  const [windows, scores, versions, spec, decisions, truth] = await Promise.all([api.own('drift/' + enc(model.name)),
    api.own('live-accuracy/' + enc(model.name)), api.newest('registry', '/api/models/' + enc(model.name) + '/versions', 100),
    optional(api.get('training', '/api/training-specs/' + enc(model.name)), null, notes),
    optional(api.get('training', '/api/training-specs/' + enc(model.name) + '/drift-decisions?limit=100'), [], []),
    optional(api.get('training', '/api/training-specs/' + enc(model.name) + '/ground-truth'), null, [])]);
  const decided = new Map(decisions.map(d => [d.windowId, d]));
  const policy = spec && spec.drift;
  const method = policy && policy.method || 'psi';

  let html = '<h1>Drift &amp; accuracy</h1>' + notices(notes) + '<p>' + modelPicker(models, model.name) + ' ' +
    '<span class="muted">' + (notes.length ? 'the drift policy is unknown while training-service does not answer' : policy ? 'retrains when ' + esc(method) + ' stays above ' + esc(policy.threshold) + ' for ' +
      esc(policy.windows) + (policy.windows === 1 ? ' window' : ' windows') : 'no drift policy in the training spec; drift is measured, not acted on') + '</span></p>';

  html += '<div class="grid2">' + driftPanel(windows, 'psi', 'PSI per feature (numeric and categorical)', policy) +
    driftPanel(windows, 'ks', 'Kolmogorov-Smirnov distance per numeric feature', policy) + '</div>';
  html += '<div class="grid2">' + driftPanel(windows, 'chi_square', 'Chi-square per categorical feature', policy) +
    accuracyPanel(scores, versions) + '</div>';
  html += groundTruthPanel(truth, spec);
  html += '<section class="panel"><h2>Windows and the retraining loop</h2>' + table(['Closed', 'Version', 'Rows', 'Most drifted feature', method, 'Training decided'],
    windows.slice(-15).reverse().map(w => {
      const top = (w.features || []).filter(f => f.method === method).sort((a, b) => b.statistic - a.statistic)[0];
      return [when(w.closedAt), 'v' + esc(w.version), esc(w.rows), esc(top ? top.feature : ''), top ? fixed(top.statistic) : '',
        decision(w, decided.get(w.id))];
    }), 'id="windows"') + '</section>';
  main.innerHTML = html;
  main.querySelector('#model').addEventListener('change', e => { location.hash = '#/monitoring/' + enc(e.target.value); });
  return { refresh: 10 };
}

// What training made of a window: its outcome, and the run it queued.
function decision(window, d) {
  if (!d) return '<span class="pill busy" title="sent to training-service, not decided yet">sent</span>';
  const outcome = d.outcome.toLowerCase().replace(/_/g, ' ');
  const pill = '<span class="pill ' + (d.outcome === 'REQUESTED' ? 'bad' : d.outcome === 'BELOW' ? 'ok' : 'busy') + '">' + esc(outcome) + '</span>';
  return d.runId ? pill + ' <a href="#/runs/' + enc(d.runId) + '">run ' + esc(d.runId.slice(0, 8)) + '</a>' : pill;
}

function driftPanel(windows, method, title, policy) {
  const byFeature = new Map();
  windows.forEach((w, i) => (w.features || []).filter(f => f.method === method).forEach(f => {
    if (!byFeature.has(f.feature)) byFeature.set(f.feature, []);
    byFeature.get(f.feature).push([i + 1, f.statistic]);
  }));
  const series = [...byFeature.entries()].map(([name, points], i) => ({ name, points, color: PALETTE[i % PALETTE.length] }));
  const threshold = policy && policy.method === method ? { value: policy.threshold, label: 'retrain threshold ' + policy.threshold } : undefined;
  return '<section class="panel drift" data-method="' + esc(method) + '"><h2>' + esc(title) + '</h2>' +
    (series.length ? lineChart(series, { xLabel: 'window of live inputs', yLabel: method, threshold, yMin: 0, legend: true, width: 560, height: 240 })
      : '<div class="muted chart-empty">no window closed yet: a window closes after the configured number of predictions</div>') + '</section>';
}

// Ground truth on its way into training data: the rows kept, how many wait for the feedback policy's minimum,
// and the dataset version the last ones went into.
function groundTruthPanel(truth, spec) {
  if (!truth || (!truth.rows && !(spec && spec.feedback))) return '';
  const policy = spec && spec.feedback;
  const share = policy ? Math.min(1, truth.pending / policy.minRows) : 0;
  return '<section class="panel" id="ground-truth"><h2>Ground truth into training data</h2><p>' + esc(truth.rows) +
    ' predictions with their true labels kept; ' + esc(truth.pending) + ' in no dataset version yet' +
    (truth.latestDatasetVersion ? '; the last ones went into ' + '<a href="#/datasets/' + enc(spec ? spec.dataset : '') +
      '/v' + esc(truth.latestDatasetVersion) + '">dataset v' + esc(truth.latestDatasetVersion) + '</a>' : '') + '.</p>' +
    (policy ? '<p><span class="bar-track" style="display:inline-block;width:240px"><span class="bar" style="width:' +
      (100 * share).toFixed(1) + '%;background:' + PALETTE[2] + '"></span></span> ' + esc(truth.pending) + ' / ' +
      esc(policy.minRows) + ' rows for the next version (' + esc(policy.mix) + ', labelled within ' + esc(policy.maxAge) + ')</p>'
      : '<p class="muted">No feedback policy in the training spec: ground truth is kept, not made into training data.</p>') +
    '</section>';
}

function accuracyPanel(scores, versions) {
  if (!scores.length) {
    return '<section class="panel" id="live-accuracy"><h2>Live accuracy per version</h2><div class="muted chart-empty">no feedback joined to a prediction yet' +
      ' (POST /api/feedback on serving-api, or send it from Try a prediction)</div></section>';
  }
  const holdout = Object.fromEntries(versions.map(v => [v.version, v.metrics || {}]));
  const classifier = scores.some(s => s.accuracy !== null && s.accuracy !== undefined);
  const rows = scores.slice().sort((a, b) => a.version - b.version).map(s => {
    const live = classifier ? s.accuracy : s.rmse, trained = classifier ? holdout[s.version]?.accuracy : holdout[s.version]?.rmse;
    return { version: s.version, live, trained, feedback: s.feedback };
  });
  const max = Math.max(1e-9, ...rows.flatMap(r => [r.live, r.trained]).filter(v => typeof v === 'number'));
  const bar = (v, color) => typeof v === 'number'
    ? '<span class="bar-track" style="display:inline-block;width:180px"><span class="bar" style="width:' + (100 * v / (classifier ? 1 : max)).toFixed(1) +
      '%;background:' + color + '"></span></span> ' + fixed(v) : '<span class="muted">—</span>';
  return '<section class="panel" id="live-accuracy"><h2>Live ' + (classifier ? 'accuracy' : 'RMSE') + ' per version</h2>' +
    table(['Version', 'Feedback', 'Live', 'Holdout at training'], rows.map(r => ['v' + esc(r.version), esc(r.feedback),
      bar(r.live, PALETTE[0]), bar(r.trained, PALETTE[5])])) + '</section>';
}
