import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RENEW_BEFORE_MS, renewDelay, rtcConfiguration } from './ice-config.ts';

describe('ICE configuration', () => {
  it('passes the servers and the relay-only policy to RTCPeerConnection; defaults to all candidates', () => {
    const iceServers = [{ urls: 'turn:t.example:3478', username: '1:u', credential: 'c' }];
    assert.deepEqual(rtcConfiguration({ iceServers, iceTransportPolicy: 'relay' }), { iceServers, iceTransportPolicy: 'relay' });
    assert.deepEqual(rtcConfiguration({}), { iceServers: [], iceTransportPolicy: 'all' });
  });

  it('renews a minute before long-lived credentials expire, halfway through short ones, never when nothing expires', () => {
    const now = Date.UTC(2030, 0, 1);
    const at = (ms: number) => new Date(now + ms).toISOString();
    assert.equal(renewDelay(at(4 * 3600_000), now), 4 * 3600_000 - RENEW_BEFORE_MS);
    assert.equal(renewDelay(at(60_000), now), 30_000);
    assert.equal(renewDelay(at(1500), now), 1000, 'at least a second apart: no tight loop');
    assert.equal(renewDelay(null, now), null);
    assert.equal(renewDelay(undefined, now), null);
    assert.equal(renewDelay(at(-1), now), null, 'expired: too late to renew');
    assert.equal(renewDelay('garbage', now), null);
  });
});
