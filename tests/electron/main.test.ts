/**
 * Wiring of electron/main.ts with a fake 'electron' module: what happens at start-up, without
 * the Electron binary. The pieces it wires are tested in their own files; this checks that main
 * really uses them (secure window, privileged app:// scheme, every IPC channel, menu, state).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/contract';

const h = vi.hoisted(() => {
  const userData = `${process.env.TMPDIR ?? '/tmp'}/bl-main-test-${process.pid}`;
  const appPath = `${process.env.TMPDIR ?? '/tmp'}/bl-main-app-${process.pid}`;
  const state = {
    userData,
    appPath,
    privileged: [] as unknown[],
    protocolHandler: undefined as undefined | ((req: { url: string }) => Promise<Response>),
    ipcChannels: [] as string[],
    windows: [] as Array<{ options: Record<string, unknown>; url?: string; maximized: boolean; calls: string[] }>,
    menuTemplate: undefined as unknown,
    appEvents: new Map<string, (...a: unknown[]) => void>(),
    ready: undefined as undefined | (() => void),
    permissionHandler: undefined as undefined | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  };
  return state;
});

vi.mock('electron', async () => {
  const { readFile } = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  class BrowserWindow {
    record: { options: Record<string, unknown>; url?: string; maximized: boolean; calls: string[] };
    webContents = { setWindowOpenHandler: () => {}, on: () => {}, send: () => {} };
    constructor(options: Record<string, unknown>) {
      this.record = { options, maximized: false, calls: [] };
      h.windows.push(this.record);
    }
    static getFocusedWindow = () => null;
    static fromWebContents = () => null;
    once() {}
    on() {}
    show() {
      this.record.calls.push('show');
    }
    isMinimized() {
      return true;
    }
    restore() {
      this.record.calls.push('restore');
    }
    focus() {
      this.record.calls.push('focus');
    }
    maximize() {
      this.record.maximized = true;
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  const display = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  return {
    BrowserWindow,
    Menu: { buildFromTemplate: (t: unknown) => (h.menuTemplate = t), setApplicationMenu: () => {} },
    app: {
      requestSingleInstanceLock: () => true,
      on: (e: string, l: () => void) => h.appEvents.set(e, l),
      whenReady: () => new Promise<void>((r) => (h.ready = r)),
      getPath: () => h.userData,
      getAppPath: () => h.appPath,
      getLocale: () => 'zh-CN',
      getVersion: () => '0.1.0',
      isPackaged: true,
      quit: () => {},
    },
    dialog: {},
    ipcMain: { handle: (ch: string) => h.ipcChannels.push(ch) },
    net: {
      fetch: async (url: string) => new Response(await readFile(fileURLToPath(url)), { headers: { 'Content-Type': 'text/html' } }),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => h.privileged.push(...s),
      handle: (_scheme: string, fn: typeof h.protocolHandler) => (h.protocolHandler = fn),
    },
    screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof h.permissionHandler) => (h.permissionHandler = fn),
        setPermissionCheckHandler: () => {},
        webRequest: { onHeadersReceived: () => {} },
      },
    },
    shell: { openExternal: () => Promise.resolve() },
  };
});

beforeAll(async () => {
  fs.mkdirSync(path.join(h.appPath, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(h.appPath, 'dist', 'index.html'), '<!doctype html><title>Branchline</title>');
  fs.mkdirSync(h.userData, { recursive: true });
  // A saved state from a monitor that is gone: main must clamp it onto the primary display.
  fs.writeFileSync(path.join(h.userData, 'window-state.json'), JSON.stringify({ x: 5000, y: 5000, width: 1200, height: 800, maximized: true }));
  await import('../../electron/main');
  expect(h.privileged).toHaveLength(1); // registered at import time, before 'ready'
  expect(h.windows).toHaveLength(0);
  h.ready!();
  await new Promise((r) => setTimeout(r, 10));
});

afterAll(() => {
  fs.rmSync(h.userData, { recursive: true, force: true });
  fs.rmSync(h.appPath, { recursive: true, force: true });
});

describe('electron/main start-up', () => {
  it('registers app:// as a standard, secure scheme (stable IndexedDB origin)', () => {
    expect(h.privileged[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
  });

  it('registers every IPC channel of the contract', () => {
    expect([...h.ipcChannels].sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('opens one secure window on app://branchline, clamped from the saved state', () => {
    expect(h.windows).toHaveLength(1);
    const w = h.windows[0];
    expect(w.url).toBe('app://branchline/index.html');
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String((w.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(w.options).toMatchObject({ x: 360, y: 120, width: 1200, height: 800 });
    expect(w.maximized).toBe(true);
  });

  it('builds the native menu in the OS language', () => {
    expect((h.menuTemplate as Array<{ label: string }>).map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
  });

  it('denies permissions on the default session', () => {
    const cb = vi.fn();
    h.permissionHandler!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
  });

  it('serves dist/ over app:// with the CSP header, and nothing outside dist/', async () => {
    const res = await h.protocolHandler!({ url: 'app://branchline/index.html' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Branchline</title>');
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    const other = await h.protocolHandler!({ url: 'app://elsewhere/index.html' });
    expect(other.status).toBe(404);
  });

  it('restores and focuses the existing window on a second launch (no second window)', () => {
    h.appEvents.get('second-instance')!();
    expect(h.windows).toHaveLength(1);
    expect(h.windows[0].calls).toEqual(['restore', 'show', 'focus']);
  });
});
