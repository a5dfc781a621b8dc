#!/usr/bin/env node
// A "browser" for tests: does what a person does with the sign-in page the console opens.
// The console starts it through $BROWSER with the authorization URL as its only argument.
// It keeps cookies, follows redirects hop by hop, fills each form it meets with the login and
// password (from $SCRIPTED_BROWSER_CREDENTIALS, a JSON file {login, password, totp_secret?}
// read on every run, or $SCRIPTED_BROWSER_LOGIN / $SCRIPTED_BROWSER_PASSWORD /
// $SCRIPTED_BROWSER_TOTP_SECRET) and submits it, until a page without a form: normally the
// console's loopback "you can close this tab" page.
//
// A code field (name "code" or autocomplete "one-time-code") gets the TOTP code (RFC 6238) of
// the secret, computed like an authenticator app. An enrolment page shows its secret
// (#totp-secret); the browser answers with a code of that one and reports it: written into the
// credentials file (so the next sign-in uses it) and to $SCRIPTED_BROWSER_ENROLLED if set.
// A code is taken once (RFC 6238 §5.2): told that the code already signed someone in
// (data-reason="code_used"), the browser waits, as a person would, for the next 30-second step
// on the server's clock and answers with the new code.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'node-html-parser';
import * as OTPAuth from 'otpauth';

const MAX_HOPS = 20;
const MAX_FORMS = 8;

function credentials() {
  const file = process.env.SCRIPTED_BROWSER_CREDENTIALS;
  if (file) {
    const { login, password, totp_secret: totpSecret } = JSON.parse(readFileSync(file, 'utf8'));
    return { login, password, totpSecret };
  }
  return {
    login: process.env.SCRIPTED_BROWSER_LOGIN ?? '',
    password: process.env.SCRIPTED_BROWSER_PASSWORD ?? '',
    totpSecret: process.env.SCRIPTED_BROWSER_TOTP_SECRET || undefined,
  };
}

/** The code an authenticator shows for `secret` at `at` (ms): SHA-1, 6 digits, 30 s. */
function totpCode(secret, at) {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: at });
}

const STEP_MS = 30_000;

/** Waits until the next TOTP step has begun on a server whose clock read `at` (ms); returns
 * the server's time then. `Date` has whole seconds and the server's clock is at least `at`
 * now, so waiting from `at` reaches the step; a little more spares the edge. */
async function untilNextStep(at) {
  const next = (Math.floor(at / STEP_MS) + 1) * STEP_MS + 250;
  await new Promise((resolve) => setTimeout(resolve, next - at));
  return next;
}

/** An enrolment's secret goes where the test reads it: never into the log. */
function reportEnrolment(login, secret) {
  const file = process.env.SCRIPTED_BROWSER_CREDENTIALS;
  if (file) {
    const creds = JSON.parse(readFileSync(file, 'utf8'));
    if (creds.login === login) writeFileSync(file, JSON.stringify({ ...creds, totp_secret: secret }));
  }
  const enrolled = process.env.SCRIPTED_BROWSER_ENROLLED;
  if (enrolled) writeFileSync(enrolled, JSON.stringify({ login, totp_secret: secret }));
}

function log(method, url, status) {
  const file = process.env.SCRIPTED_BROWSER_LOG;
  if (!file) return;
  const u = new URL(url);
  // Query strings carry codes and state: never written down.
  appendFileSync(file, `${method} ${u.origin}${u.pathname} ${status}\n`);
}

// Cookies keyed by host:port (loopback servers share a host) and path: oidc-provider scopes its
// interaction cookies to /interaction/<uid> and /auth/<uid>, and clears them with a past expiry.
const jar = new Map(); // host -> Map("path name" -> {name, value, path})

function cookieHeader(url) {
  const { host, pathname } = new URL(url);
  const cookies = [...(jar.get(host)?.values() ?? [])].filter((c) => pathname.startsWith(c.path));
  // Longer paths first, as browsers do (RFC 6265 5.4).
  cookies.sort((a, b) => b.path.length - a.path.length);
  return cookies.length ? cookies.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
}

function keepCookies(url, response) {
  const { host, pathname } = new URL(url);
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    const attr = Object.fromEntries(attrs.map((a) => a.split('=')).map(([k, v]) => [k.trim().toLowerCase(), v?.trim()]));
    const path = attr.path?.startsWith('/') ? attr.path : pathname.slice(0, pathname.lastIndexOf('/')) || '/';
    const expired = (attr['max-age'] !== undefined && Number(attr['max-age']) <= 0) ||
      (attr.expires !== undefined && Date.parse(attr.expires) <= Date.now());
    if (!jar.has(host)) jar.set(host, new Map());
    const key = `${path} ${name}`;
    if (expired) jar.get(host).delete(key);
    else jar.get(host).set(key, { name, value: pair.slice(eq + 1).trim(), path });
  }
}

/** One request, then redirects followed by hand so every hop's cookies are kept. */
async function request(method, url, body) {
  let hops = 0;
  for (;;) {
    const headers = { accept: 'text/html' };
    const cookie = cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    keepCookies(url, response);
    log(method, url, response.status);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      if (++hops > MAX_HOPS) throw new Error('too many redirects');
      url = new URL(location, url).href;
      // 303 always, and 301/302 after POST in practice, continue as GET.
      if (response.status !== 307 && response.status !== 308) {
        method = 'GET';
        body = undefined;
      }
      continue;
    }
    // The server's clock, which its codes are checked on: authenticator apps correct their
    // drift from it, and a test platform's clock may have been moved on.
    const date = Date.parse(response.headers.get('date') ?? '');
    return { url, status: response.status, text: await response.text(), at: Number.isNaN(date) ? Date.now() : date };
  }
}

function fillForm(form, pageUrl, { login, password, code }) {
  const fields = new URLSearchParams();
  for (const input of form.querySelectorAll('input')) {
    const name = input.getAttribute('name');
    if (!name) continue;
    const type = (input.getAttribute('type') ?? 'text').toLowerCase();
    const oneTime = name === 'code' || input.getAttribute('autocomplete') === 'one-time-code';
    if (type === 'password') fields.append(name, password);
    else if (oneTime && ['text', 'number', 'tel'].includes(type)) fields.append(name, code());
    else if (['text', 'email'].includes(type) && /email|login|user/i.test(name)) fields.append(name, login);
    else if (['hidden', 'text', 'email'].includes(type)) fields.append(name, input.getAttribute('value') ?? '');
    else if (type === 'submit' && input.getAttribute('value')) fields.append(name, input.getAttribute('value'));
  }
  const button = form.querySelector('button[type=submit][name], button:not([type])[name]');
  if (button) fields.append(button.getAttribute('name'), button.getAttribute('value') ?? '');
  const method = (form.getAttribute('method') ?? 'GET').toUpperCase();
  const action = new URL(form.getAttribute('action') ?? pageUrl, pageUrl);
  if (method === 'GET') {
    for (const [k, v] of fields) action.searchParams.append(k, v);
    return { method, url: action.href, body: undefined };
  }
  return { method, url: action.href, body: fields.toString() };
}

async function main() {
  const start = process.argv[2];
  if (!start) throw new Error('usage: scripted-browser.mjs URL');
  const creds = credentials();
  let page = await request('GET', start);
  let waited = false; // the last form was answered after waiting for a used code's next step
  for (let forms = 0; ; forms++) {
    const form = parse(page.text).querySelector('form');
    if (!form) return; // the final page (e.g. "you can close this tab")
    if (forms >= MAX_FORMS) throw new Error(`still shown a form after ${MAX_FORMS} submissions (wrong password or code?)`);
    const root = parse(page.text);
    const enrolSecret = root.querySelector('#totp-secret')?.getAttribute('data-secret');
    let at = page.at;
    if (root.querySelector('[data-reason=code_used]')) {
      if (waited) throw new Error("a new step's code was refused as used too (is the platform's clock standing still?)");
      at = await untilNextStep(at);
      waited = true;
    } else waited = false;
    const code = () => {
      const secret = enrolSecret ?? creds.totpSecret;
      if (!secret) throw new Error('the page asks for a one-time code, but no totp_secret was given');
      if (enrolSecret) reportEnrolment(creds.login, enrolSecret);
      return totpCode(secret, at);
    };
    const next = fillForm(form, page.url, { ...creds, code });
    page = await request(next.method, next.url, next.body);
  }
}

main().catch((e) => {
  // fetch says only "fetch failed"; the cause (e.g. ECONNREFUSED) is what a reader needs.
  const cause = e.cause ? ` (${e.cause.code ?? e.cause.message})` : '';
  process.stderr.write(`scripted-browser: ${`${e.message}${cause}`.replace(/\s+/g, ' ')}\n`);
  process.exit(1);
});
