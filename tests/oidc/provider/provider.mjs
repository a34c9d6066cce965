// A real OpenID Connect provider on loopback for calapp's sign-in tests.
//
//   node provider.mjs <port> <redirect_uri>[,<redirect_uri>...]
//
// Clients: "calapp" and "other-app" (client_secret_basic, PKCE S256 required).
// devInteractions signs in whoever types a login name, so each test picks its
// account by name: "<email>" has a verified email, "<email>|unverified" an
// unverified one; the login name is also the subject (sub). Prints
// "READY <issuer>" when it listens. The provider's sign-out (RP-Initiated
// Logout, /session/end) may send "calapp"'s browser back to
// https://app.example.com/signed-out.
import Provider from 'oidc-provider';

const [port, redirectUris] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const redirect_uris = redirectUris.split(',');

function accountClaims(login) {
  const [email, flag] = login.split('|');
  return {
    sub: login,
    email,
    email_verified: flag !== 'unverified',
    name: email.split('@')[0],
  };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'calapp',
      client_secret: 'calapp-test-secret',
      redirect_uris,
      post_logout_redirect_uris: ['https://app.example.com/signed-out'],
    },
    { client_id: 'other-app', client_secret: 'other-test-secret', redirect_uris },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  cookies: { keys: ['calapp-test-cookie-key'] },
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    IdToken: 600,
    Grant: 600,
    Interaction: 600,
    Session: 600,
  },
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return accountClaims(id); } };
  },
});

const server = provider.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`READY ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
