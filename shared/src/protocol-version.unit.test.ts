import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCompatibleProtocol, PROTOCOL_VERSION } from './protocol-version.ts';

describe('protocol version', () => {
  it('accepts the current and the previous minor, and newer minors of the same major', () => {
    assert.equal(isCompatibleProtocol(PROTOCOL_VERSION), true);
    assert.equal(isCompatibleProtocol('2.4', '2.5'), true);
    assert.equal(isCompatibleProtocol('2.6', '2.5'), true);
  });

  it('refuses older minors, other majors and anything malformed', () => {
    assert.equal(isCompatibleProtocol('2.3', '2.5'), false);
    assert.equal(isCompatibleProtocol('1.9', '2.0'), false);
    assert.equal(isCompatibleProtocol('3.0', '2.5'), false);
    for (const bad of ['', '2', '2.x', ' 2.5', '2.5.0', 25, null, {}, '99999.1']) assert.equal(isCompatibleProtocol(bad, '2.5'), false);
  });

  it('reads a handshake without a version as 1.0, the clients built before versions were sent', () => {
    assert.equal(isCompatibleProtocol(undefined, '1.1'), true);
    assert.equal(isCompatibleProtocol(undefined, '1.2'), false);
  });
});
