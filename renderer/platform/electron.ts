/**
 * Platform adapter for the Electron shell: every call goes through `window.branchline.invoke`
 * (the preload bridge), which checks the channel and request against the shared IPC contract.
 */
import type { BranchlineBridge, FileFilter } from '../../shared/ipc/contract';
import type { Platform } from './types';

/** `['.csv', '.xlsx']` -> one native dialog filter `{ name: 'CSV, XLSX', extensions: ['csv', 'xlsx'] }`. */
export function acceptToFilters(accept: readonly string[]): FileFilter[] | undefined {
  const extensions = accept
    .map((a) => a.trim().replace(/^\*?\./, ''))
    .filter((e) => /^[A-Za-z0-9_-]{1,16}$/.test(e));
  if (extensions.length === 0) return undefined;
  return [{ name: extensions.map((e) => e.toUpperCase()).join(', '), extensions }];
}

export function createElectronPlatform(bridge: BranchlineBridge): Platform {
  return {
    kind: 'electron',
    async appVersion() {
      return (await bridge.invoke('app:version', {})).version;
    },
    saveFile({ suggestedName, data, filters }) {
      return bridge.invoke('file:save', filters ? { suggestedName, data, filters } : { suggestedName, data });
    },
    openFile({ accept }) {
      const filters = acceptToFilters(accept);
      return bridge.invoke('file:open', filters ? { filters } : {});
    },
    async printToPdf({ suggestedName }) {
      const { saved } = await bridge.invoke('print:pdf', { suggestedName });
      return { saved };
    },
    onMenu(cb) {
      return bridge.onMenu(cb);
    },
  };
}
