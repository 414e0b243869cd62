/**
 * Users, roles and rights.
 *
 * Passwords: PBKDF2-HMAC-SHA256 through WebCrypto (available in browsers, Electron and Node),
 * a random 16-byte salt per user, the iteration count stored with the hash so it can be raised
 * later without breaking old hashes; comparison in constant time.
 *
 * Rights: a role grants rights per rights module (`moduleRights`, e.g. everything in 'books')
 * and per document type (`docRights`, which override the module grant for that type when
 * present). A declaration may also grant read to whoever may create certain other types
 * (`readableBy`: exchange rates to invoice clerks). Built-in roles are stored like any other but
 * are refreshed from BUILTIN_ROLES so document types added by later modules are covered. `can()` is the single check every service
 * calls; the UI asks the same function to hide what is not allowed.
 */
import { type Right, RIGHTS } from './doctype';
import { findDocType } from './registry';

export const DEFAULT_PBKDF2_ITERATIONS = 310_000;

export interface PasswordHash {
  algo: 'pbkdf2-sha256';
  iterations: number;
  salt: string; // base64
  hash: string; // base64
}

function b64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function unb64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFKC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = DEFAULT_PBKDF2_ITERATIONS): Promise<PasswordHash> {
  const salt = new Uint8Array(16);
  globalThis.crypto.getRandomValues(salt);
  const hash = await derive(password, salt, iterations);
  return { algo: 'pbkdf2-sha256', iterations, salt: b64(salt), hash: b64(hash) };
}

export async function verifyPassword(password: string, h: PasswordHash): Promise<boolean> {
  const got = await derive(password, unb64(h.salt), h.iterations);
  const want = unb64(h.hash);
  if (got.length !== want.length) return false;
  let diff = 0;
  for (let i = 0; i < got.length; i++) diff |= got[i] ^ want[i];
  return diff === 0;
}

export const MIN_PASSWORD_LENGTH = 8;

export interface Role {
  id: string;
  name: string;
  /** Built-in role key ('administrator', 'sales', ...), absent for custom roles. */
  builtin?: string;
  /** Administrator: every right everywhere. */
  all?: boolean;
  moduleRights: Record<string, Right[]>;
  docRights: Record<string, Right[]>;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  branchId: string;
}

const ALL: Right[] = [...RIGHTS].filter((r) => r !== 'admin');
const WORK: Right[] = ['read', 'create', 'edit', 'submit', 'cancel', 'export'];
const READ: Right[] = ['read'];

/**
 * Built-in roles by rights module. Modules: masters (customers, suppliers, items), books,
 * stock, purchasing, selling, crm, people, system (users, roles, audit, backup, settings).
 */
export const BUILTIN_ROLES: Omit<Role, 'id'>[] = [
  { name: 'Administrator', builtin: 'administrator', all: true, moduleRights: {}, docRights: {} },
  { name: 'Accountant', builtin: 'accountant', moduleRights: { books: WORK, masters: WORK, selling: READ, purchasing: READ, stock: READ, system: ['read'] }, docRights: {} },
  { name: 'Sales', builtin: 'sales', moduleRights: { crm: WORK, selling: ['read', 'create', 'edit', 'submit', 'export'], masters: ['read', 'create', 'edit'], stock: READ }, docRights: { Supplier: [] } },
  { name: 'Purchasing', builtin: 'purchasing', moduleRights: { purchasing: WORK, masters: ['read', 'create', 'edit'], stock: READ }, docRights: { Customer: READ } },
  // warehouse staff receive and ship the goods: receipts and delivery notes, not orders
  { name: 'Warehouse', builtin: 'warehouse', moduleRights: { stock: WORK, masters: READ, purchasing: READ, selling: READ }, docRights: { PurchaseReceipt: WORK, DeliveryNote: WORK } },
  { name: 'HR', builtin: 'hr', moduleRights: { people: [...ALL, 'admin'], 'hr-private': [...ALL, 'admin'], masters: READ }, docRights: {} },
  { name: 'Read-only', builtin: 'readonly', moduleRights: { books: READ, stock: READ, purchasing: READ, selling: READ, crm: READ, masters: READ, people: READ }, docRights: {} },
];

/**
 * May these roles do `right` on `docType`? `docType` is a registered document type name or a
 * pseudo type of the system module ('User', 'Role', 'AuditLog', 'Backup', 'Settings').
 */
export function can(roles: readonly Role[], docType: string, right: Right): boolean {
  const def = findDocType(docType);
  const module = def?.module ?? SYSTEM_TYPES[docType] ?? 'system';
  // read granted through the declaration (`readableBy`): whoever may create one of those types
  const readers = right === 'read' ? (def?.readableBy ?? []).filter((t) => t !== docType) : [];
  for (const r of roles) {
    if (r.all) return true;
    const own = r.docRights[docType];
    if (own) {
      if (own.includes(right)) return true;
      continue;
    }
    if (r.moduleRights[module]?.includes(right)) return true;
    if (readers.some((t) => can([r], t, 'create'))) return true;
  }
  return false;
}

/** Pseudo document types of the system module (rights keys without a table of their own). */
export const SYSTEM_TYPES: Record<string, string> = {
  User: 'system', Role: 'system', AuditLog: 'system', Backup: 'system', Settings: 'system',
};
