/**
 * HQ admin command line (same store and environment as the server: DATA_DIR / DATABASE_URL).
 *
 *   npx tsx server/cli.ts create-company --name "Acme Trading" --currency CNY --template cn-small-enterprise --country CN
 *   npx tsx server/cli.ts create-branch --company <companyId> --code SH --name Shanghai [--id <branchId>]
 *   npx tsx server/cli.ts issue-code --branch <branchId|code> [--scope all] [--ttl-hours 72]
 *   npx tsx server/cli.ts revoke-device --device <deviceId>
 *   npx tsx server/cli.ts list-devices [--company <companyId>]
 *   npx tsx server/cli.ts list-conflicts --company <companyId> [--kind clock_skew]
 *   npx tsx server/cli.ts backup --out <file>      (SQLite store; online, the server may run)
 *   npx tsx server/cli.ts restore --from <file>    (SQLite store; the server stopped)
 *
 * Output is JSON on stdout (scriptable); errors go to stderr with exit code 1.
 */
import { openHq } from './app';
import { backupSqlite, restoreSqlite, PG_BACKUP_HINT } from './backup';
import { SyncProtocolError } from '../shared/sync/protocol';

function args(argv: string[]): { cmd: string; opts: Record<string, string> } {
  const [cmd = 'help', ...rest] = argv;
  const opts: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const next = rest[i + 1];
    if (next === undefined || next.startsWith('--')) opts[a.slice(2)] = 'true';
    else {
      opts[a.slice(2)] = next;
      i++;
    }
  }
  return { cmd, opts };
}

const USAGE = `usage: tsx server/cli.ts <command> [options]
  create-company --name NAME [--currency CNY] [--template generic|cn-small-enterprise] [--country CN]
  create-branch  --company ID --code CODE --name NAME [--id BRANCH_ID]
  issue-code     --branch ID|CODE [--scope all] [--ttl-hours N]
  revoke-device  --device ID
  list-devices   [--company ID]
  list-conflicts --company ID [--kind KIND]
  backup         --out FILE   (online copy of the SQLite store, checked; PostgreSQL: use pg_dump)
  restore        --from FILE  (server stopped: the current store is moved aside; devices resync)`;

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<unknown> {
  const { cmd, opts } = args(argv);
  const need = (k: string) => {
    if (!opts[k] || opts[k] === 'true') throw new Error(`--${k} is required\n${USAGE}`);
    return opts[k];
  };
  if (cmd === 'help' || cmd === '--help') return USAGE;
  if (cmd === 'backup') {
    if (env.DATABASE_URL) throw new Error(PG_BACKUP_HINT);
    return backupSqlite(env.DATA_DIR ?? './data-hq', need('out'));
  }
  if (cmd === 'restore') {
    if (env.DATABASE_URL) throw new Error(PG_BACKUP_HINT);
    return restoreSqlite(env.DATA_DIR ?? './data-hq', need('from'));
  }
  const hq = await openHq({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR ?? './data-hq' });
  try {
    switch (cmd) {
      case 'create-company':
        return await hq.store.createCompany(need('name'), { baseCurrency: opts.currency, template: opts.template, country: opts.country });
      case 'create-branch':
        return await hq.store.createBranch({ companyId: need('company'), code: need('code'), name: need('name'), id: opts.id });
      case 'issue-code': {
        const b = await hq.store.findBranch(need('branch'));
        if (!b) throw new Error(`branch ${opts.branch} not found`);
        return await hq.store.issueCode({ branchId: b.id, scope: opts.scope === 'all' ? 'all' : 'branch', ttlHours: opts['ttl-hours'] ? Number(opts['ttl-hours']) : undefined });
      }
      case 'revoke-device': {
        const ok = await hq.store.revokeDevice(need('device'));
        if (!ok) throw new Error('device not found or already revoked');
        return { revoked: opts.device };
      }
      case 'list-devices':
        return await hq.store.listDevices(opts.company);
      case 'list-conflicts':
        return await hq.store.listConflicts(need('company'), opts.kind);
      default:
        throw new Error(`unknown command ${cmd}\n${USAGE}`);
    }
  } finally {
    await hq.close();
  }
}

const isMain = process.argv[1] && /cli\.[cm]?[tj]s$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (out) => {
      process.stdout.write((typeof out === 'string' ? out : JSON.stringify(out, null, 2)) + '\n');
    },
    (e) => {
      process.stderr.write(`${e instanceof SyncProtocolError ? `${e.code}: ` : ''}${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
