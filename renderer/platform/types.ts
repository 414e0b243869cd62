/**
 * The renderer's view of the host it runs in: Electron (native dialogs, print to PDF, menu) or a
 * plain browser ("web mode": downloads, <input type=file>, window.print()).
 *
 * Screens depend on `Platform` only, never on `window.branchline` or Electron, so the same UI
 * runs in both hosts and in Playwright.
 */
import type { FileFilter, MenuCommand } from '../../shared/ipc/contract';

export type { FileFilter, MenuCommand };

export interface SaveFileOptions {
  /** File name offered to the user, e.g. `branchline-2026-05-01.blbak`. No directory part. */
  suggestedName: string;
  /** MIME type of `data` (web mode labels the download with it). */
  mime: string;
  data: Uint8Array;
  /** Native save-dialog filters (Electron only; browsers decide themselves). */
  filters?: FileFilter[];
}

export interface OpenFileOptions {
  /** Accepted extensions with the dot, e.g. `['.blbak']` or `['.csv', '.xlsx']`. */
  accept: string[];
}

export interface Platform {
  kind: 'electron' | 'web';
  appVersion(): Promise<string>;
  /** `saved: false` when the user cancelled. Web mode cannot know and reports `saved: true`. */
  saveFile(opts: SaveFileOptions): Promise<{ saved: boolean; path?: string }>;
  /** `null` when the user cancelled. */
  openFile(opts: OpenFileOptions): Promise<{ name: string; data: Uint8Array } | null>;
  /**
   * Electron: print the window to a PDF the user saves. Web: open the browser's print dialog,
   * whose outcome the page cannot see, so it reports `saved: false`.
   */
  printToPdf(opts: { suggestedName: string }): Promise<{ saved: boolean }>;
  /** Subscribe to native menu commands; returns the unsubscribe function. */
  onMenu(cb: (cmd: MenuCommand) => void): () => void;
}
