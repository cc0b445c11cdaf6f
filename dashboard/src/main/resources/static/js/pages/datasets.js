// Datasets: their versions with the rows accounted for, each version's profile and its quarantined rows.
import { api } from '../api.js';
import { esc, table, status, when, link, fixed } from '../html.js';
import { bars, histogram } from '../charts.js';

const enc = encodeURIComponent;

export async function renderList(main) {
  const datasets = await api.get('ingest', '/api/datasets?limit=200');
  main.innerHTML = '<h1>Datasets</h1>' + table(['Dataset', 'Versions', 'Latest', 'Created'], datasets.map(d => [
    link('#/datasets/' + enc(d.name), d.name), esc(d.versions), esc(d.latestVersion ?? ''), when(d.createdAt)]));
  return { refresh: 10 };
}

export async function renderDataset(main, [name, wanted]) {
  const versions = await api.newest('ingest', '/api/datasets/' + enc(name) + '/versions', 100);
  const published = versions.filter(v => v.status === 'PUBLISHED');
  const older = wanted && !versions.some(v => String(v.version) === wanted)
    ? await api.get('ingest', '/api/datasets/' + enc(name) + '/versions/' + enc(wanted)) : null;
  const selected = older || versions.find(v => String(v.version) === wanted) || published[published.length - 1] || versions[versions.length - 1];
  let html = '<h1>Dataset ' + esc(name) + '</h1><section class="panel"><h2>Versions</h2>' +
    table(['Version', 'Status', 'Received', 'Clean', 'Quarantined', 'Quarantine reasons', 'Source', 'Created'], versions.map(v => [
      link('#/datasets/' + enc(name) + '/v' + v.version, 'v' + v.version), status(v.status),
      '<span class="num">' + esc(v.rowsReceived) + '</span>', esc(v.rowsClean), esc(v.rowsQuarantined),
      esc(Object.entries(v.quarantineReasons || {}).map(([r, n]) => r + ' ' + n).join(', ')),
      sourceOf(v), when(v.createdAt)]), 'id="versions"',
      versions.indexOf(selected)) + '</section>';
  if (!selected) {
    main.innerHTML = html;
    return;
  }
  const base = '/api/datasets/' + enc(name) + '/versions/' + selected.version;
  html += '<h2>Version ' + selected.version + ': ' + esc(selected.rowsReceived) + ' rows received = ' + esc(selected.rowsClean) +
    ' clean + ' + esc(selected.rowsQuarantined) + ' quarantined</h2>';
  if (selected.status === 'PUBLISHED') {
    const [profile, quarantine] = await Promise.all([api.get('ingest', base + '/profile'), api.get('ingest', base + '/quarantine?limit=20')]);
    html += '<section class="panel"><h2>Profile of the clean rows</h2>' + profileTable(profile, selected.columnReport || {}) + '</section>';
    html += '<section class="panel"><h2>Quarantine</h2>' + quarantineView(selected, String(quarantine)) + '</section>';
    if (selected.source) html += provenanceView(selected.source);
  } else {
    html += '<div class="message error">' + esc(selected.error || 'This version was not published.') + '</div>';
  }
  html += '<section class="panel"><h2>Objects</h2>' + table(['Object', 'Key', 'SHA-256', 'Bytes'],
    Object.entries(selected.objects || {}).map(([kind, o]) => [esc(kind), '<span class="mono">' + esc(o.key) + '</span>',
      '<span class="mono">' + esc(String(o.sha256).slice(0, 16)) + '…</span>', esc(o.size)])) + '</section>';
  main.innerHTML = html;
  return { refresh: versions.some(v => v.status === 'PENDING') ? 3 : 0 };
}

function profileTable(profile, report) {
  return '<p class="muted">' + esc(profile.rows) + ' rows. Missing and repaired values are counted before cleaning.</p>' +
    table(['Column', 'Type', 'Missing before cleaning', 'Mean', 'Std', 'Min', 'p50', 'Max', 'Distribution'], (profile.columns || []).map(c => [
      esc(c.name), esc(c.type), esc((report[c.name] || {}).missing ?? c.missing),
      fixed(c.mean), fixed(c.std), fixed(c.min, 2), fixed((c.quantiles || {}).p50, 2), fixed(c.max, 2),
      c.type === 'NUMERIC' ? histogram((c.histogram || []).map(b => b.count))
        : bars(Object.entries(c.frequencies || {}).sort((a, b) => b[1] - a[1]).slice(0, 8), { compact: true })]), 'id="profile"');
}

// What a version's rows came from: an upload's content type, or the ground truth of production predictions.
function sourceOf(v) {
  if (v.source && v.source.kind === 'feedback') {
    return esc('feedback: ' + v.source.feedbackRows + ' labelled rows' +
      (v.source.baseVersion ? ' appended to v' + v.source.baseVersion : ', a window'));
  }
  return '<span class="mono">' + esc(v.contentType || '') + '</span>';
}

// The predictions whose true labels made the version: how many per model version, and when they were labelled.
function provenanceView(source) {
  if (source.kind !== 'feedback') return '';
  return '<section class="panel"><h2>Ground truth in this version</h2><p class="muted">' + esc(source.feedbackRows) +
    ' production rows with their true labels (' + esc(source.mix) + (source.baseVersion ? ' to v' + esc(source.baseVersion) : '') +
    '), labelled ' + when(source.labelledFrom) + ' to ' + when(source.labelledTo) + '; every request id is in the manifest.</p>' +
    table(['Predicted by', 'Rows'], (source.modelVersions || []).map(m => [
      link('#/models/' + enc(m.model) + '/v' + m.version, m.model + ' v' + m.version), esc(m.rows)]), 'id="provenance"') + '</section>';
}

function quarantineView(version, csv) {
  const lines = csv.split('\n').filter(l => l.length);
  const reasons = Object.entries(version.quarantineReasons || {});
  if (!reasons.length) return '<p class="muted">No row was quarantined.</p>';
  return bars(reasons.sort((a, b) => b[1] - a[1]), { color: '#d93025' }) +
    '<p class="muted">The first quarantined rows of ' + esc(version.rowsQuarantined) + ', each with its source line, reason and raw text:</p>' +
    '<pre class="quarantine" id="quarantine">' + esc(lines.slice(0, 21).join('\n')) + '</pre>';
}
