import { describe, expect, it, vi } from 'vitest';
import type { BranchlineBridge, IpcChannel } from '../../shared/ipc/contract';
import { acceptToFilters, createElectronPlatform } from '../../renderer/platform/electron';
import { detectPlatform } from '../../renderer/platform/index';
import { createWebPlatform } from '../../renderer/platform/web';

function fakeBridge(replies: Partial<Record<IpcChannel, unknown>>) {
  const invoke = vi.fn(async (channel: IpcChannel) => replies[channel]);
  const off = vi.fn();
  const onMenu = vi.fn(() => off);
  return { bridge: { invoke, onMenu } as unknown as BranchlineBridge, invoke, onMenu, off };
}

describe('electron platform adapter', () => {
  it('maps every Platform call onto its contract channel', async () => {
    const data = new Uint8Array([1, 2]);
    const { bridge, invoke, onMenu, off } = fakeBridge({
      'app:version': { version: '0.1.0', electron: '45.5.0', platform: 'linux' },
      'file:save': { saved: true, path: '/u/a.csv' },
      'file:open': { name: 'b.blbak', data },
      'print:pdf': { saved: true, path: '/u/x.pdf' },
    });
    const p = createElectronPlatform(bridge);
    expect(p.kind).toBe('electron');
    expect(await p.appVersion()).toBe('0.1.0');
    expect(await p.saveFile({ suggestedName: 'a.csv', mime: 'text/csv', data })).toEqual({ saved: true, path: '/u/a.csv' });
    expect(invoke).toHaveBeenLastCalledWith('file:save', { suggestedName: 'a.csv', data });
    expect(await p.openFile({ accept: ['.blbak'] })).toEqual({ name: 'b.blbak', data });
    expect(invoke).toHaveBeenLastCalledWith('file:open', { filters: [{ name: 'BLBAK', extensions: ['blbak'] }] });
    expect(await p.printToPdf({ suggestedName: 'x.pdf' })).toEqual({ saved: true });
    const cb = vi.fn();
    expect(p.onMenu(cb)).toBe(off);
    expect(onMenu).toHaveBeenCalledWith(cb);
  });

  it('turns accept lists into one native filter, dropping what the dialog cannot take', () => {
    expect(acceptToFilters(['.csv', '.xlsx'])).toEqual([{ name: 'CSV, XLSX', extensions: ['csv', 'xlsx'] }]);
    expect(acceptToFilters(['*.blbak'])).toEqual([{ name: 'BLBAK', extensions: ['blbak'] }]);
    expect(acceptToFilters(['text/csv', ''])).toBeUndefined();
    expect(acceptToFilters([])).toBeUndefined();
  });
});

describe('platform detection', () => {
  it('uses Electron only when the preload bridge is present', () => {
    expect(detectPlatform(undefined).kind).toBe('web');
    expect(detectPlatform({}).kind).toBe('web');
    expect(detectPlatform({ branchline: fakeBridge({}).bridge }).kind).toBe('electron');
  });

  it('web mode: version from package.json, no menu, print via window.print', async () => {
    const print = vi.fn();
    const p = createWebPlatform({
      document: {} as Document,
      window: { print, setTimeout } as never,
      url: URL,
      now: () => 0,
    });
    expect(p.kind).toBe('web');
    expect(await p.appVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(await p.printToPdf({ suggestedName: 'x.pdf' })).toEqual({ saved: false });
    expect(print).toHaveBeenCalledTimes(1);
    expect(p.onMenu(() => {})).toBeTypeOf('function');
  });
});
