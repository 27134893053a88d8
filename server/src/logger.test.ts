import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createLogger } from './logger.ts';
import { createTestApp, sleep, type TestApp } from './test-support/harness.ts';

describe('logging never shows tokens', () => {
  const lines: string[] = [];
  let t: TestApp;
  before(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    t = await createTestApp({ logger: createLogger('trace', stream) });
  });
  after(() => t?.close());

  it('redacts token fields wherever a log call puts them', () => {
    const stream = new PassThrough();
    const out: string[] = [];
    stream.on('data', (c: Buffer) => out.push(c.toString()));
    const logger = createLogger('info', stream);
    logger.info({ token: 'SECRET1', auth: { token: 'SECRET2' }, req: { headers: { authorization: 'Bearer SECRET3' } } }, 'x');
    logger.info({ handshake: { auth: { token: 'SECRET4' } }, headers: { authorization: 'SECRET5' } }, 'y');
    return sleep(50).then(() => {
      const text = out.join('');
      assert.match(text, /redacted/);
      assert.doesNotMatch(text, /SECRET/);
    });
  });

  it('the running app logs requests and handshakes without the tokens they carried', async () => {
    const { token } = await t.login('ava');
    await t.api('GET', '/api/me', { token });
    await t.api('GET', '/api/me', { token: `${token}x` });
    await t.connect(token);
    await assert.rejects(t.connect(`${token}x`));
    await sleep(100);
    assert.ok(lines.length > 0, 'the app logged something at trace level');
    const signature = token.split('.')[2]!;
    assert.doesNotMatch(lines.join(''), new RegExp(signature));
  });
});
