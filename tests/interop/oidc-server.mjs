#!/usr/bin/env node
// An independent, OpenID-certified authorization server (the npm package oidc-provider) on
// loopback, so the console's sign-in is proven against more than our own emulator.
// Prints one JSON line on stdout once listening; exits when stdin closes or on a signal.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;

const server = createServer();
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const INTROSPECTOR = { id: 'interop-introspector', secret: 'interop-introspector-secret' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'access-console',
      application_type: 'native', // RFC 8252: loopback redirect on any port
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
    {
      client_id: INTROSPECTOR.id,
      client_secret: INTROSPECTOR.secret,
      grant_types: [],
      response_types: [],
      redirect_uris: [],
    },
  ],
  scopes: ['openid', 'offline_access', 'profile', 'email'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  features: {
    devInteractions: { enabled: true }, // a login form that accepts any login, then consent
    revocation: { enabled: true },
    introspection: { enabled: true },
  },
  pkce: { required: () => true },
  // The library's default rule, spelled out because the interop test depends on it: a refresh
  // token only when offline_access was granted, which the consent prompt does (prompt=consent).
  issueRefreshToken: async (_ctx, client, code) =>
    client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
  rotateRefreshToken: true, // and reusing a rotated one revokes the whole grant
  cookies: { keys: ['interop-test-only-cookie-key'] },
  // Dev interactions accept any login; the login becomes the subject and the email.
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: id, email_verified: true }),
  }),
});
provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc-provider: ${err.stack}\n`));
server.on('request', provider.callback());

process.stdout.write(
  `${JSON.stringify({
    issuer,
    client_id: 'access-console',
    introspection_client_id: INTROSPECTOR.id,
    introspection_client_secret: INTROSPECTOR.secret,
  })}\n`,
);

const stop = () => {
  // Clients keep connections alive (reqwest pools them); they must not hold the process open.
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
