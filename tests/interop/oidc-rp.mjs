#!/usr/bin/env node
// An OpenID-certified relying party (the npm package openid-client) signs in to the emulator:
// discovery, authorization code + PKCE with nonce, state, prompt=login and max_age, the ID
// token validated by the library (signature from jwks_uri, iss, aud, exp, nonce, auth_time
// against max_age), then userinfo for the same subject. It types the password into the
// emulator's form itself, like the scripted browser does.
// Usage: oidc-rp.mjs ISSUER EMAIL PASSWORD. Prints one JSON line: { claims, userinfo }.
import * as client from 'openid-client';
import { parse } from 'node-html-parser';

const [issuer, email, password] = process.argv.slice(2);
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
const submitted = await fetch(new URL('/oauth/authorize', issuer), {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ request_id: requestId, email, password }),
  redirect: 'manual',
});
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
