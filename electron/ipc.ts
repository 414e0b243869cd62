/**
 * Main-process side of the IPC contract.
 *
 * Role: one `ipcMain.handle` per contract channel. Every call is checked in this order:
 *   1. the sending frame's URL is on the app origin (a stray iframe or a page that somehow
 *      navigated elsewhere gets `ipc.forbidden_sender`);
 *   2. the request passes the channel's runtime validator (`ipc.invalid_request`);
 *   3. only then the handler runs; if it throws, the caller gets `ipc.failed`.
 * Results travel as an `IpcResult` envelope so typed errors survive the trip (the preload
 * unwraps it).
 *
 * Handlers take their Electron pieces (dialog, app, fs) as parameters: tests run them with fakes.
 */
import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import * as path from 'node:path';
import {
  IPC_CHANNELS,
  MAX_IPC_FILE_BYTES,
  ipcError,
  validateIpcRequest,
  type FileFilter,
  type IpcChannel,
  type IpcRequest,
  type IpcResponse,
  type IpcResult,
} from '../shared/ipc/contract';
import { isAppUrl } from './secure-window';

/** What a handler may know about its caller. */
export interface IpcCallContext {
  sender: WebContents;
}

export type IpcHandlers = {
  [C in IpcChannel]: (req: IpcRequest<C>, ctx: IpcCallContext) => Promise<IpcResponse<C>> | IpcResponse<C>;
};

/** The part of an invoke event we rely on (senderFrame is null once the frame is gone). */
export type IpcEventLike = Pick<IpcMainInvokeEvent, 'sender'> & { senderFrame: { url: string } | null };

/**
 * Build the guarded dispatcher for one channel. Pure with respect to Electron: it is what
 * `registerIpcHandlers` passes to `ipcMain.handle`, and what tests call directly.
 */
export function createGuardedHandler<C extends IpcChannel>(
  channel: C,
  handler: IpcHandlers[C],
  allowedOrigins: readonly string[],
  onError: (e: unknown) => void = () => {},
): (event: IpcEventLike, raw: unknown) => Promise<IpcResult<IpcResponse<C>>> {
  return async (event, raw) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl, allowedOrigins)) {
      return { ok: false, error: ipcError('ipc.forbidden_sender', { channel, origin: frameUrl }) };
    }
    const parsed = validateIpcRequest(channel, raw);
    if (!parsed.ok) return parsed;
    try {
      const value = await handler(parsed.value, { sender: event.sender });
      return { ok: true, value };
    } catch (e) {
      onError(e);
      const message = e instanceof Error ? e.message : String(e);
      const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : undefined;
      return { ok: false, error: ipcError('ipc.failed', { channel, message, cause: code }) };
    }
  };
}

/** Register every contract channel on ipcMain. A missing handler is a type error, not a runtime gap. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: IpcHandlers,
  allowedOrigins: readonly string[],
  onError?: (e: unknown) => void,
): void {
  for (const channel of IPC_CHANNELS) {
    const guarded = createGuardedHandler(channel, handlers[channel] as IpcHandlers[typeof channel], allowedOrigins, onError);
    ipcMain.handle(channel, (event, raw) => guarded(event, raw));
  }
}

// ---------------------------------------------------------------------------------------------
// The real handlers
// ---------------------------------------------------------------------------------------------

export interface HandlerDeps {
  app: { getVersion(): string; getPath(name: 'documents'): string };
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  /** BrowserWindow.fromWebContents: the window that made the call owns the dialog. */
  windowOf: (sender: WebContents) => BrowserWindow | null;
  fs: {
    writeFile(file: string, data: Uint8Array): Promise<void>;
    readFile(file: string): Promise<Uint8Array>;
    size(file: string): Promise<number>;
  };
  versions: { electron: string; platform: string };
}

/** A file too large to send in one IPC message is refused before it is read into memory. */
export class FileTooLargeError extends Error {
  readonly code = 'file_too_large';
  constructor(readonly bytes: number) {
    super(`File is ${bytes} bytes; the limit is ${MAX_IPC_FILE_BYTES}`);
  }
}

export function createHandlers(deps: HandlerDeps): IpcHandlers {
  const requireWindow = (sender: WebContents): BrowserWindow => {
    const win = deps.windowOf(sender);
    if (!win) throw new Error('The calling window no longer exists');
    return win;
  };
  const saveDialog = async (win: BrowserWindow, suggestedName: string, filters?: FileFilter[]) => {
    const result = await deps.dialog.showSaveDialog(win, {
      defaultPath: path.join(deps.app.getPath('documents'), suggestedName),
      filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    return result.canceled || !result.filePath ? null : result.filePath;
  };

  return {
    'app:version': () => ({
      version: deps.app.getVersion(),
      electron: deps.versions.electron,
      platform: deps.versions.platform,
    }),

    'file:save': async (req, { sender }) => {
      const file = await saveDialog(requireWindow(sender), req.suggestedName, req.filters);
      if (!file) return { saved: false };
      await deps.fs.writeFile(file, req.data);
      return { saved: true, path: file };
    },

    'file:open': async (req, { sender }) => {
      const result = await deps.dialog.showOpenDialog(requireWindow(sender), {
        filters: req.filters,
        properties: ['openFile'],
      });
      const file = result.canceled ? undefined : result.filePaths[0];
      if (!file) return null;
      const bytes = await deps.fs.size(file);
      if (bytes > MAX_IPC_FILE_BYTES) throw new FileTooLargeError(bytes);
      const data = await deps.fs.readFile(file);
      // Node hands back a Buffer (a pooled Uint8Array view); send exactly the file's bytes.
      return { name: path.basename(file), data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    },

    'print:pdf': async (req, { sender }) => {
      // Ask where first: if the user cancels, we never render the PDF at all.
      const file = await saveDialog(requireWindow(sender), req.suggestedName, [{ name: 'PDF', extensions: ['pdf'] }]);
      if (!file) return { saved: false };
      const pdf = await sender.printToPDF({ printBackground: true, pageSize: 'A4' });
      await deps.fs.writeFile(file, pdf);
      return { saved: true, path: file };
    },

    'window:set-title': (req, { sender }) => {
      requireWindow(sender).setTitle(req.title);
    },
  };
}
