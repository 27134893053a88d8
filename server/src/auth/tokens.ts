/**
 * Access tokens. This server signs HS256 tokens (dev login); when AUTH_JWKS_URL is set, tokens from
 * that external identity provider (asymmetric algorithms) are accepted too, verified against its
 * published keys. Either way the token's `sub` is the Flint user id.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';

const TOKEN_TTL = '12h';
const ISSUER = 'flint';

export interface TokenService {
  sign(userId: string): Promise<string>;
  /** The user id of a valid token, or null for anything missing, forged, expired or malformed. */
  verify(token: unknown): Promise<string | null>;
}

export function createTokenService(opts: { secret: Uint8Array; jwksUrl?: string }): TokenService {
  const jwks = opts.jwksUrl ? createRemoteJWKSet(new URL(opts.jwksUrl)) : null;
  return {
    sign: (userId) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(TOKEN_TTL)
        .sign(opts.secret),
    async verify(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
      try {
        const { alg } = decodeProtectedHeader(token);
        // The algorithm list is pinned per key, so a token cannot pick a weaker check for itself.
        const { payload } =
          alg === 'HS256'
            ? await jwtVerify(token, opts.secret, { algorithms: ['HS256'], issuer: ISSUER })
            : jwks
              ? await jwtVerify(token, jwks, { algorithms: ['RS256', 'ES256', 'EdDSA'] })
              : { payload: null };
        return typeof payload?.sub === 'string' ? payload.sub : null;
      } catch {
        return null;
      }
    },
  };
}

/** The configured secret, or one generated on first start and kept in the data dir (so tokens survive restarts). */
export function resolveJwtSecret(configured: string | undefined, dataDir: string): Uint8Array {
  if (configured) return new TextEncoder().encode(configured);
  const file = `${dataDir}/jwt-secret`;
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process starting at the same moment wrote it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}
