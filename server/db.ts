/**
 * HQ store connection and schema. One query layer (Kysely) over two engines:
 *   - SQLite (better-sqlite3) by default: one file under DATA_DIR, or ':memory:' in tests;
 *   - PostgreSQL when DATABASE_URL is set: a head office that outgrows one machine.
 *
 * Migrations are code (MIGRATIONS below), applied in order at start by Kysely's Migrator and
 * recorded in its own table; never edit an applied migration, add a new one.
 *
 * JSON payloads are stored as TEXT on both engines (not jsonb): the server compares and
 * returns them as sent, and jsonb would reorder keys.
 */
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Generated, type Migration, type MigrationProvider, type SqliteDatabase } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { randomBytes } from 'node:crypto';

export interface CompaniesTable {
  id: string;
  name: string;
  created_at: string;
  /** Set by the HQ administrator; a joining branch installs the same currency and chart template. */
  base_currency: string | null;
  template: string | null;
  country: string | null;
}

export interface BranchesTable {
  id: string;
  company_id: string;
  code: string;
  name: string;
  created_at: string;
}

export interface DevicesTable {
  id: string;
  company_id: string;
  branch_id: string;
  name: string;
  token_hash: string;
  scope: 'branch' | 'all';
  revoked: number;
  created_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
}

export interface EnrolCodesTable {
  code_hash: string;
  company_id: string;
  branch_id: string;
  scope: 'branch' | 'all';
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
  created_at: string;
}

export interface ChangesTable {
  /** Server-assigned, gap-free, in commit order (see store.ts ingest). */
  seq: number;
  company_id: string;
  tbl: string;
  record_id: string;
  op: 'put' | 'append';
  /** JSON: put -> the record as merged; append -> the ledger row. */
  data: string;
  hlc: string;
  /** Branch the row belongs to (documents, ledgers) or the writer's branch (shared/hq). */
  branch_id: string;
  device_id: string;
  change_id: string;
  /** 'all': every device of the company pulls it; 'branch': only devices of branch_id (and 'all' scope). */
  visibility: 'all' | 'branch';
  at: string;
  /**
   * 1 when a later put of the same record carries its state (compaction: pulls skip it, the
   * row stays in the log so every acknowledged change still exists exactly once).
   */
  superseded: Generated<number>;
}

export interface RecordsTable {
  company_id: string;
  tbl: string;
  record_id: string;
  data: string;
  hlc: string;
  branch_id: string;
  kind: string;
  updated_seq: number;
}

export interface BatchesTable {
  device_id: string;
  batch_id: string;
  request_hash: string;
  response: string;
  created_at: string;
}

export interface ConflictsTable {
  id: Generated<number>;
  company_id: string;
  kind: string;
  tbl: string;
  record_id: string;
  change_id: string | null;
  device_id: string | null;
  branch_id: string | null;
  detail: string;
  at: string;
}

export interface FieldHistoryTable {
  id: Generated<number>;
  company_id: string;
  tbl: string;
  record_id: string;
  field: string;
  value: string;
  hlc: string;
  won_by: string;
  change_id: string;
  at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface HqDatabase {
  companies: CompaniesTable;
  branches: BranchesTable;
  devices: DevicesTable;
  enrol_codes: EnrolCodesTable;
  changes: ChangesTable;
  records: RecordsTable;
  batches: BatchesTable;
  conflicts: ConflictsTable;
  field_history: FieldHistoryTable;
  counters: CountersTable;
}

export type HqDb = Kysely<HqDatabase>;
export type Engine = 'sqlite' | 'postgres';

// int8 (bigint) columns come back from node-postgres as strings by default; our sequence
// numbers stay far below 2^53, so parse them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  /** postgres://... ; when absent, SQLite at `sqliteFile`. */
  databaseUrl?: string;
  /** Path of the SQLite file, or ':memory:'. */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests isolate themselves in a throw-away schema). */
  pgSchema?: string;
  pgPoolSize?: number;
}

export function openDb(o: OpenOptions): { db: HqDb; engine: Engine } {
  if (o.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: o.databaseUrl,
      max: o.pgPoolSize ?? 10,
      ...(o.pgSchema ? { options: `-c search_path=${o.pgSchema}` } : {}),
    });
    return { db: new Kysely<HqDatabase>({ dialect: new PostgresDialect({ pool }) }), engine: 'postgres' };
  }
  const file = o.sqliteFile ?? ':memory:';
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  return { db: new Kysely<HqDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }), engine: 'sqlite' };
}

/** Statements kept per connection, and the longest SQL text kept (large multi-row inserts are not). */
const STATEMENT_CACHE_SIZE = 200;
const STATEMENT_CACHE_MAX_SQL = 2000;

/**
 * Kysely's SQLite driver prepares every query anew; this keeps the prepared statements of short
 * SQL texts (an LRU by text) so the same query is prepared once. A statement binds its
 * parameters afresh on each run, and SQLite re-prepares it by itself after a schema change. A
 * cached statement still being iterated (a streamed query) is never handed out twice: a fresh
 * one is prepared instead.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      if (text.length > STATEMENT_CACHE_MAX_SQL) return database.prepare(text);
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text); // most recently used last
        cache.set(text, hit);
        return hit;
      }
      const st = database.prepare(text);
      if (!hit) {
        cache.set(text, st);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      return st;
    },
  };
}

const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('companies').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull()).addColumn('created_at', 'text', (c) => c.notNull()).execute();
      await db.schema
        .createTable('branches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('branches_company_code', ['company_id', 'code'])
        .execute();
      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('last_seen_at', 'text')
        .execute();
      await db.schema
        .createTable('enrol_codes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('device_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('changes')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('tbl', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('hlc', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('change_id', 'text', (c) => c.notNull().unique())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('changes_company_seq').on('changes').columns(['company_id', 'seq']).execute();
      await db.schema.createIndex('changes_company_branch_seq').on('changes').columns(['company_id', 'branch_id', 'seq']).execute();
      await db.schema
        .createTable('records')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('tbl', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('hlc', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('updated_seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('records_pk', ['company_id', 'tbl', 'record_id'])
        .execute();
      await db.schema
        .createTable('batches')
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('batch_id', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('batches_pk', ['device_id', 'batch_id'])
        .execute();
      await db.schema
        .createTable('conflicts')
        .addColumn('id', 'integer', (c) => (isPg(db) ? c.generatedAlwaysAsIdentity().primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('tbl', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('change_id', 'text')
        .addColumn('device_id', 'text')
        .addColumn('branch_id', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('conflicts_company_kind').on('conflicts').columns(['company_id', 'kind']).execute();
      await db.schema.createIndex('conflicts_change').on('conflicts').columns(['change_id']).execute();
      await db.schema
        .createTable('field_history')
        .addColumn('id', 'integer', (c) => (isPg(db) ? c.generatedAlwaysAsIdentity().primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('tbl', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('hlc', 'text', (c) => c.notNull())
        .addColumn('won_by', 'text', (c) => c.notNull())
        .addColumn('change_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('field_history_record').on('field_history').columns(['company_id', 'tbl', 'record_id']).execute();
      await db.schema.createTable('counters').addColumn('name', 'text', (c) => c.primaryKey()).addColumn('value', 'bigint', (c) => c.notNull()).execute();
      await db.insertInto('counters').values({ name: 'seq', value: 0 }).execute();
    },
  },
  // additive: the store's identity, sent with every push and pull answer. `restore` (server/
  // backup.ts) gives the restored copy a new one, so devices notice that HQ went back in time
  // (their cursors may be past its last sequence number) and resynchronise.
  '0004_store_id': {
    async up(db: Kysely<any>) {
      await db.insertInto('counters').values({ name: 'store_id', value: newStoreIdValue() }).execute();
    },
  },
  // additive: pull-log compaction. A put's logged row is superseded by the record's next put
  // (the log holds the merged record after each put, so the latest row carries everything).
  '0003_compaction': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('changes').addColumn('superseded', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await sql`update changes set superseded = 1 where op = 'put' and not exists (select 1 from records r where r.company_id = changes.company_id and r.tbl = changes.tbl and r.record_id = changes.record_id and r.updated_seq = changes.seq)`.execute(db);
    },
  },
  // additive: the company's base currency, chart template and country, for branches that join
  '0002_company_setup': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('companies').addColumn('base_currency', 'text').execute();
      await db.schema.alterTable('companies').addColumn('template', 'text').execute();
      await db.schema.alterTable('companies').addColumn('country', 'text').execute();
    },
  },
};

/** A random positive integer below 2^48 (a `counters` value; bigint on PostgreSQL). */
export function newStoreIdValue(): number {
  const b = randomBytes(6);
  return Math.max(1, b.readUIntBE(0, 6));
}

function isPg(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres');
}

class CodeMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** Apply pending migrations; throws (and the server refuses to start) when one fails. */
export async function migrate(db: HqDb, pgSchema?: string): Promise<string[]> {
  // With a schema, Kysely must look for its own migration tables there: its table-exists check
  // otherwise sees the tables of any other schema of the same database.
  const m = new Migrator({ db, provider: new CodeMigrations(), ...(pgSchema ? { migrationTableSchema: pgSchema } : {}) });
  const { error, results } = await m.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** A liveness probe of the store (health endpoint). */
export async function pingDb(db: HqDb): Promise<void> {
  await sql`select 1`.execute(db);
}
