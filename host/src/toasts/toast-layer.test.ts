import * as realtime from '../../../realtime-remote/src/socket-store.ts';
import { cleanup, mount, shadow, signInWith } from '../pages/test-support.ts';
import './toast-layer.ts';
import { assert, freshUser, api as serverApi, until } from '@flint/test-support';
import { dismissLocalToast, showLocalToast } from './local-toasts.ts';

describe('flint-toast-layer', () => {
  afterEach(() => {
    realtime.disconnect();
    cleanup();
  });

  it('renders a toast for a real match notification, links to the chat and dismisses it', async () => {
    const [me, other] = await Promise.all([freshUser('toast'), freshUser('toastpeer')]);
    signInWith(me);
    realtime.configure({ token: me.token });
    realtime.connect();
    const layer = await mount('flint-toast-layer', { realtime });
    await until(() => realtime.$connection.value?.status === 'connected', 'the socket');

    await serverApi('POST', '/api/swipes', { token: me.token, body: { targetId: other.id, like: true } });
    await serverApi('POST', '/api/swipes', { token: other.token, body: { targetId: me.id, like: true } });

    const toast = await until(() => shadow(layer).querySelector<HTMLElement>('.toast[data-kind="match"]'), 'the match toast');
    const region = shadow(layer).querySelector('[role="status"]');
    assert.strictEqual(region?.getAttribute('aria-live'), 'polite', 'announced politely, never stealing focus');
    assert.strictEqual(toast.querySelector('a')?.getAttribute('href')?.startsWith('/chat/'), true, 'links to the new chat');

    toast.querySelector<HTMLButtonElement>('button')!.click();
    await until(() => !shadow(layer).querySelector('.toast[data-kind="match"]'), 'the toast to go after Dismiss');
  });

  it("shows the shell's own toasts beside the server's, and Dismiss removes them", async () => {
    const layer = await mount('flint-toast-layer', { realtime });
    const id = showLocalToast({ kind: 'system', title: 'Ava is calling — calls are unavailable right now', body: 'Ava has been told.' });
    const toast = await until(() => shadow(layer).querySelector<HTMLElement>('.toast'), 'the local toast');
    assert.include(toast.textContent ?? '', 'Ava is calling — calls are unavailable right now');
    toast.querySelector<HTMLButtonElement>('button')!.click();
    await until(() => !shadow(layer).querySelector('.toast'), 'the toast to go after Dismiss');
    assert.isFalse(dismissLocalToast(id), 'gone from the shell toasts too');
  });

  it('localises its actions', async () => {
    const layer = await mount('flint-toast-layer', { realtime, locale: 'es' });
    realtime.$notifications.set([
      { id: 'n1', kind: 'system', title: 'Hola', body: 'Prueba', href: '/chat', createdAt: new Date().toISOString() },
    ]);
    await layer.updateComplete;
    const toast = await until(() => shadow(layer).querySelector('.toast'), 'the toast');
    assert.strictEqual(toast.querySelector('button')?.textContent?.trim(), 'Cerrar', 'Spanish dismiss label');
    realtime.$notifications.set([]);
  });

  it('words a missed call in the reader language (the server sends only its data)', async () => {
    const layer = await mount('flint-toast-layer', { realtime, locale: 'es' });
    const data = { sessionId: 's1', conversationId: 'c1', callerId: 'u1' };
    realtime.$notifications.set([
      { id: 'm1', kind: 'call-missed', title: '', body: '', href: '/chat/c1', data, createdAt: new Date().toISOString() },
    ]);
    const toast = await until(() => shadow(layer).querySelector('.toast[data-kind="call-missed"]'), 'the missed-call toast');
    assert.include(toast.textContent ?? '', 'Cita por etapas perdida');
    assert.include(toast.textContent ?? '', 'Abre el chat para devolver la llamada.');
    realtime.$notifications.set([]);
  });
});
