/**
 * GateRunner.warm(): the next stage's devices are asked for when the decision is taken, before the
 * server's prepare opens the gate; that gate then takes them (one acquisition, no wait), and they are
 * released if the gate never comes (the call ended instead).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StageMedia } from '@flint/shared';
import { type CallEvent, type CallSnapshot, CallState } from '../fsm/index.ts';
import { FIXTURES } from '../fsm/test-fixtures.ts';
import { GateRunner } from './gate-runner.ts';

/** A capture stand-in: what the runner touches of a MediaStream (its tracks, and stopping them). */
function fakeStream(media: StageMedia) {
  const tracks = (media === 'video' ? ['audio', 'video'] : ['audio']).map((kind) => ({
    kind,
    stopped: false,
    stop() {
      this.stopped = true;
    },
  }));
  return { media, tracks, getTracks: () => tracks };
}

function harness() {
  const asked: StageMedia[] = [];
  const streams: ReturnType<typeof fakeStream>[] = [];
  const events: CallEvent[] = [];
  const local: unknown[] = [];
  let snapshot: CallSnapshot = FIXTURES.intermission;
  const runner = new GateRunner(
    {
      acquire: async (media) => {
        asked.push(media);
        const stream = fakeStream(media);
        streams.push(stream);
        return stream as unknown as MediaStream;
      },
      watchPermissions: () => () => undefined,
    },
    {
      get snapshot() {
        return snapshot;
      },
      dispatch: (e) => void events.push(e),
      setLocal: (s) => void local.push(s),
    },
  );
  const prepared = () => {
    snapshot = { state: CallState.NEXT_STAGE, context: { ...snapshot.context, stage: 2 } };
  };
  return { runner, asked, streams, events, local, prepared };
}

describe('the gate runner asks for the next stage devices ahead of the prepare', () => {
  it('warm() asks at once; the gate opened by the prepare takes that stream without asking again', async () => {
    const h = harness();
    h.runner.warm(2, 'video');
    assert.deepEqual(h.asked, ['video'], 'the camera is asked for before any prepare');
    h.prepared();
    await h.runner.run(2, 'video');
    assert.deepEqual(h.asked, ['video'], 'one acquisition');
    assert.deepEqual(h.local, [h.streams[0]], 'the warmed stream became the stage stream');
    assert.deepEqual(h.events, [{ type: 'DEVICES_OK', stage: 2 }]);
  });

  it('the call ends instead (cancel): the warmed devices are released', async () => {
    const h = harness();
    h.runner.warm(2, 'video');
    h.runner.cancel();
    await new Promise((r) => setTimeout(r, 0));
    assert.ok(
      h.streams[0]!.tracks.every((t) => t.stopped),
      'camera and microphone stopped',
    );
  });

  it('a gate for other media does not take it: it asks anew and the warmed stream is released', async () => {
    const h = harness();
    h.runner.warm(2, 'video');
    h.prepared();
    await h.runner.run(2, 'audio');
    assert.deepEqual(h.asked, ['video', 'audio']);
    await new Promise((r) => setTimeout(r, 0));
    assert.ok(
      h.streams[0]!.tracks.every((t) => t.stopped),
      'the unused warm stream is stopped',
    );
  });
});
