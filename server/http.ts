/**
 * HTTP surface of the HQ server, as a plain function `handle(request) -> response` so the
 * same code serves node:http (serveHttp below) and in-process test transports.
 *
 *   GET  /v1/health                      liveness + protocol versions (no auth)
 *   POST /v1/enrol                       one-time code -> device credential (no auth)
 *   POST /v1/enrol/check                 what a code enrols into, without using it (no auth)
 *   GET  /v1/branches                    the company's branches (device token)
 *   POST /v1/push                        Bearer device token
 *   GET  /v1/pull?after=&limit=&v=       Bearer device token
 *   /v1/admin/...                        Bearer HQ_ADMIN_TOKEN (disabled when unset)
 *
 * Every refusal is a JSON body { error: { code, message, issues? } } with a stable code from
 * SYNC_ERRORS; a refused request changes nothing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  LIMITS, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, SYNC_ERRORS, SyncProtocolError,
  parsePullQuery, validateEnrolCheckRequest, validateEnrolRequest, validatePushRequest, type ErrorBody,
} from '../shared/sync/protocol';
import type { HqStore } from './store';
import { pingDb } from './db';
import { safeEqual } from './secrets';

export interface HttpRequest {
  method: string;
  /** Path and query, e.g. '/v1/pull?after=10'. */
  url: string;
  headers: Record<string, string | undefined>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  body: unknown;
}

export interface HandlerOptions {
  /** Enables /v1/admin/* when set. */
  adminToken?: string;
}

export type Handler = (req: HttpRequest) => Promise<HttpResponse>;

function errorBody(code: string, message: string, issues?: ErrorBody['error']['issues']): ErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

function parseJson(body: string | undefined): unknown {
  if (body === undefined || body === '') throw new SyncProtocolError(400, SYNC_ERRORS.badJson, 'request body must be JSON');
  if (Buffer.byteLength(body, 'utf8') > LIMITS.maxBodyBytes) throw new SyncProtocolError(413, SYNC_ERRORS.bodyTooLarge, `request body over ${LIMITS.maxBodyBytes} bytes`);
  try {
    return JSON.parse(body);
  } catch {
    throw new SyncProtocolError(400, SYNC_ERRORS.badJson, 'request body is not valid JSON');
  }
}

export function createHandler(store: HqStore, opts: HandlerOptions = {}): Handler {
  const requireAdmin = (req: HttpRequest) => {
    if (!opts.adminToken) throw new SyncProtocolError(404, SYNC_ERRORS.notFound, 'admin API disabled (set HQ_ADMIN_TOKEN)');
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!m || !safeEqual(m[1], opts.adminToken)) throw new SyncProtocolError(401, SYNC_ERRORS.unauthorized, 'admin token required');
  };

  async function route(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url, 'http://hq.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method.toUpperCase();
    const only = (m: string) => {
      if (method !== m) throw new SyncProtocolError(405, SYNC_ERRORS.methodNotAllowed, `${path} accepts ${m}`);
    };
    switch (path) {
      case '/v1/health': {
        only('GET');
        await pingDb(store.db);
        return { status: 200, body: { ok: true, protocol: PROTOCOL_VERSION, minProtocol: MIN_PROTOCOL_VERSION, time: store.now().toISOString() } };
      }
      case '/v1/enrol': {
        only('POST');
        return { status: 200, body: await store.enrol(validateEnrolRequest(parseJson(req.body))) };
      }
      case '/v1/enrol/check': {
        only('POST');
        return { status: 200, body: await store.checkCode(validateEnrolCheckRequest(parseJson(req.body))) };
      }
      case '/v1/branches': {
        only('GET');
        const device = await store.authenticate(req.headers.authorization);
        return { status: 200, body: { branches: await store.listBranches(device.companyId) } };
      }
      case '/v1/push': {
        only('POST');
        const device = await store.authenticate(req.headers.authorization);
        return { status: 200, body: await store.push(device, validatePushRequest(parseJson(req.body))) };
      }
      case '/v1/pull': {
        only('GET');
        const device = await store.authenticate(req.headers.authorization);
        const q = parsePullQuery(url.searchParams);
        return { status: 200, body: await store.pull(device, q.after, q.limit, q.count) };
      }
    }
    if (path.startsWith('/v1/admin/')) return admin(req, method, path, url);
    throw new SyncProtocolError(404, SYNC_ERRORS.notFound, `no route ${path}`);
  }

  async function admin(req: HttpRequest, method: string, path: string, url: URL): Promise<HttpResponse> {
    requireAdmin(req);
    const body = method === 'POST' ? (parseJson(req.body) as Record<string, unknown>) : {};
    const str = (k: string, required = true): string | undefined => {
      const v = body?.[k];
      if (v === undefined && !required) return undefined;
      if (typeof v !== 'string' || !v.trim() || v.length > 200) throw new SyncProtocolError(400, SYNC_ERRORS.invalidRequest, `${k}: string expected`, [{ path: k, code: 'string_expected' }]);
      return v;
    };
    if (method === 'GET' && path === '/v1/admin/companies') return { status: 200, body: { companies: await store.listCompanies() } };
    if (method === 'POST' && path === '/v1/admin/companies') return { status: 201, body: await store.createCompany(str('name')!, { id: str('id', false), baseCurrency: str('baseCurrency', false), template: str('template', false), country: str('country', false) }) };
    if (method === 'POST' && path === '/v1/admin/branches') return { status: 201, body: await store.createBranch({ companyId: str('companyId')!, code: str('code')!, name: str('name')!, id: str('id', false) }) };
    if (method === 'POST' && path === '/v1/admin/codes') {
      const scope = body.scope === 'all' ? 'all' : 'branch';
      const ttl = typeof body.ttlHours === 'number' && body.ttlHours > 0 && body.ttlHours <= 24 * 30 ? body.ttlHours : undefined;
      return { status: 201, body: await store.issueCode({ branchId: str('branchId')!, scope, ttlHours: ttl }) };
    }
    if (method === 'GET' && path === '/v1/admin/devices') return { status: 200, body: { devices: await store.listDevices(url.searchParams.get('companyId') ?? undefined) } };
    const revoke = /^\/v1\/admin\/devices\/([A-Za-z0-9_.:-]{1,64})\/revoke$/.exec(path);
    if (method === 'POST' && revoke) {
      const ok = await store.revokeDevice(revoke[1]);
      if (!ok) throw new SyncProtocolError(404, SYNC_ERRORS.notFound, 'device not found or already revoked');
      return { status: 200, body: { revoked: revoke[1] } };
    }
    if (method === 'GET' && path === '/v1/admin/conflicts') {
      const co = url.searchParams.get('companyId');
      if (!co) throw new SyncProtocolError(400, SYNC_ERRORS.invalidRequest, 'companyId required');
      return { status: 200, body: { conflicts: await store.listConflicts(co, url.searchParams.get('kind') ?? undefined) } };
    }
    throw new SyncProtocolError(404, SYNC_ERRORS.notFound, `no admin route ${method} ${path}`);
  }

  return async (req) => {
    try {
      return await route(req);
    } catch (e) {
      if (e instanceof SyncProtocolError) {
        if (e.status >= 500) store.log.log('error', 'request failed', { code: e.code, message: e.message });
        return { status: e.status, body: errorBody(e.code, e.message, e.issues) };
      }
      store.log.log('error', 'unexpected error', { error: e instanceof Error ? e.stack ?? e.message : String(e), method: req.method, url: req.url.split('?')[0] });
      return { status: 500, body: errorBody(SYNC_ERRORS.internal, 'internal server error') };
    }
  };
}

/**
 * CORS: the web build of the app runs on another origin than HQ. Any origin is allowed: no
 * cookies are used, every protected endpoint needs a Bearer token the page must already hold.
 */
export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
} as const;

/** Serve a handler on node:http with a hard body-size limit (read is stopped, not buffered). */
export function serveHttp(handler: Handler, store: HqStore): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const send = (status: number, body: unknown, close = false) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...CORS_HEADERS, ...(close ? { connection: 'close' } : {}) });
      res.end(text);
      store.log.log('info', 'http', { method: req.method, path: (req.url ?? '').split('?')[0], status, ms: Date.now() - started });
    };
    // CORS preflight: answered here, before any routing or body reading
    if ((req.method ?? '').toUpperCase() === 'OPTIONS') {
      res.writeHead(204, { ...CORS_HEADERS, 'content-length': 0 });
      res.end();
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () => send(413, errorBody(SYNC_ERRORS.bodyTooLarge, `request body over ${LIMITS.maxBodyBytes} bytes`), true);
    if (declared > LIMITS.maxBodyBytes) {
      tooLarge();
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (c: Buffer) => {
      if (aborted) return;
      size += c.length;
      if (size > LIMITS.maxBodyBytes) {
        aborted = true;
        tooLarge();
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (aborted) return;
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      handler({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body: chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined })
        .then((r) => send(r.status, r.body))
        .catch(() => send(500, errorBody(SYNC_ERRORS.internal, 'internal server error')));
    });
  });
}
