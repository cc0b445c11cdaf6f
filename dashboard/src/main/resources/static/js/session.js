// Who is using the console: their name and roles, from the dashboard. Pages offer only what those roles may do;
// the services still decide, and a refusal they send is shown as it is.
const LOGIN = 'oauth2/authorization/modelway';
let current = { name: '', roles: [], session: false };

/** Sends the browser to log in; the promise never settles, the page is left. */
export function login() {
  location.href = LOGIN;
  return new Promise(() => {});
}

export async function load() {
  const response = await fetch('api/console/me', { headers: { Accept: 'application/json' } });
  if (response.status === 401) return login();
  if (!response.ok) throw new Error('Who is logged in could not be read: HTTP ' + response.status);
  current = await response.json();
  return current;
}

/** Whether the user holds the role (or one that carries it). */
export function can(role) {
  return current.roles.includes(role);
}

export function me() {
  return current;
}

/** Ends the console session and the login at the issuer, then lands on the issuer's login page. */
export async function logout() {
  const response = await fetch('logout', { method: 'POST', headers: { 'X-Modelway-Console': '1' } });
  const answer = response.ok ? await response.json() : { redirect: './' };
  location.href = answer.redirect;
}
