/**
 * Who a token is, as a Flint user. A Flint token names its user; an identity provider's token names a
 * person of that provider, who becomes a Flint user the first time they are seen: created from the
 * token's claims (`name` as display name, `picture` as avatar) and linked by (issuer, subject). The
 * profile is Flint's after that (the user edits it in Flint), so later tokens change nothing.
 */
import { createHash } from 'node:crypto';
import { isBlank, type PublicUser } from '@flint/shared';
import { createBatcher } from '../db/batcher.ts';
import type { Db } from '../db/index.ts';
import { findUserById, findUsersByIds, insertUser } from '../users/users.repository.ts';
import * as identities from './identities.repository.ts';
import type { Principal, TokenService } from './tokens.ts';

export type Authenticate = (token: unknown) => Promise<PublicUser | null>;

const MAX_NAME = 60;
const MAX_PICTURE_URL = 2048;

/** User lookups of concurrent handshakes in one query (a reconnect storm is thousands at once). */
const LOOKUP_BATCH = 500;

export function createAuthenticator(tokens: TokenService, db: Db): Authenticate {
  const lookups = createBatcher({ maxBatch: LOOKUP_BATCH, store: (ids: string[]) => findUsersByIds(db.orm, ids) });
  async function userOf(principal: Principal): Promise<PublicUser | null> {
    if (principal.kind === 'flint') return lookups.submit(principal.userId);
    const { issuer, subject } = principal;
    const known = await identities.findLinkedUserId(db.orm, issuer, subject);
    if (known) return findUserById(db.orm, known);
    return db.orm.transaction(async (tx) => {
      await identities.lockIdentity(tx, issuer, subject);
      const linked = await identities.findLinkedUserId(tx, issuer, subject);
      if (linked) return findUserById(tx, linked);
      const user = await insertUser(tx, {
        username: usernameOf(issuer, subject),
        displayName: displayNameOf(principal.name),
        picture: pictureOf(principal.picture),
      });
      await identities.link(tx, { issuer, subject, userId: user.id });
      return user;
    });
  }

  return async (token) => {
    const principal = await tokens.verify(token);
    return principal ? userOf(principal) : null;
  };
}

/** Stable and unique per person, and says nothing of the provider's own ids. */
const usernameOf = (issuer: string, subject: string) =>
  `idp_${createHash('sha256')
    .update(JSON.stringify([issuer, subject]))
    .digest('base64url')
    .slice(0, 20)}`;

/**
 * The `name` claim as a display name: what the text rules (shared text.ts) refuse from a person is
 * stripped here instead (a provider's claim is not theirs to retype): control characters and bidi
 * overrides out, trimmed, bounded; a neutral name when nothing visible is left.
 */
export function displayNameOf(name: string | null): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const clean = (name ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return isBlank(clean) ? 'Flint member' : [...clean].slice(0, MAX_NAME).join('');
}

/** The `picture` claim, only when it is an http(s) URL of sane length (it ends up in an `<img src>`). */
export function pictureOf(picture: string | null): string | null {
  if (!picture || picture.length > MAX_PICTURE_URL) return null;
  try {
    const url = new URL(picture);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
