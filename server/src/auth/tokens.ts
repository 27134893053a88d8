/**
 * Access tokens. This server signs HS256 tokens (dev login), whose `sub` is the Flint user id. With
 * an identity provider configured (AUTH_JWKS_URL), its tokens (asymmetric algorithms) are accepted
 * too, verified against its published keys with a pinned issuer and audience and a REQUIRED expiry;
 * such a token names a person of that provider (`iss` + `sub`), whom identities.ts maps to a user.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRemoteJWKSet, decodeProtectedHeader, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config.ts';

const TOKEN_TTL = '12h';
const ISSUER = 'flint';
/** Longest token accepted at all: bounds the work a forged one can cause. */
const MAX_TOKEN_CHARS = 8192;

/** Who a valid token names: a Flint user, or a person of the configured identity provider. */
export type Principal =
  | { kind: 'flint'; userId: string }
  | { kind: 'external'; issuer: string; subject: string; name: string | null; picture: string | null };

export interface TokenService {
  sign(userId: string): Promise<string>;
  /** Who a valid token names, or null for anything missing, forged, expired or malformed. */
  verify(token: unknown): Promise<Principal | null>;
}

export function createTokenService(opts: { secret: Uint8Array; identityProvider?: Config['identityProvider'] }): TokenService {
  const idp = opts.identityProvider;
  const jwks = idp ? createRemoteJWKSet(new URL(idp.jwksUrl), { cooldownDuration: idp.cooldownMs }) : null;
  // Imported once: given the raw bytes, jose imports a Web Crypto key on every call, which was most
  // of a handshake's token check (20,000 verifies: 14.3 s with the bytes, 5.1 s with this key, on a
  // loaded 2-core machine; docs/decisions.md, issue 12 reconnect storm).
  const hmacKey = crypto.subtle.importKey('raw', new Uint8Array(opts.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

  async function external(token: string): Promise<Principal | null> {
    if (!idp || !jwks) return null;
    // The algorithm list is pinned per key type, so a token cannot pick a weaker check for itself.
    const { payload } = await jwtVerify(token, jwks, {
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      issuer: idp.issuer,
      audience: idp.audience,
      requiredClaims: ['exp', 'sub'],
    });
    if (!isSubject(payload.sub)) return null;
    return { kind: 'external', issuer: idp.issuer, subject: payload.sub, name: claim(payload, 'name'), picture: claim(payload, 'picture') };
  }

  return {
    sign: async (userId) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(TOKEN_TTL)
        .sign(await hmacKey),
    async verify(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_CHARS) return null;
      try {
        if (decodeProtectedHeader(token).alg !== 'HS256') return await external(token);
        const { payload } = await jwtVerify(token, await hmacKey, { algorithms: ['HS256'], issuer: ISSUER, requiredClaims: ['exp'] });
        return typeof payload.sub === 'string' ? { kind: 'flint', userId: payload.sub } : null;
      } catch {
        return null;
      }
    },
  };
}

/** OIDC bounds `sub` to 255 ASCII characters; control characters could never be stored as text anyway. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const isSubject = (sub: unknown): sub is string => typeof sub === 'string' && sub.length <= 255 && !/[\u0000-\u001f\u007f]/.test(sub);

const claim = (payload: JWTPayload, name: string): string | null => (typeof payload[name] === 'string' ? (payload[name] as string) : null);

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
