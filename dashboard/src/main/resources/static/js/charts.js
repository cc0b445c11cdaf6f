// Charts drawn as inline SVG from the services' own numbers: no chart library, nothing fetched from outside.
import { esc } from './html.js';

export const PALETTE = ['#1a73e8', '#e8710a', '#188038', '#d93025', '#9334e6', '#12a4af', '#f9ab00', '#5f6368'];

function niceTicks(min, max, count) {
  const span = max - min || Math.abs(max) || 1;
  const step = Math.pow(10, Math.floor(Math.log10(span / count)));
  const unit = [1, 2, 5, 10].map(m => m * step).find(s => span / s <= count) || step * 10;
  const ticks = [];
  for (let t = Math.ceil(min / unit) * unit; t <= max + unit * 1e-9; t += unit) ticks.push(+t.toFixed(12));
  return ticks;
}

function label(v) {
  const a = Math.abs(v);
  return a !== 0 && (a < 0.01 || a >= 1e5) ? v.toExponential(1) : String(+v.toFixed(3));
}

/**
 * A line chart. series: [{name, points: [[x, y], ...]}]; options: {width, height, xLabel, yLabel, log,
 * threshold: {value, label}, yMin}. On a log scale when asked and every value is positive.
 */
export function lineChart(series, options = {}) {
  const w = options.width || 640, h = options.height || 240, left = 56, right = 12, top = 12, bottom = 40;
  const all = series.flatMap(s => s.points).filter(p => isFinite(p[1]));
  if (!all.length) return '<div class="muted chart-empty">no data yet</div>';
  const log = options.log && all.every(p => p[1] > 0);
  const fy = v => log ? Math.log10(v) : v;
  const xs = all.map(p => p[0]);
  const ys = all.map(p => fy(p[1])).concat(options.threshold ? [fy(options.threshold.value)] : [])
    .concat(options.yMin !== undefined && !log ? [options.yMin] : []);
  const x0 = Math.min(...xs), x1 = Math.max(...xs) === x0 ? x0 + 1 : Math.max(...xs);
  let y0 = Math.min(...ys), y1 = Math.max(...ys);
  if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  const px = x => left + (x - x0) * (w - left - right) / (x1 - x0);
  const py = y => top + (y1 - fy(y)) * (h - top - bottom) / (y1 - y0);
  const pyRaw = y => top + (y1 - y) * (h - top - bottom) / (y1 - y0);
  let svg = '<svg class="chart" viewBox="0 0 ' + w + ' ' + h + '" width="' + w + '" height="' + h + '" role="img">';
  const yTicks = log ? niceTicks(Math.floor(y0), Math.ceil(y1), 5).filter(t => t >= y0 - 1e-9 && t <= y1 + 1e-9)
    : niceTicks(y0, y1, 5);
  yTicks.forEach(t => {
    const y = pyRaw(t).toFixed(1);
    svg += '<line class="grid" x1="' + left + '" x2="' + (w - right) + '" y1="' + y + '" y2="' + y + '"/>' +
      '<text class="tick" x="' + (left - 6) + '" y="' + y + '" text-anchor="end" dominant-baseline="middle">' +
      esc(log ? label(Math.pow(10, t)) : label(t)) + '</text>';
  });
  const integerX = xs.every(Number.isInteger);
  niceTicks(x0, x1, 8).filter(t => !integerX || Number.isInteger(t)).forEach(t => {
    svg += '<text class="tick" x="' + px(t).toFixed(1) + '" y="' + (h - bottom + 16) + '" text-anchor="middle">' + esc(label(t)) + '</text>';
  });
  svg += '<line class="axis" x1="' + left + '" x2="' + left + '" y1="' + top + '" y2="' + (h - bottom) + '"/>' +
    '<line class="axis" x1="' + left + '" x2="' + (w - right) + '" y1="' + (h - bottom) + '" y2="' + (h - bottom) + '"/>';
  if (options.threshold) {
    const y = py(options.threshold.value).toFixed(1);
    svg += '<line class="threshold" x1="' + left + '" x2="' + (w - right) + '" y1="' + y + '" y2="' + y + '"/>' +
      '<text class="tick threshold-label" x="' + (w - right - 4) + '" y="' + (+y - 4) + '" text-anchor="end">' +
      esc(options.threshold.label || 'threshold') + '</text>';
  }
  series.forEach((s, i) => {
    const color = s.color || PALETTE[i % PALETTE.length];
    const pts = s.points.filter(p => isFinite(p[1]) && (!log || p[1] > 0));
    if (pts.length === 1) {
      svg += '<circle cx="' + px(pts[0][0]).toFixed(1) + '" cy="' + py(pts[0][1]).toFixed(1) + '" r="3" fill="' + color + '"/>';
    } else if (pts.length > 1) {
      svg += '<polyline fill="none" stroke="' + color + '" stroke-width="1.8" points="' +
        pts.map(p => px(p[0]).toFixed(1) + ',' + py(p[1]).toFixed(1)).join(' ') + '"><title>' + esc(s.name) + '</title></polyline>';
    }
  });
  if (options.xLabel) svg += '<text class="axis-label" x="' + ((left + w - right) / 2) + '" y="' + (h - 6) + '" text-anchor="middle">' + esc(options.xLabel) + '</text>';
  if (options.yLabel) svg += '<text class="axis-label" transform="translate(12,' + ((top + h - bottom) / 2) + ') rotate(-90)" text-anchor="middle">' +
    esc(options.yLabel + (log ? ' (log scale)' : '')) + '</text>';
  svg += '</svg>';
  const legend = series.length > 1 || options.legend ? '<div class="legend">' + series.map((s, i) =>
    '<span><i style="background:' + (s.color || PALETTE[i % PALETTE.length]) + '"></i>' + esc(s.name) + '</span>').join('') + '</div>' : '';
  return '<figure class="chart">' + svg + legend + '</figure>';
}

/** Horizontal bars for named values in [0, max]: class probabilities, category frequencies. */
export function bars(entries, options = {}) {
  const max = options.max || Math.max(1e-12, ...entries.map(e => e[1]));
  return '<div class="bars' + (options.compact ? ' compact' : '') + '">' + entries.map(([name, value], i) =>
    '<div class="bar-row"><span class="bar-name">' + esc(name) + '</span><span class="bar-track"><span class="bar" style="width:' +
    Math.max(0, Math.min(100, 100 * value / max)).toFixed(1) + '%;background:' + (options.color || PALETTE[i % PALETTE.length]) +
    '"></span></span><span class="bar-value">' + esc(options.format ? options.format(value) : value) + '</span></div>').join('') + '</div>';
}

/** A small histogram of counts (a profile's bins), as columns. */
export function histogram(counts, width = 160, height = 36) {
  if (!Array.isArray(counts) || !counts.length) return '';
  const max = Math.max(1, ...counts), bw = width / counts.length;
  return '<svg class="spark" width="' + width + '" height="' + height + '">' + counts.map((c, i) => {
    const bh = (height - 2) * c / max;
    return '<rect x="' + (i * bw + 0.5).toFixed(1) + '" y="' + (height - bh).toFixed(1) + '" width="' + Math.max(1, bw - 1).toFixed(1) +
      '" height="' + bh.toFixed(1) + '"><title>' + esc(c) + '</title></rect>';
  }).join('') + '</svg>';
}

/** Whether values are best read on a log scale: all positive, falling or rising by more than 20x. */
export function spansDecades(values) {
  return values.length > 1 && values.every(x => x > 0) && Math.max(...values) / Math.min(...values) > 20;
}

/** The loss per epoch as a sparkline, for tables of runs. */
export function sparkline(values, width = 140, height = 32) {
  const v = values.filter(x => typeof x === 'number' && isFinite(x));
  if (v.length < 2) return '';
  const log = spansDecades(v);
  const y = v.map(x => log ? Math.log10(x) : x), min = Math.min(...y), span = (Math.max(...y) - min) || 1;
  return '<svg class="spark" width="' + width + '" height="' + height + '"><polyline fill="none" stroke="#1a73e8" stroke-width="1.5" points="' +
    y.map((val, i) => (i * width / (y.length - 1)).toFixed(1) + ',' + (height - 2 - (val - min) * (height - 4) / span).toFixed(1)).join(' ') +
    '"/></svg>';
}

export function progress(done, total) {
  const pct = total > 0 ? Math.min(100, 100 * done / total) : 0;
  return '<span class="progress" title="' + esc(done + ' / ' + total) + '"><span style="width:' + pct.toFixed(1) + '%"></span></span> ' +
    esc((done ?? 0) + ' / ' + (total ?? '?'));
}

/** Rows: true class, columns: predicted class; the diagonal in green, confusions in red, darker for more. */
export function confusionMatrix(classes, matrix) {
  if (!Array.isArray(matrix) || !matrix.length) return '<div class="muted">no confusion matrix (not a classifier run)</div>';
  const max = Math.max(1, ...matrix.flat());
  let html = '<table class="confusion"><thead><tr><th class="corner">true \\ predicted</th>' +
    classes.map(c => '<th>' + esc(c) + '</th>').join('') + '</tr></thead><tbody>';
  matrix.forEach((row, i) => {
    html += '<tr><th>' + esc(classes[i]) + '</th>' + row.map((n, j) => {
      const strength = n / max, shade = Math.round(255 - 150 * strength);
      const bg = i === j ? 'rgb(' + shade + ',' + (255 - Math.round(60 * strength)) + ',' + shade + ')'
        : (n > 0 ? 'rgb(255,' + shade + ',' + shade + ')' : '#fff');
      return '<td style="background:' + bg + '">' + esc(n) + '</td>';
    }).join('') + '</tr>';
  });
  return html + '</tbody></table>';
}
