/**
 * Electron main process: app lifecycle and wiring. Deliberately thin — the logic lives in
 * secure-window.ts, window-state.ts, menu.ts and ipc.ts, which are unit-tested.
 *
 * - Single instance: a second launch focuses the existing window and exits.
 * - The renderer is served from dist/ through the privileged `app://branchline` scheme, so the
 *   IndexedDB origin (where ALL business data lives) never depends on the install path.
 *   BRANCHLINE_DEV_URL (e.g. http://localhost:5173) loads Vite's dev server instead.
 * - Window bounds/maximized are remembered in userData/window-state.json.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, net, protocol, screen, session, shell } from 'electron';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MENU_EVENT_CHANNEL, type MenuCommand } from '../shared/ipc/contract';
import { createHandlers, registerIpcHandlers } from './ipc';
import { buildMenuTemplate, pickMenuLocale } from './menu';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  appOrigins,
  createSecureWindow,
  hardenSession,
  resolveAppFile,
} from './secure-window';
import {
  clampWindowState,
  loadWindowState,
  saveWindowState,
  trackWindowState,
  windowStatePath,
  type WindowStateFs,
} from './window-state';

const devUrl = process.env.BRANCHLINE_DEV_URL || undefined;
const allowedOrigins = appOrigins(devUrl);
let mainWindow: BrowserWindow | null = null;

// Must happen before 'ready': standard + secure makes app:// a real origin for IndexedDB,
// fetch and CSP 'self'.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
  },
]);

const nodeFs: WindowStateFs = {
  readFile: (file) => fs.readFileSync(file, 'utf8'),
  writeFile: (file, data) => fs.writeFileSync(file, data, 'utf8'),
  rename: (from, to) => fs.renameSync(from, to),
  mkdir: (dir) => fs.mkdirSync(dir, { recursive: true }),
};

/** Serve dist/ on app://branchline with the CSP header; anything outside dist/ is a 404. */
function registerAppProtocol(distDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(distDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

function sendMenuCommand(cmd: MenuCommand): void {
  const win = BrowserWindow.getFocusedWindow() ?? mainWindow;
  win?.webContents.send(MENU_EVENT_CHANNEL, cmd);
}

function showAbout(): void {
  const detail = `Version ${app.getVersion()}\nElectron ${process.versions.electron}\nChromium ${process.versions.chrome}`;
  const options = { type: 'info' as const, title: 'Branchline', message: 'Branchline', detail, buttons: ['OK'] };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function createMainWindow(): BrowserWindow {
  const stateFile = windowStatePath(app.getPath('userData'));
  const saved = loadWindowState(nodeFs, stateFile);
  const state = clampWindowState(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const iconPath = path.join(app.getAppPath(), 'resources', 'icon.png');
  const win = createSecureWindow(
    { BrowserWindow, openExternal: (url) => shell.openExternal(url) },
    {
      preloadPath: path.join(__dirname, 'preload.cjs'),
      allowedOrigins,
      window: {
        x: state.x,
        y: state.y,
        width: state.width,
        height: state.height,
        minWidth: 640,
        minHeight: 480,
        title: 'Branchline',
        backgroundColor: '#ffffff',
        ...(fs.existsSync(iconPath) ? { icon: iconPath } : {}),
      },
    },
  );
  if (state.maximized) win.maximize();
  trackWindowState(win, (s) => saveWindowState(nodeFs, stateFile, s, (e) => console.warn('window-state:', e)));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(devUrl ?? APP_ENTRY_URL);
  return win;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  // Another Branchline is running: it receives 'second-instance' and focuses itself.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);

  app.whenReady().then(() => {
    hardenSession(session.defaultSession, { dev: Boolean(devUrl) });
    registerAppProtocol(path.join(app.getAppPath(), 'dist'));
    registerIpcHandlers(
      ipcMain,
      createHandlers({
        app,
        dialog,
        windowOf: (sender) => BrowserWindow.fromWebContents(sender),
        fs: {
          writeFile: (file, data) => fsp.writeFile(file, data),
          readFile: (file) => fsp.readFile(file),
          size: async (file) => (await fsp.stat(file)).size,
        },
        versions: { electron: process.versions.electron, platform: process.platform },
      }),
      allowedOrigins,
      (e) => console.error('ipc:', e),
    );
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          locale: pickMenuLocale(app.getLocale()),
          platform: process.platform,
          dev: Boolean(devUrl) || !app.isPackaged,
          send: sendMenuCommand,
          showAbout,
        }),
      ),
    );
    mainWindow = createMainWindow();

    app.on('activate', () => {
      // macOS: clicking the dock icon with no window open makes a new one.
      if (!mainWindow) mainWindow = createMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
