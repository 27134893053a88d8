/** ICE settings (STUN, TURN credentials in the coturn REST scheme, policy) and Agora tokens, checked by decoding what was minted. */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { agoraJoin } from './agora.ts';
import { callsOptionsFromEnv, DEFAULT_STUN_URL } from './calls.options.ts';
import { iceConfigFor } from './ice.ts';

const require = createRequire(import.meta.url);
// The package's own parser (not re-exported by its index): the strongest check that a token is valid.
const { AccessToken2, kRtcServiceType } = require('agora-token/src/AccessToken2.js');

describe('ICE servers', () => {
  const none = { stunUrls: [], transportPolicy: 'all' } as const;

  it('are empty without STUN and TURN (loopback and LAN connect on host candidates), and nothing expires', () => {
    assert.deepEqual(iceConfigFor('u1', none, Date.now()), { iceServers: [], iceTransportPolicy: 'all', iceExpiresAt: null });
  });

  it('carry time-limited coturn REST credentials when TURN is configured, after the STUN servers', () => {
    const now = Date.UTC(2030, 0, 1);
    const turn = { urls: ['turn:turn.example:3478'], secret: 's3cret', ttlS: 3600 };
    const ice = iceConfigFor('u1', { stunUrls: ['stun:stun.example:3478'], turn, transportPolicy: 'relay' }, now);
    const [stun, server] = ice.iceServers;
    const expiry = now / 1000 + 3600;
    assert.deepEqual(stun, { urls: ['stun:stun.example:3478'] });
    assert.equal(server!.username, `${expiry}:u1`);
    assert.equal(server!.credential, createHmac('sha1', 's3cret').update(`${expiry}:u1`).digest('base64'));
    assert.deepEqual(server!.urls, ['turn:turn.example:3478']);
    assert.equal(ice.iceTransportPolicy, 'relay');
    assert.equal(ice.iceExpiresAt, new Date(expiry * 1000).toISOString());
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
  it('default to a public STUN server, no TURN, the `all` policy; TURN and Agora only when both of their variables are set', () => {
    assert.deepEqual(callsOptionsFromEnv({}), {
      prepareTimeoutS: 60,
      ice: { stunUrls: [DEFAULT_STUN_URL], turn: undefined, transportPolicy: 'all' },
      agora: undefined,
    });
    const o = callsOptionsFromEnv({
      FLINT_STUN_URLS: '',
      TURN_URLS: 'turn:a:3478, turns:b:5349',
      TURN_SECRET: 'x',
      TURN_CREDENTIAL_TTL_S: '600',
      FLINT_ICE_TRANSPORT_POLICY: 'relay',
      AGORA_APP_ID: '0123456789abcdef0123456789abcdef',
      AGORA_APP_CERTIFICATE: 'fedcba9876543210fedcba9876543210',
    });
    assert.deepEqual(o.ice, {
      stunUrls: [],
      turn: { urls: ['turn:a:3478', 'turns:b:5349'], secret: 'x', ttlS: 600 },
      transportPolicy: 'relay',
    });
    assert.equal(o.agora?.appId, '0123456789abcdef0123456789abcdef');
  });

  it('reject bad values at start, naming the variable', () => {
    assert.throws(() => callsOptionsFromEnv({ AGORA_APP_ID: 'nope' }), /AGORA_APP_ID/);
    assert.throws(() => callsOptionsFromEnv({ FLINT_STUN_URLS: 'http://stun.example' }), /FLINT_STUN_URLS: each URL must start with stun:/);
    assert.throws(() => callsOptionsFromEnv({ TURN_URLS: 'stun:a', TURN_SECRET: 'x' }), /TURN_URLS/);
    assert.throws(() => callsOptionsFromEnv({ TURN_URLS: 'turn:a' }), /TURN_URLS and TURN_SECRET: set both/);
    assert.throws(() => callsOptionsFromEnv({ TURN_SECRET: 'x' }), /set both/);
    assert.throws(() => callsOptionsFromEnv({ FLINT_ICE_TRANSPORT_POLICY: 'none' }), /FLINT_ICE_TRANSPORT_POLICY/);
    assert.throws(() => callsOptionsFromEnv({ FLINT_ICE_TRANSPORT_POLICY: 'relay' }), /relay needs TURN_URLS/);
    assert.throws(
      () => callsOptionsFromEnv({ TURN_URLS: 'turn:a', TURN_SECRET: 'x', TURN_CREDENTIAL_TTL_S: '5' }),
      /TURN_CREDENTIAL_TTL_S/,
    );
  });
});
