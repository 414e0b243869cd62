/**
 * Toasts plus the notification centre: every success or failure the user should know about
 * is shown briefly as a Mantine toast and kept (newest first) in the store's notice list, so
 * the bell's drawer can show what happened after the toast is gone.
 */
import { notifications } from '@mantine/notifications';
import { useApp } from '../state/app.store';

/** `toast: false` when the screen already shows the message in place (kept in the centre only). */
export function notify(kind: 'success' | 'error' | 'info', title: string, message?: string, opts: { toast?: boolean } = {}): void {
  useApp.getState().addNotice({ kind, title, message });
  if (opts.toast === false) return;
  notifications.show({
    title,
    message: message ?? '',
    color: kind === 'success' ? 'teal' : kind === 'error' ? 'red' : 'blue',
    autoClose: kind === 'error' ? 8000 : 4000,
  });
}
