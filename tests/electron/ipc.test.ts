import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, WebContents } from 'electron';
import { IPC_CHANNELS, MAX_IPC_FILE_BYTES } from '../../shared/ipc/contract';
import {
  createGuardedHandler,
  createHandlers,
  registerIpcHandlers,
  type HandlerDeps,
  type IpcHandlers,
} from '../../electron/ipc';
import { APP_ORIGIN, appOrigins } from '../../electron/secure-window';

const origins = appOrigins();
const sender = { id: 1 } as unknown as WebContents;
const fromApp = { sender, senderFrame: { url: `${APP_ORIGIN}/index.html#/settings` } };

describe('guarded IPC handlers', () => {
  it.each([
    ['https://evil.example/', 'a remote page'],
    ['app://other/index.html', 'another app:// host'],
    ['file:///tmp/x.html', 'a local file'],
    ['http://localhost:5173/', 'a dev server that is not configured'],
    ['', 'no URL'],
  ])('refuses a sender on %s (%s) without running the handler', async (url) => {
    const handler = vi.fn();
    const guarded = createGuardedHandler('app:version', handler, origins);
    const res = await guarded({ sender, senderFrame: { url } }, {});
    expect(res).toEqual({ ok: false, error: { code: 'ipc.forbidden_sender', params: { channel: 'app:version', origin: url } } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a sender whose frame is gone', async () => {
    const handler = vi.fn();
    const res = await createGuardedHandler('app:version', handler, origins)({ sender, senderFrame: null }, {});
    expect(res.ok).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    [{ suggestedName: '../../../etc/cron.d/x', data: new Uint8Array(1) }],
    [{ suggestedName: 'a.csv', data: 'not bytes' }],
    [{ suggestedName: 'a.csv', data: new Uint8Array(1), overwrite: true }],
    [null],
  ])('refuses an invalid payload %j without running the handler', async (raw) => {
    const handler = vi.fn();
    const res = await createGuardedHandler('file:save', handler, origins)(fromApp, raw);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('ipc.invalid_request');
    expect(handler).not.toHaveBeenCalled();
  });

  it('runs the handler with the validated request and the sender', async () => {
    const handler = vi.fn(async () => ({ saved: true, path: '/x/a.csv' }));
    const data = new Uint8Array([1]);
    const res = await createGuardedHandler('file:save', handler, origins)(fromApp, { suggestedName: 'a.csv', data });
    expect(res).toEqual({ ok: true, value: { saved: true, path: '/x/a.csv' } });
    expect(handler).toHaveBeenCalledWith({ suggestedName: 'a.csv', data }, { sender });
  });

  it('accepts the dev server origin when configured', async () => {
    const guarded = createGuardedHandler('app:version', () => ({ version: '1', electron: '45', platform: 'linux' }), appOrigins('http://localhost:5173'));
    const res = await guarded({ sender, senderFrame: { url: 'http://localhost:5173/#/home' } }, {});
    expect(res.ok).toBe(true);
  });

  it('turns a failing handler into ipc.failed with the cause, never a throw', async () => {
    const onError = vi.fn();
    const err = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    const guarded = createGuardedHandler('print:pdf', () => Promise.reject(err), origins, onError);
    const res = await guarded(fromApp, { suggestedName: 'x.pdf' });
    expect(res).toEqual({
      ok: false,
      error: { code: 'ipc.failed', params: { channel: 'print:pdf', message: 'ENOSPC: no space left on device', cause: 'ENOSPC' } },
    });
    expect(onError).toHaveBeenCalledWith(err);
  });

  it('registers every contract channel and nothing else', async () => {
    const registered = new Map<string, (e: unknown, raw: unknown) => Promise<unknown>>();
    const ipcMain = { handle: (ch: string, fn: (e: unknown, raw: unknown) => Promise<unknown>) => registered.set(ch, fn) };
    const handlers = Object.fromEntries(IPC_CHANNELS.map((c) => [c, vi.fn(() => null)])) as unknown as IpcHandlers;
    registerIpcHandlers(ipcMain as never, handlers, origins);
    expect([...registered.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
    // The registered function is the guarded one: a foreign sender is refused.
    const res = await registered.get('window:set-title')!({ sender, senderFrame: { url: 'https://evil.example' } }, { title: 'x' });
    expect(res).toMatchObject({ ok: false, error: { code: 'ipc.forbidden_sender' } });
    expect(handlers['window:set-title']).not.toHaveBeenCalled();
  });
});

describe('shell handlers', () => {
  function setup(opts: { savePath?: string; openPath?: string; fileSize?: number } = {}) {
    const win = { setTitle: vi.fn() } as unknown as BrowserWindow & { setTitle: ReturnType<typeof vi.fn> };
    const files = new Map<string, Uint8Array>([['/home/u/in.blbak', new Uint8Array([9, 8, 7])]]);
    const deps = {
      app: { getVersion: () => '0.1.0', getPath: () => '/home/u/Documents' },
      dialog: {
        showSaveDialog: vi.fn(async () =>
          opts.savePath ? { canceled: false, filePath: opts.savePath } : { canceled: true, filePath: '' },
        ),
        showOpenDialog: vi.fn(async () =>
          opts.openPath ? { canceled: false, filePaths: [opts.openPath] } : { canceled: true, filePaths: [] },
        ),
      },
      windowOf: vi.fn(() => win),
      fs: {
        writeFile: vi.fn(async (file: string, data: Uint8Array) => void files.set(file, data)),
        readFile: vi.fn(async (file: string) => Buffer.from(files.get(file)!)),
        size: vi.fn(async (file: string) => opts.fileSize ?? files.get(file)!.byteLength),
      },
      versions: { electron: '45.5.0', platform: 'linux' },
    } satisfies HandlerDeps;
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    const caller = { id: 7, printToPDF: vi.fn(async () => Buffer.from(pdf)) } as unknown as WebContents & {
      printToPDF: ReturnType<typeof vi.fn>;
    };
    return { handlers: createHandlers(deps), deps, files, win, ctx: { sender: caller }, caller };
  }

  it('app:version reports app, Electron and platform', async () => {
    const { handlers, ctx } = setup();
    expect(await handlers['app:version']({}, ctx)).toEqual({ version: '0.1.0', electron: '45.5.0', platform: 'linux' });
  });

  it('file:save writes the bytes where the user chose, starting in Documents', async () => {
    const { handlers, deps, files, win, ctx } = setup({ savePath: '/home/u/backups/b.blbak' });
    const data = new Uint8Array([1, 2, 3]);
    const filters = [{ name: 'Branchline backup', extensions: ['blbak'] }];
    expect(await handlers['file:save']({ suggestedName: 'b.blbak', data, filters }, ctx)).toEqual({
      saved: true,
      path: '/home/u/backups/b.blbak',
    });
    expect(deps.dialog.showSaveDialog).toHaveBeenCalledWith(
      win,
      expect.objectContaining({ defaultPath: path.join('/home/u/Documents', 'b.blbak'), filters }),
    );
    expect(files.get('/home/u/backups/b.blbak')).toEqual(data);
  });

  it('file:save writes nothing when the user cancels', async () => {
    const { handlers, deps, ctx } = setup();
    expect(await handlers['file:save']({ suggestedName: 'b.blbak', data: new Uint8Array(1) }, ctx)).toEqual({ saved: false });
    expect(deps.fs.writeFile).not.toHaveBeenCalled();
  });

  it('file:open returns the chosen file name and exactly its bytes', async () => {
    const { handlers, ctx } = setup({ openPath: '/home/u/in.blbak' });
    const res = await handlers['file:open']({ filters: [{ name: 'Backup', extensions: ['blbak'] }] }, ctx);
    expect(res).not.toBeNull();
    expect(res!.name).toBe('in.blbak');
    expect(Array.from(res!.data)).toEqual([9, 8, 7]);
    expect(res!.data.byteLength).toBe(3);
  });

  it('file:open returns null on cancel and refuses files too large for IPC before reading them', async () => {
    expect(await setup().handlers['file:open']({}, setup().ctx)).toBeNull();
    const big = setup({ openPath: '/home/u/in.blbak', fileSize: MAX_IPC_FILE_BYTES + 1 });
    await expect(big.handlers['file:open']({}, big.ctx)).rejects.toMatchObject({ code: 'file_too_large' });
    expect(big.deps.fs.readFile).not.toHaveBeenCalled();
  });

  it('print:pdf asks where first, then prints the calling window and saves the PDF', async () => {
    const { handlers, files, caller, deps, ctx } = setup({ savePath: '/home/u/inv.pdf' });
    expect(await handlers['print:pdf']({ suggestedName: 'inv.pdf' }, ctx)).toEqual({ saved: true, path: '/home/u/inv.pdf' });
    expect(caller.printToPDF).toHaveBeenCalledTimes(1);
    expect(deps.dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ filters: [{ name: 'PDF', extensions: ['pdf'] }] }),
    );
    expect(Array.from(files.get('/home/u/inv.pdf')!)).toEqual([0x25, 0x50, 0x44, 0x46]);
  });

  it('print:pdf renders nothing when the user cancels', async () => {
    const { handlers, caller, ctx } = setup();
    expect(await handlers['print:pdf']({ suggestedName: 'inv.pdf' }, ctx)).toEqual({ saved: false });
    expect(caller.printToPDF).not.toHaveBeenCalled();
  });

  it('window:set-title sets the title of the calling window; a vanished window is an error', async () => {
    const { handlers, win, deps, ctx } = setup();
    await handlers['window:set-title']({ title: 'Branchline — Customers' }, ctx);
    expect(win.setTitle).toHaveBeenCalledWith('Branchline — Customers');
    deps.windowOf.mockReturnValue(null as never);
    expect(() => handlers['window:set-title']({ title: 'x' }, ctx)).toThrow(/no longer exists/);
  });
});
