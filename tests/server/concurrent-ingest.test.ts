/**
 * The pull cursor is safe under concurrent ingest on PostgreSQL: 20 devices push at once while
 * a reader pulls continuously; the reader, following only its cursor, ends with every change
 * exactly once, and the log's seqs are 1..N without a gap. (With a plain SEQUENCE a reader
 * could see seq 12 committed before seq 11 and move its cursor past 11 for good.)
 */
import { describe, it, expect } from 'vitest';
import '../../shared/modules';
import { registerSyncTestTypes } from './sync-doctypes';
import { openTestHq, pgReachable, client, hlcAt, ledgerAppend, customerPut, batch } from './harness';

registerSyncTestTypes();
const PG = await pgReachable();

describe.each(['postgres', 'sqlite'] as const)('concurrent ingest on %s', (kind) => {
  it.skipIf(kind === 'postgres' && !PG)('20 concurrent pushers, a concurrent cursor reader: no gap, nothing missed, nothing twice', async () => {
    const hq = await openTestHq(kind);
    try {
      const call = client(hq);
      const co = await hq.store.createCompany('Concurrent Co');
      const br = await hq.store.createBranch({ companyId: co.id, code: 'C', name: 'C' });
      const hqCode = await hq.store.issueCode({ branchId: br.id, scope: 'all' });
      const reader = await hq.store.enrol({ code: hqCode.code, deviceName: 'reader' });
      const devices = [];
      for (let i = 0; i < 20; i++) devices.push(await hq.store.enrol({ code: (await hq.store.issueCode({ branchId: br.id })).code, deviceName: `d${i}` }));
      const T = Date.parse('2026-03-01T10:00:00Z');
      const sent = new Set<string>();
      let done = false;
      const seen: number[] = [];
      const seenIds = new Set<string>();
      const readLoop = (async () => {
        let after = '0';
        while (true) {
          const finished = done;
          const r = await call('GET', `/v1/pull?after=${after}&limit=50`, { token: reader.token });
          expect(r.status).toBe(200);
          for (const c of r.body.changes) {
            seen.push(c.seq);
            seenIds.add(`${c.table}:${c.recordId}:${c.seq}`);
          }
          after = r.body.cursor;
          if (finished && !r.body.hasMore) return;
        }
      })();
      await Promise.all(
        devices.map(async (d, i) => {
          for (let b = 0; b < 3; b++) {
            const changes = Array.from({ length: 10 }, (_, k) =>
              k % 3 === 0 ? customerPut({ branchId: br.id, hlc: hlcAt(T + b * 10 + k, `n${i}`), fields: { customerName: `c${i}-${b}-${k}` } }) : ledgerAppend({ branchId: br.id, hlc: hlcAt(T + b * 10 + k, `n${i}`) }),
            );
            for (const c of changes) sent.add(c.changeId);
            const r = await call('POST', '/v1/push', { token: d.token, body: batch(changes) });
            expect(r.status).toBe(200);
            expect(r.body.results.every((x: { status: string }) => x.status === 'ok')).toBe(true);
          }
        }),
      );
      done = true;
      await readLoop;
      const total = await hq.store.changeCount(co.id);
      expect(total).toBe(sent.size);
      expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      const rows = await hq.store.db.selectFrom('changes').select(['seq', 'change_id']).orderBy('seq').execute();
      expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(new Set(rows.map((r) => r.change_id))).toEqual(sent);
    } finally {
      await hq.cleanup();
    }
  }, 60_000);
});
