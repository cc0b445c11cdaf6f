// Small helpers to build markup from data; every value goes through esc().

export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** A table of pre-rendered cells; the row at index selected is highlighted. */
export function table(headers, rows, attrs = '', selected = -1) {
  return '<table ' + attrs + '><thead><tr>' + headers.map(h => '<th>' + esc(h) + '</th>').join('') + '</tr></thead><tbody>' +
    (rows.length ? rows.map((cells, i) => '<tr' + (i === selected ? ' class="selected"' : '') + '>' +
      cells.map(c => '<td>' + c + '</td>').join('') + '</tr>').join('')
      : '<tr><td colspan="' + headers.length + '" class="muted">none yet</td></tr>') + '</tbody></table>';
}

export function fixed(value, digits = 3) {
  return typeof value === 'number' && isFinite(value) ? value.toFixed(digits) : '';
}

export function when(instant) {
  if (!instant) return '';
  const d = new Date(instant);
  return isNaN(d) ? esc(instant) : esc(d.toISOString().replace('T', ' ').slice(0, 19));
}

export function status(value) {
  const s = String(value ?? '');
  const kind = { UP: 'ok', SUCCEEDED: 'ok', PUBLISHED: 'ok', RUNNING: 'busy', QUEUED: 'busy', PENDING: 'busy' }[s]
    || (/FAIL|DOWN|REJECT/.test(s) ? 'bad' : 'muted');
  return '<span class="pill ' + kind + '">' + esc(s) + '</span>';
}

export function metricSummary(m) {
  if (!m) return '';
  return ['accuracy', 'macroF1', 'logLoss', 'rmse', 'mae', 'r2', 'reconstructionErrorP99'].filter(k => typeof m[k] === 'number')
    .map(k => esc(k) + ' ' + m[k].toFixed(3)).join(', ');
}

/** The model choice shared by pages that show one model at a time; the page handles its change. */
export function modelPicker(models, current) {
  return '<label>Model <select class="model" id="model">' + models.map(m => '<option' + (m.name === current ? ' selected' : '') + '>' +
    esc(m.name) + '</option>').join('') + '</select></label>';
}

export function link(href, text) {
  return '<a href="' + esc(href) + '">' + esc(text) + '</a>';
}
