/**
 * One tab owns a call (ARCHITECTURE §1): the browser tab that started, accepted or first joined a
 * participant's side holds its devices and media; every other tab or device of that person is a
 * spectator. The server is the arbiter across browsers and devices: a spectator's `call:resume` is
 * answered `elsewhere` (it must not take the devices), its stage actions are refused, and the
 * participant counts as gone when the OWNER tab has no socket left, whatever other tabs are open.
 * A tab takes over only once the owner is gone (closed, or its connection dropped).
 */
import { ErrorCode } from '@flint/shared';
import type { Db } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import * as repo from './calls.repository.ts';

export interface OwnerPorts {
  hasSockets(userId: string): Promise<boolean>;
  tabConnected(userId: string, tab: string): Promise<boolean>;
}

/**
 * A client that sends no tab id (`socket:<id>`, realtime/io.ts) cannot tell its tabs apart, nor a
 * reconnect from another tab: it owns nothing, so its side runs as before tab ids (any socket).
 */
const untracked = (tab: string | null | undefined) => tab?.startsWith('socket:') ?? false;

export function createCallOwnership(db: Db, ports: OwnerPorts) {
  /**
   * Whether `tab` may run this side: it owns it, or nobody does yet and it claims it now (a live
   * pairing, which every tab of the person hears of; the first to act wins).
   */
  async function mayAct(sessionId: string, userId: string, tab: string): Promise<boolean> {
    const owner = await repo.ownerTabOf(db.orm, sessionId, userId);
    if (owner === undefined || owner === tab || untracked(owner) || untracked(tab)) return true;
    return owner === null && (await repo.claimOwnerTab(db.orm, sessionId, userId, tab, null));
  }

  return {
    /** `tab` starts or accepts the call: it owns this side from now on. */
    async take(sessionId: string, userId: string, tab: string): Promise<void> {
      await repo.claimOwnerTab(db.orm, sessionId, userId, tab, 'any');
    },

    /** As `mayAct`, or the DomainError every refused stage action gets. */
    async mustAct(sessionId: string, userId: string, tab: string): Promise<void> {
      if (!(await mayAct(sessionId, userId, tab))) {
        throw new DomainError(ErrorCode.WRONG_STATE, 'this call is going on in another tab or device');
      }
    },

    /**
     * A tab asks to (re)join (`call:resume`): `mine` if it owns the side, claims it while unclaimed
     * (`claim`: not while the invite still rings, when any tab may answer), or takes it over from an
     * owner with no socket left; else `elsewhere`.
     */
    async join(sessionId: string, userId: string, tab: string, claim: boolean): Promise<'mine' | 'elsewhere'> {
      const owner = await repo.ownerTabOf(db.orm, sessionId, userId);
      if (owner === undefined || owner === tab || untracked(owner) || untracked(tab)) return 'mine';
      if (owner === null) return !claim || (await repo.claimOwnerTab(db.orm, sessionId, userId, tab, null)) ? 'mine' : 'elsewhere';
      if (await ports.tabConnected(userId, owner)) return 'elsewhere';
      return (await repo.claimOwnerTab(db.orm, sessionId, userId, tab, owner)) ? 'mine' : 'elsewhere';
    },

    /** Whether this side has nobody running it: its owner tab (or, unclaimed, every tab) has no socket. */
    async gone(sessionId: string, userId: string): Promise<boolean> {
      const owner = await repo.ownerTabOf(db.orm, sessionId, userId);
      return owner && !untracked(owner) ? !(await ports.tabConnected(userId, owner)) : !(await ports.hasSockets(userId));
    },
  };
}
