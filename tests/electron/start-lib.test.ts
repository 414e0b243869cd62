import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_WEB_PORT,
  PATH_MARKER,
  decideLaunch,
  interpretProbe,
  parsePort,
  probeElectron,
  probeTimeoutMs,
  webModeNotice,
  webModeUrlLine,
} from '../../scripts/start-lib.mjs';

describe('decideLaunch', () => {
  it('asks for a probe when nothing else decides', () => {
    expect(decideLaunch({ env: {} })).toEqual({ mode: 'probe' });
  });

  it.each(['1', 'true', 'YES'])('BRANCHLINE_WEB=%s skips the probe', (v) => {
    expect(decideLaunch({ env: { BRANCHLINE_WEB: v } })).toMatchObject({ mode: 'web', requested: true, port: 4173 });
  });

  it('--web skips the probe too; BRANCHLINE_WEB=0 does not', () => {
    expect(decideLaunch({ env: {}, argv: ['--web'] })).toMatchObject({ mode: 'web', requested: true });
    expect(decideLaunch({ env: { BRANCHLINE_WEB: '0' } })).toEqual({ mode: 'probe' });
  });

  it('launches Electron when the probe found the binary', () => {
    expect(decideLaunch({ env: {}, probe: { ok: true, path: '/x/electron' } })).toEqual({ mode: 'electron', electronPath: '/x/electron' });
  });

  it('falls back to web mode with the probe reason and the PORT', () => {
    expect(decideLaunch({ env: { PORT: '8080' }, probe: { ok: false, reason: 'timed out' } })).toEqual({
      mode: 'web',
      requested: false,
      reason: 'timed out',
      port: 8080,
    });
  });

  it('BRANCHLINE_WEB wins even over a working binary', () => {
    expect(decideLaunch({ env: { BRANCHLINE_WEB: '1' }, probe: { ok: true, path: '/x' } }).mode).toBe('web');
  });
});

describe('parsePort / timeouts / messages', () => {
  it.each([
    [undefined, 4173],
    ['', 4173],
    ['3000', 3000],
    [' 3000 ', 3000],
    ['0', 4173],
    ['70000', 4173],
    ['80abc', 4173],
    ['-1', 4173],
  ])('PORT=%j -> %d', (v, p) => expect(parsePort(v)).toBe(p));

  it('defaults the web port to 4173', () => expect(DEFAULT_WEB_PORT).toBe(4173));

  it('bounds the probe at 60 s unless configured', () => {
    expect(probeTimeoutMs({})).toBe(60_000);
    expect(probeTimeoutMs({ BRANCHLINE_ELECTRON_PROBE_TIMEOUT_MS: '5000' })).toBe(5000);
    expect(probeTimeoutMs({ BRANCHLINE_ELECTRON_PROBE_TIMEOUT_MS: 'soon' })).toBe(60_000);
  });

  it('prints one clear line for each case', () => {
    expect(webModeNotice({ requested: false, reason: 'getaddrinfo ENOTFOUND github.com' })).toBe(
      'Electron runtime not available on this machine (getaddrinfo ENOTFOUND github.com); starting Branchline in web mode instead.',
    );
    expect(webModeNotice({ requested: true, reason: 'web mode requested (BRANCHLINE_WEB=1 or --web)' })).toBe(
      'Starting Branchline in web mode (web mode requested (BRANCHLINE_WEB=1 or --web)).',
    );
    expect(webModeUrlLine(4173)).toBe('Branchline (web mode): http://localhost:4173');
  });
});

describe('interpretProbe', () => {
  const exists = (p: string) => p === '/opt/electron/electron';
  it('finds the marked path among downloader chatter', () => {
    const stdout = `Downloading Electron binary...\n\n${PATH_MARKER}/opt/electron/electron\n`;
    expect(interpretProbe({ code: 0, timedOut: false, stdout, stderr: '' }, exists)).toEqual({ ok: true, path: '/opt/electron/electron' });
  });
  it('reports a path that does not exist', () => {
    const r = interpretProbe({ code: 0, timedOut: false, stdout: `${PATH_MARKER}/nope\n`, stderr: '' }, exists);
    expect(r).toEqual({ ok: false, reason: 'binary missing at /nope' });
  });
  it('reports a timeout', () => {
    expect(interpretProbe({ code: null, timedOut: true, stdout: '', stderr: '' }, exists)).toEqual({
      ok: false,
      reason: 'timed out while fetching the Electron binary',
    });
  });
  it('names the root cause when electron wraps a failed download', () => {
    const stderr = [
      'TypeError: fetch failed',
      '    at node:internal/deps/undici/undici:14976:13',
      '    at async FetchDownloader.download (file:///w/node_modules/@electron/get/dist/FetchDownloader.js:46:30)',
      '/w/node_modules/electron/index.js:43',
      '      throw new Error(',
      '      ^',
      '',
      'Error: Electron failed to install correctly. Please delete `node_modules/electron` and run "npx install-electron --no" manually.',
      '    at getElectronPath (/w/node_modules/electron/index.js:43:13)',
      '',
      'Node.js v20.20.2',
    ].join('\n');
    expect(interpretProbe({ code: 1, timedOut: false, stdout: 'Downloading Electron binary...\n', stderr }, exists)).toEqual({
      ok: false,
      reason: 'download failed: TypeError: fetch failed',
    });
  });

  it('condenses a stack trace to its error line', () => {
    const stderr = [
      '/work/node_modules/electron/index.js:10',
      '      throw new Error(',
      '      ^',
      '',
      'Error: Electron failed to install correctly. Please delete `node_modules/electron`',
      '    at getElectronPath (/work/node_modules/electron/index.js:10:13)',
      '',
      'Node.js v20.20.2',
    ].join('\n');
    expect(interpretProbe({ code: 1, timedOut: false, stdout: 'Downloading Electron binary...\n', stderr }, exists)).toEqual({
      ok: false,
      reason: 'Electron failed to install correctly. Please delete `node_modules/electron`',
    });
  });
});

describe('probeElectron (real child processes)', () => {
  // A fake project whose `require('electron')` behaves like each real outcome.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-probe-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  function project(name: string, electronIndex: string): string {
    const dir = path.join(root, name);
    fs.mkdirSync(path.join(dir, 'node_modules', 'electron'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'electron', 'index.js'), electronIndex);
    return dir;
  }

  it('returns the binary path when require("electron") yields an existing file', async () => {
    const binary = path.join(root, 'electron-bin');
    fs.writeFileSync(binary, '');
    const cwd = project('ok', `console.log('Downloading Electron binary...'); module.exports = ${JSON.stringify(binary)};`);
    expect(await probeElectron({ cwd, timeoutMs: 10_000 })).toEqual({ ok: true, path: binary });
  });

  it('returns the error when the download fails', async () => {
    const cwd = project('fail', `throw new Error('Electron failed to install correctly');`);
    expect(await probeElectron({ cwd, timeoutMs: 10_000 })).toEqual({ ok: false, reason: 'Electron failed to install correctly' });
  });

  it('gives up on a hanging download within the timeout and kills it', async () => {
    const pidFile = path.join(root, 'hang.pid');
    // Like electron's index.js: the probe spawns a downloader child that hangs forever.
    const cwd = project(
      'hang',
      `const cp = require('child_process');
       const c = cp.spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
       require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid));
       require('child_process').spawnSync(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);`,
    );
    const started = Date.now();
    const r = await probeElectron({ cwd, timeoutMs: 1500 });
    expect(r).toEqual({ ok: false, reason: 'timed out while fetching the Electron binary' });
    expect(Date.now() - started).toBeLessThan(8000);
    // The grandchild (the "downloader") was killed with the process group. A killed process
    // may linger briefly as a zombie until its new parent reaps it; that counts as dead.
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    const running = () => {
      try {
        process.kill(pid, 0);
      } catch {
        return false;
      }
      try {
        return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return true; // no /proc (not Linux): signal 0 succeeded, so it exists
      }
    };
    for (let i = 0; i < 40 && running(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(running()).toBe(false);
  });

  it('reports, rather than hangs, on this machine (real electron package)', async () => {
    // Whatever this machine offers, the probe must answer within its timeout.
    const r = await probeElectron({ cwd: path.resolve(__dirname, '../..'), timeoutMs: 20_000 });
    expect(typeof r.ok).toBe('boolean');
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
  }, 30_000);
});
