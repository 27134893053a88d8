import * as realtime from '../../../realtime-remote/src/socket-store.ts';
import { api } from '../api/api.ts';
import { cleanup, mount, shadow, signInAs } from './test-support.ts';
import './admin-page.ts';
import { assert, until } from '@flint/test-support';
import { type FlintAdminPage, STATS_INTERVAL_MS } from './admin-page.ts';

const statsRequests = () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/admin/stats')).length;
const radio = (el: FlintAdminPage, value: string) => shadow(el).querySelector<HTMLInputElement>(`input[value=${value}]`)!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('flint-admin-page', () => {
  afterEach(cleanup);

  it('tells a non-admin they are not allowed, and asks the server nothing', async () => {
    await signInAs('ava');
    const before = statsRequests();
    const el = await mount('flint-admin-page', { realtime });
    assert.strictEqual(shadow(el).querySelector('[role=alert]')?.textContent, 'You are not allowed to see this page.', 'alert');
    assert.strictEqual(shadow(el).querySelector('fieldset'), null, 'no controls');
    await sleep(100);
    assert.strictEqual(statsRequests(), before, 'stats requests');
  });

  it("shows live statistics and this tab's connection, polling only while shown", async function () {
    (this as { timeout(ms: number): void }).timeout(STATS_INTERVAL_MS * 5);
    await signInAs('admin');
    const el = await mount('flint-admin-page', { realtime });
    await until(() => shadow(el).querySelector('[data-stat=users-online]'), 'statistics');
    assert.ok(/^\d+$/.test(shadow(el).querySelector('[data-stat=sockets]')!.textContent!), 'socket count');
    assert.ok(shadow(el).querySelector('[data-connection=status]')?.textContent, "this tab's status");
    const first = statsRequests();
    await until(() => statsRequests() > first, 'a second poll', STATS_INTERVAL_MS * 2);
    el.remove();
    const atRemoval = statsRequests();
    await sleep(STATS_INTERVAL_MS + 500);
    assert.strictEqual(statsRequests(), atRemoval, 'polls after the page left');
  });

  it('shows call quality per stage over the last day (or that nothing was measured yet)', async () => {
    await signInAs('admin');
    const el = await mount('flint-admin-page', { realtime });
    await until(() => shadow(el).querySelector('[data-quality]'), 'the call quality section');
    const heading = [...shadow(el).querySelectorAll('h2')].map((h) => h.textContent);
    assert.include(heading, 'Call quality (last 24 h)');
    const summary = await api.callQuality();
    const table = shadow(el).querySelector('[data-quality=stages]');
    if (summary.stages.length === 0)
      assert.strictEqual(shadow(el).querySelector('[data-quality=none]')?.textContent, 'No calls measured yet.');
    else {
      const headers = [...table!.querySelectorAll('thead th')].map((th) => th.textContent);
      assert.deepEqual(headers, ['Stage', 'Sessions', 'Good', 'Fair', 'Poor', 'Lost']);
      assert.strictEqual(table!.querySelectorAll('tbody tr').length, summary.stages.length);
    }
  });

  it('changes the connection mode with the radio group and says so', async () => {
    await signInAs('admin');
    const el = await mount('flint-admin-page', { realtime });
    await until(() => radio(el, 'auto')?.checked, 'the current mode (auto)');
    const status = shadow(el).querySelector('fieldset + [role=status]')!;
    // Polling works behind any proxy, so other suites sharing this server keep working meanwhile.
    for (const [mode, label] of [
      ['polling', 'Polling only'],
      ['auto', 'Auto'],
    ]) {
      radio(el, mode).click();
      // A re-render while the server applies the change (a poll, a store update) keeps the choice.
      el.requestUpdate();
      await el.updateComplete;
      assert.strictEqual(radio(el, mode).checked, true, `${mode} stays checked`);
      await until(() => status.textContent === `Connection mode set to ${label}.`, `mode ${mode}`);
      assert.strictEqual((await api.stats()).mode, mode, 'server mode');
    }
  });
});
