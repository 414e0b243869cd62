/**
 * Credentials: device tokens and enrolment codes are random, shown once, and stored only as
 * SHA-256 hashes (they are high-entropy, so a slow hash adds nothing). Admin tokens are
 * compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** 256-bit bearer token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

// Crockford base32 without I, L, O, U: easy to read aloud and type.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** One-time enrolment code, 60 bits, shown as XXXX-XXXX-XXXX. */
export function newEnrolCode(): string {
  const b = randomBytes(12);
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[b[i] & 31];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Codes are compared without dashes/spaces and case-insensitively. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return timingSafeEqual(x, y) && a.length === b.length;
}
