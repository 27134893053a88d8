/**
 * Counts who needs the socket (mounted stores, subscriptions, `connect()` holds, requests in
 * flight). Host and call-remote share one socket, so it may only close when the LAST holder lets
 * go, and then only after a short linger so a quick release/acquire (a re-render, back-to-back
 * requests) does not drop and re-open the connection.
 */
export interface Holders {
  /** Registers one holder; the returned release is idempotent. */
  acquire(): () => void;
  readonly count: number;
}

export function createHolders(onActive: () => void, onIdle: () => void, lingerMs: number): Holders {
  let count = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    get count() {
      return count;
    },
    acquire() {
      count += 1;
      if (idleTimer !== undefined) {
        clearTimeout(idleTimer);
        idleTimer = undefined;
      } else if (count === 1) {
        onActive();
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        count -= 1;
        if (count === 0) {
          idleTimer = setTimeout(() => {
            idleTimer = undefined;
            onIdle();
          }, lingerMs);
        }
      };
    },
  };
}
