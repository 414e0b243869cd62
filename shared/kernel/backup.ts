/**
 * Backup and restore of a whole company in one file.
 *
 * File format (version 1), bytes:
 *   "BRANCHLINE-BACKUP\n" + header JSON + "\n" + gzip(payload JSON)
 * header: { format: 1, app, schemaVersion, createdAt, company: {...}, sha256: hex of the
 *           gzipped payload, size }
 * payload: { tables: { [table]: rows[] } }
 *
 * Restore checks the magic, the format version, the checksum, and that every table is known,
 * BEFORE touching anything; it then writes a brand-new company database and only at the end
 * points the registry at it (replacing: the old database is deleted after the switch). A
 * corrupt or foreign file therefore changes nothing.
 */
import { CompanyDb, companyDbName, type CompanyInfo } from './db';
import { DomainError } from './errors';
import { newId } from './ids';
import { SCHEMA_VERSION, companyStores } from './schema';
import type { Env } from './company.service';
import type { Session, CompanySettings } from './session';
import { TxContext } from './tx';

export const BACKUP_MAGIC = 'BRANCHLINE-BACKUP\n';
export const BACKUP_FORMAT = 1;
export const BACKUP_EXTENSION = '.blbak';

export interface BackupHeader {
  format: number;
  app: string;
  schemaVersion: number;
  createdAt: string;
  company: Pick<CompanyInfo, 'id' | 'name' | 'baseCurrency' | 'country' | 'template' | 'language' | 'branchCode' | 'branchName'>;
  sha256: string;
  size: number;
}

async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const cs = new CompressionStream('gzip');
  const out = new Response(new Blob([data as BlobPart]).stream().pipeThrough(cs));
  return new Uint8Array(await out.arrayBuffer());
}

async function gunzip(data: Uint8Array): Promise<Uint8Array> {
  const ds = new DecompressionStream('gzip');
  const out = new Response(new Blob([data as BlobPart]).stream().pipeThrough(ds));
  return new Uint8Array(await out.arrayBuffer());
}

async function sha256Hex(data: Uint8Array): Promise<string> {
  const h = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data as BufferSource));
  return Array.from(h, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Tables that are per-device (never part of a backup). */
const LOCAL_ONLY = new Set<string>();

/** Make a backup file of the session's company. Needs the 'export' right on Backup. */
export async function createBackup(s: Session, appVersion = '0.1.0'): Promise<{ bytes: Uint8Array; fileName: string }> {
  s.require('Backup', 'export');
  const db = s.db;
  const tables: Record<string, unknown[]> = {};
  // one read transaction: a consistent snapshot even while others write
  await db.transaction('r', db.tables.map((t) => t.name), async () => {
    for (const t of db.tables) if (!LOCAL_ONLY.has(t.name)) tables[t.name] = await t.toArray();
  });
  const payload = await gzip(new TextEncoder().encode(JSON.stringify({ tables })));
  const c = s.company;
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    app: appVersion,
    schemaVersion: SCHEMA_VERSION,
    createdAt: s.now().toISOString(),
    company: { id: c.id, name: s.settings.name, baseCurrency: c.baseCurrency, country: c.country, template: c.template, language: s.settings.language, branchCode: c.branchCode, branchName: c.branchName },
    sha256: await sha256Hex(payload),
    size: payload.length,
  };
  const head = new TextEncoder().encode(BACKUP_MAGIC + JSON.stringify(header) + '\n');
  const bytes = new Uint8Array(head.length + payload.length);
  bytes.set(head, 0);
  bytes.set(payload, head.length);
  const stamp = header.createdAt.slice(0, 19).replace(/[:T]/g, '-');
  const safe = s.settings.name.replace(/[\\/:*?"<>|]+/g, '_').slice(0, 60);
  return { bytes, fileName: `${safe}-${stamp}${BACKUP_EXTENSION}` };
}

/** Parse and verify a backup file without writing anything. */
export async function readBackup(bytes: Uint8Array): Promise<{ header: BackupHeader; tables: Record<string, Record<string, unknown>[]> }> {
  const magic = new TextEncoder().encode(BACKUP_MAGIC);
  if (bytes.length < magic.length || magic.some((b, i) => bytes[i] !== b)) throw new DomainError('error.backup_not_backup');
  let nl = -1;
  for (let i = magic.length; i < Math.min(bytes.length, magic.length + 65536); i++) if (bytes[i] === 10) { nl = i; break; }
  if (nl < 0) throw new DomainError('error.backup_not_backup');
  let header: BackupHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(magic.length, nl)));
  } catch {
    throw new DomainError('error.backup_not_backup');
  }
  if (typeof header?.format !== 'number' || typeof header.sha256 !== 'string' || !header.company?.name) throw new DomainError('error.backup_not_backup');
  if (header.format > BACKUP_FORMAT || header.schemaVersion > SCHEMA_VERSION) throw new DomainError('error.backup_version', { version: header.format });
  const payload = bytes.subarray(nl + 1);
  if (payload.length !== header.size || (await sha256Hex(payload)) !== header.sha256) throw new DomainError('error.backup_corrupt');
  let parsed: { tables?: Record<string, Record<string, unknown>[]> };
  try {
    parsed = JSON.parse(new TextDecoder().decode(await gunzip(payload)));
  } catch {
    throw new DomainError('error.backup_corrupt');
  }
  if (!parsed?.tables || typeof parsed.tables !== 'object') throw new DomainError('error.backup_corrupt');
  const known = companyStores();
  for (const [name, rows] of Object.entries(parsed.tables)) {
    if (!(name in known)) throw new DomainError('error.backup_unknown_table', { table: name });
    if (!Array.isArray(rows)) throw new DomainError('error.backup_corrupt');
  }
  if (!parsed.tables.meta?.some((r) => r.key === 'company')) throw new DomainError('error.backup_corrupt');
  return { header, tables: parsed.tables };
}

/**
 * Restore a backup as a new company, or replacing an existing one (`replaceCompanyId`).
 * Returns the registry entry of the restored company. Users log in with the backup's users.
 */
export async function restoreBackup(env: Env, bytes: Uint8Array, opts: { replaceCompanyId?: string; session?: Session } = {}): Promise<CompanyInfo> {
  const { header, tables } = await readBackup(bytes);
  if (opts.replaceCompanyId && !opts.session?.can('Backup', 'admin')) throw new DomainError('error.forbidden', { docType: 'Backup', right: 'admin' });
  const settings = tables.meta.find((r) => r.key === 'company')!.value as CompanySettings;
  const old = opts.replaceCompanyId ? await env.registry.companies.get(opts.replaceCompanyId) : undefined;
  const id = old?.id ?? newId();
  const dbName = `${companyDbName(id)}-${newId().slice(-8)}`;
  const db = new CompanyDb(dbName);
  try {
    await db.transaction('rw', db.tables.map((t) => t.name), async () => {
      for (const [name, rows] of Object.entries(tables)) if (rows.length) await db.table(name).bulkAdd(rows);
    });
  } catch (e) {
    db.close();
    await db.delete();
    throw e instanceof DomainError ? e : new DomainError('error.backup_corrupt');
  }
  const info: CompanyInfo = {
    id,
    name: settings.name,
    dbName,
    baseCurrency: settings.baseCurrency,
    country: settings.country,
    template: settings.template,
    language: settings.language,
    branchCode: settings.branchCode,
    branchName: settings.branchName,
    createdAt: old?.createdAt ?? header.createdAt,
    demo: false,
  };
  await env.registry.companies.put(info);
  if (opts.session) {
    // note the restore in the restored company's own audit trail
    const s = opts.session;
    await db.transaction('rw', ['audit', 'outbox'], (tx) => new TxContext(db, s, tx).audit('Backup', id, info.name, 'restore', [], `${header.createdAt}`));
  }
  db.close();
  if (old) {
    opts.session?.db.close();
    await new CompanyDb(old.dbName).delete();
  }
  return info;
}
