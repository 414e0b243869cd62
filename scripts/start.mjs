/**
 * `npm start`: run Branchline.
 *
 * Electron is the product: when its runtime binary is available (or can be fetched within the
 * probe timeout) we build the renderer (vite build -> dist/) and the shell (dist-electron/) and
 * launch `electron .`. When it is not (offline machine, CI without the binary) we say so in ONE
 * line, build the renderer and serve it with `vite preview` — the same UI in the browser.
 *
 * Environment: BRANCHLINE_WEB=1 (or `npm start -- --web`) skips straight to web mode;
 * PORT sets the web-mode port (default 4173); BRANCHLINE_ELECTRON_PROBE_TIMEOUT_MS bounds the
 * binary probe (default 60000).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decideLaunch, probeElectron, probeTimeoutMs, webModeNotice, webModeUrlLine } from './start-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const viteBin = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const argv = process.argv.slice(2);

/** Run a command to completion with inherited output; reject on failure. */
function run(cmd, args, label) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed (exit ${code})`))));
  });
}

/** Run the long-lived app process; forward Ctrl-C / SIGTERM to it and exit with its code. */
function runForeground(cmd, args, extraEnv = {}) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (e) => {
    console.error(`Could not start ${cmd}: ${e.message}`);
    process.exit(1);
  });
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

async function main() {
  let decision = decideLaunch({ env: process.env, argv });
  if (decision.mode === 'probe') {
    const probe = await probeElectron({ cwd: root, timeoutMs: probeTimeoutMs(process.env) });
    decision = decideLaunch({ env: process.env, argv, probe });
  }

  if (decision.mode === 'electron') {
    await run(process.execPath, [viteBin, 'build'], 'vite build');
    await run(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], 'electron build');
    // ELECTRON_RUN_AS_NODE in the parent environment would make Electron act as plain Node.
    runForeground(decision.electronPath, ['.'], { ELECTRON_RUN_AS_NODE: '' });
    return;
  }

  if (decision.mode === 'web') {
    console.log(webModeNotice(decision));
    await run(process.execPath, [viteBin, 'build'], 'vite build');
    runForeground(process.execPath, [viteBin, 'preview', '--port', String(decision.port), '--strictPort']);
    console.log(webModeUrlLine(decision.port));
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
