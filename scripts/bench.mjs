#!/usr/bin/env node
// `npm run bench [-- --large] [-- --only kernel,books]`: builds the renderer, serves it, runs the
// bench page in Chromium with a FRESH PERSISTENT profile (real on-disk IndexedDB; Playwright's
// default contexts keep IndexedDB in memory), prints a table and writes bench/results.json.
import { spawn, execSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { chromium } from '@playwright/test';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const large = args.includes('--large');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : '';
const port = Number(process.env.BENCH_PORT ?? 4175);

const exe = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
if (!exe) {
  console.error('No Chromium found: install Debian\'s chromium or set CHROMIUM_PATH.');
  process.exit(1);
}

console.log('building renderer...');
execSync('npx vite build', { cwd: root, stdio: 'inherit' });
// run vite's own entry (not through npx) so killing the child really stops the server
const server = spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore' });
const profile = mkdtempSync(join(tmpdir(), 'branchline-bench-'));
let exitCode = 0;
try {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://localhost:${port}/bench.html`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: exe,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await ctx.newPage();
  page.on('console', (m) => process.stdout.write(`  [page] ${m.text()}\n`));
  await page.goto(`http://localhost:${port}/bench.html?large=${large ? 1 : 0}&only=${only}`);
  let seen = 0;
  const deadline = Date.now() + (large ? 3 * 3600_000 : 15 * 60_000);
  for (;;) {
    const st = await page.evaluate(() => window.__bench);
    for (; st && seen < st.log.length; seen++) console.log('  ' + st.log[seen]);
    if (st?.done) {
      if (st.error) {
        console.error('bench failed:', st.error);
        exitCode = 1;
      }
      const results = st.results;
      mkdirSync(join(root, 'bench'), { recursive: true });
      writeFileSync(join(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
      console.log('\n' + ['name', 'value', 'unit', 'floor', 'ratio'].join(' | '));
      for (const r of results) console.log([r.name, r.value, r.unit, r.floor, r.ratio].join(' | '));
      console.log('\nwritten bench/results.json');
      break;
    }
    if (Date.now() > deadline) {
      console.error('bench timed out');
      exitCode = 1;
      break;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  await ctx.close();
} finally {
  server.kill();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exitCode);
