import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BranchlineBridge } from '../../shared/ipc/contract';

// The preload runs `contextBridge.exposeInMainWorld` on import; capture what it exposes.
const fakes = vi.hoisted(() => {
  return {
    exposed: {} as Record<string, unknown>,
    ipcRenderer: null as unknown as {
      invoke: ReturnType<typeof vi.fn>;
      on: (ch: string, l: (...a: unknown[]) => void) => void;
      removeListener: (ch: string, l: (...a: unknown[]) => void) => void;
      emit: (ch: string, ...a: unknown[]) => boolean;
      listenerCount: (ch: string) => number;
    },
  };
});

vi.mock('electron', async () => {
  const { EventEmitter: EE } = await import('node:events');
  const emitter = new EE();
  fakes.ipcRenderer = Object.assign(emitter, { invoke: vi.fn() }) as unknown as typeof fakes.ipcRenderer;
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (fakes.exposed[key] = api) },
    ipcRenderer: fakes.ipcRenderer,
  };
});

let bridge: BranchlineBridge;

beforeAll(async () => {
  await import('../../electron/preload');
  bridge = fakes.exposed.branchline as BranchlineBridge;
});

beforeEach(() => {
  fakes.ipcRenderer.invoke.mockReset();
});

describe('preload bridge', () => {
  it('exposes only window.branchline with invoke and onMenu', () => {
    expect(Object.keys(fakes.exposed)).toEqual(['branchline']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onMenu']);
  });

  it.each(['fs:readFile', 'shell:openExternal', 'menu:command', '__proto__', 'app:version '])(
    'refuses the channel %j without touching ipcRenderer',
    async (channel) => {
      await expect(bridge.invoke(channel as 'app:version', {})).rejects.toEqual({
        code: 'ipc.unknown_channel',
        params: { channel },
      });
      expect(fakes.ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('refuses an invalid request before sending it', async () => {
    await expect(
      bridge.invoke('file:save', { suggestedName: '../x', data: new Uint8Array(1) }),
    ).rejects.toMatchObject({ code: 'ipc.invalid_request', params: { field: 'suggestedName' } });
    expect(fakes.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('sends a valid request and unwraps the reply', async () => {
    fakes.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: { saved: true, path: '/home/u/a.csv' } });
    const data = new Uint8Array([65]);
    await expect(bridge.invoke('file:save', { suggestedName: 'a.csv', data })).resolves.toEqual({
      saved: true,
      path: '/home/u/a.csv',
    });
    expect(fakes.ipcRenderer.invoke).toHaveBeenCalledWith('file:save', { suggestedName: 'a.csv', data });
  });

  it('rejects with the typed error main sent', async () => {
    const error = { code: 'ipc.forbidden_sender', params: { channel: 'app:version', origin: 'https://evil.example' } };
    fakes.ipcRenderer.invoke.mockResolvedValue({ ok: false, error });
    await expect(bridge.invoke('app:version', {})).rejects.toEqual(error);
  });

  it('turns a malformed reply into ipc.failed', async () => {
    fakes.ipcRenderer.invoke.mockResolvedValue('surprise');
    await expect(bridge.invoke('app:version', {})).rejects.toMatchObject({ code: 'ipc.failed' });
  });

  it('delivers known menu commands only, without the IPC event, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = bridge.onMenu((...args) => seen.push(args));
    const event = { sender: { secret: true } };
    fakes.ipcRenderer.emit('menu:command', event, 'app:backup');
    fakes.ipcRenderer.emit('menu:command', event, 'rm -rf');
    fakes.ipcRenderer.emit('menu:command', event, { cmd: 'nav:home' });
    expect(seen).toEqual([['app:backup']]);
    expect(fakes.ipcRenderer.listenerCount('menu:command')).toBe(1);
    off();
    expect(fakes.ipcRenderer.listenerCount('menu:command')).toBe(0);
    fakes.ipcRenderer.emit('menu:command', event, 'nav:home');
    expect(seen).toHaveLength(1);
  });
});
