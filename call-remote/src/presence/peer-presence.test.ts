import type { CallPeerState, ClientEventName } from '@flint/shared';
import { assert } from '@flint/test-support';
import { type nothing, type ReactiveController, type ReactiveControllerHost, render, type TemplateResult } from 'lit';
import type { RealtimePort } from '../controller/ports.ts';
import type { CallSnapshot } from '../fsm/index.ts';
import { FIXTURES, peer, S } from '../fsm/test-fixtures.ts';
import { translator } from '../i18n/index.ts';
import { text } from '../ui/test-support.ts';
import { PeerPresence } from './peer-presence.ts';

/** A host with the controller lifecycle and a realtime port that records requests and pushes peer-state. */
function setUp(initial: CallSnapshot, locale: 'en' | 'es' = 'en') {
  const controllers: ReactiveController[] = [];
  let updates = 0;
  const host: ReactiveControllerHost = {
    addController: (c) => void controllers.push(c),
    removeController: () => {},
    requestUpdate: () => void updates++,
    updateComplete: Promise.resolve(true),
  };
  const sent: Array<[ClientEventName, unknown]> = [];
  let push: ((p: CallPeerState) => void) | null = null;
  const realtime = {
    request: async (event: ClientEventName, payload: unknown) => {
      sent.push([event, payload]);
      return { ok: true, data: null };
    },
    subscribe: (_event: string, handler: (p: CallPeerState) => void) => {
      push = handler;
      return () => {
        push = null;
      };
    },
    $connection: { subscribe: () => () => {} },
  } as unknown as RealtimePort;
  const state = { snapshot: initial, now: Date.now() };
  const presence = new PeerPresence(
    host,
    { snapshot: () => state.snapshot, t: () => translator(locale), now: () => state.now },
    () => realtime,
  );
  for (const c of controllers) c.hostConnected?.();
  const shown = () => {
    const root = document.createElement('div');
    render(presence.render() as TemplateResult | typeof nothing, root);
    return root.querySelector('[part=peer-notice]');
  };
  const update = () => {
    for (const c of controllers) c.hostUpdate?.();
  };
  const disconnect = () => {
    for (const c of controllers) c.hostDisconnected?.();
  };
  return { state, sent, push: (p: CallPeerState) => push?.(p), shown, update, disconnect, updates: () => updates };
}

/** The snapshot with the other person known as "Ben Carter" (the notice says their first name). */
const withBen = (snapshot: CallSnapshot): CallSnapshot => ({
  ...snapshot,
  context: { ...snapshot.context, peer: { ...peer, displayName: 'Ben Carter' } },
});

const hide = (persisted: boolean) => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted }));

describe('peer presence', () => {
  it('"Ben left": shown at once when the peer closed their page, gone when they are back', () => {
    const t = setUp(withBen(FIXTURES.reconnectingPeer));
    assert.strictEqual(t.shown(), null, 'nothing before');
    t.push({ sessionId: S, connected: false });
    assert.strictEqual(t.shown(), null, 'a plain drop is the reconnecting banner, not "left"');
    t.push({ sessionId: S, connected: false, left: true });
    const notice = t.shown()!;
    assert.include(text(notice), 'Ben left');
    assert.strictEqual(notice.getAttribute('role'), 'status', 'announced');
    t.push({ sessionId: S, connected: true });
    assert.strictEqual(t.shown(), null, 'back: gone');
    t.disconnect();
    const unnamed = setUp({ ...FIXTURES.active, context: { ...FIXTURES.active.context, peer: null } });
    unnamed.push({ sessionId: S, connected: false, left: true });
    assert.include(text(unnamed.shown()!), 'the other person left', 'nobody named yet');
    unnamed.disconnect();
  });

  it('a notice of another session or of a finished call is not shown', () => {
    const t = setUp(FIXTURES.active);
    t.push({ sessionId: 'another', connected: false, left: true });
    assert.strictEqual(t.shown(), null, 'another session');
    t.push({ sessionId: S, connected: false, left: true });
    t.state.snapshot = FIXTURES.finished;
    assert.strictEqual(t.shown(), null, 'the call ended');
    t.disconnect();
  });

  it('"Ben is fixing their camera" with a countdown, in Spanish too; gone when the gate passed', () => {
    const t = setUp(withBen(FIXTURES.nextStage));
    const endsAt = new Date(t.state.now + 20_000).toISOString();
    t.push({ sessionId: S, connected: true, gate: { stage: 2, reason: 'permission-denied', endsAt } });
    assert.strictEqual(text(t.shown()!), 'Ben is fixing their camera If it does not work, the date ends in 20 s.');
    t.state.now += 5000;
    assert.include(text(t.shown()!), 'ends in 15 s', 'counts down');
    t.push({ sessionId: S, connected: true, audio: false, video: true });
    assert.ok(t.shown(), 'a mute relay keeps it');
    t.push({ sessionId: S, connected: true, gate: null });
    assert.strictEqual(t.shown(), null, 'passed: gone');
    t.disconnect();
    const es = setUp(withBen(FIXTURES.checking), 'es');
    es.push({ sessionId: S, connected: true, gate: { stage: 1, reason: 'no-device', endsAt } });
    assert.include(text(es.shown()!), 'Ben está arreglando su micrófono', 'a voice stage: the microphone');
    es.disconnect();
  });

  it('pagehide tells the server this side is leaving, only when this tab runs a call and the page really goes', () => {
    const t = setUp(FIXTURES.active);
    hide(true);
    assert.deepEqual(t.sent, [], 'kept in the back/forward cache: it may come back');
    hide(false);
    assert.deepEqual(t.sent, [['call:leaving', { sessionId: S }]]);
    t.disconnect();
    hide(false);
    assert.strictEqual(t.sent.length, 1, 'no listener once disconnected');
    const idle = setUp(FIXTURES.idle);
    hide(false);
    assert.deepEqual(idle.sent, [], 'no call here (or a tab watching another tab’s call)');
    idle.disconnect();
    const ringing = setUp(FIXTURES.ringing);
    hide(false);
    assert.deepEqual(ringing.sent, [], 'a ringing tab owns nothing');
    ringing.disconnect();
  });

  it('a failed gate is told once, with what is left of the gate budget', () => {
    const t = setUp(FIXTURES.checking);
    t.update();
    assert.deepEqual(t.sent, [], 'nothing while the gate runs');
    t.state.snapshot = FIXTURES.checkingFailed;
    t.state.now += 5000;
    t.update();
    t.update();
    assert.deepEqual(t.sent, [['call:gate', { sessionId: S, stage: 1, reason: 'permission-denied', endsInMs: 40_000 }]]);
    t.disconnect();
  });
});
