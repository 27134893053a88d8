import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { type ClientSocket, collect, createTestApp, dbKinds, sleep, type TestApp, waitFor } from '../test-support/harness.ts';

/** Lets in-flight presence work (DB transaction + emit) finish before asserting that nothing came. */
const settle = () => sleep(300);

for (const { kind, skip } of dbKinds()) {
  describe(`presence (${kind})`, { skip }, () => {
    let t: TestApp;
    let ids: Record<'ava' | 'ben' | 'cleo', string>;
    let tokens: Record<'ava' | 'ben' | 'cleo', string>;
    before(async () => {
      t = await createTestApp({ dbKind: kind });
      const [ava, ben, cleo] = await Promise.all(['ava', 'ben', 'cleo'].map((u) => t.login(u)));
      ids = { ava: ava!.user.id, ben: ben!.user.id, cleo: cleo!.user.id };
      tokens = { ava: ava!.token, ben: ben!.token, cleo: cleo!.token };
    });
    afterEach(() => t.disconnectAll());
    after(() => t?.close());

    const closeAndWait = async (socket: ClientSocket) => {
      socket.disconnect();
      await settle();
    };

    it('announces one online for the first tab, nothing for the second or its closing, one offline for the last', async () => {
      const ben = await t.connect(tokens.ben);
      const cleo = await t.connect(tokens.cleo); // not matched with ava: must hear nothing
      const benSeen = collect(ben, 'presence');
      const cleoSeen = collect(cleo, 'presence');

      const tab1 = await t.connect(tokens.ava);
      await settle();
      assert.deepEqual(benSeen, [{ userId: ids.ava, online: true }]);

      const tab2 = await t.connect(tokens.ava);
      await closeAndWait(tab1);
      assert.equal(benSeen.length, 1, `a second tab and closing one of two changes nothing: ${JSON.stringify(benSeen)}`);

      await closeAndWait(tab2);
      assert.deepEqual(benSeen, [
        { userId: ids.ava, online: true },
        { userId: ids.ava, online: false },
      ]);
      assert.deepEqual(cleoSeen, [], 'only matches see presence');
    });

    it('presence:query answers for matches and reads others as offline', async () => {
      const ava = await t.connect(tokens.ava);
      await t.connect(tokens.cleo); // online, but not matched with ava
      const ben = await t.connect(tokens.ben);
      await settle();
      const ack = await t.emit(ava, 'presence:query', { userIds: [ids.ben, ids.cleo] });
      assert.deepEqual(ack, { ok: true, data: { [ids.ben]: true, [ids.cleo]: false } });
      await closeAndWait(ben);
      const after = await t.emit(ava, 'presence:query', { userIds: [ids.ben] });
      assert.deepEqual(after, { ok: true, data: { [ids.ben]: false } });
    });

    it('a quick connect-then-disconnect leaves no presence behind', async () => {
      const watcher = await t.connect(tokens.ben);
      const online = waitFor(watcher, 'presence');
      const flicker = await t.connect(tokens.ava);
      flicker.disconnect();
      await online;
      await settle();
      const ack = await t.emit(watcher, 'presence:query', { userIds: [ids.ava] });
      assert.deepEqual(ack, { ok: true, data: { [ids.ava]: false } });
    });
  });
}
