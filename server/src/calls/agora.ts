/**
 * Agora media: when `AGORA_APP_ID` + `AGORA_APP_CERTIFICATE` are set the server picks the `agora`
 * engine and mints each participant an RTC token for the channel named after the session id, so the
 * certificate stays on the server and a token only opens that one call.
 */
import agoraToken from 'agora-token';

const { RtcRole, RtcTokenBuilder } = agoraToken;

export interface AgoraConfig {
  appId: string;
  certificate: string;
  /** Token lifetime; covers the longest call with margin. */
  ttlS: number;
}

export interface AgoraJoin {
  appId: string;
  channel: string;
  token: string;
  uid: number;
}

/** Agora uids are small positive integers, unique in a channel: 1 for the caller, 2 for the callee. */
export const agoraUid = (role: 'caller' | 'callee') => (role === 'caller' ? 1 : 2);

export function agoraJoin(agora: AgoraConfig, sessionId: string, role: 'caller' | 'callee'): AgoraJoin {
  const uid = agoraUid(role);
  const token = RtcTokenBuilder.buildTokenWithUid(
    agora.appId,
    agora.certificate,
    sessionId,
    uid,
    RtcRole.PUBLISHER,
    agora.ttlS,
    agora.ttlS,
  );
  if (!token) throw new Error('agora-token refused the app id / certificate (expected 32 hex characters each)');
  return { appId: agora.appId, channel: sessionId, token, uid };
}
