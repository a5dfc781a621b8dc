#!/usr/bin/env node
// An OpenID-certified relying party (the npm package openid-client) signs in to the emulator:
// discovery, authorization code + PKCE with nonce, state, prompt=login and max_age, the ID
// token validated by the library (signature from jwks_uri, iss, aud, exp, nonce, auth_time
// against max_age), then userinfo for the same subject. It types the password into the
// emulator's form itself, like the scripted browser does, and the staff sign-in's TOTP code
// (RFC 6238) when the emulator asks for one.
// Usage: oidc-rp.mjs ISSUER EMAIL PASSWORD [TOTP_SECRET]. Prints one JSON line: { claims, userinfo }.
import * as client from 'openid-client';
import { parse } from 'node-html-parser';
import * as OTPAuth from 'otpauth';

const [issuer, email, password, totpSecret] = process.argv.slice(2);
const redirectUri = 'http://127.0.0.1:50123/callback'; // any loopback port (RFC 8252)

const config = await client.discovery(
  new URL(issuer),
  'access-console',
  undefined,
  client.None(), // a public client, as the console is
  { execute: [client.allowInsecureRequests] }, // the emulator is plain http on loopback
);
const codeVerifier = client.randomPKCECodeVerifier();
const nonce = client.randomNonce();
const state = client.randomState();
const authorize = client.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri,
  scope: 'openid console profile email',
  code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
  code_challenge_method: 'S256',
  nonce,
  state,
  prompt: 'login',
  max_age: '300',
});

const form = await fetch(authorize);
if (form.status !== 200) throw new Error(`authorize answered ${form.status}: ${await form.text()}`);
const requestId = parse(await form.text())
  .querySelector('input[name=request_id]')
  .getAttribute('value');
const post = (path, fields) =>
  fetch(new URL(path, issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
let submitted = await post('/oauth/authorize', { request_id: requestId, email, password });
if (submitted.status === 200 && totpSecret) {
  // The code step: an authenticator's code for the secret, on the server's clock.
  const page = parse(await submitted.text());
  const codeRequest = page.querySelector('input[name=request_id]').getAttribute('value');
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(totpSecret), algorithm: 'SHA1', digits: 6, period: 30 });
  const at = Date.parse(submitted.headers.get('date') ?? '') || Date.now();
  submitted = await post('/oauth/authorize/code', { request_id: codeRequest, code: totp.generate({ timestamp: at }) });
}
const callback = submitted.headers.get('location');
if (!callback) throw new Error(`sign-in answered ${submitted.status} without a redirect`);

const tokens = await client.authorizationCodeGrant(config, new URL(callback), {
  pkceCodeVerifier: codeVerifier,
  expectedNonce: nonce,
  expectedState: state,
  maxAge: 300,
  idTokenExpected: true,
});
const claims = tokens.claims();
const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
process.stdout.write(`${JSON.stringify({ claims, userinfo, nonce })}\n`);
