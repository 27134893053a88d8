/** TURN credentials (coturn REST scheme) and Agora tokens, checked by decoding what was minted. */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { agoraJoin } from './agora.ts';
import { callsOptionsFromEnv } from './calls.options.ts';
import { iceServersFor } from './ice.ts';

const require = createRequire(import.meta.url);
// The package's own parser (not re-exported by its index): the strongest check that a token is valid.
const { AccessToken2, kRtcServiceType } = require('agora-token/src/AccessToken2.js');

describe('ICE servers', () => {
  it('are empty without TURN (loopback and LAN connect on host candidates)', () => {
    assert.deepEqual(iceServersFor('u1', undefined, Date.now()), []);
  });

  it('carry time-limited coturn REST credentials when TURN is configured', () => {
    const now = Date.UTC(2030, 0, 1);
    const [server] = iceServersFor('u1', { urls: ['turn:turn.example:3478'], secret: 's3cret', ttlS: 3600 }, now);
    const expiry = now / 1000 + 3600;
    assert.equal(server!.username, `${expiry}:u1`);
    assert.equal(server!.credential, createHmac('sha1', 's3cret').update(`${expiry}:u1`).digest('base64'));
    assert.deepEqual(server!.urls, ['turn:turn.example:3478']);
  });
});

describe('Agora tokens', () => {
  const appId = '0123456789abcdef0123456789abcdef';
  const certificate = 'fedcba9876543210fedcba9876543210';

  it('open the session channel for this participant, signed with the certificate', () => {
    const join = agoraJoin({ appId, certificate, ttlS: 600 }, 'session-1', 'callee');
    assert.deepEqual([join.appId, join.channel, join.uid], [appId, 'session-1', 2]);
    const token = new AccessToken2();
    assert.equal(token.from_string(join.token), true);
    assert.equal(String(token.appId), appId);
    assert.equal(token.expire, 600);
    assert.equal(token.verifySignature(certificate), true);
    assert.equal(token.verifySignature('00000000000000000000000000000000'), false);
    const [rtc] = token.getServices(kRtcServiceType);
    assert.equal(String(rtc.__channel_name), 'session-1');
    assert.equal(String(rtc.__uid), '2');
    // Publisher: join plus publish audio/video/data privileges.
    assert.deepEqual(Object.keys(rtc.__privileges).sort(), ['1', '2', '3', '4']);
  });

  it('fail loudly on credentials Agora would refuse', () => {
    assert.throws(() => agoraJoin({ appId: 'short', certificate, ttlS: 600 }, 's', 'caller'));
  });
});

describe('calls options from the environment', () => {
  it('pick TURN and Agora only when both of their variables are set', () => {
    assert.deepEqual(callsOptionsFromEnv({}), { prepareTimeoutS: 60, turn: undefined, agora: undefined });
    const o = callsOptionsFromEnv({
      TURN_URLS: 'turn:a:3478, turns:b:5349',
      TURN_SECRET: 'x',
      AGORA_APP_ID: '0123456789abcdef0123456789abcdef',
      AGORA_APP_CERTIFICATE: 'fedcba9876543210fedcba9876543210',
    });
    assert.deepEqual(o.turn?.urls, ['turn:a:3478', 'turns:b:5349']);
    assert.equal(o.agora?.appId, '0123456789abcdef0123456789abcdef');
    assert.equal(callsOptionsFromEnv({ TURN_URLS: 'turn:a' }).turn, undefined);
  });

  it('reject a malformed Agora id at start, naming the variable', () => {
    assert.throws(() => callsOptionsFromEnv({ AGORA_APP_ID: 'nope' }), /AGORA_APP_ID/);
  });
});
