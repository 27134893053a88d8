import { api } from '../api/api.ts';
import { $session, updateUser } from '../session/session.ts';
import { button, cleanup, mount, shadow, signInWith, type } from './test-support.ts';
import './profile-page.ts';
import { assert, freshUser, until } from '@flint/test-support';
import type { FlintProfilePage } from './profile-page.ts';

const field = (el: FlintProfilePage, id: string) => shadow(el).querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`);

async function mountLoaded(): Promise<FlintProfilePage> {
  const el = await mount('flint-profile-page');
  await until(() => field(el, 'displayName'), 'the loaded form');
  return el;
}

describe('flint-profile-page', () => {
  afterEach(cleanup);

  it('fills the form from the server, with labelled fields', async () => {
    const user = await freshUser('profile');
    signInWith(user);
    await api.updateProfile({ bio: 'Likes long walks', age: 40 });
    const el = await mountLoaded();
    assert.strictEqual(field(el, 'displayName')!.value, user.displayName, 'display name');
    assert.strictEqual(field(el, 'bio')!.value, 'Likes long walks', 'bio');
    assert.strictEqual(field(el, 'age')!.value, '40', 'age');
    for (const id of ['displayName', 'bio', 'age']) {
      assert.ok(shadow(el).querySelector(`label[for=${id}]`)?.textContent?.trim(), `label for ${id}`);
    }
  });

  it('keeps a typed draft when a store change re-renders the page', async () => {
    const { token, ...user } = await freshUser('draft');
    signInWith({ token, ...user });
    const el = await mountLoaded();
    type(field(el, 'displayName')!, 'Dan, still typing');
    type(field(el, 'bio')!, 'Half a sentence');
    await el.updateComplete;

    // The session user changes under the page (as a save in another part of the app would do).
    updateUser({ ...user, displayName: 'Dan from elsewhere', bio: 'Other bio' });
    assert.ok(el.isUpdatePending, 'the store change re-renders the page');
    await el.updateComplete;

    assert.strictEqual(field(el, 'displayName')!.value, 'Dan, still typing', 'display name after re-render');
    assert.strictEqual(field(el, 'bio')!.value, 'Half a sentence', 'bio after re-render');
  });

  it('saves the draft, announces "Saved" politely and updates the session', async () => {
    signInWith(await freshUser('save'));
    const el = await mountLoaded();
    const name = 'Cleo the painter';
    type(field(el, 'displayName')!, name);
    type(field(el, 'age')!, '28');
    button(shadow(el), 'Save').click();
    const status = shadow(el).querySelector('[role=status]')!;
    await until(() => status.textContent === 'Saved', '"Saved"');
    assert.strictEqual($session.get()?.user.displayName, name, 'session user');
    const fresh = await api.me();
    assert.strictEqual(fresh.displayName, name, 'server copy');
    assert.strictEqual(fresh.age, 28, 'server age');
  });

  it('shows the server validation message inline and saves nothing', async () => {
    const user = await freshUser('invalid');
    signInWith(user);
    const el = await mountLoaded();
    type(field(el, 'age')!, '12');
    button(shadow(el), 'Save').click();
    const alert = await until(() => shadow(el).querySelector('[role=alert]'), 'the validation message');
    assert.ok(alert.textContent?.startsWith('Could not save:'), `message: ${alert.textContent}`);
    assert.strictEqual(field(el, 'age')!.value, '12', 'the rejected draft stays for correction');
    assert.strictEqual((await api.me()).age, user.age, 'server age unchanged');
  });
});
