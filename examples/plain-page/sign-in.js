/**
 * Stands in for a host team's own sign-in, which is none of Flint's business: it only has to end
 * with a Flint token for this person (docs/embedding.md, "Your sign-in"). Here: `?as=<username>`
 * through Flint's dev login (QA contract), and the server from `?server=<url>`, by default the
 * local one (`npm start` serves this page on PORT+3, the server on PORT).
 */
window.flintDemo = {
  username: new URLSearchParams(location.search).get('as'),

  server() {
    const given = new URLSearchParams(location.search).get('server');
    return given ? new URL(given).origin : `${location.protocol}//${location.hostname}:${Number(location.port) - 3}`;
  },

  async token(server) {
    if (!this.username) return this.fail('Open this page with ?as=<username> (e.g. ?as=ben) to sign in.');
    const res = await fetch(`${server}/api/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: this.username }),
    });
    if (!res.ok) return this.fail(`Could not sign in as "${this.username}" (${res.status}).`);
    return (await res.json()).token;
  },

  fail(message) {
    dispatchEvent(new CustomEvent('flint-sign-in-failed', { detail: { message } }));
    throw new Error(message);
  },
};
