/**
 * The server's VAPID identity (RFC 8292): the key pair push services use to know that messages to a
 * subscription come from the server the browser subscribed with. From the environment
 * (FLINT_VAPID_PUBLIC_KEY + FLINT_VAPID_PRIVATE_KEY), else generated on first start into the data
 * dir and kept there, like the token secret: a new key would silently orphan every subscription.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import webpush from 'web-push';

export interface Vapid {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** base64url of an uncompressed P-256 point (65 bytes) and of a P-256 private scalar (32 bytes). */
function checkKeys(keys: { publicKey: string; privateKey: string }, where: string): void {
  const bytes = (s: string) => (/^[A-Za-z0-9_-]+$/.test(s) ? Buffer.from(s, 'base64url').length : -1);
  if (bytes(keys.publicKey) !== 65 || bytes(keys.privateKey) !== 32) {
    throw new Error(
      `${where}: a VAPID key pair is a 65-byte public and a 32-byte private P-256 key, base64url (web-push generate-vapid-keys)`,
    );
  }
}

export function resolveVapid(configured: { publicKey?: string; privateKey?: string; subject: string }, dataDir: string): Vapid {
  if (configured.publicKey && configured.privateKey) {
    const keys = { publicKey: configured.publicKey, privateKey: configured.privateKey };
    checkKeys(keys, 'FLINT_VAPID_PUBLIC_KEY / FLINT_VAPID_PRIVATE_KEY');
    return { ...keys, subject: configured.subject };
  }
  const file = `${dataDir}/vapid.json`;
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, JSON.stringify(webpush.generateVAPIDKeys()), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process starting at the same moment wrote it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const keys = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
  checkKeys(keys, file);
  return { publicKey: keys.publicKey, privateKey: keys.privateKey, subject: configured.subject };
}
