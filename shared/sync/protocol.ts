/**
 * The branch <-> head-office sync protocol: ONE file, imported by the client sync engine
 * (shared/sync/client.ts) and by the HQ server (server/), so both sides agree on shapes, limits
 * and error codes at compile time and check them at run time with the same validators.
 *
 * Pure TypeScript: no Dexie, no Node APIs. See docs/sync-protocol.md for the prose version.
 *
 * Invariants the shapes encode:
 *  - a push is idempotent: the server stores its answer per (device, batchId) and a replayed
 *    batch gets the stored answer, byte for byte;
 *  - a change is identified by `changeId` (UUIDv7 made on the device); the server applies each
 *    changeId at most once, whatever batch carries it;
 *  - the pull cursor is an opaque string made by the server (today: the last `seq` returned);
 *    a client only ever stores it, never computes it.
 */
import type { OutboxChange } from '../kernel/tx';

/** Current protocol version. The server also accepts the previous one (PROTOCOL_VERSION - 1, once there is one). */
export const PROTOCOL_VERSION = 1;
export const MIN_PROTOCOL_VERSION = Math.max(1, PROTOCOL_VERSION - 1);

export const LIMITS = {
  /** Changes per push batch; more is refused with sync.too_many_changes (nothing applied). */
  maxChangesPerBatch: 1000,
  /** Request body bytes; more is refused with sync.body_too_large (nothing applied). */
  maxBodyBytes: 8 * 1024 * 1024,
  /** Pull page size bounds. */
  maxPullLimit: 1000,
  defaultPullLimit: 500,
  /** A client HLC further ahead of server time than this is clamped and flagged. */
  maxClockSkewMs: 5 * 60 * 1000,
  /** Bounds on identifiers and names (hostile input). */
  maxIdLength: 64,
  maxTableNameLength: 64,
} as const;

/** Stable error codes (also i18n keys). HTTP status in brackets. */
export const SYNC_ERRORS = {
  badJson: 'sync.bad_json', // 400
  invalidRequest: 'sync.invalid_request', // 400, with `issues`
  bodyTooLarge: 'sync.body_too_large', // 413
  tooManyChanges: 'sync.too_many_changes', // 413
  unauthorized: 'sync.unauthorized', // 401: missing or unknown token
  deviceRevoked: 'sync.device_revoked', // 401
  updateRequired: 'sync.update_required', // 426: client protocol older than the server accepts
  serverTooOld: 'sync.server_too_old', // 400: client protocol newer than the server knows
  codeInvalid: 'sync.code_invalid', // 400: enrolment code unknown, used or expired
  batchMismatch: 'sync.batch_mismatch', // 409: batchId replayed with different content
  notFound: 'sync.not_found', // 404
  methodNotAllowed: 'sync.method_not_allowed', // 405
  internal: 'sync.internal', // 500
  // per-change result codes (status 'rejected' unless noted)
  forbiddenTable: 'sync.forbidden_table',
  forbiddenBranch: 'sync.forbidden_branch',
  unknownTable: 'sync.unknown_table',
  badOp: 'sync.bad_op',
  badHlc: 'sync.bad_hlc',
  badRecord: 'sync.bad_record',
  appendConflict: 'sync.append_conflict', // status 'conflict'
  clockClamped: 'sync.clock_clamped', // status 'ok': accepted with the HLC clamped to server time
} as const;

export type SyncErrorCode = (typeof SYNC_ERRORS)[keyof typeof SYNC_ERRORS];

export interface ErrorBody {
  error: { code: string; message: string; issues?: ValidationIssue[] };
}

// ---- enrol ------------------------------------------------------------------------------

export interface EnrolRequest {
  /** One-time code issued by HQ (`server/cli.ts issue-code`). */
  code: string;
  /** Shown in HQ's device list. */
  deviceName: string;
}

export type DeviceScope = 'branch' | 'all';

export interface EnrolResponse {
  /** Server-side device id (not the installation's local device id). */
  deviceId: string;
  /** Bearer token: shown once, stored by the client, kept only as a hash by the server. */
  token: string;
  companyId: string;
  branchId: string;
  branchCode: string;
  scope: DeviceScope;
  /** Additive fields (older servers omit them): what a new installation needs to join the company. */
  /** This device's number among its branch's devices (1 = the first): numbers its documents apart. */
  deviceNo?: number;
  companyName?: string;
  branchName?: string;
  baseCurrency?: string;
  template?: string;
  country?: string;
}

export interface EnrolCheckRequest {
  code: string;
}

/** What a code would enrol into, without using it (`POST /v1/enrol/check`). */
export type EnrolCheckResponse = Omit<EnrolResponse, 'deviceId' | 'token'> & { expiresAt: string };

// ---- push -------------------------------------------------------------------------------

export type WireChange = Omit<OutboxChange, 'seq'>;

export interface PushRequest {
  batchId: string;
  clientVersion: number;
  changes: WireChange[];
}

export type ChangeStatus = 'ok' | 'duplicate' | 'conflict' | 'rejected';

export interface ChangeResult {
  changeId: string;
  status: ChangeStatus;
  code?: string;
}

export interface PushResponse {
  batchId: string;
  results: ChangeResult[];
  /** ISO time of the server when the batch was first answered (clients feed it to their HLC). */
  serverTime: string;
  /** Identity of HQ's store; a new one means HQ was restored from a backup (see the client). */
  storeId?: string;
}

// ---- pull -------------------------------------------------------------------------------

export interface PulledChange {
  seq: number;
  table: string;
  recordId: string;
  op: 'put' | 'append';
  /** put: the record as merged by the server; append: the ledger row. */
  data: Record<string, unknown>;
  hlc: string;
  branchId: string;
}

export interface PullResponse {
  changes: PulledChange[];
  /** Opaque: pass it back as `after` next time (unchanged when the page is empty). */
  cursor: string;
  hasMore: boolean;
  /** Visible changes after this page; only when asked (`count=1`), for a progress bar. */
  remaining?: number;
  /** Identity of HQ's store (as in PushResponse). */
  storeId?: string;
}

export interface BranchInfo {
  id: string;
  code: string;
  name: string;
}

/** `GET /v1/branches`: the company's branches, for report filters at head office. */
export interface BranchesResponse {
  branches: BranchInfo[];
}

export interface HealthResponse {
  ok: true;
  protocol: number;
  minProtocol: number;
  time: string;
}

// ---- validators ---------------------------------------------------------------------------

export interface ValidationIssue {
  path: string;
  code: string;
}

export class SyncProtocolError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message?: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message ?? code);
    this.name = 'SyncProtocolError';
  }
}

const ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;
const TABLE_RE = /^[a-z][a-z0-9_]{0,63}$/;
const HLC_RE = /^\d{15}-\d{5}-[A-Za-z0-9_.:-]{1,64}$/;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isHlc(v: unknown): v is string {
  return typeof v === 'string' && HLC_RE.test(v);
}

export function isSafeId(v: unknown): v is string {
  return typeof v === 'string' && ID_RE.test(v);
}

function fail(issues: ValidationIssue[]): never {
  throw new SyncProtocolError(400, SYNC_ERRORS.invalidRequest, `invalid request: ${issues.slice(0, 5).map((i) => `${i.path} ${i.code}`).join('; ')}`, issues.slice(0, 50));
}

export function validateEnrolRequest(v: unknown): EnrolRequest {
  const issues: ValidationIssue[] = [];
  if (!isObj(v)) fail([{ path: '', code: 'object_expected' }]);
  if (typeof v.code !== 'string' || v.code.length < 4 || v.code.length > 64) issues.push({ path: 'code', code: 'string_expected' });
  if (typeof v.deviceName !== 'string' || !v.deviceName.trim() || v.deviceName.length > 120) issues.push({ path: 'deviceName', code: 'string_expected' });
  if (issues.length) fail(issues);
  return { code: v.code as string, deviceName: (v.deviceName as string).trim() };
}

/**
 * Shape check of one change (types and bounds only). Authorisation and merge rules are the
 * server's business; a change that passes here may still be 'rejected' per change.
 */
export function changeIssues(c: unknown, path: string): ValidationIssue[] {
  if (!isObj(c)) return [{ path, code: 'object_expected' }];
  const out: ValidationIssue[] = [];
  if (!isSafeId(c.changeId)) out.push({ path: `${path}.changeId`, code: 'id_expected' });
  if (typeof c.table !== 'string' || !TABLE_RE.test(c.table)) out.push({ path: `${path}.table`, code: 'table_expected' });
  if (!isSafeId(c.recordId)) out.push({ path: `${path}.recordId`, code: 'id_expected' });
  if (c.op !== 'put' && c.op !== 'append') out.push({ path: `${path}.op`, code: 'op_expected' });
  if (typeof c.hlc !== 'string' || c.hlc.length > 100) out.push({ path: `${path}.hlc`, code: 'string_expected' });
  if (typeof c.at !== 'string' || c.at.length > 40) out.push({ path: `${path}.at`, code: 'string_expected' });
  if (!isSafeId(c.branchId)) out.push({ path: `${path}.branchId`, code: 'id_expected' });
  if (!isSafeId(c.deviceId)) out.push({ path: `${path}.deviceId`, code: 'id_expected' });
  if (!isObj(c.data)) out.push({ path: `${path}.data`, code: 'object_expected' });
  else if (c.data.id !== undefined && c.data.id !== c.recordId) out.push({ path: `${path}.data.id`, code: 'must_equal_recordId' });
  return out;
}

export function validatePushRequest(v: unknown): PushRequest {
  if (!isObj(v)) fail([{ path: '', code: 'object_expected' }]);
  const issues: ValidationIssue[] = [];
  if (!isSafeId(v.batchId)) issues.push({ path: 'batchId', code: 'id_expected' });
  if (typeof v.clientVersion !== 'number' || !Number.isInteger(v.clientVersion)) issues.push({ path: 'clientVersion', code: 'integer_expected' });
  if (!Array.isArray(v.changes)) issues.push({ path: 'changes', code: 'array_expected' });
  if (issues.length) fail(issues);
  const changes = v.changes as unknown[];
  if (changes.length > LIMITS.maxChangesPerBatch) throw new SyncProtocolError(413, SYNC_ERRORS.tooManyChanges, `at most ${LIMITS.maxChangesPerBatch} changes per batch (got ${changes.length})`);
  checkVersion(v.clientVersion as number);
  const seen = new Set<string>();
  changes.forEach((c, i) => {
    issues.push(...changeIssues(c, `changes[${i}]`));
    const id = (c as { changeId?: unknown })?.changeId;
    if (typeof id === 'string') {
      if (seen.has(id)) issues.push({ path: `changes[${i}].changeId`, code: 'duplicate_in_batch' });
      seen.add(id);
    }
  });
  if (issues.length) fail(issues);
  return { batchId: v.batchId as string, clientVersion: v.clientVersion as number, changes: changes as WireChange[] };
}

export function checkVersion(clientVersion: number): void {
  if (clientVersion < MIN_PROTOCOL_VERSION) throw new SyncProtocolError(426, SYNC_ERRORS.updateRequired, `client protocol ${clientVersion} is too old; this server accepts ${MIN_PROTOCOL_VERSION}..${PROTOCOL_VERSION}: update Branchline`);
  if (clientVersion > PROTOCOL_VERSION) throw new SyncProtocolError(400, SYNC_ERRORS.serverTooOld, `client protocol ${clientVersion} is newer than this server (${PROTOCOL_VERSION}): update the HQ server`);
}

export function parsePullQuery(params: URLSearchParams): { after: number; limit: number; count: boolean } {
  const a = params.get('after') ?? '0';
  const l = params.get('limit') ?? String(LIMITS.defaultPullLimit);
  const issues: ValidationIssue[] = [];
  if (!/^\d{1,15}$/.test(a)) issues.push({ path: 'after', code: 'cursor_expected' });
  if (!/^\d{1,5}$/.test(l) || Number(l) < 1) issues.push({ path: 'limit', code: 'integer_expected' });
  if (issues.length) fail(issues);
  const v = params.get('v');
  if (v !== null) {
    if (!/^\d{1,4}$/.test(v)) fail([{ path: 'v', code: 'integer_expected' }]);
    checkVersion(Number(v));
  }
  return { after: Number(a), limit: Math.min(Number(l), LIMITS.maxPullLimit), count: params.get('count') === '1' };
}

function pulledIssues(c: unknown, path: string): ValidationIssue[] {
  if (!isObj(c)) return [{ path, code: 'object_expected' }];
  const out: ValidationIssue[] = [];
  if (typeof c.seq !== 'number') out.push({ path: `${path}.seq`, code: 'number_expected' });
  if (typeof c.table !== 'string' || !TABLE_RE.test(c.table)) out.push({ path: `${path}.table`, code: 'table_expected' });
  if (!isSafeId(c.recordId)) out.push({ path: `${path}.recordId`, code: 'id_expected' });
  if (c.op !== 'put' && c.op !== 'append') out.push({ path: `${path}.op`, code: 'op_expected' });
  if (!isObj(c.data)) out.push({ path: `${path}.data`, code: 'object_expected' });
  if (typeof c.hlc !== 'string') out.push({ path: `${path}.hlc`, code: 'string_expected' });
  return out;
}

/** Client-side check of a server answer (a proxy or a bug must not write garbage locally). */
const isStoreId = (v: unknown) => v === undefined || (typeof v === 'string' && /^[0-9A-Za-z-]{1,64}$/.test(v));

export function validatePullResponse(v: unknown): PullResponse {
  if (!isObj(v) || !Array.isArray(v.changes) || typeof v.cursor !== 'string' || typeof v.hasMore !== 'boolean' || (v.remaining !== undefined && (typeof v.remaining !== 'number' || v.remaining < 0)) || !isStoreId(v.storeId)) fail([{ path: '', code: 'pull_response_expected' }]);
  const issues = (v.changes as unknown[]).flatMap((c, i) => pulledIssues(c, `changes[${i}]`));
  if (issues.length) fail(issues);
  return v as unknown as PullResponse;
}

export function validateBranchesResponse(v: unknown): BranchesResponse {
  if (!isObj(v) || !Array.isArray(v.branches) || v.branches.length > 10_000 || !(v.branches as unknown[]).every((b) => isObj(b) && isSafeId(b.id) && typeof b.code === 'string' && b.code.length <= 16 && typeof b.name === 'string' && b.name.length <= 200)) fail([{ path: 'branches', code: 'branches_expected' }]);
  return v as unknown as BranchesResponse;
}

export function validatePushResponse(v: unknown): PushResponse {
  if (!isObj(v) || typeof v.batchId !== 'string' || !Array.isArray(v.results) || typeof v.serverTime !== 'string' || !isStoreId(v.storeId)) fail([{ path: '', code: 'push_response_expected' }]);
  for (const r of v.results as unknown[]) {
    if (!isObj(r) || typeof r.changeId !== 'string' || !['ok', 'duplicate', 'conflict', 'rejected'].includes(r.status as string)) fail([{ path: 'results', code: 'result_expected' }]);
  }
  return v as unknown as PushResponse;
}

export function validateEnrolResponse(v: unknown): EnrolResponse {
  if (!isObj(v) || ['deviceId', 'token', 'companyId', 'branchId', 'branchCode'].some((k) => typeof v[k] !== 'string') || (v.scope !== 'branch' && v.scope !== 'all') || !optionalStrings(v)) fail([{ path: '', code: 'enrol_response_expected' }]);
  return v as unknown as EnrolResponse;
}

export function validateEnrolCheckRequest(v: unknown): EnrolCheckRequest {
  if (!isObj(v) || typeof v.code !== 'string' || v.code.length < 4 || v.code.length > 64) fail([{ path: 'code', code: 'string_expected' }]);
  return { code: v.code as string };
}

export function validateEnrolCheckResponse(v: unknown): EnrolCheckResponse {
  if (!isObj(v) || ['companyId', 'branchId', 'branchCode', 'expiresAt'].some((k) => typeof v[k] !== 'string') || (v.scope !== 'branch' && v.scope !== 'all') || !optionalStrings(v)) fail([{ path: '', code: 'enrol_response_expected' }]);
  return v as unknown as EnrolCheckResponse;
}

function optionalStrings(v: Record<string, unknown>): boolean {
  if (v.deviceNo !== undefined && (!Number.isInteger(v.deviceNo) || (v.deviceNo as number) < 1)) return false;
  return ['companyName', 'branchName', 'baseCurrency', 'template', 'country'].every((k) => v[k] === undefined || (typeof v[k] === 'string' && (v[k] as string).length <= 200));
}

/** JSON with object keys sorted: equal content <=> equal string (for append comparisons). */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObj(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}
