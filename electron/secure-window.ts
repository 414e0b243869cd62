/**
 * Secure windows, in ONE place (house habit 6).
 *
 * Role: `createSecureWindow` is the only way Branchline makes a BrowserWindow. It also owns the
 * app origin (`app://branchline`), the Content-Security-Policy, the session hardening
 * (permissions, CSP header) and the mapping from `app://` URLs to files under `dist/`.
 *
 * Invariants:
 * - contextIsolation on, sandbox on, nodeIntegration off, webSecurity on, no <webview>.
 * - window.open is always denied; http(s) links open in the system browser, nothing else does.
 * - The window never navigates away from the app origin.
 * - Every permission request (camera, geolocation, notifications, ...) is denied.
 *
 * Electron objects are passed in as parameters so vitest can check all of this without the
 * Electron binary.
 */
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  HandlerDetails,
  Session,
  WebPreferences,
} from 'electron';
import * as path from 'node:path';

/** Custom privileged scheme: gives IndexedDB a stable origin independent of install path. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'branchline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Production CSP. connect-src allows http(s) because the head-office sync server's address is
 * configured by the user at runtime; no script can be loaded from there (script-src 'self').
 * Mantine injects <style> elements, hence style-src 'unsafe-inline'.
 */
export const CONTENT_SECURITY_POLICY = [
  `default-src 'self' ${APP_SCHEME}:`,
  `script-src 'self'`,
  `style-src 'self' 'unsafe-inline'`,
  `img-src 'self' data: blob:`,
  `font-src 'self' data:`,
  `connect-src 'self' http: https:`,
  `object-src 'none'`,
  `base-uri 'self'`,
  `form-action 'self'`,
  `frame-ancestors 'none'`,
].join('; ');

/**
 * Development CSP (only with BRANCHLINE_DEV_URL): Vite's dev server injects an inline React
 * refresh preamble and talks to the page over a websocket. Never used for `app://`.
 */
export const DEV_CONTENT_SECURITY_POLICY = [
  `default-src 'self'`,
  `script-src 'self' 'unsafe-inline'`,
  `style-src 'self' 'unsafe-inline'`,
  `img-src 'self' data: blob:`,
  `font-src 'self' data:`,
  `connect-src 'self' ws: http: https:`,
  `object-src 'none'`,
  `base-uri 'self'`,
  `frame-ancestors 'none'`,
].join('; ');

/** The web preferences of every Branchline window. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

/** The origin of a URL, or null when it cannot be parsed. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // Custom schemes report origin 'null' in some URL implementations; rebuild it ourselves.
    return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/** The origins the app itself may be served from: always app://, plus the dev server if any. */
export function appOrigins(devUrl?: string): string[] {
  const origins = [APP_ORIGIN];
  const dev = devUrl ? originOf(devUrl) : null;
  if (dev) origins.push(dev);
  return origins;
}

export function isAppUrl(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.includes(origin);
}

/** Only plain web links may leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    // Credentials in a link (`https://user:pass@host`) are a phishing trick; refuse them.
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

export type OpenExternal = (url: string) => Promise<void> | void;

/** window.open / target=_blank: never a new Electron window; web links go to the browser. */
export function handleWindowOpen(url: string, openExternal: OpenExternal): { action: 'deny' } {
  if (isSafeExternalUrl(url)) void openExternal(url);
  return { action: 'deny' };
}

/**
 * A navigation of the app window. Returns true when it may proceed (same app origin); anything
 * else is cancelled, and a web link is handed to the system browser instead.
 */
export function allowNavigation(url: string, allowedOrigins: readonly string[], openExternal: OpenExternal): boolean {
  if (isAppUrl(url, allowedOrigins)) return true;
  if (isSafeExternalUrl(url)) void openExternal(url);
  return false;
}

export interface SecureWindowDeps {
  /** The BrowserWindow constructor (injected for tests). */
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  openExternal: OpenExternal;
}

export interface SecureWindowOptions {
  preloadPath: string;
  allowedOrigins: readonly string[];
  /** Size, position, title, icon...; webPreferences are NOT accepted here on purpose. */
  window?: Omit<BrowserWindowConstructorOptions, 'webPreferences'>;
}

/** Create a Branchline window with the secure defaults and navigation guards attached. */
export function createSecureWindow(deps: SecureWindowDeps, opts: SecureWindowOptions): BrowserWindow {
  const win = new deps.BrowserWindow({
    show: false,
    ...opts.window,
    webPreferences: secureWebPreferences(opts.preloadPath),
  });
  const wc = win.webContents;
  wc.setWindowOpenHandler((details: HandlerDetails) => handleWindowOpen(details.url, deps.openExternal));
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!allowNavigation(url, opts.allowedOrigins, deps.openExternal)) event.preventDefault();
  };
  wc.on('will-navigate', (event) => guard(event, event.url));
  wc.on('will-redirect', (event) => guard(event, event.url));
  // <webview> is disabled in webPreferences; this also refuses one if that ever changes.
  wc.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  return win;
}

/**
 * Session-wide hardening: deny every permission and add the CSP header to every response
 * (the `app://` handler also sets it; the dev server does not, so this covers it).
 */
export function hardenSession(session: Session, opts: { dev: boolean }): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const policy = opts.dev ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, policy) });
  });
}

/** Response headers with our CSP replacing any the server sent (header names are case-insensitive). */
export function withCsp(
  headers: Record<string, string | string[]> | undefined,
  policy: string = CONTENT_SECURITY_POLICY,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}

/**
 * Map an `app://branchline/...` request to a file under `distDir`, or null when it must be
 * refused (other host, path escaping dist/). Paths without an extension fall back to
 * index.html so client-side routes survive a reload.
 */
export function resolveAppFile(distDir: string, requestUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = path.resolve(distDir);
  const file = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (file === root || path.extname(file) === '') return path.join(root, 'index.html');
  return file;
}
