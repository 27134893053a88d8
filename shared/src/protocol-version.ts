/**
 * The wire protocol's version, `MAJOR.MINOR`, sent by the socket store in the handshake
 * (`auth.protocol`). MINOR grows with every additive change (a new event, a new optional field), so
 * a client one MINOR behind still works: a new server never breaks the pages already open during a
 * deploy. MAJOR grows with a breaking change. The server accepts its own MINOR, the one before and
 * any newer one of its MAJOR (a client ahead of a rolled-back server only meets `unknown-event` for
 * what the server lacks); anything else is refused with `connect_error` `outdated`: "reload the
 * page", which loads the host's current config and the remote versions it names.
 */
export const PROTOCOL_VERSION = '1.1';

/** What a handshake without a version is: a client built before versions were sent (all of 1.0). */
const UNVERSIONED = '1.0';

const parse = (version: string): [number, number] | null => {
  const m = /^(\d{1,4})\.(\d{1,4})$/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : null;
};

/** Whether a client speaking `client` may connect to a server speaking `server`. */
export function isCompatibleProtocol(client: unknown, server: string = PROTOCOL_VERSION): boolean {
  const theirs = client === undefined ? parse(UNVERSIONED) : typeof client === 'string' ? parse(client) : null;
  const ours = parse(server);
  if (!theirs || !ours) return false;
  return theirs[0] === ours[0] && theirs[1] >= ours[1] - 1;
}
