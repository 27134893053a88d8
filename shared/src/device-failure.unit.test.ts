import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deviceFailureOf } from './device-failure.ts';

const named = (name: string) => Object.assign(new Error(name), { name });

describe('deviceFailureOf: one mapping for the call gate and the live preview', () => {
  it('maps each getUserMedia DOMException name to its failure', () => {
    const table: Array<[string, string]> = [
      ['NotAllowedError', 'permission-denied'],
      ['SecurityError', 'permission-denied'],
      ['NotFoundError', 'no-device'],
      ['OverconstrainedError', 'no-device'],
      ['NotReadableError', 'device-busy'],
      ['AbortError', 'device-busy'],
    ];
    for (const [name, failure] of table) assert.equal(deviceFailureOf(named(name)), failure, name);
  });

  it('counts anything else as busy (retry is the advice), never throwing', () => {
    for (const error of [named('TypeError'), named('toString'), named('__proto__'), null, undefined, 'oops', 42, {}]) {
      assert.equal(deviceFailureOf(error), 'device-busy', String(error));
    }
  });
});
