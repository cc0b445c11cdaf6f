// The first screen: is everything up, what exists, what is training right now.
import { api } from '../api.js';
import { esc, table, status, when, metricSummary, link } from '../html.js';
import { progress, sparkline } from '../charts.js';

function card(value, label) {
  return '<div class="card"><div class="value">' + esc(value) + '</div><div class="label">' + esc(label) + '</div></div>';
}

function list(value) {
  return Array.isArray(value) ? value : [];
}

export async function render(main) {
  const o = await api.own('overview');
  const services = Object.entries(o.services || {});
  const up = services.filter(([, h]) => h.status === 'UP').length;
  const runs = list(o.runs), models = list(o.models), datasets = list(o.datasets);
  const active = runs.filter(r => r.status === 'RUNNING' || r.status === 'QUEUED').length;
  main.innerHTML = '<h1>Overview</h1>' +
    '<div class="cards">' + card(up + ' / ' + services.length, 'services up') + card(datasets.length, 'datasets') +
    card(models.length, 'models') + card(active, 'runs queued or running') + '</div>' +
    '<div class="grid2"><section class="panel"><h2>Services</h2>' +
    table(['Service', 'Status', 'Detail'], services.map(([name, h]) => [esc(name), status(h.status || 'DOWN'),
      '<span class="muted">' + esc(h.error || '') + '</span>'])) +
    '</section><section class="panel"><h2>Models</h2>' +
    table(['Model', 'Versions', 'Aliases'], models.map(m => [link('#/models/' + encodeURIComponent(m.name), m.name),
      esc(m.versions), Object.entries(m.aliases || {}).map(([a, v]) => '<span class="alias">' + esc(a) + ' → v' + esc(v) + '</span>').join('')])) +
    '</section></div>' +
    '<section class="panel"><h2>Recent training runs</h2>' +
    table(['Run', 'Model', 'Status', 'Reason', 'Progress', 'Loss', 'Metrics', 'Version', 'Started'], runs.map(r => [
      link('#/runs/' + r.runId, String(r.runId).slice(0, 8)), esc(r.model), status(r.status), esc(r.reason),
      progress(r.epoch, r.epochs), sparkline((r.history || []).map(h => h.loss)), esc(metricSummary(r.metrics)),
      r.modelVersion ? link('#/models/' + encodeURIComponent(r.model) + '/v' + r.modelVersion, 'v' + r.modelVersion) : '',
      when(r.startedAt)])) +
    '</section>' +
    '<section class="panel"><h2>Datasets</h2>' +
    table(['Dataset', 'Versions', 'Latest'], datasets.map(d => [link('#/datasets/' + encodeURIComponent(d.name), d.name),
      esc(d.versions), d.latestVersion ? link('#/datasets/' + encodeURIComponent(d.name) + '/v' + d.latestVersion, 'v' + d.latestVersion) : ''])) +
    '</section>';
  return { refresh: 5 };
}
