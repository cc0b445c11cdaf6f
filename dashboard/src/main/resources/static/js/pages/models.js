// Models: versions with their metrics and lineage, aliases with promote and roll back, the audit log.
import { api, optional, notices, ApiError } from '../api.js';
import { esc, table, when, metricSummary, link, fixed } from '../html.js';
import { confusionMatrix } from '../charts.js';
import { can } from '../session.js';

const enc = encodeURIComponent;
// The outcome of the last action, shown once on the page of the model it was taken on.
let lastMessage = null;

export async function renderList(main) {
  const models = await api.get('registry', '/api/models?limit=200');
  main.innerHTML = '<h1>Models</h1>' + table(['Model', 'Versions', 'Latest', 'Aliases', 'Tags', 'Created'], models.map(m => [
    link('#/models/' + enc(m.name), m.name), esc(m.versions), esc(m.latestVersion ?? ''), aliasChips(m.aliases),
    esc(Object.entries(m.tags || {}).map(([k, v]) => k + '=' + v).join(', ')), when(m.createdAt)]), 'id="models"');
  return { refresh: 10 };
}

function aliasChips(aliases) {
  return Object.entries(aliases || {}).map(([a, v]) => '<span class="alias">' + esc(a) + ' → v' + esc(v) + '</span>').join('');
}

export async function renderModel(main, [name, wanted]) {
  const base = '/api/models/' + enc(name);
  const notes = [];
  const [model, versions, audit, spec, live] = await Promise.all([
    api.get('registry', base), api.newest('registry', base + '/versions', 100), api.get('registry', base + '/audit?limit=15'),
    optional(api.get('training', '/api/training-specs/' + enc(name)), null, notes), optional(api.own('live-accuracy/' + enc(name)), [])]);
  const aliases = await Promise.all(Object.keys(model.aliases || {}).sort().map(a => Promise.all([
    api.get('registry', base + '/aliases/' + enc(a)), api.get('registry', base + '/aliases/' + enc(a) + '/history?limit=10')])));
  const promoteTo = spec && spec.promote && spec.promote.alias || 'production';
  const newestFirst = versions.slice().sort((a, b) => b.version - a.version);
  const older = wanted && !versions.some(v => String(v.version) === wanted)
    ? await api.get('registry', base + '/versions/' + enc(wanted)) : null;
  const selected = older || newestFirst.find(v => String(v.version) === wanted) || newestFirst[0];
  const liveBy = Object.fromEntries(live.map(s => [s.version, s]));
  const metric = spec && spec.promote && spec.promote.metric || 'accuracy';
  const current = versions.find(v => (v.aliases || []).includes(promoteTo));

  let html = '<h1>Model ' + esc(name) + '</h1>' + notices(notes) + (lastMessage && lastMessage.model === name ? lastMessage.html : '') +
    '<p>' + (spec && can('engineer') ? '<button id="retrain">Retrain now</button> <span class="muted">on the latest version of dataset ' + esc(spec.dataset) + '</span>'
      : spec ? '<span class="muted">Retraining, promoting and rolling back need the role engineer (ops for protected aliases such as production).</span>'
      : notes.length ? '' : '<span class="muted">No training spec: this model is registered by hand.</span>') + '</p>';
  lastMessage = null;
  html += '<section class="panel"><h2>Aliases</h2>' + (aliases.length ? aliases.map(([alias, history]) =>
    '<div class="alias-block"><p><span class="alias">' + esc(alias.alias) + ' → v' + esc(alias.version) + '</span> revision ' + esc(alias.revision) +
    ', moved by ' + esc(alias.updatedBy) + ' at ' + when(alias.updatedAt) +
    (can('engineer') ? ' <button data-rollback="' + esc(alias.alias) + '"' + (history.length > 1 ? '' : ' disabled title="no earlier version to go back to"') +
    '>Roll back ' + esc(alias.alias) + '</button>' : '') + '</p>' +
    table(['Revision', 'Version', 'From', 'By', 'Reason', 'At'], history.map(h => [esc(h.revision), esc(h.version ?? 'deleted'),
      esc(h.previousVersion ?? ''), esc(h.changedBy), esc(h.reason ?? ''), when(h.changedAt)])) + '</div>').join('')
    : '<p class="muted">No alias yet: promote a version below.</p>') + '</section>';

  html += '<section class="panel"><h2>Versions</h2>' + table(['Version', 'Created', 'Run', 'Dataset', 'Holdout metrics', 'Live accuracy / RMSE', 'Aliases', 'Tags', ''],
    newestFirst.map(v => {
      const score = liveBy[v.version];
      const holding = (v.aliases || []).includes(promoteTo);
      return [link('#/models/' + enc(name) + '/v' + v.version, 'v' + v.version), when(v.createdAt),
        v.runId ? link('#/runs/' + v.runId, String(v.runId).slice(0, 8)) : '',
        v.datasetVersion ? link('#/datasets/' + enc(v.dataset) + '/v' + v.datasetVersion, v.dataset + ' v' + v.datasetVersion) : esc(v.dataset || ''),
        esc(metricSummary(v.metrics)),
        score ? esc((score.accuracy !== null && score.accuracy !== undefined ? 'accuracy ' + fixed(score.accuracy) : 'RMSE ' + fixed(score.rmse)) + ' on ' + score.feedback) : '<span class="muted">no feedback</span>',
        (v.aliases || []).map(a => '<span class="alias">' + esc(a) + '</span>').join(''),
        esc(Object.entries(v.tags || {}).map(([k, t]) => k + '=' + t).join(', ')),
        holding || !can('engineer') ? '' : '<button class="' + (worse(v, current, metric) ? '' : 'primary') + '" data-promote="' + esc(v.version) + '" data-alias="' +
          esc(promoteTo) + '">Promote to ' + esc(promoteTo) + '</button>' + comparison(v, current, metric)];
    }), 'id="versions"', newestFirst.indexOf(selected)) + '</section>';

  if (selected) {
    const [lineage, pipeline] = await Promise.all([
      optional(api.get('registry', base + '/versions/' + selected.version + '/lineage'), null),
      optional(api.get('registry', base + '/versions/' + selected.version + '/artifacts/pipeline.json'), null)]);
    const m = selected.metrics || {};
    html += '<div class="grid2"><section class="panel"><h2>v' + selected.version + ': lineage</h2>' + lineageFacts(selected, lineage) +
      '<h2>Artifacts</h2>' + table(['File', 'SHA-256', 'Bytes'], (selected.artifacts || []).map(a => [
        '<a href="api/console/registry' + esc(base + '/versions/' + selected.version + '/artifacts/' + enc(a.file)) + '">' + esc(a.file) + '</a>',
        '<span class="mono">' + esc(String(a.sha256).slice(0, 16)) + '…</span>', esc(a.size)])) + '</section>' +
      '<section class="panel"><h2>v' + selected.version + ': confusion matrix</h2><div class="muted">' + esc(metricSummary(m)) +
      (m.holdoutRows ? ' on ' + esc(m.holdoutRows) + ' test rows' : '') + '</div>' + confusionMatrix(m.classes || [], m.confusionMatrix) + '</section></div>';
    html += pipelineReport(selected.version, pipeline);
  }
  html += '<section class="panel"><h2>Audit log</h2>' + table(['At', 'Action', 'Actor', 'Detail'], audit.map(a => [when(a.at), esc(a.action), esc(a.actor),
    '<span class="mono">' + esc(JSON.stringify(summaryOf(a.detail))) + '</span>']), 'id="audit"') + '</section>';
  main.innerHTML = html;
  wire(main, name, aliases, spec);
  return { refresh: notes.length ? 10 : 0 };
}

// The gate's metric of a version next to the one the alias serves, so that a worse version is not promoted unawares.
const LOWER_IS_BETTER = ['rmse', 'mae', 'logLoss', 'reconstructionErrorP99'];

function worse(version, current, metric) {
  const a = (version.metrics || {})[metric], b = current && (current.metrics || {})[metric];
  if (typeof a !== 'number' || typeof b !== 'number') return false;
  return LOWER_IS_BETTER.includes(metric) ? a > b : a < b;
}

function comparison(version, current, metric) {
  const a = (version.metrics || {})[metric], b = current && (current.metrics || {})[metric];
  if (typeof a !== 'number' || typeof b !== 'number') return '';
  return '<div class="muted compare' + (worse(version, current, metric) ? ' worse' : '') + '">' + esc(metric) + ' ' + fixed(a) +
    ' vs ' + fixed(b) + ' on v' + esc(current.version) + '</div>';
}

function summaryOf(detail) {
  if (!detail || typeof detail !== 'object') return detail;
  const { metrics, ...rest } = detail;
  return rest;
}

// What the feature pipeline made of every column of the training table, and why.
function pipelineReport(version, pipeline) {
  const report = pipeline && typeof pipeline === 'object' ? pipeline.report || [] : [];
  if (!report.length) return '';
  return '<section class="panel"><h2>v' + esc(version) + ': what became of each column</h2>' +
    table(['Column', 'Use', 'How or why'], report.map(r => [esc(r.column),
      '<span class="pill ' + (r.use === 'not read' ? 'busy' : 'ok') + '">' + esc(r.use) + '</span>', esc(r.detail)]), 'id="pipeline-report"') + '</section>';
}

function lineageFacts(version, lineage) {
  const rows = [];
  const fact = (k, v) => rows.push('<dt>' + esc(k) + '</dt><dd>' + v + '</dd>');
  if (lineage && lineage.run) {
    fact('training run', link('#/runs/' + lineage.run.runId, lineage.run.runId) + ' (' + esc(lineage.run.reason) + ')');
    fact('code version', '<span class="mono">' + esc(lineage.run.codeVersion || '') + '</span>');
    fact('params SHA-256', '<span class="mono">' + esc(lineage.run.paramsSha256 || '') + '</span>');
  }
  if (lineage && lineage.datasetVersion) {
    const d = lineage.datasetVersion;
    fact('dataset version', link('#/datasets/' + enc(d.dataset) + '/v' + d.version, d.dataset + ' v' + d.version) +
      (d.stored ? '' : ' <span class="pill bad">data no longer stored</span>'));
    fact('data', '<span class="mono">' + esc(d.dataKey) + ' ' + esc(String(d.dataSha256 || '').slice(0, 16)) + '…</span>');
  }
  if (lineage && lineage.upload) {
    fact('source upload', '<span class="mono">' + esc(lineage.upload.key) + ' (' + esc(lineage.upload.contentType) + ')</span>');
  }
  if (!rows.length) fact('lineage', '<span class="muted">registered by hand, no run or dataset recorded</span>');
  fact('model type', esc(version.modelType));
  return '<dl class="facts" id="lineage">' + rows.join('') + '</dl>';
}

function wire(main, name, aliases, spec) {
  const base = '/api/models/' + enc(name);
  const act = async (button, work) => {
    main.querySelectorAll('button').forEach(b => { b.disabled = true; });
    try {
      lastMessage = { model: name, html: '<div class="message ok" id="action-result">' + esc(await work()) + '</div>' };
    } catch (e) {
      lastMessage = { model: name, html: '<div class="message error" id="action-result">' + esc(e instanceof ApiError && e.problem.field
        ? e.message + ' (field ' + e.problem.field + ')' : e.message) + '</div>' };
    }
    window.dispatchEvent(new Event('modelway:reload'));
  };
  main.querySelectorAll('[data-promote]').forEach(button => button.addEventListener('click', () => act(button, async () => {
    const alias = button.dataset.alias, version = Number(button.dataset.promote);
    const current = aliases.find(([a]) => a.alias === alias);
    const moved = await api.put('registry', base + '/aliases/' + enc(alias), {
      version, reason: 'promoted from the console', ...(current ? { expectedRevision: current[0].revision } : {}) });
    return alias + ' now serves v' + moved.version + (current ? ' (was v' + current[0].version + ')' : '');
  })));
  main.querySelectorAll('[data-rollback]').forEach(button => button.addEventListener('click', () => act(button, async () => {
    const moved = await api.post('registry', base + '/aliases/' + enc(button.dataset.rollback) + '/rollback');
    return button.dataset.rollback + ' rolled back to v' + moved.version;
  })));
  const retrain = main.querySelector('#retrain');
  if (retrain) retrain.addEventListener('click', () => act(retrain, async () => {
    const run = await api.post('training', '/api/training-runs', { model: name });
    return 'Run ' + String(run.runId).slice(0, 8) + ' queued: follow it under Training runs';
  }));
}
