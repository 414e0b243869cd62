/**
 * Platform adapter for web mode (any Chromium-based browser, and Playwright).
 *
 * - saveFile: a Blob download through a temporary <a download>.
 * - openFile: a hidden <input type=file data-testid="platform-file-input"> appended to <body>;
 *   resolves null on the input's `cancel` event. End-to-end tests call setInputFiles on it
 *   (preferably after `page.waitForEvent('filechooser')`; see the note in openFile).
 * - printToPdf: window.print() (the browser's dialog offers "Save as PDF").
 * - onMenu: there is no native menu; the returned unsubscribe does nothing.
 */
import { version as packageVersion } from '../../package.json';
import type { Platform } from './types';

export const FILE_INPUT_TEST_ID = 'platform-file-input';

/** Cancels sooner than this after opening the picker are not a person's (see openFile). */
export const INSTANT_CANCEL_MS = 250;

/** The browser globals web mode uses, injectable for tests. */
export interface WebPlatformEnv {
  document: Document;
  window: Pick<Window, 'print' | 'setTimeout'>;
  url: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'>;
  now: () => number;
}

export function createWebPlatform(env?: WebPlatformEnv): Platform {
  const e = (): WebPlatformEnv => env ?? { document, window, url: URL, now: () => performance.now() };
  /** Settles the open picker's promise with null (when a newer picker replaces it). */
  let settlePending: (() => void) | undefined;
  return {
    kind: 'web',
    async appVersion() {
      return packageVersion;
    },
    async saveFile({ suggestedName, mime, data }) {
      const { document: doc, window: win, url } = e();
      // Copy into a plain ArrayBuffer-backed view: Blob refuses views over SharedArrayBuffer.
      const blob = new Blob([new Uint8Array(data)], { type: mime || 'application/octet-stream' });
      const href = url.createObjectURL(blob);
      const a = doc.createElement('a');
      a.href = href;
      a.download = suggestedName;
      a.rel = 'noopener';
      a.style.display = 'none';
      doc.body.appendChild(a);
      a.click();
      a.remove();
      // Revoking synchronously can cancel the download in some browsers; give it a moment.
      win.setTimeout(() => url.revokeObjectURL(href), 10_000);
      return { saved: true };
    },
    openFile({ accept }) {
      const { document: doc, now } = e();
      // Only one picker at a time: settle the previous one (as cancelled) and drop its input,
      // so the test id stays unique.
      settlePending?.();
      doc.querySelectorAll(`input[data-testid="${FILE_INPUT_TEST_ID}"]`).forEach((el) => el.remove());
      const input = doc.createElement('input');
      input.type = 'file';
      input.accept = accept.join(',');
      input.setAttribute('data-testid', FILE_INPUT_TEST_ID);
      input.style.display = 'none';
      doc.body.appendChild(input);
      return new Promise((resolve, reject) => {
        let openedAt = 0;
        const done = () => {
          input.removeEventListener('change', onChange);
          input.removeEventListener('cancel', onCancel);
          input.remove();
          if (settlePending === cancelThis) settlePending = undefined;
        };
        const cancelThis = () => {
          done();
          resolve(null);
        };
        const onCancel = () => {
          // A cancel faster than any person could press Esc means no picker was shown at all:
          // headless Chromium (Playwright without a file-chooser listener) dismisses it within
          // a few ms. Keep waiting, so setInputFiles on the input still delivers the file.
          if (now() - openedAt < INSTANT_CANCEL_MS) return;
          cancelThis();
        };
        const onChange = () => {
          const file = input.files?.[0];
          done();
          if (!file) return resolve(null);
          file.arrayBuffer().then((buf) => resolve({ name: file.name, data: new Uint8Array(buf) }), reject);
        };
        settlePending = cancelThis;
        input.addEventListener('change', onChange);
        input.addEventListener('cancel', onCancel);
        openedAt = now();
        input.click();
      });
    },
    async printToPdf() {
      e().window.print();
      return { saved: false };
    },
    onMenu() {
      return () => {};
    },
  };
}
