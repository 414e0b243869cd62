/**
 * Client sync engine: enrol this installation's branch with HQ, then `syncOnce` = push the
 * outbox in idempotent batches, pull pages after the saved cursor and apply them.
 *
 * Runs in the browser/Electron renderer and in Node tests; the network is an injected
 * SyncTransport (HTTP in the app, in-process with fault injection in the simulation).
 *
 * Push invariants:
 *  - a batch is remembered (meta 'sync.pendingBatch') BEFORE it is sent; after a lost answer
 *    or a crash the SAME batchId with the same changes is sent again, so HQ answers it from
 *    its stored response instead of applying anything twice;
 *  - outbox rows are deleted only after HQ answered ok / duplicate / conflict for them, in one
 *    transaction with the inbox entries and the clearing of the pending batch;
 *  - a change HQ rejects stays in the outbox marked `rejectedCode` (skipped by later pushes)
 *    with an inbox entry: it is never silently dropped and never blocks the queue.
 *
 * Sync state lives in the company's `meta` table: 'sync.config' (server URL, device token,
 * server device id, company/branch, scope), 'sync.cursor' (saved with each applied page),
 * 'sync.status' (state, last sync time, last error), 'sync.pendingBatch'.
 */
import type { CompanySettings, Session } from '../kernel/session';
import { DomainError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { encodeHlc } from '../kernel/hlc';
import { TxContext, type OutboxChange } from '../kernel/tx';
import {
  LIMITS, PROTOCOL_VERSION, SYNC_ERRORS, SyncProtocolError, validateBranchesResponse, validateEnrolCheckResponse, validateEnrolResponse, validatePullResponse, validatePushResponse,
  type BranchesResponse, type DeviceScope, type EnrolCheckResponse, type EnrolRequest, type EnrolResponse, type PullResponse, type PushRequest, type PushResponse, type WireChange,
} from './protocol';
import { applyPage, META_CURSOR, type ApplyFaults } from './apply';
import { CONFLICTS_TABLE, addConflict, conflictResolvers, type ResolutionDocument, type SyncConflict } from './tables';
import { tablePolicy } from './policy';
import { META_RESYNC, noteStoreId, resyncAfterRestore } from './resync';

export const META_CONFIG = 'sync.config';
export const META_STATUS = 'sync.status';
export const META_PENDING = 'sync.pendingBatch';
export const META_SEEDS_DROPPED = 'sync.seedsDropped';

/** The network, as the engine sees it. Implementations throw SyncProtocolError for refusals. */
export interface SyncTransport {
  enrol(req: EnrolRequest): Promise<EnrolResponse>;
  /** What a code enrols into, without using it (servers of this protocol version have it). */
  checkCode?(req: { code: string }): Promise<EnrolCheckResponse>;
  push(token: string, req: PushRequest): Promise<PushResponse>;
  /** The company's branches (servers of this protocol version have it). */
  branches?(token: string): Promise<BranchesResponse>;
  /** `count`: ask how many changes remain after the page (first page of a round, for progress). */
  pull(token: string, after: string, limit: number, count?: boolean): Promise<PullResponse>;
}

export interface SyncConfig {
  serverUrl: string;
  token: string;
  /** HQ's id for this device (not the installation's local device id). */
  deviceId: string;
  companyId: string;
  branchId: string;
  branchCode: string;
  scope: DeviceScope;
  enrolledAt: string;
  /** Document-number prefix HQ's device number gives this installation (second device of a branch). */
  seriesCode?: string;
}

export interface SyncStatus {
  state: 'never' | 'syncing' | 'ok' | 'error';
  lastSyncAt?: string;
  lastAttemptAt?: string;
  lastError?: { code: string; message: string };
  pending?: number;
}

interface PendingBatch {
  batchId: string;
  seqs: number[];
}

type OutboxRow = OutboxChange & { seq: number; rejectedCode?: string };

async function meta<T>(s: Session, key: string): Promise<T | undefined> {
  return (await s.db.meta.get(key))?.value as T | undefined;
}

export async function getSyncConfig(s: Session): Promise<SyncConfig | undefined> {
  return meta<SyncConfig>(s, META_CONFIG);
}

export async function getSyncStatus(s: Session): Promise<SyncStatus> {
  const st = (await meta<SyncStatus>(s, META_STATUS)) ?? { state: 'never' };
  return { ...st, pending: await s.db.outbox.count() };
}

/**
 * Enrol this installation with a one-time code. HQ registers the branch with this
 * installation's branch id (`create-branch --id`), so HQ's answer must name the same branch:
 * a code for another branch is refused here before anything is stored.
 */
export async function enrolDevice(s: Session, transport: SyncTransport, input: { serverUrl: string; code: string; deviceName: string }): Promise<SyncConfig> {
  s.require('Settings', 'admin');
  // look before using the code: a code for another branch or company costs nothing
  if (transport.checkCode) checkEnrolTarget(s, validateEnrolCheckResponse(await transport.checkCode({ code: input.code })));
  const res = validateEnrolResponse(await transport.enrol({ code: input.code, deviceName: input.deviceName }));
  checkEnrolTarget(s, res);
  const series = seriesCode(res.branchCode, res.deviceNo);
  const cfg: SyncConfig = { serverUrl: input.serverUrl, token: res.token, deviceId: res.deviceId, companyId: res.companyId, branchId: res.branchId, branchCode: res.branchCode, scope: res.scope, enrolledAt: s.now().toISOString(), ...(series ? { seriesCode: series } : {}) };
  await saveEnrolment(s, cfg, input.serverUrl);
  return cfg;
}

/** 'SH' for a branch's first device (undefined: the branch code), 'SH2', 'SH3'... for the next ones. */
export function seriesCode(branchCode: string, deviceNo: number | undefined): string | undefined {
  return deviceNo && deviceNo > 1 ? `${branchCode}${deviceNo}` : undefined;
}

/** The code must name this installation's branch, and HQ's company setup must be this one's. */
function checkEnrolTarget(s: Session, res: Pick<EnrolResponse, 'branchId' | 'branchCode' | 'companyName' | 'baseCurrency' | 'template'>): void {
  if (res.branchId !== s.branchId) throw new DomainError('sync.branch_mismatch', { expected: s.branchId, got: res.branchId, branchCode: res.branchCode });
  for (const field of ['baseCurrency', 'template'] as const) {
    const hq = res[field];
    if (hq && hq !== s.settings[field]) throw new DomainError('sync.company_mismatch', { company: res.companyName ?? '', field, hq, local: s.settings[field] });
  }
}

/**
 * Store the credential; a branch-scope installation marks head-office data read-only
 * (settings.hqManaged, enforced in TxContext.putDoc). One transaction with its audit row.
 */
export async function saveEnrolment(s: Session, cfg: SyncConfig, serverUrl: string): Promise<void> {
  await s.db.transaction('rw', ['meta', 'audit', 'outbox'], async (tx) => {
    const ctx = new TxContext(s.db, s, tx);
    await ctx.t('meta').put({ key: META_CONFIG, value: cfg });
    const row = await ctx.t<{ key: string; value: CompanySettings }>('meta').get('company');
    const before = row?.value ?? s.settings;
    const after: CompanySettings = { ...before, hqManaged: cfg.scope === 'branch', ...(cfg.seriesCode ? { seriesCode: cfg.seriesCode } : {}) };
    await ctx.t('meta').put({ key: 'company', value: after });
    s.settings = after;
    await ctx.audit('Settings', s.company.id, 'sync', 'settings', [{ field: 'sync.server', before: null, after: serverUrl }, { field: 'deviceScope', before: null, after: cfg.scope }]);
  });
}

export interface SyncOptions {
  batchSize?: number;
  pageSize?: number;
  /** Stop after this many pages (tests; default: until hasMore is false). */
  maxPages?: number;
  faults?: ApplyFaults;
  /** Called after each pushed batch and each applied page (a progress bar; total may grow). */
  onProgress?: (p: SyncProgress) => void;
}

export interface SyncProgress {
  phase: 'push' | 'pull';
  done: number;
  total: number;
}

export interface SyncReport {
  pushed: number;
  ok: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  pulled: number;
  applied: number;
  cursor: string;
}

/** One full round: push everything pending, then pull until caught up. */
export async function syncOnce(s: Session, transport: SyncTransport, opts: SyncOptions = {}): Promise<SyncReport> {
  const cfg = await getSyncConfig(s);
  if (!cfg) throw new DomainError('sync.not_enrolled');
  const report: SyncReport = { pushed: 0, ok: 0, duplicate: 0, conflict: 0, rejected: 0, pulled: 0, applied: 0, cursor: '0' };
  const prev = (await meta<SyncStatus>(s, META_STATUS)) ?? { state: 'never' };
  await s.db.meta.put({ key: META_STATUS, value: { ...prev, state: 'syncing', lastAttemptAt: s.now().toISOString() } });
  try {
    // a resync that an interruption left half-done (HQ was restored) finishes first
    if (await s.db.meta.get(META_RESYNC)) await resyncAfterRestore(s, cfg);
    await pushAll(s, transport, cfg, opts, report);
    if (await pullAll(s, transport, cfg, opts, report)) {
      // HQ turned out to be restored while pulling: what was queued again goes now
      await pushAll(s, transport, cfg, opts, report);
    }
    await refreshBranches(s, transport, cfg);
    await s.db.meta.put({ key: META_STATUS, value: { state: 'ok', lastSyncAt: s.now().toISOString(), lastAttemptAt: s.now().toISOString() } satisfies SyncStatus });
    return report;
  } catch (e) {
    const err = e instanceof SyncProtocolError || e instanceof DomainError ? { code: e.code, message: e.message } : { code: 'sync.network', message: e instanceof Error ? e.message : String(e) };
    await s.db.meta.put({ key: META_STATUS, value: { ...prev, state: 'error', lastAttemptAt: s.now().toISOString(), lastError: err } satisfies SyncStatus });
    throw e;
  }
}

function toWire(r: OutboxRow): WireChange {
  return { changeId: r.changeId, table: r.table, recordId: r.recordId, op: r.op, hlc: r.hlc, at: r.at, branchId: r.branchId, deviceId: r.deviceId, data: r.data };
}

/**
 * A branch never pushes the template records it installed itself in head-office tables (chart
 * of accounts...): HQ installed the same template with the same ids (seedId), and HQ's version
 * is the one that replicates. Done once per installation (meta flag), before the first push.
 */
async function dropSeededHqRows(s: Session, cfg: SyncConfig): Promise<void> {
  if (cfg.scope !== 'branch' || (await meta<boolean>(s, META_SEEDS_DROPPED)) || (await meta(s, META_PENDING))) return;
  await s.db.transaction('rw', ['outbox', 'meta'], async (tx) => {
    const keys = await tx.table('outbox').filter((r: OutboxRow) => !!r.seed && tablePolicy(r.table)?.kind === 'hq').primaryKeys();
    await tx.table('outbox').bulkDelete(keys);
    await tx.table('meta').put({ key: META_SEEDS_DROPPED, value: true });
  });
}

async function pushAll(s: Session, transport: SyncTransport, cfg: SyncConfig, opts: SyncOptions, report: SyncReport): Promise<void> {
  await dropSeededHqRows(s, cfg);
  const size = Math.min(opts.batchSize ?? 200, LIMITS.maxChangesPerBatch);
  const total = opts.onProgress ? await s.db.outbox.filter((r) => !(r as { rejectedCode?: string }).rejectedCode).count() : 0;
  for (;;) {
    let pending = await meta<PendingBatch>(s, META_PENDING);
    let rows: OutboxRow[];
    if (pending) {
      const got = (await s.db.outbox.bulkGet(pending.seqs)) as unknown as (OutboxRow | undefined)[];
      rows = got.filter((r): r is OutboxRow => !!r);
    } else {
      rows = (await s.db.outbox.orderBy('seq').filter((r) => !r.rejectedCode).limit(size).toArray()) as unknown as OutboxRow[];
      if (rows.length === 0) return;
      pending = { batchId: newId(), seqs: rows.map((r) => r.seq) };
      // remembered before sending: a retry after a lost answer replays the same batch
      await s.db.meta.put({ key: META_PENDING, value: pending });
    }
    if (rows.length === 0) {
      await s.db.meta.delete(META_PENDING);
      continue;
    }
    let raw: PushResponse;
    try {
      raw = await transport.push(cfg.token, { batchId: pending.batchId, clientVersion: PROTOCOL_VERSION, changes: rows.map(toWire) });
    } catch (e) {
      // the remembered batch no longer matches what HQ stored (rows discarded meanwhile):
      // forget it; its changes are pushed again in a new batch and HQ answers 'duplicate'
      if (e instanceof SyncProtocolError && e.code === SYNC_ERRORS.batchMismatch) {
        await s.db.meta.delete(META_PENDING);
        continue;
      }
      throw e;
    }
    const res = validatePushResponse(raw);
    if (res.batchId !== pending.batchId) throw new SyncProtocolError(502, 'sync.bad_response', 'answer for another batch');
    report.pushed += rows.length;
    opts.onProgress?.({ phase: 'push', done: report.pushed, total: Math.max(total, report.pushed) });
    const bySeq = new Map(rows.map((r) => [r.changeId, r]));
    const now = s.now().toISOString();
    await s.db.transaction('rw', ['outbox', 'meta', CONFLICTS_TABLE], async (tx) => {
      const t = (n: string) => tx.table(n);
      const done: number[] = [];
      const refused: OutboxRow[] = [];
      for (const r of res.results) {
        const row = bySeq.get(r.changeId);
        if (!row) continue;
        report[r.status]++;
        if (r.status === 'rejected') {
          refused.push({ ...row, rejectedCode: r.code ?? 'sync.rejected' });
          await addConflict(t, { kind: 'rejected', table: row.table, recordId: row.recordId, changeId: row.changeId, detail: { code: r.code, op: row.op }, suggestion: 'sync.suggest.review_rejected', at: now });
          continue;
        }
        if (r.status === 'conflict') await addConflict(t, { kind: 'append_conflict', table: row.table, recordId: row.recordId, changeId: row.changeId, detail: { code: r.code, local: row.data, source: 'hq' }, suggestion: 'sync.suggest.review_ledger_row', at: now });
        done.push(row.seq);
      }
      // one write each for the batch: acknowledged rows leave the outbox, refused ones are marked
      if (refused.length) await t('outbox').bulkPut(refused);
      await t('outbox').bulkDelete(done);
      await t('meta').delete(META_PENDING);
    });
    observeServerTime(s, res.serverTime);
    // HQ was restored from a backup: queue again what this device owns (pushed by this loop)
    if (await noteStoreId(s, res.storeId)) await resyncAfterRestore(s, cfg);
  }
}

/** Pull until caught up; true when HQ turned out to have been restored (see ./resync.ts). */
async function pullAll(s: Session, transport: SyncTransport, cfg: SyncConfig, opts: SyncOptions, report: SyncReport): Promise<boolean> {
  const pageSize = Math.min(opts.pageSize ?? LIMITS.defaultPullLimit, LIMITS.maxPullLimit);
  let pages = 0;
  let total = 0;
  let restored = false;
  const cursor = (await meta<string>(s, META_CURSOR)) ?? '0';
  let next: Promise<PullResponse> | null = transport.pull(cfg.token, cursor, pageSize, true);
  while (next) {
    const page = validatePullResponse(await next);
    if (!restored && (await noteStoreId(s, page.storeId))) {
      // this page answers a cursor that may be past HQ's restored log: drop it, queue again
      // what this device owns, and download everything from the start
      restored = true;
      await resyncAfterRestore(s, cfg);
      pages = 0;
      next = transport.pull(cfg.token, '0', pageSize, true);
      continue;
    }
    pages++;
    const more = page.hasMore && !(opts.maxPages && pages >= opts.maxPages);
    // The next page is asked for while this one is applied: its cursor is HQ's answer, not
    // something the apply decides, so the download and the IndexedDB writes overlap. The saved
    // cursor still moves only with an applied page; if applying fails, the prefetched answer is
    // dropped and the next sync asks again from the saved cursor.
    next = more ? transport.pull(cfg.token, page.cursor, pageSize, false) : null;
    next?.catch(() => undefined);
    const stats = await applyPage(s, page.changes, page.cursor, opts.faults);
    report.pulled += page.changes.length;
    report.applied += stats.applied;
    report.cursor = page.cursor;
    if (pages === 1) total = page.changes.length + (page.remaining ?? 0);
    total = Math.max(total, report.pulled);
    opts.onProgress?.({ phase: 'pull', done: report.pulled, total });
  }
  return restored;
}

/**
 * The company's branches as HQ knows them, into the local `branches` table (not replicated):
 * head office's report filters list them. A local row with the same code but another id (a
 * branch renamed at HQ) gives way.
 */
async function refreshBranches(s: Session, transport: SyncTransport, cfg: SyncConfig): Promise<void> {
  if (!transport.branches) return;
  const { branches } = validateBranchesResponse(await transport.branches(cfg.token));
  await s.db.transaction('rw', ['branches'], async (tx) => {
    const t = tx.table('branches');
    for (const b of branches) {
      const clash = await t.where('code').equals(b.code).first();
      if (clash && clash.id !== b.id) await t.delete(clash.id);
      const old = await t.get(b.id);
      await t.put({ ...(old ?? { createdAt: s.now().toISOString() }), id: b.id, code: b.code, name: b.name });
    }
  });
}

/** A client clock behind HQ's catches up, so its next edits are not older than what HQ holds. */
function observeServerTime(s: Session, iso: string): void {
  const ms = Date.parse(iso);
  if (Number.isFinite(ms)) s.clock.receive(encodeHlc(ms, 0, 'hq'));
}

// ---- conflict inbox -----------------------------------------------------------------------

export async function listConflicts(s: Session, opts: { includeResolved?: boolean; limit?: number } = {}): Promise<SyncConflict[]> {
  const t = s.db.t<SyncConflict>(CONFLICTS_TABLE);
  const rows = opts.includeResolved ? await t.orderBy('at').reverse().limit(opts.limit ?? 200).toArray() : await t.where('resolved').equals(0).limit(opts.limit ?? 200).toArray();
  return rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/**
 * Close a conflict. `accept`: keep things as they are (the suggested resolution document, if
 * any, was made separately); for a 'rejected' change, `retry` pushes it again (after HQ fixed
 * permissions) and `discard` removes it from the outbox. Every resolution is audited.
 */
export async function resolveConflict(s: Session, id: string, resolution: string, note = ''): Promise<SyncConflict> {
  s.require('Settings', 'admin');
  // a resolution that makes a document (registerConflictResolver) makes it first, through the
  // services; the entry is then closed with a link to it
  let document: ResolutionDocument | undefined;
  const first = await s.db.t<SyncConflict>(CONFLICTS_TABLE).get(id);
  const resolver = first ? conflictResolvers(first).find((r) => r.resolution === resolution) : undefined;
  if (first && !first.resolved && resolver) document = await resolver.resolve(s, first);
  return s.db.transaction('rw', [CONFLICTS_TABLE, 'outbox', 'audit'], async (tx) => {
    const ctx = new TxContext(s.db, s, tx);
    const c = await ctx.t<SyncConflict>(CONFLICTS_TABLE).get(id);
    if (!c) throw new DomainError('error.not_found', { docType: 'SyncConflict', id });
    if (c.resolved) throw new DomainError('sync.conflict_resolved', { id });
    if (!resolver && !['accept', 'retry', 'discard'].includes(resolution)) throw new DomainError('sync.resolution_invalid', { kind: c.kind, resolution });
    if (!resolver && resolution !== 'accept') {
      if (c.kind !== 'rejected' || !c.changeId) throw new DomainError('sync.resolution_invalid', { kind: c.kind, resolution });
      const row = (await ctx.t<OutboxRow>('outbox').where('changeId').equals(c.changeId).first()) as OutboxRow | undefined;
      if (row && resolution === 'retry') {
        const { rejectedCode: _r, ...rest } = row;
        await ctx.t<OutboxRow>('outbox').put(rest as OutboxRow);
      } else if (row) await (ctx.t('outbox') as unknown as { delete(k: number): Promise<void> }).delete(row.seq);
    }
    const done: SyncConflict = { ...c, resolved: 1, resolvedAt: ctx.now, resolvedBy: s.user.id, resolution, ...(note ? { note } : {}), ...(document ? { document } : {}) };
    await ctx.t<SyncConflict>(CONFLICTS_TABLE).put(done);
    await ctx.audit('SyncConflict', c.id, `${c.kind}:${c.table}`, 'update', [{ field: 'resolved', before: 0, after: resolution }], note || undefined);
    return done;
  });
}

// ---- HTTP transport -----------------------------------------------------------------------

/** fetch-based transport (browser, Electron renderer, Node 18+). */
export function httpTransport(serverUrl: string, fetchFn: typeof fetch = globalThis.fetch.bind(globalThis)): SyncTransport {
  const base = serverUrl.replace(/\/+$/, '');
  async function call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const res = await fetchFn(`${base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new SyncProtocolError(res.status || 502, 'sync.bad_response', `HQ answered ${res.status} with non-JSON`);
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new SyncProtocolError(res.status, err?.code ?? 'sync.http_error', err?.message ?? `HTTP ${res.status}`);
    }
    return json as T;
  }
  return {
    enrol: (req) => call('POST', '/v1/enrol', undefined, req),
    checkCode: (req) => call('POST', '/v1/enrol/check', undefined, req),
    branches: (token) => call('GET', '/v1/branches', token),
    push: (token, req) => call('POST', '/v1/push', token, req),
    pull: (token, after, limit, count) => call('GET', `/v1/pull?after=${encodeURIComponent(after)}&limit=${limit}&v=${PROTOCOL_VERSION}${count ? '&count=1' : ''}`, token),
  };
}
