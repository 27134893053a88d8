import { assert, matchedPair, until } from '@flint/test-support';
import { cleanup, signInWith } from '../pages/test-support.ts';
import { $session, SESSION_KEY } from './session.ts';

/** Another tab of this browser: a same-origin document whose own storage writes reach this one. */
async function otherTab(): Promise<Window> {
  const frame = document.createElement('iframe');
  frame.srcdoc = '<!doctype html><title>other tab</title>';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentWindow!;
}

describe('one session per browser', () => {
  afterEach(cleanup);

  it('keeps the session in the storage every tab of the browser reads', async () => {
    const { a } = await matchedPair('shared');
    signInWith(a);
    const tab = await otherTab();
    assert.strictEqual(JSON.parse(tab.localStorage.getItem(SESSION_KEY)!).user.id, a.id, 'another tab finds the session');
  });

  it('follows another tab that signs in as someone else, and signs out when it signs out', async () => {
    const { a, b } = await matchedPair('follow');
    signInWith(a);
    const tab = await otherTab();
    const { token, ...user } = b;
    tab.localStorage.setItem(SESSION_KEY, JSON.stringify({ token, user }));
    await until(() => $session.get()?.user.id === b.id, 'this tab follows the new sign-in');
    assert.strictEqual($session.get()?.token, b.token);

    tab.localStorage.removeItem(SESSION_KEY);
    await until(() => $session.get() === null, 'this tab signed out with the other');
  });

  it('a session value it cannot read, or storage cleared, signs this tab out rather than keep a stale user', async () => {
    const { a } = await matchedPair('unreadable');
    signInWith(a);
    const tab = await otherTab();
    tab.localStorage.setItem(SESSION_KEY, '{not json');
    await until(() => $session.get() === null, 'signed out by an unreadable value');

    signInWith(a);
    tab.localStorage.clear();
    await until(() => $session.get() === null, 'signed out by clearing the storage');
  });
});
