/**
 * RECONNECTING: the socket, the peer or our media is down. Peer and media losses heal on their own
 * events; a socket loss heals only through the server's view (SOCKET_UP → resume → RESUMED), since
 * server events may have been missed meanwhile.
 */
import type { CallContext, LostLinks } from '../context.ts';
import { CallState } from '../states.ts';
import { endedWhileOffline, endFromServer, leave } from './ending.ts';
import { mediaPath, reportMediaFailed, toIntermission } from './moves.ts';
import { fromView } from './resume.ts';
import { shiftStageEnd } from './stage.ts';
import { announce, type StateHandlers, type Step, sid, step } from './step.ts';

/** Peer and media losses only interrupt a running stage; back to it once nothing is lost. */
function relink(ctx: CallContext, cause: 'peer' | 'media', lostNow: boolean): Step | null {
  if (ctx.interrupted !== CallState.STAGE_ACTIVE || ctx.lost[cause] === lostNow) return null;
  const lost: LostLinks = { ...ctx.lost, [cause]: lostNow };
  // The server pauses the stage clock while our media path is down (not told while our socket is).
  const told = cause === 'media' && !lost.socket ? [mediaPath(ctx, !lostNow)] : [];
  if (lost.socket || lost.peer || lost.media) return step(CallState.RECONNECTING, { ...ctx, lost }, ...told);
  return step(CallState.STAGE_ACTIVE, { ...ctx, lost, interrupted: null }, ...told, announce('call.reconnected'));
}

export const reconnectingHandlers: StateHandlers = {
  SOCKET_DOWN: (ctx) => (ctx.lost.socket ? null : step(CallState.RECONNECTING, { ...ctx, lost: { ...ctx.lost, socket: true } })),
  SOCKET_UP: (ctx) => (ctx.lost.socket ? step(CallState.RECONNECTING, ctx, { type: 'resume', sessionId: sid(ctx) }) : null),
  /**
   * Only the answer we asked for counts. No session, or another one (the server keeps one per user),
   * means ours ended while we were away.
   */
  RESUMED: (ctx, { view }) => {
    if (!ctx.lost.socket) return null;
    const restored = view && view.sessionId === ctx.sessionId ? fromView(view, ctx, ctx.interrupted) : null;
    return restored ?? endedWhileOffline(ctx);
  },
  PEER_STATE: (ctx, e) => (ctx.lost.socket ? null : relink(ctx, 'peer', !e.connected)),
  MEDIA_LOST: (ctx) => relink(ctx, 'media', true),
  MEDIA_CONNECTED: (ctx) => relink(ctx, 'media', false),
  MEDIA_FAILED: reportMediaFailed(CallState.RECONNECTING),
  /** With the socket up, the server moves on without the peer: the stage can end meanwhile. */
  STAGE_ENDED: (ctx, e) =>
    !ctx.lost.socket && e.stage === ctx.stage && ctx.interrupted === CallState.STAGE_ACTIVE
      ? toIntermission(ctx, e.decisionEndsAt, 'stage', e.nextMedia)
      : null,
  /** The peer came back and the server shifted the stage's end by the pause. */
  STAGE_STARTED: (ctx, e) =>
    ctx.lost.socket || ctx.interrupted !== CallState.STAGE_ACTIVE ? null : shiftStageEnd(CallState.RECONNECTING)(ctx, e),
  ENDED: (ctx, { ended }) => endFromServer(ctx, ended),
  HANG_UP: (ctx) => leave(ctx),
};
