import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import webpush from 'web-push';
import { resolveVapid } from './push.vapid.ts';

const subject = 'mailto:ops@flint.example';

test('without configured keys, a pair is generated into the data dir on first start and kept (owner-only) for the next', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flint-vapid-'));
  try {
    const first = resolveVapid({ subject }, dir);
    assert.equal(Buffer.from(first.publicKey, 'base64url').length, 65);
    assert.equal(Buffer.from(first.privateKey, 'base64url').length, 32);
    assert.equal(statSync(join(dir, 'vapid.json')).mode & 0o777, 0o600);
    assert.deepEqual(resolveVapid({ subject }, dir), first, 'a restart keeps the key, so subscriptions stay valid');
    assert.notEqual(resolveVapid({ subject }, mkdtempSync(join(tmpdir(), 'flint-vapid-'))).publicKey, first.publicKey);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('configured keys are used as given and checked at start', () => {
  const keys = webpush.generateVAPIDKeys();
  assert.deepEqual(resolveVapid({ ...keys, subject }, '/nonexistent-never-written'), { ...keys, subject });
  assert.throws(() => resolveVapid({ publicKey: keys.privateKey, privateKey: keys.publicKey, subject }, '/x'), /65-byte public/);
  assert.throws(() => resolveVapid({ publicKey: `${keys.publicKey}!`, privateKey: keys.privateKey, subject }, '/x'), /base64url/);
});
