import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  appOrigins,
  createSecureWindow,
  hardenSession,
  isSafeExternalUrl,
  resolveAppFile,
  withCsp,
} from '../../electron/secure-window';

type Listener = (...args: unknown[]) => void;

/** A stand-in BrowserWindow that records what createSecureWindow configures. */
function fakeWindowClass() {
  const made: FakeWindow[] = [];
  class FakeWindow {
    options: BrowserWindowConstructorOptions;
    listeners = new Map<string, Listener>();
    onceListeners = new Map<string, Listener>();
    openHandler?: (d: { url: string }) => { action: string };
    shown = false;
    webContents = {
      setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => (this.openHandler = h),
      on: (name: string, l: Listener) => this.listeners.set(name, l),
    };
    constructor(options: BrowserWindowConstructorOptions) {
      this.options = options;
      made.push(this);
    }
    once(name: string, l: Listener) {
      this.onceListeners.set(name, l);
    }
    show() {
      this.shown = true;
    }
    /** Simulate a navigation event; returns whether it was cancelled. */
    navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
      const ev = { url, preventDefault: vi.fn() };
      this.listeners.get(event)!(ev);
      return ev.preventDefault.mock.calls.length > 0;
    }
  }
  return { FakeWindow, made };
}

function makeWindow(devUrl?: string) {
  const { FakeWindow, made } = fakeWindowClass();
  const openExternal = vi.fn();
  createSecureWindow(
    { BrowserWindow: FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow, openExternal },
    {
      preloadPath: '/app/dist-electron/preload.cjs',
      allowedOrigins: appOrigins(devUrl),
      // A caller trying to weaken the window must not succeed (webPreferences are not accepted).
      window: { width: 1000, height: 700, webPreferences: { nodeIntegration: true, sandbox: false } } as never,
    },
  );
  return { win: made[0], openExternal };
}

describe('createSecureWindow', () => {
  it('always uses the secure web preferences', () => {
    const { win } = makeWindow();
    expect(win.options.width).toBe(1000);
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('shows the window once it is ready (no white flash)', () => {
    const { win } = makeWindow();
    expect(win.shown).toBe(false);
    win.onceListeners.get('ready-to-show')!();
    expect(win.shown).toBe(true);
  });

  it.each([
    ['https://branchline.app/help', true],
    ['http://hq.local:8080/', true],
    [`${APP_ORIGIN}/index.html#/settings`, false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['https://user:pw@evil.example/', false],
  ])('denies window.open(%s); opens it externally: %s', (url, external) => {
    const { win, openExternal } = makeWindow();
    expect(win.openHandler!({ url })).toEqual({ action: 'deny' });
    if (external) expect(openExternal).toHaveBeenCalledWith(url);
    else expect(openExternal).not.toHaveBeenCalled();
  });

  it('lets the window move within the app origin only', () => {
    const { win, openExternal } = makeWindow();
    expect(win.navigate('will-navigate', `${APP_ORIGIN}/index.html#/customers`)).toBe(false);
    expect(win.navigate('will-navigate', 'app://other-host/index.html')).toBe(true);
    expect(win.navigate('will-navigate', 'file:///home/u/.ssh/id_rsa')).toBe(true);
    expect(win.navigate('will-redirect', 'https://evil.example/phish')).toBe(true);
    expect(win.navigate('will-navigate', 'https://branchline.app/docs')).toBe(true);
    // Blocked web links still reach the user, in their browser.
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual(['https://evil.example/phish', 'https://branchline.app/docs']);
  });

  it('allows the dev server origin only when one is configured', () => {
    expect(makeWindow().win.navigate('will-navigate', 'http://localhost:5173/')).toBe(true);
    const { win } = makeWindow('http://localhost:5173/');
    expect(win.navigate('will-navigate', 'http://localhost:5173/#/x')).toBe(false);
    expect(win.navigate('will-navigate', 'http://localhost:5174/')).toBe(true);
  });

  it('refuses <webview> attachment', () => {
    const { win } = makeWindow();
    const ev = { preventDefault: vi.fn() };
    win.listeners.get('will-attach-webview')!(ev);
    expect(ev.preventDefault).toHaveBeenCalled();
  });
});

describe('session hardening', () => {
  type RequestHandler = (wc: unknown, permission: string, cb: (ok: boolean) => void) => void;
  type CheckHandler = (...args: unknown[]) => boolean;
  type HeadersHandler = (details: unknown, cb: (r: unknown) => void) => void;
  function fakeSession() {
    const captured: { request?: RequestHandler; check?: CheckHandler; headers?: HeadersHandler } = {};
    const session = {
      setPermissionRequestHandler: (h: RequestHandler) => (captured.request = h),
      setPermissionCheckHandler: (h: CheckHandler) => (captured.check = h),
      webRequest: { onHeadersReceived: (h: HeadersHandler) => (captured.headers = h) },
    };
    return Object.assign(captured, { session });
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies the %s permission',
    (permission) => {
      const s = fakeSession();
      hardenSession(s.session as unknown as Session, { dev: false });
      const cb = vi.fn();
      s.request!({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(s.check!({}, permission, APP_ORIGIN, {})).toBe(false);
    },
  );

  it('puts our CSP on every response, replacing the server one', () => {
    const s = fakeSession();
    hardenSession(s.session as unknown as Session, { dev: false });
    const cb = vi.fn();
    s.headers!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } }, cb);
    expect(cb).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('has the strict policy we agreed on', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'", 'app:']);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives['connect-src']).toEqual(["'self'", 'http:', 'https:']);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://example.com', true],
    ['http://example.com', true],
    ['mailto:a@b.c', false],
    ['file:///C:/Windows/system32/calc.exe', false],
    ['ms-msdt:/id', false],
    ['not a url', false],
  ])('%s -> %s', (url, ok) => expect(isSafeExternalUrl(url)).toBe(ok));
});

describe('resolveAppFile (app:// -> dist/)', () => {
  const dist = path.resolve('/opt/branchline/dist');
  it.each([
    ['app://branchline/index.html', path.join(dist, 'index.html')],
    ['app://branchline/', path.join(dist, 'index.html')],
    ['app://branchline/assets/index-abc.js', path.join(dist, 'assets', 'index-abc.js')],
    ['app://branchline/assets/%E5%9B%BE.png', path.join(dist, 'assets', '图.png')],
    ['app://branchline/customers/42', path.join(dist, 'index.html')], // client route
    // The URL parser and our normalisation both clamp '..' at the root: never outside dist/.
    ['app://branchline/../../etc/shadow.txt', path.join(dist, 'etc', 'shadow.txt')],
    ['app://branchline/..%2f..%2fetc%2fshadow.txt', path.join(dist, 'etc', 'shadow.txt')],
    ['app://branchline/%2e%2e%2f%2e%2e%2fetc/shadow.txt', path.join(dist, 'etc', 'shadow.txt')],
  ])('%s -> %s', (url, file) => expect(resolveAppFile(dist, url)).toBe(file));

  it.each([
    'app://evil/index.html',
    'https://branchline/index.html',
    'app://branchline/a%00.js',
    'app://branchline/%E0%A4%A',
    'nonsense',
  ])('refuses %s', (url) => expect(resolveAppFile(dist, url)).toBeNull());
});
