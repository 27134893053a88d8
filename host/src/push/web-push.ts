/**
 * This browser's Web Push subscription, so a call reaches the person with no Flint tab open (the
 * service worker shows it, host/src/sw/worker/push.ts). The permission is asked only from a click
 * (`enableCallAlerts`, the "Turn on call alerts" card); once granted, every start and sign-in makes
 * sure the subscription exists, uses the server's current VAPID key (a new key: unsubscribe and
 * subscribe again) and is stored for the signed-in person. Signing out removes it, on the server
 * and in the browser, so the next person on this browser is never rung for the last one.
 */
import type { PushSubscriptionBody } from '@flint/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { $router, routeOf } from '../app/router.ts';
import { $session } from '../session/session.ts';

export type AlertsState = 'unsupported' | 'ask' | 'on' | 'blocked';

const pushSupported = (): boolean =>
  'serviceWorker' in navigator && typeof PushManager === 'function' && typeof Notification === 'function';

export function alertsState(): AlertsState {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'granted') return 'on';
  return Notification.permission === 'denied' ? 'blocked' : 'ask';
}

/** A sign-out's unsubscribe in flight: a sign-in right after waits for it (same browser, same endpoint). */
let dropping: Promise<void> = Promise.resolve();

const base64urlToBytes = (s: string): Uint8Array<ArrayBuffer> => {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};
const sameKey = (a: ArrayBuffer | null, b: Uint8Array): boolean => {
  if (!a || a.byteLength !== b.byteLength) return false;
  const bytes = new Uint8Array(a);
  return bytes.every((v, i) => v === b[i]);
};

async function authorized(method: string, path: string, token: string, body?: unknown): Promise<Response> {
  return fetch(path, {
    method,
    keepalive: true,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Makes sure this browser is subscribed with the server's key and stored for the signed-in person. */
export async function syncPushSubscription(): Promise<void> {
  await dropping;
  const token = $session.get()?.token;
  if (!token || alertsState() !== 'on') return;
  const registration = await navigator.serviceWorker.ready;
  const keyRes = await fetch('/api/push/key');
  if (!keyRes.ok) throw new Error(`push key: ${keyRes.status}`);
  const key = base64urlToBytes(((await keyRes.json()) as { publicKey: string }).publicKey);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    // The server's VAPID key changed: the old subscription can never be sent to again.
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  const res = await authorized('POST', '/api/push/subscriptions', token, subscription.toJSON() as PushSubscriptionBody);
  if (!res.ok) throw new Error(`push subscribe: ${res.status}`);
}

/** From a click: asks for the permission (once; the browser remembers the answer), then subscribes. */
export async function enableCallAlerts(): Promise<AlertsState> {
  if (!pushSupported()) return 'unsupported';
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission === 'denied' ? 'blocked' : 'ask';
  await syncPushSubscription();
  return 'on';
}

/** Sign-out (with the token of the person leaving): the server forgets this browser, the browser its subscription. */
export function dropPushSubscription(token: string): Promise<void> {
  if (!pushSupported()) return Promise.resolve();
  dropping = (async () => {
    const registration = await navigator.serviceWorker.getRegistration('/');
    const subscription = await registration?.pushManager.getSubscription();
    if (!subscription) return;
    await authorized('DELETE', '/api/push/subscriptions', token, { endpoint: subscription.endpoint }).catch(() => undefined);
    await subscription.unsubscribe();
  })().catch((error: unknown) => console.warn('[flint] push unsubscribe failed', error));
  return dropping;
}

/**
 * The shell's part (a reactive controller on `<flint-app>`): while it is connected, subscribes at
 * start and on every sign-in when alerts are on, and tells the service worker the language the app
 * is shown in (its notifications use it). It lives in the shell, not in bootstrap, so the first
 * load gains no script of its own.
 */
export class WebPushController implements ReactiveController {
  #stop: Array<() => void> = [];

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!pushSupported()) return;
    this.#stop.push(
      $session.subscribe((session) => {
        if (session) syncPushSubscription().catch((error: unknown) => console.warn('[flint] push subscription failed', error));
      }),
      $router.subscribe((page) => {
        const locale = routeOf(page?.route).locale;
        void navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage({ type: 'FLINT_LOCALE', locale }));
      }),
    );
  }

  hostDisconnected(): void {
    for (const stop of this.#stop.splice(0)) stop();
  }
}
