import crypto from 'node:crypto';
import { promisify } from 'node:util';

/**
 * Password hashing with Node's scrypt (a slow, memory-hard KDF). Stored as
 * scrypt$N$r$p$salt$hash (base64), so the cost can rise later without breaking old hashes.
 */
const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

export const SCRYPT_COST = { N: 1 << 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const maxmem = (N: number, r: number) => 256 * N * r;

export async function hashPassword(password: string, cost = SCRYPT_COST): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem: maxmem(cost.N, cost.r) });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText) return false;
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (![N, R, P].every((x) => Number.isInteger(x) && x > 0)) return false;
  const expected = Buffer.from(hashText, 'base64');
  try {
    const actual = await scrypt(password.normalize('NFC'), Buffer.from(saltText, 'base64'), expected.length, { N, r: R, p: P, maxmem: maxmem(N, R) });
    return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
  } catch {
    return false; // a damaged stored hash (e.g. N not a power of two) matches nothing
  }
}
