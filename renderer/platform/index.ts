/**
 * `platform`: the host adapter the UI uses for files, printing, version and the native menu.
 * Electron when the preload bridge (`window.branchline`) is present, the browser otherwise.
 */
import type { BranchlineBridge } from '../../shared/ipc/contract';
import { createElectronPlatform } from './electron';
import type { Platform } from './types';
import { createWebPlatform } from './web';

export type { OpenFileOptions, Platform, SaveFileOptions } from './types';
export { createElectronPlatform } from './electron';
export { createWebPlatform } from './web';

declare global {
  interface Window {
    /** Set by electron/preload.ts; absent in web mode. */
    branchline?: BranchlineBridge;
  }
}

export function detectPlatform(win: { branchline?: BranchlineBridge } | undefined): Platform {
  return win?.branchline ? createElectronPlatform(win.branchline) : createWebPlatform();
}

export const platform: Platform = detectPlatform(typeof window === 'undefined' ? undefined : window);
