/**
 * The ONE typed IPC contract between Branchline's renderer and the Electron main process.
 *
 * Role: every channel the renderer may invoke is declared here once, as `area:verb`, with a
 * runtime validator of its request and the TypeScript type of its response. The preload refuses
 * any channel not listed here; the main process re-validates every request before acting (the
 * renderer is untrusted: a compromised page can send anything).
 *
 * Invariants:
 * - Plain TypeScript, no imports: this file runs in the sandboxed preload, in the main process,
 *   in the renderer and in Node tests.
 * - Validators never throw; they return `{ ok: false, error }` with a typed error
 *   `{ code: 'ipc.invalid_request', params }` (house habit 7: bad input is a typed error).
 * - Handlers answer with an `IpcResult` envelope rather than throwing, because Electron flattens
 *   a thrown error into a message string and the typed `code` would be lost on the way.
 * - There is deliberately no generic file-system, shell or database channel.
 */

// ---------------------------------------------------------------------------------------------
// Shared value types
// ---------------------------------------------------------------------------------------------

/** A native dialog filter, e.g. `{ name: 'Branchline backup', extensions: ['blbak'] }`. */
export interface FileFilter {
  name: string;
  /** Extensions without the dot; `'*'` means any file. */
  extensions: string[];
}

/** Largest file the shell will read or write through IPC (whole backups travel in one message). */
export const MAX_IPC_FILE_BYTES = 1024 * 1024 * 1024;

/** Longest suggested file name / window title we accept; long enough for any real name. */
const MAX_NAME_LENGTH = 255;
const MAX_TITLE_LENGTH = 200;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** Every way an IPC call can fail, as a stable code the UI turns into words. */
export type IpcErrorCode =
  /** The request did not match the channel's declared shape. */
  | 'ipc.invalid_request'
  /** The channel is not in this contract (refused by the preload and by main). */
  | 'ipc.unknown_channel'
  /** The sending frame is not the Branchline app origin. */
  | 'ipc.forbidden_sender'
  /** The request was valid but the operation failed (disk full, file too large, ...). */
  | 'ipc.failed';

export interface IpcError {
  code: IpcErrorCode;
  params: Record<string, string | number | boolean | undefined>;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ipcError(code: IpcErrorCode, params: IpcError['params']): IpcError {
  return { code, params };
}

/** True for the error objects produced by this contract (they cross contextBridge as plain data). */
export function isIpcError(value: unknown): value is IpcError {
  return (
    isPlainRecord(value) &&
    typeof value.code === 'string' &&
    value.code.startsWith('ipc.') &&
    isPlainRecord(value.params)
  );
}

// ---------------------------------------------------------------------------------------------
// Channel request/response types
// ---------------------------------------------------------------------------------------------

/** `app:version` takes no arguments; `{}` keeps every request an object. */
export type EmptyRequest = Record<string, never>;

export interface AppVersionResponse {
  /** Branchline's own version (package.json). */
  version: string;
  /** Electron runtime version. */
  electron: string;
  /** `process.platform` of the main process, e.g. `'linux'`. */
  platform: string;
}

export interface FileSaveRequest {
  /** A bare file name (no directory part): the dialog starts in the user's Documents folder. */
  suggestedName: string;
  data: Uint8Array;
  filters?: FileFilter[];
}

export interface FileSaveResponse {
  /** False when the user cancelled the dialog. */
  saved: boolean;
  path?: string;
}

export interface FileOpenRequest {
  filters?: FileFilter[];
}

/** `null` when the user cancelled the dialog. */
export type FileOpenResponse = { name: string; data: Uint8Array } | null;

export interface PrintPdfRequest {
  suggestedName: string;
}

export type PrintPdfResponse = FileSaveResponse;

export interface WindowSetTitleRequest {
  title: string;
}

// ---------------------------------------------------------------------------------------------
// The contract map
// ---------------------------------------------------------------------------------------------

/**
 * One channel: a runtime validator of the request plus phantom types. `_types` never exists at
 * runtime; it only carries the request/response types to `IpcRequest`/`IpcResponse`.
 */
export interface ChannelDef<Req, Res> {
  readonly validate: (raw: unknown) => IpcResult<Req>;
  readonly _types?: { req: Req; res: Res };
}

function channel<Req, Res>(validate: (raw: unknown) => IpcResult<Req>): ChannelDef<Req, Res> {
  return { validate };
}

export const ipcContract = {
  /** Versions for the About box and bug reports. */
  'app:version': channel<EmptyRequest, AppVersionResponse>((raw) =>
    validateObject('app:version', raw ?? {}, {}, () => ({}) as EmptyRequest),
  ),
  /** Save bytes to a file the user picks (backups, CSV/XLSX exports). */
  'file:save': channel<FileSaveRequest, FileSaveResponse>((raw) =>
    validateObject('file:save', raw, { suggestedName: true, data: true, filters: false }, (o, fail) => {
      const suggestedName = checkFileName(o.suggestedName);
      if (suggestedName) return fail('suggestedName', suggestedName);
      if (!isUint8Array(o.data)) return fail('data', 'not_bytes');
      if (o.data.byteLength > MAX_IPC_FILE_BYTES) return fail('data', 'too_large');
      const filters = checkFilters(o.filters);
      if (filters) return fail('filters', filters);
      const req: FileSaveRequest = { suggestedName: o.suggestedName as string, data: o.data };
      if (o.filters !== undefined) req.filters = o.filters as FileFilter[];
      return req;
    }),
  ),
  /** Let the user pick one file and return its bytes (restore, imports). */
  'file:open': channel<FileOpenRequest, FileOpenResponse>((raw) =>
    validateObject('file:open', raw ?? {}, { filters: false }, (o, fail) => {
      const filters = checkFilters(o.filters);
      if (filters) return fail('filters', filters);
      return o.filters === undefined ? {} : { filters: o.filters as FileFilter[] };
    }),
  ),
  /** Print the calling window to a PDF file the user picks. */
  'print:pdf': channel<PrintPdfRequest, PrintPdfResponse>((raw) =>
    validateObject('print:pdf', raw, { suggestedName: true }, (o, fail) => {
      const suggestedName = checkFileName(o.suggestedName);
      if (suggestedName) return fail('suggestedName', suggestedName);
      return { suggestedName: o.suggestedName as string };
    }),
  ),
  /** Set the native title of the calling window (the OS task switcher shows it). */
  'window:set-title': channel<WindowSetTitleRequest, void>((raw) =>
    validateObject('window:set-title', raw, { title: true }, (o, fail) => {
      if (typeof o.title !== 'string') return fail('title', 'not_string');
      if (o.title.length > MAX_TITLE_LENGTH) return fail('title', 'too_long');
      if (hasControlChars(o.title)) return fail('title', 'control_chars');
      return { title: o.title };
    }),
  ),
} as const;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = NonNullable<IpcContract[C]['_types']>['req'];
export type IpcResponse<C extends IpcChannel> = NonNullable<IpcContract[C]['_types']>['res'];

export const IPC_CHANNELS = Object.keys(ipcContract) as IpcChannel[];

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ipcContract, value);
}

/** Validate `raw` as the request of `channel`; unknown channels are refused, not thrown. */
export function validateIpcRequest<C extends IpcChannel>(channel: C, raw: unknown): IpcResult<IpcRequest<C>>;
export function validateIpcRequest(channel: string, raw: unknown): IpcResult<unknown>;
export function validateIpcRequest(channel: string, raw: unknown): IpcResult<unknown> {
  if (!isIpcChannel(channel)) {
    return { ok: false, error: ipcError('ipc.unknown_channel', { channel: String(channel) }) };
  }
  return (ipcContract[channel].validate as (raw: unknown) => IpcResult<unknown>)(raw);
}

// ---------------------------------------------------------------------------------------------
// Main -> renderer menu events
// ---------------------------------------------------------------------------------------------

/** The one main->renderer channel: the native menu asks the app to do something. */
export const MENU_EVENT_CHANNEL = 'menu:command';

export const MENU_COMMANDS = [
  'nav:home',
  'nav:settings',
  'app:search',
  'app:backup',
  'app:restore',
  'app:print',
  'theme:toggle',
  'lang:en',
  'lang:zh-CN',
  'app:logout',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// The bridge the preload exposes as `window.branchline`
// ---------------------------------------------------------------------------------------------

export interface BranchlineBridge {
  /**
   * Call a contract channel. Resolves with the response; rejects with an `IpcError`
   * (`ipc.unknown_channel`, `ipc.invalid_request`, `ipc.forbidden_sender`, `ipc.failed`).
   */
  invoke<C extends IpcChannel>(channel: C, req: IpcRequest<C>): Promise<IpcResponse<C>>;
  /** Subscribe to native menu commands; returns the unsubscribe function. */
  onMenu(cb: (cmd: MenuCommand) => void): () => void;
}

// ---------------------------------------------------------------------------------------------
// Validation helpers (private)
// ---------------------------------------------------------------------------------------------

type Fail = (field: string, reason: string) => IpcError;

/**
 * Check that `raw` is a plain object with exactly the allowed keys (required ones present),
 * then let `build` check values. Unknown keys are refused: a request carrying fields we do not
 * read is a caller bug or a probe, and silently ignoring it hides both.
 */
function validateObject<T>(
  channelName: string,
  raw: unknown,
  keys: Record<string, boolean>,
  build: (o: Record<string, unknown>, fail: Fail) => T | IpcError,
): IpcResult<T> {
  const fail: Fail = (field, reason) => ipcError('ipc.invalid_request', { channel: channelName, field, reason });
  if (!isPlainRecord(raw)) return { ok: false, error: fail('', 'not_object') };
  for (const key of Object.keys(raw)) {
    if (!Object.prototype.hasOwnProperty.call(keys, key)) return { ok: false, error: fail(key, 'unknown_field') };
  }
  for (const [key, required] of Object.entries(keys)) {
    if (required && raw[key] === undefined) return { ok: false, error: fail(key, 'required') };
  }
  const built = build(raw, fail);
  if (isIpcError(built)) return { ok: false, error: built };
  return { ok: true, value: built };
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Realm-independent check: values that crossed contextBridge or IPC were built in another
 * JavaScript realm, so `instanceof Uint8Array` would be false for genuine byte arrays.
 * Node's Buffer is a Uint8Array subclass and passes too.
 */
function isUint8Array(value: unknown): value is Uint8Array {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';
}

function hasControlChars(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(s);
}

/**
 * A suggested name must be a bare file name: a directory part would let a page steer the save
 * dialog anywhere (`../../.bashrc`), and the user might accept it without reading.
 */
function checkFileName(value: unknown): string | null {
  if (typeof value !== 'string') return 'not_string';
  if (value.trim() === '') return 'empty';
  if (value.length > MAX_NAME_LENGTH) return 'too_long';
  if (/[\\/]/.test(value)) return 'path_separator';
  if (value === '.' || value === '..') return 'reserved_name';
  if (hasControlChars(value)) return 'control_chars';
  return null;
}

function checkFilters(value: unknown): string | null {
  if (value === undefined) return null;
  if (!Array.isArray(value)) return 'not_array';
  if (value.length > 20) return 'too_many';
  for (const f of value) {
    if (!isPlainRecord(f)) return 'filter_not_object';
    if (Object.keys(f).some((k) => k !== 'name' && k !== 'extensions')) return 'filter_unknown_field';
    if (typeof f.name !== 'string' || f.name.length === 0 || f.name.length > 100) return 'filter_name';
    if (!Array.isArray(f.extensions) || f.extensions.length === 0 || f.extensions.length > 20) {
      return 'filter_extensions';
    }
    for (const ext of f.extensions) {
      // Extensions go to the native dialog verbatim: letters, digits, '-', '_' or the '*' wildcard.
      if (typeof ext !== 'string' || !/^(\*|[A-Za-z0-9_-]{1,16})$/.test(ext)) return 'filter_extension';
    }
  }
  return null;
}
