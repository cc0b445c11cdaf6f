// Try a prediction: a form built from the model's fitted feature pipeline, the answer with its
// probabilities, and the true label sent back as feedback for live accuracy.
import { api, ApiError } from '../api.js';
import { esc, modelPicker } from '../html.js';
import { bars } from '../charts.js';
import { can, me } from '../session.js';

const enc = encodeURIComponent;

export async function render(main, [wanted, wantedVersion]) {
  if (!can('client')) {
    main.innerHTML = '<h1>Try a prediction</h1><div class="message error" id="not-allowed">Predicting needs the role client; ' +
      esc(me().name) + ' has ' + esc(me().roles.join(', ') || 'no role') + '.</div>';
    return;
  }
  const models = await api.get('registry', '/api/models?limit=200');
  if (!models.length) {
    main.innerHTML = '<h1>Try a prediction</h1><p class="muted">No model is registered yet.</p>';
    return;
  }
  const model = models.find(m => m.name === wanted) || models.find(m => m.aliases && m.aliases.production) || models[0];
  const versions = await api.newest('registry', '/api/models/' + enc(model.name) + '/versions', 100);
  const served = (model.aliases || {}).production;
  // The form follows the chosen version's own pipeline: versions may differ in features and categories.
  const chosen = wantedVersion ? Number(wantedVersion) : null;
  const pipelineVersion = chosen || served || model.latestVersion;
  const pipeline = await api.get('registry', '/api/models/' + enc(model.name) + '/versions/' + pipelineVersion + '/artifacts/pipeline.json');
  const spec = typeof pipeline === 'string' ? JSON.parse(pipeline) : pipeline;
  const features = spec.features || [];
  const label = spec.label || {};

  main.innerHTML = '<h1>Try a prediction</h1>' +
    '<p>' + modelPicker(models, model.name) + ' ' +
    '<label>Version <select class="model" id="version">' + (served ? '<option value="">served (production → v' + esc(served) + ')</option>' : '') +
    versions.slice().sort((a, b) => b.version - a.version).map(v => '<option value="' + esc(v.version) + '"' +
      (v.version === chosen ? ' selected' : '') + '>v' + esc(v.version) + '</option>').join('') +
    '</select></label></p>' +
    '<div class="grid2"><section class="panel"><h2>Input</h2><form class="predict" id="predict-form">' +
    features.map(f => '<label for="f-' + esc(f.name) + '">' + esc(f.name) + '</label>' + input(f)).join('') +
    '<span></span><button class="primary" type="submit">Predict</button></form>' +
    '<p class="muted">Fields come from the feature pipeline of v' + esc(pipelineVersion) + '; numbers start at the training mean.</p></section>' +
    '<section class="panel"><h2>Answer</h2><div id="answer" class="muted">Press Predict.</div></section></div>';

  main.querySelector('#model').addEventListener('change', e => { location.hash = '#/predict/' + enc(e.target.value); });
  main.querySelector('#version').addEventListener('change', e => {
    location.hash = '#/predict/' + enc(model.name) + (e.target.value ? '/v' + e.target.value : '');
  });
  const form = main.querySelector('#predict-form');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    form.querySelectorAll('.invalid').forEach(el => el.classList.remove('invalid'));
    const instance = {};
    features.forEach(f => {
      const raw = form.elements.namedItem(f.name).value;
      instance[f.name] = f.kind === 'NUMERIC' && raw.trim() !== '' && !isNaN(Number(raw)) ? Number(raw) : raw;
    });
    const version = main.querySelector('#version').value;
    const path = '/api/models/' + enc(model.name) + (version ? '/versions/' + version : '') + '/predict';
    const answer = main.querySelector('#answer');
    try {
      const response = await api.post('serving', path, { instances: [instance] });
      answer.className = '';
      answer.innerHTML = result(response, label);
      wireFeedback(answer, response, label);
    } catch (e) {
      answer.className = 'message error';
      const field = e instanceof ApiError ? e.problem.field : null;
      answer.textContent = e.message + (field ? ' (field ' + field + ')' : '');
      const name = field && field.replace(/^instances\[\d+\]\./, '');
      if (name && form.elements.namedItem(name)) form.elements.namedItem(name).classList.add('invalid');
    }
  });
}

function input(feature) {
  const id = 'f-' + esc(feature.name), name = esc(feature.name);
  if (feature.kind === 'CATEGORICAL') {
    return '<select id="' + id + '" name="' + name + '">' + (feature.categories || []).map(c => '<option>' + esc(c) + '</option>').join('') + '</select>';
  }
  const start = typeof feature.mean === 'number' ? +feature.mean.toPrecision(4) : '';
  return '<input id="' + id + '" name="' + name + '" type="text" inputmode="decimal" value="' + esc(start) + '">';
}

function result(response, label) {
  const p = response.predictions[0];
  let html = '<p id="prediction-label" style="font-size:1.3rem">';
  if (p.label !== undefined) html += '<b>' + esc(p.label) + '</b>';
  else if (p.value !== undefined) html += esc(label.column || 'value') + ' = <b>' + esc(p.value) + '</b>';
  else html += 'anomaly score <b>' + esc(p.score) + '</b>';
  html += '</p><p class="muted">' + esc(response.model) + ' v' + esc(response.version) + (response.servedAs ? ' (' + esc(response.servedAs) + ')' : '') +
    ', request <span class="mono">' + esc(response.requestId) + '</span></p>';
  if (p.probabilities) {
    html += bars(Object.entries(p.probabilities).sort((a, b) => b[1] - a[1]), { max: 1, format: v => (100 * v).toFixed(2) + ' %' });
  }
  if (Array.isArray(label.classes) && label.classes.length) {
    html += '<h2>Was it right?</h2><p><select id="true-label">' + label.classes.map(c => '<option' + (c === p.label ? ' selected' : '') + '>' +
      esc(c) + '</option>').join('') + '</select> <button id="send-feedback">Send as feedback</button> <span id="feedback-result" class="muted"></span></p>';
  } else if (p.value !== undefined) {
    html += '<h2>What was the true value?</h2><p><input id="true-value" type="text" inputmode="decimal"> ' +
      '<button id="send-feedback">Send as feedback</button> <span id="feedback-result" class="muted"></span></p>';
  }
  return html;
}

function wireFeedback(answer, response, label) {
  const button = answer.querySelector('#send-feedback');
  if (!button) return;
  button.addEventListener('click', async () => {
    const out = answer.querySelector('#feedback-result');
    try {
      const labelled = answer.querySelector('#true-label');
      const raw = labelled ? '' : answer.querySelector('#true-value').value;
      if (!labelled && (raw.trim() === '' || isNaN(Number(raw)))) {
        out.textContent = 'Enter the true value as a number.';
        return;
      }
      await api.post('serving', '/api/feedback', labelled
        ? { requestId: response.requestId, model: response.model, label: labelled.value }
        : { requestId: response.requestId, model: response.model, value: Number(raw) });
      out.textContent = 'Feedback sent: it counts towards v' + response.version + (labelled ? "'s live accuracy." : "'s live RMSE.");
      button.disabled = true;
    } catch (e) {
      out.textContent = e.message;
    }
  });
}
