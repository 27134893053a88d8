import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keepLoading, type LoadStatus } from './federation.ts';

/** A wait that returns at once, recording how long it was asked to wait. */
function instantWaits() {
  const asked: number[] = [];
  return { asked, wait: async (ms: number) => void asked.push(ms) };
}

describe('keepLoading', () => {
  it('ready at the first success', async () => {
    const statuses: LoadStatus[] = [];
    const value = await keepLoading(async () => 'remote', { onStatus: (s) => statuses.push(s), slowMs: 60_000, retryMs: [1] });
    assert.equal(value, 'remote');
    assert.deepEqual(statuses, ['loading', 'ready']);
  });

  it('unavailable after each failure, with growing pauses, then ready when the remote is back', async () => {
    const statuses: LoadStatus[] = [];
    const { asked, wait } = instantWaits();
    let calls = 0;
    const attempt = async () => {
      calls += 1;
      if (calls < 5) throw new Error('down');
      return calls;
    };
    const value = await keepLoading(attempt, { onStatus: (s) => statuses.push(s), slowMs: 9_999, retryMs: [100, 200, 400], wait });
    assert.equal(value, 5);
    assert.equal(statuses[0], 'loading');
    assert.equal(statuses.at(-1), 'ready');
    assert.ok(statuses.filter((s) => s === 'unavailable').length >= 4, statuses.join());
    assert.deepEqual(
      asked.filter((ms) => ms !== 9_999),
      [100, 200, 400, 400],
    );
  });

  it('a slow remote shows unavailable past slowMs, and ready once it arrives', async () => {
    const statuses: LoadStatus[] = [];
    let arrive: (v: string) => void = () => {};
    const slow = new Promise<string>((resolve) => (arrive = resolve));
    const loading = keepLoading(() => slow, { onStatus: (s) => statuses.push(s), slowMs: 10, retryMs: [1] });
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(statuses, ['loading', 'unavailable']);
    arrive('late');
    assert.equal(await loading, 'late');
    assert.deepEqual(statuses, ['loading', 'unavailable', 'ready']);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const loading = keepLoading(
      async () => {
        throw new Error('down');
      },
      { onStatus: () => {}, slowMs: 60_000, retryMs: [5], signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error('left the page')), 20);
    await assert.rejects(loading, /left the page/);
  });
});
