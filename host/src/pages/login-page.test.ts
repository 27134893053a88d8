import { assert, until } from '@flint/test-support';
import { $router } from '../app/router.ts';
import { $session } from '../session/session.ts';
import { DEMO_USERS } from './login-page.ts';
import { button, cleanup, mount, shadow, type } from './test-support.ts';

describe('flint-login-page', () => {
  afterEach(cleanup);

  it('offers every demo user as a named button', async () => {
    const el = await mount('flint-login-page');
    for (const name of DEMO_USERS) button(shadow(el), `Sign in as ${name}`);
  });

  it('signs in through the real dev login and goes home', async () => {
    history.replaceState(null, '', '/login');
    const el = await mount('flint-login-page');
    button(shadow(el), 'Sign in as ava').click();
    const session = await until(() => $session.get(), 'a session');
    assert.strictEqual(session.user.username, 'ava', 'signed-in user');
    assert.strictEqual($router.get()?.route, 'home', 'route after sign-in');
  });

  it('shows an inline alert for an unknown user and stays signed out', async () => {
    const el = await mount('flint-login-page');
    type(shadow(el).querySelector('input')!, 'nobody-here');
    button(shadow(el), 'Sign in').click();
    const alert = await until(() => shadow(el).querySelector('[role=alert]'), 'the error');
    assert.ok(alert.textContent?.includes('nobody-here'), `alert names the user: ${alert.textContent}`);
    assert.strictEqual($session.get(), null, 'session');
  });

  it('asks for a username instead of calling the server with an empty one', async () => {
    const el = await mount('flint-login-page', { locale: 'es' });
    button(shadow(el), 'Entrar').click();
    await el.updateComplete;
    assert.strictEqual(shadow(el).querySelector('[role=alert]')?.textContent, 'Escribe un nombre de usuario.', 'alert');
  });
});
