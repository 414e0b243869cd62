/**
 * Commands reachable from several places (header, command palette, native menu): log out,
 * save a backup, toggle theme, switch language. They read the store directly so a menu
 * callback registered once always acts on the current session.
 */
import { createBackup, logout, translate, errorMessage, type Lang } from '../../shared/api';
import { platform } from '../platform';
import { useApp } from '../state/app.store';
import { notify } from './notify';

/** Log out to the company picker (or, with `toLogin`, straight to this company's login screen). */
export function logoutNow(toLogin = false): void {
  const { session, setSession, setLoginCompany, clearNotices } = useApp.getState();
  if (session) {
    try {
      logout(session);
    } catch {
      // the database may already be closed (after a replace-restore); nothing else to undo
    }
  }
  // the notification centre belongs to the signed-in user: the next user must not read it
  clearNotices();
  setSession(null);
  setLoginCompany(toLogin && session ? session.company : null);
}

export async function saveBackupNow(): Promise<void> {
  const { session, lang } = useApp.getState();
  if (!session) return;
  try {
    const { bytes, fileName } = await createBackup(session, await platform.appVersion());
    const res = await platform.saveFile({ suggestedName: fileName, mime: 'application/octet-stream', data: bytes, filters: [{ name: translate(lang, 'backup.file_kind'), extensions: ['blbak'] }] });
    if (res.saved) notify('success', translate(lang, 'backup.saved'), res.path ?? fileName);
  } catch (e) {
    notify('error', translate(lang, 'backup.save_failed'), errorMessage(lang, e));
  }
}

export function toggleTheme(): void {
  const { theme, setTheme } = useApp.getState();
  setTheme(theme === 'dark' ? 'light' : 'dark');
}

export function switchLang(lang: Lang): void {
  useApp.getState().setLang(lang);
}
