// The console's router: each #/path renders one page into <main>; live pages re-render on a timer.
// When a page has rendered, <body data-page="..."> names it, which is what browser tests wait for.
import { esc } from './html.js';
import * as session from './session.js';
import * as overview from './pages/overview.js';
import * as datasets from './pages/datasets.js';
import * as runs from './pages/runs.js';
import * as models from './pages/models.js';
import * as predict from './pages/predict.js';
import * as monitoring from './pages/monitoring.js';

const ROUTES = [
  [/^\/?$/, 'overview', overview.render],
  [/^\/datasets$/, 'datasets', datasets.renderList],
  [/^\/datasets\/([^/]+)(?:\/v(\d+))?$/, 'datasets', datasets.renderDataset],
  [/^\/runs$/, 'runs', runs.renderList],
  [/^\/runs\/([^/]+)$/, 'runs', runs.renderRun],
  [/^\/models$/, 'models', models.renderList],
  [/^\/models\/([^/]+)(?:\/v(\d+))?$/, 'models', models.renderModel],
  [/^\/predict(?:\/([^/]+)(?:\/v(\d+))?)?$/, 'predict', predict.render],
  [/^\/monitoring(?:\/([^/]+))?$/, 'monitoring', monitoring.render],
];

let timer = null;
let generation = 0;

async function show() {
  clearTimeout(timer);
  const current = ++generation;
  let path;
  try {
    path = decodeURIComponent(location.hash.replace(/^#/, '').split('?')[0]);
  } catch (e) {
    path = location.hash;
  }
  const route = ROUTES.find(([pattern]) => pattern.test(path));
  const main = document.getElementById('page');
  document.body.removeAttribute('data-page');
  document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', !!route && a.dataset.nav === route[1]));
  if (!route) {
    main.innerHTML = '<h1>Not found</h1><p>No console page at <code>' + esc(path) + '</code>. <a href="#/">Back to the overview</a>.</p>';
    document.body.dataset.page = 'not-found';
    return;
  }
  const [pattern, name, render] = route;
  const params = pattern.exec(path).slice(1);
  let refresh = 0;
  // Pages render into a fresh container that replaces the page only if no newer navigation or refresh
  // started meanwhile; a slow answer for a page the user has left never overwrites the one shown.
  const container = document.createElement('div');
  try {
    const result = await render(container, params);
    refresh = result && result.refresh || 0;
  } catch (e) {
    container.innerHTML = '<h1>Could not load this page</h1><div class="message error">' + esc(e.message) + '</div>' +
      '<p class="muted">Trying again every 10 seconds.</p>';
    refresh = 10;
  }
  if (current !== generation) return;
  main.replaceChildren(container);
  document.getElementById('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
  document.body.dataset.page = name;
  if (refresh) timer = setTimeout(() => refreshUnlessBusy(refresh), refresh * 1000);
}

// A refresh waits while the user is in a field of the page (an open model list, a form being filled).
function refreshUnlessBusy(seconds) {
  const active = document.activeElement;
  if (active && active !== document.body && document.getElementById('page').contains(active) && active.matches('input, select, textarea')) {
    timer = setTimeout(() => refreshUnlessBusy(seconds), seconds * 1000);
    return;
  }
  show();
}

// A page re-renders itself after an action changed what it shows by sending this event (no import of the router).
window.addEventListener('modelway:reload', show);

// Who is logged in comes first: the pages show only the actions the user's roles allow.
async function start() {
  const user = await session.load();
  document.getElementById('who').textContent = user.name + ' (' + user.roles.join(', ') + ')';
  const logout = document.getElementById('logout');
  logout.hidden = !user.session;
  logout.addEventListener('click', () => session.logout());
  window.addEventListener('hashchange', show);
  show();
}

start();
