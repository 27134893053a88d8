/**
 * What a participant is shown of a session: the `call:prepare` payload with the media engine's
 * credentials (ICE servers with time-limited TURN credentials, or an Agora token), the `call:resume`
 * view, and the `call:matched` introduction of a live pairing. Reads profiles; writes nothing.
 */
import type { CallMatched, CallPrepare, CallSessionView, PublicUser } from '@flint/shared';
import type { Db } from '../db/index.ts';
import { findUserById } from '../users/users.repository.ts';
import { agoraJoin } from './agora.ts';
import type { Session } from './calls.model.ts';
import type { CallsOptions } from './calls.options.ts';
import { sendingOf } from './calls.repository.ts';
import { iceConfigFor } from './ice.ts';

export type CallViews = ReturnType<typeof createCallViews>;

export function createCallViews(db: Db, options: CallsOptions) {
  const sides = (s: Session, userId: string) => ({
    me: s.participants.find((p) => p.userId === userId)!,
    peer: s.participants.find((p) => p.userId !== userId)!,
  });
  const profile = async (userId: string) => (await findUserById(db.orm, userId))!;

  const noIce = { stunUrls: [], transportPolicy: 'all' } as const;
  /** ICE servers (fresh TURN credentials) for `userId`; `call:ice-servers` renews them with this. */
  const ice = (userId: string, now: number) => iceConfigFor(userId, options.ice ?? noIce, now);

  /** `peer`: the other participant's profile (read by `peers` before pushing). */
  function prepare(s: Session, userId: string, now: number, peer?: PublicUser): CallPrepare {
    const { me } = sides(s, userId);
    const base = {
      sessionId: s.id,
      stage: s.stage,
      stages: s.plan.length,
      media: s.plan[s.stage - 1]!.media,
      // One side offers (the caller), so offers never collide; perfect negotiation's roles agree with
      // it as a safety net: the answerer (callee) is the polite peer.
      offerer: me.role === 'caller',
      polite: me.role === 'callee',
      conversationId: s.conversationId,
      ...(peer ? { peer } : {}),
    };
    return options.agora
      ? { ...base, engine: 'agora', iceServers: [], agora: agoraJoin(options.agora, s.id, me.role) }
      : { ...base, engine: 'webrtc', ...ice(userId, now) };
  }

  async function view(s: Session, userId: string, now: number): Promise<CallSessionView> {
    const { me, peer } = sides(s, userId);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const live = s.state === 'preparing' || s.state === 'active';
    const other = await profile(peer.userId);
    return {
      sessionId: s.id,
      kind: s.kind,
      state: s.state,
      stage: s.stage,
      stages: s.plan.length,
      media: s.plan[s.stage - 1]!.media,
      peer: other,
      conversationId: s.conversationId,
      endsAt: iso(s.endsAt),
      decisionEndsAt: iso(s.decisionEndsAt),
      ringEndsAt: iso(s.ringEndsAt),
      peerConnected: peer.connected,
      peerMedia: await sendingOf(db.orm, s.id, peer.userId),
      myVote: s.state === 'intermission' && me.vote?.stage === s.stage ? me.vote.proceed : null,
      role: me.role,
      prepare: live ? prepare(s, userId, now, other) : null,
    };
  }

  /** `call:matched` for each participant of a live pairing, naming the other. */
  async function matched(s: Session): Promise<Map<string, CallMatched>> {
    const payloads = new Map<string, CallMatched>();
    for (const p of s.participants) {
      const { peer } = sides(s, p.userId);
      payloads.set(p.userId, { sessionId: s.id, kind: 'live', peer: await profile(peer.userId) });
    }
    return payloads;
  }

  /** Each participant's view of the other's profile (for `call:prepare`). */
  async function peers(s: Session): Promise<Map<string, PublicUser>> {
    const out = new Map<string, PublicUser>();
    for (const p of s.participants) out.set(p.userId, await profile(sides(s, p.userId).peer.userId));
    return out;
  }

  return { prepare, view, matched, ice, peers };
}
