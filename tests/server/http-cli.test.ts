/**
 * The real node:http server (body limit enforced while reading, JSON errors) and the admin CLI.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, existsSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import '../../shared/modules';
import { openTestHq } from './harness';
import { serveHttp } from '../../server/http';
import { runCli } from '../../server/cli';
import { openHq } from '../../server/app';
import { verifyCopy } from '../../server/backup';
import { customerPut, hlcAt, batch } from './harness';
import { LIMITS } from '../../shared/sync/protocol';
import { httpTransport } from '../../shared/sync/client';

describe('HQ over node:http', () => {
  it('serves health, enrols over fetch, refuses an oversized body with 413 and nothing stored', async () => {
    const hq = await openTestHq('sqlite');
    const server = serveHttp(hq.handler, hq.store);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const h = await fetch(`${base}/v1/health`);
      expect(h.status).toBe(200);
      expect(await h.json()).toMatchObject({ ok: true });
      const co = await hq.store.createCompany('Http Co');
      const br = await hq.store.createBranch({ companyId: co.id, code: 'H', name: 'H' });
      const { code } = await hq.store.issueCode({ branchId: br.id });
      const t = httpTransport(base);
      const dev = await t.enrol({ code, deviceName: 'fetch' });
      expect(dev.branchId).toBe(br.id);
      const big = JSON.stringify({ batchId: 'b1', clientVersion: 1, changes: [], pad: 'x'.repeat(LIMITS.maxBodyBytes + 10) });
      const r = await fetch(`${base}/v1/push`, { method: 'POST', headers: { authorization: `Bearer ${dev.token}`, 'content-type': 'application/json' }, body: big });
      expect(r.status).toBe(413);
      expect((await r.json()).error.code).toBe('sync.body_too_large');
      await expect(t.pull(dev.token, 'abc', 10)).rejects.toMatchObject({ status: 400, code: 'sync.invalid_request' });
      const page = await t.pull(dev.token, '0', 10);
      expect(page).toEqual({ changes: [], cursor: '0', hasMore: false, storeId: expect.stringMatching(/^\d+$/) });
      expect(await hq.store.changeCount()).toBe(0);
    } finally {
      await new Promise((r) => server.close(r));
      await hq.cleanup();
    }
  });
});

describe('CORS for the web build of the app', () => {
  it('answers a preflight with 204 and allows any origin on every answer, errors included', async () => {
    const hq = await openTestHq('sqlite');
    const server = serveHttp(hq.handler, hq.store);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const pre = await fetch(`${base}/v1/push`, { method: 'OPTIONS', headers: { origin: 'http://localhost:4173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('*');
      expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
      expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(pre.headers.get('access-control-allow-headers')).toContain('content-type');
      const h = await fetch(`${base}/v1/health`, { headers: { origin: 'http://localhost:4173' } });
      expect(h.headers.get('access-control-allow-origin')).toBe('*');
      const refused = await fetch(`${base}/v1/pull?after=0`, { headers: { origin: 'http://localhost:4173' } });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe('*');
      expect(await hq.store.changeCount()).toBe(0);
    } finally {
      await new Promise((r) => server.close(r));
      await hq.cleanup();
    }
  });
});

describe('admin CLI', () => {
  it('creates a company and branch, issues a code, revokes a device', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hq-cli-'));
    const env = { DATA_DIR: dir };
    try {
      const co = (await runCli(['create-company', '--name', 'Cli Co'], env)) as { id: string };
      const br = (await runCli(['create-branch', '--company', co.id, '--code', 'sz', '--name', 'Shenzhen'], env)) as { id: string; code: string };
      expect(br.code).toBe('SZ');
      const code = (await runCli(['issue-code', '--branch', 'SZ', '--scope', 'all'], env)) as { code: string; scope: string };
      expect(code.scope).toBe('all');
      expect(code.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await expect(runCli(['revoke-device', '--device', 'nope'], env)).rejects.toThrow(/not found/);
      await expect(runCli(['create-branch', '--company', co.id], env)).rejects.toThrow(/--code is required/);
      expect(await runCli(['list-devices'], env)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('HQ store backup (CLI)', () => {
  it('copies the SQLite store while the server has it open and writes, checks the copy, and the copy opens as a store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hq-backup-'));
    const env = { DATA_DIR: join(dir, 'data') };
    const hq = await openHq({ dataDir: env.DATA_DIR });
    try {
      const co = await hq.store.createCompany('Backup Co');
      const br = await hq.store.createBranch({ companyId: co.id, code: 'SH', name: 'Shanghai' });
      const dev = await hq.store.enrol({ code: (await hq.store.issueCode({ branchId: br.id })).code, deviceName: 'till' });
      const device = await hq.store.authenticate(`Bearer ${dev.token}`);
      const push = (n: number) => hq.store.push(device, batch(Array.from({ length: n }, (_, i) => customerPut({ branchId: br.id, hlc: hlcAt(Date.parse('2026-01-01') + i, 'node-b'), fields: { customerName: `C ${i}` } }))));
      await push(50);
      // the server keeps ingesting while the copy runs
      const [report] = await Promise.all([runCli(['backup', '--out', join(dir, 'copies', 'hq-1.sqlite')], env) as Promise<{ file: string; bytes: number; tables: Record<string, number> }>, push(20)]);
      expect(existsSync(report.file)).toBe(true);
      expect(report.bytes).toBeGreaterThan(0);
      expect(report.tables.companies).toBe(1);
      expect([50, 70]).toContain(report.tables.changes);
      expect(existsSync(`${report.file}.partial`)).toBe(false);
      // a backup never overwrites
      await expect(runCli(['backup', '--out', report.file], env)).rejects.toThrow(/already exists/);
      await expect(runCli(['backup'], env)).rejects.toThrow(/--out is required/);
      // restoring = the copy as hq.sqlite of a data folder: the company and its changes are there
      const restored = join(dir, 'restored');
      mkdirSync(restored);
      copyFileSync(report.file, join(restored, 'hq.sqlite'));
      const back = await openHq({ dataDir: restored });
      try {
        expect((await back.store.listCompanies()).map((c) => c.name)).toEqual(['Backup Co']);
        expect(await back.store.changeCount()).toBe(report.tables.changes);
      } finally {
        await back.close();
      }
    } finally {
      await hq.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a missing store, PostgreSQL (points to pg_dump) and a file that is not a store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hq-backup-'));
    try {
      await expect(runCli(['backup', '--out', join(dir, 'x.sqlite')], { DATA_DIR: join(dir, 'none') })).rejects.toThrow(/no head-office store/);
      await expect(runCli(['backup', '--out', join(dir, 'x.sqlite')], { DATABASE_URL: 'postgres://u@h/db' })).rejects.toThrow(/pg_dump/);
      writeFileSync(join(dir, 'junk.sqlite'), 'not a database at all, just text '.repeat(200));
      expect(() => verifyCopy(join(dir, 'junk.sqlite'))).toThrow();
      expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
