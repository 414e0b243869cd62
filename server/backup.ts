/**
 * Online backup of the head-office SQLite store (`cli.ts backup --out FILE`).
 *
 * SQLite's online backup API (better-sqlite3 `backup()`) copies a consistent snapshot page by
 * page through its own read connection, so the server may keep running and ingesting: WAL mode
 * lets the copy read while pushes write. The copy is then opened and checked
 * (`PRAGMA integrity_check`, the row count of every table) before it is reported; a copy that
 * fails the check is deleted, never left looking like a backup.
 *
 * Restore (`cli.ts restore --from FILE`, the server stopped): the copy is checked, the current
 * store (and its -wal / -shm files, which belong to it) is moved aside, never deleted, the copy
 * is put in place and given a NEW store id. Devices see the new id in HQ's next answer and
 * resynchronise (shared/sync/resync.ts): each sends again what it owns, since HQ may have lost
 * changes it had acknowledged after the backup, and downloads everything from the start, since
 * its cursor may be past HQ's last sequence number.
 *
 * PostgreSQL is backed up by PostgreSQL's own tools (pg_dump / base backups + WAL archiving):
 * the command says so instead of reimplementing them.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { newStoreIdValue } from './db';

export interface BackupReport {
  file: string;
  bytes: number;
  seconds: number;
  /** Rows per table in the copy. */
  tables: Record<string, number>;
}

export class BackupError extends Error {}

/** Copy the store of DATA_DIR (hq.sqlite) to `out` (refused when `out` exists). */
export async function backupSqlite(dataDir: string, out: string): Promise<BackupReport> {
  const src = join(resolve(dataDir), 'hq.sqlite');
  if (!existsSync(src)) throw new BackupError(`no head-office store at ${src} (set DATA_DIR to the server's data folder)`);
  const dest = resolve(out);
  if (existsSync(dest)) throw new BackupError(`${dest} already exists: choose a new file name (a backup never overwrites)`);
  mkdirSync(dirname(dest), { recursive: true });
  const partial = `${dest}.partial`;
  rmSync(partial, { force: true });
  const t0 = performance.now();
  const db = new BetterSqlite3(src, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial);
  } finally {
    db.close();
  }
  let tables: Record<string, number>;
  try {
    tables = verifyCopy(partial);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  renameSync(partial, dest);
  return { file: dest, bytes: statSync(dest).size, seconds: Math.round((performance.now() - t0) / 100) / 10, tables };
}

/** Integrity check and row counts of a copied store; throws when the copy is not sound. */
export function verifyCopy(file: string): Record<string, number> {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    if (check.length !== 1 || check[0].integrity_check !== 'ok') throw new BackupError(`the copy failed SQLite's integrity check: ${check.map((c) => c.integrity_check).join('; ')}`);
    const names = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((r) => r.name);
    if (!names.includes('changes')) throw new BackupError('the copy has no changes table: it is not a head-office store');
    const tables: Record<string, number> = {};
    for (const n of names) tables[n] = (db.prepare(`select count(*) as n from "${n.replace(/"/g, '""')}"`).get() as { n: number }).n;
    return tables;
  } finally {
    db.close();
  }
}

export interface RestoreReport {
  /** The store now in use. */
  file: string;
  /** Where the store that was replaced went ('' when there was none). */
  previous: string;
  storeId: string;
  tables: Record<string, number>;
}

/** The pid in DATA_DIR/hq.pid when that process is alive (the server is running on this folder). */
export function runningServerPid(dataDir: string): number | null {
  const f = join(resolve(dataDir), PID_FILE);
  if (!existsSync(f)) return null;
  const pid = Number(readFileSync(f, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export const PID_FILE = 'hq.pid';

/** Written by the server process (server/main.ts) while it runs on a SQLite data folder. */
export function writePidFile(dataDir: string): () => void {
  const f = join(resolve(dataDir), PID_FILE);
  writeFileSync(f, `${process.pid}\n`);
  return () => rmSync(f, { force: true });
}

/** Put the backup `from` in place as DATA_DIR/hq.sqlite (the server must be stopped). */
export function restoreSqlite(dataDir: string, from: string, now = new Date()): RestoreReport {
  const src = resolve(from);
  if (!existsSync(src)) throw new BackupError(`${src} does not exist`);
  const pid = runningServerPid(dataDir);
  if (pid) throw new BackupError(`the server (process ${pid}) is running on ${resolve(dataDir)}: stop it first, then restore`);
  const tables = verifyCopy(src);
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, 'hq.sqlite');
  let previous = '';
  if (existsSync(target)) {
    previous = join(dir, `hq.sqlite.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`);
    renameSync(target, previous);
    for (const ext of ['-wal', '-shm']) if (existsSync(target + ext)) renameSync(target + ext, previous + ext);
  }
  const partial = `${target}.partial`;
  copyFileSync(src, partial);
  const storeId = newStoreIdValue();
  const db = new BetterSqlite3(partial);
  try {
    const r = db.prepare("update counters set value = ? where name = 'store_id'").run(storeId);
    if (r.changes === 0) db.prepare("insert into counters (name, value) values ('store_id', ?)").run(storeId);
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  renameSync(partial, target);
  return { file: target, previous, storeId: String(storeId), tables };
}

export const PG_BACKUP_HINT =
  'DATABASE_URL is set: back up PostgreSQL with its own tools, e.g. `pg_dump --format=custom --file hq.dump "$DATABASE_URL"` (restore with pg_restore), or base backups with WAL archiving for point-in-time recovery.';
