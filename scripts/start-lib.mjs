/**
 * Decision logic of `npm start` (scripts/start.mjs), kept pure so it is unit-tested:
 * Electron when its runtime binary is available, otherwise web mode with ONE clear line saying why.
 *
 * Obtaining the binary: `require('electron')` returns its path and, when the binary is missing,
 * tries to download it. That download can hang forever on a dead network, so the probe runs in a
 * child process (its own process group) with a timeout and kills the whole group on expiry.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEFAULT_WEB_PORT = 4173;
export const DEFAULT_PROBE_TIMEOUT_MS = 60_000;
/** Prefix of the probe child's answer line. */
export const PATH_MARKER = 'BRANCHLINE_ELECTRON_PATH=';

/** PORT from the environment when it is a valid TCP port, else the default. */
export function parsePort(value, fallback = DEFAULT_WEB_PORT) {
  if (value === undefined || value === null || String(value).trim() === '') return fallback;
  const s = String(value).trim();
  if (!/^\d+$/.test(s)) return fallback;
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : fallback;
}

/** True for BRANCHLINE_WEB=1/true/yes (any case). */
export function wantsWebMode(env) {
  return /^(1|true|yes)$/i.test(String(env.BRANCHLINE_WEB ?? '').trim());
}

export function probeTimeoutMs(env) {
  const n = Number(env.BRANCHLINE_ELECTRON_PROBE_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_PROBE_TIMEOUT_MS;
}

/**
 * @param {{ env: Record<string, string | undefined>, argv?: string[], probe?: { ok: true, path: string } | { ok: false, reason: string } }} input
 * @returns {{ mode: 'electron', electronPath: string } | { mode: 'web', requested: boolean, reason: string, port: number } | { mode: 'probe' }}
 *   'probe' means: nothing decides yet, run the Electron probe and call again with its result.
 */
export function decideLaunch({ env, argv = [], probe }) {
  const port = parsePort(env.PORT);
  if (wantsWebMode(env) || argv.includes('--web')) {
    return { mode: 'web', requested: true, reason: 'web mode requested (BRANCHLINE_WEB=1 or --web)', port };
  }
  if (!probe) return { mode: 'probe' };
  if (probe.ok) return { mode: 'electron', electronPath: probe.path };
  return { mode: 'web', requested: false, reason: probe.reason, port };
}

/** The one line explaining web mode: a plain statement when asked for, the reason otherwise. */
export function webModeNotice(decision) {
  if (decision.requested) return `Starting Branchline in web mode (${decision.reason}).`;
  const reason = decision.reason;
  return `Electron runtime not available on this machine (${reason}); starting Branchline in web mode instead.`;
}

export function webModeUrlLine(port) {
  return `Branchline (web mode): http://localhost:${port}`;
}

/**
 * Interpret the probe child's outcome. Exported for tests.
 * @param {{ code: number | null, timedOut: boolean, stdout: string, stderr: string, error?: Error }} run
 * @param {(p: string) => boolean} exists
 */
export function interpretProbe(run, exists = existsSync) {
  if (run.error) return { ok: false, reason: `could not run the probe: ${run.error.message}` };
  if (run.timedOut) return { ok: false, reason: 'timed out while fetching the Electron binary' };
  // The downloader may print progress on stdout too, so the path is tagged with a marker.
  const marked = run.stdout.split(/\r?\n/).find((l) => l.startsWith(PATH_MARKER));
  const path = marked ? marked.slice(PATH_MARKER.length).trim() : '';
  if (run.code !== 0 || path === '') {
    const last = lastMeaningfulLine(run.stderr) ?? `probe exited with code ${run.code}`;
    return { ok: false, reason: last };
  }
  if (!exists(path)) return { ok: false, reason: `binary missing at ${path}` };
  return { ok: true, path };
}

/**
 * Condense the probe's stderr to one line. electron's index.js wraps every download problem in
 * a generic "failed to install correctly"; the root cause (e.g. "TypeError: fetch failed" on a
 * dead network) is the FIRST error line, so prefer it when there are several.
 */
function lastMeaningfulLine(text) {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at ') && !/^[\^~]+$/.test(l) && !/^Node\.js v/.test(l));
  const errors = lines.filter((l) => /^(Uncaught )?[A-Za-z]*Error\b/.test(l));
  const strip = (l) => l.replace(/^(Uncaught )?Error:\s*/, '').slice(0, 200);
  if (errors.length > 1) return `download failed: ${strip(errors[0])}`;
  if (errors.length === 1) return strip(errors[0]);
  return lines.length ? strip(lines[lines.length - 1]) : undefined;
}

/**
 * Ask `require('electron')` for the binary path in a child process with a timeout.
 * @returns {Promise<{ ok: true, path: string } | { ok: false, reason: string }>}
 */
export function probeElectron({ cwd, timeoutMs = DEFAULT_PROBE_TIMEOUT_MS, nodePath = process.execPath } = {}) {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let child;
    try {
      child = spawn(nodePath, ['-e', `process.stdout.write('\\n${PATH_MARKER}' + require('electron') + '\\n')`], {
        cwd,
        // Own process group: on timeout we kill the probe AND the downloader it spawned.
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      resolve(interpretProbe({ code: null, timedOut: false, stdout: '', stderr: '', error }));
      return;
    }
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(interpretProbe({ code: null, timedOut, stdout, stderr, error }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(interpretProbe({ code, timedOut, stdout, stderr }));
    });
  });
}
