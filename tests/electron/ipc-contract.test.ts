import { describe, expect, it } from 'vitest';
import {
  IPC_CHANNELS,
  MAX_IPC_FILE_BYTES,
  MENU_COMMANDS,
  isIpcChannel,
  isIpcError,
  isMenuCommand,
  validateIpcRequest,
} from '../../shared/ipc/contract';

const bytes = new Uint8Array([1, 2, 3]);

describe('IPC contract', () => {
  it('declares exactly the shell channels, all named area:verb', () => {
    expect([...IPC_CHANNELS].sort()).toEqual(['app:version', 'file:open', 'file:save', 'print:pdf', 'window:set-title']);
    for (const c of IPC_CHANNELS) expect(c).toMatch(/^[a-z]+:[a-z-]+$/);
  });

  it('knows its own channels and nothing else', () => {
    expect(isIpcChannel('file:save')).toBe(true);
    for (const c of ['fs:read', 'toString', '__proto__', 'constructor', '', 42, null]) expect(isIpcChannel(c)).toBe(false);
  });

  describe.each([
    ['app:version', {}],
    ['app:version', undefined],
    ['file:save', { suggestedName: 'backup-2026-05-01.blbak', data: bytes }],
    ['file:save', { suggestedName: '客户.csv', data: new Uint8Array(0), filters: [{ name: 'CSV', extensions: ['csv'] }] }],
    ['file:save', { suggestedName: 'x.bin', data: Buffer.from('node buffers are Uint8Arrays') }],
    ['file:open', {}],
    ['file:open', undefined],
    ['file:open', { filters: [{ name: 'Branchline backup', extensions: ['blbak'] }, { name: 'All files', extensions: ['*'] }] }],
    ['print:pdf', { suggestedName: 'SH-INV-2026-00042.pdf' }],
    ['window:set-title', { title: 'Branchline — Sales Invoice SH-INV-2026-00042' }],
    ['window:set-title', { title: '' }],
  ] as const)('accepts %s %j', (channel, req) => {
    it('validates', () => {
      const r = validateIpcRequest(channel, req);
      expect(r.ok).toBe(true);
    });
  });

  it('returns exactly the validated fields', () => {
    const r = validateIpcRequest('file:save', { suggestedName: 'a.csv', data: bytes });
    expect(r).toEqual({ ok: true, value: { suggestedName: 'a.csv', data: bytes } });
    expect(validateIpcRequest('app:version', undefined)).toEqual({ ok: true, value: {} });
  });

  const oversized = { byteLength: MAX_IPC_FILE_BYTES + 1 };
  it.each([
    ['app:version', 'not an object', '', 'not_object'],
    ['app:version', { sneaky: 1 }, 'sneaky', 'unknown_field'],
    ['file:save', null, '', 'not_object'],
    ['file:save', [], '', 'not_object'],
    ['file:save', { data: bytes }, 'suggestedName', 'required'],
    ['file:save', { suggestedName: 'a.csv' }, 'data', 'required'],
    ['file:save', { suggestedName: 'a.csv', data: [1, 2, 3] }, 'data', 'not_bytes'],
    ['file:save', { suggestedName: 'a.csv', data: new Uint16Array(2) }, 'data', 'not_bytes'],
    ['file:save', { suggestedName: 'a.csv', data: 'text' }, 'data', 'not_bytes'],
    ['file:save', { suggestedName: '../../.bashrc', data: bytes }, 'suggestedName', 'path_separator'],
    ['file:save', { suggestedName: 'C:\\Windows\\evil.dll', data: bytes }, 'suggestedName', 'path_separator'],
    ['file:save', { suggestedName: '   ', data: bytes }, 'suggestedName', 'empty'],
    ['file:save', { suggestedName: '..', data: bytes }, 'suggestedName', 'reserved_name'],
    ['file:save', { suggestedName: 'a\u0000.csv', data: bytes }, 'suggestedName', 'control_chars'],
    ['file:save', { suggestedName: 'x'.repeat(256), data: bytes }, 'suggestedName', 'too_long'],
    ['file:save', { suggestedName: 42, data: bytes }, 'suggestedName', 'not_string'],
    ['file:save', { suggestedName: 'a.csv', data: bytes, path: '/etc/passwd' }, 'path', 'unknown_field'],
    ['file:save', { suggestedName: 'a.csv', data: bytes, filters: 'csv' }, 'filters', 'not_array'],
    ['file:save', { suggestedName: 'a.csv', data: bytes, filters: [{ name: 'CSV', extensions: ['.csv'] }] }, 'filters', 'filter_extension'],
    ['file:save', { suggestedName: 'a.csv', data: bytes, filters: [{ name: 'CSV', extensions: [] }] }, 'filters', 'filter_extensions'],
    ['file:save', { suggestedName: 'a.csv', data: bytes, filters: [{ name: '', extensions: ['csv'] }] }, 'filters', 'filter_name'],
    ['file:open', { filters: [{ name: 'x', extensions: ['csv'], onSelect: 'x' }] }, 'filters', 'filter_unknown_field'],
    ['file:open', { directory: '/' }, 'directory', 'unknown_field'],
    ['print:pdf', {}, 'suggestedName', 'required'],
    ['print:pdf', { suggestedName: '/tmp/x.pdf' }, 'suggestedName', 'path_separator'],
    ['window:set-title', { title: 7 }, 'title', 'not_string'],
    ['window:set-title', { title: 'x'.repeat(201) }, 'title', 'too_long'],
    ['window:set-title', { title: 'line\nbreak' }, 'title', 'control_chars'],
  ] as const)('refuses %s %j (%s: %s)', (channel, req, field, reason) => {
    const r = validateIpcRequest(channel, req);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual({ code: 'ipc.invalid_request', params: { channel, field, reason } });
    expect(isIpcError(r.error)).toBe(true);
  });

  it('refuses byte arrays above the IPC size limit', () => {
    // A real 1 GiB array would be slow to allocate; a Uint8Array view reports its own length,
    // so check the limit logic with a subclass that lies about byteLength.
    class Huge extends Uint8Array {
      override get byteLength() {
        return oversized.byteLength;
      }
    }
    const r = validateIpcRequest('file:save', { suggestedName: 'a.blbak', data: new Huge(1) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.params).toMatchObject({ field: 'data', reason: 'too_large' });
  });

  it('refuses unknown channels with a typed error instead of throwing', () => {
    expect(validateIpcRequest('fs:readFile', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { code: 'ipc.unknown_channel', params: { channel: 'fs:readFile' } },
    });
  });

  it('knows the menu commands', () => {
    expect(MENU_COMMANDS).toContain('app:backup');
    expect(isMenuCommand('lang:zh-CN')).toBe(true);
    expect(isMenuCommand('app:quit-and-wipe')).toBe(false);
    expect(isMenuCommand({ cmd: 'nav:home' })).toBe(false);
  });
});
