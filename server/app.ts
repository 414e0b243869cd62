/**
 * Assembles the HQ server: open the store (SQLite under dataDir, or PostgreSQL), migrate,
 * build the handler. Used by main.ts (the process), cli.ts and the tests.
 */
import '../shared/modules';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrate, openDb, type OpenOptions } from './db';
import { HqStore } from './store';
import { createHandler, type Handler } from './http';
import { silentLogger, type Logger } from './log';

export interface HqConfig {
  /** PostgreSQL connection string; when absent, SQLite in dataDir. */
  databaseUrl?: string;
  /** Directory of the SQLite file (created when missing); ':memory:' for an in-memory store. */
  dataDir?: string;
  pgSchema?: string;
  adminToken?: string;
  log?: Logger;
  now?: () => Date;
}

export interface Hq {
  store: HqStore;
  handler: Handler;
  /** Where the data lives (printed at start). */
  location: string;
  close(): Promise<void>;
}

export async function openHq(cfg: HqConfig): Promise<Hq> {
  const log = cfg.log ?? silentLogger;
  let o: OpenOptions;
  let location: string;
  if (cfg.databaseUrl) {
    o = { databaseUrl: cfg.databaseUrl, pgSchema: cfg.pgSchema };
    location = `postgresql ${redactUrl(cfg.databaseUrl)}${cfg.pgSchema ? ` schema ${cfg.pgSchema}` : ''}`;
  } else if (!cfg.dataDir || cfg.dataDir === ':memory:') {
    o = { sqliteFile: ':memory:' };
    location = 'sqlite :memory:';
  } else {
    const dir = resolve(cfg.dataDir);
    mkdirSync(dir, { recursive: true });
    o = { sqliteFile: join(dir, 'hq.sqlite') };
    location = `sqlite ${o.sqliteFile}`;
  }
  const { db, engine } = openDb(o);
  try {
    const applied = await migrate(db, cfg.databaseUrl ? cfg.pgSchema : undefined);
    if (applied.length) log.log('info', 'migrations applied', { applied });
  } catch (e) {
    await db.destroy();
    throw e;
  }
  const store = new HqStore(db, engine, { log, now: cfg.now });
  return { store, handler: createHandler(store, { adminToken: cfg.adminToken }), location, close: () => db.destroy() };
}

function redactUrl(u: string): string {
  try {
    const url = new URL(u);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}
