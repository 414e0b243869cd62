/**
 * The HQ sync server process: `npm run server`.
 *
 * Environment:
 *   PORT            listen port (default 8787)
 *   HOST            listen address (default 0.0.0.0)
 *   DATA_DIR        directory of the SQLite store (default ./data-hq), printed at start
 *   DATABASE_URL    postgres://... to use PostgreSQL instead of SQLite
 *   HQ_ADMIN_TOKEN  enables the /v1/admin API (Bearer token); unset = admin API off
 *   LOG_LEVEL       debug | info | warn | error (default info)
 *
 * Runs migrations before listening; logs one JSON object per line; on SIGINT/SIGTERM stops
 * accepting connections, lets requests in flight finish, closes the store and exits.
 */
import { openHq } from './app';
import { serveHttp } from './http';
import { jsonLogger, type LogLevel } from './log';
import { writePidFile } from './backup';

async function main(): Promise<void> {
  const log = jsonLogger((process.env.LOG_LEVEL as LogLevel) || 'info');
  const port = Number(process.env.PORT ?? 8787);
  const host = process.env.HOST ?? '0.0.0.0';
  const dataDir = process.env.DATA_DIR ?? './data-hq';
  const adminToken = process.env.HQ_ADMIN_TOKEN || undefined;
  if (adminToken && adminToken.length < 16) throw new Error('HQ_ADMIN_TOKEN must be at least 16 characters');
  const hq = await openHq({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir, adminToken, log });
  log.log('info', 'store ready', { store: hq.location, adminApi: !!adminToken });
  // a SQLite data folder says which process serves it (`cli.ts restore` refuses while it runs)
  const removePid = process.env.DATABASE_URL ? () => undefined : writePidFile(dataDir);
  const server = serveHttp(hq.handler, hq.store);
  server.keepAliveTimeout = 5000;
  server.listen(port, host, () => log.log('info', 'listening', { host, port }));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log('info', 'shutting down', { signal });
    const force = setTimeout(() => {
      log.log('warn', 'forced exit after 10 s');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(() => {
      hq.close().then(
        () => {
          removePid();
          log.log('info', 'stopped');
          process.exit(0);
        },
        (e) => {
          log.log('error', 'close failed', { error: String(e) });
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e) => {
  process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level: 'error', msg: 'start failed', error: e instanceof Error ? e.message : String(e) }) + '\n');
  process.exit(1);
});
