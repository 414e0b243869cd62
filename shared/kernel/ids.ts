/**
 * Globally unique, time-ordered identifiers (UUIDv7, RFC 9562).
 *
 * Why v7: ids are made offline on many devices of many branches and must never collide; the
 * 48-bit millisecond prefix makes them sort by creation time, which keeps IndexedDB B-trees
 * append-friendly and gives "newest first" lists for free. Within one millisecond we bump a
 * monotonic counter held in the random bits so ids made by this process stay strictly increasing.
 */

let lastMs = -1;
let seq = 0;

function randomBytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  globalThis.crypto.getRandomValues(b);
  return b;
}

const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A new UUIDv7 string, strictly greater than the previous one made by this process. */
export function newId(now: number = Date.now()): string {
  let ms = now;
  if (ms <= lastMs) {
    ms = lastMs;
    seq++;
    if (seq > 0xfff) {
      // 4096 ids in one millisecond: borrow the next millisecond rather than repeat.
      ms = lastMs + 1;
      seq = 0;
    }
  } else {
    seq = randomBytes(2)[0] & 0x3ff; // random start, leaves room to count up
  }
  lastMs = ms;
  const b = randomBytes(16);
  // 48-bit big-endian timestamp
  const hi = Math.floor(ms / 0x100000000);
  const lo = ms >>> 0;
  b[0] = (hi >>> 8) & 0xff;
  b[1] = hi & 0xff;
  b[2] = (lo >>> 24) & 0xff;
  b[3] = (lo >>> 16) & 0xff;
  b[4] = (lo >>> 8) & 0xff;
  b[5] = lo & 0xff;
  // version 7 + 12-bit sequence (rand_a used as a monotonic counter)
  b[6] = 0x70 | ((seq >>> 8) & 0x0f);
  b[7] = seq & 0xff;
  // variant 10xx
  b[8] = (b[8] & 0x3f) | 0x80;
  return formatUuid(b);
}

function formatUuid(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += hex[b[i]];
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isId(v: unknown): v is string {
  return typeof v === 'string' && UUID_RE.test(v);
}

/** Milliseconds since the epoch encoded in a UUIDv7. */
export function idTime(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * A deterministic id for a record a company template installs (an account of the chart, a tax
 * template, a leave type...): the same template installed at head office and at a branch gives
 * the SAME ids, so a branch's invoices post to accounts head office knows, and a branch that
 * joins never holds a second copy of head office's chart. UUID-shaped (version 8, "custom"),
 * from two 64-bit FNV-1a hashes of the parts; never equal to a UUIDv7 made by newId.
 */
export function seedId(...parts: string[]): string {
  const text = parts.join('\u001f');
  const h1 = fnv1a64(text, 0xcbf29ce484222325n);
  const h2 = fnv1a64(text, 0x84222325cbf29ce4n);
  const b = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    b[i] = Number((h1 >> BigInt(56 - i * 8)) & 0xffn);
    b[8 + i] = Number((h2 >> BigInt(56 - i * 8)) & 0xffn);
  }
  b[6] = 0x80 | (b[6] & 0x0f);
  b[8] = (b[8] & 0x3f) | 0x80;
  return formatUuid(b);
}

function fnv1a64(text: string, basis: bigint): bigint {
  let h = basis;
  const bytes = new TextEncoder().encode(text);
  for (const byte of bytes) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h;
}

/** Whether an id was made by seedId (a template record) rather than newId. */
export function isSeedId(id: string): boolean {
  return UUID_RE.test(id) && id[14] === '8';
}
